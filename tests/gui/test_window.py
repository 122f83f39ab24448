"""The window as a whole: panes, persistence, plain text, astral offsets, status, zoom."""

from __future__ import annotations

import contextlib
import socket
import threading

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QToolTip, QWidget

from annotator.core.text import paragraph_direction
from annotator.core.values import SetStatus
from annotator.services.project import Project
from tests.gui.conftest import CLAIM_TEXT, add_documents, press, select_text, stored_spans

CTRL = Qt.KeyboardModifier.ControlModifier


def _pane(window, doc_id):  # type: ignore[no-untyped-def]
    return next(p for p in window.area.panes if p.document_id == doc_id)


def test_two_documents_side_by_side_findable_by_name(window) -> None:  # type: ignore[no-untyped-def]
    panes = window.findChildren(QWidget, "documentPane")
    assert sorted(p.accessibleName() for p in panes) == sorted(["الوزير والمعبر", "موسم القمح"])
    assert [p.accessibleName() for p in window.area.panes] == ["الوزير والمعبر", "موسم القمح"]
    left, _right = window.area.panes
    assert left.editor.toPlainText() == CLAIM_TEXT
    assert left.editor.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # Arabic paragraphs are laid out right-aligned, the English one left-aligned
    doc = left.editor.document()
    arabic, english = doc.findBlockByNumber(0), doc.findBlockByNumber(2)
    width = left.editor.viewport().width()
    assert arabic.layout().lineAt(0).naturalTextRect().right() > width - 20
    assert english.layout().lineAt(0).naturalTextRect().left() < 20
    # every paragraph is laid out in the direction core.text.paragraph_direction gives
    block = doc.firstBlock()
    while block.isValid():
        expected = paragraph_direction(block.text(), "rtl")
        want = Qt.LayoutDirection.RightToLeft if expected == "rtl" else Qt.LayoutDirection.LeftToRight
        left.editor.blockBoundingRect(block)  # laid out as before painting
        assert block.layout().textOption().textDirection() == want, block.text()
        block = block.next()


def test_main_window_opens_the_given_documents(open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(db_path, ["c-vote", "a-claims"])
    assert win.area.document_ids() == ["c-vote", "a-claims"]


def test_spans_and_layout_survive_closing_and_reopening(qtbot, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(db_path)
    ed = _pane(win, "a-claims").editor
    claim = select_text(ed, "المعبر سيفتح أبوابه في تشرين الأول المقبل")
    press(qtbot, ed, Qt.Key.Key_1)
    date = select_text(ed, "تشرين الأول")
    press(qtbot, ed, Qt.Key.Key_3)
    win.add_pane()
    assert win.area.document_ids() == ["a-claims", "b-wheat", "c-vote"]
    win.area.swap_with_next(win.area.panes[0])
    win.close()

    again = open_window(db_path)
    assert again.area.document_ids() == ["b-wheat", "a-claims", "c-vote"]
    ed = _pane(again, "a-claims").editor
    assert [(s.start, s.end, s.label) for s in ed.state.spans] == [(*claim, "CLAIM"), (*date, "DATE")]
    assert again.spans_dock.model.rowCount() == 2
    summary = again.documents_dock.model.summary("a-claims")
    assert summary.span_count == 2 and summary.status is SetStatus.IN_PROGRESS
    qtbot.waitUntil(lambda: ed.highlighter.is_current(ed.document().firstBlock()))
    assert len(ed.document().firstBlock().layout().formats()) >= 2


def test_markup_in_documents_is_shown_literally_and_nothing_is_fetched(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    hits: list[object] = []
    stop = threading.Event()

    def listen() -> None:
        while not stop.is_set():
            with contextlib.suppress(OSError):
                hits.append(server.accept())

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    markup = f'<b>x</b><img src="http://127.0.0.1:9/x.png"><img src="http://127.0.0.1:{port}/y.png">'
    text = f"قال المتحدث {markup} في بيان.\nنص آخر."
    db = tmp_path / "markup.sqlite"
    add_documents(
        db, [("m", f"<b>عنوان</b><img src='http://127.0.0.1:{port}/t.png'>", text), ("n", "ثاني", "نص ثاني.")]
    )
    try:
        win = open_window(db, annotator=f"<i>eve</i><img src='http://127.0.0.1:{port}/n.png'>")
        pane = _pane(win, "m")
        ed = pane.editor
        assert ed.toPlainText() == text
        assert pane.accessibleName().startswith("<b>عنوان</b>")
        assert pane.chooser.currentText().startswith("<b>عنوان</b>")
        assert win.documents_dock.model.item(0).title.startswith("<b>")
        index = win.documents_dock.model.index(0, 0)
        assert index.data().startswith("<b>عنوان</b>")
        # every QLabel showing data is plain text
        who = win.findChild(QLabel, "annotatorName")
        assert who.textFormat() == Qt.TextFormat.PlainText and "<i>eve</i>" in who.text()
        # tag the markup and hover it: the tool tip shows the characters, escaped
        start = text.index("<b>")
        ed.select_range(start, start + len(markup))
        ed.char_precision_once = True
        press(qtbot, ed, Qt.Key.Key_1)
        qtbot.waitUntil(lambda: win.spans_dock.proxy.rowCount() == 1)
        assert win.spans_dock.proxy.index(0, 1).data().startswith("<b>x</b>")
        c = QTextCursor(ed.document())
        c.setPosition(ed.state.u16.to_utf16(start + 4))
        point = ed.cursorRect(c).center()
        QApplication.sendEvent(ed.viewport(), QHelpEvent(QEvent.Type.ToolTip, point, ed.viewport().mapToGlobal(point)))
        qtbot.waitUntil(lambda: QToolTip.isVisible())
        assert "&lt;b&gt;x&lt;/b&gt;&lt;img" in QToolTip.text()
        win.grab()  # paint everything once
        qtbot.wait(300)
    finally:
        stop.set()
        thread.join(2)
        server.close()
    assert hits == []


def test_astral_characters_before_the_selection_keep_code_point_offsets(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "قال 🙂 المتحدث إن العلم 🇮🇶 رُفع والرقم 𝟚 صحيح وإن الوزير عويدات وصل.\nسطر ثانٍ 🙂 فيه رئيس الوزراء."
    db = tmp_path / "astral.sqlite"
    add_documents(db, [("x", "أرقام", text), ("y", "آخر", "نص.")])
    win = open_window(db)
    ed = _pane(win, "x").editor
    start, end = select_text(ed, "الوزير عويدات")
    assert ed.textCursor().selectionStart() == start + 4  # Qt counts 4 more UTF-16 units here
    press(qtbot, ed, Qt.Key.Key_2)
    start2, end2 = select_text(ed, "رئيس الوزراء")
    press(qtbot, ed, Qt.Key.Key_2)
    spans = stored_spans(db, "x")
    assert spans == [(start, end, "ACTOR"), (start2, end2, "ACTOR")]
    assert text[spans[0][0]:spans[0][1]] == "الوزير عويدات"
    assert text[spans[1][0]:spans[1][1]] == "رئيس الوزراء"
    # and the highlight lands on the same characters in Qt's units
    block = ed.document().findBlock(ed.state.u16.to_utf16(start))
    fmt = next(f for f in block.layout().formats())
    assert (
        text.encode("utf-16-le")[
            2 * (block.position() + fmt.start) : 2 * (block.position() + fmt.start + fmt.length)
        ].decode("utf-16-le")
        == "الوزير عويدات"
    )


def test_mark_done_and_go_to_next_from_the_keyboard(qtbot, window, db_path) -> None:  # type: ignore[no-untyped-def]
    ed = _pane(window, "a-claims").editor
    ed.setFocus()
    window.area.set_active(window.area.panes[0])
    press(qtbot, ed, Qt.Key.Key_Return, CTRL)
    project = Project.open(db_path)
    try:
        assert project.status("a-claims", "alice") is SetStatus.DONE
    finally:
        project.close()
    assert window.area.panes[0].document_id == "b-wheat"
    assert window.documents_dock.model.summary("a-claims").status is SetStatus.DONE
    press(qtbot, window.area.panes[0].editor, Qt.Key.Key_Z, CTRL)  # undo the status change
    assert window.documents_dock.model.summary("a-claims").status is not SetStatus.DONE


@pytest.mark.parametrize(("before", "rule_sets"), [
    (SetStatus.DONE, SetStatus.IN_PROGRESS),  # a project that reopens a done document when it is edited
    (SetStatus.NEW, SetStatus.NEW),  # a project where a first span does not start a document
])
def test_the_status_shown_after_an_edit_is_the_projects(qtbot, monkeypatch, open_window, db_path,  # type: ignore[no-untyped-def]
                                                        before, rule_sets) -> None:
    """The window never works the status out itself: after an edit it shows what the project stored."""
    if before is not SetStatus.NEW:
        project = Project.open(db_path)
        try:
            project.set_status("a-claims", "alice", before)
        finally:
            project.close()
    win = open_window(db_path, ["a-claims"])
    pane = _pane(win, "a-claims")
    assert pane.status.text() == before.value.replace("_", " ")
    project = win.project
    add_span_stored = project.add_span_stored

    def add_by_this_projects_rule(doc_id, annotator, *args, **kwargs):  # type: ignore[no-untyped-def]
        span, _status = add_span_stored(doc_id, annotator, *args, **kwargs)
        project.set_status(doc_id, annotator, rule_sets)
        return span, project.status(doc_id, annotator)  # what this project stored with the tag

    monkeypatch.setattr(project, "add_span_stored", add_by_this_projects_rule)
    select_text(pane.editor, "المعبر")
    press(qtbot, pane.editor, Qt.Key.Key_1)
    model = win.documents_dock.model
    row = model.row_of("a-claims")
    qtbot.waitUntil(lambda: model.summary("a-claims").span_count == 1)
    shown = rule_sets.value.replace("_", " ")
    qtbot.waitUntil(lambda: model.data(model.index(row, 2)) == shown)
    assert model.summary("a-claims").status is rule_sets is project.status("a-claims", "alice")
    qtbot.waitUntil(lambda: pane.status.text() == shown)
    qtbot.waitUntil(lambda: pane.status.width() >= pane.status.sizeHint().width())  # laid out again
    pane.status.grab()  # painted as a screen would show it
    assert pane.status.painted.shown == shown


def test_document_list_filters_by_text_and_status(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    dock = window.documents_dock
    assert dock.model.rowCount() == 3
    dock.filter_edit.setText("القمح")
    assert dock.model.rowCount() == 1
    dock.filter_edit.clear()
    window.mark_done()
    dock.status_filter.setCurrentIndex(dock.status_filter.findData("done"))
    assert dock.model.rowCount() == 1
    dock.status_filter.setCurrentIndex(0)
    assert dock.model.rowCount() == 3


def test_panes_up_to_four_swap_and_choose(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.add_pane()
    window.add_pane()
    window.add_pane()  # a fifth is refused
    assert len(window.area.panes) == 4
    first = window.area.panes[0]
    first.chooser.activated.emit(first.chooser.findData("c-vote"))
    assert first.document_id == "c-vote" and first.accessibleName() == "الانتخابات"
    window.area.swap_with_next(first)
    assert window.area.panes[1] is first
    window.area.remove_pane(first)
    assert len(window.area.panes) == 3


def test_zoom_changes_the_text_size_and_is_remembered(qtbot, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(db_path)
    ed = win.area.panes[0].editor
    size = ed.document().defaultFont().pointSize()
    press(qtbot, ed, Qt.Key.Key_Plus, CTRL)
    press(qtbot, ed, Qt.Key.Key_Plus, CTRL)
    assert ed.document().defaultFont().pointSize() == size + 2
    win.close()
    again = open_window(db_path)
    assert again.area.panes[0].editor.document().defaultFont().pointSize() == size + 2


def test_annotator_name_comes_from_the_environment(qtbot, open_window, db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui import main_window

    monkeypatch.setenv("ANNOTATOR_USER", "bob")
    win = main_window(db_path)
    qtbot.addWidget(win)
    assert win.controller.annotator == "bob"
    win.close()
