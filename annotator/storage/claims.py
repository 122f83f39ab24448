"""Reads of the claim table that no other noun holds: who has spans (the table's default
source when nobody is named).

SQL in, plain values out. Each function takes the caller's unit of work.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.storage.kinds import ANNOTATION
from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, SpanRow


def annotators_with_spans(session: Session) -> list[str]:
    """The names of the annotators with at least one span in an annotation (not gold) set, sorted."""
    return sorted(set(session.scalars(
        select(AnnotatorRow.name).join(AnnotationSetRow, AnnotationSetRow.annotator_id == AnnotatorRow.id)
        .join(SpanRow, SpanRow.set_id == AnnotationSetRow.id).where(AnnotationSetRow.kind == ANNOTATION))))
