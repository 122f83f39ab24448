"""The one QUndoCommand adapter around the service commands, and the runner that feeds it.

A step (do, undo or redo of a service command) is one committed transaction in
the project. The undo stack only ever records what the database holds:

- :class:`StepRunner` runs the service step *first*; only when it committed is
  the command pushed (a :class:`ServiceCommand` whose first ``redo`` is skipped,
  because it already ran), or the stack index moved by ``QUndoStack.undo`` /
  ``redo`` (whose call into the command is skipped the same way). A step that
  fails leaves the stack as it was: a refused tag is not on it, an undo that
  could not be stored keeps its command where it was.
- A write that finds the database locked by another program waits without
  freezing the window: each attempt waits at most ``attempt_ms`` for the lock,
  then the runner retries from a timer, saying "Waiting for the database…"
  (status bar, busy cursor), until the step is stored or ``wait_limit`` seconds
  have passed; then it fails like any refused step. Steps asked for meanwhile
  (another tag, Ctrl+Z) queue behind it, in order; if it fails they are not run
  and the message names them too.
- Every failure is said in the window: the status bar names the step that was
  not saved (or not undone) and why; when the database was the cause (locked
  too long, an error), and for any failed undo or redo, a message box says it too.

``on_change(changed, undone, command)`` gets each step's ``Changed`` so the window
refreshes narrowly; ``before(command)`` runs once before a step (the window
reads the document's remaining spans then).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QUndoCommand, QUndoStack

from annotator.core.errors import AnnotatorError
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, decimal, integer, translate
from annotator.gui.common.steps import step_text
from annotator.services.project import Project
from annotator.services.spans import Command
from annotator.storage.database import DatabaseLocked, waiting_at_most

#: what the status bar says first while a step waits (translated where it is shown)
WAITING = QT_TRANSLATE_NOOP("StepRunner", "Waiting for the database (locked by another program)…")

Message = str | Callable[[], str] | None


def _seconds(seconds: float) -> str:
    """A number of seconds as the status bar shows it: whole, or with one decimal (30, 0.5)."""
    return integer(int(seconds)) if seconds == int(seconds) else decimal(seconds, 1)


class ServiceCommand(QUndoCommand):
    """One step on the undo stack: a service command whose ``do`` is already stored.

    ``redo``/``undo`` run the service command only when the runner has not run it
    already (``ran`` set); a caller that drives the QUndoStack directly still gets
    the step run, and a failure reported through *on_error*.
    """

    def __init__(self, command: Command, *, project: Project | None = None,
                 on_error: Callable[[Exception], None] | None = None) -> None:
        super().__init__(step_text(command))
        self.command = command
        self.project = project
        self._on_error = on_error
        self.ran = True  # pushed after its do() committed: QUndoStack.push's redo() is bookkeeping

    def redo(self) -> None:
        self._step(self.command.do)

    def undo(self) -> None:
        self._step(self.command.undo)

    def _step(self, fn: Callable[[Project], Any]) -> None:
        if self.ran:
            self.ran = False
            return
        if self.project is None:
            return
        try:
            fn(self.project)
        except AnnotatorError as exc:
            if self._on_error is not None:
                self._on_error(exc)


@dataclass
class _Step:
    kind: str  # "do", "undo", "redo"
    command: Command | None = None
    done: Message = None
    entry: ServiceCommand | None = None
    started: float = 0.0
    prepared: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def describe(self, name: Callable[[Command], str] | None = None) -> str:
        cmd = self.entry.command if self.entry is not None else self.command
        if cmd is None:
            what = translate("StepRunner", "the last step")
        else:
            what = name(cmd) if name is not None else step_text(cmd)
        if self.kind == "undo":
            return translate("StepRunner", "undo of {step}").format(step=what)
        if self.kind == "redo":
            return translate("StepRunner", "redo of {step}").format(step=what)
        return what


class StepRunner(QObject):
    """Runs service steps one at a time against the project and keeps *stack* true to the database."""

    #: True while a step waits for the database (the window shows it is waiting)
    waitingChanged = Signal(bool)
    #: a plain-text status message ("Waiting for the database…", "Not saved: …")
    message = Signal(str)
    #: a step was not stored: (what, why); the window has been told (status bar and message box)
    failed = Signal(str, str)

    #: how long one attempt waits for the lock (ms): the window is busy at most this long at a time
    attempt_ms = 200
    #: pause between attempts (ms): the window handles input and repaints meanwhile
    retry_ms = 60
    #: after this many seconds of waiting a step fails visibly
    wait_limit = 30.0

    def __init__(self, project: Project, stack: QUndoStack, on_change: Callable[[Any, bool, Command], None],
                 on_error: Callable[[Exception], None], before: Callable[[Command], None] | None = None,
                 parent: QObject | None = None, name: Callable[[Command], str] | None = None) -> None:
        super().__init__(parent)
        self._name = name  # how a failure message names a step (its text, and where it is)
        self.project = project
        self.stack = stack
        self._on_change = on_change
        self._on_error = on_error
        self._before = before
        self._queue: deque[_Step] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._pump)
        self._waiting = False
        self._cursor = [False]  # the busy cursor is set; restored even if the window goes away while waiting
        self.destroyed.connect(lambda *_a, c=self._cursor: c[0] and QGuiApplication.restoreOverrideCursor())
        self._box: Any = None
        self.last_error: Exception | None = None

    # -- asking for steps ------------------------------------------------------------
    @property
    def waiting(self) -> bool:
        """A step is waiting for the database (it and the ones queued behind it are not stored yet)."""
        return bool(self._queue)

    def pending(self) -> list[str]:
        """What is not stored yet: the waiting step and those queued behind it, as the user named them."""
        return [step.describe(self._name) for step in self._queue]

    def do(self, command: Command, done: Message = None) -> bool:
        """Run *command* and push it; True if it is stored now (False: refused, or waiting)."""
        return self._submit(_Step("do", command=command, done=done))

    def undo(self) -> bool:
        return self._submit(_Step("undo"))

    def redo(self) -> bool:
        return self._submit(_Step("redo"))

    def _submit(self, step: _Step) -> bool:
        self.last_error = None
        self._queue.append(step)
        if len(self._queue) > 1:  # behind a waiting step (or asked for while one runs): runs right after it
            if self._waiting:
                self.message.emit(translate("StepRunner", "{waiting} {step} will be saved after the step before it")
                                  .format(waiting=translate("StepRunner", WAITING), step=step.describe(self._name)))
            return False
        self._pump()
        stored: bool = step.extra.get("stored", False)
        return stored

    # -- running -------------------------------------------------------------------------
    def _pump(self) -> None:
        while self._queue:
            step = self._queue[0]
            outcome = self._attempt(step)
            if outcome == "waiting":
                self._set_waiting(True, step)
                self._timer.start(self.retry_ms)
                return
            self._queue.popleft()
            if outcome == "failed":
                self._drop_queue(step)
        self._set_waiting(False, None)

    def _attempt(self, step: _Step) -> str:
        if not step.prepared:
            step.prepared = True
            step.started = time.monotonic()
            if step.kind != "do":
                index = self.stack.index()
                if (step.kind == "undo" and index == 0) or (step.kind == "redo" and index >= self.stack.count()):
                    step.extra["nothing"] = True
                    return "done"
                entry = self.stack.command(index - 1 if step.kind == "undo" else index)
                assert isinstance(entry, ServiceCommand)
                step.entry = entry
            if self._before is not None:
                self._before(step.entry.command if step.entry is not None else step.command)  # type: ignore[arg-type]
        command = step.entry.command if step.entry is not None else step.command
        assert command is not None
        run = command.undo if step.kind == "undo" else command.do
        try:
            with waiting_at_most(self.attempt_ms):
                changed = run(self.project)
        except DatabaseLocked as exc:
            if time.monotonic() - step.started < self.wait_limit:
                return "waiting"
            self._fail(step, DatabaseLocked(translate("StepRunner", "the database stayed locked by another program "
                                                                    "for {seconds} s ({error})")
                                            .format(seconds=_seconds(self.wait_limit), error=exc)))
            return "failed"
        except AnnotatorError as exc:
            self._fail(step, exc)
            return "failed"
        except Exception as exc:  # a database or program error: said in the window, then passed on
            self._fail(step, exc)
            self._queue.clear()
            self._set_waiting(False, None)
            raise
        self._record(step, command)
        step.extra["stored"] = True
        self._on_change(changed, step.kind == "undo", command)
        self.message.emit(self._done_text(step, command))
        return "done"

    @staticmethod
    def _done_text(step: _Step, command: Command) -> str:
        if step.kind == "undo":
            return translate("StepRunner", "Saved: undid {step}").format(step=step_text(command))
        if step.kind == "redo":
            return translate("StepRunner", "Saved: redid {step}").format(step=step_text(command))
        done = step.done() if callable(step.done) else step.done
        return done or translate("StepRunner", "Saved: {step}").format(step=step_text(command))

    def _record(self, step: _Step, command: Command) -> None:
        """The service step committed: now, and only now, the undo stack moves."""
        if step.kind == "do":  # made after the run: its text can say more ("... with 2 relation(s)")
            self.stack.push(ServiceCommand(command, project=self.project, on_error=self._on_error))
        else:
            assert step.entry is not None
            step.entry.ran = True
            (self.stack.undo if step.kind == "undo" else self.stack.redo)()

    # -- waiting and failing ---------------------------------------------------------------
    def _set_waiting(self, on: bool, step: _Step | None) -> None:
        if on and step is not None:
            seconds = time.monotonic() - step.started
            self.message.emit(translate("StepRunner", "{waiting} {step} is not saved yet ({seconds} s)").format(
                waiting=translate("StepRunner", WAITING), step=step.describe(self._name),
                seconds=integer(round(seconds))))
        if on == self._waiting:
            return
        self._waiting = on
        if on:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QGuiApplication.restoreOverrideCursor()
        self._cursor[0] = on
        self.waitingChanged.emit(on)

    def _fail(self, step: _Step, exc: Exception) -> None:
        self.last_error = exc
        what = step.describe(self._name)
        if step.kind == "do":
            text = translate("StepRunner", "Not saved: {step}: {error}. It is not in the project and not on the undo "
                                           "stack.")
        elif step.kind == "undo":
            text = translate("StepRunner", "Not undone: {step}: {error}. The project is as before and the step stays "
                                           "where it was on the undo stack; {keys} tries again.")
        else:
            text = translate("StepRunner", "Not redone: {step}: {error}. The project is as before and the step stays "
                                           "where it was on the undo stack; {keys} tries again.")
        keys = QKeySequence("Ctrl+Z" if step.kind == "undo" else "Ctrl+Shift+Z").toString(
            QKeySequence.SequenceFormat.NativeText)
        text = text.format(step=what, error=exc, keys=keys)
        self._on_error(exc)
        # A refused edit (a value the schema does not allow) is said where it was made and in the
        # status bar; a step lost to the database, and any undo or redo that failed, also gets a
        # message box, because the user has moved on and may not look at the status bar.
        self._tell(text, box=step.kind != "do" or isinstance(exc, DatabaseLocked)
                   or not isinstance(exc, AnnotatorError))
        self.failed.emit(what, str(exc))

    def _drop_queue(self, failed: _Step) -> None:
        dropped = [s.describe(self._name) for s in self._queue]
        self._queue.clear()
        if dropped:
            self._tell(translate("StepRunner", "Also not saved, because they came after it: {steps}.").format(
                steps=translate("StepRunner", "; ").join(dropped)), box=True)

    def _tell(self, text: str, box: bool) -> None:
        """Say it in the status bar and, with *box*, in a message box (plain text) that stays until read."""
        self.message.emit(text)
        if not box:
            return
        parent = self.parent()
        while parent is not None and not hasattr(parent, "statusBar"):
            parent = parent.parent()
        from PySide6.QtWidgets import QMessageBox, QWidget

        shown = self._box
        if shown is not None and shown.isVisible():
            shown.setText(shown.text() + "\n\n" + text)
            return
        from annotator.gui.common import plain

        message = plain.message_box(parent if isinstance(parent, QWidget) else None, QMessageBox.Icon.Warning,
                                    translate("StepRunner", "Not saved"), text)
        message.setObjectName("notSavedMessage")
        message.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        message.open()
        self._box = message
        message.destroyed.connect(lambda *_: setattr(self, "_box", None))

