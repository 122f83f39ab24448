"""Speed of the annotation window on a 1,000,000-character Arabic document with 20,000 spans.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/bench_gui.py -s``

Prints figures; asserts nothing about time (a benchmark, not a test). The text is
../shared/corpus repeated to 1,000,000 characters when that folder exists, else
generated Arabic text. Measured:

* open + first paint of the document in a pane, with its 20,000 spans and
  *including reading them from the database* (what a user waits for), against
  the same widget opening the same text without spans (target: at most 3x).
  Printed for the window's way (read the first screen's spans, paint, read the
  rest right after the first paint) and, for comparison, for reading every span
  before painting (the way before); reading the document's text is the same
  with or without spans and left out of both;
* tagging one more span, key press to stored in the database and the changed
  lines repainted, the event loop run until idle so Qt paints what the tag
  changed and only that (issue 13's target: median under 8 ms on a quiet
  machine; at most 1.5x the same on a one-page document); also printed: the
  process's CPU time per tag (steadier than wall time on a shared machine) and,
  for comparison, the same with the whole viewport repainted;
* scrolling one page (target: median under 16 ms).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="annotator-bench-home-")
os.environ["HOME"] = _HOME
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")

from PySide6.QtCore import QCoreApplication, QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core import tokens  # noqa: E402
from annotator.core.offsets import Utf16Map  # noqa: E402
from annotator.core.text import text_sha256  # noqa: E402
from annotator.core.values import Document, Span  # noqa: E402
from annotator.gui.annotation.window import DOCK_DELAY_MS  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.services.spans import load_spans  # noqa: E402
from annotator.storage import annotation_sets as set_store  # noqa: E402
from annotator.storage import documents as document_store  # noqa: E402
from annotator.storage import spans as span_store  # noqa: E402

LENGTH = 1_000_000
SPANS = 20_000
ANNOTATOR = "bench"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
WORDS = ("قال وزير الخارجية إن الحكومة ستعلن يوم الخميس عن اتفاق جديد مع الدول المجاورة بشأن المعابر "
         "الحدودية والتجارة وأضاف المتحدث أن المفاوضات استمرت عدة أشهر قبل التوصل إلى صيغة نهائية "
         "في العاصمة بحضور ممثلين عن الأمم المتحدة والبنك الدولي 2025 أيلول 300 مليون دولار").split()


def arabic_text(length: int = LENGTH) -> tuple[str, str]:
    """The benchmark text and where it came from."""
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if files:
        base = "\n".join(f.read_text(encoding="utf-8").strip() for f in files) + "\n"
        source = f"{CORPUS} ({len(files)} files) repeated"
    else:
        rnd = random.Random(7)
        paras = []
        for _ in range(400):
            words = [rnd.choice(WORDS) for _ in range(rnd.randint(30, 90))]
            paras.append(" ".join(words) + ".")
        base = "\n".join(paras) + "\n"
        source = "generated Arabic text (../shared/corpus not found)"
    text = (base * (length // len(base) + 1))[:length]
    return text, source


def bench_spans(text: str, count: int = SPANS) -> list[Span]:
    """Claims of 4-8 words with an actor inside, on every other stretch of words: nested spans."""
    toks = [t for t in tokens.iter_tokens(text) if t.is_word]
    spans: list[Span] = []
    i = 0
    while len(spans) < count and i + 10 < len(toks):
        first, last = toks[i], toks[i + 5]
        if text.find("\n", first.start, last.end) < 0:
            spans.append(Span(f"c{i}", first.start, last.end, "CLAIM"))
            inner = toks[i + 2]
            spans.append(Span(f"a{i}", inner.start, inner.end, "ACTOR"))
        i += 12
    return spans[:count]


def make_project(folder: Path, text: str, spans: list[Span], doc_id: str) -> Path:
    db = folder / f"{doc_id}.sqlite"
    project = Project.open(db)
    try:
        with project.database.unit_of_work() as s:
            document_store.add_document(s, Document(doc_id, doc_id, text, text_sha256(text), "rtl"))
            document_store.add_document(s, Document("other", "other", "نص قصير.", text_sha256("نص قصير."), "rtl"))
            set_row = set_store.get_or_create_set(s, doc_id, ANNOTATOR)
            span_store.bulk_insert_spans(s, set_row.id, spans)
    finally:
        project.close()
    return db


#: median CPU milliseconds per tag, by (document, settle)
CPU_MS: dict[tuple[str, bool], float] = {}
#: milliseconds the span and document lists take to catch up after one tag, by document
LISTS_MS: dict[str, list[float]] = {}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _open_and_paint(pane, make_state) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """Seconds to build the state (reading spans), to its first paint, and until all spans are read and idle."""
    t0 = time.perf_counter()
    state = make_state()
    t_state = time.perf_counter()
    pane.show_document(state)
    pane.editor.viewport().repaint()
    t_paint = time.perf_counter()
    QApplication.processEvents()  # the window's deferred read of the other spans runs here
    while not state.spans.complete and time.perf_counter() - t0 < 30:
        QApplication.processEvents()
    t_idle = time.perf_counter()
    return t_state - t0, t_paint - t0, t_idle - t0


def _tag_times(qtbot, window, doc_id: str, rounds: int = 40,  # type: ignore[no-untyped-def]
               settle: bool = False) -> list[float]:
    """Key press to stored and repainted, for single words on the first screen.

    Default: the pane's whole viewport is repainted at once (``repaint()``), the
    dock updates left pending. ``settle``: the event loop runs until idle, so Qt
    repaints what changed (the paragraph, the span list row, the status bar).
    """
    pane = next(p for p in window.area.panes if p.document_id == doc_id)
    ed = pane.editor
    text = ed.state.text
    window.area.set_active(pane)
    ed.setFocus()
    words = [t for t in tokens.iter_tokens(text, 0, min(len(text), 2500)) if t.is_word]
    words = words[1 if settle else 2:rounds * 4:4]
    times, cpu = [], []
    for tok in words[:rounds]:
        ed.select_range(tok.start, tok.end)
        ed.verticalScrollBar().setValue(0)
        QApplication.processEvents()
        t0, c0 = time.perf_counter(), time.process_time()
        qtbot.keyClick(ed, Qt.Key.Key_3)
        if settle:
            for _ in range(3):  # the paint the key's events post, and what zero-delay timers post in turn
                QApplication.processEvents()
        else:
            ed.viewport().repaint()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        if settle:  # the span and document lists, which follow once per burst of edits: timed apart
            t1 = time.perf_counter()
            window.flush_docks()
            for _ in range(3):
                QApplication.processEvents()
            LISTS_MS.setdefault(doc_id, []).append((time.perf_counter() - t1) * 1000)
    CPU_MS[(doc_id, settle)] = median_ms(cpu)
    return times


def test_gui_speed(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    QCoreApplication.setOrganizationName("annotator-bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    from annotator.gui import main_window
    from annotator.gui.annotation.controller import OpenDocument, read_span_index
    from annotator.gui.annotation.document_pane import DocumentPane
    from annotator.gui.annotation.highlighter import LabelColours
    from annotator.gui.annotation.spanindex import SpanIndex

    text, source = arabic_text()
    t0 = time.perf_counter()
    spans = bench_spans(text)
    t_spans = time.perf_counter() - t0
    big_db = make_project(tmp_path, text, spans, "big")
    page_text = text[:3000]
    page_db = make_project(tmp_path, page_text, [s for s in spans if s.end <= 3000], "page")
    print(f"\n--- GUI benchmark: {len(text):,} characters from {source}; {len(spans):,} spans "
          f"(made in {t_spans:.1f} s) ---")

    project = Project.open(big_db)
    t0 = time.perf_counter()
    doc = project.document("big")
    t_doc = time.perf_counter() - t0
    t0 = time.perf_counter()
    loaded = load_spans(project, "big", ANNOTATOR)
    t_load = time.perf_counter() - t0
    colours = LabelColours(project.schema)

    pane = DocumentPane(colours)
    qtbot.addWidget(pane)
    pane.resize(700, 800)
    pane.show()
    qtbot.waitExposed(pane)
    u16 = Utf16Map(doc.text)
    ways = {
        "plain": lambda: OpenDocument(doc, u16, SpanIndex()),
        # before: every span read (one query), then the index built, then the paint
        "all first": lambda: OpenDocument(doc, u16, SpanIndex(load_spans(project, "big", ANNOTATOR))),
        # now (Controller.open_document): the first screen's spans, the paint, then the rest
        "first screen": lambda: OpenDocument(doc, u16, read_span_index(project, doc, ANNOTATOR)),
    }
    rounds = 7
    times: dict[str, list[tuple[float, float, float]]] = {k: [] for k in ways}
    for _ in range(rounds):
        for name, make in ways.items():
            times[name].append(_open_and_paint(pane, make))
    med = {name: [median_ms([t[i] for t in ts]) for i in range(3)] for name, ts in times.items()}
    plain = med["plain"][1]
    first = read_span_index(project, doc, ANNOTATOR)
    n_first = len(first.loaded())
    project.close()
    print(f"reading the document's text: {t_doc * 1000:.1f} ms (the same with or without spans: left out below)")
    print(f"reading all {len(loaded):,} spans from the database alone: {t_load * 1000:.1f} ms")
    print(f"open + first paint, medians of {rounds} (spans read from the database included):")
    print(f"  no spans:                                   first paint {plain:7.1f} ms, idle {med['plain'][2]:7.1f} ms")
    old = med["all first"]
    print(f"  before: all {len(loaded):,} spans read, then paint:     read+index {old[0]:6.1f} ms, "
          f"first paint {old[1]:7.1f} ms -> ratio {old[1] / plain:.2f}x")
    new = med["first screen"]
    print(f"  now: first screen's {n_first} spans, paint, rest: read+index {new[0]:6.1f} ms, "
          f"first paint {new[1]:7.1f} ms -> ratio {new[1] / plain:.2f}x (target <= 3x)")
    print(f"       the other spans, read right after the first paint: all read and idle at {new[2]:7.1f} ms "
          f"({new[2] - new[1]:.1f} ms after the first paint; no spans: idle at {med['plain'][2]:.1f} ms)")

    t0 = time.perf_counter()
    window = main_window(big_db, ["big", "other"], annotator=ANNOTATOR)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    QApplication.processEvents()
    t_shown = time.perf_counter() - t0
    big_spans = window.controller.open_document("big").spans
    while not big_spans.complete and time.perf_counter() - t0 < 30:
        QApplication.processEvents()
    print(f"whole window with the document, built and shown: {t_shown * 1000:.0f} ms; "
          f"all its spans read and listed at {(time.perf_counter() - t0) * 1000:.0f} ms")

    big_tag = _tag_times(qtbot, window, "big")
    big_settle = _tag_times(qtbot, window, "big", settle=True)
    ed = next(p for p in window.area.panes if p.document_id == "big").editor
    sb = ed.verticalScrollBar()
    scroll = []
    for start in (0, sb.maximum() // 2):
        sb.setValue(start)
        QApplication.processEvents()
        for _ in range(40):
            t0 = time.perf_counter()
            sb.setValue(sb.value() + sb.pageStep())
            ed.viewport().repaint()
            scroll.append(time.perf_counter() - t0)
    window.close()

    small = main_window(page_db, ["page", "other"], annotator=ANNOTATOR)
    qtbot.addWidget(small)
    small.resize(1400, 850)
    small.show()
    qtbot.waitExposed(small)
    small.activateWindow()
    page_tag = _tag_times(qtbot, small, "page")
    page_settle = _tag_times(qtbot, small, "page", settle=True)
    small.close()

    bs, ps = median_ms(big_settle), median_ms(page_settle)
    print(f"tag one span (key -> stored -> changed lines repainted, event loop until idle, docks too): "
          f"big doc median {bs:6.2f} ms, p90 {sorted(big_settle)[int(len(big_settle) * 0.9)] * 1000:6.2f} ms, "
          f"CPU {CPU_MS[('big', True)]:5.2f} ms (target < 8 ms)")
    print(f"  one-page doc median {ps:6.2f} ms, CPU {CPU_MS[('page', True)]:5.2f} ms -> ratio {bs / ps:.2f}x "
          f"(target <= 1.5x)")
    print(f"  then the span and document lists catch up (once per burst of edits, {DOCK_DELAY_MS} ms after its "
          f"first): big doc median {statistics.median(LISTS_MS['big']):6.2f} ms, "
          f"one page {statistics.median(LISTS_MS['page']):6.2f} ms")
    big_ms, page_ms = median_ms(big_tag), median_ms(page_tag)
    print(f"  the same with the whole viewport repainted at once: big {big_ms:6.2f} ms "
          f"(CPU {CPU_MS[('big', False)]:5.2f} ms), one page {page_ms:6.2f} ms -> ratio {big_ms / page_ms:.2f}x")
    print(f"scroll one page:                                    median {median_ms(scroll):6.2f} ms, "
          f"p90 {sorted(scroll)[int(len(scroll) * 0.9)] * 1000:6.2f} ms (target < 16 ms)")
