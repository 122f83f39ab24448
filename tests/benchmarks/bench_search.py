"""Benchmark: the corpus search on a project of many documents against the floor of
"grep in Python", measured in the same run (issue 14). Prints figures; asserts nothing.

    .venv/bin/python tests/benchmarks/bench_search.py [--docs 100000] [--runs 7] [--corpus DIR] [--keep DIR]

Data: texts cut at run time from the articles in ../shared/corpus (two paragraphs each,
as bench_documents.py builds them), written straight into a migrated SQLite project with
their document-list and search rows (``tests/many_documents.py``, the rows the program
writes with each document).

Each query asks for the first page (50 documents with hits, the CLI's default) through
``Project.search``: a number only one document holds, a word none holds, a rare word (in
one paragraph of the corpus, so in about 2% of the documents), the most common word of
six letters or more, a two-letter word (no trigram: every folded text tested in SQL), a
clitic word query (``--clitics``), a regular expression (every document a candidate),
regular expressions that hold a rare or the common word and match nothing (the word's
trigrams name the candidates), and the worst cases: two letters no document holds (every folded text tested in SQL) and
a regular expression nothing matches (every text read and checked in Python). The floor,
per query: plain ``sqlite3`` reading every document's text in list order, folding it
(``index_text``, every fold) and ``str.find`` of the folded query, to the end (what
answers "which documents hold it" without an index). Figures: min and median of
``--runs`` runs, in ms; the target is a first page under 100 ms on 100,000 documents.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_export import find_corpus  # noqa: E402


def paragraphs(corpus: Path | None) -> list[str]:
    """The paragraphs of the articles longer than 40 characters (as bench_documents.py takes them)."""
    found = find_corpus(corpus)
    if found is None:
        sys.exit("no articles found: give --corpus DIR (../shared/corpus)")
    return [line.strip() for f in sorted(found.glob("*.txt"))
            for line in f.read_text(encoding="utf-8").split("\n") if len(line.strip()) > 40]

def queries(paras: list[str], docs: int) -> list[tuple[str, str, dict[str, object]]]:
    """(name, query, SearchOptions keywords): the words are picked from the corpus at run time."""
    from annotator.core.search import fold_text

    folded = [fold_text(p).text for p in paras]
    words = sorted({w for p in paras for w in p.split() if len(w) >= 6 and w.isalpha()})
    rare = next(w for w in words if sum(fold_text(w).text in f for f in folded) == 1)
    common = max(words, key=lambda w: (sum(fold_text(w).text in f for f in folded), w))
    return [
        ("one document (its number)", str(docs * 3 // 4 + 19), {}),
        ("absent word", "زمهرير", {}),
        ("rare word (1 paragraph)", rare, {}),
        ("common word", common, {}),
        ("2-letter word", "في", {"mode": "word"}),
        ("clitic word", "الاتفاق", {"mode": "word", "clitics": True}),
        ("regex", r"\d{4}", {"mode": "regex"}),
        ("regex, rare word + none", rare + r"\s\d{7}", {"mode": "regex"}),  # its literal asks the index
        ("regex, common w. + none", common + r"\s\d{7}", {"mode": "regex"}),
        # the worst cases: nothing to find, and no trigram to ask the index with
        ("2 letters none holds", "ظظ", {}),
        ("regex none matches", r"\d{7}", {"mode": "regex"}),
    ]


def build(path: Path, n: int, rnd: random.Random, corpus: Path | None) -> None:
    from annotator.core.text import text_sha256
    from annotator.core.values import Document
    from annotator.services.project import Project
    from tests.many_documents import write_sqlite

    Project.open(path).close()
    paras = paragraphs(corpus)
    docs = []
    for i in range(n):
        ps = rnd.sample(paras, 2)
        words = ps[0].split()
        start = rnd.randrange(max(1, len(words) - 8))
        title = " ".join(words[start:start + rnd.randint(3, 9)])
        text = "\n\n".join(ps) + f"\n\n{i}"
        docs.append(Document(f"doc-{i:06d}", title, text, text_sha256(text), "rtl",
                             source_path=f"/corpus/{i % 97}/{i}.txt"))
    write_sqlite(path, docs)


def floor(path: Path, query: str) -> tuple[float, int]:
    """Every text read with sqlite3 in list order, folded, str.find: (seconds, documents holding it)."""
    from annotator.core.search import fold_query, index_text

    needle = fold_query(query)
    t = time.perf_counter()
    con = sqlite3.connect(path)
    held = 0
    for (text,) in con.execute("SELECT d.text FROM document_list l JOIN documents d ON d.id = l.document_id "
                               "ORDER BY l.number"):
        if index_text(text).find(needle) != -1:
            held += 1
    con.close()
    return time.perf_counter() - t, held


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--corpus", type=Path, default=None, help="the articles (default: ../shared/corpus)")
    ap.add_argument("--keep", type=Path, default=None, help="build the project here (reused if it exists)")
    args = ap.parse_args()
    from annotator.core.search import SearchOptions
    from annotator.services.project import Project

    with tempfile.TemporaryDirectory() as tmp:
        path = (args.keep or Path(tmp)) / f"search-{args.docs}.sqlite"
        if not path.exists():
            t = time.perf_counter()
            build(path, args.docs, random.Random(14), args.corpus)
            print(f"built a project of {args.docs:,} documents in {time.perf_counter() - t:.0f} s "
                  f"({os.path.getsize(path) / 1e6:.0f} MB)")
        p = Project.open(path)
        rows = []
        print(f"{'first page of 50 documents':28s}{'min ms':>9s}{'median':>9s}{'docs':>6s}{'hits':>7s}"
              f"{'read':>8s}{'floor ms':>10s}{'ratio':>7s}")
        for name, query, opts in queries(paragraphs(args.corpus), args.docs):
            options = SearchOptions(**opts)  # type: ignore[arg-type]
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                result = p.search(query, options, limit_documents=50)
                times.append(time.perf_counter() - t)
            floors = [floor(path, query)[0] for _ in range(min(args.runs, 3))]
            best, median, bottom = min(times) * 1e3, statistics.median(times) * 1e3, min(floors) * 1e3
            rows.append({"query": name, "min_ms": round(best, 1), "median_ms": round(median, 1),
                         "documents": len(result.documents), "hits": result.hit_count,
                         "candidates_read": result.candidates, "floor_ms": round(bottom, 1)})
            print(f"{name:28s}{best:9.1f}{median:9.1f}{len(result.documents):6d}{result.hit_count:7d}"
                  f"{result.candidates:8d}{bottom:10.1f}{best / bottom:7.3f}")
        p.close()
        print(json.dumps({"docs": args.docs, "queries": rows}, ensure_ascii=False))


if __name__ == "__main__":
    main()
