"""Grapheme clusters: a letter with its harakat, a flag, an emoji ZWJ sequence.

A span boundary never falls inside a grapheme cluster (invariant 3). Clusters are
the Unicode extended grapheme clusters as the ``regex`` module's ``\\X`` finds them.
A line feed is always a cluster boundary (even after a carriage return).

Questions about one position cost its neighbourhood, not its paragraph: the scan
for clusters starts at the nearest *sure* boundary at or before the position
(:func:`_sure_start`), a place where every rule of UAX #29 breaks whatever comes
before it. The rules that look further back than one character (a regional
indicator's parity, an emoji ZWJ sequence, an Indic conjunct's virama) all end
on a character that is a regional indicator, an extended pictographic or an
Indic consonant, and a cluster only continues over a mark, a joiner, a spacing
mark, a Hangul jamo or after a prepended mark: so a boundary before a character
of general cluster class Other that is none of those, preceded by anything but a
prepended mark, is sure. Plain letters, digits, spaces and punctuation are such
characters, so the scan starts at most a cluster or two back in real text.
Property-tested against a paragraph scan in tests/core/test_graphemes_local.py.
"""

from __future__ import annotations

import regex

_CLUSTER = regex.compile(r"\X", regex.DOTALL)
# a boundary before such a character is sure (see the module's docstring) ...
_SURE_BEFORE = regex.compile(r"(?V1)[\p{GCB=Other}--\p{ExtPict}--\p{InCB=Consonant}]")
# ... unless this character comes before it (GB9b: a prepended mark joins what follows)
_PREPEND = regex.compile(r"\p{GCB=Prepend}")
_sure_cache: dict[str, bool] = {}
_prepend_cache: dict[str, bool] = {}


def _sure_before(ch: str) -> bool:
    known = _sure_cache.get(ch)
    if known is None:
        known = _sure_cache[ch] = _SURE_BEFORE.match(ch) is not None
    return known


def _is_prepend(ch: str) -> bool:
    known = _prepend_cache.get(ch)
    if known is None:
        known = _prepend_cache[ch] = _PREPEND.match(ch) is not None
    return known


def _sure_start(text: str, pos: int) -> int:
    """The nearest position ``<= pos`` (``0 <= pos <= len(text)``) that is a cluster
    boundary whatever comes before it: the start of the text, just after a line feed, or
    before a character that always starts a cluster (not after a prepended mark)."""
    i = pos
    while i > 0:
        before = text[i - 1]
        if before == "\n":
            return i
        if i < len(text) and _sure_before(text[i]) and not _is_prepend(before):
            return i
        i -= 1
    return 0


def grapheme_boundaries(text: str) -> list[int]:
    """All cluster boundaries of *text* in order, 0 and ``len(text)`` included."""
    bounds = [0]
    bounds.extend(m.end() for m in _CLUSTER.finditer(text))
    if not text:
        return [0]
    return bounds


def is_grapheme_boundary(text: str, pos: int) -> bool:
    """True if *pos* does not fall inside a grapheme cluster of *text*."""
    if pos <= 0 or pos >= len(text):
        return 0 <= pos <= len(text)
    before, after = text[pos - 1], text[pos]
    sure = _sure_cache.get(after)  # the caches read inline: this runs for every span edge an import checks
    if sure is None:
        sure = _sure_before(after)
    prepend = _prepend_cache.get(before)
    if prepend is None:
        prepend = _is_prepend(before)
    if before == "\n" or after == "\n" or (sure and not prepend):
        return True  # what _sure_start(text, pos) == pos says, without the call: most span edges
    for m in _CLUSTER.finditer(text, _sure_start(text, pos - 1)):
        if m.end() >= pos:
            return m.end() == pos
    return False  # unreachable: the clusters reach the end of the text


def cluster_at(text: str, pos: int) -> tuple[int, int]:
    """The cluster ``[start, end)`` that contains code point *pos*."""
    if not 0 <= pos < len(text):
        raise ValueError(f"offset {pos} outside the text (0..{len(text) - 1})")
    if text[pos] == "\n":
        return pos, pos + 1
    for m in _CLUSTER.finditer(text, _sure_start(text, pos)):
        if m.end() > pos:
            end = m.end()
            # a line feed is a boundary even after a carriage return (\\X makes CR LF one cluster)
            return m.start(), end - 1 if text[end - 1] == "\n" else end
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
