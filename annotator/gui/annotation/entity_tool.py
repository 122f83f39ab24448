"""Entities from the window: create one from an actor span, tag its other mentions.

"Create entity from span" is one action (CreateEntity with the span: the entity
is created and the span attached, one undoable step). "Tag other mentions"
proposes the places where the entity's name or an alias occurs untagged (in this
document, or in every open document), lists them with a few words either side
(right to left, the mention in «…»; the document in a column when there are
several) for the annotator to confirm (check boxes, all checked), and tags the confirmed ones as
ACTOR spans attached to the entity: one AddMentions per document, all documents
together one undoable step (:class:`~annotator.gui.common.batch.Batch`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from annotator.core.values import MentionProposal, Span
from annotator.gui.annotation.controller import Controller, OpenDocument
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.common import plain
from annotator.gui.common.batch import Batch
from annotator.gui.common.i18n import plural, translate
from annotator.gui.common.plain import isolate
from annotator.services.entities import AddMentions, CreateEntity, entity, mention_proposals_in
from annotator.services.spans import Command

CONTEXT_WORDS = 6


def _words(text: str, n: int, from_end: bool) -> tuple[str, bool]:
    """The last (or first) *n* words of *text* with whitespace collapsed, keeping a space at the side
    that touches the mention if there was one (a clitic written onto the name stays joined to it);
    and whether words were left out."""
    words = text.split()
    cut = len(words) > n
    kept = words[-n:] if from_end else words[:n]
    body = " ".join(kept) if n else ""
    if body and (text[-1:].isspace() if from_end else text[:1].isspace()):
        body = body + " " if from_end else " " + body
    return body, cut


def in_context(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """The mention with a few words either side, within its paragraph, on one line:
    ``…before «mention» after…`` (the brackets mark the mention; plain text, never markup)."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    before, cut_before = _words(text[para_start:start], words, from_end=True)
    after, cut_after = _words(text[end:para_end], words, from_end=False)
    mention = " ".join(text[start:end].split())
    return f"{'…' if cut_before else ''}{before}«{mention}»{after}{'…' if cut_after else ''}"


class MentionsDialog(QDialog):
    """The proposed mentions with check boxes; ``chosen()`` gives the checked ones.

    Each row is the mention in its context, laid out in the documents' direction (right to
    left for Arabic: the check box and the text start at the right). The document's title is
    in a column of its own only when the proposals come from several documents (otherwise in
    the heading), and in each row's tool tip.
    """

    def __init__(self, name: str, proposals: list[MentionProposal], context: Callable[[MentionProposal], str],
                 title: Callable[[MentionProposal], str] = lambda p: p.document_id,
                 direction: Qt.LayoutDirection = Qt.LayoutDirection.RightToLeft,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mentionsDialog")
        self.setWindowTitle(translate("MentionsDialog", "Tag mentions of {name}").format(name=name))
        self.proposals = proposals
        titles = [title(p) for p in proposals]
        several = len(set(titles)) > 1
        if several:
            documents = plural(len(set(titles)), translate("MentionsDialog", "{n} document|{n} documents"))
            found = plural(len(proposals), translate("MentionsDialog", "{n} untagged mention of {name} in "
                                                     "{documents}.|{n} untagged mentions of {name} in {documents}."),
                           name=isolate(name), documents=documents)
        elif titles:
            found = plural(len(proposals), translate("MentionsDialog", "{n} untagged mention of {name} in {title}.|"
                                                                       "{n} untagged mentions of {name} in {title}."),
                           name=isolate(name), title=isolate(titles[0]))
        else:
            found = plural(len(proposals), translate("MentionsDialog", "{n} untagged mention of {name}.|"
                                                                       "{n} untagged mentions of {name}."),
                           name=isolate(name))
        heading = plain.plain_label(found + " " + translate("MentionsDialog", "Uncheck any that are not this entity, "
                                                            "then tag the rest (one step; Ctrl+Z undoes it)."), self)
        heading.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setObjectName("mentionList")
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setLayoutDirection(direction)
        self.list.setColumnCount(2)
        self.list.setHeaderLabels([translate("MentionsDialog", "Mention in context"),
                                   translate("MentionsDialog", "Document")])
        for p, doc_title in zip(proposals, titles):
            item = QTreeWidgetItem([context(p), doc_title])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(0, plain.tooltip(doc_title))
            item.setToolTip(1, plain.tooltip(doc_title))
            self.list.addTopLevelItem(item)
        self.list.setColumnHidden(1, not several)
        first = self.list.topLevelItem(0)
        if first is not None:
            self.list.setCurrentItem(first)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(translate("MentionsDialog", "Tag checked"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self._size(several)

    def _size(self, several: bool) -> None:
        """Wide enough for the longest context (within the screen); the title column up to 220 px."""
        fm = self.list.fontMetrics()
        items = self._items()
        widest = max((fm.horizontalAdvance(it.text(0)) for it in items), default=300)
        context_width = widest + 3 * fm.height() + 24  # check box, margins
        title_width = min(max((fm.horizontalAdvance(it.text(1)) for it in items), default=0) + 24, 220)
        screen = self.screen().availableGeometry().width() if self.screen() is not None else 1366
        width = min(max(560, context_width + (title_width if several else 0) + 60), screen - 40)
        self.resize(width, 380)
        self.list.setColumnWidth(0, max(300, width - 60 - (title_width if several else 0)))
        self.list.setColumnWidth(1, title_width)

    def _items(self) -> list[QTreeWidgetItem]:
        """The rows, one per proposal, in order."""
        items = [self.list.topLevelItem(i) for i in range(self.list.topLevelItemCount())]
        return [it for it in items if it is not None]  # an index below the count always has an item

    def chosen(self) -> list[MentionProposal]:
        return [p for p, item in zip(self.proposals, self._items())
                if item.checkState(0) == Qt.CheckState.Checked]


def ask_mentions(parent: QWidget | None, name: str, proposals: list[MentionProposal],
                 context: Callable[[MentionProposal], str], title: Callable[[MentionProposal], str],
                 direction: Qt.LayoutDirection = Qt.LayoutDirection.RightToLeft) -> list[MentionProposal] | None:
    """Ask which proposals to tag; None if cancelled."""
    dialog = MentionsDialog(name, proposals, context, title, direction, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class EntityTool(QObject):
    """Handlers of the entity actions on the active pane's selected ACTOR span."""

    def __init__(self, controller: Controller, active_editor: Callable[[], DocumentEditor | None],
                 open_documents: Callable[[], list[OpenDocument]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.active_editor = active_editor
        self.open_documents = open_documents
        #: asks the annotator to confirm proposals (replaced in tests that do not drive the dialog)
        self.confirm = ask_mentions

    def _say(self, text: str) -> None:
        self.controller.message.emit(text)

    def _selected(self) -> tuple[OpenDocument, Span] | None:
        ed = self.active_editor()
        span = ed.selected_span() if ed is not None else None
        if ed is None or ed.state is None or span is None:
            self._say(translate("EntityTool", "Select an actor span first (click it or press Tab)"))
            return None
        try:
            self.controller.project.schema.attribute(span.label, "entity")
        except KeyError:
            self._say(translate("EntityTool", "A {label} span has no entity; entities are for actor spans").format(
                label=span.label))
            return None
        return ed.state, span

    def create_entity(self) -> bool:
        """Create an entity named after the selected span and attach the span to it (one step)."""
        found = self._selected()
        if found is None:
            return False
        state, span = found
        if span.attrs.get("entity"):
            self._say(translate("EntityTool", "This span is attached to an entity already; clear its entity in the "
                                "inspector first"))
            return False
        types = self.controller.project.schema.entity_types()
        kind = span.attrs.get("type")
        if not isinstance(kind, str) or (types and kind not in types):
            kind = "other" if not types or "other" in types else types[0]
        name = " ".join(span.text_in(state.text).split())
        return self.controller.run(CreateEntity(self.controller.annotator, name=name, type=kind,
                                                document_id=state.document.id, span_id=span.id),
                                   translate("EntityTool", "Saved: entity {name} created and the span attached to it")
                                   .format(name=repr(name)))

    def tag_mentions_here(self) -> bool:
        return self.tag_mentions(everywhere=False)

    def tag_mentions_open(self) -> bool:
        return self.tag_mentions(everywhere=True)

    def tag_mentions(self, everywhere: bool) -> bool:
        """Propose the entity's untagged mentions (this document / the open documents); tag those confirmed."""
        found = self._selected()
        if found is None:
            return False
        state, span = found
        entity_id = span.attrs.get("entity")
        if not isinstance(entity_id, str):
            self._say(translate("EntityTool", "Attach this span to an entity first (type its name in the inspector, "
                                "or Ctrl+Shift+E)"))
            return False
        project = self.controller.project
        ent = entity(project, entity_id)
        docs = {d.document.id: d for d in self.open_documents()} if everywhere else {state.document.id: state}
        docs.setdefault(state.document.id, state)
        by_document = mention_proposals_in(project, list(docs), self.controller.annotator, entity_id)
        proposals = [p for ps in by_document.values() for p in ps]
        if not proposals:
            self._say((translate("EntityTool", "No untagged mention of {name} in the open documents") if everywhere
                       else translate("EntityTool", "No untagged mention of {name} in this document")).format(
                          name=ent.name))
            return False

        def context(p: MentionProposal) -> str:
            return in_context(docs[p.document_id].text, p.start, p.end)

        def title(p: MentionProposal) -> str:
            doc = docs[p.document_id].document
            return doc.title or doc.id

        rtl = state.document.direction != "ltr"
        direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        chosen = self.confirm(self.active_editor(), ent.name, proposals, context, title, direction)
        if not chosen:
            self._say(translate("EntityTool", "No mention tagged"))
            return False
        by_doc: dict[str, list[tuple[int, int]]] = {}
        for p in chosen:
            by_doc.setdefault(p.document_id, []).append((p.start, p.end))
        commands = [AddMentions(d, self.controller.annotator, ranges, entity_id=entity_id)
                    for d, ranges in by_doc.items()]
        done = plural(len(chosen), translate("EntityTool", "Saved: tagged {n} mention of {name}|"
                                                           "Saved: tagged {n} mentions of {name}"), name=ent.name)
        # Batch.do gives a tuple of Changed (one per command), which the runner hands on as it is
        command: Command = (commands[0] if len(commands) == 1  # type: ignore[assignment]
                            else Batch(commands, plural(len(chosen), translate(
                                "EntityTool", "Tag {n} mention of {name}|Tag {n} mentions of {name}"), name=ent.name)))
        return self.controller.run(command, done)
