"""Relation badges and arc labels stay in their own line's strip: never over another line's glyphs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont

from tests.gui.conftest import press
from tests.gui.structure_helpers import COMPANY, DAM, choose, make_project, pane, tag

CLAIMS = (  # each gets a SOURCE: the nearest actor, picked with Enter
    "السد الجديد سيبدأ التشغيل في أيار المقبل",
    "كلفة المشروع بلغت 40 مليون دولار",
    "شركة الرافدين للإنشاءات تأخرت في التسليم",
)


def _line_rects(ed) -> list[tuple[int, int, QRectF]]:  # type: ignore[no-untyped-def]
    """(block number, line number, glyph rectangle in viewport coordinates) of every visible line."""
    out = []
    for block in ed._visible_blocks():
        top_left = ed.blockBoundingGeometry(block).translated(ed.contentOffset()).topLeft()
        layout = block.layout()
        for i in range(layout.lineCount()):
            out.append((block.blockNumber(), i, layout.lineAt(i).naturalTextRect().translated(top_left)))
    return out


def _line_of(ed, position: int) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    u = ed.state.u16.to_utf16(position)
    block = ed.document().findBlock(u)
    return block.blockNumber(), block.layout().lineForTextPosition(u - block.position()).lineNumber()


def _tag_claims_with_sources(qtbot, ed):  # type: ignore[no-untyped-def]
    claims = []
    tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2, occurrence=1)
    for words in CLAIMS:
        claim = tag(qtbot, ed, words, Qt.Key.Key_1)
        choose(qtbot, ed, claim)
        press(qtbot, ed, Qt.Key.Key_S)
        press(qtbot, _picker(ed).list, Qt.Key.Key_Return)
        claims.append(claim)
    return claims


def _picker(ed):  # type: ignore[no-untyped-def]
    from annotator.gui.annotation.picker import SpanPicker

    pickers = [p for p in ed.findChildren(SpanPicker) if p.isVisible()]
    assert len(pickers) == 1
    return pickers[0]


@pytest.mark.parametrize("panes", [2, 4])
def test_badges_and_arc_labels_never_cover_another_line(qtbot, open_window, tmp_path, panes: int) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    while len(win.area.panes) < panes:
        win.add_pane()
    ed = pane(win, DAM).editor
    claims = _tag_claims_with_sources(qtbot, ed)
    overlay = win.structure.overlays[ed]
    for family in ("Noto Naskh Arabic", "DejaVu Sans"):
        font = QFont(family)
        font.setPointSize(14)
        ed.set_text_font(font)
        choose(qtbot, ed, claims[0])  # its arcs and their labels are drawn too
        ed.viewport().repaint()
        lines = _line_rects(ed)
        assert len({(b, n) for b, n, _ in lines}) >= 4  # wrapped: badges have lines above them
        assert {span_id for span_id, _ in overlay.painted_badges} == {c.id for c in claims}
        starts = {_line_of(ed, c.start) for c in claims}
        assert any(n > 0 or b > 0 for b, n in starts)  # at least one badge has a line right above it
        for claim in claims:
            own = _line_of(ed, claim.start)
            for rect in overlay.badge_rects[claim.id]:
                for b, n, glyphs in lines:
                    if (b, n) != own:
                        assert not rect.intersects(glyphs), (family, claim.text_in(ed.state.text), (b, n))
        # the relation's name on the partner (the actor), in the strip above the actor's line
        labels = [rect for text, rect in overlay.painted_chips if text == "SOURCE"]
        assert labels
        source = next(s for s in ed.state.spans if s.label == "ACTOR" and
                      any(r.tail == s.id for r in win.structure.state.relations_of_span(DAM, claims[0].id)))
        own = _line_of(ed, source.start)
        for rect in labels:
            for b, n, glyphs in lines:
                if (b, n) != own:
                    assert not rect.intersects(glyphs), (family, (b, n))


def test_line_gap_is_modest_and_follows_the_font(window) -> None:  # type: ignore[no-untyped-def]
    ed = window.area.panes[0].editor
    block = ed.document().firstBlock()
    ed.blockBoundingRect(block)
    line = block.layout().lineAt(0)
    gap = ed.paragraphs.gap
    assert 0 < gap <= 0.5 * line.height()
    assert line.y() == pytest.approx(gap)
    bigger = QFont(ed.document().defaultFont())
    bigger.setPointSize(28)
    ed.set_text_font(bigger)
    assert ed.paragraphs.gap > gap


def test_a_badge_in_an_english_paragraph_of_an_arabic_document_runs_into_its_span(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    ed = pane(window, "a-claims").editor
    tag(qtbot, ed, "paragraph", Qt.Key.Key_2)
    claim = tag(qtbot, ed, "English inside an Arabic document", Qt.Key.Key_1)
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_S)
    press(qtbot, _picker(ed).list, Qt.Key.Key_Return)
    ed.viewport().repaint()
    (badge,) = window.structure.overlays[ed].badge_rects[claim.id]
    u = ed.state.u16.to_utf16(claim.start)
    block = ed.document().findBlock(u)
    line = block.layout().lineForTextPosition(u - block.position())
    start_x = (
        ed.blockBoundingGeometry(block).translated(ed.contentOffset()).left() + line.cursorToX(u - block.position())[0]
    )
    assert badge.left() == pytest.approx(start_x, abs=1.5)  # from the span's start (its left end), rightwards
