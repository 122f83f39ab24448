"""The small list a relation's other end is picked from: nearby spans of an allowed label.

It floats over the pane's text, next to the selected span, and holds the keyboard
focus while it is open: Up/Down move, Enter or a digit 1-9 picks, Esc cancels. The
annotator may also click the span in the text instead (the relation tool watches
the pane's clicks meanwhile). Items are plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QFrame, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.values import Span
from annotator.gui.common import plain
from annotator.gui.common.i18n import integer, translate

ID_ROLE = Qt.ItemDataRole.UserRole
MAX_ROWS = 9


def distance(a: Span, b: Span) -> int:
    """Code points between two spans (0 when they overlap or touch)."""
    if a.start < b.end and b.start < a.end:
        return 0
    return b.start - a.end if b.start >= a.end else a.start - b.end


def nearest(anchor: Span, spans: list[Span], limit: int = 30) -> list[Span]:
    """*spans* sorted by distance from *anchor* (inside it first), then reading order."""
    return sorted(spans, key=lambda s: (distance(anchor, s), s.start, -s.end))[:limit]


def where(anchor: Span, span: Span) -> str:
    """Where *span* lies from *anchor*: "inside", "overlapping", "before" or "after" (a key; see :func:`where_text`)."""
    if anchor.start <= span.start and span.end <= anchor.end:
        return "inside"
    if distance(anchor, span) == 0:
        return "overlapping"
    return "before" if span.end <= anchor.start else "after"


def where_text(place: str) -> str:
    """:func:`where`'s answer as the picker shows it, in the interface's language."""
    shown = {"inside": translate("SpanPicker", "inside"), "overlapping": translate("SpanPicker", "overlapping"),
             "before": translate("SpanPicker", "before"), "after": translate("SpanPicker", "after")}
    return shown.get(place, place)


class SpanPicker(QFrame):
    """A keyboard-driven list of candidate spans; emits ``picked`` or ``cancelled`` once."""

    picked = Signal(str)  # span id
    cancelled = Signal()

    def __init__(self, title: str, anchor: Span, candidates: list[Span], text: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("relationPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        # interface text (the heading, the numbers, where each span lies): the interface's direction, not
        # that of the document the pane shows (the spans' own words are isolated in their rows)
        self.setLayoutDirection(QApplication.layoutDirection())
        self._done = False
        heading = plain.plain_label(title, self)
        heading.setWordWrap(True)  # a long heading (or its translation) wraps instead of being cut
        self.list = QListWidget(self)
        self.list.setObjectName("relationCandidates")
        self.list.installEventFilter(self)
        for i, span in enumerate(candidates):
            body = " ".join(span.text_in(text).split())
            body = body if len(body) <= 40 else body[:40] + "…"
            number = translate("SpanPicker", "{number}. ").format(number=integer(i + 1)) if i < MAX_ROWS else "    "
            item = QListWidgetItem(number + translate("SpanPicker", "{label}: {text}  ({where})").format(
                label=span.label, text=plain.isolate(body), where=where_text(where(anchor, span))))
            item.setData(ID_ROLE, span.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        rows = min(len(candidates), MAX_ROWS)
        width = 360
        self.resize(width, heading.heightForWidth(width - 8) + rows * (self.list.sizeHintForRow(0) + 1) + 18)

    def open_at(self, point: QPoint) -> None:
        """Show at *point* (parent coordinates), kept inside the parent, and take the focus."""
        parent = self.parentWidget()
        assert parent is not None  # made with the editor as its parent
        x = max(0, min(point.x(), parent.width() - self.width()))
        y = point.y() if point.y() + self.height() <= parent.height() else max(0, point.y() - self.height() - 30)
        self.move(x, y)
        self.show()
        self.raise_()
        self.list.setFocus()

    def candidate_ids(self) -> list[str]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def pick_row(self, row: int) -> None:
        item = self.list.item(row)
        if item is not None:
            self._activated(item)

    def cancel(self) -> None:
        if not self._done:
            self._done = True
            self.cancelled.emit()
            self._close()

    def _activated(self, item: QListWidgetItem) -> None:
        if not self._done:
            self._done = True
            self.picked.emit(item.data(ID_ROLE))
            self._close()

    def _close(self) -> None:
        self.hide()
        self.deleteLater()

    def eventFilter(self, obj, e: QEvent) -> bool:  # type: ignore[no-untyped-def]
        if obj is self.list and isinstance(e, QKeyEvent):
            plain = not e.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                                        | Qt.KeyboardModifier.MetaModifier)
            if e.type() == QEvent.Type.ShortcutOverride and plain:
                e.accept()  # keys typed here are for the list, not the window's shortcuts
                return True
            if e.type() == QEvent.Type.KeyPress:
                if e.key() == Qt.Key.Key_Escape:
                    self.cancel()
                    return True
                if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    self.pick_row(self.list.currentRow())
                    return True
                if plain and Qt.Key.Key_1 <= e.key() <= Qt.Key.Key_9:
                    self.pick_row(e.key() - Qt.Key.Key_1)
                    return True
        if obj is self.list and e.type() == QEvent.Type.FocusOut:
            reason = e.reason() if hasattr(e, "reason") else None
            focus = QApplication.focusWidget()
            if reason not in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason) \
                    and focus is not self.parentWidget() and focus is not self.list:
                self.cancel()  # the annotator went elsewhere (another pane, a dock)
        return super().eventFilter(obj, e)
