"""Repository functions for teams: annotators and roles, assignments, progress,
and the rows adjudication reads and writes (all sets of a document, gold).

Like :mod:`annotator.storage.repository`: each function takes a Session opened by
the caller and never commits. Reads return core value objects or plain tuples.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, delete, func, select
from sqlalchemy.orm import Session, aliased

from annotator.core.adjudication import LinkItem, RelationItem
from annotator.core.span_diff import SpanColumns
from annotator.core.errors import NotFound
from annotator.core.values import Span
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    AssignmentRow,
    DocumentRow,
    LinkRow,
    RelationRow,
    SpanRow,
    utcnow,
)
from annotator.storage.database import begin_write
from annotator.storage.repository import ANNOTATION, GOLD, GOLD_OWNER, AnnotationSetRef, get_or_create


def _loads(raw: Any) -> dict[str, Any]:
    """A JSON column read as text: decode only when it holds something."""
    if raw is None or raw == "{}" or raw == "null":
        return {}
    if isinstance(raw, dict):
        return dict(raw)
    return dict(json.loads(raw))


# -- annotators ---------------------------------------------------------------------

def find_annotator(session: Session, name: str) -> AnnotatorRow | None:
    return session.scalar(select(AnnotatorRow).where(AnnotatorRow.name == name))


def require_annotator(session: Session, name: str) -> AnnotatorRow:
    row = find_annotator(session, name)
    if row is None:
        raise NotFound(f"no annotator named {name!r} in this project "
                       f"(add one with: annotator annotators add {name} --role annotator)")
    return row


def annotator_rows(session: Session) -> list[AnnotatorRow]:
    return list(session.scalars(select(AnnotatorRow).order_by(AnnotatorRow.name)))


def gold_owner_id(session: Session) -> int:
    row = get_or_create(session, lambda: find_annotator(session, GOLD_OWNER),
                        lambda: AnnotatorRow(name=GOLD_OWNER, role="adjudicator"))
    return row.id


# -- assignments ----------------------------------------------------------------------

def assign(session: Session, doc_ids: Sequence[str], annotator_ids: Sequence[int],
           by: str | None) -> list[tuple[str, int]]:
    """Assign each document to each annotator; returns the (document, annotator id) pairs that are new."""
    existing = {(d, a) for d, a in session.execute(
        select(AssignmentRow.document_id, AssignmentRow.annotator_id)
        .where(AssignmentRow.document_id.in_(doc_ids), AssignmentRow.annotator_id.in_(annotator_ids)))}
    now = utcnow()
    new = [(d, a) for d in doc_ids for a in annotator_ids if (d, a) not in existing]
    for d, a in new:
        session.add(AssignmentRow(document_id=d, annotator_id=a, assigned_at=now, assigned_by=by))
    session.flush()
    return new


def unassign(session: Session, doc_ids: Sequence[str], annotator_ids: Sequence[int]) -> int:
    result = session.execute(delete(AssignmentRow).where(AssignmentRow.document_id.in_(doc_ids),
                                                         AssignmentRow.annotator_id.in_(annotator_ids)))
    return int(result.rowcount or 0)


def assignments(session: Session, doc_ids: Sequence[str] | None = None) -> list[tuple[str, str, datetime, str | None]]:
    """(document id, annotator name, assigned at, assigned by), in document then name order."""
    q = (select(AssignmentRow.document_id, AnnotatorRow.name, AssignmentRow.assigned_at, AssignmentRow.assigned_by)
         .join(AnnotatorRow, AnnotatorRow.id == AssignmentRow.annotator_id)
         .order_by(AssignmentRow.document_id, AnnotatorRow.name))
    if doc_ids is not None:
        q = q.where(AssignmentRow.document_id.in_(doc_ids))
    return [tuple(r) for r in session.execute(q)]  # type: ignore[misc]


def assigned_documents(session: Session, annotator_id: int) -> list[str]:
    """The annotator's assigned documents, oldest assignment first (then by id)."""
    return list(session.scalars(
        select(AssignmentRow.document_id).where(AssignmentRow.annotator_id == annotator_id)
        .order_by(AssignmentRow.assigned_at, AssignmentRow.pk, AssignmentRow.document_id)))


# -- sets and progress ----------------------------------------------------------------------

@dataclass(frozen=True)
class SetInfo:
    set_id: int
    document_id: str
    annotator: str
    kind: str
    status: str
    time_spent_seconds: int
    spans: int
    updated_at: datetime | None


def set_infos(session: Session, doc_ids: Sequence[str] | None = None, annotators: Sequence[str] | None = None,
              kinds: Iterable[str] = (ANNOTATION,)) -> list[SetInfo]:
    q = (select(AnnotationSetRow.id, AnnotationSetRow.document_id, AnnotatorRow.name, AnnotationSetRow.kind,
                AnnotationSetRow.status, AnnotationSetRow.time_spent_seconds, func.count(SpanRow.pk),
                AnnotationSetRow.updated_at)
         .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
         .outerjoin(SpanRow, SpanRow.set_id == AnnotationSetRow.id)
         .where(AnnotationSetRow.kind.in_(list(kinds)))
         .group_by(AnnotationSetRow.id, AnnotationSetRow.document_id, AnnotatorRow.name, AnnotationSetRow.kind,
                   AnnotationSetRow.status, AnnotationSetRow.time_spent_seconds, AnnotationSetRow.updated_at)
         .order_by(AnnotationSetRow.document_id, AnnotatorRow.name))
    if doc_ids is not None:
        q = q.where(AnnotationSetRow.document_id.in_(list(doc_ids)))
    if annotators is not None:
        q = q.where(AnnotatorRow.name.in_(list(annotators)))
    return [SetInfo(*r) for r in session.execute(q)]


def add_time(session: Session, set_ref: AnnotationSetRef, seconds: int) -> int:
    set_row = session.get(AnnotationSetRow, set_ref.id)
    assert set_row is not None, "a set found in this transaction"
    set_row.time_spent_seconds = (set_row.time_spent_seconds or 0) + seconds
    return set_row.time_spent_seconds


# -- reading whole documents' annotations --------------------------------------------------

def _driver_rows(session: Session, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a plain SELECT through the database driver's own cursor, in the
    session's transaction: no per-row work in Python beyond the driver's. Only for
    statements built here from constants and integers."""
    dbapi = session.connection().connection.driver_connection
    cursor = dbapi.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def spans_by_set(session: Session, doc_id: str, annotators: Sequence[str] | None = None,
                 kinds: Iterable[str] = (ANNOTATION,)) -> dict[tuple[str, str], SpanColumns]:
    """Every span of the document's sets, keyed by (annotator, kind), in order of start.

    Read set by set along the (set, start) index by the driver's cursor, into
    columns (:class:`SpanColumns` makes each Span object when it is first used);
    JSON is read as text and each distinct text decoded once. Opening a document
    with 100,000 spans stays well under a second.
    """
    q = (select(AnnotationSetRow.id, AnnotatorRow.name, AnnotationSetRow.kind)
         .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
         .where(AnnotationSetRow.document_id == doc_id, AnnotationSetRow.kind.in_(list(kinds)))
         .order_by(AnnotatorRow.name, AnnotationSetRow.kind))
    if annotators is not None:
        q = q.where(AnnotatorRow.name.in_(list(annotators)))
    out: dict[tuple[str, str], SpanColumns] = {}
    decoded: dict[str, dict[str, Any]] = {}
    for set_id, name, kind in session.execute(q).all():
        rows = _driver_rows(session, "SELECT uid, start_offset, end_offset, label, CAST(attrs AS TEXT) FROM spans "
                                     f"WHERE set_id = {int(set_id)} ORDER BY start_offset")
        if not rows:
            out[(name, kind)] = SpanColumns([], [], [], [])
            continue
        ids, starts, ends, labels, raws = zip(*rows)
        attrs: dict[int, dict[str, Any]] = {}
        for i, raw in enumerate(raws):
            if raw is not None and raw != "{}" and raw != "null":
                parsed = decoded.get(raw)
                if parsed is None:
                    parsed = decoded[raw] = _loads(raw)
                attrs[i] = parsed
        out[(name, kind)] = SpanColumns(ids, starts, ends, labels, attrs)
    return out


def document_sets(session: Session, doc_id: str, annotators: Sequence[str] | None = None,
                  kinds: Iterable[str] = (ANNOTATION,)) -> list[tuple[int, str, str]]:
    """(set id, annotator, kind) of the document's sets."""
    q = (select(AnnotationSetRow.id, AnnotatorRow.name, AnnotationSetRow.kind)
         .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
         .where(AnnotationSetRow.document_id == doc_id, AnnotationSetRow.kind.in_(list(kinds)))
         .order_by(AnnotatorRow.name, AnnotationSetRow.kind))
    if annotators is not None:
        q = q.where(AnnotatorRow.name.in_(list(annotators)))
    return [(i, n, k) for i, n, k in session.execute(q)]


def span_key_rows(session: Session, set_id: int) -> tuple[list[tuple[int, int, str]],
                                                           dict[tuple[int, int, str], dict[str, Any]]]:
    """(start, end, label) of every span of a set, and the attributes of those that have any."""
    rows = _driver_rows(session, "SELECT start_offset, end_offset, label, CAST(attrs AS TEXT) FROM spans "
                                 f"WHERE set_id = {int(set_id)}")
    decoded: dict[str, dict[str, Any]] = {}
    attrs: dict[tuple[int, int, str], dict[str, Any]] = {}
    keys: list[tuple[int, int, str]] = []
    for start, end, label, raw in rows:
        keys.append((start, end, label))
        if raw is not None and raw != "{}" and raw != "null":
            value = decoded.get(raw)
            if value is None:
                value = decoded[raw] = _loads(raw)
            attrs[(start, end, label)] = value
    return keys, attrs


class JsonTexts(Mapping[str, dict[str, Any]]):
    """uid -> a JSON object read as text, decoded when asked for (and then kept)."""

    def __init__(self, texts: dict[str, str | None]) -> None:
        self._texts = texts
        self._decoded: dict[str, dict[str, Any]] = {}

    def __getitem__(self, uid: str) -> dict[str, Any]:
        value = self._decoded.get(uid)
        if value is None:
            value = self._decoded[uid] = _loads(self._texts[uid])
        return value

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


def provenance_texts(session: Session, set_id: int) -> dict[str, str | None]:
    """uid -> provenance JSON text of every span of one set."""
    return dict(_driver_rows(session, f"SELECT uid, CAST(provenance AS TEXT) FROM spans WHERE set_id = {int(set_id)}"))


def span_rows_of_set(session: Session, set_id: int) -> list[tuple[Span, dict[str, Any]]]:
    """(span, provenance) of every span of one set (identical JSON texts decoded once)."""
    rows = _driver_rows(session, "SELECT uid, start_offset, end_offset, label, CAST(attrs AS TEXT), "
                                 f"CAST(provenance AS TEXT) FROM spans WHERE set_id = {int(set_id)}")
    decoded: dict[str | None, dict[str, Any]] = {}

    def load(raw: str | None) -> dict[str, Any]:
        value = decoded.get(raw)
        if value is None:
            value = decoded[raw] = _loads(raw)
        return dict(value)

    return [(Span(uid, s, e, lab, load(a)), load(p)) for uid, s, e, lab, a, p in rows]


def relations_by_set(session: Session, doc_id: str, annotators: Sequence[str] | None = None,
                     kinds: Iterable[str] = (ANNOTATION,)) -> dict[tuple[str, str], list[RelationItem]]:
    """Every relation of the document's sets, keyed by (annotator, kind), with its ends' ranges and span ids.

    Read set by set through the driver's cursor (as :func:`spans_by_set`): a long
    document's thousands of relations cost no per-row work in SQLAlchemy.
    """
    out: dict[tuple[str, str], list[RelationItem]] = {}
    decoded: dict[str, dict[str, Any]] = {}
    for set_id, name, kind in document_sets(session, doc_id, annotators, kinds):
        rows = _driver_rows(session, "SELECT r.uid, r.type, h.start_offset, h.end_offset, t.start_offset, "
                                     "t.end_offset, CAST(r.attrs AS TEXT), h.uid, t.uid FROM relations r "
                                     "JOIN spans h ON h.pk = r.head_pk JOIN spans t ON t.pk = r.tail_pk "
                                     f"WHERE r.set_id = {int(set_id)} ORDER BY r.pk")
        items = []
        for uid, rtype, hs, he, ts, te, raw, hu, tu in rows:
            attrs: dict[str, Any] = {}
            if raw is not None and raw != "{}" and raw != "null":
                parsed = decoded.get(raw)
                if parsed is None:
                    parsed = decoded[raw] = _loads(raw)
                attrs = dict(parsed)
            items.append(RelationItem(uid, rtype, (hs, he), (ts, te), attrs, hu, tu))
        if items:
            out[(name, kind)] = items
    return out


def links_touching(session: Session, doc_ids: Sequence[str], annotators: Sequence[str] | None = None,
                   kinds: Iterable[str] = (ANNOTATION,)) -> dict[tuple[str, str], list[LinkItem]]:
    """Links with an end in one of the documents, keyed by (annotator, kind)."""
    src, tgt = aliased(SpanRow), aliased(SpanRow)
    src_set, tgt_set = aliased(AnnotationSetRow), aliased(AnnotationSetRow)
    q = (select(AnnotatorRow.name, LinkRow.kind, LinkRow.uid, LinkRow.type,
                src_set.document_id, src.start, src.end, tgt_set.document_id, tgt.start, tgt.end, src.uid, tgt.uid)
         .join(AnnotatorRow, AnnotatorRow.id == LinkRow.annotator_id)
         .join(src, src.pk == LinkRow.source_pk).join(src_set, src_set.id == src.set_id)
         .join(tgt, tgt.pk == LinkRow.target_pk).join(tgt_set, tgt_set.id == tgt.set_id)
         .where(LinkRow.kind.in_(list(kinds)))
         .where(src_set.document_id.in_(list(doc_ids)) | tgt_set.document_id.in_(list(doc_ids)))
         .order_by(LinkRow.pk))
    if annotators is not None:
        q = q.where(AnnotatorRow.name.in_(list(annotators)))
    out: dict[tuple[str, str], list[LinkItem]] = {}
    for name, kind, uid, ltype, sd, ss, se, td, ts, te, su, tu in session.execute(q):
        out.setdefault((name, kind), []).append(LinkItem(uid, ltype, (sd, ss, se), (td, ts, te), su, tu))
    return out


def document_text(session: Session, doc_id: str) -> str:
    text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id))
    if text is None:
        raise NotFound(f"no document with id {doc_id!r} in this project")
    return text


# -- gold rows ------------------------------------------------------------------------------------

def lock_gold(session: Session) -> None:
    """Take the write lock before reading the gold a change is planned against (see
    :func:`annotator.storage.database.begin_write`): two adjudicators' changes then
    run one after the other, the second planned against what the first stored."""
    begin_write(session)


def gold_set(session: Session, doc_id: str, *, create: bool) -> AnnotationSetRow | None:
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


@dataclass(frozen=True)
class GoldRelationRow:
    uid: str
    type: str
    head_uid: str
    tail_uid: str
    attrs: dict[str, Any]
    provenance: dict[str, Any]


@dataclass(frozen=True)
class GoldLinkRow:
    uid: str
    type: str
    source: tuple[str, str]  # (document id, gold span uid)
    target: tuple[str, str]
    provenance: dict[str, Any]


def gold_relation_rows(session: Session, set_id: int) -> list[GoldRelationRow]:
    head, tail = aliased(SpanRow), aliased(SpanRow)
    q = (select(RelationRow.uid, RelationRow.type, head.uid, tail.uid, cast(RelationRow.attrs, String),
                cast(RelationRow.provenance, String))
         .join(head, head.pk == RelationRow.head_pk).join(tail, tail.pk == RelationRow.tail_pk)
         .where(RelationRow.set_id == set_id))
    return [GoldRelationRow(u, t, h, tl, _loads(a), _loads(p)) for u, t, h, tl, a, p in session.execute(q)]


def gold_link_rows(session: Session, doc_id: str) -> list[GoldLinkRow]:
    """Gold links with an end in the document."""
    src, tgt = aliased(SpanRow), aliased(SpanRow)
    src_set, tgt_set = aliased(AnnotationSetRow), aliased(AnnotationSetRow)
    q = (select(LinkRow.uid, LinkRow.type, src_set.document_id, src.uid, tgt_set.document_id, tgt.uid,
                cast(LinkRow.provenance, String))
         .join(src, src.pk == LinkRow.source_pk).join(src_set, src_set.id == src.set_id)
         .join(tgt, tgt.pk == LinkRow.target_pk).join(tgt_set, tgt_set.id == tgt.set_id)
         .where(LinkRow.kind == GOLD)
         .where((src_set.document_id == doc_id) | (tgt_set.document_id == doc_id)))
    return [GoldLinkRow(u, t, (sd, su), (td, tu), _loads(p)) for u, t, sd, su, td, tu, p in session.execute(q)]


def span_pk(session: Session, set_id: int, uid: str) -> int:
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
    session.execute(SpanRow.__table__.insert(), [
        {"set_id": set_id, "kind": GOLD, "uid": s.id, "start_offset": s.start, "end_offset": s.end,
         "label": s.label, "attrs": dict(s.attrs), "provenance": prov, "created_at": now, "updated_at": now}
        for s, prov in items])


def update_gold_span(session: Session, set_id: int, span: Span, provenance: dict[str, Any]) -> None:
    row = session.scalar(select(SpanRow).where(SpanRow.set_id == set_id, SpanRow.uid == span.id))
    if row is None:
        raise NotFound(f"no gold span {span.id!r}")
    row.start, row.end, row.label = span.start, span.end, span.label
    row.attrs, row.provenance = dict(span.attrs), provenance
    row.updated_at = utcnow()


def delete_gold_spans(session: Session, set_id: int, uids: Sequence[str]) -> None:
    for chunk in _chunks(list(uids)):
        session.execute(delete(SpanRow).where(SpanRow.set_id == set_id, SpanRow.uid.in_(chunk)))


def span_pks(session: Session, set_id: int) -> dict[str, int]:
    return {uid: pk for uid, pk in session.execute(select(SpanRow.uid, SpanRow.pk).where(SpanRow.set_id == set_id))}


def insert_gold_relations(session: Session, set_id: int, rels: Sequence[GoldRelationRow]) -> None:
    if not rels:
        return
    pks = span_pks(session, set_id)
    now = utcnow()
    rows = []
    for rel in rels:
        if rel.head_uid not in pks or rel.tail_uid not in pks:
            raise NotFound(f"gold relation {rel.uid!r} needs gold spans {rel.head_uid!r} and {rel.tail_uid!r}")
        rows.append({"set_id": set_id, "kind": GOLD, "uid": rel.uid, "type": rel.type, "head_pk": pks[rel.head_uid],
                     "tail_pk": pks[rel.tail_uid], "attrs": dict(rel.attrs), "provenance": rel.provenance,
                     "created_at": now})
    session.execute(RelationRow.__table__.insert(), rows)


def delete_gold_relations(session: Session, set_id: int, uids: Sequence[str]) -> None:
    for chunk in _chunks(list(uids)):
        session.execute(delete(RelationRow).where(RelationRow.set_id == set_id, RelationRow.uid.in_(chunk)))


def update_gold_relation(session: Session, set_id: int, rel: GoldRelationRow) -> None:
    row = session.scalar(select(RelationRow).where(RelationRow.set_id == set_id, RelationRow.uid == rel.uid))
    if row is None:
        raise NotFound(f"no gold relation {rel.uid!r}")
    row.type, row.attrs, row.provenance = rel.type, dict(rel.attrs), rel.provenance
    row.head_pk = span_pk(session, set_id, rel.head_uid)
    row.tail_pk = span_pk(session, set_id, rel.tail_uid)


def insert_gold_link(session: Session, link: GoldLinkRow) -> None:
    ends = []
    for doc_id, uid in (link.source, link.target):
        gs = gold_set(session, doc_id, create=False)
        if gs is None:
            raise NotFound(f"document {doc_id!r} has no gold yet")
        ends.append(span_pk(session, gs.id, uid))
    session.add(LinkRow(uid=link.uid, type=link.type, source_pk=ends[0], target_pk=ends[1],
                        annotator_id=gold_owner_id(session), kind=GOLD, provenance=link.provenance,
                        created_at=utcnow()))


def delete_gold_links(session: Session, uids: Sequence[str]) -> None:
    for chunk in _chunks(list(uids)):
        session.execute(delete(LinkRow).where(LinkRow.uid.in_(chunk), LinkRow.kind == GOLD))


def update_gold_link(session: Session, link: GoldLinkRow) -> None:
    row = session.scalar(select(LinkRow).where(LinkRow.uid == link.uid, LinkRow.kind == GOLD))
    if row is None:
        raise NotFound(f"no gold link {link.uid!r}")
    row.type, row.provenance = link.type, link.provenance
