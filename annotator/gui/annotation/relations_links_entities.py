"""Wires what sits above spans into the window: relations, inspector, entities, links, claims.

The window makes one :class:`RelationsLinksEntitiesUi` and calls four hooks: ``attach_pane``
for each new pane (overlay, pane-only keys, tool tips), ``span_selected``,
``active_changed`` and ``documents_changed``. Everything else (the docks, the
tools that handle the actions, the claim table window, refreshing after a
command) lives here, so the main window stays small. It sees the window only as
a Qt main window (where its docks go, the parent of its windows) and through
:class:`RelationsLinksHost`, the few things it asks of the annotation window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from annotator.core.values import Span
from annotator.gui.annotation.controller import Controller, OpenDocument
from annotator.gui.annotation.document_pane import DocumentPane
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.entity_tool import EntityTool
from annotator.gui.annotation.inspector import InspectorDock
from annotator.gui.annotation.link_tool import LinkTool, describe_link
from annotator.gui.annotation.overlay import SpanOverlay
from annotator.gui.annotation.relation_tool import RelationTool
from annotator.gui.annotation.relations_links_state import RelationsLinksState
from annotator.gui.claims.claims_window import ClaimTableWindow
from annotator.gui.common import actions as action_table
from annotator.gui.common.i18n import translate
from annotator.gui.common.plain import isolate
from annotator.gui.docks.links_dock import LinksDock
from annotator.gui.docks.relations_dock import RelationsDock, preview
from annotator.gui.entities.entities_window import EntitiesWindow
from annotator.services.changes import RelationsLinksChanged
from annotator.services.project import Changed, Project

if TYPE_CHECKING:
    from annotator.gui.annotation.pane_area import PaneArea
    from annotator.gui.docks.document_span_docks import SpanDock


class RelationsLinksHost(Protocol):
    """What the relations, links and entities part uses of the annotation window (``MainWindow``)."""

    project: Project
    controller: Controller
    #: the panes: which is active, what they show
    area: PaneArea
    #: the span list, which the Relations and Links panels sit beside as tabs
    spans_dock: SpanDock

    def active_editor(self) -> DocumentEditor | None: ...

    def open_in(self, pane: DocumentPane, doc_id: str, save: bool = True) -> None: ...

    def show_span(self, doc_id: str, span_id: str) -> None: ...

    def document_title(self, doc_id: str) -> str:
        """The title the document list shows (the id when it has none)."""
        ...

    def works_blind(self) -> bool:
        """Whether others' work is hidden from this annotator."""
        ...


def _still_open(win: QWidget | None) -> bool:
    """A window opened from here and not closed: closing one clears its ``WA_DeleteOnClose`` and deletes it."""
    return win is not None and shiboken6.isValid(win) and win.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


class RelationsLinksEntitiesUi(QObject):
    """The docks and tools of relations, attributes, entities and links, and their refreshing.

    *window* is the Qt main window its docks go into; *host* what it asks of the annotation window.
    """

    def __init__(self, window: QMainWindow, host: RelationsLinksHost) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        c = self.controller = host.controller
        self.state = RelationsLinksState(host.project, c.annotator, self)
        self.relations = RelationTool.for_controller(c, self.state, host.active_editor, self)
        self.entities = EntityTool(c, host.active_editor, self.open_documents, self)
        self.links = LinkTool(c, self.state, host.area, host.open_in, self)
        self.inspector = InspectorDock(c, window)
        self.inspector.describe = self.describe
        self.relations_dock = RelationsDock(window)
        self.links_dock = LinksDock(window)
        # The inspector on the right; relations and links as tabs beside the span list (the panes keep their width).
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.inspector)
        window.tabifyDockWidget(host.spans_dock, self.relations_dock)
        window.tabifyDockWidget(self.relations_dock, self.links_dock)
        host.spans_dock.raise_()
        window.resizeDocks([self.inspector], [270], Qt.Orientation.Horizontal)
        self.overlays: dict[object, SpanOverlay] = {}
        self.pane_actions: list[QAction] = []
        self.claims: ClaimTableWindow | None = None
        self.entities_window: EntitiesWindow | None = None
        self.all_arcs = False
        c.applied.connect(self._applied)
        c.spansChanged.connect(self._spans_changed)
        self.state.changed.connect(self._structure_changed)
        self.relations_dock.relationChosen.connect(self._relation_chosen)
        self.relations_dock.deleteRequested.connect(self.relations.delete_relation_id)
        self.links_dock.endChosen.connect(self.links.show_end)
        self.links_dock.deleteRequested.connect(self.links.delete_link)
        self.inspector.leave.connect(self._back_to_text)
        # Opening documents and switching panes re-read relations and links once the event loop
        # is free again: opening two documents reads them once, after the text is on screen.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self._documents_now)

    @property
    def handlers(self) -> tuple[object, ...]:
        """Objects whose methods run the structure actions (see actions.ACTIONS)."""
        return (self.relations, self.entities, self.links, self)

    def finish(self, actions_by_id: dict[str, QAction], menus: dict[str, QMenu],
               specs: list[action_table.ActionSpec]) -> None:
        """After the actions are built: pane-only keys, dock toggles, the inspector's entity buttons."""
        self.pane_actions = action_table.pane_actions(specs, actions_by_id)
        for dock in (self.inspector, self.relations_dock, self.links_dock):
            menus["View"].addAction(dock.toggleViewAction())
        self.inspector.add_entity_actions([actions_by_id[k] for k in ("entity.create", "entity.tag_here",
                                                                      "entity.tag_open")])
        for pane in self.host.area.panes:
            pane.editor.addActions(self.pane_actions)

    # -- hooks the window calls ------------------------------------------------------------
    def attach_pane(self, pane: DocumentPane) -> None:
        ed = pane.editor
        overlay = SpanOverlay(ed, self.state)
        overlay.show_all = self.all_arcs
        ed.decorations.append(overlay)
        self.overlays[ed] = overlay
        ed.describe_span = lambda span, e=ed: self.describe(e.state.document.id, span) if e.state else []
        ed.addActions(self.pane_actions)
        pane.destroyed.connect(lambda _obj=None, e=ed: self.overlays.pop(e, None))

    def span_selected(self, pane: DocumentPane, span: Span | None) -> None:
        overlay = self.overlays.get(pane.editor)
        if overlay is not None and (span is None or overlay.focus_relation not in
                                    {r.id for r in self.state.relations_of_span(pane.document_id or "", span.id)}):
            overlay.focus_relation = None
        if pane is self.host.area.active:
            self.inspector.show_span(pane.editor.state, span)

    def active_changed(self, pane: DocumentPane | None) -> None:
        self.links.note_active(pane)
        self.relations.cancel()
        self._soon.start()

    def documents_changed(self) -> None:
        """The panes show other documents now (their relations and links are read right after)."""
        self._soon.start()

    def flush(self) -> None:
        """Bring the panels up to date now (after opening documents or switching panes)."""
        if self._soon.isActive():
            self._soon.stop()
            self._documents_now()

    def _documents_now(self) -> None:
        self.state.set_open_documents(self.host.area.document_ids())
        self._show_active()
        self._show_links()

    # -- reading for views -----------------------------------------------------------------
    def open_documents(self) -> list[OpenDocument]:
        seen: dict[str, OpenDocument] = {}
        for pane in self.host.area.panes:
            if pane.editor.state is not None:
                seen.setdefault(pane.editor.state.document.id, pane.editor.state)
        return list(seen.values())

    def title(self, doc_id: str) -> str:
        return self.host.document_title(doc_id)

    def text_of(self, doc_id: str, span_id: str) -> str:
        state = self.controller.open_document(doc_id)
        span = state.spans.get(span_id)
        return span.text_in(state.text) if span is not None else translate("RelationsLinksEntitiesUi", "(missing)")

    def describe(self, doc_id: str, span: Span) -> list[str]:
        """Plain lines about a span's relations and links (tool tips, inspector)."""
        lines = []
        for rel in self.state.relations_of_span(doc_id, span.id):
            if rel.head == span.id:
                lines.append(translate("RelationsLinksEntitiesUi", "{type} → {text}").format(
                    type=rel.type, text=isolate(preview(self.text_of(doc_id, rel.tail), 60))))
            else:
                lines.append(translate("RelationsLinksEntitiesUi", "{type} of ← {text}").format(
                    type=rel.type, text=isolate(preview(self.text_of(doc_id, rel.head), 60))))
        return lines + describe_link(self.state, self.title, self.text_of, doc_id, span.id)

    # -- refreshing ------------------------------------------------------------------------------
    def _show_active(self) -> None:
        pane = self.host.area.active
        doc = pane.editor.state if pane is not None else None
        rels = self.state.relations(doc.document.id) if doc is not None else []
        colours = {r.name: r.color for r in self.host.project.schema.relations}
        self.relations_dock.show_relations(doc, rels, colours)
        self.inspector.show_span(doc, pane.editor.selected_span() if pane is not None else None)

    def _show_links(self) -> None:
        links = self.state.links
        numbers = {lk.id: self.state.number(lk.id) for lk in links}
        colours = {lt.name: lt.color for lt in self.host.project.schema.links}
        self.links_dock.show_links(links, numbers, colours, self.title, self.text_of)

    def _applied(self, changed: Changed) -> None:
        self.state.apply(changed)
        if isinstance(changed, RelationsLinksChanged) and changed.entity_ids:
            self.inspector.forget_entities()
            self.inspector.refresh()
        if self.claims is not None:
            self.claims.mark_stale()

    def _spans_changed(self, doc_id: str, pairs: list[tuple[Span | None, Span | None]]) -> None:
        ids = {s.id for pair in pairs for s in pair if s is not None}
        if not ids:
            return
        if self.inspector.span is not None and self.inspector.doc is not None \
                and self.inspector.doc.document.id == doc_id and self.inspector.span.id in ids:
            self.inspector.refresh()
        if self.relations_dock.document_id == doc_id and any(
                r.head in ids or r.tail in ids for r in self.relations_dock.model.rows):
            self._show_active()
        if any(lk.touches(doc_id, s) for lk in self.links_dock.model.rows for s in ids):
            self._show_links()

    def _structure_changed(self, docs: frozenset[str]) -> None:
        for pane in self.host.area.panes:
            if pane.document_id in docs:
                pane.editor.viewport().update()
        active = self.host.area.active
        if active is not None and active.document_id in docs:
            self._show_active()
        self._show_links()

    def _relation_chosen(self, doc_id: str, relation_id: str) -> None:
        rel = self.state.relation(doc_id, relation_id)
        pane = self.host.area.active
        if rel is None or pane is None or pane.document_id != doc_id or pane.editor.state is None:
            return
        head = pane.editor.state.spans.get(rel.head)
        if head is not None:
            pane.editor.select_span(head)
            overlay = self.overlays.get(pane.editor)
            if overlay is not None:
                overlay.focus_relation = rel.id
                pane.editor.viewport().update()

    def _back_to_text(self) -> None:
        ed = self.host.active_editor()
        if ed is not None:
            ed.setFocus()

    # -- action handlers (names used in actions.ACTIONS) --------------------------------------------
    def delete_relation(self) -> None:
        self.flush()
        rel = self.relations_dock.current_relation()
        doc_id = self.relations_dock.document_id
        if rel is None or doc_id is None:
            self.controller.message.emit(translate("RelationsLinksEntitiesUi",
                                                   "Choose a relation in the Relations panel first"))
            return
        self.relations.delete_relation_id(doc_id, rel)

    def accept_date_proposal(self) -> None:
        self.inspector.accept_proposal()

    def edit_attributes(self) -> None:
        if self.inspector.span is None:
            self.controller.message.emit(translate("RelationsLinksEntitiesUi",
                                                   "Select a span first (click it or press Tab)"))
            return
        self.inspector.focus_first()

    def show_all_arcs(self, on: bool) -> None:
        """Draw every on-screen relation in every pane (thin), or only the selected span's."""
        self.all_arcs = bool(on)
        for overlay in self.overlays.values():
            overlay.show_all = self.all_arcs
            overlay.editor.viewport().update()
        self.controller.message.emit(translate("RelationsLinksEntitiesUi", "Every relation on screen is drawn") if on
                                     else translate("RelationsLinksEntitiesUi",
                                                    "Only the selected span's relations are drawn"))

    def show_entities(self) -> EntitiesWindow:
        """The project's entities, to rename and merge (undoable through this window's controller)."""
        win = self.entities_window if _still_open(self.entities_window) else None
        if win is None:  # deleted when closed (see _forget_window)
            win = self.entities_window = EntitiesWindow(self.controller, self.window, blind=self.host.works_blind())
            win.destroyed.connect(self._forget_window)
        win.reload()
        win.show()
        win.raise_()
        win.activateWindow()
        return win

    def _forget_window(self) -> None:
        """The entities window or the claim table was closed (and deleted): a new one opens next time."""
        for name in ("entities_window", "claims"):
            win = getattr(self, name)
            if win is not None and not shiboken6.isValid(win):
                setattr(self, name, None)

    def show_claim_table(self) -> ClaimTableWindow:
        win = self.claims if _still_open(self.claims) else None
        if win is None:
            win = self.claims = ClaimTableWindow(self.host.project, self.controller.annotator, self.host.show_span,
                                                 self.window)
            win.destroyed.connect(self._forget_window)
        win.show()
        win.raise_()
        win.activateWindow()
        return win
