"""The disagreement table: a thin Qt model over the diff's list, with lazy rows.

A long document has tens of thousands of disagreements; the table asks only for
the rows it shows, so each row's texts (kind, position, text, each annotator's
labels, what gold says) are computed when first displayed and cached. Everything
is plain text (item views never interpret it as markup).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from annotator.gui import plain
from annotator.gui.models import RowTableModel
from annotator.core.adjudication import Disagreement, Kind

_Index = QModelIndex | QPersistentModelIndex
TEXT_LIMIT = 60
CACHE_LIMIT = 4096


def version_text(d: Disagreement, name: str, text: str = "") -> str:
    """One annotator's version of a disagreement, in a few words ("—": made nothing). A relation
    shows its other end's words when *text* is given (else its offsets)."""
    if d.kind is Kind.RELATION:
        items = d.relations.get(name, ())
        if text:
            return ", ".join(f"{r.type} → {plain.isolate(excerpt(text, *r.tail, limit=30))}" for r in items) or "—"
        return ", ".join(f"{r.type} [{r.head[0]},{r.head[1]})→[{r.tail[0]},{r.tail[1]})" for r in items) or "—"
    if d.kind is Kind.LINK:
        items_l = d.links.get(name, ())
        return ", ".join(f"{lk.type} → {lk.target[0]}" for lk in items_l) or "—"
    spans = d.spans.get(name, ())
    if not spans:
        return "—"
    show_range = Kind.BOUNDARY in d.kinds or len(spans) > 1
    parts = []
    for s in spans:
        part = s.label + (f" [{s.start},{s.end})" if show_range else "")
        if d.attributes:
            part += " " + ", ".join(f"{a}={s.attrs.get(a, '—')}" for a in d.attributes)
        parts.append(part)
    return "; ".join(parts)


def excerpt(text: str, start: int, end: int, limit: int = TEXT_LIMIT) -> str:
    body = " ".join(text[start:min(end, start + limit * 2)].split())
    return body if len(body) <= limit else body[:limit] + "…"


class DisagreementModel(RowTableModel):
    """#, kind, position, text, one column per annotator, and what gold says now."""

    FIXED = ("#", "Kind", "Position", "Text")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.disagreements: Sequence[Disagreement] = ()
        self.annotators: tuple[str, ...] = ()
        self.text = ""
        self.gold_of: Callable[[Disagreement], str] = lambda _d: ""
        self._rows: dict[int, list[str]] = {}
        self.gold_column = True  # False: the versions compared already include gold

    def set_diff(self, disagreements: Sequence[Disagreement], annotators: Sequence[str], text: str,
                 gold_of: Callable[[Disagreement], str]) -> None:
        self.beginResetModel()
        self.disagreements = disagreements
        self.annotators = tuple(annotators)
        self.text = text
        self.gold_of = gold_of
        self._rows.clear()
        self.endResetModel()

    @property
    def headers(self) -> tuple[str, ...]:
        return (*self.FIXED, *self.annotators, *(("Gold",) if self.gold_column else ()))

    def row_texts(self, row: int) -> list[str]:
        """The texts of one row (computed when first asked, then kept)."""
        cached = self._rows.get(row)
        if cached is None:
            if len(self._rows) >= CACHE_LIMIT:
                self._rows.clear()
            d = self.disagreements[row]
            kinds = [k.value for k in Kind if k in d.kinds]
            cached = [str(row + 1), ", ".join(kinds), f"{d.start}–{d.end}", excerpt(self.text, d.start, d.end),
                      *(version_text(d, n, self.text) for n in self.annotators),
                      *([""] if self.gold_column else [])]
            self._rows[row] = cached
        if self.gold_column:
            cached[-1] = self.gold_of(self.disagreements[row])
        return cached

    def gold_changed(self) -> None:
        """Gold changed: the Gold column of the visible rows is asked again."""
        if self.disagreements and self.gold_column:
            col = len(self.headers) - 1
            self.dataChanged.emit(self.index(0, col), self.index(len(self.disagreements) - 1, col))

    def table_rows(self) -> Sequence[Any]:
        return self.disagreements

    def column_titles(self) -> Sequence[str]:
        return self.headers

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self.row_texts(index.row())[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                from annotator.gui.plain import tooltip

                return tooltip(value) if value else None
            return value
        return None
