"""Benchmark: opening the adjudication view on a long document with many annotators.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_adjudication_gui.py \
        [--chars 1000000] [--annotators 5] [--spans 20000] [--no-relations]

Prints figures; asserts nothing. The document and the annotators' spans are made
as in bench_agreement.py (corpus text repeated when ../shared/corpus exists, else
synthetic Arabic-like text; each annotator a noisy copy of a base annotation).
Each annotator also relates every claim to the actor (SOURCE, sometimes TARGET)
or date (TIME) nested in it: about 3,000 relations per annotator, drawn as badges
and compared as relation disagreements.

Figures: the time until the panes show the text (the window is usable and
painted), the time until every pane has its spans and the table its rows (the
versions are read and diffed in a worker thread meanwhile), then one "next
disagreement", one "accept annotator 1's version" and "accept all agreed".
Target (issue 5): open in under a second.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from bench_agreement import annotator_spans, base_spans, corpus_text, load_average, synthetic_text  # noqa: E402
from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from sqlalchemy import select  # noqa: E402

from annotator.core.text import text_sha256  # noqa: E402
from annotator.core.token_index import word_token_bounds  # noqa: E402
from annotator.core.values import Document  # noqa: E402
from annotator.gui.app import ensure_application  # noqa: E402
from annotator.services import team  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.storage import annotation_sets as set_store  # noqa: E402
from annotator.storage import documents as document_store  # noqa: E402
from annotator.storage import spans as span_store  # noqa: E402
from annotator.storage.tables import RelationRow, SpanRow  # noqa: E402


def wait(predicate, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    end = time.perf_counter() + timeout
    while not predicate():
        QCoreApplication.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError
        time.sleep(0.001)


def add_relations(s, set_id: int, spans: list, rnd: random.Random) -> int:  # type: ignore[no-untyped-def]
    """Relate each claim to the actor or date nested right after it in the list (as base_spans makes them)."""
    pks = dict(s.execute(select(SpanRow.uid, SpanRow.pk).where(SpanRow.set_id == set_id)).all())
    rows = []
    for a, b in itertools.pairwise(spans):
        if a.label == "CLAIM" and b.label in ("ACTOR", "DATE") and a.start <= b.start and b.end <= a.end:
            rtype = "TIME" if b.label == "DATE" else ("TARGET" if rnd.random() < 0.1 else "SOURCE")
            rows.append({"set_id": set_id, "uid": f"r{len(rows)}", "type": rtype, "head_pk": pks[a.id],
                         "tail_pk": pks[b.id], "attrs": {}, "provenance": {}})
    if rows:
        s.execute(RelationRow.__table__.insert(), rows)
    return len(rows)


def bare_panes(text: str, n: int) -> float:
    """Seconds to show *n* plain QPlainTextEdit side by side with *text*, painted (median of 3)."""
    from PySide6.QtWidgets import QPlainTextEdit, QSplitter

    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        split = QSplitter()
        for _i in range(n):
            ed = QPlainTextEdit()
            ed.setReadOnly(True)
            ed.setPlainText(text)
            split.addWidget(ed)
        split.resize(1600, 900)
        split.show()
        split.repaint()
        QCoreApplication.processEvents()
        times.append(time.perf_counter() - t0)
        split.close()
        split.deleteLater()
        QCoreApplication.processEvents()
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--annotators", type=int, default=5)
    ap.add_argument("--spans", type=int, default=20_000)
    ap.add_argument("--no-relations", action="store_true", help="spans only (no relations between them)")
    args = ap.parse_args()
    app = ensure_application()
    text = corpus_text(args.chars) or synthetic_text(args.chars)
    bounds = word_token_bounds(text)
    tstarts, tends = bounds[0], bounds[1]
    names = [f"ann{i + 1}" for i in range(args.annotators)]
    print(f"load average {load_average()}; {len(text):,} characters, {args.annotators} annotators x "
          f"~{args.spans:,} spans")
    from annotator.gui.adjudication import open_adjudication

    with tempfile.TemporaryDirectory() as tmp:
        project = Project.open(Path(tmp) / "bench.sqlite")
        team.add_annotator(project, "judge", "adjudicator")
        rnd = random.Random(1)
        base = base_spans(tstarts, tends, args.spans, rnd)
        with project.database.unit_of_work() as s:
            document_store.add_document(s, Document("long", "long", text, text_sha256(text), "rtl"))
            s.flush()
            n_relations = 0
            for n in names:
                row = set_store.get_or_create_set(s, "long", n)
                spans = annotator_spans(base, tstarts, tends, rnd, n)
                span_store.bulk_insert_spans(s, row.id, spans)
                if not args.no_relations:
                    n_relations += add_relations(s, row.id, spans, rnd)
        print(f"{n_relations:,} relations in all")
        floor = bare_panes(text, args.annotators + 1)
        print(f"floor: {args.annotators + 1} bare QPlainTextEdit panes with the same text, shown and painted: "
              f"{floor * 1000:.0f} ms (issue 13: the view fully painted in under 2x this)")
        for attempt in range(2):
            t0 = time.perf_counter()
            win = open_adjudication(None, project, "long", "judge")
            assert win is not None
            win.repaint()
            QCoreApplication.processEvents()
            t_shown = time.perf_counter() - t0
            wait(lambda win=win: win.loaded_state is not None)
            win.repaint()
            t_loaded = time.perf_counter() - t0
            print(f"open #{attempt + 1}: panes painted with the text {t_shown * 1000:.0f} ms; every pane's spans "
                  f"and {win.model.rowCount():,} disagreements listed and painted {t_loaded * 1000:.0f} ms "
                  f"(worker: read + diff + indexes {win.loaded_state.seconds * 1000:.0f} ms) "
                  f"-> {t_loaded / floor:.2f}x the bare panes")
            if attempt == 0:
                win.close()
        steps = []
        for _ in range(20):
            t0 = time.perf_counter()
            QTest.keyClick(win.gold_pane.editor, Qt.Key.Key_N)
            win.repaint()
            steps.append(time.perf_counter() - t0)
        print(f"next disagreement (all {len(win.panes)} panes scrolled, marked, painted): median "
              f"{statistics.median(steps) * 1000:.1f} ms")
        accepts = []
        for _ in range(10):
            t0 = time.perf_counter()
            QTest.keyClick(win.gold_pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
            win.repaint()
            accepts.append(time.perf_counter() - t0)
        print(f"accept annotator 1's version (stored, gold pane and table refreshed, painted): median "
              f"{statistics.median(accepts) * 1000:.1f} ms")
        win.threshold.setCurrentIndex(1)
        t0 = time.perf_counter()
        win.accept_agreed()
        win.repaint()
        print(f"accept all agreed (majority): {time.perf_counter() - t0:.2f} s, gold now {len(win.gold.spans):,} spans")
        t0 = time.perf_counter()
        win.undo()
        win.repaint()
        print(f"undo accept agreed: {time.perf_counter() - t0:.2f} s")
        win.close()
        project.close()
    app.quit()


if __name__ == "__main__":
    main()
