"""Reading and diffing a document's versions off the GUI thread.

:func:`load` is pure Python (no Qt): the adjudication state from the service and
one :class:`SpanIndex` per version. :class:`LoadTask` runs it on the global
QThreadPool and hands the result back through a signal of a relay object that
lives in the GUI thread (a queued connection): no Qt object crosses threads.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QRunnable, Signal

from annotator.gui.spanindex import SpanIndex
from annotator.services.adjudication import AdjudicationState, adjudication_state
from annotator.services.project import Project


@dataclass
class Loaded:
    state: AdjudicationState
    versions: dict[str, SpanIndex]
    gold: SpanIndex
    seconds: float


def load(project: Project, doc_id: str, viewer: str, annotators: Sequence[str] | None = None) -> Loaded:
    began = time.perf_counter()
    state = adjudication_state(project, doc_id, viewer, annotators)
    versions = {name: SpanIndex(state.versions[name].spans) for name in state.annotators}
    gold = SpanIndex(state.gold.spans)
    return Loaded(state, versions, gold, time.perf_counter() - began)


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
        except Exception as exc:  # reported to the window, which says it in plain words
            self.relay.failed.emit(str(exc))
            return
        self.relay.finished.emit(result)
