"""The tables every list and dock shows: a thin model over a list of rows, and its view.

Models return plain strings only (item views never interpret them as markup). The roles
below are shared so that a filter proxy sorts and finds rows the same way in every list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from annotator.gui.common.i18n import translate

SORT_ROLE = Qt.ItemDataRole.UserRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1
DOC_ROLE = Qt.ItemDataRole.UserRole + 2
TableIndex = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    """A table over a list of rows with a tuple of column titles; subclasses give ``data``.

    By default the rows are ``self.rows`` and the titles ``HEADERS``; a model that keeps
    them elsewhere overrides ``table_rows`` / ``column_titles``.

    The titles are English where they are written, marked for translation in the context of
    the class that defines ``HEADERS`` (``QT_TRANSLATE_NOOP("SpanListModel", "Label")``), and
    shown translated by :meth:`headerData` (a title translated already stays as it is).
    """

    HEADERS: tuple[str, ...] = ()
    rows: list[Any]

    def table_rows(self) -> Sequence[Any]:
        return self.rows

    def column_titles(self) -> Sequence[str]:
        return self.HEADERS

    def rowCount(self, parent: TableIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.table_rows())

    def columnCount(self, parent: TableIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.column_titles())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return translate(self.titles_context(), self.column_titles()[section])
        return None

    def titles_context(self) -> str:
        """The translation context of the column titles: the class that defines ``HEADERS``
        (or ``column_titles``), nearest first; this class's name when none does."""
        for cls in type(self).__mro__:
            if cls is RowTableModel:
                break
            if "HEADERS" in vars(cls) or "column_titles" in vars(cls):
                return cls.__name__
        return type(self).__name__


def filter_proxy(source: QAbstractItemModel, column: int, parent: QWidget) -> QSortFilterProxyModel:
    """A case-insensitive filter on *column* (-1: every column) that sorts by ``SORT_ROLE``."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(source)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setFilterKeyColumn(column)
    proxy.setSortRole(SORT_ROLE)
    return proxy


def list_view(parent: QWidget, name: str) -> QTableView:
    """A flat list view. A table, not a tree: QTreeView re-lays out every row after
    each insertion, which costs tens of milliseconds with 20,000 spans."""
    view = QTableView(parent)
    view.setObjectName(name)
    view.verticalHeader().hide()
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 6)
    view.horizontalHeader().setStretchLastSection(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view


def set_widths(view: QTableView, widths: tuple[int, ...]) -> None:
    """Fixed starting widths (measuring contents would read every row)."""
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width)
