"""File ▸ New Project…, Open Project…, Open Recent, and files dropped on the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from annotator.gui.common.settings import Settings
from annotator.resources import samples_dir
from tests.gui.conftest import add_documents


def _windows():  # type: ignore[no-untyped-def]
    from annotator.gui.annotation.window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_open_recent_lists_the_projects_opened_and_opens_one(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "first.annotator", tmp_path / "second.annotator"
    add_documents(first, [("a", "أ", "نص أول للاختبار.")])
    add_documents(second, [("b", "ب", "نص ثان للاختبار.")])
    win = open_window(first)
    win.close()
    win = open_window(second)
    assert Settings().recent_projects[:2] == [str(second.resolve()), str(first.resolve())]
    menu = win.project_files.recent_menu
    menu.aboutToShow.emit()
    actions = {a.objectName(): a for a in menu.actions()}
    assert not actions["recent.1"].isEnabled()  # the project shown now
    assert actions["recent.2"].statusTip() == str(first.resolve())
    actions["recent.2"].trigger()
    qtbot.waitUntil(lambda: any(w.project.database.url.database == str(first.resolve()) for w in _windows()))
    [shown] = _windows()
    assert shown.area.panes[0].document_id == "a"
    shown.close()


def test_new_project_makes_an_empty_project_file_and_opens_it(qtbot, open_window, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch) -> None:
    start = tmp_path / "start.annotator"
    add_documents(start, [("a", "أ", "نص أول للاختبار.")])
    win = open_window(start)
    made = tmp_path / "fresh"  # no suffix given: .annotator is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(made), ""))
    win.actions_by_id["file.new_project"].trigger()
    qtbot.waitUntil(lambda: (tmp_path / "fresh.annotator").is_file() and bool(_windows()))
    [shown] = _windows()
    assert shown.project.database.url.database == str(tmp_path / "fresh.annotator")
    from annotator.core.values import DocumentQuery

    assert shown.project.document_count(DocumentQuery()) == 0  # empty, ready for an import
    shown.close()


def test_files_dropped_on_the_window_are_imported_with_progress(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.annotator"
    add_documents(db, [("a", "أ", "نص أول للاختبار.")])
    win = open_window(db)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(samples_dir() / "01-alrased.txt")),
                  QUrl.fromLocalFile(str(samples_dir() / "02-baridalsahil.txt"))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, drop)
    assert win.import_dialog is not None  # the import dialog shows the progress
    qtbot.waitUntil(lambda: len(win.project.list_items(None, ["01-alrased", "02-baridalsahil"])) == 2,
                    timeout=30000)
    qtbot.waitUntil(lambda: "Imported 2 documents" in win.statusBar().currentMessage(), timeout=30000)
