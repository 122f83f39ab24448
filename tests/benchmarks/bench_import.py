"""Benchmark: importing many .txt files, and a JSONL file with spans, against the floor of
inserting the same rows with plain ``sqlite3`` in the same run. Prints figures; asserts nothing.

    .venv/bin/python tests/benchmarks/bench_import.py [--docs 20000] [--jsonl-docs N] [--spans 20]
        [--chars 1500] [--corpus DIR] [--synthetic] [--only txt|jsonl] [--repeat N]

Text: realistic, built at run time from the articles in ../shared/corpus (as in
bench_export.py: paragraphs drawn at random and cut, no-break spaces and all; never
copied into the project). ``--docs`` .txt files in one folder (``annotator import
FOLDER``), and one ``.jsonl`` of ``--jsonl-docs`` documents (default: as many) with
``--spans`` spans each on word tokens, nested like an annotator's (``annotator import
FILE.jsonl``).

Each run is a child process (``annotator import`` through the service, into a new
project), so its peak memory is its own (``VmHWM``: the child's ``ru_maxrss`` would count
the benchmark process it was forked from, which wrote the input). The floor, also a child
process on a new project: read the same files (``read_text``; ``json.loads`` per line),
normalise nothing, hash the texts, and insert the same rows (documents and their document
list rows, whose full-text index SQLite's triggers fill, and their search rows, each text
folded, with their trigram index entries; for JSONL their annotation sets and spans)
with plain ``sqlite3`` ``executemany`` in one transaction.
Target (issue 13): each import at most 2x its floor (wall), peak under 300 MB whatever
the input's size (try ``--jsonl-docs 80000``: the floor's peak grows with the file, the
import's must not). ``--repeat N`` runs each N times and shows the least wall time. Wall
time includes the import's pauses between its short write transactions
(``storage/imports.py``: they let annotators' edits in; the import reads on meanwhile);
CPU time does not.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_export import TextSource, find_corpus, spans_for  # noqa: E402

FLOOR = r'''
import hashlib, json, os, sqlite3, sys, time
from datetime import UTC, datetime
from pathlib import Path
from annotator.services.project import Project
from annotator.core.values import Document
from annotator.storage.document_list import list_row
from annotator.core.search import index_text
kind, source, db = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
def peak_kib():  # this process's own peak (VmHWM): ru_maxrss would include the parent's, inherited at fork
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
Project.open(db).close()  # the schema
t0, c0 = time.perf_counter(), time.process_time()
now = datetime.now(UTC).isoformat()
con = sqlite3.connect(db)
docs, sets, spans = [], [], []
if kind == "txt":
    for f in sorted(source.iterdir()):
        text = f.read_text(encoding="utf-8")
        docs.append((f.stem, text.split("\n", 1)[0][:200], text, hashlib.sha256(text.encode()).hexdigest(),
                     len(text), "rtl", "{}", str(f), now))
else:
    with open(source, encoding="utf-8") as fh:
        for line in fh:
            o = json.loads(line)
            text = o["text"]
            docs.append((o["id"], o["title"], text, hashlib.sha256(text.encode()).hexdigest(), len(text), "rtl",
                         "{}", str(source), now))
            sets.append((len(sets) + 1, o["id"], 1, "annotation", "in_progress", now, now, 0))
            spans.extend((len(sets), s["id"], s["start"], s["end"], s["label"], json.dumps(s["attrs"]), now, now,
                          "{}", "annotation") for s in o["spans"])
listed = []  # the document list's row of each document (its folded search key, as the import makes it)
for d in docs:
    row = list_row(Document(d[0], d[1], "", d[3], "rtl", {}, d[7], None))
    listed.append((row["document_id"], row["title"], row["source_path"], row["source_name"], row["search_key"]))
with con:
    con.execute("INSERT INTO annotators (id, name, role, created_at) VALUES (1, 'imported', 'annotator', ?)", (now,))
    con.executemany("INSERT INTO documents (id, title, text, sha256, length, direction, meta, source_path, "
                    "imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", docs)
    con.executemany("INSERT INTO document_list (document_id, title, source_path, source_name, search_key) "
                    "VALUES (?, ?, ?, ?, ?)", listed)
    # the search's row of each document (its text folded) and its entry in the trigram index
    numbers = dict(con.execute("SELECT document_id, number FROM document_list"))
    found = [(numbers[d[0]], index_text(d[2])) for d in docs]
    con.executemany("INSERT INTO document_search (number, folded) VALUES (?, ?)", found)
    con.executemany("INSERT INTO document_search_fts (rowid, folded) VALUES (?, ?)", found)
    con.executemany("INSERT INTO annotation_sets (id, document_id, annotator_id, kind, status, created_at, "
                    "updated_at, time_spent_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", sets)
    con.executemany("INSERT INTO spans (set_id, uid, start_offset, end_offset, label, attrs, created_at, "
                    "updated_at, provenance, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", spans)
con.close()
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"wall": wall, "cpu": cpu, "rss": peak_kib(),
                  "docs": len(docs), "spans": len(spans)}))
'''

IMPORT = r'''
import json, sys, time
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
source, db = sys.argv[1], sys.argv[2]
def peak_kib():  # this process's own peak (VmHWM): ru_maxrss would include the parent's, inherited at fork
    return next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM"))
project = Project.open(db)
t0, c0 = time.perf_counter(), time.process_time()
report = import_paths(project, [source])
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
project.close()
print(json.dumps({"wall": wall, "cpu": cpu, "rss": peak_kib(),
                  "docs": len(report.imported), "spans": report.spans, "hold": report.longest_lock_hold}))
'''


def child(script: str, *args: str, repeat: int = 1) -> dict[str, float]:
    """Run *script* in a fresh interpreter (the checkout's annotator), *repeat* times, each on
    a new project; the JSON result of the run with the least wall time (a shared machine's
    load only ever adds time), with the highest peak of all runs."""
    env_path = str(ROOT)
    runs = []
    for _ in range(repeat):
        Path(args[-1]).unlink(missing_ok=True)
        for extra in ("-wal", "-shm"):
            Path(args[-1] + extra).unlink(missing_ok=True)
        out = subprocess.run([sys.executable, "-c", script, *args], check=True, capture_output=True, text=True,
                             env={**__import__("os").environ, "PYTHONPATH": env_path})
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    best: dict[str, float] = min(runs, key=lambda r: r["wall"])
    return {**best, "rss": max(r["rss"] for r in runs)}


def write_txt(folder: Path, source: TextSource, n: int, n_chars: int) -> int:
    folder.mkdir()
    size = 0
    for d in range(n):
        text = source.document(n_chars)
        size += (folder / f"doc-{d:06d}.txt").write_text(text, encoding="utf-8")
    return size


def write_jsonl(path: Path, source: TextSource, n: int, n_chars: int, n_spans: int) -> int:
    rnd = random.Random(13)
    with open(path, "w", encoding="utf-8") as fh:
        for d in range(n):
            text = source.document(n_chars)
            spans = [{"id": f"s{k}", "start": s, "end": e, "label": label, "text": text[s:e],
                      "attrs": json.loads(attrs) if attrs else {}}
                     for k, (s, e, label, attrs) in enumerate(spans_for(rnd, text, n_spans))]
            fh.write(json.dumps({"id": f"j-{d:06d}", "title": text[:40], "text": text, "meta": {},
                                 "spans": spans}, ensure_ascii=False))
            fh.write("\n")
    return path.stat().st_size


def show(label: str, run: dict[str, float], floor: dict[str, float] | None) -> None:
    rate = run["docs"] / run["wall"] if run["wall"] else 0.0
    ratio = f"{run['wall'] / floor['wall']:5.2f}x {run['cpu'] / floor['cpu']:5.2f}x" if floor else f"{'':>13}"
    print(f"{label:<28} {run['wall']:7.2f}s {run['cpu']:7.2f}s {rate:9,.0f} {ratio}   "
          f"{run['rss'] / 1024:6.0f} MiB", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20_000, help=".txt files")
    ap.add_argument("--jsonl-docs", type=int, default=None, help="documents of the JSONL file (default --docs)")
    ap.add_argument("--spans", type=int, default=20, help="spans per JSONL document")
    ap.add_argument("--chars", type=int, default=1_500, help="characters per document")
    ap.add_argument("--corpus", type=Path, default=None, help="folder of .txt articles (default ../shared/corpus)")
    ap.add_argument("--synthetic", action="store_true", help="synthetic text instead of the corpus")
    ap.add_argument("--only", choices=("txt", "jsonl"), default=None)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each (the least wall time is shown)")
    ap.add_argument("--no-floor", action="store_true", help="only the import (its time and peak; no ratio)")
    args = ap.parse_args()
    source = TextSource(random.Random(13), None if args.synthetic else find_corpus(args.corpus))
    n_jsonl = args.jsonl_docs if args.jsonl_docs is not None else args.docs
    print(f"text: {source.kind}")
    print(f"{'':<28} {'wall':>8} {'CPU':>8} {'docs/s':>9} {'wall':>6} {'CPU':>6}   peak RSS")
    print(f"{'':<28} {'':>8} {'':>8} {'':>9} {'/ floor':>13}")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if args.only in (None, "txt"):
            size = write_txt(tmp / "txt", source, args.docs, args.chars)
            print(f"{args.docs:,} .txt files, {size / 1e6:.0f} MB", flush=True)
            floor = None if args.no_floor else child(FLOOR, "txt", str(tmp / "txt"), str(tmp / "floor-txt.sqlite"),
                                                     repeat=args.repeat)
            if floor is not None:
                show("floor: sqlite3 executemany", floor, None)
            run = child(IMPORT, str(tmp / "txt"), str(tmp / "import-txt.sqlite"), repeat=args.repeat)
            show("annotator import FOLDER", run, floor)
            print(f"{'':<28} longest write-lock hold {run['hold']:.2f} s", flush=True)
        if args.only in (None, "jsonl"):
            size = write_jsonl(tmp / "docs.jsonl", source, n_jsonl, args.chars, args.spans)
            print(f"one .jsonl of {n_jsonl:,} documents x {args.spans} spans, {size / 1e6:.0f} MB", flush=True)
            floor = None if args.no_floor else child(FLOOR, "jsonl", str(tmp / "docs.jsonl"),
                                                     str(tmp / "floor-jsonl.sqlite"), repeat=args.repeat)
            if floor is not None:
                show("floor: sqlite3 executemany", floor, None)
            run = child(IMPORT, str(tmp / "docs.jsonl"), str(tmp / "import-jsonl.sqlite"), repeat=args.repeat)
            show("annotator import FILE.jsonl", run, floor)
            print(f"{'':<28} longest write-lock hold {run['hold']:.2f} s; spans {run['spans']:,}", flush=True)
            print(f"{'':<28} peak RSS of the import: {run['rss'] / 1024:.0f} MiB ({run['rss'] * 1024 / 1e6:.0f} MB) "
                  f"for a file of {size / 1e6:.0f} MB", flush=True)


if __name__ == "__main__":
    main()
