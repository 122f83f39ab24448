"""The window's link to the project: open documents, commands, undo, messages.

Widgets never write to the database themselves: they ask the controller, whose
:class:`~annotator.gui.common.undo.StepRunner` runs the service command and only then
pushes it (a :class:`~annotator.gui.common.undo.ServiceCommand`) on the QUndoStack; undo
and redo go through the runner too (``Controller.undo`` / ``redo``), so the stack
never holds a step the database does not. A step that finds the database locked
waits from a timer, visibly, without freezing the window; one that fails is said
in the status bar and a message box. When a step has run (do, undo or redo) the controller re-reads
the spans it reports as changed, updates the shared :class:`OpenDocument` and
emits ``spansChanged`` / ``statusChanged``, which each view uses to refresh only
its affected paragraphs or rows.

Opening a long document reads only the spans of its first screen
(:func:`read_span_index`); the panes paint it, then read the rest right after the
first paint, and ``spansLoaded`` tells the span list. Before any command runs,
the document's spans are read completely (:meth:`Controller.load_all_spans`), so
an edit always sees, and reports, every span.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.offsets import Utf16Map
from annotator.core.values import Document, SetStatus, Span
from annotator.gui.annotation.spanindex import SpanIndex
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, plural, translate
from annotator.gui.common.plain import isolate
from annotator.gui.common.steps import step_text
from annotator.gui.common.undo import StepRunner
from annotator.services.project import Changed, Project
from annotator.services.relations import relabel_conflicts
from annotator.services.spans import AddSpan, Command, DeleteSpan, SetDocumentStatus, UpdateSpan, find_span, load_spans

#: the status bar's word when a document's status is stored, by status
_STATUS_SAVED = {
    SetStatus.NEW: QT_TRANSLATE_NOOP("Controller", "Saved: marked new"),
    SetStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Controller", "Saved: marked in progress"),
    SetStatus.DONE: QT_TRANSLATE_NOOP("Controller", "Saved: marked done"),
}

#: Code points whose spans are read before a document is first painted: more
#: than a pane shows at once (about 2,500 at the default size in a 700 x 800
#: pane). A pane that shows more reads what it paints, still before painting it.
FIRST_SCREEN = 20_000


def read_span_index(project: Project, doc: Document, annotator: str,
                    on_complete: Callable[[], None] | None = None, first: int = FIRST_SCREEN) -> SpanIndex:
    """The annotator's spans of *doc*: those starting in its first *first* code points now, the rest on demand.

    One indexed range query reads the first screen's spans (every span that
    overlaps ``[0, first)`` starts before *first*); the index reads the others
    when a question needs them or when ``load_all`` is called.
    """
    def loader(lo: int, hi: int | None) -> list[Span]:
        return load_spans(project, doc.id, annotator, lo, hi)

    return SpanIndex(loader(0, first), loader=loader, loaded_before=first, text_length=len(doc.text),
                     on_complete=on_complete)


@dataclass
class OpenDocument:
    """One open document, shared by every pane that shows it."""

    document: Document
    u16: Utf16Map
    spans: SpanIndex

    @property
    def text(self) -> str:
        return self.document.text


class Controller(QObject):
    """Runs annotation commands for one annotator and tells views what changed."""

    #: document id, list of (before, after) span pairs; either side may be None
    spansChanged = Signal(str, list)
    #: document id whose status changed
    statusChanged = Signal(str)
    #: a short plain-text message for the status bar
    message = Signal(str)
    #: the window's user joined the project or changed role (the status bar says who they are)
    teamChanged = Signal()
    #: document id whose spans have all been read (it opened with its first screen's only)
    spansLoaded = Signal(str)
    #: every Changed report after a step ran (do, undo, redo): relations, links, entities too
    applied = Signal(object)
    #: after each step (do, undo, redo) and its Changed reports: the service command and whether it was undone
    stepped = Signal(object, bool)

    def __init__(self, project: Project, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._first_edit_seen = False  # the first edit of a project with nobody in it makes its user manager
        self.annotator = annotator
        self.undo_stack = QUndoStack(self)
        self._open: dict[str, OpenDocument] = {}
        self._last_error: Exception | None = None
        #: document id -> the status stored with its last edit (until the window reads it)
        self._stored_status: dict[str, SetStatus] = {}
        self.runner = StepRunner(project, self.undo_stack, self._applied, self._failed, self._before_step, self,
                                 name=self.describe)
        self.runner.message.connect(self.message)

    # -- documents -------------------------------------------------------------
    def open_document(self, doc_id: str) -> OpenDocument:
        """The document with its spans, read once and then kept current."""
        state = self._open.get(doc_id)
        if state is None:
            doc = self.project.document(doc_id)
            spans = read_span_index(self.project, doc, self.annotator, lambda: self.spansLoaded.emit(doc_id))
            state = OpenDocument(doc, Utf16Map(doc.text), spans)
            self._open[doc_id] = state
        return state

    def load_all_spans(self, doc_id: str | None) -> None:
        """Read every span of open document *doc_id* now, if some are not read yet."""
        state = self._open.get(doc_id) if doc_id is not None else None
        if state is not None:
            state.spans.load_all()

    def forget(self, doc_id: str) -> None:
        self._open.pop(doc_id, None)

    def keep_only(self, doc_ids: set[str]) -> None:
        """Forget the open documents not in *doc_ids* (no pane shows them): their text and
        spans are read again if they are shown again (every edit is stored already)."""
        for doc_id in [d for d in self._open if d not in doc_ids]:
            self.forget(doc_id)

    def status(self, doc_id: str) -> SetStatus:
        return self.project.status(doc_id, self.annotator)

    def status_after_edit(self, doc_id: str) -> SetStatus:
        """The status the project stored with the last edit of *doc_id* (read then, in its
        transaction), else read now."""
        known = self._stored_status.pop(doc_id, None)
        return known if known is not None else self.status(doc_id)

    # -- commands ----------------------------------------------------------------
    def run(self, command: Command, done: str | Callable[[], str]) -> bool:
        """Store *command*, then push it on the undo stack; *done* is the status message on success.

        True if it is stored now; False if it was refused (``last_error`` says why)
        or is waiting for the database (``waiting``; it is stored or refused later,
        and the window is told either way)."""
        self._last_error = None
        if not self._first_edit_seen:
            self._first_edit_seen = True
            self._first_user_manages()
        return self.runner.do(command, done)

    def _first_user_manages(self) -> None:
        """The first user of a new project is its manager: the window's annotator, at their first
        edit of a project with nobody in it yet (services.identity.first_manager; logged)."""
        from annotator.core.errors import AnnotatorError
        from annotator.services import identity

        try:
            if identity.first_manager(self.project, self.annotator):
                self.message.emit(translate("Controller", "{name} is the first person in this project: its manager")
                                  .format(name=self.annotator))
                self.teamChanged.emit()
        except AnnotatorError:
            pass  # a locked or read-only database: the edit itself will say so

    def undo(self) -> bool:
        """Undo the last step: the stack moves only once the undo is stored."""
        self._last_error = None
        return self.runner.undo()

    def redo(self) -> bool:
        self._last_error = None
        return self.runner.redo()

    @property
    def waiting(self) -> bool:
        """A step waits for the database (locked by another program); it is not stored yet."""
        return self.runner.waiting

    @property
    def last_error(self) -> Exception | None:
        """Why the last command was refused (None if it was stored or is still waiting)."""
        return self._last_error

    def tag(self, doc_id: str, start: int, end: int, label: str) -> str | None:
        cmd = AddSpan(doc_id, self.annotator, start, end, label)
        return cmd.span_id if self.run(cmd, translate("Controller", "Saved: tagged {label}").format(label=label)) \
            else None

    def relabel(self, doc_id: str, span_id: str, label: str) -> bool:
        rels, links = relabel_conflicts(self.project, doc_id, self.annotator, span_id, label)
        if rels or links:
            relations = plural(len(rels), translate("Controller", "{n} relation|{n} relations"))
            links_text = plural(len(links), translate("Controller", "{n} link|{n} links"))
            self.message.emit(translate("Controller", "Not relabelled: a {label} cannot be in its {relations} and "
                                                      "{links}; delete those first (Relations panel, Links panel)")
                              .format(label=label, relations=relations, links=links_text))
            return False
        return self.run(UpdateSpan(doc_id, self.annotator, span_id, label=label, description=f"Relabel {label}"),
                        translate("Controller", "Saved: relabelled {label}").format(label=label))

    def delete(self, doc_id: str, span_id: str) -> bool:
        cmd = DeleteSpan(doc_id, self.annotator, span_id)
        # Relations and links go with the span, in the same step; the message says so.
        def done() -> str:
            went = re.search(r" with (\d+) ", cmd.text)  # the command's own text counts them
            if went is None:
                return translate("Controller", "Saved: span deleted")
            return plural(int(went.group(1)), translate(
                "Controller", "Saved: span deleted, and with it its {n} relation or link (Ctrl+Z restores it)|"
                              "Saved: span deleted, and with it its {n} relations and links (Ctrl+Z restores them)"))
        return self.run(cmd, done)

    def move_edges(self, doc_id: str, span_id: str, start: int, end: int) -> bool:
        return self.run(UpdateSpan(doc_id, self.annotator, span_id, start=start, end=end, description="Move edge"),
                        translate("Controller", "Saved: span edge moved"))

    def set_status(self, doc_id: str, status: SetStatus) -> bool:
        return self.run(SetDocumentStatus(doc_id, self.annotator, status),
                        translate("Controller", _STATUS_SAVED[status]))

    def describe(self, command: Command) -> str:
        """A step as a message names it: its text, the span's text when it has one, and the document."""
        what = step_text(command)
        doc_id = getattr(command, "document_id", None)
        state = self._open.get(doc_id) if isinstance(doc_id, str) else None
        if state is None:
            return what
        start, end = getattr(command, "start", None), getattr(command, "end", None)
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(state.text):
            excerpt = " ".join(state.text[start:end].split())
            excerpt = excerpt if len(excerpt) <= 60 else excerpt[:59] + "…"
            what = translate("Controller", "{step} «{excerpt}»").format(step=what, excerpt=isolate(excerpt))
        return translate("Controller", "{step} in {document}").format(
            step=what, document=isolate(state.document.title or state.document.id))

    # -- results -----------------------------------------------------------------
    def _before_step(self, command: Command) -> None:
        """Before a step runs (do, undo or redo): the spans of the documents it changes must all be read."""
        for one in (*getattr(command, "commands", ()), command):  # a Batch holds several commands
            self.load_all_spans(getattr(one, "document_id", None))

    def _failed(self, exc: Exception) -> None:
        self._last_error = exc  # the runner says it in the window (status bar and message box)

    def _applied(self, changed: Changed | tuple[Changed, ...], undone: bool, command: Command) -> None:
        for one in changed if isinstance(changed, tuple) else (changed,):  # a Batch reports one per command
            self._apply(one)
            self.applied.emit(one)
        self.stepped.emit(command, undone)  # what a report does not say (which suggestions were decided)

    def _apply(self, changed: Changed) -> None:
        state = self._open.get(changed.document_id)
        pairs: list[tuple[Span | None, Span | None]] = []
        if state is not None:
            stored = changed.spans if changed.spans is not None and changed.annotator == self.annotator else {}
            for sid in changed.span_ids:
                before = state.spans.get(sid)
                # as the command stored it (same transaction), else read back
                after = stored[sid] if sid in stored else find_span(self.project, changed.document_id,
                                                                    self.annotator, sid)
                if after is None:
                    state.spans.remove(sid)
                else:
                    state.spans.add(after)
                if before != after:  # a relation or link names its spans without changing them
                    pairs.append((before, after))
        if changed.status is not None and changed.annotator == self.annotator:
            self._stored_status[changed.document_id] = changed.status
        if pairs or changed.span_ids:
            self.spansChanged.emit(changed.document_id, pairs)
        if changed.status_changed:
            self.statusChanged.emit(changed.document_id)
