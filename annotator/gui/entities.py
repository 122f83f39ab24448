"""Entities from the window: create one from an actor span, tag its other mentions.

"Create entity from span" is one action (CreateEntity with the span: the entity
is created and the span attached, one undoable step). "Tag other mentions"
proposes the places where the entity's name or an alias occurs untagged (in this
document, or in every open document), lists them with their context for the
annotator to confirm (check boxes, all checked), and tags the confirmed ones as
ACTOR spans attached to the entity: one AddMentions per document, all documents
together one undoable step (:class:`~annotator.gui.batch.Batch`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from annotator.core.model import Span
from annotator.core.structure import MentionProposal
from annotator.gui import plain
from annotator.gui.batch import Batch
from annotator.gui.controller import Controller, OpenDocument
from annotator.gui.editor import DocumentEditor
from annotator.gui.plain import isolate
from annotator.services.structure import AddMentions, CreateEntity, entity, mention_proposals_in

CONTEXT = 30


def in_context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """``…before «match» after…`` on one line, for a confirmation list."""
    before = " ".join(text[max(0, start - width) : start].split())
    after = " ".join(text[end : end + width].split())
    head, tail = "…" if start > width else "", "…" if end + width < len(text) else ""
    line = f"{head}{before} «{text[start:end]}» {after}{tail}"
    return isolate(line)


class MentionsDialog(QDialog):
    """The proposed mentions with check boxes; ``chosen()`` gives the checked ones."""

    def __init__(self, name: str, proposals: list[MentionProposal], line: Callable[[MentionProposal], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mentionsDialog")
        self.setWindowTitle(f"Tag mentions of {name}")
        self.proposals = proposals
        heading = plain.plain_label(f"{len(proposals)} untagged mention(s) of {name}. Uncheck any that are "
                                    "not this entity, then tag the rest (one step; Ctrl+Z undoes it).", self)
        heading.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("mentionList")
        for p in proposals:
            item = QListWidgetItem(line(p))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Tag checked")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(560, 380)

    def chosen(self) -> list[MentionProposal]:
        return [p for i, p in enumerate(self.proposals)
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


def ask_mentions(parent: QWidget | None, name: str, proposals: list[MentionProposal],
                 line: Callable[[MentionProposal], str]) -> list[MentionProposal] | None:
    """Ask which proposals to tag; None if cancelled."""
    dialog = MentionsDialog(name, proposals, line, parent)
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
            self._say("Select an actor span first (click it or press Tab)")
            return None
        try:
            self.controller.project.schema.attribute(span.label, "entity")
        except KeyError:
            self._say(f"A {span.label} span has no entity; entities are for actor spans")
            return None
        return ed.state, span

    def create_entity(self) -> bool:
        """Create an entity named after the selected span and attach the span to it (one step)."""
        found = self._selected()
        if found is None:
            return False
        state, span = found
        if span.attrs.get("entity"):
            self._say("This span is attached to an entity already; clear its entity in the inspector first")
            return False
        types = self.controller.project.schema.entity_types()
        kind = span.attrs.get("type")
        if not isinstance(kind, str) or (types and kind not in types):
            kind = "other" if not types or "other" in types else types[0]
        name = " ".join(span.text_in(state.text).split())
        return self.controller.run(CreateEntity(self.controller.annotator, name=name, type=kind,
                                                document_id=state.document.id, span_id=span.id),
                                   f"Saved: entity {name!r} created and the span attached to it")

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
            self._say("Attach this span to an entity first (type its name in the inspector, or Ctrl+Shift+E)")
            return False
        project = self.controller.project
        ent = entity(project, entity_id)
        docs = {d.document.id: d for d in self.open_documents()} if everywhere else {state.document.id: state}
        docs.setdefault(state.document.id, state)
        found = mention_proposals_in(project, list(docs), self.controller.annotator, entity_id)
        proposals = [p for ps in found.values() for p in ps]
        where = "the open documents" if everywhere else "this document"
        if not proposals:
            self._say(f"No untagged mention of {ent.name} in {where}")
            return False

        def line(p: MentionProposal) -> str:
            doc = docs[p.document_id]
            return f"{doc.document.title or doc.document.id}: {in_context(doc.text, p.start, p.end)}"

        chosen = self.confirm(self.active_editor(), ent.name, proposals, line)
        if not chosen:
            self._say("No mention tagged")
            return False
        by_doc: dict[str, list[tuple[int, int]]] = {}
        for p in chosen:
            by_doc.setdefault(p.document_id, []).append((p.start, p.end))
        commands = [AddMentions(d, self.controller.annotator, entity_id, ranges) for d, ranges in by_doc.items()]
        done = f"Saved: tagged {len(chosen)} mention(s) of {ent.name}"
        command = commands[0] if len(commands) == 1 else Batch(commands, f"Tag {len(chosen)} mention(s) of {ent.name}")
        return self.controller.run(command, done)
