"""File ▸ Import files… / Import folder… (issue 13): the same import as ``annotator import``,
in a worker thread, with a progress bar, Cancel, and the problems listed as plain text."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog

from annotator.gui.annotation import import_dialog
from annotator.gui.annotation.import_dialog import STEPS, ImportDialog
from annotator.services.imports import documents as import_documents
from annotator.storage import imports
from tests.conftest import db_snapshot
from tests.gui.conftest import press, select_text, stored_spans

# Short Arabic articles written for these tests.
ARTICLES = {
    "port.txt": "افتتح الميناء الجديد رصيفاً ثالثاً لاستقبال سفن الحاويات الكبيرة.\nوقال المدير إن العمل يبدأ غداً.",
    "rain.txt": "هطلت أمطار غزيرة على المدن الساحلية طوال ليلة الأحد.\nوحذرت الأرصاد من السيول في الأودية.",
    "school.txt": "بدأ العام الدراسي في المدارس الحكومية بعد تأخير دام أسبوعين.\nوعاد المعلمون إلى صفوفهم.",
}


def _folder(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in {**ARTICLES, **(extra or {})}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class Gate:
    """Holds the import (in its worker thread) after its *at*-th progress report until opened."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, at: int) -> None:
        self.opened, self.reached, self.at, self.calls = threading.Event(), threading.Event(), at, 0
        real = import_dialog.import_paths

        def held(project, paths, progress=None, **kwargs):  # type: ignore[no-untyped-def]
            def report(phase: str, done: int, total: int) -> None:
                progress(phase, done, total)
                self.calls += 1
                if self.calls == self.at:
                    self.reached.set()
                    self.opened.wait(20)
            return real(project, paths, progress=report, **kwargs)

        monkeypatch.setattr(import_dialog, "import_paths", held)


def _choose_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder)))


def _painted(widget) -> set[str]:  # type: ignore[no-untyped-def]
    """The colours painted in *widget*'s own rectangle (more than one: something is drawn)."""
    image = widget.grab().toImage()
    return {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}


def test_import_folder_shows_progress_then_lists_the_documents(qtbot, window, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    action = window.actions_by_id["file.import_folder"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+O") and action in window.menus["File"].actions()
    assert window.actions_by_id["file.import_files"].shortcut() == QKeySequence("Ctrl+O")
    _choose_folder(monkeypatch, _folder(tmp_path))
    gate = Gate(monkeypatch, at=1)  # held after the first of the three files is read
    action.trigger()
    dialog: ImportDialog = window.import_dialog
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    try:
        assert gate.reached.wait(20)
        qtbot.waitUntil(lambda: dialog.bar.value() > 0)
        assert dialog.bar.maximum() == STEPS and 0 < dialog.bar.value() < STEPS
        assert dialog.bar.text() == f"{100 * dialog.bar.value() // STEPS}%"  # what the bar paints
        text = dialog.status.text()
        assert text.startswith("importing ") and " bytes" in text and "/s" in text and "left" in text
        # the label is shown whole, inside the dialog, and painted
        label = dialog.status
        assert label.isVisible() and label.fontMetrics().horizontalAdvance(text) <= label.contentsRect().width()
        assert dialog.rect().contains(label.geometry()) and len(_painted(label)) > 1
        assert dialog.cancel_button.isEnabled() and not dialog.close_button.isEnabled()
        # the window answers meanwhile: back in it (the dialog is not modal), an edit in a pane is stored
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        pane = next(p for p in window.area.panes if p.document_id == "a-claims")
        start, end = select_text(pane.editor, "سامر عويدات")
        press(qtbot, pane.editor, Qt.Key.Key_2)
        assert stored_spans(db_path, "a-claims") == [(start, end, "ACTOR")]
    finally:
        gate.opened.set()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20_000)
    assert sorted(dialog.report.imported) == ["port", "rain", "school"]
    assert dialog.bar.value() == STEPS and dialog.status.text() == "Imported 3 documents with 0 spans"
    assert dialog.heading.text() == "Imported articles"
    assert window.statusBar().currentMessage() == "Imported 3 documents"
    model = window.documents_dock.model
    qtbot.waitUntil(lambda: model.rowCount() == 6)
    listed = {model.index(r, 0).data(Qt.ItemDataRole.DisplayRole) for r in range(model.rowCount())}
    assert {t.split("\n")[0] for t in ARTICLES.values()} <= listed
    dialog.close_button.click()
    qtbot.waitUntil(lambda: window.import_dialog is None)


def test_a_bad_file_imports_nothing_and_its_problem_is_shown(qtbot, window, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bad = ('{"id": "x1", "text": "نص أول"}\n{"id": "x2", "text": "نص <b>ثان</b>", "spans": [{"start": 0, "end": 99, '
           '"label": "ACTOR"}]}\n')
    folder = _folder(tmp_path, {"zz-more.jsonl": bad})
    _choose_folder(monkeypatch, folder)
    before = db_snapshot(db_path)
    window.actions_by_id["file.import_folder"].trigger()
    dialog: ImportDialog = window.import_dialog
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=20_000)
    assert dialog.report is None and dialog.problems.isVisible()
    assert dialog.problems.toPlainText().splitlines() == [
        "Nothing was imported: 1 problem(s):",
        (f"  {folder / 'zz-more.jsonl'}, line 2: span 1 (T1): offsets [0, 99) are out of range: not inside the "
         "document (the text has 13 characters; start must be < end)")]
    assert dialog.status.text() == "Nothing was imported: 1 problem(s):" and dialog.bar.value() == 0
    assert db_snapshot(db_path) == before
    assert window.documents_dock.model.rowCount() == 3


def test_cancel_leaves_the_project_as_it_was(qtbot, window, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_documents, "CHUNK", 1)  # each file written as soon as it is read
    monkeypatch.setattr(imports, "GAP", 0.0)
    monkeypatch.setattr(imports, "FIRST_BUDGET", 10)
    monkeypatch.setattr(imports, "MAX_BUDGET", 10)
    _choose_folder(monkeypatch, _folder(tmp_path))
    before = db_snapshot(db_path)
    gate = Gate(monkeypatch, at=2)  # two files read and written (invisibly), the third not yet
    window.actions_by_id["file.import_folder"].trigger()
    dialog: ImportDialog = window.import_dialog
    try:
        assert gate.reached.wait(20)
        assert len(imports.staging_batches(window.project.database)) == 1  # written, not published
        qtbot.waitUntil(lambda: dialog.bar.value() > 0)
        dialog.cancel_button.click()
        assert dialog.status.text() == "Cancelling…" and not dialog.cancel_button.isEnabled()
    finally:
        gate.opened.set()
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=20_000)
    assert dialog.status.text() == "Import cancelled: nothing was imported." and dialog.report is None
    assert db_snapshot(db_path) == before and imports.staging_batches(window.project.database) == []
    assert window.documents_dock.model.rowCount() == 3


def test_import_files_shows_file_names_with_markup_as_characters(qtbot, window, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    hostile = tmp_path / "<img src=x>.txt"
    hostile.write_bytes("خبر قصير".encode() + b"\xff\n")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(hostile)], "")))
    window.actions_by_id["file.import_files"].trigger()
    dialog: ImportDialog = window.import_dialog
    qtbot.waitUntil(lambda: dialog.close_button.isEnabled(), timeout=20_000)
    assert dialog.heading.text() == "Not imported: <img src=x>.txt"
    assert dialog.heading.textFormat() == dialog.status.textFormat() == Qt.TextFormat.PlainText
    assert dialog.problems.toPlainText().splitlines()[1] == (
        f"  {hostile}, line 1, byte 15: not valid UTF-8 (bytes ff 0a): invalid start byte")
    # drawn as characters: the label's width is that of the text with its brackets
    label = dialog.heading
    assert label.sizeHint().width() >= label.fontMetrics().horizontalAdvance(label.text())
