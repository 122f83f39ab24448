"""Evaluating suggestions: a hand-computed example, folds that never leak a document,
and the sizes of a learning curve."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from annotator.core.span_model import Example, Predicted
from annotator.core.suggest_eval import Scores, cross_validate, evaluate, folds_of, learning_curve

# Gold (annotator A of the agreement code) and suggestions (its B), offsets only:
#   d1 gold:  (0,5,A) (10,15,A) (20,25,B)
#   d1 pred:  (0,5,A) exact | (11,15,A) overlaps gold (10,15,A) | (20,25,A) same range, other label: no A there
#             (30,35,X) a label not evaluated: left out
#   d2 gold:  (0,4,B)
#   d2 pred:  (0,4,B) exact | (6,8,B) nothing there
#   d3 gold:  none (the document is missing from gold)
#   d3 pred:  (1,3,A) nothing there
GOLD = {"d1": [(0, 5, "A"), (10, 15, "A"), (20, 25, "B")], "d2": [(0, 4, "B")]}
PRED = {"d1": [(0, 5, "A"), (11, 15, "A"), (20, 25, "A"), (30, 35, "X")], "d2": [(0, 4, "B"), (6, 8, "B")],
        "d3": [(1, 3, "A")]}

# A: gold 2, predicted 4 (0-5, 11-15, 20-25, d3 1-3), exact 1 (0-5)
#    exact   P = 1/4, R = 1/2, F1 = 2·1/(2+4) = 1/3
#    overlap gold found 2/2 (0-5 by 0-5, 10-15 by 11-15); predicted right 2/4 (0-5, 11-15)
#            P = 1/2, R = 1, F1 = 2·(1/2)·1/(3/2) = 2/3
# B: gold 2 (d1 20-25, d2 0-4), predicted 2 (d2 0-4, 6-8), exact 1
#    exact   P = 1/2, R = 1/2, F1 = 1/2
#    overlap gold found 1/2 (0-4), predicted right 1/2 (0-4): P = R = F1 = 1/2
# C: no span on either side: every ratio None
# ALL: gold 4, predicted 6, exact 2
#    exact   P = 2/6 = 1/3, R = 2/4 = 1/2, F1 = 2·2/(4+6) = 2/5
#    overlap gold found 3/4, predicted right 3/6: P = 1/2, R = 3/4, F1 = 2·(1/2)(3/4)/(5/4) = 3/5
EXPECTED = {
    "A": Scores(2, 4, 1, 2, 2, 1 / 4, 1 / 2, 1 / 3, 1 / 2, 1.0, 2 / 3),
    "B": Scores(2, 2, 1, 1, 1, 1 / 2, 1 / 2, 1 / 2, 1 / 2, 1 / 2, 1 / 2),
    "C": Scores(0, 0, 0, 0, 0, None, None, None, None, None, None),
    "ALL": Scores(4, 6, 2, 3, 3, 1 / 3, 1 / 2, 2 / 5, 1 / 2, 3 / 4, 3 / 5),
}


def test_hand_computed_example() -> None:
    got = evaluate(GOLD, PRED, ["A", "B", "C"])
    assert list(got) == ["A", "B", "C", "ALL"]
    for label, want in EXPECTED.items():
        have = got[label]
        for name, value in vars(want).items():
            if value is None:
                assert getattr(have, name) is None, (label, name)
            else:
                assert getattr(have, name) == pytest.approx(value, abs=1e-12), (label, name)


def test_same_numbers_as_the_agreement_report() -> None:
    """The figures the agreement code reports for gold as A and suggestions as B."""
    from annotator.core.agreement import agreement
    from annotator.core.values import Span

    def spans(rows: Sequence[tuple[int, int, str]]) -> list[Span]:
        return [Span(f"s{i}", s, e, lab) for i, (s, e, lab) in enumerate(rows)]

    text = "x" * 40
    docs = [(text, {"gold": spans(GOLD.get(d, [])), "model": spans([r for r in PRED.get(d, []) if r[2] != "X"])})
            for d in ("d1", "d2", "d3")]
    report = agreement(docs, ["gold", "model"], ["A", "B", "C"]).pair("gold", "model")
    got = evaluate(GOLD, PRED, ["A", "B", "C"])
    for label in ("A", "B", "ALL"):
        assert got[label].exact_f1 == pytest.approx(report.spans[label].exact_f1)
        assert got[label].overlap_f1 == pytest.approx(report.spans[label].overlap_f1)


def test_duplicates_count_once_and_one_empty_side_gives_zero() -> None:
    got = evaluate({"d": [(0, 2, "A"), (0, 2, "A")]}, {"d": [(0, 2, "A")], "e": [(0, 1, "B")]}, ["A", "B"])
    assert got["A"].gold == 1 and got["A"].exact_f1 == 1.0
    assert got["B"].exact_precision == 0.0 and got["B"].exact_recall is None and got["B"].exact_f1 == 0.0


# -- cross-validation and the learning curve: a recording trainer (a real, trivial model) --------

@dataclass
class Memory:
    """A "model" that proposes the spans it was trained on for the texts it saw, nothing else."""

    seen: dict[str, Sequence[tuple[int, int, str]]]

    def predict(self, text: str) -> list[Predicted]:
        return [Predicted(s, e, lab, 1.0) for s, e, lab in self.seen.get(text, ())]


@dataclass
class Recorder:
    trained: list[set[str]] = field(default_factory=list)

    def __call__(self, examples: Sequence[Example], labels: Sequence[str]) -> Memory:
        self.trained.append({text for text, _ in examples})
        return Memory({text: spans for text, spans in examples})


def corpus(n: int) -> dict[str, Example]:
    return {f"doc{i}": (f"نص رقم {i}", [(0, 2, "A")]) for i in range(n)}


def test_cross_validation_never_tests_on_a_training_document() -> None:
    docs = corpus(23)
    rec = Recorder()
    scores = cross_validate(docs, ["A"], folds=5, seed=3, train_fn=rec)
    assert len(rec.trained) == 5
    folds = folds_of(list(docs), 5, seed=3)
    assert sorted(d for f in folds for d in f) == sorted(docs)  # every document in exactly one fold
    for trained, test in zip(rec.trained, folds, strict=True):
        assert not trained & {docs[d][0] for d in test}
        assert len(trained) == 23 - len(test)
    # the memorising model knows nothing of the documents it is tested on
    assert scores["ALL"].gold == 23 and scores["ALL"].predicted == 0 and scores["ALL"].exact_recall == 0.0


def test_folds_are_reproducible_with_the_seed() -> None:
    ids = [f"doc{i}" for i in range(20)]
    assert folds_of(ids, 4, seed=1) == folds_of(ids, 4, seed=1)
    assert folds_of(ids, 4, seed=1) != folds_of(ids, 4, seed=2)
    with pytest.raises(ValueError, match="cannot make"):
        cross_validate(corpus(3), ["A"], folds=5, train_fn=Recorder())


def test_learning_curve_sizes_and_held_out_part() -> None:
    docs = corpus(30)  # 6 held out, 24 to train on
    rec = Recorder()
    curve = learning_curve(docs, ["A"], sizes=(5, 10, 20, 50), seed=0, train_fn=rec)
    assert [n for n, _ in curve] == [5, 10, 20, 24]
    assert [len(t) for t in rec.trained] == [5, 10, 20, 24]
    for smaller, larger in zip(rec.trained, rec.trained[1:], strict=False):
        assert smaller < larger  # the first n of one fixed order
    all_trained = set().union(*rec.trained)
    assert len(all_trained) == 24
    for _n, scores in curve:
        assert scores["ALL"].gold == 6 and scores["ALL"].predicted == 0  # tested only on unseen documents
    again = Recorder()
    learning_curve(docs, ["A"], sizes=(5, 10, 20, 50), seed=0, train_fn=again)
    assert again.trained == rec.trained


def test_learning_curve_on_few_documents() -> None:
    rec = Recorder()
    assert [n for n, _ in learning_curve(corpus(4), ["A"], sizes=(5, 10), train_fn=rec)] == [3]
    with pytest.raises(ValueError, match="too few"):
        learning_curve(corpus(1), ["A"], train_fn=rec)
