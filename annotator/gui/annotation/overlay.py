"""Relations and links drawn over a pane's text, from the text layout.

How a pair stays readable with many spans in right-to-left text:

* **badges, always**: a span that is the head of relations gets one small chip per
  relation at its start corner (the relation's key, S / T / A, in its colour), and
  a span with cross-document links gets one numbered chip per link in the link
  type's colour. The other end of link 3, in the other pane, shows the same "3"
  in the same colour. Chips sit in the gap the paragraph layout leaves above each
  line (``textlayout.ParagraphLayout``), at the span's logical start (the
  right-hand end of an Arabic span), and run into the span: they reach a few
  pixels into their own line's ascent and never cover the line above.
* **arcs, for the selected span** (and, with *View ▸ Show all relation arcs*, thin
  arcs for every relation whose ends are both on screen): its relations are drawn as curves above
  the lines, from head to tail, with an arrow at the tail and the relation's name
  in the gap above the partner; the partner span is outlined in the relation colour. Drawing
  every arc of a page all the time turns into a tangle in dense news text; the
  selected claim's three or four arcs stay readable. A partner outside the
  visible part gets a chip at the top or bottom edge ("▲ SOURCE: ...").

Nothing is inserted into the text (invariant 6). Positions come from each
paragraph's ``QTextLayout`` (``cursorToX`` on the line holding the offset), so
they follow bidi runs and line wrapping; only the visible paragraphs are
measured, and a document without relations or links costs nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF, QTextBlock

from annotator.core.values import Relation, Span
from annotator.gui.annotation.relations_links_state import Mark, RelationsLinksState
from annotator.gui.annotation.textlayout import badge_font
from annotator.gui.common.elide import cursor_x
from annotator.gui.common.plain import isolate

ARC_WIDTH = 2.0
PARTNER_PREVIEW = 30


def block_tops(editor, blocks: list[QTextBlock]) -> dict[int, QPointF]:  # type: ignore[no-untyped-def]
    """Where each of *blocks* (paragraphs on screen) begins in *editor*'s viewport, by block number."""
    offset = editor.contentOffset()
    return {b.blockNumber(): editor.blockBoundingGeometry(b).translated(offset).topLeft() for b in blocks}


def range_rects(editor, start: int, end: int, blocks: list[QTextBlock],  # type: ignore[no-untyped-def]
                tops: dict[int, QPointF]) -> list[QRectF]:
    """Viewport rectangles of the visible lines of code points ``[start, end)`` of *editor*'s
    document, in logical order: per line, from the caret x at one end to the caret x at the
    other (``cursorToX``, so bidi runs and wrapping are followed), the line's full height."""
    u16 = editor.state.u16
    ua, ub = u16.range_to_utf16(start, end)
    rects = []
    for block in blocks:
        pos = block.position()
        last = pos + block.length() - 1
        if last < ua or pos >= ub:
            continue
        layout = block.layout()
        a, b = max(ua, pos) - pos, min(ub, last) - pos
        top_left = tops[block.blockNumber()]
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            ls, le = line.textStart(), line.textStart() + line.textLength()
            if le <= a or ls >= b:
                continue
            x1 = cursor_x(line, max(a, ls))
            x2 = cursor_x(line, min(b, le))
            rects.append(QRectF(min(x1, x2), line.y(), max(2.0, abs(x2 - x1)), line.height()).translated(top_left))
    return rects


class SpanOverlay:
    """Paints one editor's relation badges, link badges and the selected span's arcs."""

    def __init__(self, editor, state: RelationsLinksState) -> None:  # type: ignore[no-untyped-def]
        self.editor = editor
        self.state = state
        self.focus_relation: str | None = None
        #: also draw every relation whose two ends are on screen (View ▸ Show all relation arcs)
        self.show_all = False
        #: what the last paint drew, for tests and automation: (span id, badge text)
        self.painted_badges: list[tuple[str, str]] = []
        #: relation ids whose arcs (or edge chips) the last paint drew
        self.painted_arcs: list[str] = []
        #: every chip the last paint drew (badges, arc labels, edge chips): its text and viewport rectangle
        self.painted_chips: list[tuple[str, QRectF]] = []
        #: the viewport rectangles of the badges the last paint drew, by span id
        self.badge_rects: dict[str, list[QRectF]] = {}

    # -- geometry ----------------------------------------------------------------------
    def _frame(self, blocks: list[QTextBlock]) -> tuple[int, int, dict[int, QPointF]]:
        ed = self.editor
        u16 = ed.state.u16
        tops = block_tops(ed, blocks)
        last = blocks[-1]
        lo = u16.to_code_point(blocks[0].position())
        hi = u16.to_code_point(last.position() + last.length() - 1) + 1
        return lo, hi, tops

    def span_rects(self, span: Span, blocks: list[QTextBlock], tops: dict[int, QPointF]) -> list[QRectF]:
        """Viewport rectangles of the visible lines of *span*, in logical order."""
        return range_rects(self.editor, span.start, span.end, blocks, tops)

    def _start_corner(self, span: Span, blocks: list[QTextBlock],
                      tops: dict[int, QPointF]) -> tuple[QPointF, bool] | None:
        """Where the span starts (top of its line, caret x) and whether the paragraph runs right to left."""
        u16 = self.editor.state.u16
        ua = u16.to_utf16(span.start)
        for block in blocks:
            pos = block.position()
            if pos <= ua < pos + block.length():
                layout = block.layout()
                line = layout.lineForTextPosition(ua - pos)
                if not line.isValid():
                    return None
                x = cursor_x(line, ua - pos)
                rtl = layout.textOption().textDirection() == Qt.LayoutDirection.RightToLeft  # as laid out
                return tops[block.blockNumber()] + QPointF(x, line.y()), rtl
        return None

    def _chip_top(self, line_top: float) -> float:
        """Where a badge of the line starting at *line_top* begins: in the gap the layout leaves above
        the line, one pixel below the line above, so it covers nothing of that line."""
        gap: float = self.editor.paragraphs.gap
        return line_top - gap + 1

    # -- painting ----------------------------------------------------------------------
    def draws_anything(self) -> bool:
        ed = self.editor
        if ed.state is None:
            return False
        doc_id = ed.state.document.id
        return bool(self.state.marks(doc_id)) or bool(self.state.relations(doc_id))

    def paint(self, blocks: list[QTextBlock]) -> None:
        ed = self.editor
        self.painted_badges = []
        self.painted_arcs = []
        self.painted_chips = []
        self.badge_rects = {}
        if ed.state is None or not blocks:
            return
        doc_id = ed.state.document.id
        marks = self.state.marks(doc_id)
        selected = ed.selected_span()
        relations = self.state.relations_of_span(doc_id, selected.id) if selected is not None else []
        every = self.state.relations(doc_id) if self.show_all else []
        if not marks and not relations and not every:
            return
        lo, hi, tops = self._frame(blocks)
        painter = QPainter(ed.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = badge_font(ed.document().defaultFont(), ed.font())
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        if every:
            self._paint_visible_arcs(painter, every, {r.id for r in relations}, blocks, tops, lo, hi)
        if selected is not None and relations:
            self._paint_arcs(painter, metrics, selected, relations, blocks, tops, lo, hi)
        for span_id, span_marks in marks.items():  # badges last: always on top
            span = ed.state.spans.get_loaded(span_id)  # never read the database while painting
            if span is not None and lo <= span.start < hi:
                self._paint_badges(painter, metrics, span, span_marks, blocks, tops)
        painter.end()

    def _chip(self, painter: QPainter, metrics: QFontMetricsF, x: float, y: float, text: str, colour: QColor,
              leftwards: bool) -> float:
        """A filled rounded chip with white text; returns its width."""
        w = metrics.horizontalAdvance(text) + 6
        h = metrics.height() + 1
        left = x - w if leftwards else x
        left = max(0.0, min(left, self.editor.viewport().width() - w))  # never cut off at the pane's edge
        rect = QRectF(left, max(0.0, y), w, h)
        painter.setPen(QPen(colour.darker(130), 1))
        painter.setBrush(colour)
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        self.painted_chips.append((text, rect))
        return w

    def _paint_badges(self, painter: QPainter, metrics: QFontMetricsF, span: Span, marks: list[Mark],
                      blocks: list[QTextBlock], tops: dict[int, QPointF]) -> None:
        corner = self._start_corner(span, blocks, tops)
        if corner is None:
            return
        point, rtl = corner
        x, y = point.x(), self._chip_top(point.y())
        total = sum(metrics.horizontalAdvance(m.text) + 7 for m in marks)
        width = self.editor.viewport().width()
        x = max(x, total) if rtl else min(x, width - total)  # the whole row stays inside the pane
        for mark in marks:
            w = self._chip(painter, metrics, x, y, mark.text, QColor(mark.colour), leftwards=rtl)
            x = x - w - 1 if rtl else x + w + 1
            self.painted_badges.append((span.id, mark.text))
            self.badge_rects.setdefault(span.id, []).append(self.painted_chips[-1][1])

    def _paint_arcs(self, painter: QPainter, metrics: QFontMetricsF, selected: Span, relations: list[Relation],
                    blocks: list[QTextBlock], tops: dict[int, QPointF], lo: int, hi: int) -> None:
        spans = self.editor.state.spans
        own = self.span_rects(selected, blocks, tops)
        if not own:
            return  # the selected span is scrolled out of view
        height = self.editor.viewport().height()
        edge_chips = {"top": 2.0, "bottom": height - metrics.height() - 3}
        for rel in relations:
            other_id = rel.tail if rel.head == selected.id else rel.head
            other = spans.get(other_id)
            if other is None:
                continue
            colour = QColor(self.state.relation_colour(rel.type))
            rects = self.span_rects(other, blocks, tops)
            self.painted_arcs.append(rel.id)
            width = ARC_WIDTH * (2 if rel.id == self.focus_relation else 1)
            if not rects:
                where = "top" if other.start < lo else "bottom"
                words = isolate(_preview(other.text_in(self.editor.state.text)))
                text = f"{'▲' if where == 'top' else '▼'} {rel.type}: {words}"
                x = own[0].center().x()
                chip_w = metrics.horizontalAdvance(text) + 6
                self._chip(painter, metrics, max(2.0, x - chip_w / 2), edge_chips[where], text, colour, False)
                edge_chips[where] += (metrics.height() + 3) * (1 if where == "top" else -1)
                continue
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colour, width))
            for r in rects:
                painter.drawRoundedRect(r.adjusted(-1, 0, 1, 0), 3, 3)
            head_rects, tail_rects = (own, rects) if rel.head == selected.id else (rects, own)
            self._arc(painter, metrics, head_rects, tail_rects, colour, width)
            # the relation's name on the partner's top edge, at its far end (its start holds its own badges)
            corner = self._start_corner(other, blocks, tops)
            rtl = corner[1] if corner is not None else False
            r = rects[0]
            self._chip(painter, metrics, r.left() if rtl else r.right(), self._chip_top(r.top()), rel.type, colour,
                       leftwards=not rtl)

    def _paint_visible_arcs(self, painter: QPainter, relations: list[Relation], skip: set[str],
                            blocks: list[QTextBlock], tops: dict[int, QPointF], lo: int, hi: int) -> None:
        """Thin arcs for every relation with both ends in the visible paragraphs (the selected span's
        own relations are drawn after, in full)."""
        spans = self.editor.state.spans
        for rel in relations:
            if rel.id in skip:
                continue
            head, tail = spans.get_loaded(rel.head), spans.get_loaded(rel.tail)  # never read while painting
            if head is None or tail is None or not (lo <= head.start < hi and lo <= tail.start < hi):
                continue
            head_rects, tail_rects = self.span_rects(head, blocks, tops), self.span_rects(tail, blocks, tops)
            if head_rects and tail_rects:
                colour = QColor(self.state.relation_colour(rel.type))
                colour.setAlpha(150)
                self._arc(painter, QFontMetricsF(painter.font()), head_rects, tail_rects, colour, ARC_WIDTH * 0.6)
                self.painted_arcs.append(rel.id)

    def _arc(self, painter: QPainter, metrics: QFontMetricsF, head: list[QRectF], tail: list[QRectF],
             colour: QColor, width: float) -> None:
        """A curve from the head span to the tail span: an arch above the line when they share it, else
        from the edge of one facing the other (so it never crosses the two spans' own words)."""
        t = tail[0]
        same_line = [r for r in head if abs(r.top() - t.top()) < r.height() / 2]
        if not same_line:  # the tail starts on a line the head touches from another end (nesting)
            h_line = [r for r in tail if abs(r.top() - head[0].top()) < r.height() / 2]
            if h_line:
                same_line, t = [head[0]], h_line[0]
        if same_line:
            h = same_line[0]
            p1, p2 = QPointF(h.center().x(), h.top()), QPointF(t.center().x(), t.top())
            if (p1 - p2).manhattanLength() < 2:
                p2 = p2 + QPointF(6, 0)
            rise = max(14.0, min(48.0, abs(p1.x() - p2.x()) * 0.25))
            top = max(2.0, min(p1.y(), p2.y()) - rise)
            c1, c2 = QPointF(p1.x(), top), QPointF(p2.x(), top)
        else:
            if t.top() < head[0].top():  # the tail is above: from the head's top to the tail's bottom
                h, t = head[0], tail[-1]
                p1, p2 = QPointF(h.center().x(), h.top()), QPointF(t.center().x(), t.bottom())
            else:
                h = head[-1]
                p1, p2 = QPointF(h.center().x(), h.bottom()), QPointF(t.center().x(), t.top())
            # an S from one span's facing edge to the other's; it bulges by 12 px at least, so a
            # relation between neighbouring lines stays visible (a flat line would hide in the gap)
            bend = max(12.0, abs(p2.y() - p1.y()) / 2) * (1 if p2.y() >= p1.y() else -1)
            c1, c2 = QPointF(p1.x(), p1.y() + bend), QPointF(p2.x(), p2.y() - bend)
        path = QPainterPath(p1)
        path.cubicTo(c1, c2, p2)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(path)
        # arrow at the tail, pointing along the curve's last tangent
        d = p2 - c2
        length = max(1e-6, (d.x() ** 2 + d.y() ** 2) ** 0.5)
        ux, uy = d.x() / length, d.y() / length
        size = 4 + width * 2
        back = QPointF(p2.x() - ux * size, p2.y() - uy * size)
        wing = QPointF(-uy * size * 0.6, ux * size * 0.6)
        painter.setBrush(colour)
        painter.setPen(QPen(colour, 1))
        painter.drawPolygon(QPolygonF([p2, back + wing, back - wing]))


def _preview(text: str, limit: int = PARTNER_PREVIEW) -> str:
    body = " ".join(text.split())
    return body if len(body) <= limit else body[:limit] + "…"


#: the chips of a span's note: unsure, and a comment
UNSURE_MARK, COMMENT_MARK = "?", "✎"
NOTE_COLOUR = "#8a5a00"


class NoteBadges:
    """Paints a small chip at the logical end of each span that carries a note: "?" when it is
    flagged unsure, "✎" when it has a comment (its tool tip shows the comment). In the gap the
    layout leaves above the line, like the relation badges (which sit at the span's start), so
    nothing is inserted into the text and no letter is covered.

    Only the paragraphs being painted are looked at (their spans from the span index), so it
    costs nothing when no span on screen carries a note, and a change repaints one paragraph.
    """

    def __init__(self, editor) -> None:  # type: ignore[no-untyped-def]
        self.editor = editor
        #: what the last paint drew, for tests and automation: (span id, chip text, viewport rectangle)
        self.painted: list[tuple[str, str, QRectF]] = []

    def draws_anything(self) -> bool:
        return False  # its chips stay inside their own paragraph: a partial repaint is enough

    def paint(self, blocks: list[QTextBlock]) -> None:
        ed = self.editor
        self.painted = []
        if ed.state is None or not blocks:
            return
        u16 = ed.state.u16
        lo = u16.to_code_point(blocks[0].position())
        last = blocks[-1]
        hi = u16.to_code_point(last.position() + last.length() - 1) + 1
        noted = [s for s in ed.state.spans.overlapping(lo, hi) if (s.unsure or s.comment) and lo < s.end <= hi]
        if not noted:
            return
        offset = ed.contentOffset()
        painter = QPainter(ed.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = badge_font(ed.document().defaultFont(), ed.font())
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        colour = QColor(NOTE_COLOUR)
        for span in noted:
            end = u16.to_utf16(span.end)
            for block in blocks:
                pos = block.position()
                if not pos < end <= pos + block.length() - 1 + 1:
                    continue
                layout = block.layout()
                line = layout.lineForTextPosition(max(0, end - pos - 1))
                if not line.isValid():
                    break
                top = ed.blockBoundingGeometry(block).translated(offset).topLeft()
                x = top.x() + cursor_x(line, end - pos)
                y = top.y() + line.y() - ed.paragraphs.gap + 1
                rtl = layout.textOption().textDirection() == Qt.LayoutDirection.RightToLeft
                text = (UNSURE_MARK if span.unsure else "") + (COMMENT_MARK if span.comment else "")
                w = metrics.horizontalAdvance(text) + 6
                left = x if rtl else x - w  # running back into the span from its end
                left = max(0.0, min(left, ed.viewport().width() - w))
                rect = QRectF(left, max(0.0, y), w, metrics.height() + 1)
                painter.setPen(QPen(colour.darker(130), 1))
                painter.setBrush(QColor("#fff3c4"))
                painter.drawRoundedRect(rect, 3, 3)
                painter.setPen(colour)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
                self.painted.append((span.id, text, rect))
                break
        painter.end()
