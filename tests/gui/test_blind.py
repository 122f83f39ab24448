"""Blind work in the main window: the label, only one's own spans, gold after done, time spent, the queue."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.core.values import SetStatus
from annotator.gui.team.team_ui import BLIND_TEXT
from annotator.services import team
from annotator.services.adjudication import AcceptVersion, adjudication_state
from annotator.services.project import Project

CLAIM_NEEDLE = "سامر عويدات"
DATE_NEEDLE = "يوم الخميس"


@pytest.fixture
def blind_db(db_path: Path) -> Path:
    p = Project.open(db_path)
    try:
        team.add_annotator(p, "alice")
        team.add_annotator(p, "bob")
        team.add_annotator(p, "carol", "adjudicator")
        text = p.document("a-claims").text
        s = text.index(CLAIM_NEEDLE)
        p.add_span("a-claims", "alice", s, s + len(CLAIM_NEEDLE), "ACTOR")
        d = text.index(DATE_NEEDLE)
        p.add_span("a-claims", "bob", d, d + len(DATE_NEEDLE), "DATE")
        p.add_span("a-claims", "bob", s, s + len(CLAIM_NEEDLE), "CLAIM")
    finally:
        p.close()
    return db_path


def test_blind_label_and_only_own_spans(open_window, blind_db: Path) -> None:
    win = open_window(blind_db, ["a-claims", "b-wheat"], annotator="alice")
    label = win.findChild(type(win.who), "blindLabel")
    assert label is not None and label.text() == BLIND_TEXT and label.isVisible()
    pane = win.area.panes[0]
    spans = list(pane.editor.state.spans)
    assert [(s.label) for s in spans] == ["ACTOR"]  # bob's DATE and CLAIM are never shown
    listed = [win.spans_dock.model.data(win.spans_dock.model.index(r, 0))
              for r in range(win.spans_dock.model.rowCount())]
    assert listed == ["ACTOR"]


def test_adjudicators_are_not_blind(open_window, blind_db: Path) -> None:
    win = open_window(blind_db, ["a-claims"], annotator="carol")
    assert win.findChild(type(win.who), "blindLabel").text() == "Role: adjudicator"


def test_someone_not_in_the_team_works_blind(open_window, blind_db: Path) -> None:
    win = open_window(blind_db, ["a-claims"], annotator="zoe")
    assert win.findChild(type(win.who), "blindLabel").text() == BLIND_TEXT
    assert len(win.area.panes[0].editor.state.spans) == 0


def test_gold_difference_only_after_done(open_window, blind_db: Path) -> None:
    p = Project.open(blind_db)
    try:
        state = adjudication_state(p, "a-claims", "carol")
        d = next(x for x in state.disagreements if x.kind.value == "label")
        AcceptVersion("a-claims", "carol", d, "bob", diff=state.diff).do(p)
    finally:
        p.close()
    win = open_window(blind_db, ["a-claims"], annotator="alice")
    win.team.actions["team.gold_diff"].trigger()
    assert "once their own work on it is marked done" in win.last_message.text()
    win.last_message.close()
    win.controller.set_status("a-claims", SetStatus.DONE)
    win.team.actions["team.gold_diff"].trigger()
    dialog = win.team.windows[-1]
    assert dialog.objectName() == "goldDiffDialog"
    rows = dialog.rows()
    assert rows and rows[0][4:6] == ["ACTOR", "CLAIM"]  # mine, then gold's
    assert "alice" in dialog.model.headers and "Gold" in dialog.model.headers
    assert "Corrections: " in dialog.summary.text()


def test_time_spent_is_stored_and_listed(open_window, blind_db: Path) -> None:
    win = open_window(blind_db, ["a-claims"], annotator="alice")
    tracker = win.team.tracker
    now = [1000.0]
    tracker.clock = lambda: now[0]
    tracker.since, tracker.pending = now[0], 0.0
    tracker.check()
    now[0] += 42.4
    tracker.check(force_save=True)
    model = win.documents_dock.model
    row = model.row_of("a-claims")
    assert model.data(model.index(row, 4)) == "42 s"
    now[0] += 20
    win.close()  # closing stores the rest
    p = Project.open(blind_db)
    try:
        got = {x.document_id: x.time_spent_seconds for x in team.progress(p, annotators=["alice"])}
    finally:
        p.close()
    assert got["a-claims"] == 62


def test_next_assigned_document(open_window, blind_db: Path) -> None:
    p = Project.open(blind_db)
    try:
        team.assign(p, ["c-vote", "b-wheat"], ["alice"])
    finally:
        p.close()
    win = open_window(blind_db, ["a-claims"], annotator="alice")
    win.team.actions["team.next_assigned"].trigger()
    assert win.area.active.document_id == "c-vote"
    win.team.actions["team.next_assigned"].trigger()
    assert win.area.active.document_id == "b-wheat"


def test_an_annotators_document_list_shows_their_assignments(open_window, blind_db: Path) -> None:
    p = Project.open(blind_db)
    try:
        team.assign(p, ["c-vote", "b-wheat"], ["alice"])
        every = sorted(d.id for d in p.documents())
    finally:
        p.close()
    win = open_window(blind_db, annotator="alice")  # no documents named: the panes open her assignments
    dock = win.documents_dock
    assert sorted(dock.visible_ids()) == ["b-wheat", "c-vote"] and dock.scope.isVisible()
    assert sorted(d for d in win.area.document_ids() if d) == ["b-wheat", "c-vote"]
    dock.scope.setCurrentIndex(dock.scope.findData(""))  # "All documents"
    assert sorted(dock.visible_ids()) == every
    # an adjudicator sees every document at first; someone without assignments has no scope box
    carol = open_window(blind_db, annotator="carol")
    assert sorted(carol.documents_dock.visible_ids()) == every and not carol.documents_dock.scope.isVisible()
    bob = open_window(blind_db, annotator="bob")
    assert sorted(bob.documents_dock.visible_ids()) == every and not bob.documents_dock.scope.isVisible()


def test_adjudicate_action_refuses_annotators_and_opens_for_adjudicators(open_window, blind_db: Path, qtbot) -> None:
    win = open_window(blind_db, ["a-claims"], annotator="alice")
    win.team.actions["team.adjudicate"].trigger()
    assert "adjudicators and managers" in win.last_message.text()
    win.last_message.close()
    win.close()
    boss = open_window(blind_db, ["a-claims"], annotator="carol")
    boss.team.actions["team.adjudicate"].trigger()
    view = boss.team.windows[-1]
    assert view.objectName() == "adjudicationWindow"
    qtbot.waitUntil(lambda: view.loaded_state is not None, timeout=10000)
    assert [p.name for p in view.version_panes] == ["alice", "bob"]
    assert view.model.rowCount() >= 2
    qtbot.keyClick(view.gold_pane.editor, Qt.Key.Key_N)
