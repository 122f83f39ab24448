"""Agreement figures: hand-computed cases, reference implementations, properties."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import tokens
from annotator.core.adjudication import LinkItem, RelationItem
from annotator.core.agreement import (
    ALL,
    AgreementCounter,
    Annotations,
    agreement,
    cohen_kappa,
    krippendorff_alpha_nominal,
)
from annotator.core.token_index import word_token_bounds
from annotator.core.values import Span

LABELS = ["CLAIM", "ACTOR", "DATE"]

# ten words, one token each: offsets of word i are WORDS[i]
TEXT = "أعلن الوزير أن الجسر الجديد سيُفتح للسير مطلع الشهر المقبل"
WORDS = [(t.start, t.end) for t in tokens.tokens(TEXT)]


def w(first: int, last: int) -> tuple[int, int]:
    """Offsets from the start of word *first* to the end of word *last*."""
    return WORDS[first][0], WORDS[last][1]


def sp(rng: tuple[int, int], label: str, uid: str = "", **attrs: object) -> Span:
    return Span(uid or f"{label}{rng}", rng[0], rng[1], label, dict(attrs))


def test_the_text_has_ten_word_tokens() -> None:
    assert len(WORDS) == 10


# -- hand-computed ---------------------------------------------------------------------

def test_cohen_kappa_of_a_known_table() -> None:
    # po = 0.7, pe = 0.5*0.6 + 0.5*0.4 = 0.5 -> kappa = 0.4
    assert cohen_kappa(np.array([[20, 5], [10, 15]])) == pytest.approx(0.4)
    assert cohen_kappa(np.array([[10, 0], [0, 0]])) is None  # no variation: undefined


def test_krippendorff_alpha_of_a_small_hand_computed_case() -> None:
    # coincidences: o_aa = 2, o_ab = o_ba = 1, o_bb = 4; n_a = 3, n_b = 5, n = 8
    # alpha = 1 - (n - 1) * (n - sum o_cc) / (n^2 - sum n_c^2) = 1 - 7 * 2 / 30
    units = [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b")]
    assert krippendorff_alpha_nominal(units) == pytest.approx(1 - 14 / 30)
    # a unit with one value is not pairable and does not count
    assert krippendorff_alpha_nominal([*units, ("a", None)]) == pytest.approx(1 - 14 / 30)


def test_span_counts_and_f1_by_hand() -> None:
    a = [sp(w(0, 9), "CLAIM"), sp(w(1, 1), "ACTOR"), sp(w(7, 9), "DATE")]
    b = [sp(w(0, 9), "CLAIM"), sp(w(0, 1), "ACTOR"), sp(w(7, 9), "CLAIM")]
    report = agreement([(TEXT, {"alice": a, "bob": b})], ["alice", "bob"], LABELS)
    c = report.pair("alice", "bob").spans[ALL]
    assert (c.a, c.b, c.both, c.label_differs, c.boundary_differs, c.only_a, c.only_b) == (3, 3, 1, 2, 2, 0, 0)
    assert c.exact_f1 == pytest.approx(2 * 1 / 6)
    # overlap: alice's CLAIM and ACTOR are found by bob, her DATE is not (recall 2/3);
    # all three of bob's are found (his second CLAIM lies inside alice's long one): precision 1
    assert c.overlap_a == 2 and c.overlap_b == 3
    assert c.overlap_f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))
    actor = report.pair("alice", "bob").spans["ACTOR"]
    assert (actor.both, actor.boundary_differs, actor.exact_f1, actor.overlap_f1) == (0, 2, 0.0, 1.0)


def test_tokens_take_the_innermost_label_for_all_but_every_label_counts_alone() -> None:
    # both tagged the claim over every word; alice also tagged an actor inside it
    claim = sp(w(0, 9), "CLAIM")
    report = agreement([(TEXT, {"alice": [claim, sp(w(1, 1), "ACTOR")], "bob": [claim]})], ["alice", "bob"], LABELS)
    pair = report.pair("alice", "bob")
    assert pair.kappa["CLAIM"] is None  # every token inside a claim for both: no variation
    # ALL: 9 tokens CLAIM/CLAIM, 1 token ACTOR/CLAIM -> po = 0.9, pe = 0.9 * 1.0 -> kappa 0
    assert pair.kappa[ALL] == pytest.approx(0.0)
    assert pair.tokens == 10


def test_attribute_agreement_over_spans_both_made() -> None:
    a = [sp(w(7, 9), "DATE", value="2025-06"), sp(w(0, 0), "DATE", value="2025-01"), sp(w(3, 4), "ACTOR")]
    b = [sp(w(7, 9), "DATE", value="2025-06"), sp(w(0, 0), "DATE", value="2025-02"), sp(w(5, 5), "DATE", value="x")]
    report = agreement([(TEXT, {"alice": a, "bob": b})], ["alice", "bob"], LABELS)
    item = report.pair("alice", "bob").attributes["value"]
    assert (item.items, item.agreed, item.agreement) == (2, 1, 0.5)  # bob's third date: alice has no such span


def test_relation_agreement_over_ends_both_made() -> None:
    claim, actor, date = w(3, 9), w(1, 1), w(7, 9)
    spans = [sp(claim, "CLAIM"), sp(actor, "ACTOR"), sp(date, "DATE")]
    a = Annotations.from_spans(spans, [RelationItem("r1", "SOURCE", claim, actor),
                                       RelationItem("r2", "TIME", claim, date)])
    b = Annotations.from_spans(spans[:2], [RelationItem("r3", "TARGET", claim, actor)])
    counter = AgreementCounter(["alice", "bob"], LABELS)
    counter.add_document(TEXT, {"alice": a, "bob": b})
    rel = counter.report().pair("alice", "bob").relations
    # alice's TIME relation has an end (the date) bob did not make: not counted
    assert (rel[ALL].a, rel[ALL].b, rel[ALL].both, rel[ALL].type_differs) == (1, 1, 0, 2)
    assert rel[ALL].f1 == 0.0


def test_links_agreement_over_ends_both_made() -> None:
    claim = w(3, 9)
    counter = AgreementCounter(["alice", "bob"], LABELS)
    counter.add_links("alice", [LinkItem("l1", "SAME_CLAIM", ("d1", *claim), ("d2", *claim))])
    counter.add_links("bob", [LinkItem("l2", "SAME_CLAIM", ("d1", *claim), ("d2", *claim))])
    for doc in ("d1", "d2"):
        counter.add_document(TEXT, {"alice": Annotations.from_spans([sp(claim, "CLAIM")]),
                                    "bob": Annotations.from_spans([sp(claim, "CLAIM")])}, doc_id=doc)
    links = counter.report().pair("alice", "bob").links
    assert links["SAME_CLAIM"].both == 1 and links[ALL].f1 == 1.0


def test_documents_count_for_a_pair_only_when_both_annotated() -> None:
    counter = AgreementCounter(["alice", "bob", "carol"], LABELS)
    claim = Annotations.from_spans([sp(w(0, 3), "CLAIM")])
    counter.add_document(TEXT, {"alice": claim, "bob": claim})
    counter.add_document(TEXT, {"alice": claim, "carol": claim})
    counter.add_document(TEXT, {"carol": claim})
    report = counter.report()
    assert report.pair("alice", "bob").documents == 1 and report.pair("bob", "carol").documents == 0
    assert report.alpha_documents == 2 and report.documents == 3
    assert report.pair("bob", "carol").spans[ALL].exact_f1 is None


# -- against reference implementations -------------------------------------------------------

def _random_spans(rnd: random.Random, starts: np.ndarray, ends: np.ndarray, n: int) -> list[Span]:
    out = []
    for k in range(n):
        i = rnd.randrange(len(starts))
        j = min(len(starts), i + rnd.randint(1, 6))
        out.append(Span(f"s{k}", int(starts[i]), int(ends[j - 1]), rnd.choice(LABELS)))
    return out


def _token_labels(spans: list[Span], starts: np.ndarray, ends: np.ndarray) -> list[str]:
    """Innermost label per token, the slow obvious way (ties: schema order)."""
    out = []
    for ts, te in zip(starts.tolist(), ends.tolist()):
        cover = [s for s in spans if s.start < te and s.end > ts]
        out.append(min(cover, key=lambda s: (s.end - s.start, LABELS.index(s.label))).label if cover else "O")
    return out


@pytest.mark.xdist_group("sklearn")  # one worker imports scikit-learn
def test_kappa_and_alpha_match_scikit_learn_and_krippendorff() -> None:
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    krippendorff = pytest.importorskip("krippendorff")
    rnd = random.Random(5)
    words = ["أعلن", "الوزير", "أن", "الجسر", "سيفتح", "مطلع", "الشهر", "2026", "،", "بحسب", "مصادر"]
    texts = [" ".join(rnd.choice(words) for _ in range(400)) for _ in range(2)]
    names = ["alice", "bob", "carol"]
    docs = []
    labels_per_doc = []
    for text in texts:
        ts, te = word_token_bounds(text)
        spans = {n: _random_spans(rnd, ts, te, 60) for n in names}
        docs.append((text, spans))
        labels_per_doc.append({n: _token_labels(v, ts, te) for n, v in spans.items()}
                              | {f"{n}:{lab}": [int(any(s.label == lab and s.start < e and s.end > b for s in v))
                                                 for b, e in zip(ts.tolist(), te.tolist())]
                                 for n, v in spans.items() for lab in LABELS})
    report = agreement(docs, names, LABELS)

    def pooled(key: str) -> list:
        return [x for per in labels_per_doc for x in per[key]]

    for a, b in [("alice", "bob"), ("alice", "carol"), ("bob", "carol")]:
        pair = report.pair(a, b)
        assert pair.kappa[ALL] == pytest.approx(sklearn_metrics.cohen_kappa_score(pooled(a), pooled(b)))
        for lab in LABELS:
            assert pair.kappa[lab] == pytest.approx(
                sklearn_metrics.cohen_kappa_score(pooled(f"{a}:{lab}"), pooled(f"{b}:{lab}")))
    codes = {"O": 0, **{lab: i + 1 for i, lab in enumerate(LABELS)}}
    data = np.array([[codes[x] for x in pooled(n)] for n in names])
    assert report.alpha[ALL] == pytest.approx(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    for lab in LABELS:
        data = np.array([pooled(f"{n}:{lab}") for n in names])
        assert report.alpha[lab] == pytest.approx(
            krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def test_alpha_with_an_annotator_missing_from_a_document_matches_krippendorff() -> None:
    krippendorff = pytest.importorskip("krippendorff")
    ts, te = word_token_bounds(TEXT)
    a = [sp(w(0, 2), "CLAIM"), sp(w(5, 6), "DATE")]
    b = [sp(w(0, 3), "CLAIM"), sp(w(5, 6), "ACTOR")]
    c = [sp(w(1, 2), "CLAIM")]
    counter = AgreementCounter(["alice", "bob", "carol"], LABELS)
    counter.add_document(TEXT, {n: Annotations.from_spans(v) for n, v in (("alice", a), ("bob", b), ("carol", c))})
    counter.add_document(TEXT, {"alice": Annotations.from_spans(b), "bob": Annotations.from_spans(a)})
    codes = {"O": 0, "CLAIM": 1, "ACTOR": 2, "DATE": 3}
    doc1 = [[codes[x] for x in _token_labels(v, ts, te)] for v in (a, b, c)]
    doc2 = [[codes[x] for x in _token_labels(v, ts, te)] for v in (b, a)] + [[np.nan] * 10]
    data = np.hstack([np.array(doc1, dtype=float), np.array(doc2, dtype=float)])
    assert counter.report().alpha[ALL] == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


@pytest.mark.xdist_group("sklearn")  # one worker imports scikit-learn
def test_a_label_first_met_in_a_later_document_counts_earlier_tokens_as_outside() -> None:
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    first = {"alice": [sp(w(0, 2), "CLAIM")], "bob": [sp(w(0, 3), "CLAIM")]}
    second = {"alice": [sp(w(5, 6), "NEWLABEL")], "bob": [sp(w(5, 7), "NEWLABEL")]}
    report = agreement([(TEXT, first), (TEXT, second)], ["alice", "bob"], ["CLAIM"])
    assert report.labels == ["CLAIM", "NEWLABEL"]
    ya = [0] * 10 + [int(5 <= i <= 6) for i in range(10)]
    yb = [0] * 10 + [int(5 <= i <= 7) for i in range(10)]
    assert report.pair("alice", "bob").kappa["NEWLABEL"] == pytest.approx(sklearn_metrics.cohen_kappa_score(ya, yb))


# -- properties -----------------------------------------------------------------------------

@st.composite
def span_sets(draw: st.DrawFn) -> list[Span]:
    items = draw(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 3), st.sampled_from(LABELS)), min_size=1,
                          max_size=10))
    return [sp(w(i, min(9, i + k)), lab, uid=f"x{n}") for n, (i, k, lab) in enumerate(items)]


@settings(max_examples=100, deadline=None)
@given(span_sets())
def test_agreement_of_a_set_with_itself_is_one(spans: list[Span]) -> None:
    report = agreement([(TEXT, {"a": spans, "b": list(reversed(spans))})], ["a", "b"], LABELS)
    pair = report.pair("a", "b")
    assert pair.spans[ALL].exact_f1 == 1.0 and pair.spans[ALL].overlap_f1 == 1.0
    for lab in [*LABELS, ALL]:  # None only when there is no variation at all (one category)
        assert pair.kappa[lab] in (1.0, None) and report.alpha[lab] in (1.0, None)
    for lab in LABELS:
        covered = {i for i, (ws, we) in enumerate(WORDS) if any(x.label == lab and x.start < we and x.end > ws
                                                                  for x in spans)}
        if 0 < len(covered) < len(WORDS):  # the label varies over the tokens: kappa is defined
            assert pair.kappa[lab] == 1.0 and report.alpha[lab] == 1.0


@settings(max_examples=100, deadline=None)
@given(span_sets(), span_sets())
def test_pair_figures_are_symmetric(a: list[Span], b: list[Span]) -> None:
    ab = agreement([(TEXT, {"a": a, "b": b})], ["a", "b"], LABELS).pair("a", "b")
    ba = agreement([(TEXT, {"b": b, "a": a})], ["b", "a"], LABELS).pair("b", "a")
    for lab in [*LABELS, ALL]:
        x, y = ab.spans[lab], ba.spans[lab]
        assert (x.both, x.label_differs, x.boundary_differs, x.only_a, x.only_b) == (
            y.both, y.label_differs, y.boundary_differs, y.only_b, y.only_a)
        assert x.exact_f1 == y.exact_f1
        assert x.overlap_f1 == pytest.approx(y.overlap_f1) if x.overlap_f1 is not None else y.overlap_f1 is None
        assert ab.kappa[lab] == pytest.approx(ba.kappa[lab]) if ab.kappa[lab] is not None else ba.kappa[lab] is None
        # every span is in exactly one class
        assert x.a + x.b == 2 * x.both + x.label_differs + x.boundary_differs + x.only_a + x.only_b


# -- the fast tokeniser ----------------------------------------------------------------------

ALPHABET = [*"ابتسمنوي ال", "\u064e", "\u0651", "\u0640", "٫", "٬", ",", ".", "-", "/", ":", "١", "2", "٣",
                                   " ", "\n", "\r", "،", "«", "»", "!", "a", "Z", "\u200c", "\u200d", "\u200f",
                                   "\u0600", "🙂", "🏽", "🇸", "🇦", "\u0301", "\t", "ـ", "\u0e33"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(ALPHABET), max_size=60).map("".join))
def test_fast_word_tokens_equal_core_tokens(text: str) -> None:
    starts, ends = word_token_bounds(text)
    assert list(zip(starts.tolist(), ends.tolist())) == [(t.start, t.end) for t in tokens.tokens(text) if t.is_word]


def test_fast_word_tokens_on_the_shared_test_text() -> None:
    from tests.conftest import ARABIC

    starts, ends = word_token_bounds(ARABIC * 3)
    assert list(zip(starts.tolist(), ends.tolist())) == [
        (t.start, t.end) for t in tokens.tokens(ARABIC * 3) if t.is_word]


# -- merging counters ------------------------------------------------------------------------

def _random_documents(seed: int, n_docs: int, names: list[str],
                      missing: float = 0.2) -> list[tuple[str, dict[str, Annotations]]]:
    """Documents where annotators are sometimes missing, labels outside the schema appear late,
    dates carry values and some relations exist."""
    rnd = random.Random(seed)
    labels = [*LABELS, "EXTRA1", "EXTRA2"]
    docs = []
    for d in range(n_docs):
        versions = {}
        for name in names:
            if rnd.random() < missing:
                continue  # this annotator did not annotate the document
            spans = []
            for k in range(rnd.randint(0, 8)):
                i = rnd.randrange(10)
                lab = rnd.choice(labels if d >= n_docs // 2 else LABELS)
                attrs = {"value": rnd.choice(["2027", "2027-03", None, 5, {"x": 1}])} if lab == "DATE" else {}
                spans.append(sp(w(i, min(9, i + rnd.randint(0, 2))), lab, uid=f"{name}{k}", **attrs))
            rels = []
            if len(spans) >= 2 and rnd.random() < 0.7:
                a, b = rnd.sample(spans, 2)
                rels.append(RelationItem(f"r{d}", rnd.choice(["SAYS", "ON"]), (a.start, a.end), (b.start, b.end)))
            versions[name] = Annotations.from_spans(spans, rels)
        docs.append((TEXT, versions))
    return docs


def _counter(names: list[str], docs: list[tuple[str, dict[str, Annotations]]], first: int = 0) -> AgreementCounter:
    counter = AgreementCounter(names, LABELS)
    links = {n: [LinkItem(f"l{n}", "SAME", ("d0", *w(0, 1)), ("d1", *w(0, 1)))] for n in names[:2]}
    for n, items in links.items():
        counter.add_links(n, items)
    for i, (text, versions) in enumerate(docs, start=first):
        counter.add_document(text, versions, doc_id=f"d{i}")
    return counter


def _json(counter: AgreementCounter) -> str:
    import json

    return json.dumps(counter.report().to_json())


@pytest.mark.parametrize("names", [["alice", "bob"], ["alice", "bob", "carol"], ["a", "b", "c", "d", "e"]])
@pytest.mark.parametrize("seed", range(6))
def test_merging_the_counters_of_two_halves_gives_the_same_report(names: list[str], seed: int) -> None:
    # 2, 3 or 5 annotators per document: alpha's float sums are exact (see AgreementCounter.merge)
    docs = _random_documents(seed, 12, names, missing=0.2 if len(names) <= 3 else 0.0)
    whole = _counter(names, docs)
    for cut in (0, 1, 5, 6, 11, 12):
        left = _counter(names, docs[:cut])
        left.merge(_counter(names, docs[cut:], first=cut))
        assert _json(left) == _json(whole)
        assert left.labels == whole.labels


@pytest.mark.parametrize("seed", range(4))
def test_merging_one_document_counters_in_order_is_exact_for_any_number_of_annotators(seed: int) -> None:
    names = ["a", "b", "c", "d"]  # alpha's sums divide by m - 1 = 3: floats that a regrouping could round
    docs = _random_documents(seed, 10, names)
    merged = AgreementCounter(names, LABELS)
    for i, doc in enumerate(docs):
        merged.merge(_counter(names, [doc], first=i))
    assert _json(merged) == _json(_counter(names, docs))


def test_counters_of_other_annotators_do_not_merge() -> None:
    with pytest.raises(ValueError, match="different annotators"):
        AgreementCounter(["a", "b"]).merge(AgreementCounter(["a", "c"]))


def _reference_item_counts(items_a: list, items_b: list) -> dict:
    """The counting rule, one item at a time: both; else type differs when the other made
    something between the same ends; else only A / only B."""
    from collections import defaultdict

    out: dict = defaultdict(lambda: defaultdict(int))
    set_a, set_b = set(items_a), set(items_b)
    for side, mine, theirs in (("a", set_a, set_b), ("b", set_b, set_a)):
        for t, ends in mine:
            for key in (t, "ALL"):
                out[key][side] += 1
                if (t, ends) in theirs:
                    out[key]["both"] += side == "a"
                elif any(e == ends for _, e in theirs):
                    out[key]["type_differs"] += 1
                else:
                    out[key][f"only_{side}"] += 1
    return {k: {f: v for f, v in d.items() if v} for k, d in out.items()}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["SOURCE", "TIME", "TARGET"]), st.integers(0, 4)), max_size=12),
       st.lists(st.tuples(st.sampled_from(["SOURCE", "TIME", "TARGET"]), st.integers(0, 4)), max_size=12))
def test_relation_counts_follow_the_counting_rule(items_a: list, items_b: list) -> None:
    from annotator.core.agreement_metrics import count_items

    into: dict = {}
    count_items(into, items_a, items_b)
    found = {k: {f: v for f, v in vars(c).items() if v} for k, c in into.items()}
    expected = _reference_item_counts(items_a, items_b)
    assert {k: v for k, v in found.items() if v} == expected
