"""Walking modal dialogs: run a trigger that opens one (``exec()`` blocks), look at each
modal widget it opens while it is open, then close it (No, Cancel or close).

Used by the walks of every window (tests/gui/test_markup_walk.py, test_arabic_walk.py) and by
tests/gui/test_arabic_dialogs.py.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget


def close_modal(w: QWidget) -> None:
    """Close *w* the way a user saying no would: No in a message box, Cancel in a dialog."""
    if isinstance(w, QMessageBox):
        w.done(QMessageBox.StandardButton.No)
    elif isinstance(w, QDialog):
        w.reject()
    else:
        w.close()


class ModalWalker:
    """``walker(trigger)``: run *trigger*; each modal widget it opens is given to *look* once, then
    closed. Returns the names (object name, else class) of the widgets opened by that trigger."""

    def __init__(self, look: Callable[[QWidget], None]) -> None:
        self.look = look
        self.opened: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        w = QApplication.activeModalWidget()
        if w is None or not w.isVisible() or getattr(w, "_walked", False):
            return
        w._walked = True  # type: ignore[attr-defined]
        self.opened.append(w.objectName() or f"{type(w).__name__}: {w.windowTitle()}")
        try:
            self.look(w)
        finally:
            close_modal(w)

    def __call__(self, trigger: Callable[[], object]) -> list[str]:
        before = len(self.opened)
        self.timer.start()
        try:
            trigger()
        finally:
            self.timer.stop()
        return self.opened[before:]
