"""Benchmark: the project's span model (issue 15): training on 200 documents of ~3,000
characters, predicting one such document and a 1,000,000-character one, the model's size.
Prints figures; asserts nothing.

    .venv/bin/python tests/benchmarks/bench_span_model.py [--docs 200] [--chars 3000] [--corpus DIR] [--cv]

Targets (issue 15): training under 2 minutes on this 2-core machine; suggestions for a
1,000,000-character document within 2 s.

Text: documents cut at run time from the articles in ../shared/corpus (``bench_export``'s
``TextSource``: paragraphs drawn at random, many cut to a random run of their words; never
copied into the project), else synthetic Arabic-like words (then the spans below are few).
Spans come from a simple rule, fine for timing and not a measure of quality: DATE is a
month name (Levantine or Egyptian) with the day and year around it, ``عام``/``العام`` and a
year, or a year alone; ACTOR is any of the 15 commonest two-word names ``ال… ال…`` (like
"the X government") picked from the documents at run time. The F1 printed is the model's
against that rule on 20 documents it did not see.

Predicting is timed twice: "cold" by a model just loaded from its bytes (its cache of word
features empty), "warm" by the same model again (the words known).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_export import TextSource, find_corpus  # noqa: E402

from annotator.core.span_model import Example, SpanModel, train  # noqa: E402
from annotator.core.suggest_eval import evaluate  # noqa: E402

LABELS = ("ACTOR", "DATE")
_MONTH = ("كانون الثاني|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين الأول|تشرين الثاني|كانون الأول|"
          "يناير|فبراير|مارس|أبريل|إبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر")
_YEAR = r"(?:19|20)\d\d|[١٢][٠-٩]{3}"
_DAY = r"(?:[0-3]?\d|[٠-٣]?[٠-٩])"
DATE = re.compile(rf"(?<!\w)(?:(?:{_DAY}\s+)?(?:{_MONTH})(?:\s*/\s*(?:{_MONTH}))?(?:\s+(?:{_YEAR}))?"
                  rf"|(?:ال)?عام\s+(?:{_YEAR})|(?:{_YEAR}))(?!\w)")
PAIR = re.compile(r"(?<!\w)(ال\w{3,}) (ال\w{3,})(?!\w)")


def actor_names(texts: list[str], n: int = 15) -> list[str]:
    """The *n* commonest two-word names ``ال… ال…`` of *texts*."""
    counts = Counter(m.group(0) for t in texts for m in PAIR.finditer(t))
    return [name for name, _ in counts.most_common(n)]


def rule_spans(text: str, actors: re.Pattern[str]) -> list[tuple[int, int, str]]:
    spans = [(m.start(), m.end(), "DATE") for m in DATE.finditer(text)]
    spans += [(m.start(), m.end(), "ACTOR") for m in actors.finditer(text)]
    return sorted(spans)


def timed_predict(data: bytes, text: str, runs: int) -> tuple[float, float, int]:
    """Seconds of the first prediction of a model just loaded from *data*, the median of
    *runs* more by the same model (its cache of word features filled), spans found."""
    model = SpanModel.from_bytes(data)
    t0 = time.perf_counter()
    found = model.predict(text)
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(runs):
        t0 = time.perf_counter()
        model.predict(text)
        warm.append(time.perf_counter() - t0)
    return cold, statistics.median(warm), len(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--chars", type=int, default=3000)
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--cv", action="store_true", help="also time a 5-fold cross-validation")
    args = parser.parse_args()

    source = TextSource(random.Random(15), find_corpus(args.corpus))
    texts = [source.document(args.chars) for _ in range(args.docs + 20)]
    actors = actor_names(texts)
    actor_rule = re.compile("(?<!\\w)(?:" + "|".join(map(re.escape, actors)) + ")(?!\\w)") if actors \
        else re.compile("(?!)")
    examples: list[Example] = [(t, rule_spans(t, actor_rule)) for t in texts]
    training, held_out = examples[:args.docs], examples[args.docs:]
    n_spans = Counter(label for _t, spans in training for _s, _e, label in spans)
    print(f"text: {source.kind}\n{args.docs} training documents, {sum(len(t) for t, _ in training):,} characters; "
          f"rule spans: {dict(n_spans)} ({len(actors)} actor names)")

    t0 = time.perf_counter()
    model = train(training, LABELS)
    train_s = time.perf_counter() - t0
    data = model.to_bytes()
    print(f"training: {train_s:.1f} s (target < 120 s); {model.info['n_tokens']:,} tokens in "
          f"{model.info['n_sentences']:,} sentences, {model.info['params']['max_iterations']} iterations at most")
    t0 = time.perf_counter()
    model = SpanModel.from_bytes(data)
    load_s = time.perf_counter() - t0
    print(f"model: {len(data) / 1024:.0f} KiB as bytes; loaded in {load_s * 1000:.1f} ms")

    gold = {i: spans for i, (_t, spans) in enumerate(held_out)}
    predicted = {i: [(p.start, p.end, p.label) for p in model.predict(t)] for i, (t, _) in enumerate(held_out)}
    for label, s in evaluate(gold, predicted, LABELS).items():
        print(f"  held out, {label}: gold {s.gold}, predicted {s.predicted}, exact F1 "
              f"{s.exact_f1 if s.exact_f1 is None else round(s.exact_f1, 3)}, overlap F1 "
              f"{s.overlap_f1 if s.overlap_f1 is None else round(s.overlap_f1, 3)}")

    cold, warm, found = timed_predict(data, held_out[0][0], 20)
    print(f"predict one document of {len(held_out[0][0]):,} characters: cold {cold * 1000:.1f} ms, "
          f"warm {warm * 1000:.1f} ms (median of 20); {found} spans")
    rnd_source = TextSource(random.Random(16), find_corpus(args.corpus))
    big = rnd_source.document(1_000_000)
    cold, warm, found = timed_predict(data, big, 3)
    print(f"predict one document of {len(big):,} characters: cold {cold:.2f} s, warm {warm:.2f} s "
          f"(median of 3; target < 2 s); {found:,} spans")

    if args.cv:
        from annotator.core.suggest_eval import cross_validate

        t0 = time.perf_counter()
        scores = cross_validate({i: ex for i, ex in enumerate(training)}, LABELS, folds=5)
        print(f"5-fold cross-validation: {time.perf_counter() - t0:.1f} s; ALL exact F1 {scores['ALL'].exact_f1}")


if __name__ == "__main__":
    main()
