"""The relations panel: the relations of the active pane's document.

One row per relation: type, head text, tail text (plain strings). Choosing a row
selects its head span in the pane, where the relation's arc is drawn in bold;
Delete (or the button) removes it through the controller, undoably.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from annotator.core.values import Relation
from annotator.gui.annotation.controller import OpenDocument
from annotator.gui.common import plain
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, translate
from annotator.gui.common.tables import ID_ROLE, SORT_ROLE, RowTableModel, filter_proxy, list_view, set_widths

PREVIEW = 80
_Index = QModelIndex | QPersistentModelIndex


def preview(text: str, limit: int = PREVIEW) -> str:
    body = " ".join(text.split())
    return body if len(body) <= limit else body[:limit] + "…"


class RelationListModel(RowTableModel):
    """Relations of one document: type, head, tail."""

    HEADERS = (QT_TRANSLATE_NOOP("RelationListModel", "Type"), QT_TRANSLATE_NOOP("RelationListModel", "Head"),
               QT_TRANSLATE_NOOP("RelationListModel", "Tail"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state: OpenDocument | None = None
        self.rows: list[Relation] = []
        self.colours: dict[str, str] = {}

    def set_relations(self, state: OpenDocument | None, relations: list[Relation], colours: dict[str, str]) -> None:
        self.beginResetModel()
        self.state = state
        self.rows = list(relations) if state is not None else []
        self.colours = colours
        self.endResetModel()

    def column_titles(self) -> Sequence[str]:
        return [translate("RelationListModel", title) for title in self.HEADERS]

    def row_of(self, relation_id: str) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == relation_id), -1)

    def end_text(self, span_id: str) -> str:
        span = self.state.spans.get(span_id) if self.state is not None else None
        return preview(span.text_in(self.state.text)) if span is not None and self.state is not None \
            else translate("RelationListModel", "(missing)")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        rel = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (rel.type, self.end_text(rel.head), self.end_text(rel.tail))[col]
        if role == SORT_ROLE:
            if col == 0:
                return rel.type
            span = self.state.spans.get(rel.head if col == 1 else rel.tail) if self.state else None
            return span.start if span is not None else -1
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return QColor(self.colours.get(rel.type, "#888888"))
        if role == Qt.ItemDataRole.ToolTipRole:
            tail = translate("RelationListModel", "→ {tail}").format(tail=plain.isolate(self.end_text(rel.tail)))
            return plain.tooltip(f"{rel.type}\n{plain.isolate(self.end_text(rel.head))}\n{tail}")
        if role == ID_ROLE:
            return rel.id
        return None


class RelationsDock(QDockWidget):
    """Lists the active document's relations; choose one to see it, Delete to remove it."""

    relationChosen = Signal(str, str)  # document id, relation id
    deleteRequested = Signal(str, str)  # document id, relation id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("RelationsDock", "Relations"), parent)
        self.setObjectName("relationDock")
        self.model = RelationListModel(self)
        self.proxy = filter_proxy(self.model, -1, self)
        body = QWidget(self)
        self.view = list_view(body, "relationList")
        self.view.setModel(self.proxy)
        set_widths(self.view, (80, 170))
        self.view.installEventFilter(self)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(self._current_changed)
        self.delete_button = QPushButton(translate("RelationsDock", "Delete relation"), body)
        self.delete_button.setObjectName("deleteRelation")
        self.delete_button.setToolTip(plain.tooltip(translate(
            "RelationsDock", "Delete the chosen relation (Delete in the list); {undo} brings it back").format(
                undo=QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText))))
        self.delete_button.clicked.connect(self.request_delete)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.delete_button)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.view)
        layout.addLayout(row)
        self.setWidget(body)
        self._quiet = False

    @property
    def document_id(self) -> str | None:
        return self.model.state.document.id if self.model.state is not None else None

    def show_relations(self, state: OpenDocument | None, relations: list[Relation], colours: dict[str, str]) -> None:
        current = self.current_relation()
        self._quiet = True
        try:
            self.model.set_relations(state, relations, colours)
            if current is not None:
                self.select_relation(current)
        finally:
            self._quiet = False

    def current_relation(self) -> str | None:
        index = self.view.selectionModel().currentIndex()
        return index.data(ID_ROLE) if index.isValid() and self.view.selectionModel().hasSelection() else None

    def select_relation(self, relation_id: str) -> None:
        row = self.model.row_of(relation_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def request_delete(self) -> None:
        rel = self.current_relation()
        if rel is not None and self.document_id:
            self.deleteRequested.emit(self.document_id, rel)

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if not self._quiet and index.isValid() and self.document_id:
            self.relationChosen.emit(self.document_id, index.data(ID_ROLE))

    def eventFilter(self, obj, e: QEvent) -> bool:  # type: ignore[no-untyped-def]
        """Delete in the list deletes the relation, not the span selected in the pane."""
        if obj is self.view and isinstance(e, QKeyEvent) and e.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if e.type() == QEvent.Type.ShortcutOverride:
                e.accept()
                return True
            if e.type() == QEvent.Type.KeyPress:
                self.request_delete()
                return True
        return super().eventFilter(obj, e)
