"""The Guidelines dock (Shift+F1): the schema's labels and the project's guidelines, plain text,
each paragraph in its own direction, at the selected span's label."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from annotator.services.guidelines import SetGuidelines
from annotator.services.project import Project
from tests.gui.conftest import press, select_text

SHIFT = Qt.KeyboardModifier.ShiftModifier
GUIDE = """# دليل المشروع

قواعد عامة تنطبق على كل الوسوم.

## ACTOR

- ضع اسم الجهة مع **لقبها** إذا كان جزءا من التسمية
- <b>not bold</b>
"""


def _with_guidelines(db: Path) -> Path:
    project = Project.open(db)
    try:
        SetGuidelines(GUIDE, None).do(project)
    finally:
        project.close()
    return db


def _texts(view) -> list[str]:  # type: ignore[no-untyped-def]
    doc = view.document()
    return [doc.findBlockByNumber(i).text() for i in range(doc.blockCount())]


def _top_block(view) -> str:  # type: ignore[no-untyped-def]
    return view.cursorForPosition(QPoint(4, 4)).block().text()


def test_shift_f1_shows_labels_with_their_part_of_the_guidelines_as_plain_text(qtbot, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_with_guidelines(db_path))
    press(qtbot, win.area.panes[0].editor, Qt.Key.Key_F1, SHIFT)
    dock = win.guidelines_dock
    assert dock is not None and dock.isVisible()
    texts = _texts(dock.view)
    claim, actor = texts.index("CLAIM — key 1"), texts.index("ACTOR — key 2")
    # the ACTOR section of the guidelines comes under the ACTOR label, the rest at the end
    assert texts[actor + 1].startswith("A person, organisation")
    assert "• ضع اسم الجهة مع لقبها إذا كان جزءا من التسمية" in texts[actor:]
    assert texts.index("• ضع اسم الجهة مع لقبها إذا كان جزءا من التسمية") < texts.index("DATE — key 3")
    assert "• <b>not bold</b>" in texts  # markup is characters
    assert texts[-2:] == ["دليل المشروع", "قواعد عامة تنطبق على كل الوسوم."]
    assert claim < actor
    schema = win.project.schema
    assert schema.label("ACTOR").examples  # the default schema's examples, under their label
    first = f"«{schema.label('ACTOR').examples[0]}»"
    assert actor < texts.index(first) < texts.index("DATE — key 3")
    doc = dock.view.document()
    arabic = doc.findBlockByNumber(texts.index("قواعد عامة تنطبق على كل الوسوم."))
    assert arabic.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    latin = doc.findBlockByNumber(claim)
    assert latin.blockFormat().layoutDirection() == Qt.LayoutDirection.LeftToRight
    # «لقبها» was **bold**: a bold run, the rest not
    item = doc.findBlockByNumber(texts.index("• ضع اسم الجهة مع لقبها إذا كان جزءا من التسمية"))
    runs = [(f.fragment().text(), f.fragment().charFormat().fontWeight()) for f in item]
    assert ("لقبها", 700) in runs and all(w < 700 for t, w in runs if t != "لقبها")


def test_the_dock_follows_the_selected_spans_label(qtbot, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_with_guidelines(db_path))
    editor = win.area.panes[0].editor
    text = editor.state.text
    word = next(w for w in text.split() if len(w) > 3)
    select_text(editor, word)
    press(qtbot, editor, Qt.Key.Key_2)  # an ACTOR span, selected
    assert editor.selected_span().label == "ACTOR"
    press(qtbot, editor, Qt.Key.Key_F1, SHIFT)
    dock = win.guidelines_dock
    qtbot.waitUntil(lambda: _top_block(dock.view) == "ACTOR — key 2")
    select_text(editor, next(w for w in text.split() if len(w) > 3 and w != word))
    press(qtbot, editor, Qt.Key.Key_3)  # a DATE span now selected: the dock moves to DATE
    qtbot.waitUntil(lambda: _top_block(dock.view) == "DATE — key 3")
    assert QApplication.focusWidget() is editor  # the keyboard stays in the text


def test_loading_a_file_replaces_them_and_a_bad_file_is_said(qtbot, open_window, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(db_path)
    win.show_guidelines()
    dock = win.guidelines_dock
    assert "None yet." in _texts(dock.view)[-1]
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe")
    assert not dock.load(bad)
    assert "bad.md" in dock.message.text() and "UTF-8" in dock.message.text()
    good = tmp_path / "guide.md"
    good.write_text("## CLAIM\nالادعاء كله، لا الفعل.\n", encoding="utf-8")
    assert dock.load(good)
    texts = _texts(dock.view)
    assert texts.index("CLAIM — key 1") < texts.index("الادعاء كله، لا الفعل.") < texts.index("ACTOR — key 2")
