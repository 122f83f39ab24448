"""The two docks: the document list and the span list, each with its filters."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.values import SetStatus, Span
from annotator.gui.common import plain
from annotator.gui.common.elide import ElidingDelegate
from annotator.gui.common.i18n import translate
from annotator.gui.common.tables import DOC_ROLE, ID_ROLE, filter_proxy, list_view, set_widths
from annotator.gui.docks.list_models import DocumentListModel, DocumentSource, SpanListModel, status_text


class DocumentDock(QDockWidget):
    """Lists the documents; filter by text, status and scope, sort by a column; activating
    one opens it. The database filters and sorts (see :class:`DocumentListModel`)."""

    documentActivated = Signal(str)

    def __init__(self, source: DocumentSource, annotator: str | None, parent: QWidget | None = None) -> None:
        super().__init__(translate("DocumentDock", "Documents"), parent)
        self.setObjectName("documentDock")
        self.model = DocumentListModel(source, annotator, self)
        body = QWidget(self)
        self.scope = QComboBox(body)
        self.scope.setObjectName("documentScope")
        self.scope.setAccessibleName(translate("DocumentDock", "Which documents"))
        self.scope.addItem(translate("DocumentDock", "All documents"), "")
        self.scope.addItem(translate("DocumentDock", "Assigned to me"), "mine")
        self.scope.setToolTip(plain.tooltip(translate("DocumentDock", "Assigned to me: only the documents a manager "
                                                                      "assigned to you (your queue and the ones you "
                                                                      "finished)")))
        self.scope.currentIndexChanged.connect(self._scope_filter)
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setObjectName("documentFilter")
        self.filter_edit.setPlaceholderText(translate("DocumentDock", "Filter documents"))
        self.filter_edit.setToolTip(plain.tooltip(translate("DocumentDock", "Part of a title, id or file name "
                                                                        "(harakat, tatweel and the forms of alef "
                                                                        "do not matter)")))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(lambda text: self.model.set_query(text=text))
        self.status_filter = QComboBox(body)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.addItem(translate("DocumentDock", "All"), "")
        for st in SetStatus:
            self.status_filter.addItem(status_text(st).capitalize(), st.value)
        self.status_filter.currentIndexChanged.connect(self._status_filter)
        self.view = list_view(body, "documentList")
        self.view.setModel(self.model)
        # every cell elided at its own end and laid out in its own direction (an Arabic title keeps its
        # first words; a source such as "01-alrased.txt" reads left to right in a mirrored interface)
        self.title_delegate = ElidingDelegate(self.view)
        self.view.setItemDelegate(self.title_delegate)
        set_widths(self.view, (170, 90, 80))
        self.view.activated.connect(self._activated)
        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.status_filter)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.scope)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self.setWidget(body)
        self.scope.hide()  # shown once the annotator has assignments (set_assigned)

    def set_assigned(self, doc_ids: frozenset[str], only_mine: bool) -> None:
        """The annotator's assigned documents; *only_mine* lists just those (an annotator's default)."""
        self.model.set_assigned(doc_ids)
        self.scope.setVisible(bool(doc_ids))
        self.scope.blockSignals(True)
        self.scope.setCurrentIndex(1 if only_mine and doc_ids else 0)
        self.scope.blockSignals(False)
        self._scope_filter()

    def visible_ids(self) -> list[str]:
        """Document ids the list shows now, in its order (reads every row: for tests and small projects)."""
        return self.model.all_ids()

    def _scope_filter(self) -> None:
        self.model.set_query(only_assigned=bool(self.scope.currentData()))

    def _status_filter(self) -> None:
        value = self.status_filter.currentData()
        self.model.set_query(status=SetStatus(value) if value else None)

    def _activated(self, index: QModelIndex) -> None:
        doc_id = index.data(ID_ROLE)
        if doc_id:
            self.documentActivated.emit(doc_id)


class SpanDock(QDockWidget):
    """Lists the spans of the open documents; sortable and filterable."""

    spanActivated = Signal(str, str)  # document id, span id

    def __init__(self, labels: list[str], parent: QWidget | None = None) -> None:
        super().__init__(translate("SpanDock", "Spans"), parent)
        self.setObjectName("spanDock")
        self.model = SpanListModel(self)
        #: the Flagged filter: the rows whose Note column starts with "?" (list_models.note_mark)
        self.flag_proxy = filter_proxy(self.model, 4, self)
        self.text_proxy = filter_proxy(self.flag_proxy, -1, self)
        self.proxy = filter_proxy(self.text_proxy, 0, self)
        body = QWidget(self)
        self.filter_edit = QLineEdit(body)
        self.filter_edit.setObjectName("spanFilter")
        self.filter_edit.setPlaceholderText(translate("SpanDock", "Filter spans"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.text_proxy.setFilterFixedString)
        self.label_filter = QComboBox(body)
        self.label_filter.setObjectName("labelFilter")
        self.label_filter.addItem(translate("SpanDock", "All labels"), "")
        for name in labels:
            self.label_filter.addItem(name, name)
        self.label_filter.currentIndexChanged.connect(self._label_filter)
        self.flagged = QCheckBox(translate("SpanDock", "Flagged"), body)
        self.flagged.setObjectName("flaggedFilter")
        self.flagged.setToolTip(plain.tooltip(translate("SpanDock", "Only the spans flagged as unsure ({keys})").format(
            keys=QKeySequence("Ctrl+U").toString(QKeySequence.SequenceFormat.NativeText))))
        self.flagged.toggled.connect(lambda on: self.flag_proxy.setFilterRegularExpression("^\\?" if on else ""))
        self.view = list_view(body, "spanList")
        self.view.setModel(self.proxy)
        # span text and document title elided at their own end; every cell drawn from a kept layout
        # (a tag inserts a row and so repaints every row below it)
        self.text_delegate = ElidingDelegate(self.view)
        self.view.setItemDelegate(self.text_delegate)
        set_widths(self.view, (64, 180, 110, 70, 40))
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(self._current_changed)
        row = QHBoxLayout()
        row.addWidget(self.filter_edit, 1)
        row.addWidget(self.label_filter)
        row.addWidget(self.flagged)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self.setWidget(body)
        self._quiet = False

    def _label_filter(self) -> None:
        value = self.label_filter.currentData() or ""
        self.proxy.setFilterRegularExpression(f"^{value}$" if value else "")

    def _current_changed(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if self._quiet or not index.isValid():
            return
        self.spanActivated.emit(index.data(DOC_ROLE), index.data(ID_ROLE))

    def apply(self, doc_id: str, pairs: list[tuple[Span | None, Span | None]]) -> None:
        """Apply span changes to the rows; moving rows never selects a span in a pane."""
        self._quiet = True
        try:
            self.model.apply(doc_id, pairs)
        finally:
            self._quiet = False

    def set_documents(self, docs: list[tuple[str, str, str, list[Span]]]) -> None:
        self._quiet = True
        try:
            self.model.set_documents(docs)
        finally:
            self._quiet = False

    def show_span(self, doc_id: str, span: Span | None) -> None:
        """Select the row of *span* (or nothing) without echoing it back to the panes."""
        self._quiet = True
        try:
            row = -1 if span is None else self.model.row_of(doc_id, span)
            if row < 0:
                self.view.selectionModel().clearSelection()
                return
            index = self.proxy.mapFromSource(self.text_proxy.mapFromSource(
                self.flag_proxy.mapFromSource(self.model.index(row, 0))))
            if index.isValid():
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                self.view.scrollTo(index)
        finally:
            self._quiet = False
