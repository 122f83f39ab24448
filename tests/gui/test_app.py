"""Starting the program: the annotator's name asked once, the samples offered on an empty project."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.gui import app as app_module
from annotator.gui.common import dialogs
from annotator.gui.common.settings import Settings
from annotator.services.project import Project


def test_first_start_asks_the_name_once_and_offers_the_samples(qapp, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "empty.sqlite"
    asked: list[str] = []
    shown: list[object] = []

    def ask(parent, suggestion=""):  # type: ignore[no-untyped-def]
        asked.append(suggestion)
        return "carol"

    def fake_exec(*_args) -> int:  # the event loop: look at the window instead
        shown.extend(w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible())
        for w in shown:
            w.close()
        return 0

    monkeypatch.setattr(dialogs, "ask_annotator", ask)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert app_module.run(str(db)) == 0
    assert len(asked) == 1 and Settings().annotator == "carol"
    window = shown[0]
    assert window.controller.annotator == "carol"
    assert len(window.area.panes) == 2 and all(window.area.document_ids())
    project = Project.open(db)
    try:
        assert len(project.documents()) >= 2  # the sample articles
    finally:
        project.close()

    shown.clear()
    assert app_module.run(str(db)) == 0  # second start: no question
    assert len(asked) == 1
    assert shown[0].controller.annotator == "carol"
