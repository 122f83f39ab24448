"""Dates: the publication date a document's relative dates are anchored to, and the
normaliser's proposal for a DATE span (accepted with
:meth:`annotator.services.attributes.SetAttributes.from_proposal`)."""

from __future__ import annotations

from datetime import date

from annotator.core.dates import DateValue, anchor_from_meta, normalise_date
from annotator.core.errors import NotFound
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import spans as span_store


def document_anchor(project: Project, doc_id: str) -> date | None:
    """The document's publication date (``meta["published"]``), or None."""
    return anchor_from_meta(project.document(doc_id).meta)


def propose_date(project: Project, doc_id: str, annotator: str, span_id: str) -> DateValue | None:
    """The normaliser's proposal for a DATE span, anchored to the document's publication date."""
    doc = project.document(doc_id)
    with project.database.unit_of_work() as s:
        set_row = set_store.find_set(s, doc_id, annotator)
        if set_row is None:
            raise NotFound(f"{annotator} has no annotations in document {doc_id!r}")
        span = span_store.get_span(s, set_row.id, span_id)
    return normalise_date(doc.text[span.start : span.end], anchor_from_meta(doc.meta))
