"""Benchmark: memory comes back when windows are closed.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_memory.py \
        [--docs 5] [--chars 200000] [--annotators 5] [--spans 20000] [--times 10]

Prints figures; asserts nothing. A project of a few long documents, each built at
run time from the articles in ../shared/corpus (their paragraphs shuffled per document
and repeated to the length asked; synthetic Arabic-like text when the folder is
missing), each annotator holding about --spans spans over all of them (a noisy copy of
one base annotation, as in bench_agreement.py), so the adjudication view of a document
is heavy. Then, --times times each, as a user does: open and close the main window;
from one main window, open an adjudication view of the first document (until every
version is read and listed) and close it; open and close the Agreement window (until
its figures are computed) and the Assign dialog.

For each kind the resident set size (VmRSS of /proc/self/status) is printed before, with
the first one open, once it is closed and after all of them; the growth is the last
less the first closed. Between opens only the event loop runs (deferred deletes and
what they schedule): no collection is forced, the program frees what it frees by
itself. Target (issue 13): the growths add up to less than 20 MB. (From a checkout
elsewhere than beside ../shared, give the articles with --corpus.)
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_HOME = tempfile.mkdtemp(prefix="annotator-bench-home-")
os.environ["HOME"] = _HOME
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

from bench_agreement import CORPUS, annotator_spans, base_spans, load_average, synthetic_text  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEvent, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from annotator.core.text import detect_direction, text_sha256  # noqa: E402
from annotator.core.token_index import word_token_bounds  # noqa: E402
from annotator.core.values import Document  # noqa: E402
from annotator.gui.app import ensure_application  # noqa: E402
from annotator.services import team  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from annotator.storage import annotation_sets as set_store  # noqa: E402
from annotator.storage import documents as document_store  # noqa: E402
from annotator.storage import spans as span_store  # noqa: E402

TARGET_MB = 20.0
ADJUDICATOR = "judge"


def rss_mb() -> float:
    """This process's resident set size, in MB (VmRSS)."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def document_texts(n_docs: int, n_chars: int, corpus: Path) -> list[str]:
    """*n_docs* texts of *n_chars* characters: the corpus's paragraphs in a different order for each."""
    files = sorted(corpus.glob("*.txt")) if corpus.is_dir() else []
    paragraphs = [p for f in files for p in f.read_text(encoding="utf-8").split("\n") if p.strip()]
    if not paragraphs:
        return [synthetic_text(n_chars, seed=7 + i) for i in range(n_docs)]
    texts = []
    for i in range(n_docs):
        rnd = random.Random(100 + i)
        out: list[str] = []
        size = 0
        while size < n_chars:
            order = paragraphs[:]
            rnd.shuffle(order)
            for p in order:
                out.append(p)
                size += len(p) + 1
        texts.append("\n".join(out)[:n_chars])
    return texts


def make_project(path: Path, texts: list[str], names: list[str], spans_each: int) -> int:
    """The documents and every annotator's spans (*spans_each* over all documents); returns the spans stored."""
    project = Project.open(path)
    try:
        team.add_annotator(project, ADJUDICATOR, "manager")
        for n in names:
            team.add_annotator(project, n, "annotator")
        rnd = random.Random(1)
        stored = 0
        per_doc = max(1, spans_each // len(texts))
        with project.database.unit_of_work() as s:
            for i, text in enumerate(texts):
                doc_id = f"doc{i + 1}"
                document_store.add_document(s, Document(doc_id, f"long {i + 1}", text, text_sha256(text),
                                                        detect_direction(text)))
                s.flush()
                tstarts, tends = word_token_bounds(text)[:2]
                base = base_spans(tstarts, tends, per_doc, rnd)
                for n in names:
                    row = set_store.get_or_create_set(s, doc_id, n)
                    spans = annotator_spans(base, tstarts, tends, rnd, n)
                    span_store.bulk_insert_spans(s, row.id, spans)
                    stored += len(spans)
        return stored
    finally:
        project.close()


def wait(predicate: Callable[[], bool], timeout: float = 120.0) -> None:
    end = time.perf_counter() + timeout
    while not predicate():
        QCoreApplication.processEvents()
        if time.perf_counter() > end:
            raise TimeoutError
        time.sleep(0.002)


def settle() -> None:
    """What the event loop does after a close: the deferred deletes, then what they scheduled.

    No collection is forced here: the program frees what it frees by itself."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QApplication.processEvents()


def open_main(db: Path):  # type: ignore[no-untyped-def]
    from annotator.gui import main_window

    win = main_window(db, ["doc1", "doc2"], annotator=ADJUDICATOR)
    win.resize(1300, 800)
    win.show()
    QApplication.processEvents()
    win.repaint()
    return win


def from_team_menu(main, action: str) -> QWidget:  # type: ignore[no-untyped-def]
    """Trigger a Team menu action; the window it opened once it has read what it shows, painted."""
    main.team.actions[action].trigger()
    win: QWidget = main.team.windows[-1]
    if hasattr(win, "loaded_state"):
        wait(lambda: win.loaded_state is not None)  # type: ignore[attr-defined]
    if hasattr(win, "report"):
        wait(lambda: win.report is not None)  # type: ignore[attr-defined]
    QApplication.processEvents()
    win.repaint()
    return win


def cycles(label: str, times: int, open_one: Callable[[], QWidget]) -> float:
    """Open and close *times* times; print RSS with the first open, after it closed and after all; return
    the growth from the first close to the last, in MB."""
    t0 = time.perf_counter()
    before = rss_mb()
    win = open_one()
    opened = rss_mb()
    win.close()
    del win
    settle()
    first = rss_mb()
    for _ in range(times - 1):
        open_one().close()
        settle()
    last = rss_mb()
    growth = last - first
    print(f"{label:<36} RSS {before:6.1f} MB, first one open {opened:6.1f}, closed {first:6.1f}, "
          f"after {times}: {last:6.1f}; growth {growth:+6.1f} MB "
          f"({(time.perf_counter() - t0) / times:.2f} s per open and close)", flush=True)
    return growth


def from_one_main_window(db: Path, times: int) -> list[float]:
    """In one main window: the adjudication view, the agreement window and the assign dialog."""
    main = open_main(db)
    growth = [cycles(label, times, lambda action=action: from_team_menu(main, action))
              for label, action in (("adjudication view (from the window)", "team.adjudicate"),
                                    ("agreement window", "team.agreement"),
                                    ("assign dialog", "team.assign"))]
    main.close()
    settle()
    return growth


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=5)
    ap.add_argument("--chars", type=int, default=200_000, help="characters per document")
    ap.add_argument("--annotators", type=int, default=5)
    ap.add_argument("--spans", type=int, default=20_000, help="spans per annotator, over all documents")
    ap.add_argument("--times", type=int, default=10)
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="folder of .txt articles (default: ../shared/corpus)")
    args = ap.parse_args()
    ensure_application()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, os.path.join(_HOME, "settings"))
    names = [f"ann{i + 1}" for i in range(args.annotators)]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        texts = document_texts(args.docs, args.chars, args.corpus)
        stored = make_project(db, texts, names, args.spans)
        print(f"load average {load_average()}; {args.docs} documents x {args.chars:,} characters "
              f"({'corpus' if args.corpus.is_dir() else 'synthetic'} text), {args.annotators} annotators, "
              f"{stored:,} spans; each kind opened and closed {args.times} times", flush=True)
        start = rss_mb()

        growth = [cycles("main window", args.times, lambda: open_main(db))]
        growth += from_one_main_window(db, args.times)
        total = sum(growth)
        print(f"total growth {total:+.1f} MB over the {len(growth)} kinds (target < {TARGET_MB:.0f} MB: "
              f"{'met' if total < TARGET_MB else 'NOT met'}); RSS {start:.1f} MB before the first window, "
              f"{rss_mb():.1f} MB at the end")


if __name__ == "__main__":
    main()
