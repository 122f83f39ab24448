"""The window on a project that cannot be opened: a message box, another project or quit
(issue 10, item 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from annotator.gui import app as app_module
from annotator.gui.common import dialogs
from annotator.gui.common.settings import Settings
from annotator.services.project import Project
from tests.gui.conftest import add_documents

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def startup(qapp, qtbot, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ANNOTATOR_USER", "carol")
    monkeypatch.setattr(dialogs, "offer_samples", lambda *a: False)
    made: list[app_module.Startup] = []

    def start(db: str) -> app_module.Startup:
        s = app_module.Startup(db, Settings())
        s.start()
        made.append(s)
        return s

    yield start
    for s in made:
        for w in (s.opener.box, s.opener.file_dialog, s.window):
            if w is not None:
                w.close()
    QApplication.setQuitOnLastWindowClosed(True)


def _visible_box(qtbot, startup_):  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: startup_.opener.box is not None and startup_.opener.box.isVisible())
    box = startup_.opener.box
    label = box.findChild(QLabel, "qt_msgbox_label")
    return box, label


def test_a_project_in_a_missing_folder_shows_a_message_box_then_another_project_opens(
        startup, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "no-such-folder" / "team.sqlite"
    s = startup(str(bad))
    box, label = _visible_box(qtbot, s)
    assert s.window is None and s.exit_code is None
    # the message is drawn: a visible label inside the box with the path and the reason
    assert label.isVisible() and f"{bad.parent} does not exist" in label.text() and str(bad) in label.text()
    top_left = label.mapTo(box, QPoint(0, 0))
    assert box.rect().contains(top_left) and label.width() > 100 and label.height() > 20
    assert box.choose_button.isVisible() and box.quit_button.isVisible()
    assert not QApplication.quitOnLastWindowClosed()  # closing the box must not end the program

    qtbot.mouseClick(box.choose_button, LEFT)
    qtbot.waitUntil(lambda: s.opener.file_dialog is not None and s.opener.file_dialog.isVisible())
    dialog = s.opener.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.directory().absolutePath() == str(tmp_path)
    good = tmp_path / "good.sqlite"
    add_documents(good, [("d1", "خبر", "قال الوزير إن المعبر سيفتح.")])
    dialog.selectFile(str(good))
    dialog.accept()
    qtbot.waitUntil(lambda: s.window is not None and s.window.isVisible())
    assert s.window.area.document_ids()[0] == "d1" and s.exit_code is None
    assert QApplication.quitOnLastWindowClosed()
    assert not bad.parent.exists()


@pytest.mark.parametrize("case", ["a directory", "not a database", "newer version"])
def test_quit_ends_the_program_with_status_2_and_changes_nothing(startup, qtbot, tmp_path: Path,
                                                                 case: str) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    if case == "a directory":
        db, says = tmp_path, "is a folder"
    elif case == "not a database":
        db, says = tmp_path / "notes.sqlite", "not a SQLite database"
        db.write_text("not a database\n" * 100)
    else:
        db, says = tmp_path / "future.sqlite", "newer version of annotator"
        Project.open(db).close()
        con = sqlite3.connect(db)
        con.execute("UPDATE alembic_version SET version_num = '9999_future'")
        con.commit()
        con.close()
    before = sorted((p.name, p.stat().st_size) for p in tmp_path.iterdir())
    s = startup(str(db))
    box, label = _visible_box(qtbot, s)
    assert says in label.text()
    qtbot.mouseClick(box.quit_button, LEFT)
    qtbot.waitUntil(lambda: s.exit_code is not None)
    assert s.exit_code == 2 and s.window is None
    assert sorted((p.name, p.stat().st_size) for p in tmp_path.iterdir()) == before


def test_cancelling_the_file_dialog_asks_again_and_markup_in_the_message_stays_text(
        startup, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "<b>bold</b>" / "p.sqlite"
    s = startup(str(bad))
    box, label = _visible_box(qtbot, s)
    assert "<b>bold</b>" in label.text() and label.textFormat() == Qt.TextFormat.PlainText
    qtbot.mouseClick(box.choose_button, LEFT)
    qtbot.waitUntil(lambda: s.opener.file_dialog is not None and s.opener.file_dialog.isVisible())
    s.opener.file_dialog.reject()
    qtbot.waitUntil(lambda: s.opener.box is not box and s.opener.box is not None and s.opener.box.isVisible())
    assert s.exit_code is None and s.window is None


def test_run_returns_2_when_the_user_quits(qapp, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """``run`` (what ``annotator --db …`` calls) with the event loop replaced by a click on
    Quit: the loop is told to end with status 2, which ``run`` returns."""
    from PySide6.QtCore import QCoreApplication

    told: list[int] = []

    def fake_exec(*_args) -> int:
        box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "projectErrorBox" and w.isVisible())
        box.quit_button.click()
        return told[-1]

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    monkeypatch.setattr(QCoreApplication, "exit", staticmethod(lambda code=0: told.append(code)))
    assert app_module.run(str(tmp_path / "missing" / "p.sqlite")) == 2
    assert told == [2] and QApplication.quitOnLastWindowClosed()
    assert not (tmp_path / "missing").exists()
