"""Tagging in the real window: select, press a label key, read the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from tests.gui.conftest import CLAIM_TEXT, press, select_text, stored_spans

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _pane(window, doc_id="a-claims"):  # type: ignore[no-untyped-def]
    return next(p for p in window.area.panes if p.document_id == doc_id)


def test_select_and_press_label_key_stores_the_span(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    start, end = select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_2)
    assert stored_spans(db_path, "a-claims") == [(start, end, "ACTOR")]
    assert "Saved: tagged ACTOR" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.spans_dock.model.rowCount() == 1)


def test_selection_snaps_to_whole_words_and_trims_punctuation(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    text = CLAIM_TEXT
    _s, _ = select_text(ed, "مر عويد")  # starts and ends inside words
    press(qtbot, ed, Qt.Key.Key_2)
    start = text.index("سامر")
    assert stored_spans(db_path, "a-claims") == [(start, start + len("سامر عويدات"), "ACTOR")]
    select_text(ed, " «خطوة أولى» ")
    press(qtbot, ed, Qt.Key.Key_1)
    inner = text.index("خطوة أولى")
    assert (inner, inner + len("خطوة أولى"), "CLAIM") in stored_spans(db_path, "a-claims")


def test_character_mode_tags_a_clitic(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    window.actions_by_id["edit.char_mode"].setChecked(True)
    start, _end = select_text(ed, "وأضاف")
    ed.select_range(start, start + 1)  # just the و
    press(qtbot, ed, Qt.Key.Key_2)
    assert stored_spans(db_path, "a-claims") == [(start, start + 1, "ACTOR")]


def test_label_bar_button_tags(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    start, end = select_text(ed, "تشرين الأول")
    button = window.label_bar.findChild(QToolButton, "labelButton_DATE")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert stored_spans(db_path, "a-claims") == [(start, end, "DATE")]


def test_nested_spans_are_all_stored_and_painted(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    claim = select_text(ed, "المعبر سيفتح أبوابه في تشرين الأول المقبل")
    press(qtbot, ed, Qt.Key.Key_1)
    date = select_text(ed, "تشرين الأول")
    press(qtbot, ed, Qt.Key.Key_3)
    actor = select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_2)
    outer = select_text(ed, "وزير النقل سامر عويدات يوم الخميس إن المعبر سيفتح أبوابه في تشرين الأول المقبل")
    press(qtbot, ed, Qt.Key.Key_1)
    assert sorted(stored_spans(db_path, "a-claims")) == sorted(
        [(*claim, "CLAIM"), (*date, "DATE"), (*actor, "ACTOR"), (*outer, "CLAIM")])
    qtbot.waitUntil(lambda: ed.highlighter.is_current(ed.document().firstBlock()))
    formats = ed.document().firstBlock().layout().formats()
    # The date run sits inside two claims: date background, claim underline (wavy: three levels).
    date_u16 = ed.state.u16.range_to_utf16(*date)
    run = next(f for f in formats if f.start <= date_u16[0] < f.start + f.length)
    assert run.format.background().color() == ed.colours.background("DATE")
    assert run.format.underlineColor() == ed.colours.solid("CLAIM")
    # The actor is inside the outer claim only: actor background, claim underline.
    actor_u16 = ed.state.u16.to_utf16(actor[0])
    run = next(f for f in formats if f.start <= actor_u16 < f.start + f.length)
    assert run.format.background().color() == ed.colours.background("ACTOR")
    assert ed.toPlainText() == CLAIM_TEXT  # nothing was inserted into the text


def test_click_selects_span_then_relabel_and_delete(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    start, end = select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_1)
    assert ed.selected_span_id is not None  # the new span is selected
    press(qtbot, ed, Qt.Key.Key_Escape)
    assert ed.selected_span_id is None
    # click in the middle of the span
    from PySide6.QtGui import QTextCursor

    c = QTextCursor(ed.document())
    c.setPosition(ed.state.u16.to_utf16(start + 2))
    point = ed.cursorRect(c).center()
    qtbot.mouseClick(ed.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: ed.selected_span_id is not None)
    press(qtbot, ed, Qt.Key.Key_2)
    assert stored_spans(db_path, "a-claims") == [(start, end, "ACTOR")]
    press(qtbot, ed, Qt.Key.Key_Delete)
    assert stored_spans(db_path, "a-claims") == []
    qtbot.waitUntil(lambda: window.spans_dock.model.rowCount() == 0)


def test_undo_and_redo_every_step_is_stored(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    start, end = select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_2)
    press(qtbot, ed, Qt.Key.Key_1)  # relabel the new (selected) span
    assert stored_spans(db_path, "a-claims") == [(start, end, "CLAIM")]
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert stored_spans(db_path, "a-claims") == [(start, end, "ACTOR")]
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert stored_spans(db_path, "a-claims") == []
    assert "undid" in window.statusBar().currentMessage()
    press(qtbot, ed, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored_spans(db_path, "a-claims") == [(start, end, "ACTOR")]
    press(qtbot, ed, Qt.Key.Key_Y, CTRL)
    assert stored_spans(db_path, "a-claims") == [(start, end, "CLAIM")]
    qtbot.waitUntil(lambda: window.spans_dock.model.rowCount() == 1)


def test_tab_walks_spans_and_edges_move_by_word_and_character(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    a = select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_2)
    b = select_text(ed, "يوم الخميس")
    press(qtbot, ed, Qt.Key.Key_3)
    press(qtbot, ed, Qt.Key.Key_Escape)
    ed.moveCursor(ed.textCursor().MoveOperation.Start)
    press(qtbot, ed, Qt.Key.Key_Tab)
    assert ed.selected_span().label == "ACTOR"
    press(qtbot, ed, Qt.Key.Key_Tab)
    assert ed.selected_span().label == "DATE"
    press(qtbot, ed, Qt.Key.Key_Backtab, SHIFT)
    assert ed.selected_span().label == "ACTOR"
    # the actor's start one word earlier ("النقل سامر عويدات"), then its end one character earlier
    press(qtbot, ed, Qt.Key.Key_BracketLeft, CTRL)
    word = CLAIM_TEXT.index("النقل")
    assert (word, a[1], "ACTOR") in stored_spans(db_path, "a-claims")
    press(qtbot, ed, Qt.Key.Key_Semicolon, Qt.KeyboardModifier.AltModifier)
    assert (word, a[1] - 1, "ACTOR") in stored_spans(db_path, "a-claims")
    press(qtbot, ed, Qt.Key.Key_Apostrophe, CTRL)
    assert (word, a[1], "ACTOR") in stored_spans(db_path, "a-claims")
    assert (*b, "DATE") in stored_spans(db_path, "a-claims")


def test_keyboard_selection_with_shift_arrows(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    ed.setFocus()
    ed.moveCursor(ed.textCursor().MoveOperation.Start)
    for _ in range(2):  # Left goes forward in right-to-left text; the word snaps whole
        press(qtbot, ed, Qt.Key.Key_Left, SHIFT)
    assert ed.selection_range() is not None
    press(qtbot, ed, Qt.Key.Key_1)
    assert stored_spans(db_path, "a-claims") == [(0, 3, "CLAIM")]


def test_span_list_and_pane_follow_each_other(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_2)
    select_text(ed, "يوم الخميس")
    press(qtbot, ed, Qt.Key.Key_3)
    dock = window.spans_dock
    qtbot.waitUntil(lambda: dock.model.rowCount() == 2)
    # pane -> list: Tab selects the first span, the list row follows
    press(qtbot, ed, Qt.Key.Key_Escape)
    ed.moveCursor(ed.textCursor().MoveOperation.Start)
    press(qtbot, ed, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: dock.view.currentIndex().data() == "ACTOR")
    # list -> pane
    dock.view.setCurrentIndex(dock.proxy.index(1, 0))
    assert ed.selected_span().label == "DATE"
    # filter by label
    dock.label_filter.setCurrentIndex(dock.label_filter.findData("DATE"))
    assert dock.proxy.rowCount() == 1
    dock.label_filter.setCurrentIndex(0)
    dock.filter_edit.setText("عويدات")
    assert dock.proxy.rowCount() == 1


def test_context_menu_offers_the_labels_and_tags(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window).editor
    start, end = select_text(ed, "يوم الخميس")
    menu = ed.context_menu(ed.cursorRect().center())
    actions = [a for a in menu.actions() if not a.isSeparator()]
    offered = [a.text() for a in actions]
    assert offered[:3] == ["Tag CLAIM", "Tag ACTOR", "Tag DATE"] and "&Delete span" in offered
    next(a for a in actions if a.text() == "Tag DATE").trigger()
    menu.close()
    assert stored_spans(db_path, "a-claims") == [(start, end, "DATE")]
    # right-clicking the new span selects it, and the menu's Delete removes it
    c = ed.textCursor()
    c.setPosition(ed.state.u16.to_utf16(start + 2))
    ed.setTextCursor(c)
    menu = ed.context_menu(ed.cursorRect(c).center())
    assert ed.selected_span() is not None
    next(a for a in menu.actions() if a.text() == "&Delete span").trigger()
    menu.close()
    assert stored_spans(db_path, "a-claims") == []


def test_a_tag_is_one_transaction_and_repaints_only_its_paragraph(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: the tag is stored, and its span and the document's status read back, in one
    transaction; only the tagged paragraph is repainted (what Qt actually paints, not only
    what is asked), and it is painted right."""
    from PySide6.QtCore import QEvent, QObject, QRect
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event

    pane = next(p for p in window.area.panes if p.document_id == "a-claims")
    ed = pane.editor
    # the window's first edit of a project with nobody in it also makes its user the manager
    # (once, in its own transaction): done before measuring the tag's own transaction
    window.controller._first_user_manages()
    window.controller._first_edit_seen = True
    begun: list[object] = []
    painted: list[QRect] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, e: QEvent) -> bool:  # noqa: N802 - Qt's name
            if watched is ed.viewport() and e.type() == QEvent.Type.Paint:
                painted.append(e.rect())  # type: ignore[attr-defined]
            return False

    def began(conn: object) -> None:
        begun.append(conn)

    select_text(ed, "الشاحنات")  # in the second paragraph
    QApplication.processEvents()
    spy = Paints()
    ed.viewport().installEventFilter(spy)
    event.listen(window.project.database.engine, "begin", began)
    try:
        press(qtbot, ed, Qt.Key.Key_2)
        qtbot.waitUntil(lambda: pane.status.text() == "in progress")
        window.flush_docks()  # the lists' update (deferred by DOCK_DELAY_MS) paints nothing in the pane either
        QApplication.processEvents()
    finally:
        event.remove(window.project.database.engine, "begin", began)
        ed.viewport().removeEventFilter(spy)
    assert len(begun) == 1
    assert [s.label for s in ed.state.spans.loaded()] == ["ACTOR"]
    block = ed.document().findBlockByNumber(1)
    line = ed.blockBoundingGeometry(block).translated(ed.contentOffset()).toAlignedRect()
    assert ed.repainted_lines.top() == line.top() and ed.repainted_lines.height() == line.height()
    assert ed.repainted_lines.height() < ed.viewport().height() / 2
    # Qt painted that paragraph's rows and nothing else (a format change once repainted the viewport)
    assert painted
    for rect in painted:
        assert line.adjusted(0, -2, 0, 2).contains(rect), (rect, line)
    # what is drawn there is the new span's colour
    image = ed.viewport().grab().toImage()
    start, end = ed.state.u16.range_to_utf16(*next((s.start, s.end) for s in ed.state.spans.loaded()))
    cursor = ed.cursorForPosition(ed.viewport().rect().center())
    cursor.setPosition((start + end) // 2)
    point = ed.cursorRect(cursor).center()
    assert image.pixelColor(point).name() != "#ffffff"


def test_the_lists_follow_a_burst_of_tags_and_never_list_a_span_twice(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: a tag paints its paragraph without waiting for the span and document lists
    (every row below a new one moves); they follow once per burst. A pane opened before they
    have followed rebuilds the list from the documents, and the queued rows are not added again."""
    from PySide6.QtWidgets import QApplication

    from annotator.gui.annotation.window import DOCK_DELAY_MS

    pane = _pane(window)
    ed = pane.editor
    dock = window.spans_dock
    select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_2)
    QApplication.processEvents()
    assert [s.label for s in ed.state.spans.loaded()] == ["ACTOR"]  # stored and painted
    assert dock.model.rowCount() == 0  # the list has not been touched yet
    select_text(ed, "يوم الخميس")
    press(qtbot, ed, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: dock.model.rowCount() == 2, timeout=DOCK_DELAY_MS * 20)
    assert dock.view.currentIndex().data() == "DATE"  # the list selects the pane's span once it follows
    assert window.documents_dock.model.summary("a-claims").span_count == 2
    select_text(ed, "الشاحنات")
    press(qtbot, ed, Qt.Key.Key_2)
    other = next(p for p in window.area.panes if p is not pane)
    window.open_in(other, "b-wheat")  # rebuilds the list while the new row is still queued
    qtbot.wait(DOCK_DELAY_MS * 2)
    rows = [(dock.model.index(r, 0).data(), dock.model.index(r, 3).data()) for r in range(dock.model.rowCount())]
    assert sorted(label for label, _ in rows) == ["ACTOR", "ACTOR", "DATE"]
    assert len(set(rows)) == len(rows)
    assert window.documents_dock.model.summary("a-claims").span_count == 3


def test_the_first_edit_of_a_project_with_nobody_in_it_makes_its_user_the_manager(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from annotator.core.values import Role
    from annotator.services import team
    from annotator.storage import changelog

    assert team.list_annotators(window.project) == []
    pane = next(p for p in window.area.panes if p.document_id == "a-claims")
    select_text(pane.editor, "الشاحنات")
    press(qtbot, pane.editor, Qt.Key.Key_2)
    assert team.role_of(window.project, "alice") is Role.MANAGER
    assert window.who.text() == "Annotator: alice (manager)"  # the status bar says so at once
    with window.project.database.unit_of_work() as s:
        first = next(c for c in changelog.changes(s) if c["action"] == "annotator.add")
    assert first["payload"]["first"] is True and first["payload"]["by"] == "alice"
    assert stored_spans(window.project.database.url.database, "a-claims")  # the edit itself is stored too
