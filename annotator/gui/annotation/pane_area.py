"""The central area: one to four document panes side by side in a QSplitter."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from annotator.core.values import DocumentListItem, SetStatus
from annotator.gui.annotation.document_pane import DocumentPane
from annotator.gui.annotation.highlighter import LabelColours

MAX_PANES = 4


class PaneArea(QSplitter):
    """Holds the panes; knows which one is active; swaps and resizes them."""

    documentChosen = Signal(object, str)  # pane, document id
    findRequested = Signal(object)  # pane: search every document for it
    activeChanged = Signal(object)  # pane
    panesChanged = Signal()

    def __init__(self, colours: LabelColours, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("paneArea")
        self.setChildrenCollapsible(False)
        self.colours = colours
        self.panes: list[DocumentPane] = []
        self.active: DocumentPane | None = None
        self._choices: list[DocumentListItem] = []

    def add_pane(self) -> DocumentPane | None:
        """A new empty pane at the end, or None when there are already four."""
        if len(self.panes) >= MAX_PANES:
            return None
        pane = DocumentPane(self.colours, self)
        pane.set_choices(self._choices)
        pane.documentChosen.connect(self.documentChosen)
        pane.findRequested.connect(self.findRequested)
        pane.swapRequested.connect(self.swap_with_next)
        pane.closeRequested.connect(self.remove_pane)
        pane.activated.connect(self.set_active)
        self.addWidget(pane)
        self.panes.append(pane)
        self._update_buttons()
        if self.active is None:
            self.set_active(pane)
        self.panesChanged.emit()
        return pane

    def remove_pane(self, pane: DocumentPane) -> None:
        """Close a pane (the last pane stays)."""
        if len(self.panes) <= 1 or pane not in self.panes:
            return
        self.panes.remove(pane)
        pane.hide()
        pane.setParent(None)
        pane.deleteLater()
        if self.active is pane:
            self.set_active(self.panes[0])
        self._update_buttons()
        self.panesChanged.emit()

    def swap_with_next(self, pane: DocumentPane) -> None:
        """Exchange *pane* with the pane after it (the last swaps with the first)."""
        if len(self.panes) < 2:
            return
        i = self.panes.index(pane)
        j = (i + 1) % len(self.panes)
        sizes = self.sizes()
        a, b = sorted((i, j))
        first, second = self.panes[a], self.panes[b]
        self.insertWidget(a, second)
        self.insertWidget(b, first)
        self.panes[a], self.panes[b] = second, first
        sizes[a], sizes[b] = sizes[b], sizes[a]
        self.setSizes(sizes)
        self.panesChanged.emit()

    def set_active(self, pane: DocumentPane) -> None:
        if pane is self.active:
            return
        self.active = pane
        self.activeChanged.emit(pane)

    def set_choices(self, documents: list[DocumentListItem]) -> None:
        self._choices = list(documents)
        for pane in self.panes:
            pane.set_choices(self._choices)

    def set_choice_status(self, doc_id: str, status: SetStatus) -> None:
        """A document's status changed: the choosers' tips say so (nothing is read again)."""
        if any(d.id == doc_id for d in self._choices):
            self.set_choices([replace(d, status=status) if d.id == doc_id else d for d in self._choices])

    def panes_showing(self, doc_id: str) -> list[DocumentPane]:
        return [p for p in self.panes if p.document_id == doc_id]

    def document_ids(self) -> list[str]:
        return [p.document_id or "" for p in self.panes]

    def _update_buttons(self) -> None:
        for pane in self.panes:
            pane.close_button.setEnabled(len(self.panes) > 1)
            pane.swap_button.setEnabled(len(self.panes) > 1)
