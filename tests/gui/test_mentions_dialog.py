"""Tag other mentions: each row shows the mention in its context (a few words either side,
right to left, the mention in «…»), the document's title only in its own column when the
mentions come from several documents."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from annotator.gui.annotation.entity_tool import MentionsDialog, in_context
from tests.gui.conftest import press
from tests.gui.structure_helpers import COMPANY, COMPANY_TITLE, DAM, DAM_TITLE, choose, make_project, pane, tag

CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)


def test_context_is_words_either_side_within_the_paragraph() -> None:
    text = "سطر أول.\nقال الوزير هاني الزعتري اليوم إن المشروع تأخر كثيرا بسبب التمويل والطقس معا.\nسطر أخير."
    start = text.index("هاني الزعتري")
    assert in_context(text, start, start + len("هاني الزعتري"), words=3) == \
        "قال الوزير «هاني الزعتري» اليوم إن المشروع…"
    assert in_context(text, start, start + len("هاني الزعتري"), words=1) == "…الوزير «هاني الزعتري» اليوم…"
    glued = "ولهاني الزعتري رأي."  # a clitic written onto the name stays joined to it
    assert in_context(glued, 2, 14) == "ول«هاني الزعتري» رأي."


def dark_columns(dialog: MentionsDialog, row: int) -> list[int]:
    """x positions (in the list's viewport) where the row's painting is dark: its text and check box."""
    view = dialog.list
    view.viewport().repaint()
    image = view.viewport().grab().toImage()
    rect = view.visualItemRect(view.topLevelItem(row))
    return [x for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom(), 2)
            if QColor(image.pixel(x, y)).lightness() < 100]


def test_the_dialog_shows_each_mention_in_context(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    actor = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    choose(qtbot, ed, actor)
    press(qtbot, ed, Qt.Key.Key_E, CTRL | SHIFT)  # an entity from the span
    seen: dict[str, object] = {}

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MentionsDialog)
        qtbot.waitExposed(dialog)
        view = dialog.list
        items = [view.topLevelItem(i) for i in range(view.topLevelItemCount())]
        seen["rows"] = [(it.text(0), it.text(1)) for it in items]
        seen["title column"] = not view.isColumnHidden(1)
        seen["direction"] = view.layoutDirection()
        fm = view.fontMetrics()
        seen["fits"] = all(fm.horizontalAdvance(it.text(0)) < view.visualItemRect(it).width() - view.columnWidth(1)
                           for it in items)
        seen["column"] = view.header().sectionViewportPosition(0), view.columnWidth(0)
        shortest = min(range(len(items)), key=lambda i: fm.horizontalAdvance(items[i].text(0)))
        seen["shortest"] = fm.horizontalAdvance(items[shortest].text(0)) + 3 * fm.height()  # with its check box
        seen["dark"] = dark_columns(dialog, shortest)
        dialog.reject()

    QTimer.singleShot(0, look)
    choose(qtbot, ed, actor)
    press(qtbot, ed, Qt.Key.Key_M, CTRL | ALT)  # in the open documents
    dam_row = "وأضاف «هاني الزعتري» أن كلفة المشروع بلغت 40 مليون…"
    company_row = "نفت شركة الرافدين للإنشاءات ما أعلنه «هاني الزعتري»، وقالت إن السد لن يعمل…"
    assert sorted(seen["rows"]) == sorted([(dam_row, DAM_TITLE), (company_row, COMPANY_TITLE)])
    assert seen["title column"] and seen["direction"] == Qt.LayoutDirection.RightToLeft
    assert seen["fits"]  # the whole context is painted, not cut off
    # right to left: the row's text and check box are painted from the right end of its column
    left, width = seen["column"]
    dark = seen["dark"]
    assert dark and max(dark) > left + width - 40 and min(dark) >= left + width - seen["shortest"]

    # one document: no title column (the heading names it)
    def look_here() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, MentionsDialog)
        seen["here"] = [dialog.list.topLevelItem(i).text(0) for i in range(dialog.list.topLevelItemCount())]
        seen["hidden"] = dialog.list.isColumnHidden(1)
        dialog.reject()

    choose(qtbot, ed, actor)
    QTimer.singleShot(0, look_here)
    press(qtbot, ed, Qt.Key.Key_M, CTRL | SHIFT)
    assert seen["here"] == [dam_row] and seen["hidden"]
