"""Managers assign documents and add annotators in a dialog; others are told politely."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.services import team
from annotator.services.project import Project


def setup_team(db: Path) -> None:
    p = Project.open(db)
    try:
        team.add_annotator(p, "meg", "manager")
        team.add_annotator(p, "alice")
    finally:
        p.close()


def check_document(dialog, doc_id: str) -> None:  # type: ignore[no-untyped-def]
    """Tick *doc_id*'s box as a click on it does."""
    model = dialog.doc_model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0), Qt.ItemDataRole.UserRole) == doc_id)
    assert model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(model.index(row, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)


def check(widget, value: str) -> None:  # type: ignore[no-untyped-def]
    for i in range(widget.count()):
        if widget.item(i).data(Qt.ItemDataRole.UserRole) == value:
            widget.item(i).setCheckState(Qt.CheckState.Checked)
            return
    raise AssertionError(value)


def test_manager_adds_an_annotator_and_assigns(open_window, db_path: Path, qtbot) -> None:
    setup_team(db_path)
    win = open_window(db_path, ["a-claims"], annotator="meg")
    win.team.actions["team.assign"].trigger()
    dialog = win.team.windows[-1]
    assert dialog.objectName() == "assignDialog"
    assert dialog.doc_model.checked_ids() == ["a-claims"]  # the active document is chosen
    dialog.new_name.setText("<b>نور</b>")  # any name, shown as plain text
    dialog.new_role.setCurrentIndex(dialog.new_role.findData("adjudicator"))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert dialog.result_label.text() == "Added <b>نور</b> as adjudicator"
    assert dialog.checked(dialog.annotators) == ["<b>نور</b>"]
    check(dialog.annotators, "alice")
    check_document(dialog, "c-vote")
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    assert dialog.result_label.text() == "Assigned: 4 new, 0 already there"
    p = Project.open(db_path)
    try:
        got = team.assignments(p)
        roles = {i.name: i.role.value for i in team.list_annotators(p)}
    finally:
        p.close()
    assert sorted(got["a-claims"]) == ["<b>نور</b>", "alice"] and sorted(got["c-vote"]) == ["<b>نور</b>", "alice"]
    assert roles["<b>نور</b>"] == "adjudicator"
    dialog.new_name.setText("alice")
    dialog.add_annotator()
    assert dialog.result_label.text().startswith("Not added: there is already an annotator named 'alice'")


def test_annotators_cannot_assign(open_window, db_path: Path) -> None:
    setup_team(db_path)
    win = open_window(db_path, ["a-claims"], annotator="alice")
    win.team.actions["team.assign"].trigger()
    assert "for managers" in win.last_message.text()
    win.last_message.close()
