"""The document list's exact count is read in a worker thread: the window never waits for
it (a count of 1,000,000 documents on PostgreSQL takes about 0.4 s), and a count that
belongs to an older filter is dropped."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QApplication

from annotator.core.values import DocumentListItem, DocumentQuery, SetStatus
from annotator.gui.docks.list_models import DocumentListModel


class SlowSource:
    """Ids d0..d{n-1}; a filter keeps the ids that contain it. ``document_count`` waits for
    ``release`` and notes the thread it ran in."""

    def __init__(self, n: int) -> None:
        self.ids = [f"d{i}" for i in range(n)]
        self.release = threading.Event()
        self.count_threads: list[threading.Thread] = []

    def _match(self, query: DocumentQuery) -> list[str]:
        return [i for i in self.ids if query.text in i]

    def document_count(self, query: DocumentQuery) -> int:
        self.count_threads.append(threading.current_thread())
        assert self.release.wait(10)
        return len(self._match(query))

    def document_page(self, query: DocumentQuery, offset: int, limit: int) -> list[DocumentListItem]:
        return [DocumentListItem(i, i, None, SetStatus.NEW, 0, 0) for i in self._match(query)[offset:offset + limit]]

    def list_items(self, annotator: str | None, doc_ids: list[str]) -> list[DocumentListItem]:
        return [DocumentListItem(i, i, None, SetStatus.NEW, 0, 0) for i in doc_ids]

    def document_ids(self, query: DocumentQuery) -> list[str]:
        return self._match(query)


def test_the_count_is_read_off_the_gui_thread_and_an_older_filters_is_dropped(qtbot) -> None:  # type: ignore[no-untyped-def]
    source = SlowSource(3000)
    model = DocumentListModel(source, "alice")
    known: list[int] = []
    model.countKnown.connect(known.append)
    model.refresh()
    assert (model.rowCount(), model.exact) == (model.PAGE, False)  # the first page at once, "200+"
    qtbot.waitUntil(lambda: len(source.count_threads) == 1)  # typing paused: the count has started...
    for _ in range(20):
        QApplication.processEvents()  # ...and the window goes on while it waits
    assert source.count_threads[0] is not threading.main_thread()
    assert (model.rowCount(), known) == (model.PAGE, [])
    model.set_query(text="d2")  # a new filter while the first count is still running
    assert (model.rowCount(), model.exact) == (model.PAGE, False)
    source.release.set()
    qtbot.waitUntil(lambda: model.exact)
    qtbot.waitUntil(lambda: len(source.count_threads) == 2)
    for _ in range(20):
        QApplication.processEvents()  # the first count's answer (3,000) has arrived by now, and is dropped
    assert known == [1111]  # d2, d20-d29, d200-d299, d2000-d2999
    assert model.rowCount() == 1111
