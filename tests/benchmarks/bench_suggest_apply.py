"""Benchmark: ``annotator suggest apply --recommender dates`` over a project of many
documents, against the date normaliser's own throughput over the same text (issue 15:
no worse than 3x). Prints figures; asserts nothing.

    .venv/bin/python tests/benchmarks/bench_suggest_apply.py [--docs 10000] [--keep DIR] [--corpus DIR]

Data: the project bench_search.py builds (texts cut at run time from the articles in
../shared/corpus, two paragraphs each). (a) ``services.suggestions.apply(project, "dates")``
end to end: every text read, the date finder run with the document's anchor, every
suggestion stored in one transaction. (b) the reference: ``normalise_date`` once on each
sentence of the same texts (split on . ، ؟ ! and line breaks), texts read with plain sqlite3.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import build  # noqa: E402

_SENTENCE_END = re.compile(r"[.،؟!\n]")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--corpus", type=Path, default=None, help="the articles (default: ../shared/corpus)")
    ap.add_argument("--keep", type=Path, default=None, help="build the project here (reused if it exists)")
    args = ap.parse_args()
    from annotator.core.dates import normalise_date
    from annotator.services import suggestions
    from annotator.services.project import Project

    with tempfile.TemporaryDirectory() as tmp:
        built = (args.keep or Path(tmp)) / f"search-{args.docs}.sqlite"
        if not built.exists():
            build(built, args.docs, random.Random(14), args.corpus)
        path = Path(tmp) / "apply.sqlite"
        shutil.copyfile(built, path)  # apply writes: the kept project stays as built
        con = sqlite3.connect(path)
        texts = [t for (t,) in con.execute("SELECT text FROM documents")]
        con.close()
        chars = sum(len(t) for t in texts)
        p = Project.open(path)
        t = time.perf_counter()
        report = suggestions.apply(p, "dates")
        a = time.perf_counter() - t
        p.close()
        t = time.perf_counter()
        read = sum(normalise_date(s) is not None for text in texts for s in _SENTENCE_END.split(text) if s.strip())
        b = time.perf_counter() - t
    print(f"{args.docs:,} documents, {chars:,} characters")
    print(f"(a) suggest apply --recommender dates: {a:7.1f} s  {chars / a / 1e6:5.2f} M chars/s; "
          f"{report.suggestions:,} suggestions stored")
    print(f"(b) normalise_date once per sentence:  {b:7.1f} s  {chars / b / 1e6:5.2f} M chars/s; "
          f"{read:,} sentences read as a date")
    print(f"ratio (a)/(b) in time: {a / b:.2f}  (target <= 3); extrapolated to 100,000 documents: "
          f"(a) {a * 100_000 / args.docs / 60:.1f} min")


if __name__ == "__main__":
    main()
