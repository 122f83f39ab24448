"""Gold in the database: the gold set of each document, its spans, relations and
links with their provenance, and the writes of one gold change.

Like every storage module: each function takes a Session opened by
the caller and never commits. Gold items come and go as core values
(:class:`~annotator.core.adjudication.GoldSpan`, ``GoldRelation``, ``GoldLink``);
the gold set is known outside by its id only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import String, cast, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from annotator.core.adjudication import GoldLink, GoldRelation, GoldSpan
from annotator.core.errors import NotFound
from annotator.core.values import Span
from annotator.storage.database import begin_write, get_or_create
from annotator.storage.kinds import ANNOTATION, GOLD, GOLD_OWNER
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    DocumentRow,
    LinkRow,
    RelationRow,
    SpanRow,
    table_of,
    utcnow,
)
from annotator.storage.team import JsonTexts, driver_rows, gold_owner_id, json_object

__all__ = [
    "JsonTexts", "annotator_span_at", "apply_gold_change", "duplicates_refused", "gold_links", "gold_relations",
    "gold_set_id", "insert_gold_spans", "lock_gold", "proposers", "provenance_texts", "spans_with_provenance",
]


def lock_gold(session: Session) -> None:
    """Take the write lock before reading the gold a change is planned against (see
    :func:`annotator.storage.database.begin_write`): two adjudicators' changes then
    run one after the other, the second planned against what the first stored."""
    begin_write(session)


@contextmanager
def duplicates_refused(error: Callable[[], Exception]) -> Iterator[None]:
    """The database's unique keys on gold, as the caller's error: a unique-key
    violation inside the block (at a flush or at the commit) raises ``error()``."""
    try:
        yield
    except IntegrityError as exc:
        if "unique" not in str(exc.orig).lower():
            raise
        raise error() from exc


# -- the gold set ------------------------------------------------------------------------------

def _gold_set(session: Session, doc_id: str, *, create: bool) -> AnnotationSetRow | None:
    q = (select(AnnotationSetRow).join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
         .where(AnnotationSetRow.document_id == doc_id, AnnotatorRow.name == GOLD_OWNER,
                AnnotationSetRow.kind == GOLD))
    row = session.scalar(q)
    if row is None and create:
        if session.get(DocumentRow, doc_id) is None:
            raise NotFound(f"no document with id {doc_id!r} in this project")
        owner = gold_owner_id(session)
        row = get_or_create(session, lambda: session.scalar(q),
                            lambda: AnnotationSetRow(document_id=doc_id, annotator_id=owner, kind=GOLD,
                                                     status="in_progress"))
    return row


def gold_set_id(session: Session, doc_id: str, *, create: bool) -> int | None:
    """The id of the document's gold set (None if it has none and *create* is false)."""
    row = _gold_set(session, doc_id, create=create)
    return None if row is None else row.id


# -- reading gold ------------------------------------------------------------------------------

def provenance_texts(session: Session, set_id: int) -> dict[str, str | None]:
    """uid -> provenance JSON text of every span of one set."""
    return dict(driver_rows(session, f"SELECT uid, CAST(provenance AS TEXT) FROM spans WHERE set_id = {int(set_id)}"))


def spans_with_provenance(session: Session, set_id: int) -> list[tuple[Span, dict[str, Any]]]:
    """(span, provenance) of every span of one set (identical JSON texts decoded once)."""
    rows = driver_rows(session, "SELECT uid, start_offset, end_offset, label, CAST(attrs AS TEXT), "
                                f"CAST(provenance AS TEXT), comment, unsure FROM spans WHERE set_id = {int(set_id)}")
    decoded: dict[str | None, dict[str, Any]] = {}

    def load(raw: str | None) -> dict[str, Any]:
        value = decoded.get(raw)
        if value is None:
            value = decoded[raw] = json_object(raw)
        return dict(value)

    return [(Span(uid, s, e, lab, load(a), comment or "", bool(unsure)), load(p))
            for uid, s, e, lab, a, p, comment, unsure in rows]


def gold_relations(session: Session, set_id: int) -> list[GoldRelation]:
    head, tail = aliased(SpanRow), aliased(SpanRow)
    q = (select(RelationRow.uid, RelationRow.type, head.uid, tail.uid, cast(RelationRow.attrs, String),
                cast(RelationRow.provenance, String))
         .join(head, head.pk == RelationRow.head_pk).join(tail, tail.pk == RelationRow.tail_pk)
         .where(RelationRow.set_id == set_id))
    return [GoldRelation(u, t, h, tl, json_object(a), json_object(p)) for u, t, h, tl, a, p in session.execute(q)]


def gold_links(session: Session, doc_id: str) -> list[GoldLink]:
    """Gold links with an end in the document."""
    src, tgt = aliased(SpanRow), aliased(SpanRow)
    src_set, tgt_set = aliased(AnnotationSetRow), aliased(AnnotationSetRow)
    q = (select(LinkRow.uid, LinkRow.type, src_set.document_id, src.uid, tgt_set.document_id, tgt.uid,
                cast(LinkRow.provenance, String))
         .join(src, src.pk == LinkRow.source_pk).join(src_set, src_set.id == src.set_id)
         .join(tgt, tgt.pk == LinkRow.target_pk).join(tgt_set, tgt_set.id == tgt.set_id)
         .where(LinkRow.kind == GOLD)
         .where((src_set.document_id == doc_id) | (tgt_set.document_id == doc_id)))
    return [GoldLink(u, t, (sd, su), (td, tu), json_object(p)) for u, t, sd, su, td, tu, p in session.execute(q)]


# -- the annotators' spans a gold item credits ---------------------------------------------

def annotator_span_at(session: Session, doc_id: str, annotator: str, start: int, end: int) -> Span | None:
    """The annotator's span at exactly [start, end) of the document (the first label), if any."""
    row = session.execute(
        select(SpanRow.uid, SpanRow.start, SpanRow.end, SpanRow.label, SpanRow.attrs)
        .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(AnnotationSetRow.document_id == doc_id, AnnotatorRow.name == annotator,
               AnnotationSetRow.kind == ANNOTATION, SpanRow.start == start, SpanRow.end == end)
        .order_by(SpanRow.label)).first()
    return None if row is None else Span(row[0], row[1], row[2], row[3], dict(row[4] or {}))


def proposers(session: Session, doc_id: str, start: int, end: int, label: str) -> list[str]:
    """The annotators who made this exact span of the document, sorted."""
    return sorted(set(session.scalars(
        select(AnnotatorRow.name).join(AnnotationSetRow, AnnotationSetRow.annotator_id == AnnotatorRow.id)
        .join(SpanRow, SpanRow.set_id == AnnotationSetRow.id)
        .where(AnnotationSetRow.document_id == doc_id, AnnotationSetRow.kind == ANNOTATION,
               SpanRow.start == start, SpanRow.end == end, SpanRow.label == label))))


# -- writing gold ------------------------------------------------------------------------------

def _span_pk(session: Session, set_id: int, uid: str) -> int:
    pk = session.scalar(select(SpanRow.pk).where(SpanRow.set_id == set_id, SpanRow.uid == uid))
    if pk is None:
        raise NotFound(f"no span {uid!r} in this annotation set")
    return pk


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def insert_gold_spans(session: Session, set_id: int, items: Sequence[tuple[Span, dict[str, Any]]]) -> None:
    """Insert gold spans with their provenance in one statement."""
    if not items:
        return
    now = utcnow()
    session.execute(table_of(SpanRow).insert(), [
        {"set_id": set_id, "kind": GOLD, "uid": s.id, "start_offset": s.start, "end_offset": s.end,
         "label": s.label, "attrs": dict(s.attrs), "provenance": prov, "comment": s.comment, "unsure": s.unsure,
         "created_at": now, "updated_at": now}
        for s, prov in items])


def _update_gold_span(session: Session, set_id: int, span: Span, provenance: dict[str, Any]) -> None:
    row = session.scalar(select(SpanRow).where(SpanRow.set_id == set_id, SpanRow.uid == span.id))
    if row is None:
        raise NotFound(f"no gold span {span.id!r}")
    row.start, row.end, row.label = span.start, span.end, span.label
    row.attrs, row.provenance = dict(span.attrs), provenance
    row.comment, row.unsure = span.comment, span.unsure
    row.updated_at = utcnow()


def _delete_gold_spans(session: Session, set_id: int, uids: Sequence[str]) -> None:
    for chunk in _chunks(list(uids)):
        session.execute(delete(SpanRow).where(SpanRow.set_id == set_id, SpanRow.uid.in_(chunk)))


def _span_pks(session: Session, set_id: int) -> dict[str, int]:
    return {uid: pk for uid, pk in session.execute(select(SpanRow.uid, SpanRow.pk).where(SpanRow.set_id == set_id))}


def _insert_gold_relations(session: Session, set_id: int, rels: Sequence[GoldRelation]) -> None:
    if not rels:
        return
    pks = _span_pks(session, set_id)
    now = utcnow()
    rows = []
    for rel in rels:
        if rel.head_uid not in pks or rel.tail_uid not in pks:
            raise NotFound(f"gold relation {rel.uid!r} needs gold spans {rel.head_uid!r} and {rel.tail_uid!r}")
        rows.append({"set_id": set_id, "kind": GOLD, "uid": rel.uid, "type": rel.type, "head_pk": pks[rel.head_uid],
                     "tail_pk": pks[rel.tail_uid], "attrs": dict(rel.attrs), "provenance": rel.provenance,
                     "created_at": now})
    session.execute(table_of(RelationRow).insert(), rows)


def _delete_gold_relations(session: Session, set_id: int, uids: Sequence[str]) -> None:
    for chunk in _chunks(list(uids)):
        session.execute(delete(RelationRow).where(RelationRow.set_id == set_id, RelationRow.uid.in_(chunk)))


def _update_gold_relation(session: Session, set_id: int, rel: GoldRelation) -> None:
    row = session.scalar(select(RelationRow).where(RelationRow.set_id == set_id, RelationRow.uid == rel.uid))
    if row is None:
        raise NotFound(f"no gold relation {rel.uid!r}")
    row.type, row.attrs, row.provenance = rel.type, dict(rel.attrs), rel.provenance
    row.head_pk = _span_pk(session, set_id, rel.head_uid)
    row.tail_pk = _span_pk(session, set_id, rel.tail_uid)


def _insert_gold_link(session: Session, link: GoldLink) -> None:
    ends = []
    for doc_id, uid in (link.source, link.target):
        set_id = gold_set_id(session, doc_id, create=False)
        if set_id is None:
            raise NotFound(f"document {doc_id!r} has no gold yet")
        ends.append(_span_pk(session, set_id, uid))
    session.add(LinkRow(uid=link.uid, type=link.type, source_pk=ends[0], target_pk=ends[1],
                        annotator_id=gold_owner_id(session), kind=GOLD, provenance=link.provenance,
                        created_at=utcnow()))


def _delete_gold_links(session: Session, uids: Sequence[str]) -> None:
    for chunk in _chunks(list(uids)):
        session.execute(delete(LinkRow).where(LinkRow.uid.in_(chunk), LinkRow.kind == GOLD))


def _update_gold_link(session: Session, link: GoldLink) -> None:
    row = session.scalar(select(LinkRow).where(LinkRow.uid == link.uid, LinkRow.kind == GOLD))
    if row is None:
        raise NotFound(f"no gold link {link.uid!r}")
    row.type, row.provenance = link.type, link.provenance


def apply_gold_change(session: Session, doc_id: str,
                      spans: tuple[Mapping[str, GoldSpan], Mapping[str, GoldSpan]],
                      relations: tuple[Mapping[str, GoldRelation], Mapping[str, GoldRelation]],
                      links: tuple[Mapping[str, GoldLink], Mapping[str, GoldLink]]) -> int:
    """Write one change to the document's gold, given each kind of item (before, after) by
    uid: delete what is only before, update what differs, insert what is only after
    (creating the gold set if needed). Returns the gold set's id."""
    (spans_before, spans_after), (relations_before, relations_after), (links_before, links_after) = \
        spans, relations, links
    set_row = _gold_set(session, doc_id, create=True)
    assert set_row is not None
    set_id = set_row.id
    _delete_gold_links(session, sorted(links_before.keys() - links_after.keys()))
    _delete_gold_relations(session, set_id, sorted(relations_before.keys() - relations_after.keys()))
    _delete_gold_spans(session, set_id, sorted(spans_before.keys() - spans_after.keys()))
    session.flush()
    inserts = []
    for uid, gold in spans_after.items():
        if uid in spans_before:
            if spans_before[uid] != gold:
                _update_gold_span(session, set_id, gold.span, gold.provenance)
        else:
            inserts.append((gold.span, gold.provenance))
    insert_gold_spans(session, set_id, inserts)
    session.flush()
    new_relations = []
    for uid, rel in relations_after.items():
        if uid in relations_before:
            if relations_before[uid] != rel:
                _update_gold_relation(session, set_id, rel)
        else:
            new_relations.append(rel)
    _insert_gold_relations(session, set_id, new_relations)
    for uid, link in links_after.items():
        if uid in links_before:
            if links_before[uid] != link:
                _update_gold_link(session, link)
        else:
            _insert_gold_link(session, link)
    session.flush()
    set_row.updated_at = utcnow()
    return set_id
