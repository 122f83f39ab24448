"""Spans: the reads the annotation window needs, and the commands with do/undo.

Each command step is one committed transaction. The GUI wraps these in one
QUndoCommand adapter; the CLI and tests call them directly. Undo is an action
too: it commits the reverse change, logged as such.

The reads let the window refresh narrowly: after a command reports which span
ids it changed, the window re-reads exactly those spans (:func:`find_span`), and
opening a large document reads its spans as plain rows (:func:`load_spans`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from annotator.core.values import SetStatus, Span
from annotator.services.project import Changed, Project, new_span_id
from annotator.storage import spans as span_store


def find_span(project: Project, doc_id: str, annotator: str, span_id: str) -> Span | None:
    """The annotator's span *span_id* in the document as stored now, or None if it is gone."""
    with project.database.unit_of_work() as s:
        return span_store.find_span(s, doc_id, annotator, span_id)


def load_spans(project: Project, doc_id: str, annotator: str, start_from: int = 0,
               start_before: int | None = None) -> list[Span]:
    """The annotator's spans of the document that start in ``[start_from, start_before)``
    (all of them with the defaults), in reading order; see :func:`annotator.storage.spans.load_spans`."""
    with project.database.unit_of_work() as s:
        return span_store.load_spans(s, doc_id, annotator, start_from, start_before)


class Command(Protocol):
    """An undoable edit of one annotator's annotations of one document."""

    @property
    def text(self) -> str: ...
    def do(self, project: Project) -> Changed: ...
    def undo(self, project: Project) -> Changed: ...


@dataclass
class AddSpan:
    document_id: str
    annotator: str
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    span_id: str = field(default_factory=new_span_id)

    @property
    def text(self) -> str:
        return f"Tag {self.label}"

    def do(self, project: Project) -> Changed:
        project.add_span(self.document_id, self.annotator, self.start, self.end, self.label, self.attrs, self.span_id)
        return Changed(self.document_id, self.annotator, (self.span_id,))

    def undo(self, project: Project) -> Changed:
        project.delete_span(self.document_id, self.annotator, self.span_id, action="undo.span.add")
        return Changed(self.document_id, self.annotator, (self.span_id,))


@dataclass
class DeleteSpan:
    """Delete a span together with its relations and links, as one undoable step.

    The database would drop a deleted span's relations and links by cascade; this
    command records them and its undo restores all of them.
    """

    document_id: str
    annotator: str
    span_id: str
    _inner: Any = None

    @property
    def text(self) -> str:
        return self._inner.text if self._inner is not None else "Delete span"

    def do(self, project: Project) -> Changed:
        from annotator.services.structure import DeleteSpanWithDependents  # same layer; avoids an import cycle

        if self._inner is None:
            self._inner = DeleteSpanWithDependents(self.document_id, self.annotator, self.span_id)
        return self._inner.do(project)

    def undo(self, project: Project) -> Changed:
        assert self._inner is not None, "undo before do"
        return self._inner.undo(project)


@dataclass
class UpdateSpan:
    """Relabel, move an edge, or change attributes of a span."""

    document_id: str
    annotator: str
    span_id: str
    start: int | None = None
    end: int | None = None
    label: str | None = None
    attrs: dict[str, Any] | None = None
    description: str = "Edit span"
    _before: Span | None = None

    @property
    def text(self) -> str:
        return self.description

    def do(self, project: Project) -> Changed:
        self._before, _ = project.update_span(self.document_id, self.annotator, self.span_id, start=self.start,
                                              end=self.end, label=self.label, attrs=self.attrs)
        return Changed(self.document_id, self.annotator, (self.span_id,))

    def undo(self, project: Project) -> Changed:
        b = self._before
        assert b is not None, "undo before do"
        project.update_span(self.document_id, self.annotator, self.span_id, start=b.start, end=b.end, label=b.label,
                            attrs=b.attrs, action="undo.span.update")
        return Changed(self.document_id, self.annotator, (self.span_id,))


@dataclass
class SetDocumentStatus:
    document_id: str
    annotator: str
    status: SetStatus
    _previous: SetStatus | None = None

    @property
    def text(self) -> str:
        return f"Mark {self.status.value.replace('_', ' ')}"

    def do(self, project: Project) -> Changed:
        self._previous = project.set_status(self.document_id, self.annotator, self.status)
        return Changed(self.document_id, self.annotator, status_changed=True)

    def undo(self, project: Project) -> Changed:
        assert self._previous is not None, "undo before do"
        project.set_status(self.document_id, self.annotator, self._previous, action="undo.status")
        return Changed(self.document_id, self.annotator, status_changed=True)
