"""An in-memory index of one annotator's spans of one document (no Qt).

The panes ask it three questions, all in code points: which spans overlap a range
(to paint a paragraph), which spans cover a position (click and hover), and which
span comes next in reading order (Tab). Spans are kept sorted by
``(start, -end, id)``: the reading order, outer spans before the spans they enclose.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable

from annotator.core.model import Span

_Key = tuple[int, int, str]


def _key(span: Span) -> _Key:
    return (span.start, -span.end, span.id)


class SpanIndex:
    """Spans sorted by reading order, with overlap and cover queries."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self._by_id: dict[str, Span] = {s.id: s for s in spans}
        self._keys: list[_Key] = sorted(_key(s) for s in self._by_id.values())
        self._max_len = max((s.end - s.start for s in self._by_id.values()), default=0)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, span_id: object) -> bool:
        return span_id in self._by_id

    def __iter__(self):  # type: ignore[no-untyped-def]
        return (self._by_id[k[2]] for k in self._keys)

    def get(self, span_id: str) -> Span | None:
        return self._by_id.get(span_id)

    def add(self, span: Span) -> None:
        """Add *span*, replacing a span with the same id."""
        self.remove(span.id)
        self._by_id[span.id] = span
        insort(self._keys, _key(span))
        self._max_len = max(self._max_len, span.end - span.start)

    def remove(self, span_id: str) -> Span | None:
        span = self._by_id.pop(span_id, None)
        if span is not None:
            k = _key(span)
            i = bisect_left(self._keys, k)
            if i < len(self._keys) and self._keys[i] == k:
                del self._keys[i]
        return span

    def overlapping(self, lo: int, hi: int) -> list[Span]:
        """Spans with ``start < hi`` and ``end > lo``, in reading order."""
        first = bisect_left(self._keys, (lo - self._max_len, -(1 << 62), ""))
        last = bisect_left(self._keys, (hi, -(1 << 62), ""))
        out = []
        for start, neg_end, sid in self._keys[first:last]:
            if -neg_end > lo:
                out.append(self._by_id[sid])
        return out

    def covering(self, pos: int) -> list[Span]:
        """Spans that contain code point *pos*, innermost (shortest) first."""
        found = self.overlapping(pos, pos + 1)
        return sorted(found, key=lambda s: (s.end - s.start, -s.start))

    def innermost_at(self, pos: int) -> Span | None:
        found = self.covering(pos)
        return found[0] if found else None

    def next_span(self, current: Span | None, pos: int) -> Span | None:
        """The span after *current* in reading order (or the first starting at/after *pos*)."""
        if current is not None and current.id in self._by_id:
            i = bisect_right(self._keys, _key(current))
        else:
            i = bisect_left(self._keys, (pos, -(1 << 62), ""))
        return self._by_id[self._keys[i][2]] if i < len(self._keys) else None

    def previous_span(self, current: Span | None, pos: int) -> Span | None:
        """The span before *current* in reading order (or the last starting before *pos*)."""
        if current is not None and current.id in self._by_id:
            i = bisect_left(self._keys, _key(current)) - 1
        else:
            i = bisect_left(self._keys, (pos, -(1 << 62), "")) - 1
        return self._by_id[self._keys[i][2]] if i >= 0 else None

    def runs(self, lo: int, hi: int) -> list[tuple[int, int, list[Span]]]:
        """Cut ``[lo, hi)`` into runs covered by the same spans, outermost first.

        Only runs covered by at least one span are returned. Used to paint one
        paragraph: each run gets one format that shows every span covering it.
        """
        spans = self.overlapping(lo, hi)
        if not spans:
            return []
        cuts = {lo, hi}
        for s in spans:
            cuts.add(max(lo, s.start))
            cuts.add(min(hi, s.end))
        edges = sorted(cuts)
        out = []
        for a, b in zip(edges, edges[1:]):
            cover = [s for s in spans if s.start <= a and s.end >= b]
            if cover:
                cover.sort(key=lambda s: (-(s.end - s.start), s.start))
                out.append((a, b, cover))
        return out
