"""One action registry per window: F1 lists every key that exists in that window, readably."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QTableWidget

from tests.gui.conftest import press
from tests.gui.test_adjudication_view import open_view, team_db  # noqa: F401 (fixture)

NATIVE = QKeySequence.SequenceFormat.NativeText


def _f1_table(qtbot, window, widget) -> QTableWidget:  # type: ignore[no-untyped-def]
    """Press F1 in *widget* and return the shortcut table that opens (beside the window, not modal)."""
    registry = window.registry
    press(qtbot, widget, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: registry.shortcuts_dialog is not None and registry.shortcuts_dialog.isVisible())
    dialog = registry.shortcuts_dialog
    qtbot.waitExposed(dialog)
    table = dialog.findChild(QTableWidget, "shortcutTable")
    assert table is not None
    return table


def _rows(table: QTableWidget) -> list[tuple[str, str]]:
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def _assert_every_shortcut_listed(window, rows: list[tuple[str, str]]) -> int:  # type: ignore[no-untyped-def]
    """Every QAction of *window* that has a key is a row: its text and all of its keys."""
    found = 0
    for action in window.findChildren(QAction):
        if not action.shortcuts():
            continue
        keys = ", ".join(k.toString(NATIVE) for k in action.shortcuts())
        what = action.text().replace("&", "")
        assert (keys, what) in rows, f"{action.objectName()}: {keys} {what!r} is not in the F1 table"
        found += 1
    return found


def _assert_columns_not_clipped(table: QTableWidget) -> None:
    fm = table.fontMetrics()
    margin = 2 * (table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    for r in range(table.rowCount()):
        for c in (0, 1):
            text = table.item(r, c).text()
            assert table.columnWidth(c) >= fm.horizontalAdvance(text) + margin, (c, text)
    # and both columns are inside the visible part of the table: nothing scrolled out of sight
    assert table.columnWidth(0) + table.columnWidth(1) <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0


def test_f1_in_the_main_window_lists_every_key_including_team(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    table = _f1_table(qtbot, window, window.area.panes[0].editor)
    rows = _rows(table)
    assert _assert_every_shortcut_listed(window, rows) >= 40
    for keys, what in (("Ctrl+Shift+J", "Adjudicate document…"), ("Ctrl+Shift+G", "Agreement…"),
                       ("Ctrl+Shift+PgDown", "Next assigned document")):
        assert (QKeySequence(keys).toString(NATIVE), what) in rows
    assert ("Tab / Shift+Tab", "Next / previous span (in the text)") in rows
    for keys, what in (("Ctrl+F", "Find in this document…"), ("F3", "Find next"), ("Shift+F3", "Find previous")):
        assert (QKeySequence(keys).toString(NATIVE), what) in rows
    assert ("Enter / Shift+Enter (in the find bar)", "Next / previous match") in rows
    assert ("Esc (in the find bar)", "Close it: the matches go, the current one stays selected") in rows
    _assert_columns_not_clipped(table)


def test_team_menu_is_built_by_the_registry_before_help(window) -> None:  # type: ignore[no-untyped-def]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-2:] == ["&Team", "&Help"]
    assert window.team.menu is window.registry.menus["Team"]
    assert [a.objectName() for a in window.team.menu.actions() if not a.isSeparator()] == [
        "team.next_assigned", "team.gold_diff", "team.adjudicate", "team.agreement", "team.assign"]


def test_f1_table_wraps_the_action_column_when_the_dialog_is_narrow(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    table = _f1_table(qtbot, window, window.area.panes[0].editor)
    width = table.fontMetrics().horizontalAdvance
    longest = max(range(table.rowCount()), key=lambda r: width(table.item(r, 1).text()))
    one_line = table.rowHeight(longest)
    window.registry.shortcuts_dialog.resize(360, 500)
    qtbot.waitUntil(lambda: table.columnWidth(1) < width(table.item(longest, 1).text()))
    qtbot.waitUntil(lambda: table.rowHeight(longest) >= one_line + table.fontMetrics().height() // 2)


def test_f1_in_the_adjudication_view_lists_its_own_keys(qtbot, team_db) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    win = open_view(qtbot, team_db)
    table = _f1_table(qtbot, win, win.gold_pane.editor)
    rows = _rows(table)
    count = _assert_every_shortcut_listed(win, rows)
    texts = {what for _keys, what in rows}
    # the view's own keys, the gold pane's relation keys and the gold inspector's, all in one table
    assert {
        "Next disagreement",
        "Accept annotator 1's version",
        "Delete gold span",
        "Gold: add SOURCE relation…",
        "Gold: link span to another document…",
        "Gold: accept the date's proposed value",
        "Gold: edit the span's attributes",
        "Keyboard shortcuts",
    } <= texts
    assert count >= 25
    _assert_columns_not_clipped(table)
    win.close()
