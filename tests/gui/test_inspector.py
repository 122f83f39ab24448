"""The span inspector in the real window: attributes, refused values, date proposals, entities."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QPushButton

from annotator.core.dates import normalise_date
from annotator.gui.annotation.entity_tool import MentionsDialog
from annotator.services.entities import entities
from annotator.services.project import Project
from tests.gui.conftest import press
from tests.gui.structure_helpers import COMPANY, DAM, choose, make_project, pane, stored_attrs, tag, type_text

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _editor(win, label: str, name: str):  # type: ignore[no-untyped-def]
    return win.structure.inspector.editors[(label, name)]


def _type_and_enter(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    line = widget.lineEdit() if isinstance(widget, QComboBox) else widget
    line.setFocus()
    line.selectAll()
    press(qtbot, line, Qt.Key.Key_Backspace)
    type_text(line, text)
    press(qtbot, line, Qt.Key.Key_Return)


def _stored_entities(db):  # type: ignore[no-untyped-def]
    project = Project.open(db)
    try:
        return entities(project)
    finally:
        project.close()


def test_shows_the_selected_span_and_edits_its_attributes_from_the_keyboard(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    claim = tag(qtbot, ed, "السد الجديد سيبدأ التشغيل في أيار المقبل", Qt.Key.Key_1)
    inspector = win.structure.inspector
    assert inspector.title.text().startswith("CLAIM")
    assert inspector.text.text() == "السد الجديد سيبدأ التشغيل في أيار المقبل"
    assert inspector.text.textFormat() == Qt.TextFormat.PlainText
    factuality = _editor(win, "CLAIM", "factuality")
    values = [factuality.itemText(i) for i in range(factuality.count())]
    assert values == ["", "asserted", "denied", "hedged", "predicted"]
    # F2 takes the keyboard to the first attribute; typing a value and Enter stores it
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_F2)
    assert factuality.hasFocus() or factuality.lineEdit().hasFocus()
    _type_and_enter(qtbot, factuality, "predicted")
    assert stored_attrs(db, DAM, claim.id) == {"factuality": "predicted"}
    assert ed.state.spans.get(claim.id).attrs == {"factuality": "predicted"}
    # a check box, toggled with Space
    worthy = _editor(win, "CLAIM", "check_worthy")
    assert isinstance(worthy, QCheckBox)
    worthy.setFocus()
    press(qtbot, worthy, Qt.Key.Key_Space)
    assert stored_attrs(db, DAM, claim.id) == {"factuality": "predicted", "check_worthy": True}
    # undo through the window's undo stack; Esc goes back to the text
    press(qtbot, worthy, Qt.Key.Key_Escape)
    assert ed.hasFocus()
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert stored_attrs(db, DAM, claim.id) == {"factuality": "predicted"}
    assert not worthy.isChecked()


def test_an_unknown_value_is_refused_with_a_message_and_nothing_stored(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    claim = tag(qtbot, ed, "السد الجديد سيبدأ التشغيل في أيار المقبل", Qt.Key.Key_1)
    factuality = _editor(win, "CLAIM", "factuality")
    _type_and_enter(qtbot, factuality, "asserted")
    steps = win.controller.undo_stack.count()
    _type_and_enter(qtbot, factuality, "<b>rumoured</b>")
    message = win.structure.inspector.message
    assert "'<b>rumoured</b>' is not allowed (allowed: asserted, denied, hedged, predicted)" in message.text()
    assert message.textFormat() == Qt.TextFormat.PlainText
    assert stored_attrs(db, DAM, claim.id) == {"factuality": "asserted"}
    assert win.controller.undo_stack.count() == steps  # no step for a refused edit
    assert "Not saved" in win.statusBar().currentMessage()
    # a date value that is not TIMEX3 is refused too; a good one is stored
    when = tag(qtbot, ed, "أيار المقبل", Qt.Key.Key_3)
    value = _editor(win, "DATE", "value")
    _type_and_enter(qtbot, value, "May 2027")
    assert "is not a valid value" in message.text()
    assert stored_attrs(db, DAM, when.id) == {}
    _type_and_enter(qtbot, value, "2027-05")
    assert stored_attrs(db, DAM, when.id) == {"value": "2027-05"}
    assert message.text() == ""
    # an empty field removes the attribute
    _type_and_enter(qtbot, value, "")
    assert stored_attrs(db, DAM, when.id) == {}


def test_a_date_proposal_is_accepted_with_one_key(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    friday = tag(qtbot, ed, "يوم الجمعة", Qt.Key.Key_3)
    inspector = win.structure.inspector
    expected = normalise_date("يوم الجمعة", date(2026, 9, 3))
    assert expected is not None and expected.value == "2026-08-28"  # the Friday before publication
    assert inspector.proposal_label.text().startswith("2026-08-28 — relative to published 2026-09-03")
    assert inspector.accept_button.isEnabled()
    choose(qtbot, ed, friday)
    press(qtbot, ed, Qt.Key.Key_Return)  # Enter in the text accepts it
    assert stored_attrs(db, DAM, friday.id) == {"value": "2026-08-28"}
    assert _editor(win, "DATE", "value").text() == "2026-08-28"
    assert "date value 2026-08-28" in win.statusBar().currentMessage()
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert stored_attrs(db, DAM, friday.id) == {}
    # a period end: value and mod together
    year_end = tag(qtbot, pane(win, COMPANY).editor, "نهاية العام المقبل", Qt.Key.Key_3)
    qtbot.mouseClick(inspector.accept_button, Qt.MouseButton.LeftButton)
    assert stored_attrs(db, COMPANY, year_end.id) == {"value": "2027", "mod": "END"}
    # without a proposal (a word the date rules cannot read), Enter says so and stores nothing
    handover = tag(qtbot, ed, "التسليم", Qt.Key.Key_3)
    choose(qtbot, ed, handover)
    assert inspector.proposal is None
    press(qtbot, ed, Qt.Key.Key_Return)
    assert "No proposal" in win.statusBar().currentMessage()
    assert stored_attrs(db, DAM, handover.id) == {}


def test_create_an_entity_from_a_span_and_tag_its_other_mentions(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    actor = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    _type_and_enter(qtbot, _editor(win, "ACTOR", "type"), "person")
    choose(qtbot, ed, actor)
    press(qtbot, ed, Qt.Key.Key_E, CTRL | SHIFT)  # Create entity from span: one action, one step
    [ent] = _stored_entities(db)
    assert (ent.name, ent.type) == ("هاني الزعتري", "person")
    assert stored_attrs(db, DAM, actor.id) == {"type": "person", "entity": ent.id}
    assert _editor(win, "ACTOR", "entity").text() == "هاني الزعتري"
    # tag the other mention in this document: the dialog lists it checked; confirming tags it
    second_at = ed.state.text.index("هاني الزعتري", actor.end)

    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MentionsDialog)
        assert dialog.list.topLevelItemCount() == 1 and "«هاني الزعتري»" in dialog.list.topLevelItem(0).text(0)
        dialog.accept()

    QTimer.singleShot(0, confirm)
    press(qtbot, ed, Qt.Key.Key_M, CTRL | SHIFT)
    tagged = [s for s in ed.state.spans if s.start == second_at]
    assert len(tagged) == 1 and tagged[0].label == "ACTOR"
    assert stored_attrs(db, DAM, tagged[0].id) == {"entity": ent.id, "type": "person"}
    # in the open documents: the mention in the other pane's article; one step for all
    seen: list[int] = []

    def confirm_open() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MentionsDialog)
        seen.append(dialog.list.topLevelItemCount())
        dialog.accept()

    choose(qtbot, ed, actor)
    QTimer.singleShot(0, confirm_open)
    press(qtbot, ed, Qt.Key.Key_M, CTRL | ALT)
    assert seen == [1]
    other = pane(win, COMPANY).editor
    assert [s.text_in(other.state.text) for s in other.state.spans] == ["هاني الزعتري"]
    assert "tagged 1 mention of" in win.statusBar().currentMessage()
    choose(qtbot, ed, actor)
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    assert list(other.state.spans) == []
    # cancelling the dialog tags nothing
    choose(qtbot, ed, actor)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    press(qtbot, ed, Qt.Key.Key_M, CTRL | ALT)
    assert list(other.state.spans) == []


def test_the_entity_field_completes_from_the_project_and_refuses_unknown_names(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    first = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    press(qtbot, ed, Qt.Key.Key_E, CTRL | SHIFT)
    company = tag(qtbot, ed, "شركة الرافدين للإنشاءات", Qt.Key.Key_2)
    press(qtbot, ed, Qt.Key.Key_E, CTRL | SHIFT)
    other = pane(win, COMPANY).editor
    mention = tag(qtbot, other, "هاني الزعتري", Qt.Key.Key_2)
    field = _editor(win, "ACTOR", "entity")
    assert isinstance(field, QLineEdit) and field.text() == ""
    field.setFocus()
    type_text(field, "الزع")  # the start of a word inside the name
    assert field.completer().model().stringList() == ["هاني الزعتري"]
    _type_and_enter(qtbot, field, "وزارة غير موجودة")
    assert "no entity named 'وزارة غير موجودة'" in win.structure.inspector.message.text()
    assert stored_attrs(db, COMPANY, mention.id) == {}
    _type_and_enter(qtbot, field, "هاني الزعتري")
    assert stored_attrs(db, COMPANY, mention.id)["entity"] == stored_attrs(db, DAM, first.id)["entity"]
    assert stored_attrs(db, DAM, company.id)["entity"] != stored_attrs(db, DAM, first.id)["entity"]


def test_inspector_actions_say_what_is_needed(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    claim = tag(qtbot, ed, "السد الجديد سيبدأ التشغيل في أيار المقبل", Qt.Key.Key_1)
    press(qtbot, ed, Qt.Key.Key_E, CTRL | SHIFT)
    assert "entities are for actor spans" in win.statusBar().currentMessage()
    actor = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    press(qtbot, ed, Qt.Key.Key_M, CTRL | SHIFT)
    assert "Attach this span to an entity first" in win.statusBar().currentMessage()
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_Return)
    assert "Select a DATE span" in win.statusBar().currentMessage()
    assert _stored_entities(db) == [] and stored_attrs(db, DAM, actor.id) == {}


def test_a_schema_of_its_own_keeps_date_proposals_and_entity_actions_on_renamed_labels(qtbot, open_window,  # type: ignore[no-untyped-def]
                                                                                     tmp_path) -> None:
    from annotator.core.schema import parse_schema
    from annotator.services import schema as schema_service
    from tests.services.test_schema_roles import STUDY

    db = make_project(tmp_path / "p.sqlite")
    project = Project.open(db)
    try:
        schema_service.set_schema(project, parse_schema(STUDY, "study.toml"))
    finally:
        project.close()
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    friday = tag(qtbot, ed, "يوم الجمعة", Qt.Key.Key_3)
    inspector = win.structure.inspector
    assert friday.label == "WHEN" and inspector.title.text().startswith("WHEN")
    assert inspector.proposal_label.text().startswith("2026-08-28 — relative to published 2026-09-03")
    choose(qtbot, ed, friday)
    press(qtbot, ed, Qt.Key.Key_Return)
    assert stored_attrs(db, DAM, friday.id) == {"value": "2026-08-28"}  # WHEN has no mod attribute
    tag(qtbot, ed, "وزارة المياه", Qt.Key.Key_2)
    names = {b.text() for b in inspector.entity_buttons.findChildren(QPushButton)}
    assert "Create entity from span" in names
