"""Reads the annotation window needs that the Project facade does not offer.

Kept apart from ``project.py`` (owned by the storage/services side) so the window
can refresh narrowly: after a command reports which span ids it changed, the
window re-reads exactly those spans, and opening a large document reads its
spans with one plain SELECT instead of building ORM objects.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Text, select, type_coerce

from annotator.core.values import Span
from annotator.services.project import Project
from annotator.storage import repository as repo
from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, SpanRow


def find_span(project: Project, doc_id: str, annotator: str, span_id: str) -> Span | None:
    """The annotator's span *span_id* in the document as stored now, or None if it is gone."""
    with project.database.unit_of_work() as s:
        row = s.execute(
            select(SpanRow.uid, SpanRow.start, SpanRow.end, SpanRow.label, SpanRow.attrs)
            .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
            .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
            .where(AnnotationSetRow.document_id == doc_id, AnnotatorRow.name == annotator,
                   AnnotationSetRow.kind == repo.ANNOTATION, SpanRow.uid == span_id)
        ).first()
    return None if row is None else Span(row[0], row[1], row[2], row[3], dict(row[4] or {}))


def load_spans(project: Project, doc_id: str, annotator: str, start_from: int = 0,
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
    with project.database.unit_of_work() as s:
        set_row = repo.find_set(s, doc_id, annotator)
        if set_row is None:
            return []
        query = (select(SpanRow.uid, SpanRow.start, SpanRow.end, SpanRow.label,
                        type_coerce(SpanRow.attrs, Text).label("attrs"))
                 .where(SpanRow.set_id == set_row.id))
        if start_from > 0:
            query = query.where(SpanRow.start >= start_from)
        if start_before is not None:
            query = query.where(SpanRow.start < start_before)
        result = s.connection().execute(query)
        try:
            rows = result.cursor.fetchall()  # plain tuples: no Row objects for 20,000 spans
        finally:
            result.close()
    rows.sort(key=lambda r: (r[1], -r[2], r[0]))  # reading order; faster here than ORDER BY in SQLite
    return [Span(uid, start, end, label, _attrs(attrs)) for uid, start, end, label, attrs in rows]


def _attrs(raw: str | dict[str, Any] | None) -> dict[str, Any]:
    if isinstance(raw, dict):  # a driver that decodes JSON itself
        return raw
    if not raw or raw in ("{}", "null"):
        return {}
    value = json.loads(raw)
    return value if isinstance(value, dict) else {}
