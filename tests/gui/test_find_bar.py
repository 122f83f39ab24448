"""Find in a pane (Ctrl+F), driven by the keyboard and checked on what is drawn: the count painted
in the bar, the formats of the paragraphs' QTextLayout at the matches, Arabic letters joined
across a match's edge, the pane's selection, and a label key tagging exactly the match."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextBlock, QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication

from annotator.gui.annotation.highlighter import FIND_CURRENT, FIND_MATCH
from tests.gui.conftest import add_documents, press, stored_spans
from tests.gui.structure_helpers import type_text

# written for these tests: an emoji (two UTF-16 units) before the matches, a word with harakat
# and tanwin, the same word after the article (ل joins م across the match's edge) and with an alef
FIND_TEXT = ("😀 عقد الوزير مُؤْتَمَرًا صحفيًا أمس، وقال في المؤتمر إن الاتفاق قريب.\n"
             "وأكد أن مؤتمرا ثانيا سيعقد بعد شهر، والاتفاق ينتظر التوقيع.")
OTHER_TEXT = "قالت الوزارة إن المؤتمر الثاني سيعقد في آذار.\nولم يحدد مكان المؤتمر بعد."
QUERY = "مؤتمر"  # no harakat


@pytest.fixture
def find_db(tmp_path: Path) -> Path:
    path = tmp_path / "find.sqlite"
    add_documents(path, [("d-find", "مؤتمر صحفي", FIND_TEXT), ("e-other", "المؤتمر الثاني", OTHER_TEXT)])
    return path


@pytest.fixture
def win(open_window, find_db: Path):  # type: ignore[no-untyped-def]
    return open_window(find_db, ["d-find", "e-other"])


def _hits(text: str, needle: str) -> list[tuple[int, int]]:
    """Where the test expects the matches (code points)."""
    out, at = [], text.find(needle)
    while at != -1:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + 1)
    return out


EXPECTED = [(FIND_TEXT.index("مُؤْتَمَرً"), FIND_TEXT.index("مُؤْتَمَرً") + len("مُؤْتَمَرً")),
            *_hits(FIND_TEXT, QUERY)]


def _open_bar(qtbot, pane, query: str = QUERY):  # type: ignore[no-untyped-def]
    ed = pane.editor
    ed.setFocus()
    qtbot.waitUntil(ed.hasFocus)
    press(qtbot, ed, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = pane.find_bar()
    qtbot.waitUntil(lambda: bar.isVisible() and bar.query.hasFocus())
    type_text(bar.query, query)
    return bar


def _painted(bar) -> str:  # type: ignore[no-untyped-def]
    return bar.count.painted.shown if bar.count.painted is not None else ""


def _wait_count(qtbot, bar, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: _painted(bar) == text)


def _block(ed, pos: int) -> QTextBlock:  # type: ignore[no-untyped-def]
    block = ed.document().findBlock(ed.state.u16.to_utf16(pos))
    ed.blockBoundingRect(block)
    return block


def _find_formats(ed) -> list[tuple[int, int, str]]:  # type: ignore[no-untyped-def]
    """(start, end, colour) in code points of every find background in the paragraphs' layouts."""
    found = []
    block = ed.document().firstBlock()
    u16 = ed.state.u16
    while block.isValid():
        for r in block.layout().formats():
            colour = r.format.background().color().name()
            if colour in (FIND_MATCH, FIND_CURRENT):
                start = u16.to_code_point(block.position() + r.start)
                found.append((start, u16.to_code_point(block.position() + r.start + r.length), colour))
        block = block.next()
    return found


def _formats_painted(qtbot, ed) -> None:  # type: ignore[no-untyped-def]
    """Wait until every paragraph on screen was formatted for the find as it stands."""
    qtbot.waitUntil(lambda: all(ed.highlighter.is_current(b) for b in ed._visible_blocks()))


def test_ctrl_f_finds_a_word_with_harakat_as_you_type_and_enter_f3_walk_the_matches(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    pane = win.area.panes[0]
    ed = pane.editor
    bar = _open_bar(qtbot, pane)
    _wait_count(qtbot, bar, "1 of 3")
    # the first match is the word written with harakat (its tanwin included: whole clusters), selected
    assert ed.selection_range() == EXPECTED[0]
    assert FIND_TEXT[slice(*EXPECTED[0])] == "مُؤْتَمَرً"
    steps = [(Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 1),
             (Qt.Key.Key_Enter, Qt.KeyboardModifier.NoModifier, 2),
             (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, 0),  # around the end
             (Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier, 2),  # and back
             (Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier, 1)]
    for key, modifiers, want in steps:
        press(qtbot, bar.query, key, modifiers)
        _wait_count(qtbot, bar, f"{want + 1} of 3")
        assert ed.selection_range() == EXPECTED[want]
        assert bar.query.hasFocus()  # the query keeps the keyboard
    # F3 / Shift+F3 are the window's: from the text as well as from the query
    ed.setFocus()
    qtbot.waitUntil(ed.hasFocus)
    press(qtbot, ed, Qt.Key.Key_F3)
    _wait_count(qtbot, bar, "3 of 3")
    assert ed.selection_range() == EXPECTED[2]
    press(qtbot, ed, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    _wait_count(qtbot, bar, "2 of 3")
    assert ed.selection_range() == EXPECTED[1]
    # typing on narrows the find; a word not there says so
    type_text(bar.query, "ا")  # counted from the current match on: the first after it is the second of two
    _wait_count(qtbot, bar, "2 of 2")
    type_text(bar.query, "تتت")
    _wait_count(qtbot, bar, "No match")
    assert _find_formats(ed) == []


def test_matches_are_formats_of_the_paragraph_layouts_at_code_point_offsets(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    pane = win.area.panes[0]
    ed = pane.editor
    bar = _open_bar(qtbot, pane)
    _wait_count(qtbot, bar, "1 of 3")
    _formats_painted(qtbot, ed)
    assert FIND_TEXT[0] == "😀" and ed.state.u16.to_utf16(EXPECTED[0][0]) == EXPECTED[0][0] + 1
    assert _find_formats(ed) == [(*EXPECTED[0], FIND_CURRENT), (*EXPECTED[1], FIND_MATCH), (*EXPECTED[2], FIND_MATCH)]
    # the UTF-16 range of the format is the match's (the emoji counts two there, one in code points)
    first = _block(ed, EXPECTED[0][0])
    r = next(r for r in first.layout().formats() if r.format.background().color().name() == FIND_CURRENT)
    utf16 = first.text().encode("utf-16-le")
    assert utf16[2 * r.start:2 * (r.start + r.length)].decode("utf-16-le") == "مُؤْتَمَرً"
    assert ed.toPlainText() == FIND_TEXT  # painted over, nothing inserted
    press(qtbot, bar.query, Qt.Key.Key_Return)
    _wait_count(qtbot, bar, "2 of 3")
    _formats_painted(qtbot, ed)
    assert _find_formats(ed) == [(*EXPECTED[0], FIND_MATCH), (*EXPECTED[1], FIND_CURRENT), (*EXPECTED[2], FIND_MATCH)]
    assert FIND_MATCH in _colours_under(ed, *EXPECTED[2])  # and painted on screen
    # Escape: the bar goes, and the matches with it; the text has the keyboard again
    press(qtbot, bar.query, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not bar.isVisible() and ed.hasFocus())
    _formats_painted(qtbot, ed)
    assert _find_formats(ed) == []
    assert FIND_MATCH not in _colours_under(ed, *EXPECTED[2])


def _colours_under(ed, start: int, end: int) -> set[str]:  # type: ignore[no-untyped-def]
    """The colours the viewport shows on the line of code points ``[start, end)``, between its ends."""
    block = _block(ed, start)
    u16 = ed.state.u16
    a, b = u16.to_utf16(start) - block.position(), u16.to_utf16(end) - block.position()
    line = block.layout().lineForTextPosition(a)
    xs = sorted((line.cursorToX(a)[0], line.cursorToX(b)[0]))
    top = ed.blockBoundingGeometry(block).translated(ed.contentOffset()).top() + line.y()
    image = ed.viewport().grab().toImage()
    ratio = image.devicePixelRatio()
    colours = set()
    for x in range(int(xs[0]) + 2, int(xs[1]) - 1, 2):
        for y in (top + 2, top + line.height() - 3):
            colours.add(QColor(image.pixel(int(x * ratio), int(y * ratio))).name())
    return colours


def _glyphs(block: QTextBlock) -> list[tuple[int, float, float]]:
    """Every glyph of the paragraph as drawn: (glyph index, x, y), in a stable order."""
    out = []
    for run in block.layout().glyphRuns():
        out += [(g, round(p.x(), 2), round(p.y(), 2)) for g, p in zip(run.glyphIndexes(), run.positions(), strict=True)]
    return sorted(out)


def test_arabic_letters_stay_joined_across_a_match_edge(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    pane = win.area.panes[0]
    ed = pane.editor
    start = EXPECTED[1][0]  # مؤتمر inside المؤتمر: the lam before it joins its mim
    assert FIND_TEXT[start - 2:start] == "ال"
    block = _block(ed, start)
    plain_glyphs = _glyphs(block)
    plain_x = [block.layout().lineAt(0).cursorToX(i)[0] for i in range(block.length())]
    bar = _open_bar(qtbot, pane)
    _wait_count(qtbot, bar, "1 of 3")
    _formats_painted(qtbot, ed)
    block = _block(ed, start)
    rel = ed.state.u16.to_utf16(start) - block.position()
    assert any(r.start == rel and r.format.background().color().name() == FIND_MATCH for r in block.layout().formats())
    # the same glyphs at the same places with the match painted: shaped across its edges
    assert _glyphs(block) == plain_glyphs
    assert [block.layout().lineAt(0).cursorToX(i)[0] for i in range(block.length())] == plain_x
    # (what a broken join would look like: the lam shaped alone is another glyph than in the word)
    font = ed.document().defaultFont()
    alone, word = QTextLayout("ال", font), QTextLayout("المؤتمر", font)
    for layout in (alone, word):
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        layout.setTextOption(option)
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
    assert alone.glyphRuns()[0].glyphIndexes()[-1] not in word.glyphRuns()[0].glyphIndexes()


def test_a_label_key_after_escape_tags_exactly_the_match(qtbot, win, find_db: Path) -> None:  # type: ignore[no-untyped-def]
    pane = win.area.panes[0]
    ed = pane.editor
    bar = _open_bar(qtbot, pane)
    _wait_count(qtbot, bar, "1 of 3")
    press(qtbot, bar.query, Qt.Key.Key_1)  # in the query a label key is a character of the query
    assert bar.query.text() == QUERY + "1"
    press(qtbot, bar.query, Qt.Key.Key_Backspace)
    press(qtbot, bar.query, Qt.Key.Key_Return)  # right after typing, before the pause: the first match
    assert bar.count.text() == "1 of 3"
    press(qtbot, bar.query, Qt.Key.Key_Return)
    _wait_count(qtbot, bar, "2 of 3")
    press(qtbot, bar.query, Qt.Key.Key_Escape)
    qtbot.waitUntil(ed.hasFocus)
    assert ed.selection_range() == EXPECTED[1]
    press(qtbot, ed, Qt.Key.Key_1)  # CLAIM: the match inside المؤتمر, not the whole word
    qtbot.waitUntil(lambda: stored_spans(find_db, "d-find") != [])
    assert stored_spans(find_db, "d-find") == [(*EXPECTED[1], "CLAIM")]
    # with the bar open and the keyboard moved to the text, a label key tags the current match
    press(qtbot, ed, Qt.Key.Key_F3)
    _wait_count(qtbot, bar, "3 of 3")
    ed.setFocus()
    qtbot.waitUntil(ed.hasFocus)
    press(qtbot, ed, Qt.Key.Key_2)
    qtbot.waitUntil(lambda: len(stored_spans(find_db, "d-find")) == 2)
    assert (*EXPECTED[2], "ACTOR") in stored_spans(find_db, "d-find")
    # a selection made by hand is still grown to whole words
    ed.select_range(EXPECTED[1][0] + 1, EXPECTED[1][0] + 2)
    assert not ed.char_precision_once


def test_options_fold_whole_word_clitics_and_a_bad_regular_expression(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    pane = win.area.panes[0]
    ed = pane.editor
    bar = _open_bar(qtbot, pane)
    _wait_count(qtbot, bar, "1 of 3")
    bar.fold_option.trigger()  # exact: the harakat must be typed
    _wait_count(qtbot, bar, "1 of 2")
    assert ed.selection_range() == EXPECTED[1]
    assert bar.options_button.text() == "="
    bar.fold_option.trigger()
    assert not bar.clitic_option.isEnabled()  # clitics mean something only for whole words
    bar.word_option.trigger()  # مؤتمر alone is nowhere a whole word
    _wait_count(qtbot, bar, "No match")
    assert bar.clitic_option.isEnabled()
    bar.clitic_option.trigger()  # المؤتمر: the article before it
    _wait_count(qtbot, bar, "1 of 1")
    assert ed.selection_range() == (EXPECTED[1][0] - 2, EXPECTED[1][1])
    assert "whole words, with clitics" in bar.options_button.toolTip()
    # a regular expression that does not compile says so in the bar: no exception, no message box
    bar.regex_option.trigger()
    assert not bar.word_option.isChecked()
    bar.query.selectAll()
    qtbot.keyClicks(bar.query, "(unclosed")
    qtbot.waitUntil(lambda: _painted(bar).startswith("Not a regular expression"))
    assert "missing )" in bar.count.text()
    assert QApplication.activeModalWidget() is None
    _formats_painted(qtbot, ed)
    assert _find_formats(ed) == []
    bar.query.selectAll()
    type_text(bar.query, r"\d+|شهر")
    _wait_count(qtbot, bar, "1 of 1")
    assert FIND_TEXT[slice(*ed.selection_range())] == "شهر"


def test_an_arabic_query_is_laid_out_right_to_left(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    bar = _open_bar(qtbot, win.area.panes[0])
    _wait_count(qtbot, bar, "1 of 3")
    # Qt's automatic direction: Arabic is laid out right to left (its start right of its end) ...
    edit = bar.query

    def start_and_end_x() -> tuple[int, int]:
        edit.setCursorPosition(0)
        start = edit.cursorRect().center().x()
        edit.end(False)
        return start, edit.cursorRect().center().x()

    start, end = start_and_end_x()
    assert start - end > edit.fontMetrics().horizontalAdvance(QUERY) / 2
    # ... and Latin left to right, in the same field
    edit.selectAll()
    qtbot.keyClicks(edit, "abc")
    start, end = start_and_end_x()
    assert end - start > edit.fontMetrics().horizontalAdvance("abc") / 2


def test_each_pane_has_its_own_find_and_a_new_document_is_searched_again(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    first, second = win.area.panes
    bar = _open_bar(qtbot, second)
    _wait_count(qtbot, bar, "1 of 2")  # المؤتمر twice in the other document
    assert second.editor.selection_range() == _hits(OTHER_TEXT, QUERY)[0]
    assert not first.find_bar().isVisible() and first.editor.found is None
    assert _find_formats(first.editor) == []
    # the pane shows another document: the find runs there
    win.open_in(second, "d-find")
    _wait_count(qtbot, bar, "1 of 3")
    _formats_painted(qtbot, second.editor)
    assert [f[:2] for f in _find_formats(second.editor)] == EXPECTED
    # Ctrl+F in the first pane opens its own bar; Escape there leaves the second one's
    bar_one = _open_bar(qtbot, first, "الاتفاق")
    _wait_count(qtbot, bar_one, "1 of 2")
    press(qtbot, bar_one.query, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not bar_one.isVisible())
    assert bar.isVisible() and _painted(bar) == "1 of 3"
    # Ctrl+F again with the query there: the same find, the text typed over replaces it
    second.editor.setFocus()
    qtbot.waitUntil(second.editor.hasFocus)
    press(qtbot, second.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.query.hasFocus)
    assert bar.query.selectedText() == QUERY



def test_f3_reopens_a_closed_bar_and_ctrl_f_takes_a_selected_word(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    pane = win.area.panes[0]
    ed = pane.editor
    bar = _open_bar(qtbot, pane)
    _wait_count(qtbot, bar, "1 of 3")
    press(qtbot, bar.query, Qt.Key.Key_Escape)
    qtbot.waitUntil(ed.hasFocus)
    assert ed.selection_range() == EXPECTED[0]
    # F3 with the bar closed: the same query again, and the match after the one left selected
    press(qtbot, ed, Qt.Key.Key_F3)
    _wait_count(qtbot, bar, "2 of 3")
    assert bar.isVisible() and ed.selection_range() == EXPECTED[1]
    press(qtbot, bar.query, Qt.Key.Key_Escape)
    qtbot.waitUntil(ed.hasFocus)
    press(qtbot, ed, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    _wait_count(qtbot, bar, "1 of 3")
    assert ed.selection_range() == EXPECTED[0]
    press(qtbot, bar.query, Qt.Key.Key_Escape)
    qtbot.waitUntil(ed.hasFocus)
    # a word selected by hand becomes the query of Ctrl+F (the current match does not)
    start = FIND_TEXT.index("الاتفاق")
    ed.select_range(start, start + len("الاتفاق"))
    press(qtbot, ed, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.query.hasFocus)
    assert bar.query.text() == "الاتفاق"
    _wait_count(qtbot, bar, "1 of 2")
    assert ed.selection_range() == (start, start + len("الاتفاق"))


def test_a_long_search_runs_in_slices_and_counts_every_match(qtbot, open_window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch) -> None:
    from annotator.gui.annotation import find_bar

    db = tmp_path / "long.sqlite"
    add_documents(db, [("f-long", "طويل", "قال الوزير إن المؤتمر انتهى.\n" * 400)])
    win = open_window(db, ["f-long"])
    monkeypatch.setattr(find_bar, "SLICE_SECONDS", 0.0)  # a slice as short as can be: 64 matches
    pane = win.area.panes[0]
    bar = _open_bar(qtbot, pane)
    seen: list[str] = []
    bar.count.setText = lambda text, f=bar.count.setText: (seen.append(text), f(text))[1]  # type: ignore[method-assign]
    _wait_count(qtbot, bar, "1 of 400")
    assert "1 of 64…" in seen  # the first slice's, while the rest was still being searched
    assert len(bar.marks) == 400 and bar.marks.current == 0
    press(qtbot, bar.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # round to the last
    _wait_count(qtbot, bar, "400 of 400")
    assert pane.editor.selection_range() == bar.marks.at(399)
