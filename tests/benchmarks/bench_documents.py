"""Benchmark: the annotation window on a project of many documents against the same window
on 3 documents, measured in one run (issue 13). Prints figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_documents.py [--docs 100000]
        [--db-url postgresql+psycopg://...]   # both projects on that server (two schemas there)
        [--postgres]                          # a throwaway server started here, as CI starts one

Issue 13's PostgreSQL figure: ``--postgres --docs 1000000``.

Measured for both projects: opening the window (to its first paint), the memory it adds,
a filter keystroke in the document list (each prefix of a word, then clearing it: the
first page of matches is shown), the exact count read when typing pauses, a sort click
on each column, and a keystroke in the pane's document finder. Targets: open at
most 2x the small project, at most 100 MB more, a keystroke and a click under 50 ms or at
most 3x the small project.

Data: titles and texts cut at run time from the articles in ../shared/corpus (paragraphs
mixed, so titles repeat words as real headlines do); the documents are written straight
into a migrated project with sqlite3 (the import has its own benchmark), with their
document-list rows from ``storage.document_list.list_row``; alice has worked on 2,000 of
them (statuses, spans, time), so sorting by her work has something to sort.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"


def paragraphs() -> list[str]:
    out = []
    for f in sorted(CORPUS.glob("*")):
        if f.is_file() and f.suffix == ".txt":  # the articles, not the folder's README
            out += [p.strip() for p in f.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 40]
    if not out:
        sys.exit(f"no articles in {CORPUS}")
    return out


def build(path: Path | str, n: int, rnd: random.Random) -> None:
    from annotator.core.text import text_sha256
    from annotator.core.values import Document
    from annotator.services.project import Project
    from tests.many_documents import DOCUMENT_COLUMNS, LIST_COLUMNS, rows, write_sqlite

    Project.open(path).close()
    paras = paragraphs()
    docs = []
    for i in range(n):
        ps = rnd.sample(paras, 2)
        words = ps[0].split()
        start = rnd.randrange(max(1, len(words) - 8))
        title = " ".join(words[start:start + rnd.randint(3, 9)])
        text = ("\n\n".join(ps) if isinstance(path, Path) else ps[0][:200]) + f"\n\n{i}"
        docs.append(Document(f"doc-{i:06d}", title, text, text_sha256(text), "rtl",
                             source_path=f"/corpus/{i % 97}/{i}.txt"))
    if isinstance(path, Path):
        write_sqlite(path, docs)
    else:
        import sqlalchemy as sa

        documents, listed = rows(docs)
        engine = sa.create_engine(path)
        with engine.begin() as conn:
            raw = conn.connection.driver_connection
            with raw.cursor() as cur:  # type: ignore[union-attr]
                for table, columns, values in (("documents", DOCUMENT_COLUMNS, documents),
                                               ("document_list", LIST_COLUMNS, listed)):
                    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                        for row in values:
                            copy.write_row(row)
            conn.exec_driver_sql("ANALYZE")
        engine.dispose()
    # alice's work on some of them, through the program
    from annotator.core.values import SetStatus
    from annotator.services import team

    p = Project.open(path)
    worked = rnd.sample([d.id for d in docs], min(n, 2000) if n > 3 else 1)
    for k, doc_id in enumerate(worked):
        text = p.document(doc_id).text
        a = text.index(" ") + 1
        p.add_span(doc_id, "alice", a, text.index(" ", a), "ACTOR")
        if k % 3 == 0:
            p.set_status(doc_id, "alice", SetStatus.DONE)
        if k % 5 == 0:
            team.add_time_spent(p, doc_id, "alice", rnd.randint(10, 3000))
    p.close()


def schema_url(url: str, schema: str) -> str:
    """*url* with its own empty schema *schema* first on the search path."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    return sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}) \
        .render_as_string(hide_password=False)


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL server of its own (``.ci/start-postgres``, the script CI uses), stopped after."""
    base = tempfile.mkdtemp(prefix="bench-pg-")
    env = {**os.environ, "PGTEST_DIR": base, "PGTEST_PORT": os.environ.get("BENCH_PG_PORT", "54431")}
    url = subprocess.run([str(ROOT / ".ci" / "start-postgres")], env=env, check=True, capture_output=True,
                         text=True).stdout.strip().splitlines()[-1]
    try:
        yield url
    finally:
        pg_ctl = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))[-1]
        stop = [str(pg_ctl), "-D", f"{base}/data", "-m", "fast", "stop"]
        subprocess.run(["runuser", "-u", "postgres", "--", *stop] if os.getuid() == 0 else stop,
                       check=False, capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def measure(path: Path | str) -> dict[str, float]:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from annotator.gui.annotation.document_finder import DocumentFinder
    from annotator.gui.annotation.window import MainWindow
    from annotator.gui.common.settings import Settings
    from annotator.services.project import Project

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    settings = Settings(QSettings(tempfile.mktemp(suffix=".ini"), QSettings.Format.IniFormat))
    before = rss_mb()
    t0 = time.perf_counter()
    project = Project.open(path, create=False)
    win = MainWindow(project, "alice", settings)
    win.resize(1400, 850)
    win.show()
    win.grab()  # painted
    app.processEvents()
    out = {"open_ms": (time.perf_counter() - t0) * 1000, "rss_mb": rss_mb() - before}
    dock = win.documents_dock

    def timed(action) -> float:  # type: ignore[no-untyped-def]
        t = time.perf_counter()
        action()
        dock.view.viewport().repaint()
        app.processEvents()
        return (time.perf_counter() - t) * 1000

    word = "الاتفاق"
    keys, counts = [], []
    for k in [*range(1, len(word) + 1), 0]:
        keys.append(timed(lambda k=k: dock.filter_edit.setText(word[:k])))  # what a keystroke waits for
        counts.append(timed(dock.model.count_now))  # the full count, read once typing pauses
    out["filter_median_ms"], out["filter_max_ms"] = statistics.median(keys), max(keys)
    out["count_after_pause_max_ms"] = max(counts)
    clicks = []
    for col in range(5):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            clicks.append(timed(lambda c=col, o=order: dock.view.sortByColumn(c, o)))
    out["sort_median_ms"], out["sort_max_ms"] = statistics.median(clicks), max(clicks)
    finder = DocumentFinder(project, "alice", win)
    finder.show()
    app.processEvents()
    typed = []
    for k in range(1, len(word) + 1):
        t = time.perf_counter()
        finder.edit.setText(word[:k])
        finder.view.viewport().repaint()
        app.processEvents()
        typed.append((time.perf_counter() - t) * 1000)
    out["finder_median_ms"] = statistics.median(typed)
    finder.close()
    win.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--db-url", help="a PostgreSQL server database: both projects there, in schemas "
                                     "bench_small and bench_big (dropped first)")
    ap.add_argument("--postgres", action="store_true",
                    help="start a throwaway PostgreSQL server (.ci/start-postgres) and measure there")
    args = ap.parse_args()
    from PySide6.QtWidgets import QApplication

    from annotator.gui.common import fonts

    app = QApplication([])  # noqa: F841
    fonts.register_fonts()
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        if args.postgres:
            args.db_url = stack.enter_context(throwaway_postgres())
        small: Path | str = Path(tmp) / "small.sqlite"
        big: Path | str = Path(tmp) / "big.sqlite"
        if args.db_url:
            small, big = (schema_url(args.db_url, name) for name in ("bench_small", "bench_big"))
        rnd = random.Random(13)
        t = time.perf_counter()
        build(small, 3, rnd)
        build(big, args.docs, rnd)
        print(f"built projects of 3 and {args.docs:,} documents in {time.perf_counter() - t:.0f} s")
        measure(small)  # warm: imports, fonts, first-use caches
        a, b = measure(small), measure(big)
    print(f"{'':22s}{'3 documents':>14s}{f'{args.docs:,} documents':>20s}{'ratio':>8s}")
    for key in a:
        ratio = b[key] / a[key] if a[key] > 0 else float("nan")
        unit = "MB" if key.endswith("mb") else "ms"
        print(f"{key:22s}{a[key]:11.1f} {unit}{b[key]:17.1f} {unit}{ratio:8.2f}")
    print(json.dumps({"docs": args.docs, "small": a, "big": b}))


if __name__ == "__main__":
    main()
