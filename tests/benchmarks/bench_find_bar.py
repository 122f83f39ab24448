"""Speed of find in a pane (Ctrl+F) on a 1,000,000-character Arabic document with 20,000 spans.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/bench_find_bar.py -s``

Prints figures; asserts nothing about time. The text is bench_gui's (../shared/corpus
repeated, else generated Arabic). Measured, for a word and for one letter (the worst
case of find as you type: the first key of a query):

* the core alone: folding the text (done once per document and set of folds) and
  finding every match in the folded copy;
* in the window: from the search starting (the typing pause over) to the current match
  selected, to every match counted; and the longest time the event loop was held by
  one slice of the search (what typing can be held up by), beside the slice budget.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from annotator.core.search import SearchOptions, compile_query, find_in_folded, fold_text
from annotator.gui.annotation import find_bar
from tests.benchmarks.bench_gui import arabic_text, bench_spans, make_project


def _core(text: str, query: str) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    folded = fold_text(text, SearchOptions())
    t1 = time.perf_counter()
    pattern = compile_query(query)
    assert pattern is not None
    hits = sum(1 for _ in find_in_folded(folded, pattern, text))
    return t1 - t0, time.perf_counter() - t1, hits


def _in_window(qtbot, bar, query: str) -> tuple[float, float, float, str]:  # type: ignore[no-untyped-def]
    """Seconds to the current match, to the whole count, and the longest slice."""
    slices: list[float] = []
    step = bar._next_slice

    def timed() -> None:
        t = time.perf_counter()
        step()
        slices.append(time.perf_counter() - t)

    bar._slices.timeout.disconnect()
    bar._slices.timeout.connect(timed)
    bar.query.setText(query)
    t0 = time.perf_counter()
    t = time.perf_counter()
    bar.search()  # what the typing pause starts (its first slice runs at once)
    slices.append(time.perf_counter() - t)
    first = time.perf_counter() - t0 if bar.marks.current >= 0 else None
    while bar._running is not None:
        QApplication.processEvents()
        if first is None and bar.marks.current >= 0:
            first = time.perf_counter() - t0
    total = time.perf_counter() - t0
    bar._slices.timeout.disconnect()
    bar._slices.timeout.connect(step)
    return first or total, total, max(slices), f"{bar.count.text()}, {len(slices)} slices"


def test_find_speed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    QCoreApplication.setOrganizationName("annotator-bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    text, source = arabic_text()
    print(f"\ntext: {len(text):,} characters, {source}")
    word = "الاتفاق" if "الاتفاق" in text else "الحكومة"
    for query in (word, "ا"):
        fold_s, find_s, hits = _core(text, query)
        print(f"core {query!r}: fold {fold_s * 1000:.0f} ms (once per document), "
              f"find {find_s * 1000:.0f} ms, {hits:,} matches")

    from annotator.gui import main_window

    db = make_project(tmp_path, text, bench_spans(text), "long")
    win = main_window(db, ["long"], annotator="bench")
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    qtbot.waitExposed(win)
    pane = win.area.panes[0]
    qtbot.waitUntil(lambda: pane.editor.state.spans.complete, timeout=30000)  # the window's own reading done
    for _ in range(20):
        QApplication.processEvents()
    bar = pane.find_bar()
    t = time.perf_counter()
    bar.open()  # Ctrl+F: the text is folded once, here
    print(f"window: Ctrl+F opens the bar (folding the text) in {(time.perf_counter() - t) * 1000:.0f} ms")
    for query in (word, "ا"):
        first, total, longest, count = _in_window(qtbot, bar, query)
        print(f"window {query!r}: current match selected after {first * 1000:.0f} ms, all counted after "
              f"{total * 1000:.0f} ms ({count}); longest slice {longest * 1000:.1f} ms "
              f"(budget {find_bar.SLICE_SECONDS * 1000:.0f} ms; typing waits {find_bar.FIND_DELAY_MS} ms first)")
