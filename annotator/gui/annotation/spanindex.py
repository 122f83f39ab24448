"""An in-memory index of one annotator's spans of one document (no Qt).

The panes ask it three questions, all in code points: which spans overlap a range
(to paint a paragraph), which spans cover a position (click and hover), and which
span comes next in reading order (Tab). Spans are kept sorted by
``(start, -end, id)``: the reading order, outer spans before the spans they enclose.

An index can start *partial*, holding only the spans that start before some
offset (those of a long document's first screen), with a loader that reads the
others from the database. Every question is answered as if the index were
complete: one that needs spans not read yet reads them first (a paragraph
further down: the spans up to it; Tab, the length, a missing id, any change: all
of them). The window reads the rest on its own right after the first paint
(``load_all``); ``on_complete`` is called once, when the index becomes complete.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable, Iterable

from annotator.core.values import Span

_Key = tuple[int, int, str]
#: Reads the spans that start in ``[lo, hi)`` (``hi`` None: to the end), in reading order.
Loader = Callable[[int, int | None], list[Span]]


def _key(span: Span) -> _Key:
    return (span.start, -span.end, span.id)


class SpanIndex:
    """Spans sorted by reading order, with overlap and cover queries."""

    def __init__(self, spans: Iterable[Span] = (), *, loader: Loader | None = None, loaded_before: int = 0,
                 text_length: int | None = None, on_complete: Callable[[], None] | None = None) -> None:
        """*spans*, and with a *loader*: exactly the spans that start before *loaded_before*.

        *text_length* (the document's length in code points) lets the index
        know it is complete once it holds the spans starting before that.
        """
        self._by_id: dict[str, Span] = {s.id: s for s in spans}
        self._keys: list[_Key] = sorted(_key(s) for s in self._by_id.values())
        self._max_len = max((s.end - s.start for s in self._by_id.values()), default=0)
        self._loader = loader
        self._loaded_before = loaded_before
        self._text_length = text_length
        self._on_complete = on_complete
        if loader is not None and text_length is not None and loaded_before >= text_length:
            self._loader = None  # the first read held every span already

    # -- loading ---------------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """True when every span of the document is held."""
        return self._loader is None

    def load_all(self) -> bool:
        """Read every span not read yet; True if this call read them."""
        if self._loader is None:
            return False
        self._read(None)
        return True

    def loaded(self) -> list[Span]:
        """The spans held now, in reading order, without reading more (the span list's first fill)."""
        return [self._by_id[k[2]] for k in self._keys]

    def _need(self, hi: int) -> None:
        """Make sure every span that starts before *hi* is held."""
        if self._loader is not None and hi > self._loaded_before:
            before = max(hi, 2 * self._loaded_before)  # read ahead: scrolling on asks again soon
            self._read(None if self._text_length is not None and before >= self._text_length else before)

    def _read(self, before: int | None) -> None:
        loader = self._loader
        assert loader is not None
        spans = [s for s in loader(self._loaded_before, before) if s.id not in self._by_id]
        for s in spans:
            self._by_id[s.id] = s
        # They all start at or after every span held, so the keys stay sorted.
        self._keys.extend(sorted(_key(s) for s in spans))
        self._max_len = max(self._max_len, max((s.end - s.start for s in spans), default=0))
        if before is not None:
            self._loaded_before = before
            return
        self._loader = None
        if self._on_complete is not None:
            self._on_complete()

    # -- the spans -------------------------------------------------------------------
    def __len__(self) -> int:
        self.load_all()
        return len(self._keys)

    def __contains__(self, span_id: object) -> bool:
        if span_id not in self._by_id and self.load_all():
            return span_id in self._by_id
        return span_id in self._by_id

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.load_all()
        return (self._by_id[k[2]] for k in self._keys)

    def get(self, span_id: str) -> Span | None:
        span = self._by_id.get(span_id)
        if span is None and self.load_all():
            span = self._by_id.get(span_id)
        return span

    def get_loaded(self, span_id: str) -> Span | None:
        """The span if it has been read, without reading more.

        For painting: a span not read yet starts after every paragraph painted
        so far, so a painter that looks up ids (badges, arcs) can skip it.
        """
        return self._by_id.get(span_id)

    def add(self, span: Span) -> None:
        """Add *span*, replacing a span with the same id."""
        self.load_all()
        self.remove(span.id)
        self._by_id[span.id] = span
        insort(self._keys, _key(span))
        self._max_len = max(self._max_len, span.end - span.start)

    def remove(self, span_id: str) -> Span | None:
        self.load_all()
        span = self._by_id.pop(span_id, None)
        if span is not None:
            k = _key(span)
            i = bisect_left(self._keys, k)
            if i < len(self._keys) and self._keys[i] == k:
                del self._keys[i]
        return span

    def overlapping(self, lo: int, hi: int) -> list[Span]:
        """Spans with ``start < hi`` and ``end > lo``, in reading order."""
        self._need(hi)
        first = bisect_left(self._keys, (lo - self._max_len, -(1 << 62), ""))
        last = bisect_left(self._keys, (hi, -(1 << 62), ""))
        out = []
        for _start, neg_end, sid in self._keys[first:last]:
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
        self.load_all()
        if current is not None and current.id in self._by_id:
            i = bisect_right(self._keys, _key(current))
        else:
            i = bisect_left(self._keys, (pos, -(1 << 62), ""))
        return self._by_id[self._keys[i][2]] if i < len(self._keys) else None

    def previous_span(self, current: Span | None, pos: int) -> Span | None:
        """The span before *current* in reading order (or the last starting before *pos*)."""
        self.load_all()
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
        for a, b in itertools.pairwise(edges):
            cover = [s for s in spans if s.start <= a and s.end >= b]
            if cover:
                cover.sort(key=lambda s: (-(s.end - s.start), s.start))
                out.append((a, b, cover))
        return out
