"""Choosing a document for a pane by part of its title, id or file name.

A pane's chooser lists only the documents open and opened lately; every other
document is found here (Ctrl+P, or "Find a document…" at the end of the chooser).
The list is the project's, filtered by the database as the user types (harakat,
tatweel and the forms of alef do not matter: ``core.folding``), so a 100,000-document
project answers as fast as a small one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from annotator.gui.common import plain
from annotator.gui.common.elide import ElidingDelegate
from annotator.gui.common.i18n import integer, plural, translate
from annotator.gui.common.tables import ID_ROLE, list_view, set_widths
from annotator.gui.docks.list_models import DocumentListModel, DocumentSource

#: keys the text field passes on to the list (the text keeps the focus while one moves in the list)
MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


class DocumentFinder(QDialog):
    """Type part of a title, id or file name; Enter (or a double click) opens the chosen document."""

    def __init__(self, source: DocumentSource, annotator: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentFinder")
        self.setWindowTitle(translate("DocumentFinder", "Find a document"))
        self.chosen: str | None = None
        self.edit = QLineEdit(self)
        self.edit.setObjectName("finderText")
        self.edit.setPlaceholderText(translate("DocumentFinder", "Part of a title, id or file name"))
        self.edit.setClearButtonEnabled(True)
        self.edit.installEventFilter(self)
        self.model = DocumentListModel(source, annotator, self)
        self.model.refresh()
        self.view = list_view(self, "finderList")
        self.view.setModel(self.model)
        self.title_delegate = ElidingDelegate(self.view)
        self.view.setItemDelegateForColumn(0, self.title_delegate)
        set_widths(self.view, (320, 120, 80))
        self.view.activated.connect(lambda _index: self.accept())
        self.count = plain.plain_label("", self)
        self.count.setObjectName("finderCount")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel,
                                   parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.edit.textChanged.connect(self._filter)
        self.model.countKnown.connect(self._show_count)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self.resize(720, 480)
        self._filter("")

    def _filter(self, text: str) -> None:
        self.model.set_query(text=text)
        self._show_count(self.model.rowCount())
        if self.model.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _show_count(self, n: int) -> None:
        """"1 document match", "87,323 documents", or "200+ …" while the rest is being counted."""
        typed = bool(self.edit.text().strip())
        if not self.model.exact:
            text = (translate("DocumentFinder", "{n}+ documents match") if typed
                    else translate("DocumentFinder", "{n}+ documents")).format(n=integer(n))
        elif typed:
            text = plural(n, translate("DocumentFinder", "{n} document match|{n} documents match"))
        else:
            text = plural(n, translate("DocumentFinder", "{n} document|{n} documents"))
        self.count.setText(text)

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        doc_id = index.data(ID_ROLE) if index.isValid() else None
        return str(doc_id) if doc_id else None

    def accept(self) -> None:
        self.chosen = self.current_id()
        if self.chosen is not None:
            super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in MOVE_KEYS:
            self.view.keyPressEvent(event)  # the list moves; the text keeps the focus
            return True
        return super().eventFilter(watched, event)


def find_document(parent: QWidget, source: DocumentSource, annotator: str | None) -> str | None:
    """Ask for a document; its id, or None if the user cancelled."""
    finder = DocumentFinder(source, annotator, parent)
    try:
        return finder.chosen if finder.exec() == QDialog.DialogCode.Accepted else None
    finally:
        finder.deleteLater()
