"""Notes in the adjudication view (issue 14, item 10): beside each disagreement the flags and
comments of every annotator's spans in it; a note never makes a disagreement; the versions'
panes mark flagged spans; gold spans carry their own note (Ctrl+U, Ctrl+Alt+C in the view)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.services.adjudication import gold_spans
from annotator.services.notes import SetSpanNote
from annotator.services.project import Project
from annotator.services.spans import load_spans
from tests.gui.structure_helpers import type_text
from tests.gui.test_adjudication_view import at, open_view, team_db  # noqa: F401  (a fixture)

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def note(db: Path, who: str, needle: str, comment: str = "", unsure: bool = False) -> None:
    p = Project.open(db)
    try:
        span = next(s for s in load_spans(p, "bridge", who) if (s.start, s.end) == at(needle))
        SetSpanNote("bridge", who, span.id, comment=comment, unsure=unsure).do(p)
    finally:
        p.close()


def gold_notes(db: Path) -> list[tuple[str, str, bool]]:
    p = Project.open(db)
    try:
        return [(s.label, s.comment, s.unsure) for s, _prov in gold_spans(p, "bridge", "carol")]
    finally:
        p.close()


def plain(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def test_the_notes_of_every_annotator_beside_each_disagreement(qtbot, team_db: Path) -> None:  # noqa: F811
    note(team_db, "alice", "أيار 2026", "not sure it is a date", unsure=True)
    note(team_db, "bob", "أيار 2026", "<b>a promise</b>\nsecond line")
    note(team_db, "alice", "نقابة المهندسين", "agreed, but unsure", unsure=True)  # both made it: no disagreement
    win = open_view(qtbot, team_db)
    headers = win.model.headers
    assert headers[-2:] == ("Notes", "Gold")
    column = headers.index("Notes")
    rows = {win.model.row_texts(i)[1]: plain(win.model.index(i, column).data()) for i in range(win.model.rowCount())}
    assert list(rows) == ["boundary", "label", "missing"]  # the same three disagreements as without notes
    assert rows == {"boundary": "", "missing": "",
                    "label": "alice: unsure — «not sure it is a date»; bob: «<b>a promise</b> second line»"}
    # shown as characters (an item view never reads markup), also in its tool tip
    tip = win.model.index(1, column).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;a promise&lt;/b&gt;" in tip
    # alice's pane marks her two flagged spans; bob's his commented one
    alice, bob = win.version_panes
    for pane in (alice, bob):
        pane.editor.viewport().repaint()
    assert sorted(t for _s, t, _r in alice.editor.note_badges.painted) == ["?✎", "?✎"]
    assert [t for _s, t, _r in bob.editor.note_badges.painted] == ["✎"]


def test_gold_spans_carry_their_own_note(qtbot, team_db: Path) -> None:  # noqa: F811
    note(team_db, "alice", "أيار 2026", "not sure it is a date", unsure=True)
    win = open_view(qtbot, team_db)
    editor = win.gold_pane.editor
    qtbot.keyClick(editor, Qt.Key.Key_N)  # the date: alice DATE, bob CLAIM
    qtbot.keyClick(editor, Qt.Key.Key_1, ALT)  # alice's DATE into gold: her note stays hers
    assert gold_notes(team_db) == [("DATE", "", False)]
    date = next(iter(win.gold.spans))
    editor.setFocus()
    editor.select_span(date, scroll=False)
    qtbot.keyClick(editor, Qt.Key.Key_U, CTRL)
    assert gold_notes(team_db) == [("DATE", "", True)]
    inspector = win.inspector
    assert inspector.unsure.isChecked()
    qtbot.keyClick(editor, Qt.Key.Key_C, CTRL | ALT)
    qtbot.waitUntil(inspector.comment.hasFocus)
    type_text(inspector.comment, "checked with the editor")
    qtbot.keyClick(inspector.comment, Qt.Key.Key_Return, CTRL)
    assert gold_notes(team_db) == [("DATE", "checked with the editor", True)]
    editor.viewport().repaint()
    assert [t for _s, t, _r in editor.note_badges.painted] == ["?✎"]
    win.undo()
    assert gold_notes(team_db) == [("DATE", "", True)]


def test_without_notes_the_table_has_no_notes_column(qtbot, team_db: Path) -> None:  # noqa: F811
    win = open_view(qtbot, team_db)
    assert "Notes" not in win.model.headers and win.model.headers[-1] == "Gold"
