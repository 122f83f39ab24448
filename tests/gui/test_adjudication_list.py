"""Adjudication progress on screen: decided / left counts painted in the list's label,
decided rows tinted and saying how, "show only undecided", entity names instead of ids,
and room for every annotator's column."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from annotator.gui.adjudication.disagreement_model import DECIDED_BRUSH
from annotator.gui.common.plain import isolate
from annotator.services.entities import CreateEntity
from annotator.services.project import Project
from tests.gui.test_adjudication_view import at, open_view, team_db  # noqa: F401  (fixture)


def label_shows(label, text: str) -> bool:  # type: ignore[no-untyped-def]
    """The label holds *text* and paints all of it (its width fits the text)."""
    return (label.text() == text and label.isVisible()
            and label.fontMetrics().horizontalAdvance(text) <= label.contentsRect().width())


def cell_colour(win, row: int, column: int = 0) -> QColor:  # type: ignore[no-untyped-def]
    """The colour painted at the right end of a cell (past its short text) of the table."""
    win.table.viewport().repaint()
    image = win.table.viewport().grab().toImage()
    rect = win.table.visualRect(win.model.index(row, column))
    return image.pixelColor(QPoint(rect.right() - 3, rect.center().y()))


def texts(win, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [win.model.index(r, column).data() for r in range(win.model.rowCount())]


def test_decisions_are_counted_marked_and_remembered(qtbot, team_db: Path) -> None:  # noqa: F811
    win = open_view(qtbot, team_db)
    assert texts(win, 1) == ["boundary", "label", "missing"]
    qtbot.waitUntil(lambda: label_shows(win.count_label, "3 disagreements · 0 decided · 3 left · at 1"))
    assert texts(win, len(win.model.headers) - 1) == ["undecided"] * 3
    # the union's claim: only alice made it; bob's version (Alt+2) is nothing, and that is a decision
    win.go_to(2)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert len(win.gold.spans) == 0
    qtbot.waitUntil(lambda: label_shows(win.count_label, "3 disagreements · 1 decided · 2 left · at 3"))
    assert win.model.index(2, len(win.model.headers) - 1).data() == "✓ kept nothing"
    # the boundary: alice's version
    win.go_to(0)
    assert cell_colour(win, 2) == DECIDED_BRUSH.color()  # tinted (once it is not the selected row)
    assert cell_colour(win, 1) != DECIDED_BRUSH.color()
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: label_shows(win.count_label, "3 disagreements · 2 decided · 1 left · at 2"))
    assert texts(win, len(win.model.headers) - 1) == ["✓ accepted alice", "undecided", "✓ kept nothing"]
    win.close()

    again = open_view(qtbot, team_db)
    qtbot.waitUntil(lambda: label_shows(again.count_label, "3 disagreements · 2 decided · 1 left · at 1"))
    assert texts(again, len(again.model.headers) - 1) == ["✓ accepted alice", "undecided", "✓ kept nothing"]
    assert cell_colour(again, 2) == DECIDED_BRUSH.color() and cell_colour(again, 1) != DECIDED_BRUSH.color()
    # undoing the decision to keep nothing makes the row undecided again
    again.close()
    third = open_view(qtbot, team_db)
    third.go_to(1)
    qtbot.keyClick(third.gold_pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: third.progress.decided == 3)
    assert third.count_label.text().startswith("3 disagreements · 3 decided · 0 left")
    qtbot.keyClick(third.gold_pane.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: third.progress.decided == 2)
    # the flags updated row by row after each decision are those of asking every row again
    assert third.model.decided == third.gold.progress(third.disagreements, third.loaded_state.state.diff)[1]


def test_show_only_undecided_filters_the_list(qtbot, team_db: Path) -> None:  # noqa: F811
    win = open_view(qtbot, team_db)
    win.go_to(0)
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # decides 1, goes to 2
    assert win.current == 1
    assert win.only_undecided.isVisible() and win.only_undecided.text() == "Show only undecided"
    win.only_undecided.setChecked(True)
    assert texts(win, 0) == ["2", "3"]  # the numbers are the disagreements' own
    assert win.table.currentIndex().row() == 0 and win.current == 1
    # a decision leaves the current row listed until another is chosen; N goes to the next undecided
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert win.current == 2 and texts(win, 0) == ["2", "3"]
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # keep nothing
    assert texts(win, 0) == ["3"] and win.current == 2
    assert "0 left" in win.count_label.text()
    qtbot.keyClick(win.gold_pane.editor, Qt.Key.Key_N)
    assert win.statusBar().currentMessage() == "That was the last disagreement"
    win.only_undecided.setChecked(False)
    assert texts(win, 0) == ["1", "2", "3"]
    assert win.model.index(win.table.currentIndex().row(), 0).data() == "3"


def test_entity_names_and_room_for_each_annotator(qtbot, team_db: Path) -> None:  # noqa: F811
    p = Project.open(team_db)
    try:
        union = at("نقابة المهندسين")
        for who, name in (("alice", "نقابة المهندسين"), ("bob", "اتحاد النقابات")):
            span = next(s for s in p.spans("bridge", who) if (s.start, s.end) == union)
            CreateEntity(who, name=name, type="organisation", document_id="bridge", span_id=span.id).do(p)
    finally:
        p.close()
    win = open_view(qtbot, team_db)
    row = next(r for r in range(win.model.rowCount()) if win.model.index(r, 1).data() == "attribute")
    alice, bob = (win.model.index(row, 4 + k).data() for k in range(2))
    assert alice == f"ACTOR entity={isolate('نقابة المهندسين')}" and bob == f"ACTOR entity={isolate('اتحاد النقابات')}"
    assert win._attr_text("ACTOR", "entity", "e-gone") == "e-gone"  # an id no entity has: the id itself
    header = win.table.horizontalHeader()
    qtbot.waitUntil(lambda: header.sectionSize(4) > 0)
    annotators = [header.sectionSize(4 + k) for k in range(2)]
    gold = header.sectionSize(6)
    assert min(annotators) >= 200, annotators
    assert gold <= sum(annotators) and abs(gold - annotators[0]) <= 2  # equal shares
    assert header.sectionViewportPosition(6) + gold <= win.table.viewport().width() + 1  # all on screen
