"""Import normalisation, hashing and base direction of document text.

The normalisation is small, fixed and documented (ARCHITECTURE.md, invariant 2):
a leading BOM is stripped and CRLF / lone CR become LF. Nothing else changes.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Literal

from bidi import get_base_level

Direction = Literal["rtl", "ltr"]

BOM = "\ufeff"
_STRONG = frozenset({"L", "R", "AL"})


def normalise_text(raw: str) -> str:
    """Return *raw* with a leading BOM removed and all line ends turned into LF."""
    if raw.startswith(BOM):
        raw = raw[1:]
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def text_sha256(text: str) -> str:
    """SHA-256 (hex) of the UTF-8 encoding of *text*: the document's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _has_strong(paragraph: str) -> bool:
    return any(unicodedata.bidirectional(ch) in _STRONG for ch in paragraph)


def detect_direction(text: str, default: Direction = "ltr") -> Direction:
    """Base direction of *text* by the Unicode bidi algorithm (rules P2-P3).

    The first paragraph that holds a strong character decides, as python-bidi
    computes it for that paragraph (so isolates are skipped). Text without any
    strong character (digits, punctuation) gets *default*.
    """
    for paragraph in text.split("\n"):
        if _has_strong(paragraph):
            return "rtl" if get_base_level(paragraph) == 1 else "ltr"
    return default


def paragraph_direction(paragraph: str, default: Direction) -> Direction:
    """Direction of one paragraph: its first strong character, else *default*."""
    return detect_direction(paragraph, default)


def first_line_title(text: str) -> str:
    """The first non-empty line of *text*, stripped, or an empty string."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""
