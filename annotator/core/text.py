"""Import normalisation, hashing and base direction of document text.

The normalisation is small, fixed and documented (ARCHITECTURE.md, invariant 2):
a leading BOM is stripped and CRLF / lone CR become LF. Nothing else changes.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from bidi import get_base_level

Direction = Literal["rtl", "ltr"]

BOM = "\ufeff"


def normalise_text(raw: str) -> str:
    """Return *raw* with a leading BOM removed and all line ends turned into LF."""
    if raw.startswith(BOM):
        raw = raw[1:]
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def text_sha256(text: str) -> str:
    """SHA-256 (hex) of the UTF-8 encoding of *text*: the document's identity."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def detect_direction(text: str) -> Direction:
    """Base direction of *text* by the Unicode bidi algorithm (first strong character).

    Text without any strong character (digits only, punctuation) counts as LTR.
    """
    return "rtl" if get_base_level(text) == 1 else "ltr"


def paragraph_direction(paragraph: str, default: Direction) -> Direction:
    """Direction of one paragraph: its first strong character, else *default*."""
    for ch in paragraph:
        if ch.isalpha():
            return detect_direction(paragraph)
    return default


def first_line_title(text: str) -> str:
    """The first non-empty line of *text*, stripped, or an empty string."""
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""
