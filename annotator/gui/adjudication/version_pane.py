"""The panes of the adjudication view: one read-only pane per annotator, one gold pane.

Each pane is the annotation window's :class:`DocumentEditor` (same lazy
per-paragraph highlighting) over an :class:`OpenDocument` holding that version's
spans. The current disagreement is marked in every pane at once with an outline
painted over the text (an extra selection: no characters are inserted).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QTextEdit, QVBoxLayout, QWidget

from annotator.gui.annotation.controller import OpenDocument
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.highlighter import LabelColours
from annotator.gui.annotation.spanindex import SpanIndex
from annotator.gui.common import plain
from annotator.gui.common.i18n import integer, translate

MARK_COLOUR = QColor("#1f5fbf")


class AdjudicationEditor(DocumentEditor):
    """A document editor that can also mark a range (the current disagreement)."""

    def __init__(self, colours: LabelColours, parent: QWidget | None = None) -> None:
        super().__init__(colours, parent)
        self.marked: tuple[int, int] | None = None

    def show_spans(self, spans: SpanIndex) -> None:
        """Give the shown text another set of spans (without laying the text out again)."""
        if self.state is None or self.highlighter is None:
            return
        self.state.spans = spans
        self.highlighter.spans = spans
        self.highlighter.invalidate_all()
        self._edges.clear()
        self.selected_span_id = None
        self._show_selected_span()
        self.viewport().update()

    def _read_remaining_spans(self) -> None:
        """Not all at once: a version's index reads its spans as the text is painted or asked about."""

    def mark_range(self, start: int, end: int, scroll: bool = True) -> None:
        """Outline code points ``[start, end)`` and bring them to the middle of the pane."""
        self.marked = (start, end)
        self._show_selected_span()
        if scroll and self.state is not None:
            c = QTextCursor(self.document())
            c.setPosition(self.state.u16.to_utf16(min(start, len(self.state.text))))
            self.setTextCursor(c)
            self.centerCursor()

    def _show_selected_span(self) -> None:
        super()._show_selected_span()
        if self.marked is None or self.state is None:
            return
        start, end = self.marked
        sel = QTextEdit.ExtraSelection()
        c = QTextCursor(self.document())
        u_start, u_end = self.state.u16.range_to_utf16(start, max(start, end))
        c.setPosition(u_start)
        c.setPosition(u_end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = c
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        fmt.setUnderlineColor(MARK_COLOUR)
        fmt.setFontOverline(True)
        fmt.setForeground(MARK_COLOUR.darker(160))
        sel.format = fmt
        self.setExtraSelections([sel, *self.extraSelections()])


class VersionPane(QFrame):
    """One version of the document: a title line (whose version, how many spans) and the text."""

    def __init__(self, name: str, number: int | None, colours: LabelColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.number = number  # 1-based key of this annotator (Alt+number accepts), None for gold
        self.setObjectName("goldPane" if number is None else "versionPane")
        self.setAccessibleName(translate("VersionPane", "{name}'s version").format(name=name) if number is not None
                               else translate("VersionPane", "Gold"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = plain.plain_label("", self)
        self.title.setObjectName("paneTitle")
        self.title.setContentsMargins(4, 2, 4, 2)
        self.editor = AdjudicationEditor(colours, self)
        self.editor.setAccessibleName(self.accessibleName())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.editor, 1)
        self.set_title(translate("VersionPane", "loading…"))

    def set_title(self, detail: str) -> None:
        who = f"{integer(self.number)} · {self.name}" if self.number is not None else \
            translate("VersionPane", "Gold (editable)")
        self.title.setText(f"{who} — {detail}" if detail else who)

    def show_state(self, state: OpenDocument, detail: str) -> None:
        marked = self.editor.marked
        self.editor.show_document(state)
        self.editor.marked = marked
        self.set_title(detail)
