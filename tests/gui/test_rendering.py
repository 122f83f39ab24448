"""What an Arabic reader sees in a pane: whole words (never letter-spaced), the bundled face,
each paragraph in the right direction from its start edge. Checked on the real layout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetricsF, QTextBlock

from annotator.core.text import text_sha256
from annotator.core.values import Document
from annotator.resources import samples_dir
from annotator.services.project import Project
from annotator.storage import documents as document_store

ARABIC_WORD = re.compile(r"[\u0621-\u064a\u064b-\u0652\u0640]+")
NASKH = "Noto Naskh Arabic"


def _add(db: Path, docs: list[tuple[str, str, str, str, dict]]) -> Path:
    """Documents (id, title, text, stored direction, meta) straight into a project."""
    project = Project.open(db)
    try:
        with project.database.unit_of_work() as s:
            for doc_id, title, text, direction, meta in docs:
                document_store.add_document(s, Document(doc_id, title, text, text_sha256(text), direction, meta))  # type: ignore[arg-type]
    finally:
        project.close()
    return db


def _sample_project(tmp_path: Path) -> Path:
    docs = []
    for path in sorted(samples_dir().glob("*.txt"))[:2]:
        text = path.read_text(encoding="utf-8")
        docs.append((path.stem, path.stem, text, "rtl", {}))
    return _add(tmp_path / "samples.sqlite", docs)


def _blocks(editor):  # type: ignore[no-untyped-def]
    block = editor.document().firstBlock()
    while block.isValid():
        editor.blockBoundingRect(block)  # laid out as the pane lays it out before painting it
        yield block
        block = block.next()


def _stretched_words(editor, font: QFont) -> list[tuple[str, float]]:  # type: ignore[no-untyped-def]
    """Arabic words whose drawn width differs from their natural width by more than 3 %."""
    metrics = QFontMetricsF(font)
    bad = []
    words = 0
    for block in _blocks(editor):
        layout = block.layout()
        for m in ARABIC_WORD.finditer(block.text()):
            a, z = m.start(), m.end()  # the sample texts have no astral characters: UTF-16 == code points
            line = layout.lineForTextPosition(a)
            if line.lineNumber() != layout.lineForTextPosition(z).lineNumber():
                continue
            drawn = abs(line.cursorToX(z)[0] - line.cursorToX(a)[0])
            natural = metrics.horizontalAdvance(m.group())
            words += 1
            if abs(drawn / natural - 1) > 0.03:
                bad.append((m.group(), round(drawn / natural, 3)))
    assert words > 200  # the check saw the articles
    return bad


@pytest.mark.parametrize("family", ["DejaVu Sans", NASKH])
@pytest.mark.parametrize("panes", [2, 4])
def test_arabic_words_are_never_letter_spaced(open_window, tmp_path, family: str, panes: int) -> None:  # type: ignore[no-untyped-def]
    db = _sample_project(tmp_path)
    win = open_window(db)
    while len(win.area.panes) < panes:
        win.add_pane()
    font = QFont(family)
    font.setPointSize(14)
    for pane in win.area.panes:
        pane.editor.set_text_font(font)
    ed = win.area.panes[0].editor
    assert QFontInfo(ed.document().defaultFont()).family() == family
    assert _stretched_words(ed, font) == []
    # every line of an Arabic paragraph starts at the right edge (its start edge), none is justified
    margin = ed.document().documentMargin()
    for block in _blocks(ed):
        layout = block.layout()
        if not ARABIC_WORD.search(block.text()):
            continue
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            assert line.naturalTextRect().right() == pytest.approx(margin + line.width(), abs=3), block.text()[:40]


def test_the_bundled_naskh_face_is_registered_and_is_the_default_text_font(window) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.common.fonts import FONT_FILES, fonts_dir, register_fonts

    assert register_fonts() == [NASKH]
    for name in FONT_FILES:  # each file loads (a second registration gives a new id, same family)
        font_id = QFontDatabase.addApplicationFont(str(fonts_dir() / name))
        assert QFontDatabase.applicationFontFamilies(font_id) == [NASKH]
        QFontDatabase.removeApplicationFont(font_id)
    assert "Bold" in QFontDatabase.styles(NASKH)
    assert (fonts_dir() / "OFL.txt").read_text(encoding="utf-8").count("SIL OPEN FONT LICENSE Version 1.1") == 1
    for pane in window.area.panes:
        assert QFontInfo(pane.editor.document().defaultFont()).family() == NASKH

    # its taller lines never push a document's first line out of view when it opens, even in a pane
    # that is still a few pixels tall (as while the window is being built)
    pane = window.area.panes[0]
    ed = pane.editor
    window.open_in(pane, "c-vote", save=False)
    ed.resize(160, 24)
    window.open_in(pane, "a-claims", save=False)
    ed.resize(160, 300)  # narrow: the first paragraph has several lines, the scroll bar stays
    assert ed.verticalScrollBar().value() == 0
    first = ed.document().firstBlock()
    ed.blockBoundingRect(first)
    assert first.layout().lineCount() > 1
    assert ed.blockBoundingGeometry(first).translated(ed.contentOffset()).top() + first.layout().lineAt(0).y() >= 0


def test_view_font_still_chooses_another_face(window) -> None:  # type: ignore[no-untyped-def]
    font = QFont("DejaVu Sans")
    font.setPointSize(16)
    window.text_font = font
    window._apply_font()
    assert QFontInfo(window.area.panes[0].editor.document().defaultFont()).family() == "DejaVu Sans"
    from annotator.gui.common.settings import Settings

    assert Settings().font().family() == "DejaVu Sans"


# -- direction -------------------------------------------------------------------------------

FLAG_FIRST = (
    "🇯🇴 أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المناطق الجافة.\n"
    "Reuters — قال المتحدث باسم وزارة الزراعة إن الخطة تبدأ في الربيع المقبل.\n"
    "2027/03/21\n"
    "This paragraph is written in English only.\n"
    "وختم المتحدث بأن الدعم يشمل القرى الحدودية."
)


def _line_edges(block: QTextBlock) -> tuple[float, float]:
    rect = block.layout().lineAt(0).naturalTextRect()
    return rect.left(), rect.right()


def test_stored_direction_decides_neutral_and_flag_or_latin_first_paragraphs(open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = _add(tmp_path / "d.sqlite", [("flag", "علم", FLAG_FIRST, "rtl", {"direction": "rtl"}),
                                       ("other", "عنوان", "نص قصير.", "rtl", {})])
    win = open_window(db, ["flag", "other"])
    ed = win.area.panes[0].editor
    assert ed.layoutDirection() == Qt.LayoutDirection.RightToLeft
    blocks = list(_blocks(ed))
    right = ed.viewport().width() - ed.document().documentMargin()
    rtl, ltr = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
    # the flag (its logical start, 4 UTF-16 units) and "Reuters" are at the right-hand end of their
    # lines, and the Arabic words that follow them are on their left
    for block, first, arabic in ((blocks[0], 4, 5), (blocks[1], 7, 10)):
        line = block.layout().lineAt(0)
        start_xs = [line.cursorToX(i)[0] for i in range(first)]
        arabic_xs = [line.cursorToX(i)[0] for i in range(arabic + 1, arabic + 20)]
        assert min(start_xs) > max(arabic_xs), block.text()
    # flag first, Latin name first, a date alone: laid out right to left, from the right edge
    for block in (blocks[0], blocks[1], blocks[2], blocks[4]):
        assert _line_edges(block)[1] == pytest.approx(right, abs=1.5), block.text()
        assert block.layout().textOption().textDirection() == rtl, block.text()
    # a paragraph in English only keeps its own direction, from the left edge
    english = blocks[3]
    assert _line_edges(english)[0] == pytest.approx(ed.document().documentMargin(), abs=1.5)
    assert english.layout().textOption().textDirection() == ltr


def test_an_ltr_document_lays_neutral_paragraphs_left_to_right(open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "The ministry said on Monday that the plan starts in spring.\n2027/03/21\nقال الوزير إن الخطة جاهزة."
    db = _add(tmp_path / "l.sqlite", [("en", "English", text, "ltr", {}), ("ar", "عربي", "نص.", "rtl", {})])
    win = open_window(db, ["en", "ar"])
    ed = win.area.panes[0].editor
    blocks = list(_blocks(ed))
    margin = ed.document().documentMargin()
    assert _line_edges(blocks[1])[0] == pytest.approx(margin, abs=1.5)
    assert _line_edges(blocks[2])[1] == pytest.approx(ed.viewport().width() - margin, abs=1.5)
    assert [b.layout().textOption().textDirection() for b in blocks] == [
        Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft]


def test_meta_direction_wins_over_what_the_letters_say(open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A document stored as right to left whose text is only Latin and digits: the stored direction decides
    the paragraphs without letters, and the window's own direction."""
    text = "NorthGate 2026\n12 / 45 / 300\n—"
    db = _add(tmp_path / "m.sqlite", [("m", "m", text, "rtl", {"direction": "rtl"}), ("o", "o", "نص.", "rtl", {})])
    win = open_window(db, ["m", "o"])
    ed = win.area.panes[0].editor
    assert ed.layoutDirection() == Qt.LayoutDirection.RightToLeft
    blocks = list(_blocks(ed))
    right = ed.viewport().width() - ed.document().documentMargin()
    assert _line_edges(blocks[1])[1] == pytest.approx(right, abs=1.5)  # the figures: from the right edge
    assert _line_edges(blocks[2])[1] == pytest.approx(right, abs=1.5)
    assert [b.layout().textOption().textDirection() for b in blocks] == [
        Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.RightToLeft]
