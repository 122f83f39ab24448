"""The one place where Qt's UTF-16 positions and stored code-point offsets meet.

Every offset the program stores, exports or imports is a Unicode code point index
into the document's text (a Python ``str`` index), half-open ``[start, end)``.
Qt, browsers and some other tools count UTF-16 code units instead, where a
character outside the Basic Multilingual Plane (an emoji, a mathematical digit,
a flag's regional indicator) takes two units. :class:`Utf16Map` converts between
the two in O(log n) per position, after one O(n) scan done in C by ``regex``.
"""

from __future__ import annotations

from bisect import bisect_left

import regex

_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Converts code-point offsets of one text to UTF-16 offsets and back."""

    __slots__ = ("_astral_cp", "_astral_u16", "length", "utf16_length")

    def __init__(self, text: str) -> None:
        self._astral_cp = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral_u16 = [cp + k for k, cp in enumerate(self._astral_cp)]
        self.length = len(text)
        self.utf16_length = self.length + len(self._astral_cp)

    @property
    def has_astral(self) -> bool:
        """True when the text holds characters that take two UTF-16 units."""
        return bool(self._astral_cp)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset *cp* (0 <= cp <= len(text))."""
        if not 0 <= cp <= self.length:
            raise ValueError(f"code-point offset {cp} outside 0..{self.length}")
        if not self._astral_cp:
            return cp
        return cp + bisect_left(self._astral_cp, cp)

    def to_code_point(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset *u16*.

        A position inside a surrogate pair (between the two halves of an astral
        character) maps to the start of that character, so a range never splits it.
        """
        if not 0 <= u16 <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {u16} outside 0..{self.utf16_length}")
        if not self._astral_u16:
            return u16
        return u16 - bisect_left(self._astral_u16, u16)

    def range_to_utf16(self, start: int, end: int) -> tuple[int, int]:
        """Convert a code-point range ``[start, end)`` to UTF-16."""
        return self.to_utf16(start), self.to_utf16(end)

    def range_to_code_points(self, start: int, end: int) -> tuple[int, int]:
        """Convert a UTF-16 range to code points; a split pair widens the range."""
        s = self.to_code_point(start)
        e = self.to_code_point(end)
        if e < self.length and self.to_utf16(e) < end:
            e += 1  # end fell inside a surrogate pair: include the whole character
        return s, e


def utf16_to_code_points(text: str, start: int, end: int) -> tuple[int, int]:
    """Convenience: convert one UTF-16 range of *text* to code points."""
    return Utf16Map(text).range_to_code_points(start, end)


def code_points_to_utf16(text: str, start: int, end: int) -> tuple[int, int]:
    """Convenience: convert one code-point range of *text* to UTF-16."""
    return Utf16Map(text).range_to_utf16(start, end)
