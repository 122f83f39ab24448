"""The document list's and the span list's item models (their rows, sorted in reading order).

They return plain strings only (item views never interpret them as markup) and
take narrow updates: one document row, one span row inserted, changed or removed,
found by binary search on the reading-order key.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from annotator.core.values import DocumentSummary, SetStatus, Span
from annotator.gui.common.plain import tooltip
from annotator.gui.common.tables import ASSIGNED_ROLE, DOC_ROLE, ID_ROLE, SORT_ROLE, RowTableModel, TableIndex


def source_name(path: str | None) -> str:
    """The file name of a document's source (the list shows it; the full path is in the tool tip)."""
    if not path:
        return ""
    return path.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or path


def status_text(status: SetStatus) -> str:
    return status.value.replace("_", " ")


def duration_text(seconds: int) -> str:
    """Time spent as the document list shows it: "—", "45 s", "12 min", "2 h 05"."""
    if seconds <= 0:
        return "—"
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d}"


class DocumentListModel(RowTableModel):
    """Title, source, status, span count and time spent (the annotator's own) of every document."""

    HEADERS = ("Title", "Source", "Status", "Spans", "Time")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[DocumentSummary] = []
        #: document id -> the annotator's seconds on it (set by the team part of the window)
        self.time_spent: dict[str, int] = {}
        #: the documents assigned to the annotator (set by the team part of the window)
        self.assigned: frozenset[str] = frozenset()

    def set_assigned(self, doc_ids: frozenset[str]) -> None:
        self.beginResetModel()
        self.assigned = frozenset(doc_ids)
        self.endResetModel()

    def set_time_spent(self, doc_id: str, seconds: int) -> None:
        self.time_spent[doc_id] = seconds
        i = self.row_of(doc_id)
        if i >= 0:
            self.dataChanged.emit(self.index(i, 4), self.index(i, 4))

    def set_documents(self, docs: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self.rows = list(docs)
        self.endResetModel()

    def row_of(self, doc_id: str) -> int:
        for i, d in enumerate(self.rows):
            if d.id == doc_id:
                return i
        return -1

    def summary(self, doc_id: str) -> DocumentSummary | None:
        i = self.row_of(doc_id)
        return self.rows[i] if i >= 0 else None

    def update(self, doc_id: str, **changes: Any) -> None:
        """Change one document's row (status, span_count) and repaint only it."""
        i = self.row_of(doc_id)
        if i < 0:
            return
        self.rows[i] = replace(self.rows[i], **changes)
        self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.HEADERS) - 1))

    def data(self, index: TableIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == 0:
                return d.title or d.id
            if col == 1:
                return source_name(d.source_path)
            if col == 2:
                return status_text(d.status)
            if col == 4:
                seconds = self.time_spent.get(d.id, 0)
                return seconds if role == SORT_ROLE else duration_text(seconds)
            return d.span_count if role == SORT_ROLE else str(d.span_count)
        if role == ID_ROLE:
            return d.id
        if role == ASSIGNED_ROLE:
            return "mine" if d.id in self.assigned else "other"
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            return tooltip(f"{d.title or d.id}\n{d.id}")
        if role == Qt.ItemDataRole.ToolTipRole and col == 1 and d.source_path:
            return tooltip(d.source_path)
        return None


class SpanListModel(RowTableModel):
    """Every span of the open documents: label, text, document, position."""

    HEADERS = ("Label", "Text", "Document", "Position")
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
            return f"{span.start}–{span.end}"
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
