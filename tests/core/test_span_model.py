"""The project's span model (a CRF): it learns a toy pattern, keeps code-point offsets,
proposes spans on token edges that never overlap, and survives its own bytes."""

from __future__ import annotations

import itertools
import random

import pytest

from annotator.core import tokens as core_tokens
from annotator.core.span_model import (
    MAGIC,
    Example,
    SpanModel,
    SpanModelError,
    fold_word,
    strip_proclitics,
    token_features,
    train,
    training_sequences,
)
from annotator.core.suggest_eval import cross_validate, evaluate

LABELS = ("ACTOR", "DATE")

# Invented sentences (not from any article): {A} is an actor, {D} a date.
TEMPLATES = (
    "أعلن {A} في {D} عن خطة جديدة لتوزيع المياه على القرى.",
    "قال {A} إن الاتفاق سيُوقَّع {D} في العاصمة.",
    "التقى {A} وفدًا من المزارعين {D} لبحث أسعار القمح.",
    "رفض {A} المقترح الذي قُدِّم إليه في {D}.",
    "وأكد {A} أن أعمال الطريق الساحلي انتهت {D}.",
    "ونقلت الصحف عن {A} قوله إن المعبر سيفتح {D}.",
)
ACTORS = ("أحمد سالم", "ليلى حداد", "وزير الزراعة", "مجلس النواب", "نقابة المعلمين", "سامي العمر",
          "رئيس البلدية", "منظمة الغذاء")
DATES = ("١٢ مارس ٢٠٢٤", "يوم الخميس", "عام 2023", "نهاية أيار الماضي", "3 يناير 2025", "مطلع الشهر المقبل",
         "الأحد الماضي", "منتصف عام ٢٠٢٢")


def sentence(template: str, actor: str, date: str) -> Example:
    """A sentence and its two spans, offsets found from the template's parts."""
    before_a, rest = template.split("{A}")
    between, after = rest.split("{D}")
    a0 = len(before_a)
    d0 = a0 + len(actor) + len(between)
    text = before_a + actor + between + date + after
    return text, [(a0, a0 + len(actor), "ACTOR"), (d0, d0 + len(date), "DATE")]


def sentences(seed: int, n: int) -> list[Example]:
    rnd = random.Random(seed)
    return [sentence(rnd.choice(TEMPLATES), rnd.choice(ACTORS), rnd.choice(DATES)) for _ in range(n)]


TRAIN = sentences(1, 30)
TEST = [ex for ex in sentences(2, 40) if ex[0] not in {t for t, _ in TRAIN}][:15]


@pytest.fixture(scope="module")
def model() -> SpanModel:
    return train(TRAIN, LABELS, info={"documents": [f"s{i}" for i in range(len(TRAIN))]})


def test_the_test_sentences_were_not_seen() -> None:
    assert len(TEST) >= 10
    assert not {t for t, _ in TEST} & {t for t, _ in TRAIN}


def test_it_learns_actors_and_dates_well_enough(model: SpanModel) -> None:
    gold = {i: spans for i, (_text, spans) in enumerate(TEST)}
    predicted = {i: [(p.start, p.end, p.label) for p in model.predict(text)] for i, (text, _) in enumerate(TEST)}
    scores = evaluate(gold, predicted, LABELS)
    assert scores["ALL"].exact_f1 is not None and scores["ALL"].exact_f1 > 0.8, scores["ALL"]
    for label in LABELS:
        assert scores[label].exact_f1 is not None and scores[label].exact_f1 > 0.8, (label, scores[label])


def test_scores_are_marginal_probabilities(model: SpanModel) -> None:
    found = [p for text, _ in TEST for p in model.predict(text)]
    assert found
    assert all(0.0 < p.score <= 1.0 for p in found)


def test_offsets_are_code_points_with_an_emoji_and_harakat(model: SpanModel) -> None:
    # an astral emoji (two UTF-16 units, one code point) and harakat before the spans
    text = "🙂 قالَ أحمدُ سالم إن الاتفاق سيُوقَّع ١٢ مارس ٢٠٢٤ في العاصمة 🙂."
    found = model.predict(text)
    got = {(text[p.start:p.end], p.label) for p in found}
    assert ("أحمدُ سالم", "ACTOR") in got
    assert ("١٢ مارس ٢٠٢٤", "DATE") in got


def test_spans_are_on_token_edges_and_never_overlap(model: SpanModel) -> None:
    text = "\n".join(t for t, _ in TEST) + "\n🙂 قالَ أحمدُ سالم، ليلى حداد، نقابة المعلمين ١٢ مارس ٢٠٢٤ عام 2023"
    found = model.predict(text)
    starts = {t.start for t in core_tokens.tokens(text)}
    ends = {t.end for t in core_tokens.tokens(text)}
    assert len(found) >= 2 * len(TEST)
    assert all(p.start in starts and p.end in ends and p.start < p.end for p in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_long_document_is_tagged_sentence_by_sentence(model: SpanModel) -> None:
    # a sentence repeated without a full stop between: cut at MAX_SENTENCE tokens, every span still found
    text = " ".join(t.rstrip(".") for t, _ in TEST * 12)
    found = model.predict(text)
    assert len([p for p in found if p.label == "DATE"]) >= len(TEST) * 12 * 0.8


def test_bytes_round_trip(model: SpanModel) -> None:
    data = model.to_bytes()
    assert data.startswith(MAGIC)
    again = SpanModel.from_bytes(data)
    assert again.labels == LABELS
    assert again.info == model.info
    assert again.info["documents"][0] == "s0" and again.info["n_documents"] == len(TRAIN)
    assert again.info["params"]["c1"] == 0.1 and again.info["n_spans"] == {"ACTOR": 30, "DATE": 30}
    for text, _ in TEST:
        assert again.predict(text) == model.predict(text)
    assert again.to_bytes() == data


@pytest.mark.parametrize(("data", "message"), [
    (b"not a model", "not a model of this program"),
    (MAGIC + b"\x00\x00", "cut short"),
    (MAGIC + b"\x00\x00\x00\x09{}", "cut short"),
    (MAGIC + b"\x00\x00\x00\x02{}", "names no format"),
    (MAGIC + b'\x00\x00\x00\x0c{"format":9}', "newer"),
])
def test_unreadable_bytes_say_why(data: bytes, message: str) -> None:
    with pytest.raises(SpanModelError, match=message):
        SpanModel.from_bytes(data)


def test_corrupt_model_bytes_are_refused(model: SpanModel) -> None:
    data = model.to_bytes()
    with pytest.raises(SpanModelError, match="crfsuite"):
        SpanModel.from_bytes(data[: len(data) - len(model.model) + 10])


def test_spans_off_token_edges_are_snapped_and_overlaps_keep_the_outermost() -> None:
    text = "قال والوزير أحمد سالم أمس."
    # starts after the conjunction و and ends inside سالم: snapped to the two whole tokens;
    # a nested DATE inside it and a span of an unknown label are left out
    spans = [(5, 18, "ACTOR"), (12, 16, "DATE"), (0, 3, "OTHER")]
    [(features, tags)] = training_sequences((text, spans), LABELS)
    assert tags == ["O", "B-ACTOR", "I-ACTOR", "I-ACTOR", "O", "O"]
    assert len(features) == len(tags)


def test_features_fold_arabic_and_strip_proclitics() -> None:
    assert fold_word("أَحْمَـد") == "احمد"
    assert fold_word("مدرسة") == "مدرسه" and fold_word("٢٠٢٤") == "2024"
    assert strip_proclitics(fold_word("وبالاتفاق")) == "اتفاق"
    assert strip_proclitics(fold_word("للاتفاق")) == "اتفاق"
    assert strip_proclitics("ولد") == "ولد"  # too short to hold a clitic
    [first, second, third] = token_features(["في", "آذار", "٢٠٢٤"])
    assert "BOS" in first and "+1c=month" in first
    assert "c=month" in second and "-1w=في" in second and "+1c=year" in second
    assert "c=year" in third and "EOS" in third and "-2w=في" in third


def test_training_without_labels_or_tokens_is_refused() -> None:
    with pytest.raises(SpanModelError, match="no label"):
        train(TRAIN, [])
    with pytest.raises(SpanModelError, match="no token"):
        train([("  \n ", [])], LABELS)


def test_cross_validated_on_the_toy_sentences() -> None:
    by_doc = {f"s{i}": ex for i, ex in enumerate(TRAIN)}
    scores = cross_validate(by_doc, LABELS, folds=3, seed=0)
    assert scores["ALL"].gold == 60
    assert scores["ALL"].exact_f1 is not None and scores["ALL"].exact_f1 > 0.7


def test_prediction_passes_only_the_models_attributes_and_loses_nothing(model: SpanModel) -> None:
    """Leaving out the features the model has no weight for changes no tag and no probability."""
    import pycrfsuite

    full = pycrfsuite.Tagger()
    full.open_inmemory(model.model)
    for text, _ in TEST:
        words = [text[s:e] for s, e in ((t.start, t.end) for t in core_tokens.tokens(text))]
        everything = token_features(words)
        kept = model._features.sentence(words)
        assert sum(map(len, kept)) < sum(map(len, everything))
        full.set(everything)
        model._tagger.set(kept)
        tags = full.tag()
        assert model._tagger.tag() == tags
        for k, tag in enumerate(tags):
            assert model._tagger.marginal(tag, k) == pytest.approx(full.marginal(tag, k), abs=1e-12)


def test_info_that_is_not_json_is_refused() -> None:
    with pytest.raises(SpanModelError, match="not JSON"):
        train(TRAIN[:3], LABELS, info={"documents": {1, 2}})


def test_it_finds_names_and_dates_it_never_saw(model: SpanModel) -> None:
    """Context and word shapes carry over: actors and dates made of words absent from training."""
    actors = ("خالد يوسف", "جمعية الصيادين", "وزيرة الصحة", "هدى منصور")
    dates = ("٧ أبريل ٢٠٢١", "يوم السبت", "عام 2019", "نهاية تموز المقبل")
    unseen = [sentence(t, a, d) for t in TEMPLATES for a, d in zip(actors, dates, strict=True)]
    gold = {i: spans for i, (_t, spans) in enumerate(unseen)}
    predicted = {i: [(p.start, p.end, p.label) for p in model.predict(t)] for i, (t, _) in enumerate(unseen)}
    f1 = evaluate(gold, predicted, LABELS)["ALL"].exact_f1
    assert f1 is not None and f1 > 0.8


def test_training_is_deterministic(model: SpanModel) -> None:
    assert train(TRAIN, LABELS, info={"documents": [f"s{i}" for i in range(len(TRAIN))]}).model == model.model
