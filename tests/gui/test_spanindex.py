"""The span index the panes paint from agrees with a brute-force search."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.values import Span
from annotator.gui.annotation.spanindex import SpanIndex
from annotator.gui.annotation.tagging import moved_edge

ranges = st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1]))
span_lists = st.lists(st.tuples(ranges, st.sampled_from(["CLAIM", "ACTOR", "DATE"])), max_size=30).map(
    lambda items: [Span(f"s{i}", a, b, label) for i, ((a, b), label) in enumerate(items)])


@given(span_lists, ranges)
def test_overlapping_and_runs_match_brute_force(spans: list[Span], window: tuple[int, int]) -> None:
    index = SpanIndex(spans[:-1])
    if spans:
        index.add(spans[-1])
        index.remove(spans[0].id)
        spans = spans[1:]
    lo, hi = window
    expected = sorted((s for s in spans if s.start < hi and s.end > lo), key=lambda s: (s.start, -s.end, s.id))
    assert index.overlapping(lo, hi) == expected
    for a, b, cover in index.runs(lo, hi):
        assert lo <= a < b <= hi
        assert set(cover) == {s for s in spans if s.start <= a and s.end >= b}
        assert [c.end - c.start for c in cover] == sorted((c.end - c.start for c in cover), reverse=True)
    covered = {p for s in spans for p in range(max(lo, s.start), min(hi, s.end))}
    assert covered == {p for a, b, _ in index.runs(lo, hi) for p in range(a, b)}


@given(span_lists)
def test_walking_visits_every_span_in_reading_order(spans: list[Span]) -> None:
    index = SpanIndex(spans)
    seen, current = [], index.next_span(None, 0)
    while current is not None:
        seen.append(current)
        current = index.next_span(current, 0)
    assert seen == sorted(spans, key=lambda s: (s.start, -s.end, s.id))
    back, current = [], index.previous_span(None, 10**6)
    while current is not None:
        back.append(current)
        current = index.previous_span(current, 0)
    assert back == seen[::-1]


def _partial(spans: list[Span], first: int, reads: list[tuple[int, int | None]], done: list[bool]) -> SpanIndex:
    """An index holding the spans that start before *first*, reading the others from *spans*."""
    def loader(lo: int, hi: int | None) -> list[Span]:
        reads.append((lo, hi))
        return sorted((s for s in spans if lo <= s.start and (hi is None or s.start < hi)),
                      key=lambda s: (s.start, -s.end, s.id))

    return SpanIndex(loader(0, first), loader=loader, loaded_before=first, text_length=90,
                     on_complete=lambda: done.append(True))


@given(span_lists, ranges, st.integers(0, 100))
def test_a_partly_read_index_answers_as_the_whole_one(spans: list[Span], window: tuple[int, int], first: int) -> None:
    whole, reads, done = SpanIndex(spans), [], []
    index = _partial(spans, first, reads, done)
    assert index.loaded() == [s for s in whole.loaded() if s.start < first]  # the first screen's, nothing more
    assert index.complete == (first >= 90) and not done
    lo, hi = window
    assert index.overlapping(lo, hi) == whole.overlapping(lo, hi)  # spans starting before lo found too
    assert index.runs(lo, hi) == whole.runs(lo, hi)
    assert index.next_span(None, lo) == whole.next_span(None, lo)  # Tab reads the rest
    assert index.complete and list(index) == list(whole) and len(index) == len(whole)
    assert done == ([] if first >= 90 else [True])
    assert reads[-1][1] is None or first >= 90
    assert all(hi_ == lo_ for (_, hi_), (lo_, _) in itertools.pairwise(reads))  # reads follow on: each span read once


def test_a_change_to_a_partly_read_index_reads_every_span_first() -> None:
    spans = [Span(f"s{i}", i * 10, i * 10 + 5, "CLAIM") for i in range(10)]
    for change in (lambda ix: ix.add(Span("new", 2, 4, "DATE")), lambda ix: ix.remove("s9"),
                   lambda ix: ix.get("s8"), lambda ix: "s8" in ix):
        done: list[bool] = []
        index = _partial(spans, 30, [], done)
        assert [s.id for s in index.loaded()] == ["s0", "s1", "s2"]
        assert index.get_loaded("s8") is None and index.get_loaded("s2") == spans[2] and not index.complete
        change(index)
        assert index.complete and done == [True]
        assert index.get("s8") == spans[8]


def test_edges_move_by_whole_words_and_graphemes_in_logical_order() -> None:
    text = "قال الوزيرُ إن 🇮🇶 العلم رُفع."
    start, end = text.index("إن"), text.index("العلم") + len("العلم")
    assert moved_edge(text, start, end, "start", "word", -1) == text.index("الوزيرُ")
    assert moved_edge(text, start, end, "end", "word", 1) == text.index("رُفع") + len("رُفع")
    assert moved_edge(text, start, end, "end", "word", -1) == text.index("🇮🇶") + 2
    flag = text.index("🇮🇶")
    assert moved_edge(text, flag, end, "start", "grapheme", 1) == flag + 2  # never between the two indicators
    harakah = text.index("رُفع")
    assert moved_edge(text, harakah, harakah + 4, "start", "grapheme", 1) == harakah + 2  # letter with its damma
