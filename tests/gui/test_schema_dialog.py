"""File ▸ Schema… with the keyboard: the dialog shows the schema (labels with key and colour,
relations, descriptions, examples), loading a file with a new label stores it and the
window reopens with the label's key in the label bar; a file that removes a used label is
refused with the counts; Export writes the stored TOML."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton

from annotator.gui.annotation import schema_dialog
from annotator.gui.annotation.schema_dialog import SchemaDialog
from annotator.gui.annotation.window import MainWindow
from annotator.gui.common import plain
from annotator.resources import default_schema_path
from annotator.services.project import Project
from tests.gui.conftest import press
from tests.gui.structure_helpers import COMPANY, DAM, make_project, pane, tag

ALT = Qt.KeyboardModifier.AltModifier
PLACE = '\n[[labels]]\nname = "PLACE"\nkey = "4"\ncolor = "#16a085"\ndescription = "مكان"\n'


def open_dialog(qtbot, win) -> SchemaDialog:  # type: ignore[no-untyped-def]
    """Alt+F opens the File menu, M its Schema… item."""
    win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_F, ALT)
    menu = win.menus["File"]
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: bool(win.findChildren(SchemaDialog)))
    [dialog] = win.findChildren(SchemaDialog)
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def click_with_keyboard(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    """The button gets the focus (as Tab would give it) and Space presses it."""
    if QApplication.activeWindow() is not button.window():  # e.g. after a message box closed
        button.window().activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is button.window())
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def with_place(tmp_path: Path) -> Path:
    path = tmp_path / "with-place.toml"
    source = default_schema_path().read_text(encoding="utf-8")
    at = source.index("# Relations inside a document")
    path.write_text(source[:at] + PLACE + "\n" + source[at:], encoding="utf-8")
    return path


def test_the_dialog_paints_the_schema_and_a_new_label_reaches_the_label_bar(
        qtbot, open_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    dialog = open_dialog(qtbot, win)
    # painted: the first lines of the text on screen, one row per label with its key and colour swatch
    assert dialog.text.firstVisibleBlock().text() == "Schema news-claims (version 3)"
    assert dialog.text.viewport().rect().contains(dialog.text.cursorRect(dialog.text.textCursor()))
    body = dialog.text.toPlainText()
    assert "  SAID_AT  key w  CLAIM -> DATE" in body and "e.g. نقابة المعلمين" in body
    rows = [dialog.labels.item(i) for i in range(dialog.labels.count())]
    assert [r.text() for r in rows] == ["1   CLAIM   #f2b134", "2   ACTOR   #4aa3df", "3   DATE   #5cb85c"]
    assert dialog.labels.viewport().rect().contains(dialog.labels.visualItemRect(rows[2]))
    icon = rows[1].icon().pixmap(16).toImage()
    assert icon.pixelColor(8, 8) == QColor("#4aa3df")

    # Load from file…: the file chooser gives the file, the question is answered Yes
    path = with_place(tmp_path)
    monkeypatch.setattr(schema_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    asked: list[str] = []

    def yes(_parent, _title, text, default=None):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(plain, "ask", yes)
    click_with_keyboard(qtbot, dialog.load_button)
    assert "+ label PLACE (key 4)" in asked[0]
    project = Project.open(db, create=False)
    assert project.schema.names == ["CLAIM", "ACTOR", "DATE", "PLACE"]
    project.close()

    # the window reopens on the same documents, the new label's button and key in its label bar
    def reopened() -> MainWindow | None:
        return next((w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w is not win and w.isVisible()), None)

    qtbot.waitUntil(lambda: reopened() is not None)
    new = reopened()
    assert new is not None
    try:
        button = new.label_bar.findChild(QToolButton, "labelButton_PLACE")
        assert button is not None and button.isVisible() and button.text() == "PLACE  (4)"
        assert [p.document_id for p in new.area.panes] == [DAM, COMPANY]
        ed = pane(new, DAM).editor
        span = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_4)
        assert span.label == "PLACE"
    finally:
        new.close()


def test_a_file_that_removes_a_used_label_is_refused_with_the_counts(
        qtbot, open_window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    tag(qtbot, pane(win, DAM).editor, "هاني الزعتري", Qt.Key.Key_2)
    path = tmp_path / "agent.toml"
    path.write_text(default_schema_path().read_text(encoding="utf-8").replace('"ACTOR"', '"AGENT"'),
                    encoding="utf-8")
    dialog = open_dialog(qtbot, win)
    monkeypatch.setattr(schema_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, close_box)
    click_with_keyboard(qtbot, dialog.load_button)
    qtbot.waitUntil(lambda: bool(seen))
    assert "label ACTOR is used by 1 span of 1 annotator; give --rename ACTOR=AGENT or --drop ACTOR" in seen[0]
    assert "annotator schema set" in seen[0]
    assert win.isVisible() and win.project.schema.names == ["CLAIM", "ACTOR", "DATE"]

    # Export… writes the stored TOML
    out = tmp_path / "out.toml"
    monkeypatch.setattr(schema_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    click_with_keyboard(qtbot, dialog.export_button)
    assert out.read_text(encoding="utf-8") == default_schema_path().read_text(encoding="utf-8")
    assert dialog.heading.text() == f"Exported to {out}"
    press(qtbot, dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not win.findChildren(SchemaDialog))
