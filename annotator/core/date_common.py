"""Tokens and shared pieces of the date normaliser (see :mod:`annotator.core.dates`).

Text is folded (``date_words.fold``), split into words, and clitics written on a
known word are split off (``وفي`` -> و في, ``للعام`` -> ل العام).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Literal

from annotator.core import date_words as W
from annotator.core.date_words import fold

DateKind = Literal["date", "duration", "range", "set"]


# -- tokens -----------------------------------------------------------------------------

_EXTRA_WORDS = (
    "اليوم", "امس", "الامس", "البارحه", "غدا", "الغد", "اول", "بين", "الي", "حتي", "الربع", "النصف", "فصل",
    "كل", "شبه", "الاسبوع", "الشهر", "العام", "السنه", "الاشهر", "الشهور", "الفتره", "الاخير", "الاخيره",
    "الاولي", "الاول", "عطله", "القرن", "وقت", "الوقت", "الاونه", "المرحله", "يوم", "غد", "لاحق",
)


def _vocabulary() -> frozenset[str]:
    words: set[str] = set(_EXTRA_WORDS)
    for table in (W.MONTHS, W.WEEKDAYS, W.ORDINALS, W.CARDINAL_UNITS, W.CARDINAL_TENS, W.UNITS, W.MOD_WORDS,
                  W.SEASONS, W.DECADES, W.REFS, W.FREQUENCY):
        for key in table:
            words.update(key.split())
    for group in (W.PAST, W.FUTURE, W.CURRENT, W.THIS, W.YEAR_WORDS, W.MONTH_WORDS, W.SIGNALS, W.FILLERS,
                  W.APPROX_WORDS, W.VAGUE_QUANTITY, W.HIJRI_MONTHS):
        for key in group:
            words.update(key.split())
    return frozenset(words)


_VOCAB = _vocabulary()
_NUMERIC = re.compile(r"\d+(?:[./\-]\d+)*")


def _known(word: str) -> bool:
    return word in _VOCAB or _NUMERIC.fullmatch(word) is not None


def is_known_word(word: str) -> bool:
    """Whether the normaliser knows *word* (a token of :func:`tokens`): a word of its tables or a number."""
    return _known(word)


def _split_clitics(word: str) -> list[str]:
    """``وفي`` -> و في, ``بنهاية`` -> ب نهاية, ``للعام`` -> ل العام, ``و2026`` -> و 2026."""
    if _known(word):
        return [word]
    for n in (1, 2):
        head, rest = word[:n], word[n:]
        if not rest or not all(c in W.CLITICS for c in head):
            continue
        if _known(rest):
            return [*head, rest]
        if head.endswith("ل") and rest.startswith("ل") and _known("ا" + rest):
            return [*head, "ا" + rest]
    return [word]


def tokens(text: str) -> list[str]:
    s = fold(text)
    s = re.sub(r"(?<=\d)م(?!\w)", "", s)                      # 2026م (ميلادي)
    s = re.sub(r"(?<=\d)\.(?=\d)", "\x00", s)
    s = re.sub(r"(?<!\d)([/\-])|([/\-])(?!\d)", lambda m: f" {m.group(0)} ", s)
    s = re.sub(r"[^\w\s/\-\x00]", " ", s).replace("\x00", ".").replace("_", " ")
    out: list[str] = []
    for word in s.split():
        out.extend(_split_clitics(word))
    return out


def merge_month_pairs(toks: list[str]) -> list[str]:
    """``أيلول / سبتمبر`` and ``كانون الثاني - يناير`` name one month: keep the first name."""
    out = list(toks)
    i = 0
    while i < len(out):
        first = next(((n, W.MONTHS[" ".join(out[i : i + n])]) for n in (2, 1)
                      if len(out[i : i + n]) == n and " ".join(out[i : i + n]) in W.MONTHS), None)
        if first is None:
            i += 1
            continue
        j = i + first[0]
        if j < len(out) and out[j] in ("/", "-"):
            second = next(((n, W.MONTHS[" ".join(out[j + 1 : j + 1 + n])]) for n in (2, 1)
                           if len(out[j + 1 : j + 1 + n]) == n and " ".join(out[j + 1 : j + 1 + n]) in W.MONTHS), None)
            if second is not None and second[1] == first[1]:
                del out[j : j + 1 + second[0]]
        i = j
    return out


def has_two_word_hijri(toks: list[str]) -> bool:
    return any(f"{a} {b}" in W.HIJRI_MONTHS for a, b in pairwise(toks))



# -- shared by the rules ------------------------------------------------------------------

class NoValue(Exception):
    """The expression is understood but has no value here (e.g. relative, no anchor)."""


@dataclass(frozen=True)
class R:
    """A rule's result: the value, its kind, how it was found, and the TIMEX3 mod."""

    value: str
    kind: DateKind
    explanation: str
    mod: str | None = None


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + delta
    return n // 12, n % 12 + 1


def strip_edges(toks: list[str]) -> list[str]:
    """Drop clitics, signal words and fillers at the edges (not قبل / بعد / من before a range)."""
    toks = list(toks)
    while toks and toks[-1] in W.FILLERS | set(W.CLITICS) | {"/", "-"}:
        toks.pop()
    while toks and (toks[0] in W.CLITICS or toks[0] in {"/", "-"} or toks[0] in W.TIME_OF_DAY):
        toks.pop(0)
    return toks



class NoMatch(Exception):
    """A sub-expression did not match (internal to the parser)."""

