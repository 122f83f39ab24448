"""The Search dock (Ctrl+Shift+F), driven by the keyboard: the concordance, opening a hit,
tagging hits with a label's key in one undoable step."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import add_documents, press, stored_spans
from tests.gui.structure_helpers import type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

# invented reports; the ministry is written with harakat once, and an emoji comes first in one
ONE = "😀 قالت الوِزارة إن المعبر سيفتح قريبا، وأكدت الوزارة أن الموعد ثابت."
TWO = "نفت الشركة ما قالته الوزارة عن المعبر."
THREE = "لا علاقة لهذا النص بالموضوع."


def _project(tmp_path: Path) -> Path:
    db = tmp_path / "p.sqlite"
    add_documents(db, [("one", "بيان الوزارة", ONE), ("two", "رد الشركة", TWO), ("three", "نص آخر", THREE)])
    return db


def _search(qtbot, win, query: str):  # type: ignore[no-untyped-def]
    press(qtbot, win.area.panes[0].editor, Qt.Key.Key_F, CTRL | SHIFT)
    dock = win.search_dock
    assert dock is not None and dock.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dock.query)
    dock.query.clear()
    type_text(dock.query, query)
    press(qtbot, dock.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dock.summary.text() not in ("", "Searching…"))
    return dock


def _rows(dock) -> list[tuple[str, list[str]]]:  # type: ignore[no-untyped-def]
    model = dock.model
    out = []
    for r in range(model.rowCount()):
        top = model.index(r, 0)
        out.append((top.data(), [model.index(c, 0, top).data() for c in range(model.rowCount(top))]))
    return out


def test_the_concordance_groups_hits_by_document_with_the_match_marked(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_project(tmp_path), ["three"])
    dock = _search(qtbot, win, "الوزارة")
    assert dock.summary.text() == "3 hits in 2 documents"
    rows = _rows(dock)
    assert [title for title, _hits in rows] == ["بيان الوزارة — \u20682 hits\u2069", "رد الشركة — \u20681 hit\u2069"]
    assert "«الوِزارة»" in rows[0][1][0] and "«الوزارة»" in rows[0][1][1]  # as written, harakat and all
    assert dock.view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    dock.view.grab()  # painted as a screen shows it: each line in its own direction
    [line] = [p for p in dock.delegate.painted.values() if "«الوزارة»" in p.text]  # (the last row 0 painted)
    assert line.text == "نفت الشركة ما قالته «الوزارة» عن المعبر."
    first_word, last_word = line.x_range(0, 3), line.x_range(len(line.text) - 7, len(line.text))
    assert first_word[0] > last_word[1]  # right to left: the line starts at the right


def test_moving_in_the_results_shows_each_hit_and_enter_goes_to_the_pane(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_project(tmp_path), ["three"])
    dock = _search(qtbot, win, "الوزاره")  # ta marbuta typed as ha
    press(qtbot, dock.query, Qt.Key.Key_Down)  # into the results
    assert QApplication.focusWidget() is dock.view
    press(qtbot, dock.view, Qt.Key.Key_Down)  # the first hit of the first document
    pane = win.area.active
    assert pane.document_id == "one"
    start = ONE.index("الوِزارة")
    assert pane.editor.selection_range() == (start, start + len("الوِزارة"))  # code points, after the emoji
    press(qtbot, dock.view, Qt.Key.Key_Down)
    second = ONE.index("الوزارة")
    assert pane.editor.selection_range() == (second, second + len("الوزارة"))
    press(qtbot, dock.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is pane.editor)


def test_a_label_key_tags_the_selected_hits_once_and_ctrl_z_undoes_them_together(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = _project(tmp_path)
    win = open_window(db, ["one"])
    first = ONE.index("الوِزارة")
    win.controller.tag("one", first, first + len("الوِزارة"), "ACTOR")  # already tagged: left out
    dock = _search(qtbot, win, "الوزارة")
    press(qtbot, dock.query, Qt.Key.Key_Down)
    dock.view.selectAll()  # every row: documents and hits
    press(qtbot, dock.view, Qt.Key.Key_2)  # ACTOR's key
    assert "tagged 2 × ACTOR in 2 documents (1 already tagged ACTOR)" in win.statusBar().currentMessage()
    second = ONE.index("الوزارة")
    in_two = TWO.index("الوزارة")
    assert sorted(stored_spans(db, "one")) == [(first, first + 8, "ACTOR"), (second, second + 7, "ACTOR")]
    assert stored_spans(db, "two") == [(in_two, in_two + 7, "ACTOR")]
    assert win.area.panes[0].editor.state.spans.get  # the open document shows the new span
    assert any(s.start == second for s in win.area.panes[0].editor.state.spans.loaded())
    press(qtbot, dock.view, Qt.Key.Key_Z, CTRL)
    assert stored_spans(db, "two") == []
    assert stored_spans(db, "one") == [(first, first + 8, "ACTOR")]


def test_whole_words_with_clitics_and_a_bad_regular_expression(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.sqlite"
    add_documents(db, [("a", "أ", "وقع الطرفان الاتفاق ثم نوقش بالاتفاق والاتفاقية")])
    win = open_window(db, ["a"])
    dock = _search(qtbot, win, "الاتفاق")
    assert dock.summary.text() == "3 hits in 1 document"  # anywhere in words: الاتفاقية too
    dock.mode.setCurrentIndex(dock.mode.findData("word"))
    qtbot.waitUntil(lambda: dock.summary.text() == "1 hit in 1 document")
    assert dock.clitics.isEnabled()
    dock.clitics.setChecked(True)
    qtbot.waitUntil(lambda: dock.summary.text() == "2 hits in 1 document")
    dock.mode.setCurrentIndex(dock.mode.findData("regex"))
    dock.query.setText("(unclosed")
    press(qtbot, dock.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "regular expression" in dock.summary.text())
    assert dock.model.rowCount() == 0


def test_filters_inside_a_label_whose_spans_and_the_blind_rule(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.docks.search_dock import START_ROLE
    from annotator.services.project import Project
    from annotator.services.spans import AddSpan
    from annotator.services.team import add_annotator

    db = _project(tmp_path)
    project = Project.open(db)
    try:
        add_annotator(project, "alice", "annotator")
        add_annotator(project, "bob", "annotator")
        claim = ONE.index("وأكدت")
        AddSpan("one", "alice", claim, len(ONE) - 1, "CLAIM").do(project)  # holds the second الوزارة
        AddSpan("two", "bob", 0, len(TWO) - 1, "CLAIM").do(project)
    finally:
        project.close()
    win = open_window(db, ["three"])
    dock = _search(qtbot, win, "الوزارة")
    assert dock.summary.text() == "3 hits in 2 documents"
    press(qtbot, dock.query, Qt.Key.Key_Down)
    dock.more_filters.setChecked(True)
    assert dock.filters.isVisible()
    dock.where.setCurrentIndex(dock.where.findData("inside:CLAIM"))
    qtbot.waitUntil(lambda: dock.summary.text() not in ("", "Searching…", "3 hits in 2 documents"))
    assert dock.summary.text() == "1 hit in 1 document", dock.summary.text()
    second = ONE.index("الوزارة")
    hit = dock.model.index(0, 0, dock.model.index(0, 0))
    assert hit.data(START_ROLE) == second
    dock.where.setCurrentIndex(dock.where.findData("outside"))
    qtbot.waitUntil(lambda: dock.summary.text() == "2 hits in 2 documents")
    dock.whose.setCurrentIndex(dock.whose.findData("bob"))  # alice works blind: bob's spans are hidden
    qtbot.waitUntil(lambda: "blind" in dock.summary.text())
    assert dock.model.rowCount() == 0
