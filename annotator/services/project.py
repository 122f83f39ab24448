"""A project: one database with its schema. The facade GUI and CLI share.

Every mutation runs in its own transaction, appends to the change log under the
annotator's name, and returns a :class:`Changed` so a view refreshes narrowly.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.core import validation
from annotator.core.errors import AnnotatorError
from annotator.core.schema import LabelSchema, load_schema
from annotator.core.search import SearchFilter, SearchOptions, SearchResult
from annotator.core.values import Document, DocumentListItem, DocumentQuery, DocumentSummary, SetStatus, Span
from annotator.resources import default_schema_path
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import document_list as list_store
from annotator.storage import documents as document_store
from annotator.storage import spans as span_store
from annotator.storage import team as team_store
from annotator.storage.database import URL, Database, UnitOfWork, open_database
from annotator.storage.limits import LIMITS


class InvalidEdit(AnnotatorError):
    """An edit that would break an invariant (offsets, graphemes, unknown label)."""


@dataclass(frozen=True)
class Changed:
    """What one mutation changed, for views to refresh only that.

    ``spans`` (when the command knows it) is each of ``span_ids`` as stored afterwards
    (None: removed), and ``status`` the annotator's status of the document after it,
    both read in the command's own transaction: a view need not read them again.
    """

    document_id: str
    annotator: str
    span_ids: tuple[str, ...] = ()
    status_changed: bool = False
    spans: Mapping[str, Span | None] | None = field(default=None, compare=False, hash=False)
    status: SetStatus | None = None


def new_span_id() -> str:
    return "s" + uuid.uuid4().hex[:12]


@dataclass
class Project:
    database: Database
    schema: LabelSchema
    _set_ids: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)
    _texts: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, db: str | os.PathLike[str] | URL | None = None, *, create: bool = True) -> Project:
        """Open the project at *db*; ``create=False`` refuses a missing one (``NoProjectError``)."""
        database = open_database(db, create=create)
        with database.unit_of_work() as s:
            schema = document_store.active_schema(s)
            # A project follows the schema it stored (a newer default never replaces it:
            # `annotator schema set` changes it, logged); a new project gets the default.
            if schema is None:
                schema = load_schema(default_schema_path())
                document_store.set_active_schema(s, schema)
        return cls(database, schema)

    def close(self) -> None:
        self.database.close()

    # -- reading ---------------------------------------------------------------
    def documents(self, annotator: str | None = None) -> list[DocumentSummary]:
        with self.database.unit_of_work() as s:
            return document_store.list_documents(s, annotator)

    def document_count(self, query: DocumentQuery) -> int:
        """How many documents the list *query* shows (one aggregate query, no text read)."""
        with self.database.unit_of_work() as s:
            return list_store.count_documents(s, query)

    def document_page(self, query: DocumentQuery, offset: int, limit: int) -> list[DocumentListItem]:
        """One page of the list *query*: what a view shows, fetched as it scrolls."""
        with self.database.unit_of_work() as s:
            return list_store.document_page(s, query, offset, limit)

    def document_ids(self, query: DocumentQuery) -> list[str]:
        """The ids of every document the list *query* shows (no title or text read)."""
        with self.database.unit_of_work() as s:
            return list_store.document_ids(s, query)

    def list_items(self, annotator: str | None, doc_ids: list[str]) -> list[DocumentListItem]:
        """The list rows of *doc_ids* (those that exist), in that order."""
        with self.database.unit_of_work() as s:
            return list_store.list_items(s, annotator, doc_ids)

    def search(self, query: str, options: SearchOptions | None = None, filters: SearchFilter | None = None, *,
               viewer: str | None = None, after: int | None = None, limit_documents: int = 50) -> SearchResult:
        """A page of the corpus search (:func:`annotator.services.search.search`)."""
        from annotator.services.search import search

        return search(self, query, options, filters, viewer=viewer, after=after, limit_documents=limit_documents)

    def document(self, doc_id: str) -> Document:
        with self.database.unit_of_work() as s:
            doc = document_store.get_document(s, doc_id)
        self._texts[doc_id] = doc.text
        return doc

    def spans(self, doc_id: str, annotator: str) -> list[Span]:
        """The annotator's spans of the document, in reading (start) order."""
        with self.database.unit_of_work() as s:
            set_ref = set_store.find_set(s, doc_id, annotator)
            return [] if set_ref is None else span_store.spans_of_set(s, set_ref.id)

    def status(self, doc_id: str, annotator: str) -> SetStatus:
        with self.database.unit_of_work() as s:
            set_ref = set_store.find_set(s, doc_id, annotator)
            return SetStatus.NEW if set_ref is None else set_ref.status

    def annotators(self) -> list[str]:
        with self.database.unit_of_work() as s:
            return team_store.annotator_names(s)

    def next_document(self, annotator: str, after: str | None = None) -> str | None:
        """The next document (in list order, wrapping) that this annotator has not done."""
        with self.database.unit_of_work() as s:
            return list_store.next_not_done(s, annotator, after)

    # -- validation --------------------------------------------------------------
    def _text(self, doc_id: str) -> str:
        if doc_id not in self._texts:
            self.document(doc_id)
        return self._texts[doc_id]

    def validate_span(self, doc_id: str, span: Span) -> None:
        """The check every importer runs too (core/validation.py), and the span id's limit."""
        problem = (validation.span_problem(self.schema, self._text(doc_id), span)
                   or validation.id_problem("the span id", span.id, LIMITS.span_id))
        if problem:
            raise InvalidEdit(problem)

    # -- mutations (each one transaction, logged) ------------------------------------
    def _set(self, s: UnitOfWork, doc_id: str, annotator: str) -> set_store.AnnotationSetRef:
        """The annotator's set of the document (made if need be), with its status after this
        edit: a new document becomes in progress."""
        set_ref = set_store.get_or_create_set(s, doc_id, annotator)
        if set_ref.status is SetStatus.NEW:
            set_store.set_status(s, set_ref, SetStatus.IN_PROGRESS)
            set_ref = replace(set_ref, status=SetStatus.IN_PROGRESS)
        return set_ref

    def add_span(self, doc_id: str, annotator: str, start: int, end: int, label: str,
                 attrs: dict[str, Any] | None = None, span_id: str | None = None, action: str = "span.add") -> Span:
        return self.add_span_stored(doc_id, annotator, start, end, label, attrs, span_id, action)[0]

    def add_span_stored(self, doc_id: str, annotator: str, start: int, end: int, label: str,
                        attrs: dict[str, Any] | None = None, span_id: str | None = None,
                        action: str = "span.add") -> tuple[Span, SetStatus]:
        """``add_span``, and the annotator's status of the document after it (one transaction)."""
        span = Span(span_id or new_span_id(), start, end, label, dict(attrs or {}))
        self.validate_span(doc_id, span)
        with self.database.unit_of_work() as s:
            set_ref = self._set(s, doc_id, annotator)
            span_store.insert_span(s, set_ref.id, span)
            changelog.log_change(s, action=action, annotator=set_ref.annotator_id, document_id=doc_id,
                                 set_id=set_ref.id, payload={"span": _span_payload(span)})
        return span, set_ref.status

    def delete_span(self, doc_id: str, annotator: str, span_id: str, action: str = "span.delete") -> Span:
        return self.delete_span_stored(doc_id, annotator, span_id, action)[0]

    def delete_span_stored(self, doc_id: str, annotator: str, span_id: str,
                           action: str = "span.delete") -> tuple[Span, SetStatus]:
        """``delete_span``, and the annotator's status of the document after it."""
        with self.database.unit_of_work() as s:
            set_ref = self._set(s, doc_id, annotator)
            span = span_store.delete_span(s, set_ref.id, span_id)
            changelog.log_change(s, action=action, annotator=set_ref.annotator_id, document_id=doc_id,
                                 set_id=set_ref.id, payload={"span": _span_payload(span)})
        return span, set_ref.status

    def update_span(self, doc_id: str, annotator: str, span_id: str, *, start: int | None = None,
                    end: int | None = None, label: str | None = None, attrs: dict[str, Any] | None = None,
                    action: str = "span.update") -> tuple[Span, Span]:
        """Change a span's edges, label or attributes; returns (before, after)."""
        before, after, _status = self.update_span_stored(doc_id, annotator, span_id, start=start, end=end,
                                                         label=label, attrs=attrs, action=action)
        return before, after

    def update_span_stored(self, doc_id: str, annotator: str, span_id: str, *, start: int | None = None,
                           end: int | None = None, label: str | None = None, attrs: dict[str, Any] | None = None,
                           action: str = "span.update") -> tuple[Span, Span, SetStatus]:
        """``update_span``, and the annotator's status of the document after it."""
        with self.database.unit_of_work() as s:
            set_ref = self._set(s, doc_id, annotator)
            before = span_store.get_span(s, set_ref.id, span_id)
            after = replace(before, start=before.start if start is None else start,
                            end=before.end if end is None else end,
                            label=before.label if label is None else label,
                            attrs=before.attrs if attrs is None else dict(attrs))
            self.validate_span(doc_id, after)
            span_store.update_span(s, set_ref.id, after)
            changelog.log_change(s, action=action, annotator=set_ref.annotator_id, document_id=doc_id,
                                 set_id=set_ref.id,
                                 payload={"before": _span_payload(before), "after": _span_payload(after)})
        return before, after, set_ref.status

    def set_document_meta(self, doc_id: str, updates: dict[str, Any], annotator: str | None = None) -> dict[str, Any]:
        """Change a document's metadata (never its text); returns the metadata before.

        ``published`` must be an ISO date (it anchors relative dates); ``direction``
        must be ``rtl`` or ``ltr`` and also sets the stored base direction. A value of
        ``None`` removes the key.
        """
        from datetime import date

        from annotator.core.validation import value_problem

        problem = value_problem(updates)
        if problem:
            raise InvalidEdit(f"metadata {problem}")
        for key, value in updates.items():
            if value is None:
                continue
            if key == "published":
                try:
                    date.fromisoformat(str(value)[:10])
                except ValueError:
                    raise InvalidEdit(f"published must be a date like 2026-09-27, not {value!r}") from None
            if key == "direction" and value not in ("rtl", "ltr"):
                raise InvalidEdit(f"direction must be rtl or ltr, not {value!r}")
        with self.database.unit_of_work() as s:
            before = document_store.document_meta(s, doc_id)
            if before is None:
                raise InvalidEdit(f"no document with id {doc_id!r} in this project")
            after = {k: v for k, v in {**before, **updates}.items() if v is not None}
            document_store.set_document_meta(s, doc_id, after, direction=updates.get("direction"))
            who = team_store.annotator_id(s, annotator) if annotator else None
            changelog.log_change(s, action="document.meta", annotator=who, document_id=doc_id,
                            payload={"before": before, "after": after})
        return before

    def set_status(self, doc_id: str, annotator: str, status: SetStatus, action: str = "status") -> SetStatus:
        """Set the annotator's status on the document (logged as *action*: ``status``, or
        ``undo.status`` when an undo sets it back); returns the previous status."""
        with self.database.unit_of_work() as s:
            set_ref = set_store.get_or_create_set(s, doc_id, annotator)
            return set_store.set_status(s, set_ref, status, action=action, automatic=False)


def _span_payload(span: Span) -> dict[str, Any]:
    return {"id": span.id, "start": span.start, "end": span.end, "label": span.label, "attrs": span.attrs,
            **({"comment": span.comment} if span.comment else {}), **({"unsure": True} if span.unsure else {})}
