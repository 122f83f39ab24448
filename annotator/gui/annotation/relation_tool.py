"""Relations inside a document: the relation keys, picking the other end, deleting.

With a claim selected, the relation's key (S SOURCE, T TIME, A TARGET, from the
schema) opens a :class:`~annotator.gui.annotation.picker.SpanPicker` of the spans that may be
the other end (labels allowed by the schema, nearest first). The annotator picks
one with the keyboard or clicks it in the text. With an actor or a date selected
instead, the same key picks the claim it belongs to. Every change is a service
command run through an undo stack, so it is stored at once and undoable: the
annotation window's (:meth:`RelationTool.for_controller`: AddRelation,
DeleteRelation) or the adjudication view's gold (AddGoldRelation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QMouseEvent, QTextCursor

from annotator.core.schema import RelationType
from annotator.core.values import Relation, Span
from annotator.gui.annotation.controller import Controller
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.picker import SpanPicker, nearest
from annotator.gui.annotation.relations_links_state import RelationsLinksState
from annotator.gui.common.i18n import translate
from annotator.services.project import Project
from annotator.services.relations import AddRelation, DeleteRelation


def either(labels: list[str] | tuple[str, ...]) -> str:
    """Label names joined by "or" in the interface's language ("CLAIM or ACTOR")."""
    return translate("RelationTool", " or ").join(labels)


class RelationSource(Protocol):
    """Where the tool finds the relations already there (not to offer them twice)."""

    def relations(self, doc_id: str) -> list[Relation]: ...


#: add(document id, relation type, head span id, tail span id) -> stored?
AddHandler = Callable[[str, str, str, str], bool]
#: delete(document id, relation id) -> deleted?
DeleteHandler = Callable[[str, str], bool]


class RelationTool(QObject):
    """Handlers of the relation actions; one pick at a time."""

    def __init__(self, project: Project, state: RelationSource, active_editor: Callable[[], DocumentEditor | None],
                 say: Callable[[str], None], add: AddHandler, delete: DeleteHandler,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.state = state
        self.active_editor = active_editor
        self._say = say
        self._add = add
        self._delete = delete
        self.picker: SpanPicker | None = None
        self._pick: tuple[DocumentEditor, Span, RelationType, bool, list[str]] | None = None

    @classmethod
    def for_controller(
        cls,
        controller: Controller,
        state: RelationsLinksState,
        active_editor: Callable[[], DocumentEditor | None],
        parent: QObject | None = None,
    ) -> RelationTool:
        """The annotation window's tool: relations of the controller's annotator, through its undo stack."""
        c = controller
        return cls(c.project, state, active_editor, c.message.emit,
                   lambda doc, rtype, head, tail: c.run(AddRelation(doc, c.annotator, rtype, head, tail),
                                                        translate("RelationTool", "Saved: {type} relation added")
                                                        .format(type=rtype)),
                   lambda doc, rel: c.run(DeleteRelation(doc, c.annotator, rel),
                                                   translate("RelationTool", "Saved: relation deleted")), parent)

    # -- actions ------------------------------------------------------------------------
    def add_relation(self, type_name: str) -> None:
        """Start picking the other end of a *type_name* relation of the selected span."""
        ed = self.active_editor()
        if ed is None or ed.state is None:
            return
        rtype = self.project.schema.relation(type_name)
        span = ed.selected_span()
        if span is None:
            self._say(translate("RelationTool", "Select a {labels} first (click it or press Tab), then press {key} "
                                                "for its {name}").format(labels=either(rtype.head),
                                                                         key=rtype.key.upper(), name=rtype.name))
            return
        if span.label in rtype.head:
            as_head, wanted = True, rtype.tail
        elif span.label in rtype.tail:
            as_head, wanted = False, rtype.head
        else:
            self._say(translate("RelationTool", "{name} goes from {heads} to {tails}; this span is {label}").format(
                name=rtype.name, heads=either(rtype.head), tails=either(rtype.tail), label=span.label))
            return
        doc_id = ed.state.document.id
        existing = {(r.head, r.tail) for r in self.state.relations(doc_id) if r.type == rtype.name}
        pool = [s for s in ed.state.spans if s.label in wanted and s.id != span.id
                and ((span.id, s.id) if as_head else (s.id, span.id)) not in existing]
        if not pool:
            self._say(translate("RelationTool", "No {labels} left to be the {name} of this {label}: tag one first")
                      .format(labels=either(wanted), name=rtype.name, label=span.label))
            return
        self.cancel()
        candidates = nearest(span, pool)
        if as_head:
            title = translate("RelationTool", "{name} of this {label}: pick the {labels} (Enter, 1–9, or click it; "
                                              "Esc cancels)")
        else:
            title = translate("RelationTool", "This {label} is the {name} of: pick the {labels} (Enter, 1–9, or "
                                              "click it; Esc cancels)")
        title = title.format(name=rtype.name, label=span.label, labels=either(wanted))
        picker = SpanPicker(title, span, candidates, ed.state.text, ed)
        self.picker = picker
        self._pick = (ed, span, rtype, as_head, [s.id for s in candidates])
        picker.picked.connect(self._picked)
        picker.cancelled.connect(self._cancelled)
        ed.viewport().installEventFilter(self)
        cursor = QTextCursor(ed.document())
        cursor.setPosition(ed.state.u16.to_utf16(span.start))
        ed.ensureCursorVisible()
        rect = ed.cursorRect(cursor)
        picker.open_at(ed.viewport().mapTo(ed, QPoint(rect.left() - 180, rect.bottom() + 6)))
        self._say(title)

    def cancel(self) -> None:
        """Close an open picker without adding anything."""
        if self.picker is not None:
            self.picker.cancel()

    def delete_relation_id(self, doc_id: str, relation_id: str) -> bool:
        return self._delete(doc_id, relation_id)

    # -- the pick -----------------------------------------------------------------------
    def pick(self, span_id: str) -> bool:
        """Finish the open pick with *span_id* (what Enter and a click do); False if none is open."""
        if self._pick is None or span_id not in self._pick[4]:
            return False
        picker = self.picker
        if picker is not None:
            picker._done = True
            picker._close()
        self._picked(span_id)
        return True

    def _end(self) -> tuple[DocumentEditor, Span, RelationType, bool, list[str]] | None:
        pick, self._pick, self.picker = self._pick, None, None
        if pick is not None:
            pick[0].viewport().removeEventFilter(self)
        return pick

    def _picked(self, span_id: str) -> None:
        pick = self._end()
        if pick is None:
            return
        ed, anchor, rtype, as_head, _ids = pick
        if ed.state is None:
            return
        head, tail = (anchor.id, span_id) if as_head else (span_id, anchor.id)
        self._add(ed.state.document.id, rtype.name, head, tail)
        if anchor.id in ed.state.spans:
            ed.select_span(ed.state.spans.get(anchor.id), scroll=False)  # ready for the next relation key
        ed.setFocus()

    def _cancelled(self) -> None:
        pick = self._end()
        if pick is not None:
            self._say(translate("RelationTool", "No relation added"))
            pick[0].setFocus()

    def eventFilter(self, obj, e: QEvent) -> bool:  # type: ignore[no-untyped-def]
        """While picking, a click in the pane's text picks the span under it (or cancels)."""
        pick = self._pick
        if pick is None or obj is not pick[0].viewport() or not isinstance(e, QMouseEvent):
            return False
        if e.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            return True
        if e.type() == QEvent.Type.MouseButtonRelease:
            if e.button() == Qt.MouseButton.LeftButton:
                ids = pick[4]
                hit = next((s for s in pick[0].spans_at(e.position().toPoint()) if s.id in ids), None)
                if hit is not None:
                    self.pick(hit.id)
                    return True
                self._say(translate("RelationTool", "Not a span that can be the other end of {name}").format(
                    name=pick[2].name))
            self.cancel()
            return True
        return False
