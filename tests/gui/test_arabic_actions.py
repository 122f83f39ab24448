"""The main window's menus, actions, F1 table and status bar in Arabic, laid out right to left.

The interface is installed in Arabic for each test and English again after it (the test
process is shared). What these tests own: the menu bar's titles, every action of the
main window's table (text and status tip), the label and relation actions made from the
schema, the F1 table's rows, the status bar's who and its messages (tagging, panes, the
first manager). The menus' other parts (Team, suggestions, relations) are other modules'.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableWidget

from annotator.gui.common import actions as action_table
from tests.gui.conftest import press, select_text
from tests.gui.untranslated import english_left, untranslated

#: what stays as it is in these texts: the people, the documents, the CLI's commands
ALLOWED = ("alice", "a-claims", "b-wheat", "c-vote", "annotator import", "annotator export", "annotator schema",
           "SAME_DATE", "SAID_AT", "TIME")




def _own_ids(window) -> set[str]:  # type: ignore[no-untyped-def]
    """The ids of the actions this module declares (the fixed table and the schema's labels and relations)."""
    return {s.id for s in action_table.all_actions(window.project.schema)}


def test_menus_and_actions_are_arabic(qtbot, arabic, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(db_path)
    assert window.isRightToLeft()
    # the menu bar: every title Arabic, the first menu (File) at the right end
    assert untranslated(ALLOWED, [window.menuBar()]) == {}
    bar = window.menuBar()
    titles = [a for a in bar.actions() if a.isVisible()]
    assert titles[0].text() == "ملف" and titles[-1].text() == "مساعدة"
    assert bar.actionGeometry(titles[0]).x() > bar.actionGeometry(titles[-1]).x()
    # a menu item's keys are drawn left to right ("Ctrl+[", not "]+Ctrl"), by the menus' style
    assert all(isinstance(m.style(), action_table.KeysLeftToRight) for m in window.registry.menus.values())
    assert action_table.keys_text(("Ctrl+[", "Ctrl+Y")).count("\u2066") == 2
    # every action of the table, with its status tip
    own = _own_ids(window)
    left = {}
    for spec_id in own:
        action = window.actions_by_id[spec_id]
        for what, text in (("text", action.text()), ("tip", action.statusTip())):
            if spec_id.startswith(("label.", "relation.")) and what == "tip":
                continue  # a label's description is the schema's (data)
            if text and english_left(text, ALLOWED):
                left[f"{spec_id} {what}"] = text
    assert left == {}
    assert window.actions_by_id["label.ACTOR"].text() == "وسم ACTOR"
    assert window.actions_by_id["view.pane_2"].text() == "الانتقال إلى اللوحة ٢"  # the locale's digits
    assert any(i.startswith("relation.") for i in own)


def test_f1_table_is_arabic_and_right_to_left(qtbot, arabic, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(db_path)
    press(qtbot, window.area.panes[0].editor, Qt.Key.Key_F1)
    registry = window.registry
    qtbot.waitUntil(lambda: registry.shortcuts_dialog is not None and registry.shortcuts_dialog.isVisible())
    dialog = registry.shortcuts_dialog
    assert dialog.isRightToLeft()
    table = dialog.findChild(QTableWidget, "shortcutTable")
    rows = [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]
    own_texts = {window.actions_by_id[i].text().replace("&", "") for i in _own_ids(window)}
    help_rows = {registry.shown(what) for _keys, what in action_table.MAIN_HELP_ROWS}
    mine = [(keys, what) for keys, what in rows if what in own_texts or what in help_rows]
    assert len(mine) >= 60
    assert {f"{keys} {what}": what for keys, what in mine if english_left(f"{keys} {what}", ALLOWED)} == {}
    # the keys column is right of the actions column
    assert table.columnViewportPosition(0) > table.columnViewportPosition(1)
    dialog.resize(900, 700)
    dialog.grab().save("/tmp/actions-f1-ar.png")


def test_status_bar_speaks_arabic(qtbot, arabic, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(db_path)
    bar = window.statusBar()
    assert bar.currentMessage() == "يُحفظ كل تغيير فور إجرائه"
    assert window.who.text() == "الموسِّم: alice"
    # the first edit makes alice the manager: the status bar says it, then what was saved
    pane = next(p for p in window.area.panes if p.document_id == "a-claims")
    select_text(pane.editor, "الشاحنات")
    press(qtbot, pane.editor, Qt.Key.Key_2)
    assert window.who.text() == "الموسِّم: alice (مدير)"
    assert bar.currentMessage() == "حُفظ: وُسم ACTOR"
    said: list[str] = []
    window.controller.message.connect(said.append)
    window.mark_done()
    assert "حُفظ: عُلِّمت منجزة" in said  # (then the suggestions say they are training)
    window.undo()
    assert said[-1].startswith("حُفظ: تراجعتَ عن ")  # the step's own name is the service's (English for now)
    window.focus_pane(3)
    assert bar.currentMessage() == "لا توجد لوحة ٤"
    while len(window.area.panes) < 4:
        window.add_pane()
    window.add_pane()
    assert bar.currentMessage() == "أربع لوحات على الأكثر"
    assert untranslated(ALLOWED, [window.who, window.selected_info]) == {}


def test_panes_read_right_to_left(qtbot, arabic, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    """The first pane is the rightmost; F6 (next pane) moves the keyboard leftwards, in reading order."""
    window = open_window(db_path)
    window.add_pane()
    panes = window.area.panes
    assert window.area.isRightToLeft() and len(panes) == 3
    xs = [p.mapTo(window, QPoint(0, 0)).x() for p in panes]
    assert xs[0] > xs[1] > xs[2]
    window.focus_pane(0)
    window.focus_pane_step(1)
    assert window.area.active is panes[1]
    # swapping with the next exchanges it with its left neighbour
    first = panes[0]
    window.area.swap_with_next(first)
    assert window.area.panes[1] is first
    assert first.mapTo(window, QPoint(0, 0)).x() < window.area.panes[0].mapTo(window, QPoint(0, 0)).x()
    window.grab().save("/tmp/actions-ar.png")


def test_english_again_after_arabic(qtbot, open_window, db_path) -> None:  # type: ignore[no-untyped-def]
    """The fixture puts English back: the next window is English and left to right."""
    window = open_window(db_path)
    assert not window.isRightToLeft()
    assert window.actions_by_id["file.quit"].text() == "&Quit"
    assert window.menuBar().actions()[0].text() == "&File"
