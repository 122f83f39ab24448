"""Import normalisation, hashing and base direction of document text.

The normalisation is small, fixed and documented (ARCHITECTURE.md, invariant 2):
a leading BOM is stripped and CRLF / lone CR become LF. Nothing else changes.
"""

from __future__ import annotations

import hashlib
import unicodedata
from bisect import bisect_left
from collections.abc import Callable
from typing import Literal

import regex

Direction = Literal["rtl", "ltr"]

BOM = "\ufeff"


def normalise_text(raw: str) -> str:
    """Return *raw* with a leading BOM removed and all line ends turned into LF."""
    if raw.startswith(BOM):
        raw = raw[1:]
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def normalise_with_shift(raw: str) -> tuple[str, Callable[[int], int]]:
    """:func:`normalise_text` of *raw*, and a function that moves an offset of *raw* to
    the same character of the normalised text (the one place imported offsets are shifted:
    each removed BOM or CR of a CRLF before the offset moves it back by one)."""
    removed: list[int] = []
    if raw.startswith(BOM):
        removed.append(0)
    pos = raw.find("\r\n")
    while pos >= 0:
        removed.append(pos)
        pos = raw.find("\r\n", pos + 2)
    text = normalise_text(raw)
    if not removed:
        return text, lambda offset: offset
    return text, lambda offset: offset - bisect_left(removed, offset)


def text_sha256(text: str) -> str:
    """SHA-256 (hex) of the UTF-8 encoding of *text*: the document's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# A *letter* here is a strong character of the bidi algorithm that is not a symbol: a flag
# (two regional indicators, bidi class L) or a circled letter says nothing about the
# language of the words around it.
_RTL_LETTER = regex.compile(r"[\p{bc=R}\p{bc=AL}--\p{S}]", regex.V1)
_LTR_LETTER = regex.compile(r"[\p{bc=L}--\p{S}]", regex.V1)
# what decides a paragraph's direction, in order: letters, explicit marks, isolates
_DECIDING = regex.compile(r"[\p{bc=L}\p{bc=R}\p{bc=AL}\u2066-\u2069--\p{S}]", regex.V1)
_MARKS: dict[str, Direction] = {"\u200e": "ltr", "\u200f": "rtl", "\u061c": "rtl"}  # LRM, RLM, ALM
_OPEN_ISOLATE = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI; U+2069 PDI closes


def _first_letter(text: str) -> tuple[Direction, bool] | None:
    """The direction of *text*'s first letter outside isolates, and whether it is an explicit mark."""
    depth = 0
    for m in _DECIDING.finditer(text):
        ch = m.group()
        if ch in _OPEN_ISOLATE:
            depth += 1
        elif ch == "\u2069":
            depth = max(0, depth - 1)
        elif depth == 0:
            if ch in _MARKS:
                return _MARKS[ch], True
            return ("ltr" if unicodedata.bidirectional(ch) == "L" else "rtl"), False
    return None


_OPENS_ISOLATE = regex.compile(r"[\u2066-\u2068]")
_INNERMOST_ISOLATE = regex.compile(r"[\u2066-\u2068][^\u2066-\u2069]*(?:\u2069|$)")


def _majority(text: str, tie: Direction) -> Direction:
    """The direction of most of *text*'s letters outside isolates (text quoted in another direction)."""
    if _OPENS_ISOLATE.search(text):
        while True:
            text, n = _INNERMOST_ISOLATE.subn("", text)
            if not n:
                break
    ltr = _LTR_LETTER.subn("", text)[1]
    rtl = 0  # counted only until it passes ltr: an Arabic text's few Latin letters are quickly passed
    for _ in _RTL_LETTER.finditer(text):
        rtl += 1
        if rtl > ltr:
            return "rtl"
    return tie if rtl == ltr else "ltr"


def detect_direction(text: str, default: Direction = "ltr") -> Direction:
    """Base direction of a whole document: the direction of most of its letters.

    A flag or another symbol is not a letter (a news item that starts with 🇸🇾 or with
    "Reuters" is still Arabic). An explicit mark (RLM, ALM, LRM) before the first letter
    decides; a tie goes to the first letter (outside bidi isolates); text without any
    letter (digits, punctuation) gets *default*.
    """
    first = _first_letter(text)
    if first is None:
        return default
    direction, explicit = first
    return direction if explicit else _majority(text, direction)


def paragraph_direction(paragraph: str, default: Direction) -> Direction:
    """The direction one paragraph is laid out in, inside a document of direction *default*.

    The document's direction, unless the paragraph is in the other one: its first letter
    (outside isolates; flags and symbols are not letters) is of the other direction *and*
    most of its letters are. So a paragraph without letters (a date, a figure, an emoji)
    and an Arabic paragraph that starts with a Latin name follow an Arabic document, and
    an English paragraph inside it is laid out left to right. An explicit mark (RLM, ALM,
    LRM) before the first letter decides.
    """
    first = _first_letter(paragraph)
    if first is None:
        return default
    direction, explicit = first
    if explicit or direction == default:
        return direction
    return _majority(paragraph, default)


def first_line_title(text: str) -> str:
    """The first non-empty line of *text*, stripped, or an empty string."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""
