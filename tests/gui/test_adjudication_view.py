"""The adjudication view driven through the keyboard: versions side by side, decisions into gold."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.services import team
from annotator.services.adjudication import gold_spans
from annotator.services.project import Project
from tests.gui.conftest import add_documents

# Written for this test.
TEXT = ("صرّح رئيس البلدية خالد النمر مساء الاثنين بأن الجسر الجديد سيفتتح في أيار 2026.\n"
        "وقالت نقابة المهندسين إن الأعمال تأخرت بسبب نقص الإسمنت في الأسواق.")


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    db = tmp_path / "team.sqlite"
    add_documents(db, [("bridge", "الجسر الجديد", TEXT), ("other", "وثيقة أخرى", "نص قصير للتجربة فقط.")])
    p = Project.open(db)
    try:
        team.add_annotator(p, "alice")
        team.add_annotator(p, "bob")
        team.add_annotator(p, "dana")
        team.add_annotator(p, "carol", "adjudicator")
        # both: the mayor as ACTOR (agreed); the date: alice DATE, bob CLAIM (label);
        # the union's claim: only alice (missing); boundary: alice "خالد النمر", bob "رئيس البلدية خالد النمر" as ACTOR
        p.add_span("bridge", "alice", *at("نقابة المهندسين"), "ACTOR")
        p.add_span("bridge", "bob", *at("نقابة المهندسين"), "ACTOR")
        p.add_span("bridge", "alice", *at("خالد النمر"), "ACTOR")
        p.add_span("bridge", "bob", *at("رئيس البلدية خالد النمر"), "ACTOR")
        p.add_span("bridge", "alice", *at("أيار 2026"), "DATE")
        p.add_span("bridge", "bob", *at("أيار 2026"), "CLAIM")
        p.add_span("bridge", "alice", *at("الأعمال تأخرت بسبب نقص الإسمنت"), "CLAIM")
    finally:
        p.close()
    return db


def open_view(qtbot, db: Path, who: str = "carol", threaded: bool = True):  # type: ignore[no-untyped-def]
    from annotator.gui.adjudication import open_adjudication

    project = Project.open(db)
    win = open_adjudication(None, project, "bridge", who, threaded=threaded)
    if win is None:
        project.close()
        return None
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.loaded_state is not None, timeout=10000)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def gold_of(db: Path) -> list[tuple[int, int, str, dict]]:
    p = Project.open(db)
    try:
        return [(s.start, s.end, s.label, prov) for s, prov in gold_spans(p, "bridge", "carol")]
    finally:
        p.close()


def test_panes_and_disagreements_side_by_side(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    assert [p.name for p in win.version_panes] == ["alice", "bob"]
    assert win.gold_pane.objectName() == "goldPane"
    kinds = [win.model.row_texts(i)[1] for i in range(win.model.rowCount())]
    assert kinds == ["boundary", "label", "missing"]
    # the first one is selected and marked in every pane at once
    assert win.current == 0
    d = win.disagreements[0]
    assert all(p.editor.marked == (d.start, d.end) for p in win.panes)
    row = win.model.row_texts(1)
    assert row[4:6] == ["DATE", "CLAIM"] and row[3] == "أيار 2026"
    # each pane shows only its annotator's spans
    assert {s.label for s in win.version_panes[1].editor.state.spans} == {"ACTOR", "CLAIM"}
    assert len(win.version_panes[0].editor.state.spans) == 4


def test_keyboard_navigation_accept_undo_redo(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_N)
    assert win.current == 1
    assert all(p.editor.marked == at("أيار 2026") for p in win.panes)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert win.current == 0
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_F8)
    assert win.current == 1
    # Alt+2: bob's version (CLAIM) of the date; the view goes on to the next disagreement
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert win.current == 2
    stored = gold_of(team_db)
    assert [(a, b, lab) for a, b, lab, _ in stored] == [(*at("أيار 2026"), "CLAIM")]
    prov = stored[0][3]
    assert prov["method"] == "accepted" and prov["source"] == "bob" and prov["by"] == "carol"
    assert prov["proposed_by"] == ["bob"] and prov["at"]
    assert win.model.row_texts(1)[-1] == "✓ accepted bob"
    assert [s.label for s in win.gold_pane.editor.state.spans] == ["CLAIM"]
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert gold_of(team_db) == [] and len(win.gold.spans) == 0
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [lab for _a, _b, lab, _p in gold_of(team_db)] == ["CLAIM"]


def test_accept_agreed_with_threshold_and_reopen(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    stored = gold_of(team_db)
    assert [(a, b, lab) for a, b, lab, _ in stored] == [(*at("نقابة المهندسين"), "ACTOR")]
    assert stored[0][3]["method"] == "agreed" and stored[0][3]["proposed_by"] == ["alice", "bob"]
    assert stored[0][3]["threshold"] == "unanimous"
    # decide the boundary by keyboard: alice's shorter name
    win.go_to(0)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    # the provenance of a selected gold span is shown as plain text
    span = next(s for s in win.gold.spans if (s.start, s.end) == at("خالد النمر"))
    win.gold_pane.editor.select_span(span)
    assert "Proposed by alice" in win.provenance_label.text()
    assert "alice's version" in win.provenance_label.text() and "by carol" in win.provenance_label.text()
    win.close()
    again = open_view(qtbot, team_db)
    assert {(s.start, s.end, s.label) for s in again.gold_pane.editor.state.spans} == {
        (*at("نقابة المهندسين"), "ACTOR"), (*at("خالد النمر"), "ACTOR")}
    assert again.model.row_texts(0)[-1] == "✓ accepted alice"


def test_edit_gold_by_hand(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    ed = win.gold_pane.editor
    from tests.gui.conftest import select_text

    select_text(ed, "الجسر الجديد")
    qtbot.keyClick(ed, Qt.Key.Key_2)  # ACTOR
    stored = gold_of(team_db)
    assert [(a, b, lab) for a, b, lab, _ in stored] == [(*at("الجسر الجديد"), "ACTOR")]
    assert stored[0][3]["method"] == "edited" and stored[0][3]["proposed_by"] == []
    assert ed.selected_span() is not None
    qtbot.keyClick(ed, Qt.Key.Key_1)  # relabel CLAIM
    assert [lab for _a, _b, lab, _p in gold_of(team_db)] == ["CLAIM"]
    qtbot.keyClick(ed, Qt.Key.Key_Delete)
    assert gold_of(team_db) == []
    qtbot.keyClick(ed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [lab for _a, _b, lab, _p in gold_of(team_db)] == ["CLAIM"]
    # a selection in an annotator's pane tags gold too (the text is the same)
    select_text(win.version_panes[0].editor, "نقص الإسمنت")
    qtbot.keyClick(win.version_panes[0].editor, Qt.Key.Key_1)
    assert (*at("نقص الإسمنت"), "CLAIM") in [(a, b, lab) for a, b, lab, _ in gold_of(team_db)]
    assert len(win.version_panes[0].editor.state.spans) == 4  # alice's version is untouched


def test_three_annotators_majority(qtbot, team_db: Path) -> None:
    p = Project.open(team_db)
    try:
        p.add_span("bridge", "dana", *at("أيار 2026"), "DATE")
    finally:
        p.close()
    win = open_view(qtbot, team_db, threaded=False)
    assert [pn.name for pn in win.version_panes] == ["alice", "bob", "dana"]
    win.threshold.setCurrentIndex(1)  # majority
    win.agreed_button.click()
    got = {(a, b, lab): prov for a, b, lab, prov in gold_of(team_db)}
    assert (*at("أيار 2026"), "DATE") in got and got[(*at("أيار 2026"), "DATE")]["threshold"] == "majority"
    assert (*at("نقابة المهندسين"), "ACTOR") in got


def test_annotators_are_refused_politely(qtbot, team_db: Path) -> None:
    from PySide6.QtWidgets import QWidget

    from annotator.gui.adjudication import open_adjudication

    parent = QWidget()
    qtbot.addWidget(parent)
    project = Project.open(team_db)
    try:
        assert open_adjudication(parent, project, "bridge", "alice") is None
        assert "adjudicators and managers" in parent.last_message.text()
        parent.last_message.close()
    finally:
        project.close()


def gold_value(db: Path) -> object:
    p = Project.open(db)
    try:
        return next(s for s, _p in gold_spans(p, "bridge", "carol")).attrs.get("value")
    finally:
        p.close()


def test_gold_attributes_edited_by_hand_in_the_gold_span_inspector(qtbot, team_db: Path) -> None:
    from PySide6.QtWidgets import QLineEdit

    win = open_view(qtbot, team_db)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_N)  # the date: alice DATE, bob CLAIM
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # alice's DATE
    editor = win.gold_pane.editor
    date = next(iter(win.gold.spans))
    editor.setFocus()
    editor.select_span(date, scroll=False)
    inspector = win.inspector
    assert inspector.span is not None and inspector.span.id == date.id
    # Enter in the gold pane accepts the proposal; with no publication date, "أيار 2026" is 2026-05
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    [(_s, _e, _label, prov)] = gold_of(team_db)
    assert gold_value(team_db) == "2026-05"
    assert prov["attrs"]["value"]["method"] == "edited" and prov["attrs"]["value"]["by"] == "carol"
    # typed by hand in the inspector (F2 goes there); a value the schema refuses is refused, nothing stored
    qtbot.keyClick(editor, Qt.Key.Key_F2)
    field = inspector.findChild(QLineEdit, "attr_DATE_value")
    field.setText("next spring")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert "Refused" in inspector.message.text()
    assert gold_value(team_db) == "2026-05"
    field.setText("2026-SP")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert gold_value(team_db) == "2026-SP"
    assert inspector.span.attrs["value"] == "2026-SP"  # the inspector shows what is stored
    win.undo()
    assert gold_value(team_db) == "2026-05"


def test_an_annotators_pane_can_be_hidden_from_the_view_menu(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    action = win.findChild(type(win.actions_by_id["adj.next"]), "view.pane_2")
    assert action is not None and action.isChecked() and win.version_panes[1].isVisible()
    action.trigger()
    assert not win.version_panes[1].isVisible() and win.version_panes[0].isVisible()
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_N)  # the view works on without it
    assert win.current == 1
    action.trigger()
    assert win.version_panes[1].isVisible()
