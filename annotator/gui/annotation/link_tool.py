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

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.schema import LabelSchema, LinkType
from annotator.core.search import fold_query
from annotator.core.values import Span
from annotator.gui.annotation.controller import Controller
from annotator.gui.annotation.document_pane import DocumentPane
from annotator.gui.annotation.pane_area import PaneArea
from annotator.gui.annotation.relations_links_state import RelationsLinksState
from annotator.gui.common import plain
from annotator.gui.common.i18n import integer, translate
from annotator.gui.docks.relations_dock import preview
from annotator.services.links import AddLink, DeleteLink
from annotator.services.project import Project

#: (link type, source is the active pane's span) for each choice offered
Choice = tuple[str, bool]
#: a document title longer than this is cut in the link dialog's document box
TITLE_LIMIT = 40


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
        self.setWindowTitle(translate("LinkTypeChooser", "Link type"))
        self.list = _ChoiceList(self)
        self.list.setObjectName("linkTypes")
        for i, (text, tip) in enumerate(options):
            item = QListWidgetItem(translate("LinkTypeChooser", "{number}. {text}").format(number=integer(i + 1),
                                                                                            text=text))
            item.setToolTip(plain.tooltip(tip))
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain.plain_label(translate("LinkTypeChooser", "Link the two selected spans as:"), self))
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


class LinkTargetDialog(QDialog):
    """Choose the other end of a link: its type, the document, one of that document's spans
    (the annotator's own, or gold in the adjudication view), filtered by their words as typed
    (harakat, tatweel and the forms of alef do not matter)."""

    def __init__(self, schema: LabelSchema, span: Span, span_text: str, documents: Sequence[tuple[str, str]],
                 spans_of: Callable[[str], list[Span]], text_of: Callable[[str, Span], str], *,
                 gold: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one per Ctrl+L: gone once answered
        names = "goldLink" if gold else "linkTarget"
        self.setObjectName(f"{names}Dialog")
        self.setWindowTitle(translate("LinkTargetDialog", "Link gold span to another document") if gold
                            else translate("LinkTargetDialog", "Link span to another document"))
        self.span = span
        self.spans_of = spans_of
        self.text_of = text_of
        self.types: list[LinkType] = [lt for lt in schema.links if span.label in lt.labels]
        self.type_box = QComboBox(self)
        self.type_box.setObjectName(f"{names}Type")
        for lt in self.types:
            self.type_box.addItem(f"{lt.name} — {lt.description}" if lt.description else lt.name, lt.name)
        self.doc_box = QComboBox(self)
        self.doc_box.setObjectName(f"{names}Document")
        for doc_id, title in documents:
            self.doc_box.addItem(plain.isolate(title if len(title) <= TITLE_LIMIT else title[:TITLE_LIMIT] + "…"),
                                 doc_id)
        self.filter = QLineEdit(self)
        self.filter.setObjectName(f"{names}Filter")
        self.filter.setPlaceholderText(translate("LinkTargetDialog", "Filter the spans by their words"))
        self.list = QListWidget(self)
        self.list.setObjectName(f"{names}Spans")
        self.outgoing = QCheckBox(translate("LinkTargetDialog", "This span is the link's source"), self)
        self.outgoing.setObjectName(f"{names}Outgoing")
        self.outgoing.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        form = QFormLayout()
        shown = plain.plain_label(f"{span.label} «{plain.isolate(preview(span_text, 60))}»", self)
        form.addRow(translate("LinkTargetDialog", "Gold span:") if gold else translate("LinkTargetDialog", "Span:"),
                    shown)
        form.addRow(translate("LinkTargetDialog", "Link type:"), self.type_box)
        form.addRow(translate("LinkTargetDialog", "Document:"), self.doc_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.outgoing)
        layout.addWidget(buttons)
        self.type_box.currentIndexChanged.connect(self._fill)
        self.doc_box.currentIndexChanged.connect(self._fill)
        self.filter.textChanged.connect(self._filter)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.list.currentRowChanged.connect(lambda _row: self._update_ok())
        self.resize(560, 420)
        self._fill()

    @property
    def link_type(self) -> LinkType | None:
        i = self.type_box.currentIndex()
        return self.types[i] if 0 <= i < len(self.types) else None

    @property
    def document_id(self) -> str | None:
        doc_id: str | None = self.doc_box.currentData()
        return doc_id

    def _fill(self) -> None:
        self.list.clear()
        lt, doc_id = self.link_type, self.document_id
        self.outgoing.setVisible(bool(lt and lt.directed))
        if lt is None or doc_id is None:
            self._update_ok()
            return
        for span in self.spans_of(doc_id):
            if span.label not in lt.labels:
                continue
            item = QListWidgetItem(f"{span.label} · {plain.isolate(preview(self.text_of(doc_id, span), 70))}")
            item.setData(Qt.ItemDataRole.UserRole, span.id)
            self.list.addItem(item)
        self._filter(self.filter.text())

    def _filter(self, words: str) -> None:
        needle = fold_query(words.strip())
        first = -1
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = bool(needle) and needle not in fold_query(item.text())
            item.setHidden(hidden)
            if not hidden and first < 0:
                first = row
        self.list.setCurrentRow(first)
        self._update_ok()

    def _update_ok(self) -> None:
        item = self.list.currentItem()
        self.ok_button.setEnabled(item is not None and not item.isHidden())

    def choice(self) -> tuple[str, str, str, bool] | None:
        """(link type, other document, other span, this span is the source), if complete."""
        item = self.list.currentItem()
        lt, doc_id = self.link_type, self.document_id
        if item is None or item.isHidden() or lt is None or doc_id is None:
            return None
        return lt.name, doc_id, item.data(Qt.ItemDataRole.UserRole), self.outgoing.isChecked() or not lt.directed


def find_document_modal(parent: QWidget, project: Project, annotator: str) -> str | None:
    from annotator.gui.annotation.document_finder import find_document  # local: opened on demand

    return find_document(parent, project, annotator)


def _run_modal(dialog: QDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted  # (it deletes itself once answered)


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
        #: asks for another document (the finder) and for the span there (the dialog, run modally)
        self.find_document = find_document_modal
        self.ask_target: Callable[[LinkTargetDialog], bool] = _run_modal

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
            self._say(translate("LinkTool", "Select a span in one pane and a span in another, then link them (Ctrl+L)"))
            return False
        other = self.partner_pane(active)
        b = other.editor.selected_span() if other is not None else None
        if other is None or b is None or not other.document_id:
            self._say(translate("LinkTool", "Now select the span to link to in another pane (showing another "
                                            "document), then Ctrl+L"))
            return False
        choices = self.choices(a, b)
        if not choices:
            self._say(translate("LinkTool", "A {a} and a {b} cannot be linked (actors are linked through their entity)")
                      .format(a=a.label, b=b.label))
            return False
        if len(choices) == 1:
            pick = 0
        else:
            options = []
            for name, forward in choices:
                lt = self.controller.project.schema.link_type(name)
                text = name if not lt.directed else (
                    translate("LinkTool", "{name}: this span → the other") if forward
                    else translate("LinkTool", "{name}: the other span → this")).format(name=name)
                options.append((text, lt.description))
            chosen = self.choose(active, options)
            if chosen is None or not 0 <= chosen < len(choices):
                self._say(translate("LinkTool", "No link added"))
                return False
            pick = chosen
        name, forward = choices[pick]
        src, tgt = ((active.document_id, a.id), (other.document_id, b.id)) if forward else \
                   ((other.document_id, b.id), (active.document_id, a.id))
        command = AddLink(self.controller.annotator, name, src[0], src[1], tgt[0], tgt[1])
        ok = self.controller.run(command, translate("LinkTool", "Saved: linked as {name}").format(name=name))
        if ok:
            self._say(translate("LinkTool", "Saved: linked as {name} (link {number}, marked in both panes)").format(
                name=name, number=integer(self.state.number(command.link_id))))
        return ok

    def link_to_document(self) -> bool:
        """Link the active pane's selected span with a span of any document, open or not: the
        document from the finder (part of its title, id or file name), then the span from a list
        of the annotator's spans there that a link type allows, filtered as typed."""
        active = self.area.active
        a = active.editor.selected_span() if active is not None else None
        if active is None or a is None or not active.document_id:
            self._say(translate("LinkTool", "Select the span to link first, then Ctrl+Shift+L finds the other end "
                                            "in any document"))
            return False
        project, annotator = self.controller.project, self.controller.annotator
        if not any(a.label in lt.labels for lt in project.schema.links):
            self._say(translate("LinkTool", "No link type of the schema joins {label} spans").format(label=a.label))
            return False
        doc_id = self.find_document(active, project, annotator)
        if not doc_id:
            self._say(translate("LinkTool", "No link added"))
            return False
        if doc_id == active.document_id:
            self._say(translate("LinkTool", "A link joins two documents: choose another document than this one"))
            return False
        other = project.document(doc_id)
        here = active.editor.state.text if active.editor.state is not None else ""
        dialog = LinkTargetDialog(project.schema, a, a.text_in(here), [(doc_id, other.title or doc_id)],
                                  lambda d: project.spans(d, annotator), lambda _d, s: s.text_in(other.text),
                                  parent=active)
        answers: list[tuple[str, str, str, bool] | None] = []
        dialog.accepted.connect(lambda: answers.append(dialog.choice()))  # read before it deletes itself
        choice = answers[0] if self.ask_target(dialog) and answers else None
        if choice is None:
            self._say(translate("LinkTool", "No link added"))
            return False
        name, _doc, span_id, outgoing = choice
        src, tgt = ((active.document_id, a.id), (doc_id, span_id)) if outgoing else \
                   ((doc_id, span_id), (active.document_id, a.id))
        command = AddLink(annotator, name, src[0], src[1], tgt[0], tgt[1])
        ok = self.controller.run(command, translate("LinkTool", "Saved: linked as {name}").format(name=name))
        if ok:
            self._say(translate("LinkTool", "Saved: linked as {name} with a span of {title} (link {number})").format(
                name=name, title=plain.isolate(other.title or doc_id),
                number=integer(self.state.number(command.link_id))))
        return ok

    def delete_link(self, link_id: str) -> bool:
        return self.controller.run(DeleteLink(self.controller.annotator, link_id),
                                   translate("LinkTool", "Saved: link deleted"))

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
            self._say(translate("LinkTool", "That span is not there any more"))
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
        lines.append(translate("LinkTool", "Link {number} {type} ↔ {title}: {partner}").format(
            number=integer(state.number(link.id)), type=link.type, title=title(other_doc), partner=partner))
    return lines
