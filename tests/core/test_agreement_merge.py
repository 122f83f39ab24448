"""Merging agreement accumulators: over any split of the documents, the merged sums equal
the sums of adding every document to one accumulator, for each figure's accumulator and
for the counter composed of them."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterator
from functools import reduce
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import tokens
from annotator.core.adjudication import LinkItem, RelationItem
from annotator.core.agreement import AgreementCounter, Annotations
from annotator.core.agreement_arrays import LabelCodes, Prepared, ValueIds, prepare
from annotator.core.agreement_metrics import (
    AttributeAgreement,
    LinkAgreement,
    RelationAgreement,
    SpanAgreement,
    TokenAlpha,
    TokenKappa,
)
from annotator.core.token_index import word_token_bounds
from annotator.core.values import Span

SCHEMA = ["CLAIM", "ACTOR", "DATE"]
NAMES = ["a", "b", "c", "d", "e"]
TEXTS = ["أعلن الوزير أن الجسر الجديد سيُفتح للسير مطلع الشهر المقبل",
         "قالت البلدية ١٥ آذار 2027 إن الطريق سيُعاد فتحه"]
WORDS = [[(t.start, t.end) for t in tokens.tokens(text) if t.is_word] for text in TEXTS]
VALUES = ["2027", "2027-03", None, 5, 5.0, True, "5", {"x": 1}, [1, 2]]
NO_VALUE = object()  # the span has no attribute (unlike the value None)
# links between the first words of documents d0..d3 (the same range in both texts), registered by all but e
LINKS = {name: [LinkItem(f"{name}{k}", kind, (f"d{k}", *WORDS[0][0]), (f"d{k + 1}", *WORDS[0][0]))
                for k, kind in enumerate(kinds)]
         for name, kinds in (("a", ["SAME", "SAME", "OTHER"]), ("b", ["SAME", "OTHER", "OTHER"]), ("c", ["SAME"]),
                             ("d", ["OTHER", "SAME", "OTHER"]))}
assert WORDS[0][0] == WORDS[1][0]

Document = tuple[str, dict[str, Annotations]]


# spans as (first word, more words, label, attribute value), often the first word alone (where the
# links end); relations as (head, tail, type), ends picked among the annotator's spans by index modulo their number
SPAN_ITEMS = st.lists(st.tuples(st.just(0) | st.integers(0, 9), st.just(0) | st.integers(0, 3),
                                st.sampled_from([*SCHEMA, "EXTRA", "LATE"]), st.sampled_from([NO_VALUE, *VALUES])),
                      max_size=6)
RELATION_ITEMS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(["SAYS", "ON"])), max_size=3)


def annotations(words: list[tuple[int, int]], span_items: list[tuple[int, int, str, Any]],
                relation_items: list[tuple[int, int, str]]) -> Annotations:
    spans = []
    for k, (i, length, label, value) in enumerate(span_items):
        i = min(i, len(words) - 1)
        start, end = words[i][0], words[min(len(words) - 1, i + length)][1]
        spans.append(Span(f"s{k}", start, end, label, {} if value is NO_VALUE else {"value": value}))
    relations = []
    for k, (h, t, kind) in enumerate(relation_items if spans else ()):
        head, tail = spans[h % len(spans)], spans[t % len(spans)]
        relations.append(RelationItem(f"r{k}", kind, (head.start, head.end), (tail.start, tail.end)))
    return Annotations.from_spans(spans, relations)


@st.composite
def documents(draw: st.DrawFn, coders: tuple[int, ...] = (0, 1, 2, 3, 5)) -> list[Document]:
    """Documents, each annotated by some of NAMES; by default 2, 3 or 5 of them (or fewer than two),
    the numbers of coders for which alpha's float sums are exact binary fractions."""
    out = []
    for _ in range(draw(st.integers(0, 6))):
        which = draw(st.integers(0, len(TEXTS) - 1))
        m = draw(st.sampled_from(coders))
        who = draw(st.permutations(NAMES))[:m]
        out.append((TEXTS[which], {name: annotations(WORDS[which], draw(SPAN_ITEMS), draw(RELATION_ITEMS))
                                   for name in who}))
    return out


@st.composite
def splits(draw: st.DrawFn, n: int) -> list[tuple[int, int]]:
    """Consecutive (start, end) chunks covering range(n), some of them empty."""
    cuts = sorted(draw(st.lists(st.integers(0, n), max_size=4)))
    bounds = [0, *cuts, n]
    return list(itertools.pairwise(bounds))


def merged(parts: list[Any], tree: bool) -> Any:
    """Merge *parts* in order: left to right, or pairwise like a tree (merges associate)."""
    if not tree:
        return reduce(lambda x, y: (x.merge(y), x)[1], parts)
    while len(parts) > 1:
        nxt = []
        for i in range(0, len(parts) - 1, 2):
            parts[i].merge(parts[i + 1])
            nxt.append(parts[i])
        parts = nxt + ([parts[-1]] if len(parts) % 2 else [])
    return parts[0]


# -- the composed counter ---------------------------------------------------------------

def counter(docs: list[Document], first: int = 0, links: bool = True) -> AgreementCounter:
    c = AgreementCounter(NAMES, SCHEMA)
    if links:
        for name, items in LINKS.items():
            c.add_links(name, items)
    for i, (text, versions) in enumerate(docs, start=first):
        c.add_document(text, versions, doc_id=f"d{i}")
    return c


def report_json(c: AgreementCounter) -> str:
    return json.dumps(c.report().to_json(), ensure_ascii=False)


@settings(max_examples=60, deadline=None)
@given(st.data(), documents(), st.booleans())
def test_merging_counters_over_any_split_equals_adding_every_document(data: st.DataObject, docs: list[Document],
                                                                      tree: bool) -> None:
    whole = counter(docs)
    parts = [counter(docs[s:e], first=s) for s, e in data.draw(splits(len(docs)))]
    together = merged(parts, tree)
    assert together == whole
    assert together.labels == whole.labels
    assert report_json(together) == report_json(whole)


@settings(max_examples=40, deadline=None)
@given(documents(coders=(0, 1, 2, 3, 4, 5)))
def test_merging_one_document_counters_in_order_is_exact_for_any_number_of_coders(docs: list[Document]) -> None:
    # how the parallel service merges: each worker's counter holds one document
    together = counter([])
    for i, doc in enumerate(docs):
        together.merge(counter([doc], first=i))
    assert together == counter(docs)
    assert report_json(together) == report_json(counter(docs))


@settings(max_examples=30, deadline=None)
@given(st.data(), documents(coders=(0, 1, 2, 3, 4, 5)))
def test_with_four_coders_a_split_changes_alpha_at_most_by_rounding(data: st.DataObject, docs: list[Document]) -> None:
    whole = counter(docs)
    together = merged([counter(docs[s:e], first=s) for s, e in data.draw(splits(len(docs)))], False)
    assert together._pairs == whole._pairs and together.labels == whole.labels  # integer sums: exact
    a, b = together.report().alpha, whole.report().alpha
    assert a.keys() == b.keys()
    for label in a:
        assert (a[label] is None) == (b[label] is None)
        assert a[label] is None or a[label] == pytest.approx(b[label], abs=1e-12)


def test_a_merged_counter_keeps_counting() -> None:
    claim, late = Span("x", 0, 4, "CLAIM"), Span("y", 5, 11, "LATE")
    docs: list[Document] = [(TEXTS[0], {"a": Annotations.from_spans([claim]), "b": Annotations.from_spans([late])}),
                            (TEXTS[0], {"a": Annotations.from_spans([late]), "c": Annotations.from_spans([claim])})]
    left, right = counter(docs[:1]), counter(docs[1:], first=1)
    left.merge(right)
    left.add_document(*docs[0], doc_id="d2")
    assert left == counter([*docs, docs[0]])


def test_a_report_is_a_snapshot_and_can_be_made_again() -> None:
    claim = Span("x", 0, 4, "CLAIM", {"value": "2027"})
    doc: Document = (TEXTS[0], {n: Annotations.from_spans([claim]) for n in "ab"})
    c = counter([doc, doc])
    first = c.report()
    before = json.dumps(first.to_json())
    assert first.pair("a", "b").links["SAME"].both == 1
    assert report_json(c) == before  # made again: links counted once, not twice
    c.add_document(*doc, doc_id="d2")
    assert json.dumps(first.to_json()) == before  # later documents do not change a report already made
    assert c.report().documents == 3


def test_labels_listed_twice_are_refused() -> None:
    with pytest.raises(ValueError, match="label is listed twice"):
        AgreementCounter(["a", "b"], ["CLAIM", "DATE", "CLAIM"])


# -- each accumulator ---------------------------------------------------------------------

PreparedDocument = tuple[str, int, dict[str, Prepared], LabelCodes, ValueIds]


def prepared(docs: list[Document], first: int) -> Iterator[PreparedDocument]:
    """Each document as arrays, numbered by codes of its own (as a separate counter numbers)."""
    codes, values = LabelCodes(SCHEMA), ValueIds()
    for i, (text, versions) in enumerate(docs, start=first):
        ts, te = word_token_bounds(text)
        scale = len(text) + 1
        yield (f"d{i}", scale, {n: prepare(versions[n], ts, te, scale, codes, values) for n in NAMES if n in versions},
               codes, values)


def add_pair(metric: Callable[[Any, Prepared, Prepared, PreparedDocument], None]) -> Callable[..., None]:
    def add(acc: Any, doc: PreparedDocument) -> None:
        p = doc[2]
        if "a" in p and "b" in p:
            metric(acc, p["a"], p["b"], doc)
    return add


def add_alpha(acc: TokenAlpha, doc: PreparedDocument) -> None:
    p = doc[2]
    if len(p) >= 2 and next(iter(p.values())).innermost.size:
        acc.add(list(p.values()), doc[3].labels)


def add_links(acc: LinkAgreement, doc: PreparedDocument) -> None:
    acc.add(doc[0], doc[2], doc[1])


def new_links() -> LinkAgreement:
    acc = LinkAgreement()
    for name, items in LINKS.items():
        acc.register(name, items)
    return acc


# each figure's accumulator: how to make one, how to add a prepared document to it
ACCUMULATORS: dict[str, tuple[Callable[[], Any], Callable[[Any, PreparedDocument], None]]] = {
    "span F1": (SpanAgreement, add_pair(lambda acc, pa, pb, doc: acc.add(pa, pb, doc[3].labels))),
    "token kappa": (TokenKappa, add_pair(lambda acc, pa, pb, doc: acc.add(pa, pb, doc[3].labels))),
    "attributes": (AttributeAgreement, add_pair(lambda acc, pa, pb, doc: acc.add(pa, pb, doc[4].keys))),
    "relations": (RelationAgreement, add_pair(lambda acc, pa, pb, doc: acc.add(pa, pb, doc[1]))),
    "alpha": (TokenAlpha, add_alpha),
    "links": (new_links, add_links),
}


def accumulate(docs: list[Document], first: int = 0) -> dict[str, Any]:
    """Every accumulator, fed *docs* (prepared once, with a numbering of their own)."""
    accs = {kind: new() for kind, (new, _add) in ACCUMULATORS.items()}
    for doc in prepared(docs, first):
        for kind, (_new, add) in ACCUMULATORS.items():
            add(accs[kind], doc)
    return accs


@settings(max_examples=60, deadline=None)
@given(data=st.data(), docs=documents(), tree=st.booleans())
def test_merging_each_accumulator_over_any_split_equals_adding_every_document(
        data: st.DataObject, docs: list[Document], tree: bool) -> None:
    whole = accumulate(docs)
    parts = [accumulate(docs[s:e], first=s) for s, e in data.draw(splits(len(docs)))]
    for kind in ACCUMULATORS:
        assert merged([p[kind] for p in parts], tree) == whole[kind], kind


@settings(max_examples=30, deadline=None)
@given(docs=documents())
def test_the_figures_of_an_accumulator_do_not_depend_on_how_labels_were_numbered(docs: list[Document]) -> None:
    # the same documents, numbered after labels met in another document first
    first = [(TEXTS[0], {"a": Annotations.from_spans([Span("q", 0, 4, lab) for lab in ("LATE", "EXTRA")])})]
    labels = [*SCHEMA, "EXTRA", "LATE"]
    whole, renumbered = accumulate(docs), accumulate(first + docs)
    for kind in ("span F1", "token kappa", "alpha"):
        assert whole[kind].figures(labels) == renumbered[kind].figures(labels), kind
