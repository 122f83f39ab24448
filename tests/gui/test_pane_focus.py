"""Moving the keyboard between panes (F6, Shift+F6, Ctrl+1..4), and a link made without the mouse."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.gui.annotation.link_tool import LinkTypeChooser
from tests.gui.conftest import press
from tests.gui.structure_helpers import COMPANY, DAM, OTHER, make_project, pane, stored_links, tag

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _focused_pane(win):  # type: ignore[no-untyped-def]
    focus = QApplication.focusWidget()
    return next((p for p in win.area.panes if p.editor is focus), None)


def test_f6_and_ctrl_digits_move_the_keyboard_between_panes(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(make_project(tmp_path / "p.sqlite"), [DAM, COMPANY, OTHER])
    first, second, third = (pane(win, d) for d in (DAM, COMPANY, OTHER))
    first.editor.setFocus()
    qtbot.waitUntil(lambda: _focused_pane(win) is first)
    press(qtbot, first.editor, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: _focused_pane(win) is second)
    assert win.area.active is second
    press(qtbot, second.editor, Qt.Key.Key_F6)
    press(qtbot, third.editor, Qt.Key.Key_F6)  # round the end
    qtbot.waitUntil(lambda: _focused_pane(win) is first)
    press(qtbot, first.editor, Qt.Key.Key_F6, SHIFT)
    qtbot.waitUntil(lambda: _focused_pane(win) is third)
    press(qtbot, third.editor, Qt.Key.Key_2, CTRL)
    qtbot.waitUntil(lambda: _focused_pane(win) is second)
    press(qtbot, second.editor, Qt.Key.Key_4, CTRL)  # no fourth pane: said, focus stays
    assert "no pane 4" in win.statusBar().currentMessage()
    assert _focused_pane(win) is second


def test_a_link_across_panes_with_the_keyboard_only(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    left, right = pane(win, DAM).editor, pane(win, COMPANY).editor
    a = tag(qtbot, left, "السد الجديد سيبدأ التشغيل في أيار المقبل", Qt.Key.Key_1)
    b = tag(qtbot, right, "السد لن يعمل قبل نهاية العام المقبل", Qt.Key.Key_1)
    # from here on, keys only: to the left pane, Tab to its claim, F6, Tab to the other claim, Ctrl+L, 1
    press(qtbot, right, Qt.Key.Key_1, CTRL)
    qtbot.waitUntil(lambda: _focused_pane(win) is pane(win, DAM))
    press(qtbot, left, Qt.Key.Key_Tab)
    assert left.selected_span_id == a.id
    press(qtbot, left, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: _focused_pane(win) is pane(win, COMPANY))
    press(qtbot, right, Qt.Key.Key_Tab)
    assert right.selected_span_id == b.id

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LinkTypeChooser)
        press(qtbot, dialog.list, Qt.Key.Key_1)

    QTimer.singleShot(0, answer)
    press(qtbot, right, Qt.Key.Key_L, CTRL)
    [link] = stored_links(db)
    assert (link.type, link.source_span, link.target_span) == ("SAME_CLAIM", b.id, a.id)


def test_a_link_to_a_document_that_is_not_open_with_the_keyboard_only(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.annotation.document_finder import DocumentFinder
    from annotator.gui.annotation.link_tool import LinkTargetDialog
    from annotator.services.project import Project
    from annotator.services.spans import AddSpan
    from tests.gui.structure_helpers import COMPANY_TEXT, COMPANY_TITLE, type_text

    db = make_project(tmp_path / "p.sqlite")
    claim = "السد لن يعمل قبل نهاية العام المقبل"
    other = Project.open(db)
    try:  # alice tagged the company's claim earlier; that document is not open now
        start = COMPANY_TEXT.index(claim)
        theirs = AddSpan(COMPANY, "alice", start, start + len(claim), "CLAIM")
        theirs.do(other)
        AddSpan(COMPANY, "alice", COMPANY_TEXT.index("الرافدين"), COMPANY_TEXT.index("الرافدين") + 8, "ACTOR").do(other)
    finally:
        other.close()
    win = open_window(db, [DAM])
    assert win.area.document_ids() == [DAM]
    left = pane(win, DAM).editor
    a = tag(qtbot, left, "السد الجديد سيبدأ التشغيل في أيار المقبل", Qt.Key.Key_1)
    seen: dict[str, list[str]] = {}

    def in_span_list(tries: int = 100) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, LinkTargetDialog):  # the finder is still closing
            if tries:
                QTimer.singleShot(10, lambda: in_span_list(tries - 1))
            elif dialog is not None:
                seen["error"] = [f"still open: {dialog!r}"]
                dialog.reject()
            return
        assert dialog.objectName() == "linkTargetDialog"
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        seen["types"] = [dialog.type_box.itemData(i) for i in range(dialog.type_box.count())]
        seen["spans"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        type_text(dialog.filter, "نهايه")  # ta marbuta typed as ha: still found
        seen["shown"] = [dialog.list.item(i).text() for i in range(dialog.list.count())
                         if not dialog.list.item(i).isHidden()]
        press(qtbot, dialog.list, Qt.Key.Key_Return)

    def in_finder() -> None:  # runs inside the finder's own event loop: errors are kept, then it is closed
        finder = QApplication.activeModalWidget()
        assert isinstance(finder, DocumentFinder)
        try:
            finder.activateWindow()  # as a window manager would: keys go to the dialog, not the window behind
            qtbot.waitUntil(lambda: QApplication.activeWindow() is finder)
            type_text(finder.edit, "الشركة")
            seen["rows"] = [str(finder.model.rowCount())]
            QTimer.singleShot(0, in_span_list)
            press(qtbot, finder.edit, Qt.Key.Key_Return)
        except Exception as exc:  # noqa: BLE001
            seen["error"] = [repr(exc)]
            finder.reject()

    QTimer.singleShot(0, in_finder)
    press(qtbot, left, Qt.Key.Key_L, CTRL | SHIFT)
    assert "error" not in seen, seen["error"]
    assert seen["rows"] == ["1"]
    assert seen["types"][0] == "SAME_CLAIM"
    assert len(seen["spans"]) == 1 and claim in seen["spans"][0]  # claims only: the actor is not offered
    assert seen["shown"] == seen["spans"]
    [link] = stored_links(db)
    assert (link.type, link.source_doc, link.source_span, link.target_doc, link.target_span) == (
        "SAME_CLAIM", DAM, a.id, COMPANY, theirs.span_id)
    assert COMPANY_TITLE in win.statusBar().currentMessage()
