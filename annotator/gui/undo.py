"""The one QUndoCommand adapter around the service commands.

``redo`` runs ``command.do(project)`` (the first time, when pushed) and ``undo``
runs ``command.undo(project)``; each is one committed transaction in the
project. The ``Changed`` they return is handed to a callback so the window
refreshes only what changed; an optional callback runs just before each step
(the window reads the document's remaining spans then). A command that fails
on its first run marks itself obsolete, and QUndoStack then drops it instead of
keeping a step that never happened; the error is kept for the caller to report.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.core.errors import AnnotatorError
from annotator.services.annotate import Command
from annotator.services.project import Changed, Project


class ServiceCommand(QUndoCommand):
    """Wraps one service command (AddSpan, DeleteSpan, UpdateSpan, SetDocumentStatus)."""

    def __init__(self, project: Project, command: Command, on_change: Callable[[Changed, bool], None],
                 on_error: Callable[[Exception], None],
                 before: Callable[[Command], None] | None = None) -> None:
        super().__init__(command.text)
        self.project = project
        self.command = command
        self._on_change = on_change
        self._on_error = on_error
        self._before = before
        self.error: Exception | None = None
        self._done_once = False

    def redo(self) -> None:
        if self._before is not None:
            self._before(self.command)
        try:
            changed = self.command.do(self.project)
        except AnnotatorError as exc:
            self.error = exc
            if not self._done_once:
                self.setObsolete(True)
            self._on_error(exc)
            return
        self._done_once = True
        self.setText(self.command.text)  # after the first run it can say more ("... with 2 relation(s)")
        self._on_change(changed, False)

    def undo(self) -> None:
        if self._before is not None:
            self._before(self.command)
        try:
            changed = self.command.undo(self.project)
        except AnnotatorError as exc:
            self.error = exc
            self._on_error(exc)
            return
        self._on_change(changed, True)
