"""Suggestions in the annotation window, through the keyboard only: Tab walks them with the spans,
Enter accepts (a span with provenance, in the change log), Delete rejects (still hidden after the
window is reopened), a label key relabels, an edge key edits before Enter, "accept all in
selection" is one undoable step, View ▸ Suggestions hides them (and Tab skips them), and what is
drawn: a dashed outline in the label's colour round the range, nothing filled, the text unchanged.

Only the ``entities`` and ``stored`` recommenders run here (a stored DATE suggestion stands in for
the date finder)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence
from PySide6.QtWidgets import QApplication

from annotator.core.suggest import Suggestion
from annotator.gui.annotation.overlay import block_tops, range_rects
from annotator.gui.annotation.suggestions_view import OUTLINE_WIDTH, PaneSuggestions
from annotator.gui.common.settings import Settings
from annotator.services.entities import CreateEntity
from annotator.services.project import Project
from annotator.storage import changelog
from annotator.storage import suggestions as suggestion_store
from annotator.storage.tables import SpanRow
from tests.gui.conftest import add_documents, press, select_text, stored_spans

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DOC = "d-budget"
# written for these tests: a minister named three times (once after the proclitic ل), and a date
TEXT = ("أعلن وزير المالية كريم الساعدي أمس أن الموازنة ستقر قبل نهاية الشهر.\n"
        "وقال مصدر إن كريم الساعدي لن يستقيل، وأكد مكتب لكريم الساعدي ذلك في 12 آذار 2026.\n"
        "ولم تعلق المعارضة على تصريحات الوزير حتى الآن.")
NAME = "كريم الساعدي"
DATE_TEXT = "12 آذار 2026"


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(needle, i + 1)
    return i, i + len(needle)


NAMES = [at(NAME, n) for n in range(3)]
DATE = at(DATE_TEXT)


@pytest.fixture
def sug_db(tmp_path: Path) -> Path:
    path = tmp_path / "suggest.sqlite"
    add_documents(path, [(DOC, "الموازنة", TEXT), ("d-other", "أخرى", "نص آخر قصير للاختبار.")])
    project = Project.open(path)
    try:
        CreateEntity(None, NAME, "person").do(project)
        with project.database.unit_of_work() as s:
            suggestion_store.replace_suggestions(s, "dates", [DOC], None, [
                Suggestion(DOC, *DATE, "DATE", "dates", {"value": "2026-03-12"}, 1.0, "1")])
    finally:
        project.close()
    Settings().set_suggestion_recommenders(("entities", "stored"))
    Settings().suggestions_shown = True
    return path


def _open(open_window, db: Path):  # type: ignore[no-untyped-def]
    Settings().set_suggestion_recommenders(("entities", "stored"))  # every window of a test: these two only
    Settings().suggestions_shown = True
    win = open_window(db, [DOC])
    return win


def _view(qtbot, win) -> PaneSuggestions:  # type: ignore[no-untyped-def]
    ed = win.area.panes[0].editor
    view = ed.suggestions
    assert isinstance(view, PaneSuggestions)
    qtbot.waitUntil(lambda: view.computed, timeout=10000)
    ed.setFocus()
    qtbot.waitUntil(ed.hasFocus)
    return view


def _ranges(view: PaneSuggestions) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in view.shown_suggestions()]


def _home(qtbot, ed) -> None:  # type: ignore[no-untyped-def]
    ed.select_span(None, scroll=False)
    press(qtbot, ed, Qt.Key.Key_Home, CTRL)


def _tab_to(qtbot, ed, view: PaneSuggestions, where: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    """From the top, Tab until the suggestion at *where* is selected."""
    _home(qtbot, ed)
    for _ in range(10):
        press(qtbot, ed, Qt.Key.Key_Tab)
        sug = view.selected_suggestion()
        if sug is not None and (sug.start, sug.end) == where:
            return
    raise AssertionError(f"Tab never reached the suggestion at {where}")


def _provenance(db: Path) -> list[dict]:  # type: ignore[type-arg]
    project = Project.open(db)
    try:
        with project.database.unit_of_work() as s:
            return [row[0] for row in s.query(SpanRow.provenance).all()]
    finally:
        project.close()


def _log(db: Path) -> list[str]:
    project = Project.open(db)
    try:
        with project.database.unit_of_work() as s:
            return [c["action"] for c in changelog.changes(s)]
    finally:
        project.close()


def _decisions(db: Path) -> list[tuple[str, str, str, int]]:
    project = Project.open(db)
    try:
        with project.database.unit_of_work() as s:
            return [(c.recommender, c.label, c.decision, c.count) for c in suggestion_store.decision_counts(s)]
    finally:
        project.close()


def test_tab_walks_them_and_enter_accepts_with_provenance_then_undo_redo(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    win = _open(open_window, sug_db)
    view = _view(qtbot, win)
    ed = win.area.panes[0].editor
    assert _ranges(view) == [(*NAMES[0], "ACTOR"), (*NAMES[1], "ACTOR"), (*NAMES[2], "ACTOR"), (*DATE, "DATE")]
    assert stored_spans(sug_db, DOC) == []  # never an annotation until accepted
    _home(qtbot, ed)
    press(qtbot, ed, Qt.Key.Key_Tab)
    assert view.selected_suggestion() is not None and view.selected_range() == NAMES[0]
    message = win.statusBar().currentMessage()
    assert message == (f"Suggestion ACTOR «\u2068{NAME}\u2069» from entities (1.00): Enter accepts, "
                       "Delete rejects, a label key relabels")
    assert win.selected_info.text() == f"Suggestion ACTOR: \u2068{NAME}\u2069"
    press(qtbot, ed, Qt.Key.Key_Return)
    assert stored_spans(sug_db, DOC) == [(*NAMES[0], "ACTOR")]
    [prov] = _provenance(sug_db)
    assert prov["suggested_by"] == "entities" and prov["accepted_by"] == "alice" and prov["decision"] == "accepted"
    assert "suggestion.accept" in _log(sug_db)
    assert ed.selected_span() is not None and (ed.selected_span().start, ed.selected_span().end) == NAMES[0]
    assert (*NAMES[0], "ACTOR") not in _ranges(view)  # a span now, no longer a suggestion
    # Tab goes on from the new span to the next suggestion, in reading order
    press(qtbot, ed, Qt.Key.Key_Tab)
    assert view.selected_range() == NAMES[1]
    press(qtbot, ed, Qt.Key.Key_Tab, SHIFT)
    assert view.selected_suggestion() is None and ed.selected_span() is not None
    # Ctrl+Z takes the span back and the suggestion returns; Ctrl+Shift+Z accepts it again
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert stored_spans(sug_db, DOC) == [] and (*NAMES[0], "ACTOR") in _ranges(view)
    press(qtbot, ed, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored_spans(sug_db, DOC) == [(*NAMES[0], "ACTOR")] and (*NAMES[0], "ACTOR") not in _ranges(view)
    assert ed.toPlainText() == TEXT  # nothing was ever inserted into the text


def test_delete_rejects_and_it_stays_hidden_after_reopening(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    win = _open(open_window, sug_db)
    view = _view(qtbot, win)
    ed = win.area.panes[0].editor
    _tab_to(qtbot, ed, view, DATE)
    assert "DATE" in win.statusBar().currentMessage() and "from dates (1.00)" in win.statusBar().currentMessage()
    press(qtbot, ed, Qt.Key.Key_Delete)
    assert (*DATE, "DATE") not in _ranges(view) and view.selected_suggestion() is None
    assert win.statusBar().currentMessage().startswith("Saved: DATE suggestion rejected")
    assert stored_spans(sug_db, DOC) == [] and "suggestion.reject" in _log(sug_db)
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)  # undo: it is back
    assert (*DATE, "DATE") in _ranges(view)
    press(qtbot, ed, Qt.Key.Key_Z, CTRL | SHIFT)  # redo: rejected again
    assert (*DATE, "DATE") not in _ranges(view)
    assert ("dates", "DATE", "rejected", 1) in _decisions(sug_db)
    win.close()
    again = _open(open_window, sug_db)
    view = _view(qtbot, again)
    assert _ranges(view) == [(*NAMES[0], "ACTOR"), (*NAMES[1], "ACTOR"), (*NAMES[2], "ACTOR")]


def test_a_label_key_accepts_it_with_that_label(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    win = _open(open_window, sug_db)
    view = _view(qtbot, win)
    ed = win.area.panes[0].editor
    _tab_to(qtbot, ed, view, DATE)
    press(qtbot, ed, Qt.Key.Key_1)  # CLAIM's key
    assert stored_spans(sug_db, DOC) == [(*DATE, "CLAIM")]
    assert ("dates", "DATE", "edited", 1) in _decisions(sug_db)
    assert (*DATE, "DATE") not in _ranges(view)  # the same range is tagged now


def test_an_edge_key_then_enter_accepts_it_edited(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    win = _open(open_window, sug_db)
    view = _view(qtbot, win)
    ed = win.area.panes[0].editor
    _tab_to(qtbot, ed, view, NAMES[1])
    press(qtbot, ed, Qt.Key.Key_BracketRight, CTRL)  # start one word later: الساعدي alone
    surname = at("الساعدي", 1)
    assert view.selected_range() == surname
    assert "edges moved" in win.statusBar().currentMessage()
    press(qtbot, ed, Qt.Key.Key_Escape)  # let go: the edges go back, the status bar says nothing of it
    assert view.selected_suggestion() is None and win.statusBar().currentMessage() == ""
    assert win.selected_info.text() == ""
    _tab_to(qtbot, ed, view, NAMES[1])
    press(qtbot, ed, Qt.Key.Key_BracketRight, CTRL)
    assert stored_spans(sug_db, DOC) == []  # moved here only
    ed.viewport().repaint()
    assert [(s.start, s.end) for s, _r, selected in view.painted if selected] == [NAMES[1]]
    press(qtbot, ed, Qt.Key.Key_Return)
    assert stored_spans(sug_db, DOC) == [(*surname, "ACTOR")]
    assert ("entities", "ACTOR", "edited", 1) in _decisions(sug_db)
    # the edited span overlaps the suggestion it came from: that one is gone, the others stay
    assert _ranges(view) == [(*NAMES[0], "ACTOR"), (*NAMES[2], "ACTOR"), (*DATE, "DATE")]


def test_accept_all_in_a_selection_is_one_undoable_step(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    win = _open(open_window, sug_db)
    view = _view(qtbot, win)
    ed = win.area.panes[0].editor
    steps = win.controller.undo_stack.count()
    select_text(ed, TEXT.splitlines()[1])  # the second paragraph: two names and the date
    press(qtbot, ed, Qt.Key.Key_Return, CTRL | SHIFT)
    assert stored_spans(sug_db, DOC) == [(*NAMES[1], "ACTOR"), (*NAMES[2], "ACTOR"), (*DATE, "DATE")]
    assert win.controller.undo_stack.count() == steps + 1
    assert "3 suggestions accepted" in win.statusBar().currentMessage()
    assert _ranges(view) == [(*NAMES[0], "ACTOR")]
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)  # one undo takes them all back
    assert stored_spans(sug_db, DOC) == []
    assert len(_ranges(view)) == 4


def test_the_toggle_hides_them_and_tab_skips_them_and_the_recommenders_are_chosen(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    win = _open(open_window, sug_db)
    view = _view(qtbot, win)
    ed = win.area.panes[0].editor
    select_text(ed, "الموازنة")
    press(qtbot, ed, Qt.Key.Key_1)  # a CLAIM span between the first name and the second
    claim = at("الموازنة")
    # shown: Tab walks the first name, the span, the second name
    _home(qtbot, ed)
    walked = []
    for _ in range(3):
        press(qtbot, ed, Qt.Key.Key_Tab)
        sug, span = view.selected_suggestion(), ed.selected_span()
        walked.append(("suggestion", sug.start) if sug is not None else ("span", span.start))  # type: ignore[union-attr]
    assert walked == [("suggestion", NAMES[0][0]), ("span", claim[0]), ("suggestion", NAMES[1][0])]
    ed.viewport().repaint()
    assert len(view.painted) == 4
    # hidden (Ctrl+Shift+H): nothing drawn, Tab goes from span to span, the choice remembered
    key = win.actions_by_id["view.suggestions"].shortcuts()[0]
    assert key == QKeySequence("Ctrl+Shift+H")
    press(qtbot, ed, Qt.Key.Key_H, CTRL | SHIFT)
    assert not win.actions_by_id["view.suggestions"].isChecked() and not Settings().suggestions_shown
    assert view.selected_suggestion() is None
    ed.viewport().repaint()
    assert view.painted == []
    _home(qtbot, ed)
    press(qtbot, ed, Qt.Key.Key_Tab)
    assert view.selected_suggestion() is None and ed.selected_span().start == claim[0]  # type: ignore[union-attr]
    press(qtbot, ed, Qt.Key.Key_Tab)
    assert view.selected_suggestion() is None and ed.selected_span().start == claim[0]  # type: ignore[union-attr]
    press(qtbot, ed, Qt.Key.Key_H, CTRL | SHIFT)
    ed.viewport().repaint()
    assert len(view.painted) == 4
    # View ▸ Suggestions from: without the known entities only the stored DATE is left, at once
    entities = win.suggestions.recommender_actions["entities"]
    assert entities.isChecked() and win.suggestions.recommender_actions["stored"].isChecked()
    assert win.suggestions.menu in [a.menu() for a in win.menus["View"].actions()]
    entities.trigger()
    qtbot.waitUntil(lambda: view.computed and _ranges(view) == [(*DATE, "DATE")], timeout=10000)
    assert Settings().suggestion_recommenders(()) == ("stored",)


def test_no_two_actions_of_the_window_share_a_key(window) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, str] = {}
    for spec_id, action in window.actions_by_id.items():
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} is both {seen[text]} and {spec_id}"
            seen[text] = spec_id
    assert "Ctrl+Shift+Return" in seen and seen["Ctrl+Shift+Return"] == "suggestion.accept_all"


def _image(ed) -> QImage:  # type: ignore[no-untyped-def]
    ed.viewport().repaint()
    QApplication.processEvents()
    return ed.viewport().grab().toImage()


def _pixels(image: QImage, rect: QRect) -> list[int]:
    return [image.pixel(x, y) for y in range(rect.top(), rect.bottom() + 1)
            for x in range(rect.left(), rect.right() + 1)]


def test_what_is_drawn_is_a_dashed_outline_in_the_label_colour_with_no_fill(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    win = _open(open_window, sug_db)
    view = _view(qtbot, win)
    ed = win.area.panes[0].editor
    _home(qtbot, ed)
    shown = _image(ed)
    view.set_shown(False)
    hidden = _image(ed)
    view.set_shown(True)
    blocks = list(ed._visible_blocks())
    tops = block_tops(ed, blocks)
    ratio = shown.devicePixelRatio()
    assert ratio == 1.0
    background = ed.viewport().palette().color(ed.viewport().backgroundRole()).rgb()
    for start, end, label in [(*NAMES[0], "ACTOR"), (*DATE, "DATE")]:
        colour = QColor(win.colours.solid(label)).rgb()
        [rect] = [r.toAlignedRect() for r in range_rects(ed, start, end, blocks, tops)]
        # no fill, the letters untouched: the glyph box (but its last rows, where the outline's lower
        # edge runs below the descenders) is the same with and without the suggestion, and what is
        # not a letter there keeps the background colour
        inside = rect.adjusted(0, 0, 0, -4)
        assert _pixels(shown, inside) == _pixels(hidden, inside)
        assert _pixels(shown, inside).count(background) > inside.width() * inside.height() // 3
        # the outline: in the label's colour; its upper and lower edges cover no letter (its ends may touch
        # a letter or a full stop written against the range)
        ring = rect.adjusted(-2 - OUTLINE_WIDTH, -2 - OUTLINE_WIDTH, 2 + OUTLINE_WIDTH, 2)
        for band in (QRect(rect.left(), ring.top(), rect.width(), 2 * OUTLINE_WIDTH),
                     QRect(rect.left(), rect.bottom() - 4, rect.width(), 6)):
            changed = [(a, b) for a, b in zip(_pixels(hidden, band), _pixels(shown, band), strict=True) if a != b]
            assert changed and all(a == background and b == colour for a, b in changed), label
        for side in (QRect(ring.left(), ring.top(), 2 * OUTLINE_WIDTH, ring.height()),  # left
                     QRect(ring.left(), ring.top(), ring.width(), 2 * OUTLINE_WIDTH),  # top
                     QRect(ring.left(), rect.bottom() - 4, ring.width(), 4)):  # bottom
            assert _pixels(shown, side).count(colour) >= 4, (label, side)
            assert _pixels(hidden, side).count(colour) == 0
        # dashed: along the top edge the label's colour comes and goes
        row = [shown.pixel(x, rect.top() - 2) == colour for x in range(rect.left(), rect.right())]
        assert any(row) and not all(row) and sum(a != b for a, b in itertools.pairwise(row)) >= 2
    assert ed.toPlainText() == TEXT
    # the selected suggestion's outline is thicker
    plain_count = _pixels(shown, QRect(0, 0, shown.width(), shown.height())).count(
        QColor(win.colours.solid("DATE")).rgb())
    _tab_to(qtbot, ed, view, DATE)
    chosen = _image(ed)
    assert _pixels(chosen, QRect(0, 0, chosen.width(), chosen.height())).count(
        QColor(win.colours.solid("DATE")).rgb()) > plain_count * 1.5


def test_a_click_on_a_suggestion_selects_it(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    win = _open(open_window, sug_db)
    view = _view(qtbot, win)
    ed = win.area.panes[0].editor
    blocks = list(ed._visible_blocks())
    [rect] = range_rects(ed, *DATE, blocks, block_tops(ed, blocks))
    qtbot.mouseClick(ed.viewport(), Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert view.selected_range() == DATE and ed.selected_span() is None
    assert win.selected_info.text() == f"Suggestion DATE: \u2068{DATE_TEXT}\u2069"


def test_a_suggestion_accepted_in_one_pane_goes_from_another_showing_the_document(qtbot, open_window, sug_db) -> None:  # type: ignore[no-untyped-def]
    Settings().set_suggestion_recommenders(("entities", "stored"))
    Settings().suggestions_shown = True
    win = open_window(sug_db, [DOC, DOC])
    first, second = win.area.panes[0], win.area.panes[1]
    assert first.document_id == second.document_id == DOC
    for pane in (first, second):
        qtbot.waitUntil(lambda p=pane: p.editor.suggestions.computed, timeout=10000)
    other = second.editor.suggestions
    second.editor.setFocus()
    _tab_to(qtbot, second.editor, other, NAMES[0])
    first.editor.setFocus()
    qtbot.waitUntil(first.editor.hasFocus)
    _tab_to(qtbot, first.editor, first.editor.suggestions, NAMES[0])
    press(qtbot, first.editor, Qt.Key.Key_Return)
    assert stored_spans(sug_db, DOC) == [(*NAMES[0], "ACTOR")]
    assert (*NAMES[0], "ACTOR") not in _ranges(other) and other.selected_suggestion() is None
    assert win.area.active is first  # letting go of the other pane's suggestion does not move the focus
    press(qtbot, first.editor, Qt.Key.Key_Z, CTRL)
    assert (*NAMES[0], "ACTOR") in _ranges(other)


def test_a_long_document_shows_the_part_on_screen_first_then_every_suggestion(qtbot, open_window,  # type: ignore[no-untyped-def]
                                                                             tmp_path: Path) -> None:
    from annotator.gui.annotation.suggestions_view import FIRST_PART_FROM
    from annotator.services.suggestions import suggestions_for

    long_text = "\n".join([TEXT] * (FIRST_PART_FROM // len(TEXT) + 2))
    path = tmp_path / "long.sqlite"
    add_documents(path, [("long", "طويل", long_text)])
    project = Project.open(path)
    try:
        CreateEntity(None, NAME, "person").do(project)
        expected = suggestions_for(project, "long", "alice", ("entities",))
    finally:
        project.close()
    Settings().set_suggestion_recommenders(("entities",))
    Settings().suggestions_shown = True
    win = open_window(path, ["long"])
    view = win.area.panes[0].editor.suggestions
    qtbot.waitUntil(lambda: bool(view.painted), timeout=10000)  # the part on screen, drawn
    qtbot.waitUntil(lambda: view.computed, timeout=20000)
    assert [(s.start, s.end) for s in view.shown_suggestions()] == [(s.start, s.end) for s in expected]
    assert len(expected) > 3 * len(view.painted)  # far more than the screen shows
