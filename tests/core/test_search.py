"""Arabic-aware finding: what matches what, and hits in code points of the original text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.graphemes import is_grapheme_boundary
from annotator.core.search import (
    Hit,
    SearchError,
    SearchOptions,
    compile_query,
    context,
    find,
    fold_query,
    fold_text,
    index_needles,
    index_text,
    regex_literals,
)

WORD = SearchOptions(mode="word")
CLITICS = SearchOptions(mode="word", clitics=True)


def texts(text: str, query: str, options: SearchOptions | None = None) -> list[str]:
    return [text[h.start:h.end] for h in find(text, query, options)]


@pytest.mark.parametrize(("text", "query", "found"), [
    ("عقد مُؤْتَمَرٌ صحفي", "مؤتمر", "مُؤْتَمَرٌ"),      # harakat in the text, the tanwin after it kept
    ("عقد مؤتمر صحفي", "مُؤْتَمَر", "مؤتمر"),          # harakat in the query
    ("عقد مؤتمـــر صحفي", "مؤتمر", "مؤتمـــر"),        # tatweel
    ("قال إنّ الأمر", "ان", "إنّ"),                       # hamza below and shadda
    ("آخر الأخبار", "اخر", "آخر"),                       # madda
    ("على الطاولة", "علي", "على"),                       # alef maqsura
    ("في المدينة القديمة", "المدينه", "المدينة"),        # ta marbuta
    ("في عام ٢٠٢٦ أعلن", "2026", "٢٠٢٦"),                # Arabic-Indic digits
    ("في عام 2026 أعلن", "۲۰۲۶", "2026"),                # Eastern Arabic-Indic in the query
    ("The Minister said", "minister", "Minister"),
])
def test_each_fold_finds_the_other_spelling(text: str, query: str, found: str) -> None:
    assert texts(text, query) == [found]


@pytest.mark.parametrize(("text", "query"), [
    ("عقد مُؤْتَمَرٌ صحفي", "مؤتمر"),
    ("قال إنّ الأمر", "ان"),
    ("في عام ٢٠٢٦ أعلن", "2026"),
    ("The Minister said", "minister"),
])
def test_exact_finds_only_the_same_characters(text: str, query: str) -> None:
    assert find(text, query, SearchOptions.exact()) == []


def test_each_fold_can_be_switched_off_alone() -> None:
    assert texts("مؤتمر", "مُؤتمر", SearchOptions(marks=False)) == []  # the damma must be there
    assert texts("مُؤتمر", "مُؤتمر", SearchOptions(marks=False)) == ["مُؤتمر"]
    assert texts("إن", "ان", SearchOptions(alef=False)) == []
    assert texts("على", "علي", SearchOptions(ya_ta=False)) == []
    assert texts("٢٠", "20", SearchOptions(digits=False)) == []
    assert texts("ABC", "abc", SearchOptions(case=False)) == []
    assert texts("ABC", "ABC", SearchOptions(case=False)) == ["ABC"]


def test_clitics_find_the_word_after_conjunction_preposition_and_article() -> None:
    text = "الاتفاق والاتفاق بالاتفاق للاتفاق فالاتفاق كالاتفاق اتفاقية الاتفاقات"
    assert texts(text, "الاتفاق", CLITICS) == ["الاتفاق", "الاتفاق", "الاتفاق", "لاتفاق", "الاتفاق", "الاتفاق"]
    assert texts(text, "الاتفاق", WORD) == ["الاتفاق"]                 # without clitics: the word alone
    assert len(texts(text, "الاتفاق")) == 6  # anywhere: inside الاتفاقات too, not in للاتفاق (no alef)
    assert texts("واتفاق باتفاق", "اتفاق", CLITICS) == ["اتفاق", "اتفاق"]


def test_whole_words_only_in_word_mode() -> None:
    assert texts("الأمن والأمان", "الامن", WORD) == ["الأمن"]
    assert texts("الأمن والأمان", "امن") == ["أمن"]


def test_regular_expressions_run_over_the_folded_text() -> None:
    assert texts("في ١٢ و 34 مرة", r"\d+", SearchOptions(mode="regex")) == ["١٢", "34"]
    assert texts("Oil OIL oil", r"\boil\b", SearchOptions(mode="regex")) == ["Oil", "OIL", "oil"]
    assert texts("أحمد  وأحمد", r"\W+", SearchOptions(mode="regex")) == ["  "]
    with pytest.raises(SearchError, match="regular expression"):
        compile_query("(unclosed", SearchOptions(mode="regex"))


def test_an_empty_query_finds_nothing() -> None:
    assert find("نص", "") == []
    assert find("نص", "  ") == []
    assert find("نَص", "َ") == []  # only marks: folded away


def test_offsets_are_code_points_after_astral_characters() -> None:
    text = "😀𝐀 قال الوزير 😀 مُؤْتَمَر"
    hits = find(text, "مؤتمر")
    assert hits == [Hit(text.index("مُ"), len(text))]
    assert find(text, "الوزير") == [Hit(text.index("الوزير"), text.index("الوزير") + 6)]


def test_a_hit_is_whole_clusters_in_exact_mode_too() -> None:
    text = "مُؤْتَمَر"
    for hit in find(text, "م", SearchOptions.exact()):
        assert is_grapheme_boundary(text, hit.start) and is_grapheme_boundary(text, hit.end)


def test_the_folded_copy_maps_every_position_back() -> None:
    text = "أَحْمَدُ ـ قالَ"
    folded = fold_text(text)
    assert folded.text == "احمد  قال"
    kept = [i for i, c in enumerate(text) if fold_query(c) != ""]
    assert [folded.to_original(i) for i in range(len(folded.text))] == kept
    assert folded.to_original(len(folded.text)) == len(text)


def test_context_is_one_line_cut_at_words() -> None:
    text = "السطر الأول\nقال الوزير إن الاتفاق قريب جدا من التوقيع في نهاية الأسبوع"
    hit = find(text, "الاتفاق")[0]
    ctx = context(text, hit, width=12)
    assert ctx.match == "الاتفاق"
    assert "\n" not in ctx.left + ctx.right
    assert ctx.left_cut and ctx.right_cut
    assert text.find(ctx.left) >= 0 and ctx.right.split()[0] == "قريب"
    assert ctx.left.endswith(" ") and ctx.right.startswith(" ")  # the spaces next to the hit kept


def test_context_shows_a_hit_inside_a_word_or_before_punctuation_as_it_stands() -> None:
    text = "وقع الطرفان الاتفاقية في عام 2021. ثم عادا"
    inside = context(text, find(text, "اتفاق")[0])
    assert (inside.left, inside.match, inside.right) == ("وقع الطرفان ال", "اتفاق", "ية في عام 2021. ثم عادا")
    year = context(text, find(text, "2021")[0])
    assert year.left.endswith("عام ") and year.right == ". ثم عادا"


ARABIC = st.sampled_from([*"ابتثجحخدذرسشصضطظعغفقكلمنهويءأإآٱىة", "ـ", "َ", "ُ", "ِ", "ّ", "ْ", "ً", "ٰ"])
CHARS = st.one_of(ARABIC, st.sampled_from(list(" \n٠١٢9Aa😀𝐀\u00a0")))


@given(st.text(CHARS, max_size=60), st.text(CHARS, min_size=1, max_size=4))
def test_every_hit_folds_to_the_query_and_no_fold_hit_is_missed(text: str, query: str) -> None:
    needle = fold_query(query)
    hits = find(text, query)
    for hit in hits:
        assert 0 <= hit.start < hit.end <= len(text)
        assert is_grapheme_boundary(text, hit.start) and is_grapheme_boundary(text, hit.end)
        assert needle in fold_query(text[hit.start:hit.end])
    if needle.strip():
        # as many hits as non-overlapping occurrences in the folded text (a hit may grow to a
        # cluster's edge and swallow the next one only when marks join them: none are lost otherwise)
        assert len(hits) <= fold_text(text).text.count(needle)
        if all(c not in "ـَُِّْٰ" for c in text) and "😀" not in query:
            assert len(hits) == fold_text(text).text.count(needle)


@given(st.text(CHARS, max_size=60), st.text(CHARS, min_size=1, max_size=3))
def test_exact_text_mode_is_str_find(text: str, query: str) -> None:
    expected = []
    at = text.find(query) if query.strip() else -1
    while at != -1:
        expected.append(at)
        at = text.find(query, at + len(query))
    got = find(text, query, SearchOptions.exact())
    if all(is_grapheme_boundary(text, s) and is_grapheme_boundary(text, s + len(query)) for s in expected):
        assert [h.start for h in got] == expected


@given(st.one_of(st.text(CHARS, max_size=80), st.text(max_size=40)))
def test_the_index_copy_is_the_all_folds_copy(text: str) -> None:
    assert index_text(text) == fold_text(text).text


@pytest.mark.parametrize(("query", "literals"), [
    (r"الاتفاق\s+\d+", ("الاتفاق",)),
    (r"مُؤْتَمَر (صحفي|علني)", ("مؤتمر ",)),     # folded as the stored copy is; alternatives give nothing
    (r"(?:أبو)+ ظبي", ("ابو", " ظبي")),
    (r"ab?cde", ("cde",)),                    # an optional letter cuts the run
    (r"(?i)OIL field", ("oil field",)),
    (r"x{0,3}yyy", ("yyy",)),
    (r"\d{7}", ()),
    (r"[[a-z]--[aeiou]]xyz", ()),             # nested sets: syntax the standard parser misreads
    (r"(?:abc){e<=1}", ()),                   # fuzzy matching
    (r"\p{Arabic}+", ()),
    (r"Straße", ()),                          # full case folding: ß matches SS
])
def test_the_literals_every_match_of_a_regular_expression_holds(query: str, literals: tuple[str, ...]) -> None:
    assert regex_literals(query, SearchOptions(mode="regex")) == literals


def test_a_query_s_needles() -> None:
    assert index_needles("مُؤْتَمَر", SearchOptions()) == ("مؤتمر",)
    assert index_needles(r"مؤتمر\d", SearchOptions(mode="regex")) == ("مؤتمر",)
    assert index_needles(" ", SearchOptions()) == ()
