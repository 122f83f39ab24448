"""The links panel: every cross-document link of the open documents.

One row per link: its number (the badge on both ends), type, and both ends with
their document titles (plain strings). Activating a cell of one end (double
click, Enter) shows that end in a pane, keeping the other end's pane; the
buttons do the same for the chosen row. Delete removes the link, undoably.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from annotator.core.values import Link
from annotator.gui.common import plain
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, translate
from annotator.gui.common.tables import ID_ROLE, SORT_ROLE, RowTableModel, filter_proxy, list_view, set_widths
from annotator.gui.docks.relations_dock import preview

_Index = QModelIndex | QPersistentModelIndex
SOURCE_COLUMNS = (0, 1, 2, 3)


class LinkListModel(RowTableModel):
    """Links: number, type, document and span of each end."""

    HEADERS = ("#", QT_TRANSLATE_NOOP("LinkListModel", "Type"), QT_TRANSLATE_NOOP("LinkListModel", "Document"),
               QT_TRANSLATE_NOOP("LinkListModel", "Span"), QT_TRANSLATE_NOOP("LinkListModel", "Linked document"),
               QT_TRANSLATE_NOOP("LinkListModel", "Linked span"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Link] = []
        self.numbers: dict[str, int] = {}
        self.colours: dict[str, str] = {}
        self.title: Callable[[str], str] = lambda d: d
        self.text_of: Callable[[str, str], str] = lambda _d, _s: ""
        self._cache: dict[tuple[str, str], str] = {}

    def set_links(self, links: list[Link], numbers: dict[str, int], colours: dict[str, str],
                  title: Callable[[str], str], text_of: Callable[[str, str], str]) -> None:
        self.beginResetModel()
        self.rows, self.numbers, self.colours = list(links), numbers, colours
        self.title, self.text_of = title, text_of
        self._cache = {}
        self.endResetModel()

    def column_titles(self) -> Sequence[str]:
        return [translate("LinkListModel", title) for title in self.HEADERS]

    def row_of(self, link_id: str) -> int:
        return next((i for i, lk in enumerate(self.rows) if lk.id == link_id), -1)

    def _text(self, doc_id: str, span_id: str) -> str:
        key = (doc_id, span_id)
        if key not in self._cache:
            self._cache[key] = preview(self.text_of(doc_id, span_id), 60)
        return self._cache[key]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        link = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == 0:
                n = self.numbers.get(link.id, 0)
                return n if role == SORT_ROLE else integer(n)
            return (link.type, self.title(link.source_doc), self._text(link.source_doc, link.source_span),
                    self.title(link.target_doc), self._text(link.target_doc, link.target_span))[col - 1]
        if role == Qt.ItemDataRole.DecorationRole and col in (0, 1):
            return QColor(self.colours.get(link.type, "#888888"))
        if role == Qt.ItemDataRole.ToolTipRole:
            source = f"{self.title(link.source_doc)}: {self._text(link.source_doc, link.source_span)}"
            target = f"{self.title(link.target_doc)}: {self._text(link.target_doc, link.target_span)}"
            return plain.tooltip(f"{link.type}\n{source}\n↔ {target}")
        if role == ID_ROLE:
            return link.id
        return None


class LinksDock(QDockWidget):
    """Lists the open documents' links; jump to either end; Delete removes one."""

    endChosen = Signal(str, str, str)  # document id, span id, the other end's document id
    deleteRequested = Signal(str)  # link id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("LinksDock", "Links"), parent)
        self.setObjectName("linkDock")
        self.model = LinkListModel(self)
        self.proxy = filter_proxy(self.model, -1, self)
        body = QWidget(self)
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setObjectName("linkFilter")
        self.filter_edit.setPlaceholderText(translate("LinksDock", "Filter links"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = list_view(body, "linkList")
        self.view.setModel(self.proxy)
        set_widths(self.view, (32, 90, 110, 150, 110))
        self.view.installEventFilter(self)
        self.view.activated.connect(self._activated)
        self.source_button = QPushButton(translate("LinksDock", "Go to span"), body)
        self.source_button.setObjectName("linkGoSource")
        self.source_button.clicked.connect(lambda: self.go(True))
        self.target_button = QPushButton(translate("LinksDock", "Go to linked span"), body)
        self.target_button.setObjectName("linkGoTarget")
        self.target_button.clicked.connect(lambda: self.go(False))
        row = QHBoxLayout()
        row.addWidget(self.source_button)
        row.addWidget(self.target_button)
        row.addStretch(1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        layout.addLayout(row)
        self.setWidget(body)

    def show_links(self, links: list[Link], numbers: dict[str, int], colours: dict[str, str],
                   title: Callable[[str], str], text_of: Callable[[str, str], str]) -> None:
        """Show *links*, keeping the chosen row chosen."""
        current = self.current_link()
        self.model.set_links(links, numbers, colours, title, text_of)
        row = self.model.row_of(current.id) if current is not None else -1
        if row >= 0:
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            self.view.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def current_link(self) -> Link | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        row = self.model.row_of(index.data(ID_ROLE))
        return self.model.rows[row] if row >= 0 else None

    def go(self, source: bool) -> None:
        link = self.current_link()
        if link is None:
            return
        if source:
            self.endChosen.emit(link.source_doc, link.source_span, link.target_doc)
        else:
            self.endChosen.emit(link.target_doc, link.target_span, link.source_doc)

    def _activated(self, index: QModelIndex) -> None:
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.go(index.column() in SOURCE_COLUMNS)

    def eventFilter(self, obj, e: QEvent) -> bool:  # type: ignore[no-untyped-def]
        """Delete in the list deletes the link, not the span selected in the pane."""
        if obj is self.view and isinstance(e, QKeyEvent) and e.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if e.type() == QEvent.Type.ShortcutOverride:
                e.accept()
                return True
            if e.type() == QEvent.Type.KeyPress:
                link = self.current_link()
                if link is not None:
                    self.deleteRequested.emit(link.id)
                return True
        return super().eventFilter(obj, e)
