"""How long an import holds SQLite's write lock, and what an annotator tagging meanwhile waits.

    PYTHONPATH=. python tests/benchmarks/bench_import_lock.py [--docs 10000] [--chars 400]

For each way of writing (``before``: the write path before import batches, an
ORM row and a flush per document, all in one transaction; ``one``: today's
bulk write in one transaction; ``chunked``: what ``import`` does, short chunks
into a staging batch, published at once), a fresh project imports one JSONL file of --docs generated documents in
another process while this process tags a span every 100 ms through the
services (default busy timeout). Prints the import's time and throughput, its
longest write transaction, and the annotator's edits: how many, how many
failed, the longest wait.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = r"""
import json, sys, time
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
from annotator.storage import imports
if sys.argv[3] == "one":  # today's write path, but everything in one transaction
    imports.FIRST_BUDGET = imports.MAX_BUDGET = 10 ** 12
if sys.argv[3] == "before":  # the write path before import batches: ORM rows and a flush per document, one transaction
    from annotator.storage import changelog
    from annotator.storage import documents as document_store

    def old_flush(self, last=False):
        if not self._pending:
            return
        t = time.perf_counter()
        with self.database.unit_of_work() as s:
            for p in self._pending:
                document_store.add_document(s, p.document)
                s.flush()
                changelog.log_change(s, action="document.import", annotator=None, document_id=p.document.id,
                                payload={"source": p.document.source_path, "sha256": p.document.sha256, "spans": 0})
        self.longest_hold = max(self.longest_hold, time.perf_counter() - t)
        self._pending = []

    imports.Stager.flush = old_flush
    imports.FIRST_BUDGET = imports.MAX_BUDGET = 10 ** 12
project = Project.open(sys.argv[1])
t = time.perf_counter()
report = import_paths(project, [sys.argv[2]])
print(json.dumps({"seconds": time.perf_counter() - t, "imported": len(report.imported),
                  "longest_hold": report.longest_lock_hold}))
"""

WORDS = ["قال", "الوزير", "إن", "المعبر", "سيفتح", "أبوابه", "في", "الشهر", "المقبل", "بعد", "أعمال", "الصيانة",
         "وأضاف", "أن", "الشاحنات", "ستعبر", "يومياً", "نحو", "تعاون", "أوسع", "بين", "البلدين"]


def make_jsonl(path: Path, n: int, chars: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            words: list[str] = []
            k = i
            while sum(len(w) + 1 for w in words) < chars:
                words.append(WORDS[k % len(WORDS)])
                k = k * 7 + 3
            text = f"{' '.join(words)} ({i})"
            f.write(json.dumps({"id": f"doc-{i:05}", "title": f"وثيقة {i}", "text": text}, ensure_ascii=False) + "\n")


def run(mode: str, docs: int, chars: int) -> dict[str, float]:
    from annotator.core.errors import AnnotatorError
    from annotator.core.text import detect_direction, text_sha256
    from annotator.core.values import Document
    from annotator.services.project import Project
    from annotator.services.spans import AddSpan
    from annotator.storage import documents as document_store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "p.sqlite"
        data = Path(tmp) / "docs.jsonl"
        make_jsonl(data, docs, chars)
        project = Project.open(db)
        text = "قال الوزير إن المعبر سيفتح أبوابه " * 400
        with project.database.unit_of_work() as s:
            document_store.add_document(s, Document("mine", "عملي", text, text_sha256(text), detect_direction(text)))
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(data), mode], stdout=subprocess.PIPE,
                                 text=True, env={**os.environ})
        waits: list[float] = []
        failed = 0
        pos = 0
        while child.poll() is None:
            t = time.perf_counter()
            try:
                AddSpan("mine", "alice", pos, pos + 3, "ACTOR").do(project)
            except AnnotatorError:
                failed += 1
            waits.append(time.perf_counter() - t)
            pos += 4
            time.sleep(0.1)
        out = json.loads(child.stdout.read() if child.stdout else "{}")
        project.close()
    return {"docs": out["imported"], "seconds": out["seconds"], "docs_per_s": out["imported"] / out["seconds"],
            "longest_hold": out["longest_hold"],
            "edits": len(waits), "failed": failed, "max_wait": max(waits, default=0.0)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--chars", type=int, default=400)
    args = ap.parse_args()
    print(f"{args.docs} documents of about {args.chars} characters; an annotator tags every 100 ms meanwhile")
    print(f"{'writing':>8} {'import s':>9} {'docs/s':>8} {'longest lock s':>15} {'edits':>6} {'failed':>7} "
          f"{'max wait s':>11}")
    for mode in ("before", "one", "chunked"):
        r = run(mode, args.docs, args.chars)
        print(f"{mode:>8} {r['seconds']:9.2f} {r['docs_per_s']:8.0f} {r['longest_hold']:15.2f} {r['edits']:6d} "
              f"{r['failed']:7d} {r['max_wait']:11.2f}")


if __name__ == "__main__":
    main()
