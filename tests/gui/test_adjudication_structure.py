"""Relations and links in the adjudication view: drawn in every pane, compared, accepted and
added to gold by hand through the keyboard, stored with provenance, undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.core.adjudication import Kind
from annotator.services import team
from annotator.services.adjudication import AddGoldSpan, adjudication_state
from annotator.services.links import AddLink
from annotator.services.project import Project
from annotator.services.relations import AddRelation
from tests.gui.conftest import add_documents

# Written for this test.
TEXT = ("صرّح رئيس البلدية خالد النمر مساء الاثنين بأن الجسر الجديد سيفتتح في أيار 2026.\n"
        "وقالت نقابة المهندسين إن الأعمال تأخرت بسبب نقص الإسمنت في الأسواق.")
OTHER = "نقلت الإذاعة المحلية أن افتتاح الجسر الجديد سيكون في الربيع المقبل."


def at(needle: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


CLAIM = at("الجسر الجديد سيفتتح في أيار 2026")
MAYOR = at("رئيس البلدية خالد النمر")
OTHER_CLAIM = at("افتتاح الجسر الجديد سيكون في الربيع المقبل", OTHER)


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    """alice and bob tag the same claim and mayor; alice says the mayor is its SOURCE, bob its TARGET;
    alice also links her claim to the other outlet's report of it."""
    db = tmp_path / "team.sqlite"
    add_documents(db, [("bridge", "الجسر الجديد", TEXT), ("radio", "الإذاعة", OTHER)])
    p = Project.open(db)
    try:
        for name in ("alice", "bob"):
            team.add_annotator(p, name)
        team.add_annotator(p, "carol", "adjudicator")
        ids = {}
        for who, rtype in (("alice", "SOURCE"), ("bob", "TARGET")):
            claim = p.add_span("bridge", who, *CLAIM, "CLAIM").id
            mayor = p.add_span("bridge", who, *MAYOR, "ACTOR").id
            AddRelation("bridge", who, rtype, claim, mayor).do(p)
            ids[who] = claim
        theirs = p.add_span("radio", "alice", *OTHER_CLAIM, "CLAIM").id
        AddLink("alice", "SAME_CLAIM", "bridge", ids["alice"], "radio", theirs).do(p)
        AddGoldSpan("radio", "carol", *OTHER_CLAIM, "CLAIM").do(p)  # the other article is adjudicated already
    finally:
        p.close()
    return db


def open_view(qtbot, db: Path):  # type: ignore[no-untyped-def]
    from annotator.gui.adjudication import open_adjudication

    project = Project.open(db)
    win = open_adjudication(None, project, "bridge", "carol")
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.loaded_state is not None, timeout=10000)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win


def painted(win, pane):  # type: ignore[no-untyped-def]
    """Repaint a pane now and say what its overlay drew: (badges, arcs)."""
    pane.editor.viewport().repaint()
    overlay = win.structure.overlays[pane]
    return list(overlay.painted_badges), list(overlay.painted_arcs)


def stored(db: Path, doc: str = "bridge"):  # type: ignore[no-untyped-def]
    p = Project.open(db)
    try:
        return adjudication_state(p, doc, "carol", annotators=["alice", "bob"])
    finally:
        p.close()


def go_to_kind(qtbot, win, kind: Kind) -> None:  # type: ignore[no-untyped-def]
    for _ in range(win.model.rowCount()):
        if win.disagreements[win.current].kind is kind:
            return
        win.next_disagreement()  # what N does (the keys are tested in test_adjudication_view)
    raise AssertionError(f"no {kind.value} disagreement")


def test_each_version_draws_its_own_relation_and_link(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    alice, bob = win.version_panes
    # badges: alice's claim heads a SOURCE (S) and carries link 1; bob's claim heads a TARGET (A)
    assert {text for _id, text in painted(win, alice)[0]} == {"S", "1"}
    assert {text for _id, text in painted(win, bob)[0]} == {"A"}
    assert painted(win, win.gold_pane) == ([], [])
    # the relation disagreement selects each version's claim in its pane, so both arcs are drawn side by side
    go_to_kind(qtbot, win, Kind.RELATION)
    assert alice.editor.selected_span().label == bob.editor.selected_span().label == "CLAIM"
    assert len(painted(win, alice)[1]) == 1 and len(painted(win, bob)[1]) == 1
    rows = win.model.row_texts(win.current)
    assert rows[4:6] == ["SOURCE → \u2068رئيس البلدية خالد النمر\u2069", "TARGET → \u2068رئيس البلدية خالد النمر\u2069"]
    # a version's tool tip names the relation and the link
    lines = alice.editor.describe_span(alice.editor.selected_span())
    lines = [line.replace("\u2068", "").replace("\u2069", "") for line in lines]  # bidi isolates around the text
    assert "SOURCE → رئيس البلدية خالد النمر" in lines and any("SAME_CLAIM" in line for line in lines)


def test_accepting_a_relation_draws_it_in_gold_and_lists_it(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    go_to_kind(qtbot, win, Kind.RELATION)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # bob's TARGET
    assert [(r.type, r.head, r.tail) for r in stored(team_db).gold.relations] == [("TARGET", CLAIM, MAYOR)]
    assert win.structure.relations_dock.model.rowCount() == 1
    claim = next(s for s in win.gold.spans if s.label == "CLAIM")
    win.gold_pane.editor.select_span(claim, scroll=False)
    badges, arcs = painted(win, win.gold_pane)
    assert ("A" in {t for _i, t in badges}) and len(arcs) == 1


def test_a_gold_relation_by_hand_with_the_relation_key_then_delete_and_undo(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    for rng, label in ((CLAIM, "CLAIM"), (MAYOR, "ACTOR")):
        win.gold.run(AddGoldSpan("bridge", "carol", *rng, label))
    claim = next(s for s in win.gold.spans if s.label == "CLAIM")
    editor = win.gold_pane.editor
    editor.setFocus()
    editor.select_span(claim, scroll=False)
    qtbot.keyClick(editor, Qt.Key.Key_S)  # SOURCE: the picker offers the gold actors, nearest first
    picker = win.structure.tool.picker
    assert picker is not None and len(picker.candidate_ids()) == 1
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    state = stored(team_db)
    [rel] = state.gold.relations
    assert (rel.type, rel.head, rel.tail) == ("SOURCE", CLAIM, MAYOR)
    prov = state.gold_provenance[rel.id]
    assert (prov["method"], prov["proposed_by"], prov["by"]) == ("edited", ["alice"], "carol")
    dock = win.structure.relations_dock
    assert dock.model.rowCount() == 1 and "edited by hand" not in dock.model.index(0, 0).data()
    assert "Proposed by alice" in " ".join(editor.describe_span(claim))
    # Delete in the Gold relations list removes it; Ctrl+Z brings it back
    dock.select_relation(rel.id)
    dock.view.setFocus()
    QApplication.sendEvent(dock.view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete,
                                                 Qt.KeyboardModifier.NoModifier))
    assert stored(team_db).gold.relations == [] and dock.model.rowCount() == 0
    assert len(win.gold.spans) == 2  # the spans stay
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(stored(team_db).gold.relations) == 1 and dock.model.rowCount() == 1


def test_a_gold_link_by_hand_with_ctrl_l_to_another_documents_gold(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    win.gold.run(AddGoldSpan("bridge", "carol", *CLAIM, "CLAIM"))
    editor = win.gold_pane.editor
    editor.setFocus()
    editor.select_span(next(iter(win.gold.spans)), scroll=False)
    qtbot.keyClick(editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = win.structure.link_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)  # the keys go to the dialog now
    assert dialog.document_id == "radio" and dialog.link_type.name == "SAME_CLAIM"
    assert dialog.list.count() == 1 and "افتتاح الجسر" in dialog.list.item(0).text()
    dialog.filter.setText("لا يوجد")  # a filter nothing matches: OK is off (QTest types ASCII only)
    assert not dialog.ok_button.isEnabled()
    dialog.filter.clear()
    dialog.list.setFocus()
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert win.gold.last_error is None and not dialog.isVisible()
    win.activateWindow()  # back to the view (offscreen, nothing gives it back by itself)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    editor.setFocus()
    state = stored(team_db)
    [link] = state.gold.links
    assert (link.type, link.source, link.target) == ("SAME_CLAIM", ("bridge", *CLAIM), ("radio", *OTHER_CLAIM))
    assert state.gold_provenance[link.id]["proposed_by"] == ["alice"]
    assert [t for _i, t in painted(win, win.gold_pane)[0]] == [str(win.structure.numbers[link.id])]
    assert win.structure.links_dock.model.rowCount() == 1
    # the link disagreement now finds gold equal to alice's version
    go_to_kind(qtbot, win, Kind.LINK)
    assert win.model.row_texts(win.current)[-1] == "✓ accepted alice"
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(team_db).gold.links == [] and win.structure.links_dock.model.rowCount() == 0


def test_ctrl_l_says_why_not_without_a_gold_span_or_other_gold(qtbot, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.structure.link_dialog is None
    assert "Select a gold span first" in win.statusBar().currentMessage()


def test_a_span_disagreement_after_a_relation_clears_the_versions_arcs(qtbot, team_db: Path) -> None:
    p = Project.open(team_db)
    try:
        p.add_span("bridge", "alice", *at("أيار 2026"), "DATE")  # only alice: a missing-span disagreement
    finally:
        p.close()
    win = open_view(qtbot, team_db)
    alice = win.version_panes[0]
    go_to_kind(qtbot, win, Kind.RELATION)
    assert alice.editor.selected_span() is not None and painted(win, alice)[1]
    win.go_to(next(i for i, d in enumerate(win.disagreements) if d.kind is Kind.MISSING))
    assert alice.editor.selected_span() is None and painted(win, alice)[1] == []
    assert alice.editor.marked == at("أيار 2026")
