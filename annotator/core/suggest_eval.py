"""How good suggestions are: precision, recall and F1 against gold, cross-validated.

Pure computation (no database, no Qt). The span counts are **the agreement code's own**:
:func:`evaluate` feeds each document to :class:`annotator.core.agreement_metrics.SpanAgreement`
with gold as annotator A and the suggestions as annotator B, and reads the
:class:`annotator.core.agreement_figures.SpanCounts` it sums (so "exact" and "overlap" mean
here exactly what they mean in ``annotator agreement``):

- **exact**: a suggestion matches a gold span with the same start, end and label;
  precision = matched / suggestions, recall = matched / gold spans, F1 = 2·matched /
  (gold + suggestions). Identical duplicates within one side count once.
- **overlap**: a suggestion is right if a gold span of the same label overlaps it
  (precision = such suggestions / suggestions), a gold span is found if a suggestion of
  the same label overlaps it (recall = such gold spans / gold spans); F1 their harmonic mean.
- **ALL** sums the counts over labels (micro-average), then computes the ratios once.

A ratio with a zero denominator is ``None`` (nothing to measure), as in the agreement report.

:func:`cross_validate` (document-grouped k-fold) and :func:`learning_curve` train with
:func:`annotator.core.span_model.train` (or any ``train_fn`` with its signature) and evaluate
on documents the model never saw.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Protocol

import numpy as np

from annotator.core.agreement_arrays import Annotations, LabelCodes, ValueIds, prepare
from annotator.core.agreement_figures import SpanCounts
from annotator.core.agreement_metrics import SpanAgreement
from annotator.core.span_model import Example, train

SpanRows = Sequence[tuple[int, int, str]]
DEFAULT_SIZES = (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)


class Predictor(Protocol):
    def predict(self, text: str) -> Sequence[Any]: ...  # items with .start, .end, .label


TrainFn = Callable[[Sequence[Example], Sequence[str]], Predictor]


def _ratio(num: int, den: int) -> float | None:
    return None if den == 0 else num / den


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of suggestions against gold for one label (or ALL), with the counts."""

    gold: int  # gold spans
    predicted: int  # suggestions
    exact: int  # suggestions equal to a gold span (same start, end, label)
    overlap_gold: int  # gold spans a suggestion of the same label overlaps
    overlap_predicted: int  # suggestions a gold span of the same label overlaps
    exact_precision: float | None
    exact_recall: float | None
    exact_f1: float | None
    overlap_precision: float | None
    overlap_recall: float | None
    overlap_f1: float | None

    @classmethod
    def from_counts(cls, c: SpanCounts) -> Scores:
        """Gold is the agreement code's annotator A, the suggestions its B."""
        ep, er = _ratio(c.both, c.b), _ratio(c.both, c.a)
        op, orec = _ratio(c.overlap_b, c.b), _ratio(c.overlap_a, c.a)
        # F1 as the agreement report has it: None when both sides are empty, 0.0 when one is
        return cls(c.a, c.b, c.both, c.overlap_a, c.overlap_b, ep, er, c.exact_f1, op, orec, c.overlap_f1)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def evaluate(gold: Mapping[Hashable, SpanRows], predicted: Mapping[Hashable, SpanRows],
             labels: Sequence[str]) -> dict[str, Scores]:
    """Scores per label of *labels* (in order) and ``"ALL"``, over every document either
    side names (a document missing on one side has no spans there). Spans of other
    labels are left out of every figure."""
    wanted = set(labels)
    agreement = SpanAgreement()
    codes = LabelCodes(list(labels))
    values = ValueIds()
    no_tokens = np.zeros(0, dtype=np.int64)
    for doc in dict.fromkeys([*gold, *predicted]):
        g = [(s, e, lab) for s, e, lab in gold.get(doc, ()) if lab in wanted]
        p = [(s, e, lab) for s, e, lab in predicted.get(doc, ()) if lab in wanted]
        if not g and not p:
            continue
        scale = max(e for _s, e, _lab in (*g, *p)) + 1
        pa = prepare(Annotations.from_rows(g), no_tokens, no_tokens, scale, codes, values)
        pb = prepare(Annotations.from_rows(p), no_tokens, no_tokens, scale, codes, values)
        agreement.add(pa, pb, codes.labels)
    return {label: Scores.from_counts(c) for label, c in agreement.figures(list(labels)).items()}


def _predictions(model: Predictor, examples: Mapping[Hashable, Example]) -> dict[Hashable, SpanRows]:
    return {doc: [(p.start, p.end, p.label) for p in model.predict(text)] for doc, (text, _spans) in examples.items()}


def folds_of(doc_ids: Sequence[Hashable], folds: int, seed: int = 0) -> list[list[Hashable]]:
    """The documents of each fold: shuffled with *seed* (in the order given), then dealt
    round-robin, so every document is in exactly one fold."""
    order = list(doc_ids)
    random.Random(seed).shuffle(order)
    return [order[k::folds] for k in range(folds)]


def cross_validate(examples_by_doc: Mapping[Hashable, Example], labels: Sequence[str], folds: int = 5, seed: int = 0,
                   train_fn: TrainFn = train) -> dict[str, Scores]:
    """Document-grouped k-fold cross-validation: each fold's documents are predicted by a
    model trained on the other folds' documents only, and the counts of all folds are
    summed before the ratios are computed (pooled, as agreement pools documents).
    Reproducible: the same documents and *seed* give the same folds."""
    if folds < 2:
        raise ValueError("cross-validation needs at least two folds")
    if len(examples_by_doc) < folds:
        raise ValueError(f"{len(examples_by_doc)} documents cannot make {folds} folds")
    gold: dict[Hashable, SpanRows] = {}
    predicted: dict[Hashable, SpanRows] = {}
    for test_ids in folds_of(list(examples_by_doc), folds, seed):
        test = set(test_ids)
        model = train_fn([ex for doc, ex in examples_by_doc.items() if doc not in test], labels)
        tested = {doc: examples_by_doc[doc] for doc in test_ids}
        predicted.update(_predictions(model, tested))
        gold.update({doc: ex[1] for doc, ex in tested.items()})
    return evaluate(gold, predicted, labels)


def learning_curve(examples_by_doc: Mapping[Hashable, Example], labels: Sequence[str],
                   sizes: Sequence[int] = DEFAULT_SIZES, seed: int = 0, test_share: float = 0.2,
                   train_fn: TrainFn = train) -> list[tuple[int, dict[str, Scores]]]:
    """F1 as training grows: the documents shuffled once with *seed*; the last
    ``test_share`` of them (at least one) held out for testing; for each size of *sizes*
    that the rest allows, a model trained on the first *n* documents of the rest. The
    largest size is followed by all the training documents when they are more."""
    order = list(examples_by_doc)
    random.Random(seed).shuffle(order)
    n_test = max(1, round(len(order) * test_share))
    if len(order) - n_test < 1:
        raise ValueError(f"{len(order)} documents: too few to both train and test")
    pool, test_ids = order[:-n_test], order[-n_test:]
    tested = {doc: examples_by_doc[doc] for doc in test_ids}
    gold = {doc: ex[1] for doc, ex in tested.items()}
    steps = sorted({n for n in sizes if 0 < n <= len(pool)})
    if not steps or steps[-1] < len(pool):
        steps.append(len(pool))
    out = []
    for n in steps:
        model = train_fn([examples_by_doc[doc] for doc in pool[:n]], labels)
        out.append((n, evaluate(gold, _predictions(model, tested), labels)))
    return out
