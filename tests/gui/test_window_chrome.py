"""The window's chrome as painted: titles cut at their own end, four panes on a laptop
screen, status messages that can be seen, a span label that follows its span."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.text import detect_direction, text_sha256
from annotator.core.values import Document, SetStatus
from annotator.gui.common import plain
from annotator.gui.common.elide import ELLIPSIS, ElidedText
from annotator.services.project import Project
from annotator.storage import documents as document_store
from tests.gui.conftest import CLAIM_TEXT, SECOND_TEXT, THIRD_TEXT, press, select_text

CTRL = Qt.KeyboardModifier.ControlModifier

# A long Arabic title written for these tests; its first word must stay visible.
LONG_TITLE = "أعلنت الحكومة الانتقالية خطة لإعادة بناء الجسور المدمرة في الأقاليم الشمالية قبل حلول الشتاء"
FIRST_WORD = "أعلنت"
SOURCE = "/home/someone/articles/2026/bulletin-long-name.txt"


def _project(tmp_path: Path, n: int = 3) -> Path:
    """A project whose first document has a long Arabic title and an absolute source path."""
    path = tmp_path / "chrome.sqlite"
    texts = [("a-long", LONG_TITLE, CLAIM_TEXT, SOURCE), ("b-wheat", "موسم القمح", SECOND_TEXT, None),
             ("c-vote", "الانتخابات", THIRD_TEXT, None),
             ("d-more", "تقرير <b>آخر</b>", THIRD_TEXT + "\nوانتهى التقرير.", None)][:n]
    project = Project.open(path)
    try:
        with project.database.unit_of_work() as s:
            for doc_id, title, text, source in texts:
                document_store.add_document(s, Document(doc_id, title, text, text_sha256(text), detect_direction(text),
                                              source_path=source))
    finally:
        project.close()
    return path


def _painted(widget: QWidget) -> None:
    """Paint *widget* now (what a screen would show)."""
    widget.grab()


def _starts_at_its_own_end(shown: ElidedText, rect: QRect) -> None:
    """The first word is drawn whole inside *rect* at the right (Arabic), the ellipsis left of it."""
    assert shown.shown.startswith(FIRST_WORD), shown.shown
    assert shown.shown.endswith(ELLIPSIS) and len(shown.shown) < len(LONG_TITLE)
    word_left, word_right = shown.x_range(0, len(FIRST_WORD))
    dots_left, dots_right = shown.x_range(len(shown.shown) - 1, len(shown.shown))
    assert rect.left() <= word_left < word_right <= rect.right() + 1
    assert rect.left() <= dots_left and dots_right <= word_left  # the ellipsis is at the title's logical end
    assert word_right >= rect.right() - 4  # an Arabic title starts at the right edge


# -- item 4: titles keep their first words ------------------------------------------------

def test_pane_chooser_shows_the_start_of_an_arabic_title_and_the_whole_title_as_tip(
    qtbot, open_window, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_project(tmp_path), ["a-long", "b-wheat"])
    pane = win.area.panes[0]
    chooser = pane.chooser
    assert chooser.currentText() == LONG_TITLE
    _painted(chooser)
    rect = chooser.text_rect()
    assert chooser.fontMetrics().horizontalAdvance(LONG_TITLE) > rect.width()  # it does not fit: it must be cut
    _starts_at_its_own_end(chooser.painted, rect)
    assert chooser.toolTip() == plain.tooltip(LONG_TITLE)
    # the popup list shows the titles the same way: their first words in sight
    chooser.showPopup()
    popup = chooser.view()
    qtbot.waitUntil(popup.isVisible)
    row = chooser.findData("a-long")
    _painted(popup.viewport())
    qtbot.waitUntil(lambda: (row, 0) in chooser.popup_delegate.painted)
    shown = chooser.popup_delegate.painted[(row, 0)]
    visible = popup.visualRect(popup.model().index(row, 0)).intersected(popup.viewport().rect())
    assert shown.shown.startswith(FIRST_WORD)
    word_left, word_right = shown.x_range(0, len(FIRST_WORD))
    assert visible.left() <= word_left < word_right <= visible.right() + 1
    chooser.hidePopup()
    # with room to spare (two panes), the document's status is shown whole beside the title
    win.controller.set_status("a-long", SetStatus.IN_PROGRESS)
    qtbot.waitUntil(lambda: pane.status.text() == "in progress")
    qtbot.waitUntil(lambda: pane.status.width() >= pane.status.sizeHint().width())  # laid out again
    _painted(pane.status)
    assert pane.status.painted.shown == "in progress"


def test_document_list_elides_titles_at_their_end_and_shows_file_names(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_project(tmp_path), ["b-wheat", "c-vote"])
    view = win.documents_dock.view
    view.setColumnWidth(0, 160)
    proxy = view.model()
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == LONG_TITLE)
    _painted(view.viewport())
    qtbot.waitUntil(lambda: (row, 0) in win.documents_dock.title_delegate.painted)
    cell = view.visualRect(proxy.index(row, 0))
    _starts_at_its_own_end(win.documents_dock.title_delegate.painted[(row, 0)], cell)
    assert proxy.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == plain.tooltip(f"{LONG_TITLE}\na-long")
    source = proxy.index(row, 1)
    assert source.data() == "bulletin-long-name.txt"
    assert source.data(Qt.ItemDataRole.ToolTipRole) == plain.tooltip(SOURCE)
    # a column wider than the view: the title is elided to the part that shows, its start in sight
    view.setColumnWidth(0, view.viewport().width() + 200)
    win.documents_dock.title_delegate.painted.clear()
    _painted(view.viewport())
    qtbot.waitUntil(lambda: (row, 0) in win.documents_dock.title_delegate.painted)
    visible = view.visualRect(proxy.index(row, 0)).intersected(view.viewport().rect())
    _starts_at_its_own_end(win.documents_dock.title_delegate.painted[(row, 0)], visible)


def test_assign_dialog_lists_titles_with_their_first_words(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.team.team_dialogs import AssignDialog

    project = Project.open(_project(tmp_path))
    try:
        dialog = AssignDialog(project, "boss", [])
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        view, model = dialog.documents, dialog.doc_model
        row = next(i for i in range(model.rowCount()) if model.index(i, 0).data() == LONG_TITLE)
        _painted(view.viewport())
        painted = view.itemDelegate().painted
        qtbot.waitUntil(lambda: (row, 0) in painted)
        _starts_at_its_own_end(painted[(row, 0)], view.visualRect(model.index(row, 0)))
        assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole) == plain.tooltip(f"{LONG_TITLE}\na-long")
        dialog.close()
    finally:
        project.close()


# -- item 6: four panes fit a 1366 px screen ----------------------------------------------------

def _inside(widget: QWidget, outer: QWidget) -> QRect:
    top_left = widget.mapTo(outer, QPoint(0, 0))
    return QRect(top_left, widget.size())


def test_four_panes_fit_a_1366_pixel_screen_without_clipping(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = _project(tmp_path, 4)
    win = open_window(db, ["a-long", "b-wheat", "c-vote", "d-more"])
    for doc_id in ("a-long", "b-wheat", "c-vote", "d-more"):  # the widest status: "in progress"
        win.controller.set_status(doc_id, SetStatus.IN_PROGRESS)
    assert len(win.area.panes) == 4
    win.resize(1366, 768)
    qtbot.waitUntil(lambda: win.width() == 1366)
    QApplication.processEvents()
    assert win.minimumSizeHint().width() <= 1366
    assert win.width() == 1366
    window_rect = win.rect()
    for pane in win.area.panes:
        assert pane.status.text() == "in progress"
        pane_rect = _inside(pane, win)
        assert window_rect.contains(pane_rect), (pane_rect, window_rect)
        assert pane.width() >= pane.minimumSizeHint().width()
        for widget in (pane.chooser, pane.status, pane.swap_button, pane.close_button):
            rect = _inside(widget, win)
            assert widget.isVisible()
            assert pane_rect.contains(rect) and window_rect.contains(rect), (widget.objectName(), rect, pane_rect)
            assert widget.width() >= widget.minimumSizeHint().width(), widget.objectName()
        _painted(pane.chooser)
        assert pane.chooser.painted is not None and pane.chooser.painted.shown  # some of the title shows
        left, right = pane.chooser.painted.ink_range()
        text_rect = pane.chooser.text_rect()
        assert text_rect.left() - 1 <= left and right <= text_rect.right() + 1


# -- item 7: messages are painted; the span label follows its span ---------------------------------

def _message_rect(win) -> QRect:  # type: ignore[no-untyped-def]
    """Where QStatusBar paints its message: from the left to the first visible permanent widget."""
    bar = win.statusBar()
    permanent = [w for w in (win.selected_info, win.who, win.team.blind_label) if w.isVisible()]
    right = min(w.x() for w in permanent) - 2
    return QRect(6, 0, right - 6, bar.height())


def _ink(image: QImage, rect: QRect) -> int:
    """Pixels in *rect* clearly darker than the status bar's background."""
    background = QColor(image.pixel(image.width() - 30, 1)).lightness()
    count = 0
    for x in range(max(0, rect.left()), min(image.width(), rect.right())):
        for y in range(max(0, rect.top()), min(image.height(), rect.bottom())):
            if QColor(image.pixel(x, y)).lightness() < background - 80:
                count += 1
    return count


def test_status_messages_are_painted_next_to_the_span_label(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_project(tmp_path), ["a-long", "b-wheat"])
    ed = win.area.panes[0].editor
    select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_2)
    message = win.statusBar().currentMessage()
    assert "Saved: tagged ACTOR" in message
    ed.select_span(next(iter(ed.state.spans.loaded())))
    qtbot.waitUntil(lambda: win.selected_info.text().startswith("ACTOR: "))
    bar = win.statusBar()
    rect = _message_rect(win)
    assert bar.rect().contains(rect)
    assert rect.width() >= bar.fontMetrics().horizontalAdvance(message)
    with_message = bar.grab().toImage()
    assert _ink(with_message, rect) > 50  # the message's letters are drawn there
    bar.clearMessage()
    assert _ink(bar.grab().toImage(), rect) == 0  # ... and nothing else is
    # the span label is drawn whole, inside the bar, right of the message
    _painted(win.selected_info)
    label = _inside(win.selected_info, bar)
    assert bar.rect().contains(label) and label.left() >= rect.right()
    left, right = win.selected_info.painted.ink_range()
    assert right - left <= win.selected_info.contentsRect().width()


def test_refusal_four_panes_at_most_is_visible(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_project(tmp_path, 4), ["a-long", "b-wheat", "c-vote", "d-more"])
    win.add_pane()
    assert win.statusBar().currentMessage() == "Four panes at most"
    rect = _message_rect(win)
    assert rect.width() >= win.statusBar().fontMetrics().horizontalAdvance("Four panes at most")
    assert _ink(win.statusBar().grab().toImage(), rect) > 50


def test_span_label_clears_when_its_span_is_undone(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(_project(tmp_path), ["a-long", "b-wheat"])
    ed = win.area.panes[0].editor
    select_text(ed, "سامر عويدات")
    press(qtbot, ed, Qt.Key.Key_2)
    ed.select_span(next(iter(ed.state.spans.loaded())))
    qtbot.waitUntil(lambda: win.selected_info.text().startswith("ACTOR: "))
    assert "سامر عويدات" in win.selected_info.text()
    press(qtbot, ed, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: not ed.state.spans.loaded())
    assert win.selected_info.text() == ""
    _painted(win.selected_info)
    assert win.selected_info.painted is not None and win.selected_info.painted.shown == ""
    press(qtbot, ed, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)  # redo: the span is back, not selected
    qtbot.waitUntil(lambda: len(ed.state.spans.loaded()) == 1)
    assert win.selected_info.text() == ""


def test_a_kept_layout_draws_as_a_new_one_and_the_store_stays_bounded(qapp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """List cells are drawn from layouts kept per text, font and width (a tag moves every row
    below it): one kept is the one a fresh layout would be, per width, and only so many are kept."""
    from annotator.gui.common import elide

    font = QApplication.font()
    narrow = ElidedText(LONG_TITLE, font, QRect(0, 0, 120, 20))
    wide = ElidedText(LONG_TITLE, font, QRect(0, 0, 400, 20))
    assert narrow.shown != wide.shown and narrow.shown.endswith(ELLIPSIS)
    moved = ElidedText(LONG_TITLE, font, QRect(10, 40, 120, 20))
    assert moved.layout is narrow.layout  # reused, drawn 10 px right and 40 px lower
    assert (moved.position.x() - narrow.position.x(), moved.position.y() - narrow.position.y()) == (10, 40)
    elide._LAYOUTS.clear()
    fresh = ElidedText(LONG_TITLE, font, QRect(0, 0, 120, 20))
    assert fresh.layout is not narrow.layout
    assert (fresh.shown, fresh.ink_range(), fresh.x_range(0, 3)) == \
        (narrow.shown, narrow.ink_range(), narrow.x_range(0, 3))
    monkeypatch.setattr(elide, "LAYOUTS_KEPT", 5)
    for width in range(100, 120):
        ElidedText(LONG_TITLE, font, QRect(0, 0, width, 20))
    assert len(elide._LAYOUTS) == 5
