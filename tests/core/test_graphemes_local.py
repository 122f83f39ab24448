"""Cluster questions about one position cost its neighbourhood, and answer exactly as the
paragraph scan did (kept here as the reference) on every offset of hostile text."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core import graphemes

_REF_CLUSTER = regex.compile(r"\X", regex.DOTALL)


# -- the reference: the paragraph scans of before -------------------------------------------

def _ref_paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1 if pos > 0 else 0
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def ref_is_grapheme_boundary(text: str, pos: int) -> bool:
    if pos <= 0 or pos >= len(text):
        return 0 <= pos <= len(text)
    if text[pos - 1] == "\n" or text[pos] == "\n":
        return True
    lo, hi = _ref_paragraph(text, pos)
    for m in _REF_CLUSTER.finditer(text, lo, hi):
        if m.end() >= pos:
            return bool(m.end() == pos)
    return False


def ref_cluster_at(text: str, pos: int) -> tuple[int, int]:
    lo, hi = _ref_paragraph(text, pos)
    if text[pos] == "\n":
        return pos, pos + 1
    for m in _REF_CLUSTER.finditer(text, lo, hi):
        if m.end() > pos:
            return m.start(), m.end()
    return pos, pos + 1


# -- hostile text ----------------------------------------------------------------------------

PIECES = [
    # Arabic letters, harakat, shadda, superscript alef, tatweel, Arabic comma and digits
    "ب", "ت", "ل", "ا", "م", "ه", "ي", "\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b",
    "\u0670", "\u0640", "\u060c", "\u061f", "\u0663", "\u0660",
    # prepended concatenation marks (GB9b) and a bidi mark
    "\u0600", "\u0605", "\u06dd", "\u200f", "\u061c",
    # regional indicators, alone so that runs of odd length happen
    "\U0001f1ee", "\U0001f1f6", "\U0001f1eb", "\U0001f1f7",
    # emoji, ZWJ, ZWNJ, variation selector, skin tone, keycap, extended pictographics in the BMP
    "\U0001f468", "\U0001f469", "\U0001f467", "\u200d", "\u200c", "\ufe0f", "\U0001f3fb", "\u20e3",
    "\u2764", "\u00a9", "\U0001f3f3",
    # combining marks over Latin, Latin, digits, spaces, line ends
    "e", "Z", "7", "\u0301", "\u0308", " ", "\u00a0", "\u202f", "\t", "\r", "\n", ".",
    # Hangul jamo (L, V, T) and syllables (LV, LVT)
    "\u1100", "\u1161", "\u11a8", "\uac00", "\uac01",
    # Devanagari: consonants, virama (InCB linker), nukta, vowel sign (spacing mark), candrabindu
    "\u0915", "\u0937", "\u0930", "\u094d", "\u093c", "\u093f", "\u0901",
    # Thai sara am (spacing mark), a lone surrogate-free astral letter
    "\u0e33", "\U00010400",
]
SEQUENCES = [
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # family
    "\U0001f3f3\ufe0f\u200d\U0001f308",  # rainbow flag
    "\U0001f1ee\U0001f1f6\U0001f1ee",  # a flag and a lone indicator
    "\u0915\u094d\u0937",  # conjunct
    "\u0915\u094d\u200d\u0937",  # conjunct with ZWJ
    "\u0628\u0651\u064e",  # letter, shadda, fatha
    "\r\n",
    "1\u20e3",
    "\u1100\u1161\u11a8",
]

hostile = st.lists(st.sampled_from(PIECES) | st.sampled_from(SEQUENCES), max_size=40).map("".join)


@settings(max_examples=600, deadline=None)
@given(hostile)
def test_same_answers_as_the_paragraph_scan_at_every_offset(text: str) -> None:
    for pos in range(-1, len(text) + 2):
        assert graphemes.is_grapheme_boundary(text, pos) == ref_is_grapheme_boundary(text, pos), (text, pos)
    for pos in range(len(text)):
        assert graphemes.cluster_at(text, pos) == ref_cluster_at(text, pos), (text, pos)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*PIECES[:19], " ", "\u00a0", "\U0001f1ee", "\u200d", "\U0001f468"]),
                max_size=60).map("".join))
def test_same_answers_on_arabic_with_a_few_emoji_and_indicators(text: str) -> None:
    for pos in range(len(text) + 1):
        assert graphemes.is_grapheme_boundary(text, pos) == ref_is_grapheme_boundary(text, pos), (text, pos)


def test_grapheme_boundaries_agree_with_the_position_checks() -> None:
    # (without CR: the whole-text scan keeps CR LF together, the position checks split it at LF)
    text = "".join(PIECES + SEQUENCES).replace("\r", "") * 2
    bounds = set(graphemes.grapheme_boundaries(text))
    assert [p for p in range(len(text) + 1) if graphemes.is_grapheme_boundary(text, p)] == sorted(bounds)


@pytest.mark.parametrize(("text", "pos", "expected"), [
    ("\U0001f1ee\U0001f1f6\U0001f1ee\U0001f1f6", 2, True),  # two flags
    ("\U0001f1ee\U0001f1f6\U0001f1ee\U0001f1f6", 3, False),  # inside the second
    ("\U0001f1ee\U0001f1ee\U0001f1ee", 2, True),  # after the first pair; the third is alone
    ("x\U0001f1ee\U0001f1ee\U0001f1ee", 2, False),
    ("\u0915\u094d\u0937", 2, False),  # a conjunct is one cluster
    ("\U0001f468\u200d\U0001f469", 2, False),
    ("\u0600\u0661", 1, False),  # a prepended mark joins the digit after it
    ("a\r\nb", 2, True),  # a line feed is a boundary, even after CR
])
def test_the_hard_cases(text: str, pos: int, expected: bool) -> None:
    assert graphemes.is_grapheme_boundary(text, pos) is expected
    assert ref_is_grapheme_boundary(text, pos) is expected


class _Counting:
    """Wraps the cluster pattern and counts the clusters the code under test steps over."""

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern
        self.seen = 0

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        for m in self.pattern.finditer(*args, **kwargs):
            self.seen += 1
            yield m


def test_a_check_steps_over_the_edges_neighbourhood_not_its_paragraph(monkeypatch: pytest.MonkeyPatch) -> None:
    word = "بِالاتّفاقِ "  # letters with harakat and shadda
    text = word * 20_000  # one 240,000-character paragraph
    counting = _Counting(graphemes._CLUSTER)
    monkeypatch.setattr(graphemes, "_CLUSTER", counting)
    middle = len(text) // 2 + 2  # inside the word: after ب and its kasra ... a cluster edge
    for pos in range(middle, middle + len(word)):
        assert graphemes.is_grapheme_boundary(text, pos) == ref_is_grapheme_boundary(text, pos)
        graphemes.cluster_at(text, pos)
    assert counting.seen < 20 * len(word)  # the paragraph scan stepped over ~1,000,000 clusters
