"""The document list's and the span list's item models.

The document list reads its rows from the project a page at a time, filtered and
sorted by the database; the span list holds the spans of the open documents in
reading order. Both return plain strings only (item views never interpret them as
markup) and take narrow updates: one document row, one span row inserted, changed
or removed (found by binary search on the reading-order key).
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

from annotator.core.folding import source_name
from annotator.core.values import DocumentListItem, DocumentQuery, DocumentSort, SetStatus, Span
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, translate
from annotator.gui.common.plain import tooltip
from annotator.gui.common.tables import DOC_ROLE, ID_ROLE, SORT_ROLE, RowTableModel, TableIndex

#: a status as the lists and the panes show it (the stored value stays ``in_progress``)
_STATUS_TEXTS = {SetStatus.NEW: QT_TRANSLATE_NOOP("DocumentListModel", "new"),
                 SetStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("DocumentListModel", "in progress"),
                 SetStatus.DONE: QT_TRANSLATE_NOOP("DocumentListModel", "done")}


def status_text(status: SetStatus) -> str:
    """*status* in the interface's language ("in progress" in English)."""
    return translate("DocumentListModel", _STATUS_TEXTS.get(status, status.value.replace("_", " ")))


def duration_text(seconds: int) -> str:
    """Time spent as the document list shows it: "—", "45 s", "12 min", "2 h 05" (the locale's digits)."""
    if seconds <= 0:
        return "—"
    if seconds < 60:
        return translate("DocumentListModel", "{n} s").format(n=integer(seconds))
    if seconds < 3600:
        return translate("DocumentListModel", "{n} min").format(n=integer(seconds // 60))
    minutes = seconds % 3600 // 60
    return translate("DocumentListModel", "{hours} h {minutes}").format(
        hours=integer(seconds // 3600), minutes=(integer(0) if minutes < 10 else "") + integer(minutes))


class DocumentSource(Protocol):
    """Where the document list reads its rows (the project)."""

    def document_count(self, query: DocumentQuery) -> int: ...

    def document_page(self, query: DocumentQuery, offset: int, limit: int) -> list[DocumentListItem]: ...

    def list_items(self, annotator: str | None, doc_ids: list[str]) -> list[DocumentListItem]: ...

    def document_ids(self, query: DocumentQuery) -> list[str]: ...


class _CountRelay(QObject):
    """Brings a count read in a worker thread back to the model's thread (no parent: it lives
    while the model or a running count holds it, so a count never reports to a deleted object)."""

    counted = Signal(int, int)  # generation, count


class _Count(QRunnable):
    """Counts the documents a query lists, in the thread pool; skipped if the query changed
    before it started (a count of 1,000,000 documents on PostgreSQL takes about 0.4 s)."""

    def __init__(self, relay: _CountRelay, source: DocumentSource, query: DocumentQuery, generation: int,
                 current: Callable[[], int]) -> None:
        super().__init__()
        self.relay, self.source, self.query, self.generation, self.current = relay, source, query, generation, current

    def run(self) -> None:
        if self.current() != self.generation:
            return
        try:
            total = self.source.document_count(self.query)
        except Exception:  # a worker thread: the list keeps its "200+" and the log says why
            logging.getLogger(__name__).warning("counting the document list failed", exc_info=True)
            return
        self.relay.counted.emit(self.generation, total)


#: the list's columns and the order each sorts by
COLUMN_SORTS = (DocumentSort.TITLE, DocumentSort.SOURCE, DocumentSort.STATUS, DocumentSort.SPANS, DocumentSort.TIME)


class DocumentListModel(QAbstractTableModel):
    """Title, source, status, span count and time spent (the annotator's own) of the
    documents a :class:`DocumentQuery` lists, read from the project a page at a time.

    Filtering and sorting are the database's (``set_query``, ``sort``): the model holds the
    count and the pages a view has asked for, so a 100,000-document project costs what is
    on screen. Until a column is clicked the list is in id order.

    A new filter shows its first page at once; when more rows match, the exact count (a
    scan when the filter is one or two letters) is read once typing pauses
    (``COUNT_AFTER`` ms), in a worker thread so the window never waits for it, and the rows
    after the first page then appear (``countKnown``). ``count_now`` counts at once.
    """

    countKnown = Signal(int)

    HEADERS = (QT_TRANSLATE_NOOP("DocumentListModel", "Title"), QT_TRANSLATE_NOOP("DocumentListModel", "Source"),
               QT_TRANSLATE_NOOP("DocumentListModel", "Status"), QT_TRANSLATE_NOOP("DocumentListModel", "Spans"),
               QT_TRANSLATE_NOOP("DocumentListModel", "Time"))
    PAGE = 200
    #: pages kept (a view scrolled through every page reads them again, not the memory)
    KEEP = 50
    #: milliseconds without a new filter before the full count is read
    COUNT_AFTER = 150

    def __init__(self, source: DocumentSource, annotator: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.query = DocumentQuery(annotator)
        self._count = 0
        self._pages: OrderedDict[int, list[DocumentListItem]] = OrderedDict()
        self._rows: dict[str, int] = {}  # document id -> row, for the pages held
        #: the documents assigned to the annotator (set by the team part of the window)
        self.assigned: frozenset[str] = frozenset()
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(0)
        self._stale.timeout.connect(self.refresh)
        #: the count is exact (False while the first page is shown and the rest not counted yet)
        self.exact = True
        self._counting = QTimer(self)
        self._counting.setSingleShot(True)
        self._counting.setInterval(self.COUNT_AFTER)
        self._counting.timeout.connect(self._count_in_background)
        #: which listing a count belongs to (a count for an older filter is dropped)
        self._generation = 0
        self._relay = _CountRelay()
        self._relay.counted.connect(self._counted)

    # -- what is listed ----------------------------------------------------------------
    def refresh(self) -> None:
        """List again from the first page (after an import, a new filter or sort, or a change
        that moves rows); the rows after it are counted when typing pauses."""
        self._stale.stop()
        self._counting.stop()
        self._generation += 1
        self.beginResetModel()
        self._pages.clear()
        self._rows.clear()
        first = self.source.document_page(self.query, 0, self.PAGE + 1)
        self.exact = len(first) <= self.PAGE
        self._count = min(len(first), self.PAGE)
        self._hold(0, first[: self.PAGE])
        self.endResetModel()
        if self.exact:
            self.countKnown.emit(self._count)
        else:
            self._counting.start()

    def count_now(self) -> None:
        """Read the exact count now, in this thread (the timer has it read in the background)."""
        self._counting.stop()
        if self.exact:
            return
        self._show_count(self.source.document_count(self.query))

    def _count_in_background(self) -> None:
        if not self.exact:
            QThreadPool.globalInstance().start(
                _Count(self._relay, self.source, self.query, self._generation, lambda: self._generation))

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation and not self.exact:
            self._show_count(total)

    def _show_count(self, total: int) -> None:
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count = total
            self.endInsertRows()
        self.exact = True
        self.countKnown.emit(self._count)

    def _hold(self, number: int, page: list[DocumentListItem]) -> None:
        self._pages[number] = page
        self._rows.update((it.id, number * self.PAGE + i) for i, it in enumerate(page))
        while len(self._pages) > self.KEEP:
            _number, gone = self._pages.popitem(last=False)
            for it in gone:
                self._rows.pop(it.id, None)

    def set_query(self, **changes: Any) -> None:
        """Filter or sort differently: ``text``, ``status``, ``only_assigned``, ``sort``, ``descending``."""
        query = replace(self.query, **changes)
        if query != self.query:
            self.query = query
            self.refresh()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        by = COLUMN_SORTS[column] if 0 <= column < len(COLUMN_SORTS) else DocumentSort.ID
        self.set_query(sort=by, descending=order == Qt.SortOrder.DescendingOrder)

    def set_assigned(self, doc_ids: frozenset[str]) -> None:
        self.assigned = frozenset(doc_ids)

    # -- rows ----------------------------------------------------------------------------
    def rowCount(self, parent: TableIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: TableIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate("DocumentListModel", self.HEADERS[section])
        return None

    def item(self, row: int) -> DocumentListItem | None:
        """The document at *row* (its page is read when first needed)."""
        if not 0 <= row < self._count:
            return None
        number = row // self.PAGE
        page = self._pages.get(number)
        if page is None:
            page = self.source.document_page(self.query, number * self.PAGE, self.PAGE)
            self._hold(number, page)
        else:
            self._pages.move_to_end(number)
        i = row - number * self.PAGE
        return page[i] if i < len(page) else None

    def pages_held(self) -> int:
        """How many pages of rows the model holds now (what was read for the view)."""
        return len(self._pages)

    def first_ids(self, n: int) -> list[str]:
        """The first *n* documents listed now."""
        return [it.id for it in (self.item(r) for r in range(min(n, self._count))) if it is not None]

    def all_ids(self) -> list[str]:
        """Every document listed now, in order (reads them all: for small projects and tests)."""
        self.count_now()
        return [it.id for it in self.source.document_page(self.query, 0, max(self._count, 1))]

    def row_of(self, doc_id: str) -> int:
        """The row of *doc_id* among the pages read so far, else -1."""
        return self._rows.get(doc_id, -1)

    def summary(self, doc_id: str) -> DocumentListItem | None:
        """The list row of *doc_id* (listed now or not), or None if there is no such document."""
        row = self.row_of(doc_id)
        if row >= 0:
            return self.item(row)
        found = self.source.list_items(self.query.annotator, [doc_id])
        return found[0] if found else None

    def update(self, doc_id: str, **changes: Any) -> None:
        """The annotator's work on one document changed (``status``, ``span_count``,
        ``time_spent``): repaint its row, or list again if the change can move it."""
        moves = (("status" in changes and (self.query.status is not None or self.query.sort is DocumentSort.STATUS))
                 or ("span_count" in changes and self.query.sort is DocumentSort.SPANS)
                 or ("time_spent" in changes and self.query.sort is DocumentSort.TIME))
        row = self.row_of(doc_id)
        if row >= 0:
            number = row // self.PAGE
            page = self._pages[number]
            i = row - number * self.PAGE
            page[i] = replace(page[i], **changes)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        if moves:
            self._stale.start()  # once, after the events of this step

    def set_time_spent(self, doc_id: str, seconds: int) -> None:
        self.update(doc_id, time_spent=seconds)

    def data(self, index: TableIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.item(index.row())
        if d is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return d.title
            if col == 1:
                return source_name(d.source_path)
            if col == 2:
                return status_text(d.status)
            if col == 4:
                return duration_text(d.time_spent)
            return integer(d.span_count)
        if role == ID_ROLE:
            return d.id
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return tooltip(f"{d.title}\n{d.id}")
        if role == Qt.ItemDataRole.ToolTipRole and col == 1 and d.source_path:
            return tooltip(d.source_path)
        return None


class CheckableDocumentListModel(DocumentListModel):
    """The document list as one checkable column of titles, for a dialog that picks documents
    (Team ▸ Assign). Read a page at a time like the dock's; what is checked is kept by id, so
    it stays checked through filtering and scrolling, and "check every listed document" asks
    the database for the ids the filter lists rather than walking rows."""

    checkedChanged = Signal(int)

    def __init__(self, source: DocumentSource, annotator: str | None, checked: Sequence[str] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(source, annotator, parent)
        self._checked: dict[str, None] = dict.fromkeys(checked)  # in the order they were checked

    def checked_ids(self) -> list[str]:
        return list(self._checked)

    def columnCount(self, parent: TableIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 1

    def flags(self, index: TableIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else flags

    def data(self, index: TableIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.UserRole) and index.isValid():
            d = self.item(index.row())
            if d is None:
                return None
            if role == Qt.ItemDataRole.UserRole:
                return d.id
            return Qt.CheckState.Checked if d.id in self._checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index: TableIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        d = self.item(index.row())
        if d is None:
            return False
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._checked[d.id] = None
        else:
            self._checked.pop(d.id, None)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit(len(self._checked))
        return True

    def set_checked(self, doc_id: str, on: bool) -> None:
        if on:
            self._checked[doc_id] = None
        else:
            self._checked.pop(doc_id, None)
        row = self.row_of(doc_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0), [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit(len(self._checked))

    def check_listed(self, on: bool) -> int:
        """Check (or uncheck) every document the filter lists, on screen or not; returns how many."""
        ids = self.source.document_ids(self.query)
        if on:
            self._checked.update(dict.fromkeys(ids))
        else:
            for doc_id in ids:
                self._checked.pop(doc_id, None)
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, 0), [Qt.ItemDataRole.CheckStateRole])
        self.checkedChanged.emit(len(self._checked))
        return len(ids)


class SpanListModel(RowTableModel):
    """Every span of the open documents: label, text, document, position, note ("?" when
    flagged unsure, "✎" when commented; its tool tip the comment, plain)."""

    HEADERS = (QT_TRANSLATE_NOOP("SpanListModel", "Label"), QT_TRANSLATE_NOOP("SpanListModel", "Text"),
               QT_TRANSLATE_NOOP("SpanListModel", "Document"), QT_TRANSLATE_NOOP("SpanListModel", "Position"),
               QT_TRANSLATE_NOOP("SpanListModel", "Note"))
    PREVIEW = 120

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Span]] = []
        self._keys: list[tuple[int, int, int, str]] = []
        self._doc_order: dict[str, int] = {}
        self._titles: dict[str, str] = {}
        self._texts: dict[str, str] = {}

    def _key(self, doc_id: str, span: Span) -> tuple[int, int, int, str]:
        return (self._doc_order[doc_id], span.start, -span.end, span.id)

    def set_documents(self, docs: list[tuple[str, str, str, list[Span]]]) -> None:
        """Replace the rows: (doc id, title, text, spans) per open document, in pane order."""
        self.beginResetModel()
        self._doc_order = {doc_id: i for i, (doc_id, *_rest) in enumerate(docs)}
        self._titles = {doc_id: title for doc_id, title, _t, _s in docs}
        self._texts = {doc_id: text for doc_id, _ti, text, _s in docs}
        rows = [(doc_id, s) for doc_id, _ti, _t, spans in docs for s in spans]
        rows.sort(key=lambda r: self._key(*r))
        self._rows = rows
        self._keys = [self._key(*r) for r in rows]
        self.endResetModel()

    def column_titles(self) -> Sequence[str]:
        return [translate("SpanListModel", title) for title in self.HEADERS]

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._doc_order

    def row_of(self, doc_id: str, span: Span) -> int:
        if doc_id not in self._doc_order:
            return -1
        k = self._key(doc_id, span)
        i = bisect_left(self._keys, k)
        return i if i < len(self._keys) and self._keys[i] == k else -1

    def span_at(self, row: int) -> tuple[str, Span]:
        return self._rows[row]

    def apply(self, doc_id: str, pairs: list[tuple[Span | None, Span | None]]) -> None:
        """Apply (before, after) changes of one document: insert, update or remove rows."""
        if doc_id not in self._doc_order:
            return
        for before, after in pairs:
            if before is not None:
                i = self.row_of(doc_id, before)
                if i >= 0:
                    self.beginRemoveRows(QModelIndex(), i, i)
                    del self._rows[i]
                    del self._keys[i]
                    self.endRemoveRows()
            if after is not None:
                k = self._key(doc_id, after)
                i = bisect_left(self._keys, k)
                self.beginInsertRows(QModelIndex(), i, i)
                self._rows.insert(i, (doc_id, after))
                self._keys.insert(i, k)
                self.endInsertRows()

    def table_rows(self) -> Sequence[Any]:
        return self._rows

    def data(self, index: TableIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        doc_id, span = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return span.label
            if col == 1:
                return self._preview(doc_id, span)
            if col == 2:
                return self._titles.get(doc_id, doc_id)
            if col == 4:
                return note_mark(span)
            return f"{integer(span.start)}–{integer(span.end)}"
        if role == Qt.ItemDataRole.ToolTipRole and col == 4 and span.has_note:
            return tooltip((translate("SpanListModel", "Unsure") + "\n" if span.unsure else "") + span.comment)
        if role == SORT_ROLE:
            if col == 3:
                return span.start
            if col == 2:
                return self._doc_order.get(doc_id, 0)
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        if role == ID_ROLE:
            return span.id
        if role == DOC_ROLE:
            return doc_id
        return None

    def _preview(self, doc_id: str, span: Span) -> str:
        text = self._texts.get(doc_id, "")[span.start : min(span.end, span.start + self.PREVIEW)]
        text = " ".join(text.split())
        return text + ("…" if span.end - span.start > self.PREVIEW else "")


def note_mark(span: Span) -> str:
    """What the span list's Note column shows: "?" for a span flagged unsure, "✎" for one with
    a comment (the Flagged filter keeps the rows that start with "?")."""
    return ("?" if span.unsure else "") + ("✎" if span.comment else "")
