"""Links across panes in the real window: the action, the type chooser, markers, panel, undo, reopen."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.gui.annotation.editor import span_tooltip
from annotator.gui.annotation.link_tool import LinkTypeChooser
from tests.gui.conftest import press
from tests.gui.structure_helpers import (
    COMPANY,
    COMPANY_TITLE,
    DAM,
    DAM_TITLE,
    OTHER,
    choose,
    make_project,
    pane,
    stored_links,
    tag,
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DAM_CLAIM = "السد الجديد سيبدأ التشغيل في أيار المقبل"
COMPANY_CLAIM = "السد لن يعمل قبل نهاية العام المقبل"


def _claims(qtbot, win):  # type: ignore[no-untyped-def]
    left, right = pane(win, DAM).editor, pane(win, COMPANY).editor
    a = tag(qtbot, left, DAM_CLAIM, Qt.Key.Key_1)
    b = tag(qtbot, right, COMPANY_CLAIM, Qt.Key.Key_1)
    return left, right, a, b


def _badges(editor):  # type: ignore[no-untyped-def]
    editor.viewport().repaint()
    overlay = editor.window().structure.overlays[editor]
    return overlay.painted_badges


def _link_with_chooser(qtbot, win, left, right, a, b, row_key: Qt.Key) -> list[str]:  # type: ignore[no-untyped-def]
    """Select a in the left pane, b in the right one, press Ctrl+L and answer the chooser with a digit."""
    choose(qtbot, left, a)
    choose(qtbot, right, b)
    offered: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LinkTypeChooser)
        offered.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        press(qtbot, dialog.list, row_key)

    QTimer.singleShot(0, answer)
    press(qtbot, right, Qt.Key.Key_L, CTRL)
    return offered


def test_link_two_claims_across_panes_marked_in_both_and_listed(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    left, right, a, b = _claims(qtbot, win)
    offered = _link_with_chooser(qtbot, win, left, right, a, b, Qt.Key.Key_2)
    assert offered == ["1. SAME_CLAIM", "2. CONTRADICTS", "3. SUPPORTS: this span → the other",
                       "4. SUPPORTS: the other span → this"]
    [link] = stored_links(db)
    # the active pane (the right one) is the source
    assert (link.type, link.source_doc, link.source_span, link.target_doc, link.target_span) == (
        "CONTRADICTS", COMPANY, b.id, DAM, a.id)
    # the same numbered marker on both ends
    assert (a.id, "1") in _badges(left)
    assert (b.id, "1") in _badges(right)
    assert win.structure.state.marks(DAM)[a.id][0].colour == win.structure.state.marks(COMPANY)[b.id][0].colour
    # hovering one end shows its partner: type, the other document's title, the other span's text (plain)
    assert left.describe_span(a) == [f"Link 1 CONTRADICTS ↔ {COMPANY_TITLE}: {COMPANY_CLAIM}"]
    tip = span_tooltip([a], left.state.text, left.describe_span)
    assert "CONTRADICTS" in tip and COMPANY_TITLE in tip and "<b>CLAIM</b>" in tip
    # the links panel lists it with both ends and their documents
    model = win.structure.links_dock.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(6)] == ["1", "CONTRADICTS", COMPANY_TITLE, COMPANY_CLAIM,
                                                             DAM_TITLE, DAM_CLAIM]
    assert "link 1, marked in both panes" in win.statusBar().currentMessage()


def test_a_directed_link_can_go_either_way(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    left, right, a, b = _claims(qtbot, win)
    _link_with_chooser(qtbot, win, left, right, a, b, Qt.Key.Key_4)
    [link] = stored_links(db)
    assert (link.type, link.source_span, link.target_span) == ("SUPPORTS", a.id, b.id)


def test_dates_link_without_asking_and_mismatched_labels_are_refused(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    left, right, a, b = _claims(qtbot, win)
    d1 = tag(qtbot, left, "يوم الجمعة", Qt.Key.Key_3)
    d2 = tag(qtbot, right, "يوم السبت", Qt.Key.Key_3)
    choose(qtbot, right, d2)
    choose(qtbot, left, d1)
    press(qtbot, left, Qt.Key.Key_L, CTRL)  # only SAME_DATE fits two dates: no question
    [link] = stored_links(db)
    assert (link.type, link.source_span, link.target_span) == ("SAME_DATE", d1.id, d2.id)
    choose(qtbot, left, a)
    press(qtbot, left, Qt.Key.Key_L, CTRL)  # a claim and a date
    assert "A CLAIM and a DATE cannot be linked" in win.statusBar().currentMessage()
    assert len(stored_links(db)) == 1
    choose(qtbot, right, b)
    left.setFocus()
    win.area.set_active(pane(win, DAM))
    left.select_span(None)
    press(qtbot, left, Qt.Key.Key_L, CTRL)
    assert "Select a span in one pane and a span in another" in win.statusBar().currentMessage()


def test_undo_redo_and_reopen_keep_the_link_and_its_markers(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    left, right, a, b = _claims(qtbot, win)
    _link_with_chooser(qtbot, win, left, right, a, b, Qt.Key.Key_1)
    assert [lk.type for lk in stored_links(db)] == ["SAME_CLAIM"]
    choose(qtbot, right, b)
    press(qtbot, right, Qt.Key.Key_Z, CTRL)
    assert stored_links(db) == []
    assert (a.id, "1") not in _badges(left) and (b.id, "1") not in _badges(right)
    assert win.structure.links_dock.model.rowCount() == 0
    press(qtbot, right, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [lk.type for lk in stored_links(db)] == ["SAME_CLAIM"]
    assert (a.id, "1") in _badges(left) and (b.id, "1") in _badges(right)
    win.close()
    again = open_window(db, [DAM, COMPANY])
    left2, right2 = pane(again, DAM).editor, pane(again, COMPANY).editor
    assert (a.id, "1") in _badges(left2) and (b.id, "1") in _badges(right2)
    assert again.structure.links_dock.model.rowCount() == 1
    # deleting a linked span takes the link with it, in one step
    choose(qtbot, left2, left2.state.spans.get(a.id))
    press(qtbot, left2, Qt.Key.Key_Delete)
    assert stored_links(db) == []
    assert "with it its 1 relation or link" in again.statusBar().currentMessage()
    assert not _badges(right2)
    press(qtbot, left2, Qt.Key.Key_Z, CTRL)
    assert [lk.type for lk in stored_links(db)] == ["SAME_CLAIM"]
    assert (b.id, "1") in _badges(right2)


def test_the_links_panel_jumps_to_either_end_and_deletes(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    left, right, a, b = _claims(qtbot, win)
    _link_with_chooser(qtbot, win, left, right, a, b, Qt.Key.Key_1)
    dock = win.structure.links_dock
    # the right pane shows another document now: the link still lists (its end in the left pane is open)
    win.open_in(win.area.panes[1], OTHER)
    assert dock.model.rowCount() == 1
    left.select_span(None)
    dock.view.setFocus()
    dock.view.selectRow(0)
    qtbot.mouseClick(dock.source_button, Qt.MouseButton.LeftButton)  # the company's claim: not shown
    assert win.area.document_ids() == [DAM, COMPANY]  # opened where it does not hide the other end
    assert pane(win, COMPANY).editor.selected_span().id == b.id
    qtbot.mouseClick(dock.target_button, Qt.MouseButton.LeftButton)
    assert win.area.active is pane(win, DAM) and left.selected_span().id == a.id
    dock.view.setFocus()
    dock.view.selectRow(0)
    press(qtbot, dock.view, Qt.Key.Key_Delete)
    assert stored_links(db) == []
    assert a.id in left.state.spans  # Delete in the panel deletes the link only
    assert dock.model.rowCount() == 0
