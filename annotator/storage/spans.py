"""Spans: SQL in, :class:`~annotator.core.values.Span` out. Each function takes the
caller's unit of work and never commits by itself.

Sets are named by the ``id`` of an :class:`~annotator.storage.annotation_sets.AnnotationSetRef`
(``annotation_sets.find_set`` / ``get_or_create_set``); spans by their span id (``uid``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Text, delete, func, select, type_coerce
from sqlalchemy.orm import Session

from annotator.core.errors import NotFound
from annotator.core.values import Span
from annotator.storage.annotation_sets import find_set
from annotator.storage.kinds import ANNOTATION
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    SpanRow,
    table_of,
    utcnow,
)


def _row(session: Session, set_id: int, uid: str) -> SpanRow:
    row = session.scalar(select(SpanRow).where(SpanRow.set_id == set_id, SpanRow.uid == uid))
    if row is None:
        raise NotFound(f"no span {uid!r} in this annotation set")
    return row


def _span(row: SpanRow) -> Span:
    return Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}), row.comment or "",
                bool(row.unsure))


def get_span(session: Session, set_id: int, uid: str) -> Span:
    """The span *uid* of the set; NotFound if the set holds none."""
    return _span(_row(session, set_id, uid))


def update_span(session: Session, set_id: int, span: Span) -> None:
    """Store *span*'s edges, label and attributes over the set's span of the same id."""
    row = _row(session, set_id, span.id)
    row.start, row.end, row.label, row.attrs = span.start, span.end, span.label, span.attrs
    row.comment, row.unsure = span.comment, span.unsure
    row.updated_at = utcnow()


def delete_span(session: Session, set_id: int, uid: str) -> Span:
    """Delete the set's span *uid* (the database drops its relations and links by
    cascade); returns it as it was. NotFound if the set holds none."""
    row = _row(session, set_id, uid)
    span = _span(row)
    session.delete(row)
    return span


def delete_spans_of_set(session: Session, set_id: int) -> None:
    """Delete every span of the set (with their relations, by cascade)."""
    session.execute(delete(SpanRow).where(SpanRow.set_id == set_id))


def find_span(session: Session, doc_id: str, annotator: str, span_id: str) -> Span | None:
    """The annotator's span *span_id* in the document as stored now, or None if it is gone."""
    row = session.execute(
        select(SpanRow.uid, SpanRow.start, SpanRow.end, SpanRow.label, SpanRow.attrs, SpanRow.comment,
               SpanRow.unsure)
        .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(AnnotationSetRow.document_id == doc_id, AnnotatorRow.name == annotator,
               AnnotationSetRow.kind == ANNOTATION, SpanRow.uid == span_id)
    ).first()
    return None if row is None else Span(row[0], row[1], row[2], row[3], dict(row[4] or {}), row[5] or "",
                                         bool(row[6]))


def load_spans(session: Session, doc_id: str, annotator: str, start_from: int = 0,
               start_before: int | None = None) -> list[Span]:
    """The annotator's spans of the document that start in ``[start_from, start_before)``, in reading order.

    With the defaults: all of them. A range is read through the index on
    ``(set_id, start_offset)``, so the spans of the first screen of a long
    document cost a few hundred rows, not the whole set. Note the range is on the *start*: a span that
    starts before ``start_from`` is not returned even if it reaches into the
    range; callers read a document's spans as growing prefixes ``[0, n)``,
    which holds every span overlapping ``[0, n)``.

    The rows are fetched from the driver's cursor as plain tuples and the
    attributes column is decoded only when it holds something: building 20,000
    result rows through SQLAlchemy took three quarters of the time.
    """
    set_ref = find_set(session, doc_id, annotator)
    if set_ref is None:
        return []
    query = (select(SpanRow.uid, SpanRow.start, SpanRow.end, SpanRow.label,
                    type_coerce(SpanRow.attrs, Text).label("attrs"), SpanRow.comment, SpanRow.unsure)
             .where(SpanRow.set_id == set_ref.id))
    if start_from > 0:
        query = query.where(SpanRow.start >= start_from)
    if start_before is not None:
        query = query.where(SpanRow.start < start_before)
    result = session.connection().execute(query)
    try:
        fetched = result.cursor.fetchall()  # plain tuples: no Row objects for 20,000 spans
    finally:
        result.close()
    rows = sorted(fetched, key=lambda r: (r[1], -r[2], r[0]))  # reading order; faster here than ORDER BY in SQLite
    return [Span(uid, start, end, label, _attrs(attrs), comment or "", bool(unsure))
            for uid, start, end, label, attrs, comment, unsure in rows]


def _attrs(raw: str | dict[str, Any] | None) -> dict[str, Any]:
    if isinstance(raw, dict):  # a driver that decodes JSON itself
        return raw
    if not raw or raw in ("{}", "null"):
        return {}
    value = json.loads(raw)
    return value if isinstance(value, dict) else {}


def span_counts_by_annotator(session: Session) -> dict[str, int]:
    """Every annotator's name -> the number of spans in their sets (gold's too), by name."""
    return dict(session.execute(
        select(AnnotatorRow.name, func.count(SpanRow.pk))
        .outerjoin(AnnotationSetRow, AnnotationSetRow.annotator_id == AnnotatorRow.id)
        .outerjoin(SpanRow, SpanRow.set_id == AnnotationSetRow.id)
        .group_by(AnnotatorRow.name).order_by(AnnotatorRow.name)
    ).all())


def spans_of_set(session: Session, set_id: int) -> list[Span]:
    rows = session.scalars(
        select(SpanRow).where(SpanRow.set_id == set_id).order_by(SpanRow.start, SpanRow.end.desc(), SpanRow.uid)
    )
    return [_span(r) for r in rows]

def insert_span(session: Session, set_id: int, span: Span, *, provenance: Mapping[str, Any] | None = None) -> None:
    """One INSERT, at once (not the unit of work's flush: a tag waits for this). *provenance*:
    where an annotator's span came from (an accepted suggestion's recommender)."""
    now = utcnow()
    session.execute(table_of(SpanRow).insert(),
                    {"set_id": set_id, "uid": span.id, "start_offset": span.start, "end_offset": span.end,
                     "label": span.label, "attrs": span.attrs, "comment": span.comment, "unsure": span.unsure,
                     "provenance": dict(provenance or {}), "created_at": now, "updated_at": now})

def bulk_insert_spans(session: Session, set_id: int, spans: list[Span]) -> None:
    now = utcnow()
    session.execute(
        table_of(SpanRow).insert(),
        [{"set_id": set_id, "uid": s.id, "start_offset": s.start, "end_offset": s.end, "label": s.label,
          "attrs": s.attrs, "comment": s.comment, "unsure": s.unsure, "created_at": now, "updated_at": now}
         for s in spans],
    )

def span_counts_by_label(session: Session, annotator: str | None = None) -> dict[str, int]:
    """Label -> spans (every set's, or only *annotator*'s sets)."""
    # joined to the sets, so a span of an import still being written is not counted (storage/imports.py)
    q = (select(SpanRow.label, func.count()).join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
         .group_by(SpanRow.label).order_by(SpanRow.label))
    if annotator is not None:
        q = q.join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id).where(AnnotatorRow.name == annotator)
    return {label: n for label, n in session.execute(q)}


def set_span_attrs(session: Session, set_id: int, uid: str, attrs: Mapping[str, Any]) -> tuple[Span, Span]:
    """Replace the attributes of span *uid*; returns the span (before, after)."""
    row = _row(session, set_id, uid)
    before = _span(row)
    row.attrs = dict(attrs)
    row.updated_at = utcnow()
    return before, Span(row.uid, row.start, row.end, row.label, dict(attrs), before.comment, before.unsure)


def set_span_note(session: Session, set_id: int, uid: str, comment: str, unsure: bool) -> tuple[Span, Span]:
    """Replace the note (comment and unsure flag) of span *uid*; returns the span (before, after)."""
    row = _row(session, set_id, uid)
    before = _span(row)
    row.comment, row.unsure = comment, unsure
    row.updated_at = utcnow()
    return before, _span(row)


def notes_of_document(session: Session, doc_id: str) -> dict[tuple[str, str], tuple[str, bool]]:
    """(set owner's name, span id) -> (comment, unsure) of every span of the document that
    carries a note, annotators' sets and gold alike (gold under its kind, ``"gold"``)."""
    rows = session.execute(
        select(AnnotatorRow.name, AnnotationSetRow.kind, SpanRow.uid, SpanRow.comment, SpanRow.unsure)
        .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(AnnotationSetRow.document_id == doc_id, (SpanRow.comment != "") | SpanRow.unsure))
    return {(name if kind == ANNOTATION else kind, uid): (comment or "", bool(unsure))
            for name, kind, uid, comment, unsure in rows}


def restore_span(session: Session, set_id: int, span: Span) -> None:
    """Insert a deleted span again (an undo), flushed so that relations and links can refer to it."""
    insert_span(session, set_id, span)
    session.flush()
