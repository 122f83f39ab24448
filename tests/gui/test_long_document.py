"""A long document opens with its first screen's spans and has every span a moment later."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core import tokens
from annotator.core.values import Span
from annotator.gui.annotation.controller import FIRST_SCREEN
from annotator.gui.annotation.spanindex import SpanIndex
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import spans as span_store
from tests.gui.conftest import CLAIM_TEXT, SECOND_TEXT, add_documents, press, stored_spans

SPANS = 3000


def _long_project(tmp_path: Path) -> tuple[Path, str, list[Span]]:
    """A document of about 300,000 characters with 3,000 spans spread over all of it."""
    text = ("\n".join([CLAIM_TEXT, SECOND_TEXT]) + "\n") * 650
    db = tmp_path / "long.sqlite"
    add_documents(db, [("long", "نص طويل", text), ("b-wheat", "موسم القمح", SECOND_TEXT)])
    words = [t for t in tokens.iter_tokens(text) if t.is_word]
    chosen = [words[k * (len(words) - 1) // (SPANS - 1)] for k in range(SPANS)]  # the first word to the last
    spans = [Span(f"s{i:04d}", w.start, w.end, ("CLAIM", "ACTOR", "DATE")[i % 3]) for i, w in enumerate(chosen)]
    project = Project.open(db)
    try:
        with project.database.unit_of_work() as s:
            span_store.bulk_insert_spans(s, set_store.get_or_create_set(s, "long", "alice").id, spans)
    finally:
        project.close()
    assert len(text) > 10 * FIRST_SCREEN and spans[-1].start > len(text) - 200
    return db, text, spans


def _build(qtbot, db: Path):  # type: ignore[no-untyped-def]
    from annotator.gui import main_window

    win = main_window(db, ["long", "b-wheat"], annotator="alice")
    qtbot.addWidget(win)
    win.resize(1300, 800)
    return win


def test_every_span_is_listed_and_walked_after_the_first_paint(qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db, text, spans = _long_project(tmp_path)
    win = _build(qtbot, db)
    state = win.controller.open_document("long")
    readers: list[str] = []  # who read the other spans: the call made after the first paint, not the paint
    load_all = SpanIndex.load_all

    def spy(index: SpanIndex) -> bool:
        if not index.complete:
            readers.append(sys._getframe(1).f_code.co_name)
        return load_all(index)

    monkeypatch.setattr(SpanIndex, "load_all", spy)
    first_screen = state.spans.loaded()
    assert not state.spans.complete and 0 < len(first_screen) < SPANS // 5  # only the first screen's, so far
    assert win.spans_dock.model.rowCount() == len(first_screen)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: state.spans.complete)  # read right after the first paint, nobody asking
    qtbot.waitUntil(lambda: win.spans_dock.model.rowCount() == SPANS)
    assert readers == ["_read_remaining_spans"]

    ed = next(p for p in win.area.panes if p.document_id == "long").editor
    order = sorted(spans, key=lambda s: (s.start, -s.end, s.id))
    walked, current = [], state.spans.next_span(None, 0)  # what Tab steps through
    while current is not None:
        walked.append(current.id)
        current = state.spans.next_span(current, 0)
    assert walked == [s.id for s in order]
    ed.setFocus()
    ed.select_span(order[-3])
    press(qtbot, ed, Qt.Key.Key_Tab)
    press(qtbot, ed, Qt.Key.Key_Tab)
    assert ed.selected_span_id == order[-1].id  # Tab reaches the last span of the document
    press(qtbot, ed, Qt.Key.Key_Backtab)
    assert ed.selected_span_id == order[-2].id
    win.spans_dock.show_span("long", order[-1])
    assert win.spans_dock.view.currentIndex().row() == SPANS - 1

    # scrolled to the end, the last span is painted in its label's colour
    ed.select_span(None)
    ed.verticalScrollBar().setValue(ed.verticalScrollBar().maximum())
    ed.viewport().repaint()
    last = order[-1]
    u_start, u_end = state.u16.range_to_utf16(last.start, last.end)
    block = ed.document().findBlock(u_start)
    assert ed.highlighter is not None and ed.highlighter.is_current(block)
    ranges = [r for r in block.layout().formats()
              if block.position() + r.start <= u_start and block.position() + r.start + r.length >= u_end]
    assert [r.format.background().color() for r in ranges] == [win.colours.background(last.label)]
    assert text[last.start:last.end] == block.text()[u_start - block.position():u_end - block.position()]


def test_tagging_before_the_rest_is_read_sees_every_span(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db, text, spans = _long_project(tmp_path)
    win = _build(qtbot, db)  # never shown, so never painted: nothing reads the other spans on its own
    state = win.controller.open_document("long")
    ed = next(p for p in win.area.panes if p.document_id == "long").editor
    assert not state.spans.complete
    taken = {(s.start, s.end) for s in spans}
    word = next(t for t in tokens.iter_tokens(text) if t.is_word and (t.start, t.end) not in taken)
    win.area.set_active(next(p for p in win.area.panes if p.document_id == "long"))
    ed.select_range(word.start, word.end)
    with qtbot.waitSignal(win.controller.spansChanged) as changed:
        win.tagger.tag("DATE")
    assert state.spans.complete and len(state.spans) == SPANS + 1
    [(before, after)] = changed.args[1]
    assert before is None and (after.start, after.end, after.label) == (word.start, word.end, "DATE")  # a new span
    assert len(stored_spans(db, "long")) == SPANS + 1
    qtbot.waitUntil(lambda: win.spans_dock.model.rowCount() == SPANS + 1)
    QApplication.processEvents()
    assert win.spans_dock.model.rowCount() == SPANS + 1  # no row twice
    win.undo()
    assert len(state.spans) == SPANS and len(stored_spans(db, "long")) == SPANS
    qtbot.waitUntil(lambda: win.spans_dock.model.rowCount() == SPANS)

    # the same on a fresh window: re-tagging the document's last span is recognised, not stored twice
    win.close()
    again = _build(qtbot, db)
    state = again.controller.open_document("long")
    ed = next(p for p in again.area.panes if p.document_id == "long").editor
    again.area.set_active(next(p for p in again.area.panes if p.document_id == "long"))
    last = max(spans, key=lambda s: s.start)
    assert not state.spans.complete
    ed.select_range(last.start, last.end)
    again.tagger.tag(last.label)
    assert ed.selected_span_id == last.id
    assert len(stored_spans(db, "long")) == SPANS
    again.close()

    # a command on a part of the document not read yet still reports a new span as new
    third = _build(qtbot, db)
    state = third.controller.open_document("long")
    late = next(t for t in reversed(list(tokens.iter_tokens(text))) if t.is_word and (t.start, t.end) not in taken)
    assert not state.spans.complete
    with qtbot.waitSignal(third.controller.spansChanged) as changed:
        third.controller.tag("long", late.start, late.end, "ACTOR")
    assert [(b, a.start if a else None) for b, a in changed.args[1]] == [(None, late.start)]
    assert len(state.spans) == SPANS + 1
    third.close()
