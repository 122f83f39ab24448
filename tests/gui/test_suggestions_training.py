"""The window retrains the project's suggestion model in the background when enough
documents are marked done, and its suggestions then appear in the open pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.values import SetStatus
from annotator.gui.common.settings import Settings
from annotator.services.project import Project
from annotator.services.spans import AddSpan
from annotator.storage import suggestions as store
from tests.gui.conftest import add_documents, press
from tests.services.test_suggestion_models import name_spans, text_of

CTRL = Qt.KeyboardModifier.ControlModifier


def test_marking_a_document_done_retrains_the_model_in_the_background(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.sqlite"
    add_documents(db, [(f"d{i:02}", f"t{i}", text_of(i)) for i in range(10)])
    p = Project.open(db)
    try:
        for i in range(5):
            for a, b in name_spans(i):
                AddSpan(f"d{i:02}", "alice", a, b, "ACTOR").do(p)
            if i < 4:
                p.set_status(f"d{i:02}", "alice", SetStatus.DONE)
    finally:
        p.close()
    Settings().suggestion_retrain_every = 5
    Settings().set_suggestion_recommenders(["project"])
    Settings().suggestions_shown = True
    win = open_window(db, ["d04", "d09"])
    editor = win.area.panes[0].editor
    assert editor.state.document.id == "d04"
    editor.setFocus()
    press(qtbot, editor, Qt.Key.Key_D, CTRL)  # the fifth document done: a model is due
    qtbot.waitUntil(lambda: not win.suggestions.trainer.running, timeout=60_000)
    assert win.suggestions.trainer.last_message.startswith("Suggestion model: trained model version 1")
    p = Project.open(db)
    try:
        with p.database.unit_of_work() as s:
            from annotator.storage import team as team_store

            alice = team_store.annotator_id(s, "alice", create=False)
            model = store.latest_model(s, "project", alice)  # alice annotates: a model of her own work
    finally:
        p.close()
    assert model is not None and model.info["n_documents"] == 5
    other = win.area.panes[1].editor.suggestions
    qtbot.waitUntil(lambda: any(s.recommender == "project" for s in other.shown_suggestions()), timeout=20_000)
    text = text_of(9)
    assert ("منى جابر", "ACTOR") in {(text[s.start:s.end], s.label) for s in other.shown_suggestions()}
