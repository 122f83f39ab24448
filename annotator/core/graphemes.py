"""Grapheme clusters: a letter with its harakat, a flag, an emoji ZWJ sequence.

A span boundary never falls inside a grapheme cluster (invariant 3). Clusters are
the Unicode extended grapheme clusters as the ``regex`` module's ``\\X`` finds them.
A line feed is always a cluster boundary, so work on one paragraph is exact.
"""

from __future__ import annotations

import regex

_CLUSTER = regex.compile(r"\X", regex.DOTALL)


def grapheme_boundaries(text: str) -> list[int]:
    """All cluster boundaries of *text* in order, 0 and ``len(text)`` included."""
    bounds = [0]
    bounds.extend(m.end() for m in _CLUSTER.finditer(text))
    if not text:
        return [0]
    return bounds


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1 if pos > 0 else 0
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def is_grapheme_boundary(text: str, pos: int) -> bool:
    """True if *pos* does not fall inside a grapheme cluster of *text*."""
    if pos <= 0 or pos >= len(text):
        return 0 <= pos <= len(text)
    if text[pos - 1] == "\n" or text[pos] == "\n":
        return True
    lo, hi = _paragraph(text, pos)
    for m in _CLUSTER.finditer(text, lo, hi):
        if m.end() >= pos:
            return m.end() == pos
    return False


def cluster_at(text: str, pos: int) -> tuple[int, int]:
    """The cluster ``[start, end)`` that contains code point *pos*."""
    if not 0 <= pos < len(text):
        raise ValueError(f"offset {pos} outside the text (0..{len(text) - 1})")
    lo, hi = _paragraph(text, pos)
    if text[pos] == "\n":
        return pos, pos + 1
    for m in _CLUSTER.finditer(text, lo, hi):
        if m.end() > pos:
            return m.start(), m.end()
    return pos, pos + 1  # unreachable: every position belongs to a cluster


def snap_down(text: str, pos: int) -> int:
    """Largest cluster boundary <= *pos*."""
    if pos <= 0 or pos >= len(text):
        return max(0, min(pos, len(text)))
    return cluster_at(text, pos)[0]


def snap_up(text: str, pos: int) -> int:
    """Smallest cluster boundary >= *pos*."""
    if pos <= 0 or pos >= len(text):
        return max(0, min(pos, len(text)))
    start, end = cluster_at(text, pos)
    return pos if start == pos else end


def next_boundary(text: str, pos: int) -> int:
    """The cluster boundary after *pos* (or ``len(text)``)."""
    if pos >= len(text):
        return len(text)
    return cluster_at(text, max(pos, 0))[1]


def previous_boundary(text: str, pos: int) -> int:
    """The cluster boundary before *pos* (or 0)."""
    if pos <= 0:
        return 0
    return cluster_at(text, min(pos, len(text)) - 1)[0]
