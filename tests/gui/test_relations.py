"""Relations in the real window: relation keys, the picker, clicking, the panel, undo, delete, reopen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence, QTextCursor

from annotator.gui.annotation.picker import SpanPicker
from tests.gui.conftest import press
from tests.gui.structure_helpers import (
    COMPANY,
    DAM,
    choose,
    make_project,
    pane,
    stored_relations,
    tag,
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CLAIM_WORDS = "السد الجديد سيبدأ التشغيل في أيار المقبل"


def _tagged(qtbot, win):  # type: ignore[no-untyped-def]
    ed = pane(win, DAM).editor
    claim = tag(qtbot, ed, CLAIM_WORDS, Qt.Key.Key_1)
    actor = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    second = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2, occurrence=1)
    date = tag(qtbot, ed, "أيار المقبل", Qt.Key.Key_3)
    friday = tag(qtbot, ed, "يوم الجمعة", Qt.Key.Key_3)
    return ed, claim, actor, second, date, friday


def _claim_with_source_and_time(qtbot, win):  # type: ignore[no-untyped-def]
    """Tag the dam article's spans and give its claim a SOURCE and a TIME with the relation keys."""
    ed, claim, actor, _second, _date, friday = _tagged(qtbot, win)
    for key in (Qt.Key.Key_S, Qt.Key.Key_T):
        choose(qtbot, ed, claim)
        press(qtbot, ed, key)
        press(qtbot, _picker(ed).list, Qt.Key.Key_Return)
    return ed, claim, actor, friday


def _picker(ed) -> SpanPicker:  # type: ignore[no-untyped-def]
    pickers = [p for p in ed.findChildren(SpanPicker) if p.isVisible()]
    assert len(pickers) == 1
    return pickers[0]


def _point_of(ed, span):  # type: ignore[no-untyped-def]
    """A viewport point inside *span* (the middle of its text)."""
    cursor = QTextCursor(ed.document())
    cursor.setPosition(ed.state.u16.to_utf16((span.start + span.end) // 2))
    return ed.cursorRect(cursor).center()


def test_relation_key_opens_a_picker_sorted_by_distance_and_enter_stores_the_relation(
        qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed, claim, actor, second, _date, _friday = _tagged(qtbot, win)
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_S)
    picker = _picker(ed)
    # actors only, nearest first: the one after the claim (8 characters away), then the one before it
    assert picker.candidate_ids() == [second.id, actor.id]
    assert picker.list.hasFocus()
    press(qtbot, picker.list, Qt.Key.Key_Down)
    press(qtbot, picker.list, Qt.Key.Key_Return)
    rels = stored_relations(db, DAM)
    assert [(r.type, r.head, r.tail) for r in rels] == [("SOURCE", claim.id, actor.id)]
    assert not any(p.isVisible() for p in ed.findChildren(SpanPicker))
    assert ed.selected_span().id == claim.id  # ready for the next key
    assert "SOURCE relation added" in win.statusBar().currentMessage()
    # listed in the panel: type, head text, tail text
    model = win.structure.relations_dock.model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(3)] == ["SOURCE", CLAIM_WORDS, "هاني الزعتري"]
    # drawn: the claim's badge, and (it is selected) the arc to its source
    overlay = win.structure.overlays[ed]
    ed.viewport().repaint()
    assert (claim.id, "S") in overlay.painted_badges
    assert overlay.painted_arcs == [rels[0].id]
    # the tool tip of the actor names its claim, as plain text
    assert ed.describe_span(actor) == [f"SOURCE of ← \u2068{CLAIM_WORDS}\u2069"]  # isolated: no bidi reordering


def test_clicking_the_other_end_in_the_text_and_digit_keys_pick_too(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed, claim, actor, _second, date, friday = _tagged(qtbot, win)
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_T)
    assert _picker(ed).candidate_ids() == [date.id, friday.id]  # the date inside the claim first
    qtbot.mouseClick(ed.viewport(), Qt.MouseButton.LeftButton, pos=_point_of(ed, friday))
    assert [(r.type, r.tail) for r in stored_relations(db, DAM)] == [("TIME", friday.id)]
    # a digit picks the n-th candidate
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_A)
    press(qtbot, _picker(ed).list, Qt.Key.Key_2)
    assert [(r.type, r.tail) for r in stored_relations(db, DAM)] == [("TIME", friday.id), ("TARGET", actor.id)]


def test_escape_cancels_and_a_wrong_start_says_why(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed, claim, _actor, _second, date, _friday = _tagged(qtbot, win)
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_S)
    press(qtbot, _picker(ed).list, Qt.Key.Key_Escape)
    assert not any(p.isVisible() for p in ed.findChildren(SpanPicker))
    assert stored_relations(db, DAM) == []
    assert "No relation added" in win.statusBar().currentMessage()
    assert ed.hasFocus()
    choose(qtbot, ed, date)
    press(qtbot, ed, Qt.Key.Key_S)  # SOURCE goes from a claim to an actor, not from a date
    assert "SOURCE goes from CLAIM to ACTOR" in win.statusBar().currentMessage()
    assert not ed.findChildren(SpanPicker) or not any(p.isVisible() for p in ed.findChildren(SpanPicker))


def test_the_key_on_an_actor_picks_its_claim(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed, claim, actor, _second, _date, _friday = _tagged(qtbot, win)
    choose(qtbot, ed, actor)
    press(qtbot, ed, Qt.Key.Key_S)
    assert _picker(ed).candidate_ids() == [claim.id]
    press(qtbot, _picker(ed).list, Qt.Key.Key_Return)
    assert [(r.type, r.head, r.tail) for r in stored_relations(db, DAM)] == [("SOURCE", claim.id, actor.id)]


def test_undo_redo_and_delete_from_the_panel(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed, claim, _actor, _friday = _claim_with_source_and_time(qtbot, win)
    assert [r.type for r in stored_relations(db, DAM)] == ["SOURCE", "TIME"]
    model = win.structure.relations_dock.model
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert [r.type for r in stored_relations(db, DAM)] == ["SOURCE"]
    assert model.rowCount() == 1
    assert "undid Add TIME relation" in win.statusBar().currentMessage()
    press(qtbot, ed, Qt.Key.Key_Z, CTRL | SHIFT)
    assert [r.type for r in stored_relations(db, DAM)] == ["SOURCE", "TIME"]
    assert model.rowCount() == 2
    # choosing a row selects the head in the pane; Delete in the list deletes the relation, not the span
    dock = win.structure.relations_dock
    dock.view.setFocus()
    dock.view.selectRow(0)
    source_id = dock.current_relation()
    assert ed.selected_span().id == claim.id
    assert win.structure.overlays[ed].focus_relation == source_id
    press(qtbot, dock.view, Qt.Key.Key_Delete)
    assert [r.type for r in stored_relations(db, DAM)] == ["TIME"]
    assert claim.id in ed.state.spans  # the span stays
    assert model.rowCount() == 1
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert sorted(r.type for r in stored_relations(db, DAM)) == ["SOURCE", "TIME"]


def test_relations_survive_reopening(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed, claim, _actor, *_ = _tagged(qtbot, win)
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_S)
    press(qtbot, _picker(ed).list, Qt.Key.Key_Return)
    win.close()
    again = open_window(db, [DAM, COMPANY])
    ed2 = pane(again, DAM).editor
    again.area.set_active(pane(again, DAM))
    model = again.structure.relations_dock.model
    assert [model.index(0, c).data() for c in range(3)] == ["SOURCE", CLAIM_WORDS, "هاني الزعتري"]
    ed2.viewport().repaint()
    assert (claim.id, "S") in again.structure.overlays[ed2].painted_badges


def test_deleting_a_span_with_relations_says_what_went_with_it_and_undo_restores_all(
        qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed, claim, _actor, *_ = _tagged(qtbot, win)
    for key in (Qt.Key.Key_S, Qt.Key.Key_T):
        choose(qtbot, ed, claim)
        press(qtbot, ed, key)
        press(qtbot, _picker(ed).list, Qt.Key.Key_Return)
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_Delete)
    assert claim.id not in ed.state.spans
    assert stored_relations(db, DAM) == []
    message = win.statusBar().currentMessage()
    assert "span deleted, and with it its 2 relations and links" in message
    assert win.controller.undo_stack.undoText() == "Delete span with 2 relations and links"
    assert win.structure.relations_dock.model.rowCount() == 0
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert claim.id in ed.state.spans
    assert sorted(r.type for r in stored_relations(db, DAM)) == ["SOURCE", "TIME"]
    assert win.structure.relations_dock.model.rowCount() == 2


def test_relabelling_a_span_its_relations_forbid_is_refused(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed, claim, _actor, second, *_ = _tagged(qtbot, win)
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_S)
    press(qtbot, _picker(ed).list, Qt.Key.Key_Return)  # the first candidate: the nearest actor
    choose(qtbot, ed, second)
    press(qtbot, ed, Qt.Key.Key_3)  # relabel the SOURCE actor as a DATE
    assert "Not relabelled" in win.statusBar().currentMessage()
    assert ed.state.spans.get(second.id).label == "ACTOR"


def test_relation_keys_come_from_the_schema_with_the_arabic_layout_letters(window) -> None:  # type: ignore[no-untyped-def]
    keys = {name: [k.toString() for k in window.actions_by_id[f"relation.{name}"].shortcuts()]
            for name in ("SOURCE", "TIME", "TARGET")}
    assert keys == {"SOURCE": ["S", "س"], "TIME": ["T", "ف"], "TARGET": ["A", "ش"]}
    # only in the panes' text: typing these letters in a field is typing
    action = window.actions_by_id["relation.SOURCE"]
    assert action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert action in window.area.panes[0].editor.actions()
    assert window.menus["Relations"].actions()[0] is action
    assert QKeySequence("Ctrl+L") in window.actions_by_id["link.add"].shortcuts()
    menu = window.area.panes[0].editor.context_menu(QPoint(1, 1))
    assert action in menu.actions() and window.actions_by_id["link.add"] in menu.actions()


def test_the_screenshot_command_can_select_a_span_to_draw_its_relations(qtbot, tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner
    from PySide6.QtGui import QImage

    from annotator.cli.main import cli
    from annotator.services.project import Project
    from annotator.services.relations import AddRelation
    from annotator.services.spans import AddSpan

    db = make_project(tmp_path / "p.sqlite")
    project = Project.open(db)
    try:
        text = project.document(DAM).text
        claim, actor = (AddSpan(DAM, "alice", text.index(w), text.index(w) + len(w), label)
                        for w, label in ((CLAIM_WORDS, "CLAIM"), ("هاني الزعتري", "ACTOR")))
        claim.do(project)
        actor.do(project)
        AddRelation(DAM, "alice", "SOURCE", claim.span_id, actor.span_id).do(project)
    finally:
        project.close()
    out = tmp_path / "shot.png"
    args = ["--db", str(db), "screenshot", "--out", str(out), "--docs", DAM, COMPANY, "--as", "alice"]
    result = CliRunner().invoke(cli, [*args, "--select", claim.span_id], obj={})
    assert result.exit_code == 0, result.output
    assert QImage(str(out)).width() == 1400
    result = CliRunner().invoke(cli, [*args, "--select", "s-nowhere"], obj={})
    assert result.exit_code == 2 and result.output == "error: no span 's-nowhere' in the documents shown\n"


def test_show_all_relation_arcs_draws_every_relation_on_screen(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(make_project(tmp_path / "p.sqlite"), [DAM, COMPANY])
    ed, _claim, _actor, friday = _claim_with_source_and_time(qtbot, win)
    overlay = win.structure.overlays[ed]
    choose(qtbot, ed, friday)  # a span with no relations: only badges
    ed.viewport().repaint()
    assert overlay.painted_arcs == []
    press(qtbot, ed, Qt.Key.Key_R, CTRL | SHIFT)
    assert win.actions_by_id["view.all_arcs"].isChecked()
    ed.viewport().repaint()
    assert len(overlay.painted_arcs) == 2  # SOURCE and TIME, though the claim is not selected
    press(qtbot, ed, Qt.Key.Key_R, CTRL | SHIFT)
    ed.viewport().repaint()
    assert overlay.painted_arcs == []
