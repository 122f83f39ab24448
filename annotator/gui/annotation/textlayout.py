"""How a pane lays out its paragraphs: each in its own direction, from its start edge, with room for badges.

``QPlainTextEdit``'s own document layout gives every paragraph the document's
default text option, so a paragraph's direction can only be one for all, or
Qt's automatic rule (its first strong character: a flag emoji or a leading
Latin name turns an Arabic paragraph left to right, and a paragraph of digits
is always left to right); and every line sits right under the one above.
:class:`ParagraphLayout` keeps Qt's layout and corrects a paragraph once Qt has
laid it out (checked in ``blockBoundingRect``, which Qt asks before it paints,
hit-tests or scrolls to a paragraph):

* **direction**: ``core.text.paragraph_direction`` of the paragraph's text in
  a document of the stored direction (``Document.direction``, which honours
  ``meta.direction``), computed once per paragraph (the text never changes).
  The document's default option carries the stored direction, so Qt lays out
  most paragraphs right the first time; only a paragraph in the other direction
  (English inside Arabic) is laid out again;
* **alignment**: the start edge of the paragraph (right for Arabic), never
  justified: justification stretches Arabic words letter by letter (invariant 8);
* **line gap**: each line starts ``gap`` pixels below the one above, the strip
  where relation and link badges are drawn (``overlay.py``), so they never cover
  the glyphs of another line. Qt's lines are only moved down (no new shaping).

Line breaks do not depend on the direction, so a paragraph keeps the number of
lines Qt gave it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextBlock, QTextDocument, QTextOption
from PySide6.QtWidgets import QPlainTextDocumentLayout

from annotator.core.text import Direction, paragraph_direction

#: badge text size relative to the document text
BADGE_SCALE = 0.55
#: share of a badge's height that lies in the gap above its line (the rest in the line's own ascent)
BADGE_IN_GAP = 0.75

_QT_DIRECTION = {"rtl": Qt.LayoutDirection.RightToLeft, "ltr": Qt.LayoutDirection.LeftToRight}


def badge_font(text_font: QFont, ui_font: QFont) -> QFont:
    """The font of relation and link badges: the interface face, about half the text size, bold."""
    font = QFont(ui_font)
    size = text_font.pointSizeF() if text_font.pointSizeF() > 0 else text_font.pixelSize() * 0.75
    font.setPointSizeF(max(7.0, size * BADGE_SCALE))
    font.setBold(True)
    return font


def badge_height(font: QFont) -> float:
    return QFontMetricsF(font).height() + 1


def line_gap(text_font: QFont, ui_font: QFont) -> float:
    """Pixels between two lines: the part of a badge that does not fit in its line's ascent."""
    return float(math.ceil(badge_height(badge_font(text_font, ui_font)) * BADGE_IN_GAP))


def visual_alignment(alignment: Qt.AlignmentFlag, direction: Qt.LayoutDirection) -> Qt.AlignmentFlag:
    """*alignment* on screen: leading (left) and trailing (right) edges are mirrored for right to left.

    Qt's plain-text layout does not do it (its rich-text layout does): a line of a
    right-to-left paragraph with ``AlignLeading`` would sit on the left.
    """
    horizontal = alignment & Qt.AlignmentFlag.AlignHorizontal_Mask
    if direction == Qt.LayoutDirection.RightToLeft and not alignment & Qt.AlignmentFlag.AlignAbsolute:
        if horizontal == Qt.AlignmentFlag.AlignLeft:
            return (alignment & ~Qt.AlignmentFlag.AlignHorizontal_Mask) | Qt.AlignmentFlag.AlignRight
        if horizontal == Qt.AlignmentFlag.AlignRight:
            return (alignment & ~Qt.AlignmentFlag.AlignHorizontal_Mask) | Qt.AlignmentFlag.AlignLeft
    return alignment


class ParagraphLayout(QPlainTextDocumentLayout):
    """A plain-text document layout whose paragraphs follow the document's stored direction."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.base: Direction = "ltr"
        self.gap = 0.0
        #: where lines sit, logically (leading: the start edge of each paragraph)
        self.alignment = Qt.AlignmentFlag.AlignLeading
        self._directions: dict[tuple[int, int, int], Qt.LayoutDirection] = {}

    def configure(self, base: Direction, gap: float) -> None:
        """The document's stored direction and the line gap (paragraphs are laid out anew when
        the document's default text option is set: see :meth:`base_option`)."""
        self.base, self.gap = base, gap
        self._directions.clear()
        self.requestUpdate()

    def base_option(self, option: QTextOption) -> QTextOption:
        """*option* for the paragraphs in the document's direction: Qt lays those out with it as they
        should be (only the line gap is added), so they are shaped once; the others are laid out again."""
        option = QTextOption(option)
        direction = _QT_DIRECTION[self.base]
        option.setTextDirection(direction)
        option.setAlignment(visual_alignment(self.alignment, direction))
        return option

    def direction(self, block: QTextBlock) -> Qt.LayoutDirection:
        """The direction *block* is laid out in (computed once per paragraph)."""
        key = (block.blockNumber(), block.position(), block.length())
        found = self._directions.get(key)
        if found is None:
            found = self._directions[key] = _QT_DIRECTION[paragraph_direction(block.text(), self.base)]
        return found

    def documentChanged(self, position: int, removed: int, added: int) -> None:
        """Qt's handling, except a change of one paragraph's formats (a span tagged, its label
        changed) repaints only that paragraph.

        ``QTextLayout.setFormats`` and ``markContentsDirty`` report the paragraph as
        *length* characters removed and *length* added; Qt's plain-text layout counts
        that change as reaching into the next paragraph and repaints the whole viewport.
        The text of a pane never changes once set, so a change within one paragraph is
        handed on as one that ends inside it: Qt lays that paragraph out again and
        repaints its rectangle only.
        """
        block = self.document().findBlock(position)
        length = block.length()
        if (removed != added or not block.isValid() or length < 2
                or position != block.position() or added > length):
            super().documentChanged(position, removed, added)
            return
        half = length // 2
        super().documentChanged(position, half, half)

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)  # lays the paragraph out (Qt's way) if it has no lines
        layout = block.layout()
        if layout.lineCount() == 0 or not block.isValid():
            return rect
        if self.gap and abs(layout.lineAt(0).y() - self.gap) < 1e-3:
            # corrected already (Qt puts a paragraph's first line at 0, this layout one gap lower):
            # Qt asks this a hundred times per paint, so the answer must cost little
            return rect
        want = self.direction(block)
        if layout.textOption().textDirection() != want:  # a paragraph in the other direction
            self._relayout(block, want)
        elif self.gap and abs(layout.lineAt(0).y()) < 1e-3:  # Qt's lines, right under each other
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line.setPosition(line.position() + QPointF(0, self.gap * (i + 1)))
        else:
            return rect
        return super().blockBoundingRect(block)

    def _relayout(self, block: QTextBlock, direction: Qt.LayoutDirection) -> None:
        """Qt's plain-text line breaking again, with the paragraph's direction and the line gap."""
        layout = block.layout()
        width = layout.lineAt(0).width()  # what Qt gave: the viewport less the document margins
        option = QTextOption(self.document().defaultTextOption())
        option.setTextDirection(direction)
        option.setAlignment(visual_alignment(self.alignment, direction))
        layout.setTextOption(option)
        margin = self.document().documentMargin()
        height = 0.0
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLeadingIncluded(True)
            line.setLineWidth(width)
            height += self.gap
            line.setPosition(QPointF(margin, height))
            height += line.height()
            if line.leading() < 0:
                height += math.ceil(line.leading())
        layout.endLayout()
        if block.isVisible() and block.lineCount() != layout.lineCount():
            block.setLineCount(layout.lineCount())
            self.documentSizeChanged.emit(self.documentSize())
