"""The text view of one pane: a read-only, selectable QPlainTextEdit.

This is the only widget that meets Qt text positions. Every position it hands to
the rest of the program has been converted from UTF-16 to code points through the
document's :class:`~annotator.core.offsets.Utf16Map`, and back the same way.

Paragraphs are laid out by :class:`~annotator.gui.annotation.textlayout.ParagraphLayout`:
each in the direction ``core.text.paragraph_direction`` gives it inside a
document of the stored direction (``Document.direction``, which honours
``meta.direction``), aligned to its start edge (right for Arabic) and never
justified, with a gap above each line for the relation badges. The widget's own
layout direction (scroll bar side, caret at an empty line) follows
``Document.direction`` too.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from typing import Protocol

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QFont,
    QGuiApplication,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from annotator.core.values import Span
from annotator.gui.annotation.controller import OpenDocument
from annotator.gui.annotation.highlighter import FoundRanges, LabelColours, SpanHighlighter
from annotator.gui.annotation.overlay import NoteBadges
from annotator.gui.annotation.textlayout import ParagraphLayout, line_gap
from annotator.gui.common.elide import cursor_x
from annotator.gui.common.i18n import translate

EDGE_WIDTH = 2
EDGE_INSET = 3  # pixels by which each level of nesting shortens an edge bar


class Decoration(Protocol):
    """What is painted over the text after the edge bars (the relation overlay)."""

    def paint(self, blocks: list[QTextBlock]) -> None: ...

    def draws_anything(self) -> bool:
        """Whether it draws over this document now (then a change anywhere repaints it all)."""
        ...


class SuggestionLayer(Protocol):
    """What the pane's suggestions (``suggestions_view.PaneSuggestions``) do for the editor and the
    tagging keys: Tab walks them with the spans, a click or a key selects or decides one."""

    def walkable(self) -> bool: ...
    def walk(self, forward: bool) -> object | None: ...
    def has_selection(self) -> bool: ...
    def deselect(self) -> None: ...
    def select_at(self, pos: int) -> bool: ...
    def accept(self, label: str | None = None) -> bool: ...
    def reject(self) -> bool: ...
    def move_edge(self, how: tuple[str, str, int]) -> None: ...


class DocumentEditor(QPlainTextEdit):
    """Shows one document with its spans; reports selections and span clicks."""

    spanSelected = Signal(str)  # span id chosen by click, Tab or programmatically ("" = none)
    focused = Signal()
    documentShown = Signal()  # show_document put another document (or none) here

    def __init__(self, colours: LabelColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colours = colours
        self.state: OpenDocument | None = None
        self.highlighter: SpanHighlighter | None = None
        self.selected_span_id: str | None = None
        self._precision_once = False
        #: a selection made exactly (a find bar's match): tagged as it is, not grown to whole words
        self._exact: tuple[int, int] | None = None
        #: the find bar's matches, painted by every highlighter this editor makes
        self.found: FoundRanges | None = None
        self.context_actions: list[QAction | None] = []
        self._press_pos: QPoint | None = None
        self._edges: dict[int, list[tuple[int, int, int, QColor]]] = {}  # block number -> edge bars
        #: painted over the text after the edge bars: objects with ``paint(visible_blocks)`` (see overlay.py)
        self.decorations: list[Decoration] = []
        #: the "?" / "✎" chips of the spans that carry a note (overlay.NoteBadges)
        self.note_badges = NoteBadges(self)
        self.decorations.append(self.note_badges)
        #: what the last span change repainted (the changed paragraphs on screen), for tests
        self.repainted_lines = QRect()
        #: extra plain-text lines for a span's tool tip (its relations and links), if set
        self.describe_span: Callable[[Span], list[str]] | None = None
        #: the pane's suggestions (suggestions_view.PaneSuggestions), when the window shows them
        self.suggestions: SuggestionLayer | None = None
        document = QTextDocument(self)
        self.paragraphs = ParagraphLayout(document)
        document.setDocumentLayout(self.paragraphs)
        self.setDocument(document)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setUndoRedoEnabled(False)
        self.setObjectName("documentText")
        self.selectionChanged.connect(self._selection_changed)

    # -- content -------------------------------------------------------------------
    def show_document(self, state: OpenDocument | None) -> None:
        """Show *state*'s text and spans (or nothing)."""
        self.state = state
        self._edges.clear()
        self._exact = None
        self.selected_span_id = None
        self.setExtraSelections([])
        doc = self.document()
        doc.setUndoRedoEnabled(False)
        if state is None:
            self.highlighter = None
            self.setPlainText("")
            self.documentShown.emit()
            return
        rtl = state.document.direction == "rtl"
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        self.paragraphs.configure(state.document.direction, line_gap(doc.defaultFont(), self.font()))
        self.setPlainText(state.text)
        # the document's direction, aligned to its start edge (ParagraphLayout lays out the paragraphs
        # in the other direction from theirs); never justified, which stretches Arabic words
        # between their letters
        option = self.paragraphs.base_option(doc.defaultTextOption())
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(option)
        # setPlainText scrolls to show the caret in whatever viewport the pane has at that moment
        # (a few pixels tall before the window is shown): a document opens at its first line
        self.verticalScrollBar().setValue(0)
        self.highlighter = SpanHighlighter(doc, state.spans, state.u16, self.colours)
        self.highlighter.found = self.found
        self.viewport().update()
        self.documentShown.emit()

    def set_text_font(self, font: QFont) -> None:
        self.paragraphs.configure(self.paragraphs.base, line_gap(font, self.font()))
        self.document().setDefaultFont(font)
        self._edges.clear()
        if self.highlighter is not None:
            self.highlighter.invalidate_all()
        self.viewport().update()

    def refresh_spans(self, pairs: list[tuple[Span | None, Span | None]]) -> None:
        """Repaint the paragraphs touched by changed spans (before and after), and only
        them unless relations or links are drawn over the text (their arcs and chips may
        reach other lines)."""
        if self.highlighter is None:
            return
        if self.selected_span_id and self.state and self.selected_span_id not in self.state.spans:
            self.selected_span_id = None
        self._show_selected_span()
        self.repaint_ranges([(span.start, span.end) for pair in pairs for span in pair if span is not None])

    def repaint_ranges(self, ranges: Iterable[tuple[int, int]]) -> None:
        """Format again and repaint the paragraphs that hold code points ``[start, end)`` of
        *ranges* (changed spans, a find's current match that moved), and only them unless
        something is drawn over the whole text."""
        if self.highlighter is None:
            return
        numbers: set[int] = set()
        for start, end in ranges:
            for number in self.highlighter.refresh_range(start, end):
                self._edges.pop(number, None)
                numbers.add(number)
        if any(d.draws_anything() for d in self.decorations):
            self.viewport().update()
            return
        self.repainted_lines = self._lines_rect(numbers)
        if not self.repainted_lines.isEmpty():
            self.viewport().update(self.repainted_lines)

    def set_found(self, found: FoundRanges | None) -> None:
        """Paint *found* (a find bar's matches) over the text from now on, or nothing."""
        self.found = found
        if self.highlighter is not None:
            self.highlighter.found = found
        self.repaint_all()

    def repaint_all(self) -> None:
        """Format again the paragraphs as they come on screen (the find's matches changed)."""
        if self.highlighter is not None:
            self.highlighter.invalidate_all()
        self.viewport().update()

    def _lines_rect(self, numbers: set[int]) -> QRect:
        """The viewport rectangle of paragraphs *numbers* that are on screen, the whole width."""
        rect = QRect()
        offset = self.contentOffset()
        height = self.viewport().height()
        for number in numbers:
            block = self.document().findBlockByNumber(number)
            r = self.blockBoundingGeometry(block).translated(offset).toAlignedRect()
            if r.bottom() >= 0 and r.top() <= height:
                rect = rect.united(QRect(0, r.top(), self.viewport().width(), r.height()))
        return rect

    # -- positions (code points) ------------------------------------------------------
    def selection_range(self) -> tuple[int, int] | None:
        """The selection in code points, or None when nothing is selected."""
        c = self.textCursor()
        if self.state is None or not c.hasSelection():
            return None
        return self.state.u16.range_to_code_points(c.selectionStart(), c.selectionEnd())

    def select_range(self, start: int, end: int, exact: bool = False) -> None:
        """Select code points ``[start, end)`` and scroll them into view; *exact*: a label key
        tags exactly these characters while they stay selected (a find's match)."""
        if self.state is None:
            return
        u_start, u_end = self.state.u16.range_to_utf16(start, end)
        c = QTextCursor(self.document())
        c.setPosition(u_start)
        c.setPosition(u_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(c)
        self._exact = (start, end) if exact else None
        self.ensureCursorVisible()

    @property
    def char_precision_once(self) -> bool:
        """Tag the selection exactly as it is, once (Alt held while selecting, or a find's match selected)."""
        return self._precision_once or (self._exact is not None and self.selection_range() == self._exact)

    @char_precision_once.setter
    def char_precision_once(self, on: bool) -> None:
        self._precision_once = on
        if not on:
            self._exact = None

    def position_at(self, point: QPoint) -> int | None:
        if self.state is None:
            return None
        return self.state.u16.to_code_point(self.cursorForPosition(point).position())

    def spans_at(self, point: QPoint) -> list[Span]:
        """Spans under a viewport point, innermost first."""
        pos = self.position_at(point)
        if pos is None or self.state is None:
            return []
        found = self.state.spans.covering(pos)
        if not found and pos > 0:
            found = self.state.spans.covering(pos - 1)
        return found

    def selected_span(self) -> Span | None:
        if self.state is None or self.selected_span_id is None:
            return None
        return self.state.spans.get(self.selected_span_id)

    def select_span(self, span: Span | None, scroll: bool = True) -> None:
        """Make *span* the selected span (shown in its full label colour), or none; a selected
        suggestion is let go either way."""
        if self.suggestions is not None:
            self.suggestions.deselect()
        self.selected_span_id = None if span is None else span.id
        self._show_selected_span()
        if span is not None and self.state is not None:
            c = QTextCursor(self.document())
            c.setPosition(self.state.u16.to_utf16(span.start if scroll else span.end))
            self.setTextCursor(c)  # a selected span replaces the text selection
            if scroll:
                self.ensureCursorVisible()
        self.spanSelected.emit(self.selected_span_id or "")

    def _show_selected_span(self) -> None:
        span = self.selected_span()
        if span is None or self.state is None:
            self.setExtraSelections([])
            return
        sel = QTextEdit.ExtraSelection()
        c = QTextCursor(self.document())
        u_start, u_end = self.state.u16.range_to_utf16(span.start, span.end)
        c.setPosition(u_start)
        c.setPosition(u_end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = c
        fmt = QTextCharFormat()
        fmt.setBackground(self.colours.solid(span.label))
        fmt.setForeground(QColor("#000000"))
        sel.format = fmt
        self.setExtraSelections([sel])

    def walk(self, forward: bool) -> object | None:
        """Select the next (or previous) span in reading order, or suggestion when they are shown."""
        if self.state is None:
            return None
        if self.suggestions is not None and self.suggestions.walkable():
            return self.suggestions.walk(forward)
        current = self.selected_span()
        pos = self.state.u16.to_code_point(self.textCursor().position())
        span = self.state.spans.next_span(current, pos) if forward else self.state.spans.previous_span(current, pos)
        if span is not None:
            self.select_span(span)
        return span

    def _selection_changed(self) -> None:
        if self.suggestions is not None and self.textCursor().hasSelection():
            self.suggestions.deselect()
        if self.selected_span_id is not None and self.textCursor().hasSelection():
            self.selected_span_id = None
            self._show_selected_span()
            self.spanSelected.emit("")

    # -- events ----------------------------------------------------------------------
    def event(self, e: QEvent) -> bool:
        if (e.type() == QEvent.Type.KeyPress and isinstance(e, QKeyEvent)
                and e.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and not e.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.walk(forward=e.key() == Qt.Key.Key_Tab and not e.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            return True
        return super().event(e)

    def focusInEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        super().focusInEvent(e)
        self.focused.emit()

    def mousePressEvent(self, e: QMouseEvent) -> None:
        self._press_pos = e.position().toPoint()
        self.char_precision_once = bool(e.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().mousePressEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        super().mouseReleaseEvent(e)
        press, self._press_pos = self._press_pos, None
        if e.button() != Qt.MouseButton.LeftButton or press is None:
            return
        if (e.position().toPoint() - press).manhattanLength() < 4 and not self.textCursor().hasSelection():
            found = self.spans_at(press)
            pos = self.position_at(press)
            if not found and pos is not None and self.suggestions is not None and self.suggestions.select_at(pos):
                return  # a suggestion where no span is
            self.select_span(found[0] if found else None, scroll=False)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape and self.selected_span_id is not None:
            self.select_span(None, scroll=False)
            return
        if e.key() == Qt.Key.Key_Escape and self.suggestions is not None and self.suggestions.has_selection():
            self.suggestions.deselect()
            return
        if e.modifiers() & Qt.KeyboardModifier.ShiftModifier and e.key() in (
                Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_End):
            self.char_precision_once = bool(e.modifiers() & Qt.KeyboardModifier.AltModifier)
        super().keyPressEvent(e)

    def contextMenuEvent(self, e: QContextMenuEvent) -> None:
        self.context_menu(e.pos()).exec(e.globalPos())

    def context_menu(self, point: QPoint) -> QMenu:
        """The menu for a right click at viewport *point*: a span there becomes the selected span."""
        if not self.textCursor().hasSelection():
            found = self.spans_at(point)
            if found:
                self.select_span(found[0], scroll=False)
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def viewportEvent(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            found = self.spans_at(e.pos())
            if found and self.state is not None:
                QToolTip.showText(e.globalPos(), span_tooltip(found, self.state.text, self.describe_span),
                                  self.viewport())
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().viewportEvent(e)

    # -- painting ----------------------------------------------------------------------
    def _visible_blocks(self, top: int = 0, bottom: int | None = None) -> Iterator[QTextBlock]:
        """The paragraphs on screen, or those crossing viewport rows *top* to *bottom*."""
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        bottom = self.viewport().height() if bottom is None else bottom
        while block.isValid():
            rect = self.blockBoundingGeometry(block).translated(offset)
            if rect.top() > bottom:
                break
            if rect.bottom() >= top:
                yield block
            block = block.next()

    def paintEvent(self, e: QPaintEvent) -> None:
        hl = self.highlighter
        if hl is None:
            blocks = []
        elif any(d.draws_anything() for d in self.decorations):
            blocks = list(self._visible_blocks())  # arcs and chips may cross into the repainted rows
        else:  # only the paragraphs being repainted (after a tag: the changed lines)
            blocks = list(self._visible_blocks(e.rect().top(), e.rect().bottom()))
        if hl is not None:
            for block in blocks:
                if not hl.is_current(block):
                    hl.format_block(block)
                    self._edges.pop(block.blockNumber(), None)
        super().paintEvent(e)
        if blocks and self.state is not None:
            self._paint_edges(blocks)
            for decoration in self.decorations:
                decoration.paint(blocks)
        if self.state is not None and not self.state.spans.complete:
            QTimer.singleShot(0, self, self._read_remaining_spans)  # the first screen is shown: now the rest

    def _read_remaining_spans(self) -> None:
        """Read the spans a long document opened without (only its first screen's were read)."""
        if self.state is not None and self.isVisible():
            self.state.spans.load_all()

    def resizeEvent(self, e) -> None:  # type: ignore[no-untyped-def]
        if e.oldSize().width() != e.size().width():
            self._edges.clear()  # lines are wrapped anew
        super().resizeEvent(e)

    def _block_edges(self, block: QTextBlock) -> list[tuple[int, int, int, QColor]]:
        """Edge bars (x, y, height, colour) of the spans whose edges fall in *block*, block-relative.

        Positions come from the paragraph's QTextLayout (``cursorToX``), so a bar
        sits where the caret would be at that logical position, in either
        direction. Computed once per paragraph layout and kept until it changes.
        """
        assert self.state is not None
        u16 = self.state.u16
        pos = block.position()
        lo, hi = u16.to_code_point(pos), u16.to_code_point(pos + block.length() - 1)
        layout = block.layout()
        out = []
        stack: list[Span] = []
        for span in self.state.spans.overlapping(lo, hi + 1):  # reading order: enclosing spans first
            while stack and stack[-1].end <= span.start:
                stack.pop()
            depth = len(stack)
            stack.append(span)
            colour = self.colours.solid(span.label)
            for edge, is_end in ((span.start, False), (span.end, True)):
                if not lo <= edge <= hi or (is_end and edge == lo) or (not is_end and edge == hi and hi > lo):
                    continue
                rel = u16.to_utf16(edge) - pos
                line = layout.lineForTextPosition(max(0, rel - 1) if is_end else rel)
                if not line.isValid():
                    continue
                height = int(line.height())
                inset = min(depth * EDGE_INSET, height // 3)
                out.append((int(cursor_x(line, rel)) - EDGE_WIDTH // 2, int(line.y()) + inset,
                            height - 2 * inset, colour))
        return out

    def _paint_edges(self, blocks: list[QTextBlock]) -> None:
        """A bar at each span's start and end, in its colour, shorter for each level of nesting."""
        painter = QPainter(self.viewport())
        offset = self.contentOffset()
        for block in blocks:
            number = block.blockNumber()
            edges = self._edges.get(number)
            if edges is None:
                if not block.layout().lineCount():
                    continue
                edges = self._edges[number] = self._block_edges(block)
            if edges:
                top_left = self.blockBoundingGeometry(block).translated(offset).topLeft()
                bx, by = int(top_left.x()), int(top_left.y())
                for x, y, h, colour in edges:
                    painter.fillRect(bx + x, by + y, EDGE_WIDTH, h, colour)
        painter.end()


def span_tooltip(spans: list[Span], text: str, describe: Callable[[Span], list[str]] | None = None,
                 limit: int = 300) -> str:
    """Tool tip for spans under the pointer: label and text (and *describe*'s lines: relations,
    link partners), escaped so it stays plain text; it runs in the interface's direction."""
    lines = []
    for span in spans:
        body = span.text_in(text)
        if len(body) > limit:
            body = body[:limit] + "…"
        lines.append(f"<b>{html.escape(span.label)}</b>: {html.escape(body)}")
        if span.unsure:
            lines.append("&nbsp;&nbsp;" + html.escape(translate("DocumentEditor", "? unsure")))
        if span.comment:
            comment = span.comment if len(span.comment) <= limit else span.comment[:limit] + "…"
            lines.append("&nbsp;&nbsp;" + html.escape("✎ " + comment))
        for extra in describe(span) if describe is not None else ():
            lines.append("&nbsp;&nbsp;" + html.escape(extra))
    direction = " dir='rtl'" if QGuiApplication.isRightToLeft() else ""
    return f"<p style='white-space:pre-wrap'{direction}>" + "<br>".join(lines) + "</p>"
