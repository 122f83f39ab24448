"""Word tokens of a long text as two arrays, fast: the units agreement is counted in.

:func:`word_token_bounds` returns exactly the word tokens of
:func:`annotator.core.tokens.tokens` (those with ``is_word``), as numpy arrays of
starts and ends. ``tokens()`` walks grapheme clusters with a regular expression,
about a second per million characters; this computes the same boundaries from a
per-character class table in a few vectorised passes.

The shortcut is exact where every grapheme cluster is either one character or a
word character followed by word characters (a letter with its harakat). A
paragraph holding anything else — a combining mark after a space or punctuation,
a zero-width joiner or non-joiner, an emoji modifier, a prepended concatenation
mark (U+0600..), regional indicators — is tokenised by ``tokens()`` itself.
Tokens never cross a line feed, so the two results join exactly. A property test
checks the equality on random text.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import regex

from annotator.core import tokens as core_tokens

_WORD = 1
_NUM = 2
_SEP = 4
_SKIP = 8
_IS_WORD = 16
_EXTENDISH = 32
_ALWAYS_TRICKY = 64

_P_WORD = regex.compile(r"[\p{L}\p{N}\p{M}\u0640]")
_P_NUM = regex.compile(r"\p{N}")
_P_SEP = regex.compile(r"[.,\u066b\u066c/:\-]")
_P_SKIP = regex.compile(r"[\s\p{Cf}]")
_P_MARK = regex.compile(r"[\p{M}\u0640]")
_P_EXTENDISH = regex.compile(r"[\p{GCB=Extend}\p{GCB=SpacingMark}\p{GCB=ZWJ}]")
_P_ALWAYS = regex.compile(r"[\p{GCB=Prepend}\p{GCB=Regional_Indicator}]")


@lru_cache(maxsize=65536)
def _char_class(ch: str) -> int:
    bits = 0
    if _P_WORD.match(ch):
        bits |= _WORD
    if _P_NUM.match(ch):
        bits |= _NUM
    if _P_SEP.match(ch):
        bits |= _SEP
    if _P_SKIP.match(ch):
        bits |= _SKIP
    if ch.isalnum() or _P_MARK.match(ch):
        bits |= _IS_WORD
    if _P_EXTENDISH.match(ch):
        bits |= _EXTENDISH
    if _P_ALWAYS.match(ch):
        bits |= _ALWAYS_TRICKY
    return bits


def _classes(codes: np.ndarray) -> np.ndarray:
    present = np.unique(codes) if codes.size < 4096 else np.flatnonzero(np.bincount(codes))
    table_vals = np.fromiter((_char_class(chr(int(c))) for c in present), dtype=np.uint8, count=present.size)
    if codes.size < 4096:
        return table_vals[np.searchsorted(present, codes)]
    table = np.zeros(int(present[-1]) + 1, dtype=np.uint8)  # a look-up table: one step per character
    table[present] = table_vals
    out: np.ndarray = table[codes]
    return out


def word_token_bounds(text: str) -> tuple[np.ndarray, np.ndarray]:
    """Starts and ends (int64 arrays, code points) of the word tokens of *text*."""
    if not text:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    cls = _classes(codes)
    word = (cls & _WORD) != 0
    num = (cls & _NUM) != 0
    prev_word = np.empty_like(word)
    prev_word[0] = False
    prev_word[1:] = word[:-1]

    tricky = ((cls & _ALWAYS_TRICKY) != 0) | (((cls & _EXTENDISH) != 0) & ~(word & prev_word))
    newline = codes == 10
    slow_paragraphs: list[tuple[int, int]] = []
    keep = None
    if tricky.any():
        para = np.cumsum(newline)  # a line feed ends its paragraph: it gets the next number
        para_of_char = para - newline  # ... so count it with the paragraph it ends
        bad = np.unique(para_of_char[np.flatnonzero(tricky)])
        breaks = np.flatnonzero(newline)
        for p in bad.tolist():
            lo = 0 if p == 0 else int(breaks[p - 1]) + 1
            hi = int(breaks[p]) if p < breaks.size else len(text)
            slow_paragraphs.append((lo, hi))
        keep = ~np.isin(para_of_char, bad)

    sep = (cls & _SEP) != 0
    merge = np.zeros_like(word)
    if len(text) > 2:
        merge[1:-1] = sep[1:-1] & num[:-2] & num[2:]
    wordish = word | merge
    prev_w = np.empty_like(wordish)
    prev_w[0] = False
    prev_w[1:] = wordish[:-1]
    next_w = np.empty_like(wordish)
    next_w[-1] = False
    next_w[:-1] = wordish[1:]
    run_start = wordish & ~prev_w
    # tokens in order: runs of word characters, and single characters that are neither word nor space
    starts = np.flatnonzero(run_start | (~wordish & ((cls & _SKIP) == 0)))
    in_run = wordish[starts]
    ends = starts + 1
    ends[in_run] = np.flatnonzero(wordish & ~next_w) + 1
    is_word = (cls[starts] & _IS_WORD) != 0
    if keep is not None:
        is_word &= keep[starts]
    starts, ends = starts[is_word], ends[is_word]

    starts, ends = starts.astype(np.int64), ends.astype(np.int64)
    if slow_paragraphs:
        extra = [(t.start, t.end) for lo, hi in slow_paragraphs
                 for t in core_tokens.iter_tokens(text, lo, hi) if t.is_word]
        if extra:
            arr = np.asarray(extra, dtype=np.int64)
            starts = np.concatenate((starts, arr[:, 0]))
            ends = np.concatenate((ends, arr[:, 1]))
            order = np.argsort(starts, kind="stable")
            starts, ends = starts[order], ends[order]
    return starts, ends
