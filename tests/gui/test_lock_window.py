"""Tagging while another program holds the database's write lock.

The lock is held by a plain sqlite3 connection in ``BEGIN IMMEDIATE``, as another
annotator's import or a database browser would. The window must not freeze, must
say it is waiting, and must never show on its undo stack a step the database
does not hold.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.gui.conftest import press, select_text, stored_spans

CTRL = Qt.KeyboardModifier.ControlModifier
ACTOR = "سامر عويدات"


class Lock:
    """Another program's write lock on the project file."""

    def __init__(self, path: Path) -> None:
        self.con = sqlite3.connect(path, isolation_level=None, timeout=0)
        self.con.execute("BEGIN IMMEDIATE")

    def release(self) -> None:
        if self.con.in_transaction:
            self.con.execute("ROLLBACK")


@pytest.fixture
def lock(db_path: Path) -> Iterator[Lock]:
    holder = Lock(db_path)
    yield holder
    holder.release()
    holder.con.close()


def _editor(window):  # type: ignore[no-untyped-def]
    return next(p for p in window.area.panes if p.document_id == "a-claims").editor


def _not_saved_box() -> QMessageBox | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "notSavedMessage" and w.isVisible():
            return w
    return None


def _painted_labels(ed, start: int, end: int) -> set[str]:  # type: ignore[no-untyped-def]
    """The labels whose background is painted over [start, end) in the first paragraph."""
    block = ed.document().firstBlock()
    ed.highlighter.format_block(block)  # what the next paint draws
    a, b = ed.state.u16.range_to_utf16(start, end)
    colours = {ed.colours.background(label).name(): label for label in ("CLAIM", "ACTOR", "DATE")}
    found = set()
    for f in block.layout().formats():
        if f.start < b and a < f.start + f.length and f.format.hasProperty(f.format.Property.BackgroundBrush):
            found.add(colours.get(f.format.background().color().name(), "?"))
    return found


def test_a_tag_made_while_locked_waits_visibly_then_is_stored_and_undoable(qtbot, window, db_path, lock) -> None:  # type: ignore[no-untyped-def]
    ed = _editor(window)
    stack = window.controller.undo_stack
    start, end = select_text(ed, ACTOR)
    press(qtbot, ed, Qt.Key.Key_2)
    # The key press returned although the lock is still held: the window did not wait for it.
    assert lock.con.in_transaction
    assert "Waiting for the database (locked by another program)" in window.statusBar().currentMessage()
    assert "Tag ACTOR «\u2068سامر عويدات\u2069» in \u2068الوزير والمعبر\u2069 is not saved yet" in \
        window.statusBar().currentMessage()
    assert QGuiApplication.overrideCursor() is not None
    assert QGuiApplication.overrideCursor().shape() == Qt.CursorShape.BusyCursor
    assert stack.count() == 0 and stored_spans(db_path, "a-claims") == []
    # A second tag asked for meanwhile queues behind the first one.
    date = select_text(ed, "تشرين الأول")
    press(qtbot, ed, Qt.Key.Key_3)
    assert stack.count() == 0 and window.controller.waiting
    lock.release()
    qtbot.waitUntil(lambda: stack.count() == 2, timeout=10_000)
    assert sorted(stored_spans(db_path, "a-claims")) == sorted([(start, end, "ACTOR"), (*date, "DATE")])
    assert [stack.text(i) for i in range(2)] == ["Tag ACTOR", "Tag DATE"]
    assert window.statusBar().currentMessage() == "Saved: tagged DATE"
    assert QGuiApplication.overrideCursor() is None
    assert _painted_labels(ed, start, end) == {"ACTOR"}
    # and the stored step undoes like any other
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert stored_spans(db_path, "a-claims") == [] and stack.index() == 0
    assert _not_saved_box() is None


def test_a_tag_that_never_gets_the_lock_is_not_on_the_undo_stack_and_the_window_says_so(
    qtbot, window, db_path, lock
) -> None:  # type: ignore[no-untyped-def]
    window.controller.runner.wait_limit = 0.8
    ed = _editor(window)
    stack = window.controller.undo_stack
    start, end = select_text(ed, ACTOR)
    press(qtbot, ed, Qt.Key.Key_2)
    assert "Waiting for the database" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: _not_saved_box() is not None, timeout=10_000)
    box = _not_saved_box()
    assert box is not None and box.textFormat() == Qt.TextFormat.PlainText
    assert box.text().startswith("Not saved: Tag ACTOR «\u2068سامر عويدات\u2069» in \u2068الوزير والمعبر\u2069: "
                                 "the database stayed locked by another program")
    assert "not on the undo stack" in box.text()
    assert window.statusBar().currentMessage().startswith("Not saved: Tag ACTOR")
    assert stack.count() == 0 and not window.actions_by_id["edit.undo"].isEnabled()
    assert QGuiApplication.overrideCursor() is None
    assert list(ed.state.spans.overlapping(start, end)) == []
    assert _painted_labels(ed, start, end) == set()
    lock.release()
    assert stored_spans(db_path, "a-claims") == []
    box.close()


def test_an_undo_that_cannot_be_stored_keeps_its_step_and_says_so(qtbot, window, db_path, lock) -> None:  # type: ignore[no-untyped-def]
    ed = _editor(window)
    stack = window.controller.undo_stack
    lock.release()
    start, end = select_text(ed, ACTOR)
    press(qtbot, ed, Qt.Key.Key_2)
    assert stack.count() == 1 and stored_spans(db_path, "a-claims") == [(start, end, "ACTOR")]
    lock.con.execute("BEGIN IMMEDIATE")
    window.controller.runner.wait_limit = 0.5
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _not_saved_box() is not None, timeout=10_000)
    box = _not_saved_box()
    assert box is not None and box.text().startswith("Not undone: undo of Tag ACTOR")
    assert "stays where it was on the undo stack" in box.text()
    assert stack.index() == 1 and stack.canUndo() and window.actions_by_id["edit.undo"].isEnabled()
    assert stored_spans(db_path, "a-claims") == [(start, end, "ACTOR")]
    assert [s.label for s in ed.state.spans.overlapping(start, end)] == ["ACTOR"]
    box.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    lock.release()
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)  # once the database is free, the same undo works
    assert stored_spans(db_path, "a-claims") == [] and stack.index() == 0 and stack.canRedo()
    assert window.statusBar().currentMessage() == "Saved: undid Tag ACTOR"


def test_closing_while_a_step_waits_asks_first_and_names_it(qtbot, window, lock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Closing the window while a tag waits for the locked database would lose it: the window
    asks, naming the step; No keeps it open and waiting, Yes closes."""
    from annotator.gui.common import plain

    asked: list[str] = []

    def answer(reply):  # type: ignore[no-untyped-def]
        def ask(parent, title, text, buttons=None, default=None):  # type: ignore[no-untyped-def]
            asked.append(text)
            return reply
        return ask

    ed = _editor(window)
    select_text(ed, ACTOR)
    press(qtbot, ed, Qt.Key.Key_2)
    assert window.controller.waiting
    monkeypatch.setattr(plain, "ask", answer(QMessageBox.StandardButton.No))
    assert not window.close()
    assert window.isVisible() and window.controller.waiting
    assert "1 change is waiting for the database" in asked[0]
    assert "Tag ACTOR «\u2068سامر عويدات\u2069» in \u2068الوزير والمعبر\u2069" in asked[0]
    monkeypatch.setattr(plain, "ask", answer(QMessageBox.StandardButton.Yes))
    assert window.close()
    assert len(asked) == 2
