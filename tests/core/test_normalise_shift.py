"""Invariant 2's offset shift lives in one place (core.text.normalise_with_shift): for any
raw text, it moves every offset of a kept character of *raw* to that same character of
``normalise_text(raw)``."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.text import BOM, normalise_text, normalise_with_shift

# pieces that matter: BOMs (leading and inner), CR, LF, CRLF, Arabic, astral characters
_PIECES = st.sampled_from([BOM, "\r", "\n", "\r\n", "ا", "ب", "\u064e", "a", " ", "😀", "𝐀", "\U0001F1F8\U0001F1FE"])
_RAW = st.lists(st.one_of(_PIECES, st.characters()), max_size=40).map("".join)


def _kept(raw: str) -> list[tuple[int, str]]:
    """(offset in raw, character it becomes) for every character of *raw* that survives
    normalisation: not a leading BOM, not the CR of a CRLF (merged into the LF)."""
    out = []
    for i, ch in enumerate(raw):
        if i == 0 and ch == BOM:
            continue
        if ch == "\r" and raw[i + 1 : i + 2] == "\n":
            continue
        out.append((i, "\n" if ch == "\r" else ch))
    return out


@settings(max_examples=400)
@given(_RAW)
def test_text_is_normalise_text(raw: str) -> None:
    assert normalise_with_shift(raw)[0] == normalise_text(raw)


@settings(max_examples=400)
@given(_RAW)
def test_shift_maps_each_kept_character_to_itself(raw: str) -> None:
    text, shift = normalise_with_shift(raw)
    kept = _kept(raw)
    assert len(kept) == len(text)
    for k, (i, ch) in enumerate(kept):
        assert shift(i) == k
        assert text[shift(i)] == ch
    assert shift(len(raw)) == len(text)  # the end offset too


def test_examples() -> None:
    raw = BOM + "سلام\r\nعالم\r😀\r\n"
    text, shift = normalise_with_shift(raw)
    assert text == "سلام\nعالم\n😀\n"
    assert [shift(i) for i in (1, 5, 6, 7, 11, 12, 13, 14, 15)] == [0, 4, 4, 5, 9, 10, 11, 11, 12]
    assert text[shift(7) : shift(11)] == "عالم"
