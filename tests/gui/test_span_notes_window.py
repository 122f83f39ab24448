"""Notes on spans in the window (issue 14, item 10), driven by the keyboard: Ctrl+U flags the
selected span, Ctrl+Alt+C (or Shift+F2) takes the keyboard to its comment, Ctrl+Enter saves,
Esc cancels; a "?" chip is painted over the text at the span's end, the tool tip shows the
comment as plain text, the span list has a Note column and a Flagged filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QImage, QTextDocument
from PySide6.QtWidgets import QApplication, QToolTip

from annotator.gui.annotation.editor import span_tooltip
from annotator.services.project import Project
from annotator.services.spans import find_span
from tests.gui.conftest import press
from tests.gui.structure_helpers import DAM, choose, make_project, pane, tag, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
COMMENT = "<b>not sure</b> the minister said it"


def stored_note(db, span_id: str) -> tuple[str, bool]:  # type: ignore[no-untyped-def]
    project = Project.open(db)
    try:
        span = find_span(project, DAM, "alice", span_id)
        assert span is not None
        return span.comment, span.unsure
    finally:
        project.close()


def test_flag_with_ctrl_u_and_the_chip_is_painted(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM])
    ed = pane(win, DAM).editor
    actor = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    ed.viewport().repaint()
    assert ed.note_badges.painted == []
    press(qtbot, ed, Qt.Key.Key_U, CTRL)
    assert stored_note(db, actor.id) == ("", True)
    inspector = win.structure.inspector
    assert inspector.unsure.isChecked()
    # painted over the text at the span's end, in the gap above its line: the text is unchanged
    assert ed.toPlainText() == ed.state.text
    ed.viewport().repaint()
    qtbot.waitUntil(lambda: [(sid, text) for sid, text, _r in ed.note_badges.painted] == [(actor.id, "?")])
    rect = ed.note_badges.painted[0][2]
    image = QImage(ed.viewport().size(), QImage.Format.Format_ARGB32)
    ed.viewport().render(image)
    inside = {image.pixelColor(x, y).name() for x in range(int(rect.left()) + 2, int(rect.right()) - 1)
              for y in range(int(rect.top()) + 2, int(rect.bottom()) - 1)}
    assert "#fff3c4" in inside  # the chip's fill
    # at the span's end (its left edge in this right-to-left line), in the gap above its line
    end = ed.cursorRect(ed.textCursor())
    cursor = ed.textCursor()
    cursor.setPosition(ed.state.u16.to_utf16(actor.end))
    end = ed.cursorRect(cursor)
    assert abs(rect.left() - end.left()) <= 3 and rect.top() < end.top()
    # undo clears it; Ctrl+U again flags, and again unflags
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert stored_note(db, actor.id) == ("", False)
    ed.viewport().repaint()
    assert ed.note_badges.painted == []
    press(qtbot, ed, Qt.Key.Key_U, CTRL)
    press(qtbot, ed, Qt.Key.Key_U, CTRL)
    assert stored_note(db, actor.id) == ("", False)
    assert not inspector.unsure.isChecked()


def test_comment_with_the_key_saved_by_ctrl_enter_shown_plain(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM])
    ed = pane(win, DAM).editor
    actor = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    inspector = win.structure.inspector
    press(qtbot, ed, Qt.Key.Key_C, CTRL | ALT)
    qtbot.waitUntil(lambda: inspector.comment.hasFocus())
    type_text(inspector.comment, "first line")
    press(qtbot, inspector.comment, Qt.Key.Key_Return)  # a newline, not a save
    type_text(inspector.comment, COMMENT)
    press(qtbot, inspector.comment, Qt.Key.Key_Return, CTRL)  # saves (not "mark done and go to next")
    assert stored_note(db, actor.id) == ("first line\n" + COMMENT, False)
    qtbot.waitUntil(lambda: ed.hasFocus())  # back to the text
    # Esc cancels: the typed text is dropped, the stored comment shown again
    press(qtbot, ed, Qt.Key.Key_F2, SHIFT)
    qtbot.waitUntil(lambda: inspector.comment.hasFocus())
    type_text(inspector.comment, " dropped")
    assert inspector.comment.toPlainText().endswith("said it dropped")  # the cursor starts at the end
    press(qtbot, inspector.comment, Qt.Key.Key_Escape)
    assert inspector.comment.toPlainText() == "first line\n" + COMMENT
    assert stored_note(db, actor.id) == ("first line\n" + COMMENT, False)
    # the chip says "✎"; the tool tip shows the comment escaped, never as markup
    ed.viewport().repaint()
    qtbot.waitUntil(lambda: [t for _s, t, _r in ed.note_badges.painted] == ["✎"])
    span = ed.state.spans.get(actor.id)
    tip = span_tooltip([span], ed.state.text)
    assert "&lt;b&gt;not sure&lt;/b&gt;" in tip and "<b>not sure</b>" not in tip
    shown = QTextDocument()
    shown.setHtml(tip)
    assert "✎ first line\n<b>not sure</b> the minister said it" in shown.toPlainText()
    # hovering the span shows that tool tip
    cursor = ed.document().find("الزعتري")
    point = ed.cursorRect(cursor).center()
    QApplication.sendEvent(ed.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, ed.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert "&lt;b&gt;not sure&lt;/b&gt;" in QToolTip.text()
    QToolTip.hideText()
    # the inspector shows it in a plain-text field
    assert inspector.comment.toPlainText() == "first line\n" + COMMENT
    # undo through the window's stack
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert stored_note(db, actor.id) == ("", False)
    assert inspector.comment.toPlainText() == ""


def test_the_span_list_marks_notes_and_filters_flagged_spans(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM])
    ed = pane(win, DAM).editor
    tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    flagged = tag(qtbot, ed, "شركة الرافدين للإنشاءات", Qt.Key.Key_2)
    press(qtbot, ed, Qt.Key.Key_U, CTRL)
    dock = win.spans_dock
    view = dock.view
    qtbot.waitUntil(lambda: view.model().rowCount() == 2)
    notes = {view.model().index(r, 1).data(): view.model().index(r, 4).data() for r in range(2)}
    assert notes == {"هاني الزعتري": "", "شركة الرافدين للإنشاءات": "?"}
    assert dock.model.headerData(4, Qt.Orientation.Horizontal) == "Note"
    dock.flagged.setFocus()
    press(qtbot, dock.flagged, Qt.Key.Key_Space)
    assert dock.flagged.isChecked()
    qtbot.waitUntil(lambda: view.model().rowCount() == 1)
    assert view.model().index(0, 1).data() == "شركة الرافدين للإنشاءات"
    # still selectable from the filtered list
    choose(qtbot, ed, flagged)
    assert view.currentIndex().row() == 0
    press(qtbot, dock.flagged, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.model().rowCount() == 2)


def test_a_comment_too_long_is_refused_with_a_message_and_nothing_stored(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM])
    ed = pane(win, DAM).editor
    actor = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    inspector = win.structure.inspector
    press(qtbot, ed, Qt.Key.Key_C, CTRL | ALT)
    qtbot.waitUntil(lambda: inspector.comment.hasFocus())
    inspector.comment.insertPlainText("ب" * 2001)  # pasted: typing stops at the bound
    press(qtbot, inspector.comment, Qt.Key.Key_Return, CTRL)
    assert inspector.message.text() == "Refused: a comment holds at most 2000 characters, not 2001"
    assert stored_note(db, actor.id) == ("", False)
    assert inspector.comment.hasFocus()  # still there, to shorten it
    type_text(inspector.comment, "x")
    assert len(inspector.comment.toPlainText()) == 2001
