"""Notes on spans: a comment (plain text, at most ``core.values.MAX_COMMENT`` code points)
and an "unsure" flag, on an annotator's span (:class:`SetSpanNote`) or a gold span
(:class:`SetGoldSpanNote`). One transaction, one change-log entry with the note before and
after, undo. A note is not the label's data: it never makes spans disagree and is not
checked against the schema.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from annotator.core.adjudication import GoldSpan
from annotator.core.errors import NotFound
from annotator.core.values import Span, comment_problem
from annotator.services.changes import open_set
from annotator.services.gold.commands import GoldCommand
from annotator.services.gold.patch import GoldPatch, GoldState
from annotator.services.project import Changed, InvalidEdit, Project
from annotator.storage import changelog
from annotator.storage import spans as span_store
from annotator.storage.database import UnitOfWork


def clean_comment(comment: str) -> str:
    """The comment as stored: CRLF and lone CR become LF (what the editor and the imports give);
    InvalidEdit if it is too long or holds a control character."""
    comment = comment.replace("\r\n", "\n").replace("\r", "\n")
    problem = comment_problem(comment)
    if problem:
        raise InvalidEdit(problem)
    return comment


def note_payload(span: Span) -> dict[str, Any]:
    return {"comment": span.comment, "unsure": span.unsure}


def _describe(comment: str | None, unsure: bool | None) -> str:
    if comment is None and unsure is not None:
        return "Flag span as unsure" if unsure else "Clear the unsure flag"
    return "Comment on span" if comment else "Remove comment"


@dataclass
class SetSpanNote:
    """Set an annotator's span's comment and/or unsure flag (None: keep it as it is)."""

    document_id: str
    annotator: str
    span_id: str
    comment: str | None = None
    unsure: bool | None = None
    _before: Span | None = None

    @property
    def text(self) -> str:
        return _describe(self.comment, self.unsure)

    def _write(self, project: Project, comment: str | None, unsure: bool | None, action: str) -> Changed:
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            current = span_store.get_span(s, set_key.id, self.span_id)
            before, after = span_store.set_span_note(
                s, set_key.id, self.span_id, current.comment if comment is None else comment,
                current.unsure if unsure is None else unsure)
            changelog.log_change(s, action=action, annotator=set_key.annotator_id, document_id=self.document_id,
                                 set_id=set_key.id, payload={"span": self.span_id, "before": note_payload(before),
                                                             "after": note_payload(after)})
        if action == "span.note":
            self._before = before
        return Changed(self.document_id, self.annotator, (self.span_id,), spans={after.id: after},
                       status_changed=True)

    def do(self, project: Project) -> Changed:
        if self.comment is not None:
            self.comment = clean_comment(self.comment)
        return self._write(project, self.comment, self.unsure, "span.note")

    def undo(self, project: Project) -> Changed:
        b = self._before
        assert b is not None, "undo before do"
        return self._write(project, b.comment, b.unsure, "undo.span.note")


@dataclass
class SetGoldSpanNote(GoldCommand):
    """Set a gold span's own comment and/or unsure flag (None: keep it), in the adjudication view."""

    action = "gold.span.note"
    span_id: str
    comment: str | None = None
    unsure: bool | None = None

    @property
    def text(self) -> str:
        return _describe(self.comment, self.unsure) + " (gold)"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        if self.comment is not None:
            self.comment = clean_comment(self.comment)
        g = state.spans.get(self.span_id)
        if g is None:
            raise NotFound(f"no gold span {self.span_id!r} in document {self.document_id!r}")
        after = replace(g.span, comment=g.span.comment if self.comment is None else self.comment,
                        unsure=g.span.unsure if self.unsure is None else self.unsure)
        patch = GoldPatch(self.document_id)
        patch.put_span(state, GoldSpan(after, dict(g.provenance)))
        return patch


#: the owner under which :func:`span_notes` gives gold's notes
GOLD_NOTES = "gold"


def span_notes(project: Project, doc_id: str) -> dict[tuple[str, str], tuple[str, bool]]:
    """(annotator, span id) -> (comment, unsure) of every span of the document that carries a
    note; gold's under :data:`GOLD_NOTES`. What the adjudication view lists beside each
    disagreement (the span diff never reads notes)."""
    with project.database.unit_of_work() as s:
        return span_store.notes_of_document(s, doc_id)
