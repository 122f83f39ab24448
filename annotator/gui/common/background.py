"""A dialog whose work runs in a pool thread (import, export): closing it while the work
runs cancels the work first, and the dialog closes once the work has stopped."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog


class BackgroundWorkDialog(QDialog):
    """Escape, the window's close button and Close cancel running work, then close.

    Subclasses set ``running``, implement ``cancel`` and call ``_close_if_asked`` when
    their work has ended (done, failed or cancelled)."""

    running = False
    _close_when_done = False

    def cancel(self) -> None:
        raise NotImplementedError

    def _close_if_asked(self) -> None:
        if self._close_when_done:
            self._close_when_done = False
            super().reject()

    def reject(self) -> None:
        if self.running:
            self._close_when_done = True
            self.cancel()
            return
        super().reject()

    def closeEvent(self, e: QCloseEvent) -> None:
        if self.running:
            self._close_when_done = True
            self.cancel()
            e.ignore()
            return
        super().closeEvent(e)
