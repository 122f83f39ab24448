"""Grapheme clusters and word tokens on Arabic with its hard cases."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from annotator.core import graphemes
from annotator.core.tokens import (
    next_word_boundary,
    previous_word_boundary,
    snap_to_graphemes,
    snap_to_words,
    tokens,
)


def words(text: str) -> list[str]:
    return [text[t.start : t.end] for t in tokens(text)]


def test_harakat_stay_with_their_letter() -> None:
    text = "قالَ"  # ل + fatha is one cluster
    assert graphemes.grapheme_boundaries(text) == [0, 1, 2, 4]
    assert not graphemes.is_grapheme_boundary(text, 3)
    assert graphemes.snap_down(text, 3) == 2 and graphemes.snap_up(text, 3) == 4


def test_shadda_with_fatha_is_one_cluster() -> None:
    text = "محمّدٌ"
    assert [
        text[a:b] for a, b in zip(graphemes.grapheme_boundaries(text), graphemes.grapheme_boundaries(text)[1:])
    ] == ["م", "ح", "مّ", "دٌ"]


def test_flag_and_zwj_family_are_single_clusters() -> None:
    text = "x🇮🇶y👨‍👩‍👧z"
    b = graphemes.grapheme_boundaries(text)
    assert b == [0, 1, 3, 4, 9, 10]
    assert not graphemes.is_grapheme_boundary(text, 2)


def test_lam_alef_is_two_clusters_but_one_token() -> None:
    text = "لا سلام"
    assert graphemes.is_grapheme_boundary(text, 1)  # lam-alef is a ligature, not a cluster
    assert words(text) == ["لا", "سلام"]


def test_tatweel_is_part_of_the_word() -> None:
    assert words("جـديد، قديم") == ["جـديد", "،", "قديم"]


def test_arabic_punctuation_are_their_own_tokens() -> None:
    assert words("قال: «نعم»؛ لماذا؟ انتهى.") == ["قال", ":", "«", "نعم", "»", "؛", "لماذا", "؟", "انتهى", "."]


def test_numbers_with_separators_and_arabic_indic_digits() -> None:
    assert words("2,500 جندي في ١٥/٣/٢٠٢٧ و٢٫٥ مليون") == ["2,500", "جندي", "في", "١٥/٣/٢٠٢٧", "و٢٫٥", "مليون"]


def test_latin_inside_arabic_and_bidi_marks_are_not_tokens() -> None:
    text = "شركة \u200fNorthGate\u200f قالت"
    assert words(text) == ["شركة", "NorthGate", "قالت"]


def test_snap_to_words_grows_to_whole_words_and_trims_punctuation() -> None:
    text = "قال الوزير، «سنغادر» غدًا."
    # a selection from inside قال to inside الوزير plus the comma
    assert snap_to_words(text, 1, 12) == (0, 10)
    start, end = snap_to_words(text, 12, 20)  # type: ignore[misc]
    assert text[start:end] == "سنغادر"
    assert snap_to_words(text, 3, 4) is None  # only a space


def test_snap_to_graphemes_keeps_clitic_precision() -> None:
    text = "وبالاتفاق"
    assert snap_to_graphemes(text, 0, 1) == (0, 1)  # و alone
    text = "بِالاتفاق"
    assert snap_to_graphemes(text, 0, 1) == (0, 2)  # ب with its kasra


def test_word_boundaries_walk_in_logical_order() -> None:
    text = "قال الوزير\nغدًا"
    assert next_word_boundary(text, 0) == 3
    assert next_word_boundary(text, 3) == 4
    assert next_word_boundary(text, 10) == 11  # across the paragraph
    assert previous_word_boundary(text, 11) == 10
    assert previous_word_boundary(text, 0) == 0


@given(st.text(alphabet=st.sampled_from(list("قال وزير،َُّـ🇮🇶🙂‍👩\u200f12٣.\n«»x")), max_size=60))
def test_tokens_never_split_grapheme_clusters(text: str) -> None:
    bounds = set(graphemes.grapheme_boundaries(text))
    for t in tokens(text):
        assert t.start in bounds and t.end in bounds
        assert not regex.match(r"^\s", text[t.start : t.end])


@given(st.text(max_size=80), st.data())
def test_snapping_always_lands_on_cluster_boundaries(text: str, data: st.DataObject) -> None:
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    bounds = set(graphemes.grapheme_boundaries(text))
    for snapped in (snap_to_words(text, a, b), snap_to_graphemes(text, a, b)):
        if snapped is not None:
            s, e = snapped
            assert s < e and s in bounds and e in bounds
