"""One document pane: a document chooser, swap/close buttons and the text view.

The pane is what automation and screen readers find: objectName ``documentPane``
and accessibleName the title of the document it shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from annotator.core.values import DocumentListItem
from annotator.gui.annotation.controller import OpenDocument
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.find_bar import FindBar
from annotator.gui.annotation.highlighter import LabelColours
from annotator.gui.common import plain
from annotator.gui.common.elide import ElidedLabel, ElidingComboBox
from annotator.gui.common.i18n import translate
from annotator.gui.docks.list_models import status_text

#: how few characters of the title the pane's chooser may show when the pane is narrow
MIN_TITLE_CHARS = 4
#: the chooser's last item (in English): it opens the document finder (every document, searchable)
FIND_TEXT = "Find a document…"


class DocumentPane(QFrame):
    """A pane showing one document of the project."""

    documentChosen = Signal(object, str)  # pane, document id
    swapRequested = Signal(object)  # pane: swap with its right-hand neighbour
    closeRequested = Signal(object)  # pane
    activated = Signal(object)  # pane got the focus
    findRequested = Signal(object)  # pane: the user wants to search every document for this pane

    def __init__(self, colours: LabelColours, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.document_id: str | None = None
        # The header shrinks with the pane (four panes fit a 1366 px screen): the title is elided at
        # its own end (an Arabic title keeps its first words), the status too; both in full in tool tips.
        self.chooser = ElidingComboBox(self)
        self.chooser.setObjectName("documentChooser")
        self.chooser.setAccessibleName(translate("DocumentPane", "Document"))
        self.chooser.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(MIN_TITLE_CHARS)
        self.chooser.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.chooser.activated.connect(self._chosen)
        self.status = ElidedLabel("", self, min_chars=1)
        self.status.setObjectName("documentStatus")
        self.swap_button = QToolButton(self)
        self.swap_button.setText("⇄")
        self.swap_button.setToolTip(plain.tooltip(translate("DocumentPane", "Swap with the next pane")))
        self.swap_button.setAccessibleName(translate("DocumentPane", "Swap pane"))
        self.swap_button.clicked.connect(lambda: self.swapRequested.emit(self))
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip(plain.tooltip(translate("DocumentPane", "Close this pane")))
        self.close_button.setAccessibleName(translate("DocumentPane", "Close pane"))
        self.close_button.clicked.connect(lambda: self.closeRequested.emit(self))
        self.editor = DocumentEditor(colours, self)
        self.editor.focused.connect(lambda: self.activated.emit(self))
        self._find_bar: FindBar | None = None
        head = QHBoxLayout()
        head.setContentsMargins(2, 2, 2, 2)
        head.addWidget(self.chooser, 1)
        head.addWidget(self.status)
        head.addWidget(self.swap_button)
        head.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(head)
        layout.addWidget(self.editor, 1)
        self._layout = layout

    def find_bar(self) -> FindBar:
        """This pane's find bar (Ctrl+F), made on first use, between the header and the text."""
        if self._find_bar is None:
            self._find_bar = FindBar(self.editor, self)
            self._find_bar.focused.connect(lambda: self.activated.emit(self))
            self._layout.insertWidget(1, self._find_bar)
        return self._find_bar

    def set_choices(self, documents: list[DocumentListItem]) -> None:
        """Fill the chooser with a few documents (those open, opened lately, first in the list;
        titles are shown as plain text by QComboBox) and, last, the way to find any other."""
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for d in documents:
            self.chooser.addItem(d.title, d.id)
            self.chooser.setItemData(self.chooser.count() - 1,
                                     plain.tooltip(f"{d.title}\n{d.id} · {status_text(d.status)}"),
                                     Qt.ItemDataRole.ToolTipRole)
        self.chooser.insertSeparator(self.chooser.count())
        self.chooser.addItem(translate("DocumentPane", "Find a document…"), "")
        self.chooser.setItemData(self.chooser.count() - 1,
                                 plain.tooltip(translate("DocumentPane", "Search every document by part of its "
                                                                         "title, id or file name (Ctrl+P)")),
                                 Qt.ItemDataRole.ToolTipRole)
        self._show_current()
        self.chooser.blockSignals(False)
        self.chooser.sync_tip()

    def _show_current(self) -> None:
        self.chooser.setCurrentIndex(self.chooser.findData(self.document_id) if self.document_id else -1)

    def _chosen(self, index: int) -> None:
        doc_id = self.chooser.itemData(index)
        if doc_id and doc_id != self.document_id:
            self.documentChosen.emit(self, doc_id)
        elif doc_id == "":  # "Find a document…": the chooser shows the pane's document again meanwhile
            self.chooser.blockSignals(True)
            self._show_current()
            self.chooser.blockSignals(False)
            self.findRequested.emit(self)

    def show_document(self, state: OpenDocument | None, status: str = "") -> None:
        self.document_id = None if state is None else state.document.id
        title = "" if state is None else (state.document.title or state.document.id)
        self.setAccessibleName(title)
        self.editor.setAccessibleName(title)
        self.chooser.blockSignals(True)
        self._show_current()
        self.chooser.blockSignals(False)
        self.chooser.sync_tip()
        self.set_status(status)
        self.editor.show_document(state)

    def set_status(self, status: str) -> None:
        self.status.setText(status.replace("_", " "))

    @property
    def title(self) -> str:
        return self.accessibleName()
