"""Reading and diffing a document's versions off the GUI thread.

:func:`load` is pure Python (no Qt): the adjudication state from the service and
one :class:`SpanIndex` per version. :class:`LoadTask` runs it on the global
QThreadPool and hands the result back through a signal of a relay object that
lives in the GUI thread (a queued connection): no Qt object crosses threads.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, QRunnable, Signal

from annotator.core.adjudication import gc_paused
from annotator.core.values import Span
from annotator.gui.annotation.spanindex import SpanIndex
from annotator.services.adjudication import AdjudicationState, adjudication_state
from annotator.services.notes import GOLD_NOTES, span_notes
from annotator.services.project import Project


@dataclass
class Loaded:
    state: AdjudicationState
    versions: dict[str, SpanIndex]
    gold: SpanIndex
    seconds: float
    #: (annotator or "gold", span id) -> (comment, unsure): the spans that carry a note
    notes: dict[tuple[str, str], tuple[str, bool]] = field(default_factory=dict)


#: Code points whose spans each pane holds from the start; the rest are read from
#: the version's columns when a paragraph further on is painted (see SpanIndex).
FIRST_SCREEN = 20_000


def lazy_index(spans: Sequence[Span], text_length: int) -> SpanIndex:
    """A span index over a version's spans (in order of start, as the service returns
    them) that makes Span objects only for the part of the text shown so far."""
    starts = getattr(spans, "starts", None)
    if starts is None:
        spans = sorted(spans, key=lambda s: s.start)
        starts = [s.start for s in spans]

    def loader(lo: int, hi: int | None) -> list[Span]:
        a = bisect_left(starts, lo)
        b = len(starts) if hi is None else bisect_left(starts, hi)
        return [spans[i] for i in range(a, b)]

    return SpanIndex(loader(0, FIRST_SCREEN), loader=loader, loaded_before=FIRST_SCREEN, text_length=text_length)


def load(project: Project, doc_id: str, viewer: str, annotators: Sequence[str] | None = None) -> Loaded:
    began = time.perf_counter()
    # one pause for reading, comparing and indexing; what they build stays while the view is open (see
    # gc_paused: the view unfreezes it when it closes)
    with gc_paused(keep=True):
        state = adjudication_state(project, doc_id, viewer, annotators)
        n = len(state.document.text)
        versions = {name: lazy_index(state.versions[name].spans, n) for name in state.annotators}
        gold = lazy_index(state.gold.spans, n)
        notes = span_notes(project, doc_id)
        add_notes(notes, versions, gold)
    return Loaded(state, versions, gold, time.perf_counter() - began, notes)


def add_notes(notes: dict[tuple[str, str], tuple[str, bool]], versions: dict[str, SpanIndex],
              gold: SpanIndex) -> None:
    """Give the spans that carry a note their note in the panes' indexes (the diff reads spans
    as columns, without notes). Only a document with notes pays for it (its indexes read whole)."""
    for (owner, uid), (comment, unsure) in notes.items():
        index = gold if owner == GOLD_NOTES else versions.get(owner)
        span = index.get(uid) if index is not None else None
        if index is not None and span is not None:
            index.add(replace(span, comment=comment, unsure=unsure))


class LoadRelay(QObject):
    finished = Signal(object)  # Loaded
    failed = Signal(str)


class LoadTask(QRunnable):
    """Runs :func:`load` in a worker thread; the relay reports in the GUI thread."""

    def __init__(self, relay: LoadRelay, project: Project, doc_id: str, viewer: str,
                 annotators: Sequence[str] | None) -> None:
        super().__init__()
        self.relay = relay
        self.args = (project, doc_id, viewer, annotators)
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = load(*self.args)
        except Exception as exc:  # noqa: BLE001 (a worker thread) reported to the window, which says it in plain words
            self.relay.failed.emit(str(exc))
            return
        self.relay.finished.emit(result)
