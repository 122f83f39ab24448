"""Gold decisions go through the same step runner: nothing on the undo stack that is not stored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.gui.adjudication.gold import GoldBook
from annotator.services.gold.commands import AddGoldSpan
from annotator.services.project import Project
from annotator.services.team import add_annotator


def _gold_spans(db: Path) -> list[tuple[int, int, str]]:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT s.start_offset, s.end_offset, s.label FROM spans s JOIN annotation_sets a "
                           "ON a.id = s.set_id WHERE a.kind = 'gold'").fetchall()
    finally:
        con.close()


def test_a_gold_decision_made_while_locked_waits_then_is_stored_or_fails_off_the_stack(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = Project.open(db_path)
    try:
        add_annotator(project, "dana", "adjudicator")
        book = GoldBook(project, "a-claims", "dana")
        messages: list[str] = []
        book.message.connect(messages.append)
        lock = sqlite3.connect(db_path, isolation_level=None, timeout=0)
        lock.execute("BEGIN IMMEDIATE")
        assert book.run(AddGoldSpan("a-claims", "dana", 0, 3, "CLAIM")) is False
        assert book.runner.waiting and book.last_error is None and book.undo_stack.count() == 0
        assert messages[-1].startswith("Waiting for the database (locked by another program)")
        lock.execute("ROLLBACK")
        qtbot.waitUntil(lambda: book.undo_stack.count() == 1, timeout=10_000)
        assert _gold_spans(db_path) == [(0, 3, "CLAIM")]
        # never released: the step fails, and the stack does not move
        book.runner.wait_limit = 0.3
        lock.execute("BEGIN IMMEDIATE")
        book.run(AddGoldSpan("a-claims", "dana", 4, 8, "ACTOR"))
        qtbot.waitUntil(lambda: not book.runner.waiting, timeout=10_000)
        assert book.undo_stack.count() == 1 and book.last_error is not None
        assert any(m.startswith("Not saved: ") and "not on the undo stack" in m for m in messages)
        boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "notSavedMessage" and w.isVisible()]
        assert len(boxes) == 1 and boxes[0].text().startswith("Not saved: ")
        boxes[0].close()
        lock.execute("ROLLBACK")
        lock.close()
        assert _gold_spans(db_path) == [(0, 3, "CLAIM")]
    finally:
        project.close()
