"""Bulk queries for exports: few statements, rows streamed in document order.

An export of 10,000 documents makes a handful of queries, not one per document: the
annotation sets that match the filters, then one stream of documents and one stream of
spans, both ordered by document id, which the caller walks side by side. Portable SQL
(SQLAlchemy Core), for SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, func, select, type_coerce
from sqlalchemy.orm import Session, aliased

from annotator.core.dataset import RelationRecord
from annotator.core.values import Document, Span
from annotator.storage import imports
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    DocumentRow,
    EntityRow,
    LinkRow,
    RelationRow,
    SpanRow,
)

GOLD = "gold"
ANNOTATION = "annotation"
_CHUNK = 500
_FETCH = 5000


@dataclass(frozen=True)
class SetFilter:
    """Which annotation sets an export reads.

    ``kind`` is ``"gold"`` or ``"annotation"`` (None: both); ``annotator`` a name (None:
    everybody); ``documents`` ids (None: all); ``status`` new/in_progress/done (None: any).
    """

    kind: str | None = None
    annotator: str | None = None
    documents: tuple[str, ...] | None = None
    status: str | None = None

    def where(self, sets: Any = AnnotationSetRow, people: Any = AnnotatorRow) -> list[Any]:
        clauses: list[Any] = []
        if self.kind is not None:
            clauses.append(sets.kind == self.kind)
        if self.annotator is not None:
            clauses.append(people.name == self.annotator)
        if self.status is not None:
            clauses.append(sets.status == self.status)
        if self.documents is not None and len(self.documents) <= _CHUNK:
            clauses.append(sets.document_id.in_(self.documents))
        return clauses

    def keeps_document(self, doc_id: str) -> bool:
        return self.documents is None or doc_id in self.documents


@dataclass(frozen=True)
class SetRef:
    """One annotation set an export reads."""

    set_id: int
    document_id: str
    annotator: str
    kind: str
    status: str
    updated_at: datetime | None


def find_sets(session: Session, flt: SetFilter) -> list[SetRef]:
    """The annotation sets that match *flt*, by document id then set id."""
    q = (
        select(AnnotationSetRow.id, AnnotationSetRow.document_id, AnnotatorRow.name, AnnotationSetRow.kind,
               AnnotationSetRow.status, AnnotationSetRow.updated_at)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(*flt.where())
        .order_by(AnnotationSetRow.document_id, AnnotationSetRow.id)
    )
    docs = set(flt.documents) if flt.documents is not None else None
    return [SetRef(*row) for row in session.execute(q) if docs is None or row[1] in docs]


def annotators_with_spans(session: Session) -> list[str]:
    """Names of the annotators who have spans in some (non-gold) annotation set, by name.

    An EXISTS per annotator stops at the first span: no scan of a million spans."""
    has_spans = (
        select(SpanRow.pk)
        .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
        .where(AnnotationSetRow.annotator_id == AnnotatorRow.id, AnnotationSetRow.kind == ANNOTATION)
        .exists()
    )
    return list(session.scalars(select(AnnotatorRow.name).where(has_spans).order_by(AnnotatorRow.name)))


def gold_set_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(AnnotationSetRow).where(AnnotationSetRow.kind == GOLD)) or 0


def label_counts(session: Session, flt: SetFilter) -> dict[int, Counter[str]]:
    """Set id -> spans per label, for the sets that match *flt* (one GROUP BY)."""
    q = (
        select(SpanRow.set_id, SpanRow.label, func.count())
        .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(*flt.where())
        .group_by(SpanRow.set_id, SpanRow.label)
    )
    out: dict[int, Counter[str]] = {}
    for set_id, label, n in session.execute(q):
        out.setdefault(set_id, Counter())[label] = n
    return out


def document_facts(session: Session, doc_ids: Collection[str]) -> dict[str, tuple[dict[str, Any], str | None]]:
    """Document id -> (meta, source path), without the text."""
    wanted = set(doc_ids)
    out: dict[str, tuple[dict[str, Any], str | None]] = {}
    q = select(DocumentRow.id, DocumentRow.meta, DocumentRow.source_path).order_by(DocumentRow.id)
    for doc_id, meta, path in session.execute(q):
        if doc_id in wanted:
            out[doc_id] = (dict(meta or {}), path)
    return out


def existing_documents(session: Session, doc_ids: Collection[str]) -> set[str]:
    """Those of *doc_ids* that are documents of the project."""
    ids = sorted(set(doc_ids))
    out: set[str] = set()
    for i in range(0, len(ids), _CHUNK):
        out.update(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids[i : i + _CHUNK]))))
    return out


def documents_per_source_path(session: Session) -> Counter[str]:
    """How many documents each imported file gave (a .jsonl file gives several)."""
    q = (select(DocumentRow.source_path, func.count()).where(DocumentRow.source_path.is_not(None))
         .group_by(DocumentRow.source_path))
    return Counter({path: n for path, n in session.execute(q) if path is not None})  # none are: the where


def _datetime(raw: Any) -> datetime | None:
    if raw is None or isinstance(raw, datetime):
        return raw
    try:
        return datetime.fromisoformat(str(raw))
    except ValueError:
        return None


def _json(raw: Any) -> Any:
    """A JSON column read as text: decoded only when it holds something."""
    if raw is None or isinstance(raw, dict):  # a driver that decodes JSON itself
        return {} if raw is None else raw
    if raw == "{}" or raw == "null":
        return {}
    return json.loads(raw)


def _plain_rows(session: Session, q: Any) -> Iterator[Any]:
    """Rows of *q* as the driver's plain tuples, fetched in batches (no Row objects:
    for a million spans they cost more than the query)."""
    # not stream_results: its buffer would hide rows from .cursor; the connection skips the session's
    # hook, so the rows of an import still being written are left out here (storage/imports.py)
    result = session.connection().execute(imports.visible_only(q))
    try:
        cursor = result.cursor
        while True:
            batch = cursor.fetchmany(_FETCH)
            if not batch:
                return
            yield from batch
    finally:
        result.close()


def iter_documents(session: Session, doc_ids: Collection[str] | None) -> Iterator[Document]:
    """Documents in id order (all of them, or those in *doc_ids*), streamed."""
    q = select(DocumentRow.id, DocumentRow.title, DocumentRow.text, DocumentRow.sha256,
               DocumentRow.direction, type_coerce(DocumentRow.meta, Text), DocumentRow.source_path,
               DocumentRow.imported_at).order_by(DocumentRow.id)
    wanted = set(doc_ids) if doc_ids is not None else None
    if wanted is not None and len(wanted) <= _CHUNK:
        q = q.where(DocumentRow.id.in_(sorted(wanted)))
    for row in _plain_rows(session, q):
        if wanted is None or row[0] in wanted:
            yield Document(id=row[0], title=row[1], text=row[2], sha256=row[3],
                           direction="rtl" if row[4] == "rtl" else "ltr", meta=_json(row[5]),
                           source_path=row[6], imported_at=_datetime(row[7]))


def _span_query(flt: SetFilter) -> Any:
    return (
        select(AnnotationSetRow.document_id, SpanRow.set_id, SpanRow.uid, SpanRow.start, SpanRow.end,
               SpanRow.label, type_coerce(SpanRow.attrs, Text), SpanRow.comment, SpanRow.unsure)
        .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(*flt.where())
        .order_by(AnnotationSetRow.document_id, SpanRow.set_id, SpanRow.start, SpanRow.end.desc(), SpanRow.uid)
    )


def iter_span_rows(session: Session, flt: SetFilter) -> Iterator[tuple[str, int, str, int, int, str, dict[str, Any]]]:
    """``(document id, set id, span id, start, end, label, attrs)`` of the sets that match
    *flt*, ordered by document id, set id, then reading order (start, longer first, id)."""
    for doc_id, set_id, uid, start, end, label, attrs, _comment, _unsure in _plain_rows(session, _span_query(flt)):
        yield doc_id, set_id, uid, start, end, label, _json(attrs)


def iter_spans_by_document(session: Session, flt: SetFilter, set_ids: Collection[int]
                           ) -> Iterator[tuple[str, dict[int, list[Span]]]]:
    """``(document id, {set id: spans in reading order})`` for the documents that have
    spans in the sets *set_ids* (which match *flt*), in document id order.

    The hot loop of every export: one query, rows fetched in batches from the driver,
    grouped without a generator per row.
    """
    wanted = set(set_ids)
    result = session.connection().execute(_span_query(flt))
    cursor = result.cursor
    current: str | None = None
    groups: dict[int, list[Span]] = {}
    new, set_fields = object.__new__, object.__setattr__
    try:
        while True:
            batch = cursor.fetchmany(_FETCH)
            if not batch:
                break
            for doc_id, set_id, uid, start, end, label, attrs, comment, unsure in batch:
                if set_id not in wanted:
                    continue
                if doc_id != current:
                    if current is not None:
                        yield current, groups
                    current, groups = doc_id, {}
                spans = groups.get(set_id)
                if spans is None:
                    spans = groups[set_id] = []
                # Span(uid, start, end, label, attrs) without the frozen dataclass's __init__
                # (five object.__setattr__ calls: for a million spans, more than the query)
                span = new(Span)
                set_fields(span, "__dict__", {"id": uid, "start": start, "end": end, "label": label,
                                              "attrs": {} if attrs == "{}" else _json(attrs),
                                              "comment": comment or "", "unsure": bool(unsure)})
                spans.append(span)
        if current is not None:
            yield current, groups
    finally:
        result.close()


def span_attribute_values(session: Session, flt: SetFilter, set_ids: Collection[int]
                          ) -> dict[str, dict[str, list[Any]]]:
    """Attribute name -> label -> the values that the spans of the sets *set_ids* (which
    match *flt*) carry, in the order an export meets them (as :func:`iter_spans_by_document`):
    each string value once, and of the other values only the first. The database skips
    the spans without attributes."""
    wanted = set(set_ids)
    q = (
        select(SpanRow.set_id, SpanRow.label, type_coerce(SpanRow.attrs, Text))
        .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(*flt.where(), cast(SpanRow.attrs, Text) != "{}")
        .order_by(AnnotationSetRow.document_id, SpanRow.set_id, SpanRow.start, SpanRow.end.desc(), SpanRow.uid)
    )
    out: dict[str, dict[str, list[Any]]] = {}
    seen: set[tuple[str, str, Any]] = set()
    result = session.connection().execute(q)  # the set ids leave out what an unfinished import wrote
    try:
        while batch := result.cursor.fetchmany(_FETCH):
            for set_id, label, raw in batch:
                if set_id not in wanted:
                    continue
                for name, value in _json(raw).items():
                    key = (name, label, value if isinstance(value, str) else None)
                    if key not in seen:
                        seen.add(key)
                        out.setdefault(name, {}).setdefault(label, []).append(value)
    finally:
        result.close()
    return out


def relations_by_set(session: Session, flt: SetFilter) -> dict[int, list[RelationRecord]]:
    """Set id -> its relations (head and tail as span ids), in relation id order."""
    head, tail = aliased(SpanRow), aliased(SpanRow)
    q = (
        select(RelationRow.set_id, RelationRow.uid, RelationRow.type, head.uid, tail.uid, RelationRow.attrs)
        .join(head, head.pk == RelationRow.head_pk)
        .join(tail, tail.pk == RelationRow.tail_pk)
        .join(AnnotationSetRow, AnnotationSetRow.id == RelationRow.set_id)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(*flt.where())
        .order_by(RelationRow.set_id, RelationRow.uid)
    )
    out: dict[int, list[RelationRecord]] = {}
    for set_id, uid, rtype, h, t, attrs in session.execute(q):
        out.setdefault(set_id, []).append(RelationRecord(uid, rtype, h, t, dict(attrs or {})))
    return out


def links_between(session: Session, set_ids: Collection[int]) -> list[dict[str, Any]]:
    """Cross-document links whose both ends are spans of the given sets."""
    wanted = set(set_ids)
    src, dst = aliased(SpanRow), aliased(SpanRow)
    src_set, dst_set = aliased(AnnotationSetRow), aliased(AnnotationSetRow)
    q = (
        select(LinkRow.uid, LinkRow.type, src.set_id, src_set.document_id, src.uid, dst.set_id,
               dst_set.document_id, dst.uid)
        .join(src, src.pk == LinkRow.source_pk)
        .join(dst, dst.pk == LinkRow.target_pk)
        .join(src_set, src_set.id == src.set_id)
        .join(dst_set, dst_set.id == dst.set_id)
        .order_by(LinkRow.uid)
    )
    out = []
    for uid, ltype, sset, sdoc, sspan, tset, tdoc, tspan in session.execute(q):
        if sset in wanted and tset in wanted:
            out.append({"id": uid, "type": ltype, "source": {"doc": sdoc, "span": sspan},
                        "target": {"doc": tdoc, "span": tspan}})
    return out


def entities(session: Session) -> list[dict[str, Any]]:
    """The project's canonical entities, by id."""
    q = select(EntityRow.uid, EntityRow.name, EntityRow.type, EntityRow.aliases).order_by(EntityRow.uid)
    return [{"id": uid, "name": name, "type": etype, "aliases": list(aliases or [])}
            for uid, name, etype, aliases in session.execute(q)]
