"""The agreement window shows the figures of compute_agreement, with bars, and exports them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.agreement import ALL
from annotator.gui.agreement.agreement_window import VALUE_ROLE, AgreementWindow, BarDelegate
from annotator.services import team
from annotator.services.agreement import compute_agreement
from annotator.services.agreement_report import render_csv
from annotator.services.project import Project
from tests.gui.conftest import add_documents

# Written for this test.
TEXT = ("أكد مدير الميناء هشام الراوي صباح الأحد أن السفن ستدخل الرصيف الشرقي ابتداءً من حزيران.\n"
        "ورد اتحاد النقل البحري بأن القرار يحتاج إلى موافقة مجلس الإدارة.")


def at(needle: str) -> tuple[int, int]:
    s = TEXT.index(needle)
    return s, s + len(needle)


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "agree.sqlite"
    add_documents(db, [("port", "الميناء", TEXT)])
    p = Project.open(db)
    for name, role in (("alice", "annotator"), ("bob", "annotator"), ("dana", "annotator"), ("meg", "manager")):
        team.add_annotator(p, name, role)
    for who in ("alice", "bob", "dana"):
        p.add_span("port", who, *at("هشام الراوي"), "ACTOR")
    p.add_span("port", "alice", *at("صباح الأحد"), "DATE")
    p.add_span("port", "bob", *at("صباح الأحد"), "DATE")
    p.add_span("port", "dana", *at("حزيران"), "DATE")
    p.add_span("port", "alice", *at("السفن ستدخل الرصيف الشرقي"), "CLAIM")
    p.add_span("port", "bob", *at("اتحاد النقل البحري"), "ACTOR")
    yield p
    p.close()


def test_figures_equal_compute_agreement(qtbot, project: Project) -> None:
    expected = compute_agreement(project)
    win = AgreementWindow(project)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.report is not None, timeout=10000)
    labels = [*expected.labels, ALL]
    # all annotators together: alpha per label, as a bar
    assert win.model.headers[1].startswith("Alpha")
    for r, lab in enumerate(labels):
        assert win.model.data(win.model.index(r, 0)) == lab
        assert win.model.data(win.model.index(r, 1), VALUE_ROLE) == expected.alpha.get(lab)
    assert isinstance(win.table.itemDelegateForColumn(1), BarDelegate)
    # every pair: exact and overlap F1, kappa, counts
    assert win.scope.count() == 1 + len(expected.pairs) + 1  # and the suggestions against gold
    for i, pair in enumerate(expected.pairs):
        win.scope.setCurrentIndex(i + 1)
        for r, lab in enumerate(labels):
            row = win.model.rows[r]
            c = pair.spans[lab]
            assert row == [lab, c.exact_f1, c.overlap_f1, pair.kappa.get(lab), c.both, c.label_differs,
                           c.boundary_differs, c.only_a, c.only_b]
    assert "alice" in win.summary.text()
    win.grab()  # the bars paint


def test_export_json_and_csv(qtbot, project: Project, tmp_path: Path) -> None:
    win = AgreementWindow(project, threaded=False)
    qtbot.addWidget(win)
    assert win.report is not None
    data = json.loads(win.export(tmp_path / "a.json", "json").read_text(encoding="utf-8"))
    assert data["annotators"] == ["alice", "bob", "dana"]
    assert (tmp_path / "a.csv").exists() is False
    win.export(tmp_path / "a.csv", "csv")
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == render_csv(compute_agreement(project))
    assert not list(tmp_path.glob(".agreement-*"))
    from annotator.services.export.datasets import current_umask  # the umask's mode, not mkstemp's 0600

    assert (tmp_path / "a.csv").stat().st_mode & 0o777 == 0o666 & ~current_umask()


def test_too_few_annotators_says_so(qtbot, tmp_path: Path) -> None:
    db = tmp_path / "one.sqlite"
    add_documents(db, [("port", "الميناء", TEXT)])
    p = Project.open(db)
    try:
        win = AgreementWindow(p, threaded=False)
        qtbot.addWidget(win)
        assert win.report is None and "at least two annotators" in win.summary.text()
        assert not win.json_button.isEnabled()
    finally:
        p.close()


def test_opened_from_the_team_menu(open_window, project: Project, qtbot) -> None:
    path = project.database.display_url
    win = open_window(path.replace("sqlite:///", ""), ["port"], annotator="meg")
    win.team.actions["team.agreement"].trigger()
    agreement = win.team.windows[-1]
    qtbot.waitUntil(lambda: agreement.report is not None, timeout=10000)
    assert agreement.objectName() == "agreementWindow"


def test_the_suggestions_scores_against_gold_are_one_choice_away(qtbot, project: Project) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from annotator.core.values import SetStatus
    from annotator.services.entities import CreateEntity
    from annotator.services.suggestions import evaluate

    project.set_status("port", "alice", SetStatus.DONE)
    CreateEntity("meg", "هشام الراوي", "person").do(project)
    expected = evaluate(project)
    win = AgreementWindow(project, threaded=False)
    qtbot.addWidget(win)
    win.show()
    win.scope.setFocus()
    qtbot.keyClick(win.scope, Qt.Key.Key_End)  # the last choice, from the keyboard
    assert win.scope.currentText().startswith("Suggestions against gold")
    assert list(win.model.headers[:4]) == ["Recommender · label", "Exact F1", "Exact P", "Exact R"]
    rows = {win.model.data(win.model.index(r, 0)): r for r in range(win.model.rowCount())}
    row = rows["entities · ACTOR"]
    scores = expected.scores["entities"]["ACTOR"]
    assert (scores.gold, scores.predicted, scores.exact) == (1, 1, 1)
    assert win.model.data(win.model.index(row, 1), VALUE_ROLE) == scores.exact_f1 == 1.0
    assert "against done sets of 1 document" in win.summary.text()
