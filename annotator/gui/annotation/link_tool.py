"""Links across documents: link the spans selected in two panes, jump to a link's ends.

Ctrl+L (Relations menu, context menu) links the span selected in the active pane
with the span selected in another pane showing another document (the pane used
most recently). The link types offered are the schema's types that allow both
labels: SAME_CLAIM, CONTRADICTS, SUPPORTS for two claims, SAME_DATE for two
dates. With one possible type it is used at once; with several a small chooser
asks (Up/Down or 1-9, Enter; Esc cancels); a directed type (SUPPORTS) is
offered both ways. The link is an AddLink service command: stored, undoable.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.values import Span
from annotator.gui.annotation.controller import Controller
from annotator.gui.annotation.document_pane import DocumentPane
from annotator.gui.annotation.pane_area import PaneArea
from annotator.gui.annotation.relations_links_state import RelationsLinksState
from annotator.gui.common import plain
from annotator.gui.docks.relations_dock import preview
from annotator.services.links import AddLink, DeleteLink

#: (link type, source is the active pane's span) for each choice offered
Choice = tuple[str, bool]


class _ChoiceList(QListWidget):
    def keyPressEvent(self, e: QKeyEvent) -> None:
        if Qt.Key.Key_1 <= e.key() <= Qt.Key.Key_9 and e.key() - Qt.Key.Key_1 < self.count():
            self.setCurrentRow(e.key() - Qt.Key.Key_1)
            dialog = self.window()
            if isinstance(dialog, QDialog):
                dialog.accept()
            return
        super().keyPressEvent(e)


class LinkTypeChooser(QDialog):
    """A small list of link types; ``choice()`` is the chosen row."""

    def __init__(self, options: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linkTypeChooser")
        self.setWindowTitle("Link type")
        self.list = _ChoiceList(self)
        self.list.setObjectName("linkTypes")
        for i, (text, tip) in enumerate(options):
            item = QListWidgetItem(f"{i + 1}. {text}")
            item.setToolTip(plain.tooltip(tip))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain.plain_label("Link the two selected spans as:", self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(420, 80 + 26 * len(options))

    def choice(self) -> int:
        return self.list.currentRow()


def choose_link_type(parent: QWidget | None, options: list[tuple[str, str]]) -> int | None:
    """Ask which of *options* (text, description); None if cancelled."""
    dialog = LinkTypeChooser(options, parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class LinkTool(QObject):
    """Handlers of the link actions, and jumping to a link's ends."""

    def __init__(self, controller: Controller, state: RelationsLinksState, area: PaneArea,
                 open_in: Callable[[DocumentPane, str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.state = state
        self.area = area
        self.open_in = open_in
        self.recent: list[DocumentPane] = []
        #: asks for the link type (replaced in tests that do not drive the dialog)
        self.choose = choose_link_type

    def _say(self, text: str) -> None:
        self.controller.message.emit(text)

    def note_active(self, pane: DocumentPane | None) -> None:
        """Remember the order the panes were used in (the link's other end is the latest other pane)."""
        if pane is not None:
            self.recent = [pane] + [p for p in self.recent if p is not pane and p in self.area.panes]

    def partner_pane(self, active: DocumentPane) -> DocumentPane | None:
        """The most recently used pane, other than *active*, showing another document with a span selected."""
        order = self.recent + [p for p in self.area.panes if p not in self.recent]
        for pane in order:
            if (pane is not active and pane in self.area.panes and pane.document_id
                    and pane.document_id != active.document_id and pane.editor.selected_span() is not None):
                return pane
        return None

    def choices(self, a: Span, b: Span) -> list[Choice]:
        out: list[Choice] = []
        for lt in self.controller.project.schema.links:
            if lt.allows(a.label, b.label):
                out.append((lt.name, True))
                if lt.directed:
                    out.append((lt.name, False))
        return out

    # -- actions ------------------------------------------------------------------------
    def link_spans(self) -> bool:
        """Link the active pane's selected span with the one selected in another pane."""
        active = self.area.active
        a = active.editor.selected_span() if active is not None else None
        if active is None or a is None or not active.document_id:
            self._say("Select a span in one pane and a span in another, then link them (Ctrl+L)")
            return False
        other = self.partner_pane(active)
        b = other.editor.selected_span() if other is not None else None
        if other is None or b is None or not other.document_id:
            self._say("Now select the span to link to in another pane (showing another document), then Ctrl+L")
            return False
        choices = self.choices(a, b)
        if not choices:
            self._say(f"A {a.label} and a {b.label} cannot be linked (actors are linked through their entity)")
            return False
        if len(choices) == 1:
            pick = 0
        else:
            options = []
            for name, forward in choices:
                lt = self.controller.project.schema.link_type(name)
                text = name if not lt.directed else (f"{name}: {'this' if forward else 'the other'} span → "
                                                     f"{'the other' if forward else 'this'}")
                options.append((text, lt.description))
            chosen = self.choose(active, options)
            if chosen is None or not 0 <= chosen < len(choices):
                self._say("No link added")
                return False
            pick = chosen
        name, forward = choices[pick]
        src, tgt = ((active.document_id, a.id), (other.document_id, b.id)) if forward else \
                   ((other.document_id, b.id), (active.document_id, a.id))
        command = AddLink(self.controller.annotator, name, src[0], src[1], tgt[0], tgt[1])
        ok = self.controller.run(command, f"Saved: linked as {name}")
        if ok:
            self._say(f"Saved: linked as {name} (link {self.state.number(command.link_id)}, marked in both panes)")
        return ok

    def delete_link(self, link_id: str) -> bool:
        return self.controller.run(DeleteLink(self.controller.annotator, link_id), "Saved: link deleted")

    def show_end(self, doc_id: str, span_id: str, other_doc: str | None = None) -> DocumentPane | None:
        """Show one end of a link: in a pane that shows its document, else in one that does not show *other_doc*."""
        panes = self.area.panes_showing(doc_id)
        pane = panes[0] if panes else None
        if pane is None:
            free = [p for p in self.area.panes if p.document_id != other_doc]
            pane = free[-1] if free else (self.area.active or self.area.panes[0])
            self.open_in(pane, doc_id)
        span = self.controller.open_document(doc_id).spans.get(span_id)
        if span is None:
            self._say("That span is not there any more")
            return pane
        self.area.set_active(pane)
        pane.editor.select_span(span)
        return pane


def describe_link(state: RelationsLinksState, title: Callable[[str], str], text_of: Callable[[str, str], str],
                  doc_id: str, span_id: str) -> list[str]:
    """Plain lines about a span's links: number, type, the other document and span."""
    lines = []
    for link in state.links_of_span(doc_id, span_id):
        other_doc, other_span = link.other_end(doc_id, span_id)
        partner = preview(text_of(other_doc, other_span), 60)
        lines.append(f"Link {state.number(link.id)} {link.type} ↔ {title(other_doc)}: {partner}")
    return lines
