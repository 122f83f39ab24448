"""Benchmark: the date finder (``core.date_finder.find_dates``, the "dates by rule"
recommender of issue 15) against the date normaliser's own throughput over the same text,
measured in the same run. Prints figures; asserts nothing.

    .venv/bin/python tests/benchmarks/bench_date_finder.py [--docs 2000] [--chars 3000] [--runs 3]
        [--big 1000000] [--corpus DIR]

Text: built at run time from the articles in ../shared/corpus (never copied into the
project), as bench_export.py builds it: each document about ``--chars`` characters of
paragraphs drawn at random, two in three cut to a random run of their words. Each
document gets a publication date (the anchor) between 2020 and 2025.

(a) ``find_dates(text, anchor)`` over every document.
(b) the reference, "the normaliser's own throughput over the same text": the same
    documents cut into sentences (on . ، ؟ ! and line breaks; the cutting is not timed) and
    ``normalise_date(sentence, anchor)`` called once on each.

The target (issue 15): (a) at most 3x (b) in time, so rule suggestions for 100,000
documents cost no more than three passes of the normaliser (the figures are extrapolated
to 100,000 documents of the same size), and a 1,000,000-character document (``--big``) in
well under 2 s. Figures are the minimum of ``--runs`` runs (the first run is printed
too: it fills the finder's word caches).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_export import corpus_document, corpus_paragraphs, find_corpus  # noqa: E402

from annotator.core.date_finder import find_dates  # noqa: E402
from annotator.core.dates import normalise_date  # noqa: E402

_SENTENCE_END = re.compile(r"[.،؟!\n]")


def timed(fn: object, runs: int) -> tuple[float, float, object]:
    """(first run, best run, last result) of calling *fn* *runs* times, in seconds."""
    assert callable(fn)
    times = []
    result = None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return times[0], min(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--chars", type=int, default=3000, help="characters per document (about)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big", type=int, default=1_000_000, help="characters of the one large document")
    ap.add_argument("--corpus", type=Path, default=None, help="the articles (default: ../shared/corpus)")
    args = ap.parse_args()
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("no articles found: give --corpus DIR (../shared/corpus); nothing measured")
        return
    rnd = random.Random(15)
    paragraphs = corpus_paragraphs(corpus)
    docs = [(corpus_document(rnd, paragraphs, args.chars), date(2020, 1, 1) + timedelta(days=rnd.randrange(2190)))
            for _ in range(args.docs)]
    sentences = [([s for s in _SENTENCE_END.split(text) if s.strip()], anchor) for text, anchor in docs]
    chars = sum(len(text) for text, _ in docs)
    n_sentences = sum(len(s) for s, _ in sentences)
    print(f"{args.docs:,} documents, {chars:,} characters, {n_sentences:,} sentences (from {corpus})")

    def finder() -> int:
        return sum(len(find_dates(text, anchor)) for text, anchor in docs)

    def reference() -> int:
        return sum(normalise_date(s, anchor) is not None for ss, anchor in sentences for s in ss)

    first_a, a, found = timed(finder, args.runs)
    first_b, b, read = timed(reference, args.runs)
    scale = 100_000 / args.docs
    print(f"(a) find_dates:            {a:7.2f} s  {chars / a / 1e6:5.2f} M chars/s  (first run {first_a:.2f} s); "
          f"{found:,} dates found ({found * 1000 / chars:.2f} per 1,000 characters)")
    print(f"(b) normalise_date/sentence: {b:5.2f} s  {chars / b / 1e6:5.2f} M chars/s  (first run {first_b:.2f} s); "
          f"{read:,} sentences read as a date")
    print(f"ratio (a)/(b) in time: {a / b:.2f}  (target <= 3)")
    print(f"extrapolated to 100,000 documents of {args.chars:,} characters: (a) {a * scale / 60:.1f} min, "
          f"(b) {b * scale / 60:.1f} min")

    big = corpus_document(random.Random(16), paragraphs, args.big)[: args.big]
    first_big, best_big, big_found = timed(lambda: len(find_dates(big, date(2024, 9, 20))), args.runs)
    print(f"one document of {len(big):,} characters: {best_big:.2f} s (first run {first_big:.2f} s), "
          f"{big_found} dates  (target: well under 2 s)")


if __name__ == "__main__":
    main()
