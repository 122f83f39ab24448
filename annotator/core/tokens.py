"""Word tokens and selection snapping for Arabic and other scripts.

A token is a run of word clusters (letters, digits, harakat, tatweel; a number
may carry inner separators such as 2,500 or ٢٫٥ or 27/9/2024) or a single cluster of
punctuation or symbol (، ؛ ؟ « » . ! an emoji). Whitespace and invisible format
characters (bidi marks such as U+200F) are never part of a token. Tokens are made
of whole grapheme clusters, so snapping a selection to tokens never splits one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex

from annotator.core import graphemes

_WORD = r"(?=[\p{L}\p{N}\p{M}\u0640])\X"
_SEP = r"(?<=\p{N})(?=[.,\u066b\u066c/:\-]\p{N})\X"  # 2,500  ٢٫٥  27/9/2024
_TOKEN = regex.compile(
    rf"(?P<tok>(?:{_WORD})+(?:{_SEP}(?:{_WORD})+)*"
    r"|(?![\s\p{Cf}])\X)"
    r"|(?=[\s\p{Cf}])\X",
    regex.DOTALL,
)


class Token(NamedTuple):
    start: int
    end: int
    is_word: bool


def iter_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """Tokens of ``text[start:end]``; *start* must be a cluster boundary."""
    stop = len(text) if end is None else end
    for m in _TOKEN.finditer(text, start, stop):
        if m.group("tok") is None:
            continue
        s, e = m.span()
        first = text[s]
        yield Token(s, e, first.isalnum() or regex.match(r"[\p{M}\u0640]", first) is not None)


def tokens(text: str) -> list[Token]:
    """All tokens of *text*."""
    return list(iter_tokens(text))


def _paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1 if start > 0 else 0
    hi = text.find("\n", end)
    return lo, len(text) if hi < 0 else hi


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Grow ``[start, end)`` to the whole tokens it touches, then trim punctuation.

    Returns ``None`` when the range holds no token (only spaces or marks). Leading
    and trailing punctuation tokens are dropped unless the range holds nothing else.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    lo, hi = _paragraph_bounds(text, start, end)
    touched = [t for t in iter_tokens(text, lo, hi) if t.end > start and t.start < max(end, start + 1)]
    if end == start:
        touched = [t for t in touched if t.start <= start < t.end]
    if not touched:
        return None
    words = [i for i, t in enumerate(touched) if t.is_word]
    if words:
        touched = touched[words[0] : words[-1] + 1]
    return touched[0].start, touched[-1].end


def snap_to_graphemes(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Character precision: grow ``[start, end)`` to cluster boundaries, trim spaces."""
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    s = graphemes.snap_down(text, start)
    e = graphemes.snap_up(text, end)
    while s < e and (text[s].isspace() or regex.match(r"\p{Cf}", text[s])):
        s = graphemes.next_boundary(text, s)
    while e > s and (text[e - 1].isspace() or regex.match(r"\p{Cf}", text[e - 1])):
        e = graphemes.previous_boundary(text, e)
    if s >= e:
        return None
    return s, e


def next_word_boundary(text: str, pos: int) -> int:
    """The next token edge after *pos* (start or end of a token), else len(text)."""
    lo, hi = _paragraph_bounds(text, pos, pos)
    while True:
        for t in iter_tokens(text, lo, hi):
            for edge in (t.start, t.end):
                if edge > pos:
                    return edge
        if hi >= len(text):
            return len(text)
        lo, hi = _paragraph_bounds(text, hi + 1, hi + 1)


def previous_word_boundary(text: str, pos: int) -> int:
    """The previous token edge before *pos*, else 0."""
    lo, hi = _paragraph_bounds(text, pos, pos)
    while True:
        best = None
        for t in iter_tokens(text, lo, hi):
            for edge in (t.start, t.end):
                if edge < pos:
                    best = edge
        if best is not None:
            return best
        if lo == 0:
            return 0
        lo, hi = _paragraph_bounds(text, lo - 1, lo - 1)
