"""IOB2/BIOES tags from spans: exact tokens, chosen layers, and every dropped span counted;
checked against seqeval, the library that scores NER tags."""

from __future__ import annotations

from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import bio
from annotator.core import tokens as core_tokens
from annotator.core.bio import (
    TagError,
    label_list,
    sentence_starts,
    spans_from_tags,
    tag_document,
    token_spans,
    tokenize,
)
from annotator.core.values import Span
from tests.export_samples import doc_a, doc_b

ALPHABET = (
    "قالوزيرنحدّاَُِـ٠١٢٣0123456789.,٫/:-،؟«»!?()\"' \t\n"
    "abcXYZ\u200d\u200c\u200f\ufe0f\u0301\u0600\u00a0²가कष्"
    "🙂🏥👩🇯🇴🏽𝟚"
)


def words(text: str) -> list[str]:
    return [text[s:e] for s, e in token_spans(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
def test_fast_tokens_are_exactly_the_tokens_selections_snap_to(text: str) -> None:
    assert token_spans(text) == [(t.start, t.end) for t in core_tokens.tokens(text)]
    found = tokenize(text)
    assert list(found.words) == [text[s:e] for s, e in zip(found.starts, found.ends)]


# Pieces of news text as it comes (written for these tests): harakat, tatweel, the Arabic
# comma, Western and Arabic-Indic digits with separators, Latin names, quotes, emoji, and
# the no-break spaces (U+00A0, U+202F) and bidi marks that real articles hold.
NEWS_WORDS = ["قالَ", "الوزيرُ", "إنّ", "الـقوات", "ستنسحب", "،", "٢٠٢٧", "2,500", "27/9/2024", "١٥/٣",
              "Reuters", "NATO", "«", "»", "(", ")", ".", ":", "؟", "-", "\"", "🙂", "%", "$"]
NEWS_GAPS = [" ", " ", " ", "\u00a0", "\u202f", "\n", " \u200f", "\u200e ", "", "\t", "\u2009", "\u00ad"]
news_text = st.lists(st.tuples(st.sampled_from(NEWS_WORDS), st.sampled_from(NEWS_GAPS)), max_size=40).map(
    lambda pairs: "".join(w + g for w, g in pairs))


@settings(max_examples=300, deadline=None)
@given(news_text)
def test_news_text_with_no_break_spaces_takes_the_fast_path_with_the_same_tokens(text: str) -> None:
    expected = [(t.start, t.end) for t in core_tokens.tokens(text)]

    def slow(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"the slow tokenizer was used on {text!r}")

    with mock.patch.object(bio._tokens, "iter_tokens", slow):
        assert token_spans(text) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*NEWS_WORDS, *NEWS_GAPS, "\u0651", "\u200d", "\U0001f1ef", "👩🏽", "\u0600",
                                 "\u094d", "\u0915", "\r\n", "\ufeff", "\u2028", "\u0301"]), max_size=50).map("".join))
def test_fast_and_slow_tokens_are_the_same_on_news_text_with_hard_cases(text: str) -> None:
    assert token_spans(text) == [(t.start, t.end) for t in core_tokens.tokens(text)]


def test_tokens_of_arabic_news() -> None:
    assert words("قال «الوزير» إن ٢٫٥ مليون سيُدفع في 27/9/2024.") == [
        "قال", "«", "الوزير", "»", "إن", "٢٫٥", "مليون", "سيُدفع", "في", "27/9/2024", "."]


def test_iob2_and_bioes_tags() -> None:
    text = "قال الوزير سامر الخطيب اليوم"
    spans = [Span("a", 4, 22, "ACTOR"), Span("d", 23, 28, "DATE")]
    assert tag_document(text, spans).tags[None] == ["O", "B-ACTOR", "I-ACTOR", "I-ACTOR", "B-DATE"]
    assert tag_document(text, spans, scheme="bioes").tags[None] == ["O", "B-ACTOR", "I-ACTOR", "E-ACTOR", "S-DATE"]


def test_layers_choose_and_count_what_they_drop() -> None:
    doc = doc_b()
    outer = tag_document(doc.text, doc.spans, layer="outermost")
    assert {s.id for s in outer.kept[None]} == {"b1", "b3"}
    assert {(d.span.id, d.reason) for d in outer.dropped} == {
        ("b2", "nested"), ("b4", "crossing"), ("b5", "nested"), ("b6", "misaligned")}
    inner = tag_document(doc.text, doc.spans, layer="innermost")
    assert {s.id for s in inner.kept[None]} == {"b2", "b5"}
    assert {(d.span.id, d.reason) for d in inner.dropped} == {
        ("b1", "contains"), ("b3", "contains"), ("b4", "contains"), ("b6", "misaligned")}
    per = tag_document(doc.text, doc.spans, layer="per-label", labels=["CLAIM", "ACTOR", "DATE"])
    assert set(per.tags) == {"CLAIM", "ACTOR", "DATE"}
    assert {s.id for s in per.kept["DATE"]} == {"b5"} and {s.id for s in per.kept["CLAIM"]} == {"b3"}
    assert {(d.span.id, d.reason) for d in per.dropped} == {("b2", "nested"), ("b4", "crossing"),
                                                             ("b6", "misaligned")}
    # nothing vanishes: kept + dropped is every span, in every layer mode
    for tagged in (outer, inner):
        assert len(tagged.kept[None]) + len(tagged.dropped) == len(doc.spans)


def test_duplicates_are_reported_as_such() -> None:
    text = "قال الوزير"
    spans = [Span("a", 4, 10, "ACTOR"), Span("b", 4, 10, "ACTOR"), Span("c", 4, 10, "CLAIM")]
    tagged = tag_document(text, spans)
    assert sorted((d.span.id, d.reason) for d in tagged.dropped) == [("b", "duplicate"), ("c", "nested")]


@pytest.mark.xdist_group("sklearn")
@pytest.mark.parametrize(("scheme", "checker"), [("iob2", "IOB2"), ("bioes", "IOBES")])
@pytest.mark.parametrize("layer", ["outermost", "innermost", "per-label"])
def test_seqeval_reads_our_tags_strictly_and_finds_the_kept_spans(scheme: str, checker: str, layer: str) -> None:
    # imported here, not while collecting: seqeval pulls in scikit-learn (seconds per xdist worker)
    seqeval_scheme = pytest.importorskip("seqeval.scheme")
    get_entities = pytest.importorskip("seqeval.metrics.sequence_labeling").get_entities
    Entities = seqeval_scheme.Entities  # noqa: N806

    for doc in (doc_a(), doc_b()):
        tagged = tag_document(doc.text, doc.spans, scheme=scheme, layer=layer,  # type: ignore[arg-type]
                              labels=["CLAIM", "ACTOR", "DATE"])
        for layer_name, tags in tagged.tags.items():
            entities = Entities([tags], getattr(seqeval_scheme, checker), suffix=False)  # raises on invalid tags
            found = sorted((e.tag, e.start, e.end - 1) for e in entities.entities[0])
            first = {s: i for i, (s, _) in enumerate(tagged.tokens)}
            last = {e: i for i, (_, e) in enumerate(tagged.tokens)}
            kept = sorted((s.label, first[s.start], last[s.end]) for s in tagged.kept[layer_name])
            assert found == kept
            assert sorted((t, a, b) for t, a, b in get_entities(tags)) == kept


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_tags_read_back_as_the_kept_spans(data: st.DataObject) -> None:
    text = " ".join(data.draw(st.lists(st.sampled_from(["قال", "الوزير", "٢٠٢٧", "«", "»", "🙂", "."]),
                                      min_size=1, max_size=25)))
    toks = token_spans(text)
    n = len(toks)
    pairs = data.draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1),
                                         st.sampled_from(["CLAIM", "ACTOR", "DATE"])), max_size=8))
    spans = [Span(f"s{k}", toks[min(i, j)][0], toks[max(i, j)][1], lab) for k, (i, j, lab) in enumerate(pairs)]
    scheme = data.draw(st.sampled_from(["iob2", "bioes"]))
    layer = data.draw(st.sampled_from(["outermost", "innermost"]))
    tagged = tag_document(text, spans, scheme=scheme, layer=layer)
    back = [(toks[i][0], toks[j][1], lab) for i, j, lab in spans_from_tags(tagged.tags[None])]
    assert back == sorted((s.start, s.end, s.label) for s in tagged.kept[None])
    assert len(tagged.kept[None]) + len(tagged.dropped) == len(spans)


def test_reading_iob1_and_refusing_nonsense() -> None:
    assert spans_from_tags(["I-ACTOR", "I-ACTOR", "B-ACTOR", "O", "I-DATE"]) == [
        (0, 1, "ACTOR"), (2, 2, "ACTOR"), (4, 4, "DATE")]
    assert spans_from_tags(["B-ACTOR", "I-DATE"]) == [(0, 0, "ACTOR"), (1, 1, "DATE")]
    with pytest.raises(TagError) as err:
        spans_from_tags(["O", "X-ACTOR"])
    assert err.value.position == 1


def test_sentences_end_at_arabic_and_latin_punctuation_but_never_inside_a_span() -> None:
    text = "قال الوزير. هل يأتي؟ «نعم.» ثم\nسطر جديد"
    toks = token_spans(text)
    starts = sentence_starts(text, toks)
    assert [words(text)[k] for k in starts] == ["قال", "هل", "«", "ثم", "سطر"]
    # a claim across the first full stop keeps its two sentences together
    assert [words(text)[k] for k in sentence_starts(text, toks, [(1, 3)])] == ["قال", "«", "ثم", "سطر"]


def test_label_list() -> None:
    assert label_list(["CLAIM", "DATE"], "iob2") == ["O", "B-CLAIM", "I-CLAIM", "B-DATE", "I-DATE"]
    assert label_list(["DATE"], "bioes") == ["O", "B-DATE", "I-DATE", "E-DATE", "S-DATE"]
