"""Strings cut to fit, at their own end: an Arabic title keeps its first words.

Qt cuts a string that does not fit in two ways that hurt right-to-left text. A
combo box or a label lays its text out left-to-right and clips it, so the
visible part of an Arabic title is its *end*; an item view elides the logical
end (good) but lays the result out left-to-right, so the ellipsis lands beside
the first word. Here the string is elided at its logical end
(``QFontMetrics.elidedText`` with ``ElideRight`` keeps the start in logical
order) and laid out in the string's *own* direction (its first strong
character, as :func:`annotator.core.text.detect_direction` finds it), aligned at
its start edge: an Arabic title shows its first words at the right and the
ellipsis at the left, a Latin one the other way round.

Everything drawn here is plain text (a ``QTextLayout``; nothing is interpreted
as markup), and each widget keeps the layout it painted last
(``painted``), so tests can ask where each character was drawn.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import Literal, cast

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextLayout,
    QTextLine,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionComboBox,
    QStyleOptionViewItem,
    QStylePainter,
    QWidget,
)

from annotator.core.text import detect_direction
from annotator.gui.common import plain

ELLIPSIS = "…"


def cursor_x(line: QTextLine, position: int) -> float:
    """The x of a cursor before *position* in *line* (PySide6 types ``cursorToX`` as returning object)."""
    x, _position = cast(tuple[float, int], line.cursorToX(position))
    return x


def direction_of(text: str, default: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight) -> Qt.LayoutDirection:
    """The direction *text* is read in: its first strong character, else *default*."""
    fallback: Literal["rtl", "ltr"] = "rtl" if default == Qt.LayoutDirection.RightToLeft else "ltr"
    return Qt.LayoutDirection.RightToLeft if detect_direction(text, fallback) == "rtl" \
        else Qt.LayoutDirection.LeftToRight


def elided(text: str, font: QFont, width: int) -> str:
    """*text* on one line, cut at its logical end with an ellipsis so it fits *width* pixels."""
    line = " ".join(text.split())
    return QFontMetrics(font).elidedText(line, Qt.TextElideMode.ElideRight, max(0, width))


#: how many laid-out lines :class:`ElidedText` keeps (a few screens of list rows and labels)
LAYOUTS_KEPT = 2000
_LAYOUTS: OrderedDict[tuple[str, str, int, Qt.LayoutDirection],
                      tuple[Qt.LayoutDirection, str, QTextLayout, float]] = OrderedDict()


def _lay_out(text: str, font: QFont, width: int,
             default: Qt.LayoutDirection) -> tuple[Qt.LayoutDirection, str, QTextLayout, float]:
    """*text* elided to *width* and laid out on one line in its own direction (*default*, the
    widget's, for text with no letter: a number, a dash), aligned at its start edge:
    (direction, the string shown, the layout, the line's height)."""
    direction = direction_of(text, default)
    shown = elided(text, font, width)
    option = QTextOption()
    option.setTextDirection(direction)
    option.setWrapMode(QTextOption.WrapMode.NoWrap)
    # the start edge of the text: right for Arabic, left for Latin (AlignAbsolute: not flipped again)
    start_edge = Qt.AlignmentFlag.AlignRight if direction == Qt.LayoutDirection.RightToLeft \
        else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(start_edge | Qt.AlignmentFlag.AlignAbsolute)
    layout = QTextLayout(shown, font)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    if line.isValid():
        line.setLineWidth(width)
    layout.endLayout()
    return direction, shown, layout, line.height() if line.isValid() else QFontMetrics(font).height()


class ElidedText:
    """One line of text elided at its own end, laid out in its own direction inside a rectangle.

    ``layout`` is the ``QTextLayout`` that is (or would be) drawn; ``rect`` the
    rectangle it is drawn in; ``shown`` the string after eliding. Text with no letter in it
    (a count, a dash) takes *default*, the direction of the widget it is drawn in: in a
    mirrored (Arabic) interface it starts at the right like the words around it.

    Shaping Arabic is the costly part of painting a cell (a tag that inserts a row in the
    span list repaints every row below it): the laid-out line is kept per text, font and
    width (:data:`LAYOUTS_KEPT` of them, least recently used dropped), so a row that only
    moved is drawn from its layout, not shaped again.
    """

    def __init__(self, text: str, font: QFont, rect: QRect,
                 valign: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignVCenter,
                 default: Qt.LayoutDirection = Qt.LayoutDirection.LeftToRight) -> None:
        self.text = text
        self.rect = QRect(rect)
        key = (text, font.key(), rect.width(), default)
        kept = _LAYOUTS.get(key)
        if kept is None:
            kept = _LAYOUTS[key] = _lay_out(text, font, rect.width(), default)
            if len(_LAYOUTS) > LAYOUTS_KEPT:
                del _LAYOUTS[next(iter(_LAYOUTS))]
        else:
            _LAYOUTS.move_to_end(key)
        self.direction, self.shown, self.layout, height = kept
        y = rect.top() if valign & Qt.AlignmentFlag.AlignTop else rect.top() + (rect.height() - height) / 2
        self.position = QPointF(rect.left(), y)

    def draw(self, painter: QPainter) -> None:
        painter.save()
        painter.setClipRect(self.rect)
        self.layout.draw(painter, self.position)
        painter.restore()

    def x_range(self, start: int, end: int) -> tuple[float, float]:
        """Left and right x (widget coordinates) of the characters ``shown[start:end]``."""
        line = self.layout.lineAt(0)
        xs = [cursor_x(line, i) for i in range(start, end + 1)]
        return self.position.x() + min(xs), self.position.x() + max(xs)

    def ink_range(self) -> tuple[float, float]:
        """Left and right x of the whole line as drawn (widget coordinates)."""
        r = self.layout.lineAt(0).naturalTextRect()
        return self.position.x() + r.left(), self.position.x() + r.right()


def first_word(text: str) -> str:
    words = text.split()
    return words[0] if words else ""


class ElidedLabel(QLabel):
    """A plain-text label that shrinks: elided at its text's own end, full text in the tool tip.

    ``max_chars`` bounds its preferred width (in average characters), so a long
    text never takes a whole status bar; ``min_chars`` is how narrow it may get.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, max_chars: int = 0,
                 min_chars: int = 2) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.max_chars = max_chars
        self.min_chars = min_chars
        self.painted: ElidedText | None = None
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setText(text)

    def setText(self, text: str) -> None:
        if text == self.text():  # the same text (a tag sets the status bar's label twice): no relayout
            return
        super().setText(text)
        self.setToolTip(plain.tooltip(text) if text else "")
        self.updateGeometry()
        self.update()

    def _margins(self) -> int:
        m = self.contentsMargins()
        return m.left() + m.right() + 2 * self.margin() + 2

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        text = " ".join(self.text().split())
        # the exact (fractional) advance, rounded up: a rounded-down width would elide the text
        width = (math.ceil(QFontMetricsF(self.font()).horizontalAdvance(text)) if text else 0) + self._margins()
        if self.max_chars:
            width = min(width, fm.averageCharWidth() * self.max_chars + self._margins())
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        fm = self.fontMetrics()
        width = min(self.sizeHint().width(), fm.horizontalAdvance(ELLIPSIS) + fm.averageCharWidth() * self.min_chars
                    + self._margins())
        return QSize(width, super().minimumSizeHint().height())

    def paintEvent(self, _e: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        self.painted = ElidedText(self.text(), self.font(), self.contentsRect().adjusted(1, 0, -1, 0),
                                  default=self.layoutDirection())
        self.painted.draw(painter)


class ElidingComboBox(QComboBox):
    """A combo box whose current text is elided at its own end (an Arabic title keeps its start).

    The popup lists the whole titles; the tool tip shows the current one in full.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.painted: ElidedText | None = None
        self.currentIndexChanged.connect(self.sync_tip)
        # the popup lists whole titles where the screen allows, and elides the same way where not
        self.popup_delegate = ElidingDelegate(self.view())
        self.setItemDelegate(self.popup_delegate)

    def sync_tip(self) -> None:
        """The tool tip shows the current text in full (call after changing it with signals blocked)."""
        text = self.currentText()
        self.setToolTip(plain.tooltip(text) if text else "")

    def text_rect(self) -> QRect:
        """Where the current text goes (the edit field of the style, less a small margin)."""
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        rect = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                           QStyle.SubControl.SC_ComboBoxEditField, self)
        return rect.adjusted(2, 0, -2, 0)

    def paintEvent(self, _e: QPaintEvent) -> None:
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        text = opt.currentText
        opt.currentText = ""
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)  # icon, if any
        painter.setPen(self.palette().color(QPalette.ColorRole.ButtonText))
        self.painted = ElidedText(text, self.font(), self.text_rect(), default=self.layoutDirection())
        self.painted.draw(painter)


class ElidingDelegate(QStyledItemDelegate):
    """Item-view cells whose text is elided at its own end and aligned at its start edge.

    ``painted`` keeps the last layout drawn per (row, column) of the view's model. In a
    list view, *fit_width* makes each item as wide as the view (not as wide as its text, which
    would scroll an Arabic title's start out of sight instead of eliding its end).
    """

    def __init__(self, parent: QWidget | None = None, *, fit_width: bool = False) -> None:
        super().__init__(parent)
        self.fit_width = fit_width
        self.painted: dict[tuple[int, int], ElidedText] = {}
        if isinstance(parent, QAbstractItemView):
            # a cell is elided to its *visible* part (see paint): scrolling sideways repaints it all
            view = parent
            view.horizontalScrollBar().valueChanged.connect(lambda _v: view.viewport().update())

    def _init_option(self, opt: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        """``initStyleOption`` for the roles these lists give (text and a check box): Qt's asks
        the model for a dozen roles per cell, each a call into Python, and a tag that inserts
        a row in the span list repaints every cell below it."""
        text = index.data(Qt.ItemDataRole.DisplayRole)
        opt.text = "" if text is None else str(text)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        if index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            check = index.data(Qt.ItemDataRole.CheckStateRole)
            if check is not None:
                opt.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
                opt.checkState = Qt.CheckState(check)
        if isinstance(index, QModelIndex):  # a view paints with plain indexes
            opt.index = index

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        if self.fit_width:
            size.setWidth(1)
        return size

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self._init_option(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, widget)
        if not text:
            return
        group = QPalette.ColorGroup.Normal if opt.state & QStyle.StateFlag.State_Enabled \
            else QPalette.ColorGroup.Disabled
        role = QPalette.ColorRole.HighlightedText if opt.state & QStyle.StateFlag.State_Selected \
            else QPalette.ColorRole.Text
        painter.save()
        painter.setPen(opt.palette.color(group, role))
        # the style's text margin (3 px in Fusion) on both sides; a cell wider than the view is
        # elided to the part that shows, so an Arabic text's start is never scrolled out of sight
        rect = rect.adjusted(3, 0, -3, 0)
        if isinstance(widget, QAbstractItemView):
            rect = rect.intersected(widget.viewport().rect().adjusted(3, 0, -3, 0))
        shown = ElidedText(text, opt.font, rect, default=opt.direction)
        shown.draw(painter)
        painter.restore()
        self.painted[(index.row(), index.column())] = shown


__all__ = ["ELLIPSIS", "ElidedLabel", "ElidedText", "ElidingComboBox", "ElidingDelegate", "direction_of",
           "elided", "first_word"]
