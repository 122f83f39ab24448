"""Relations and links in the adjudication view: drawn in every pane, added to gold by hand.

Every pane (each annotator's version and gold) paints its relations and links
with the annotation window's :class:`~annotator.gui.annotation.overlay.SpanOverlay`: a badge
per relation at its head span (S / T / A), a numbered badge per cross-document
link, and the arcs of the selected span. Each pane reads them from its own
:class:`PaneRelationsLinks` (plain data, filled once the versions are read).

Gold is edited like an annotator's work, through the gold undo stack:

* the relation keys of the schema (S, T, A) with a gold span selected open the
  same span picker as in the annotation window, over the gold spans
  (:class:`~annotator.services.gold.commands.AddGoldRelation`);
* Ctrl+L with a gold span selected opens :class:`LinkTargetDialog`: a link type
  allowed for the span's label, another document with gold, one of its gold
  spans (:class:`~annotator.services.gold.commands.AddGoldLink`);
* the Gold relations and Gold links lists (the main window's panels, over gold)
  show what gold holds with provenance in the tool tip; Delete there removes one.

When the current disagreement is about a relation or a link, every pane selects
its own version's end span, so the arcs being compared are drawn side by side.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from annotator.core.adjudication import Disagreement, Kind, LinkItem, RelationItem
from annotator.core.schema import LabelSchema
from annotator.core.values import Link, Relation, Span
from annotator.gui.adjudication.gold import describe_provenance
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.link_tool import LinkTargetDialog
from annotator.gui.annotation.overlay import SpanOverlay
from annotator.gui.annotation.relation_tool import RelationTool
from annotator.gui.annotation.relations_links_state import (
    Mark,
    build_marks,
    link_colour,
    relation_colour,
    relation_letter,
)
from annotator.gui.common import plain
from annotator.gui.common.actions import ActionRegistry, ActionSpec, relation_actions
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, translate
from annotator.gui.docks.links_dock import LinksDock
from annotator.gui.docks.relations_dock import RelationsDock, preview
from annotator.services.adjudication import (
    AddGoldLink,
    AddGoldRelation,
    DeleteGoldLink,
    DeleteGoldRelation,
    documents_with_gold,
    gold_spans,
)


def links_of(items: Iterable[LinkItem]) -> list[Link]:
    return [Link(lk.id, lk.type, lk.source[0], lk.source_span, lk.target[0], lk.target_span) for lk in items
            if lk.source_span and lk.target_span]


def _relation(r: RelationItem) -> Relation:
    return Relation(r.id, r.type, r.head_span, r.tail_span, dict(r.attrs))


class PaneRelationsLinks:
    """The relations and links one pane draws (one annotator's version, or gold).

    The same questions the overlay asks of the annotation window's
    :class:`~annotator.gui.annotation.relations_links_state.RelationsLinksState`. It keeps the version's
    relation items as read (a long document has thousands) and makes a
    :class:`Relation` only for the selected span's arcs; link numbers are shared
    by all panes of the view (*numbers*), so a link keeps its number everywhere.
    """

    def __init__(self, schema: LabelSchema, doc_id: str, numbers: dict[str, int]) -> None:
        self.schema = schema
        self.doc_id = doc_id
        self._numbers = numbers
        self._items: Sequence[RelationItem] = ()
        self._by_span: dict[str, list[RelationItem]] | None = None
        self._links: list[Link] = []
        self._marks: dict[str, list[Mark]] | None = None

    def set(self, relations: Sequence[RelationItem], links: list[Link]) -> None:
        self._items = [r for r in relations if r.head_span and r.tail_span]
        self._links, self._by_span, self._marks = links, None, None

    def relations(self, doc_id: str) -> list[Relation]:
        return [_relation(r) for r in self._items] if doc_id == self.doc_id else []

    def relations_of_span(self, doc_id: str, span_id: str) -> list[Relation]:
        if doc_id != self.doc_id:
            return []
        if self._by_span is None:
            self._by_span = {}
            for r in self._items:
                self._by_span.setdefault(r.head_span, []).append(r)
                if r.tail_span != r.head_span:
                    self._by_span.setdefault(r.tail_span, []).append(r)
        return [_relation(r) for r in self._by_span.get(span_id, ())]

    def relation(self, doc_id: str, relation_id: str) -> Relation | None:
        found = next((r for r in self._items if r.id == relation_id), None) if doc_id == self.doc_id else None
        return _relation(found) if found is not None else None

    @property
    def links(self) -> list[Link]:
        return list(self._links)

    def links_of_span(self, doc_id: str, span_id: str) -> list[Link]:
        return [lk for lk in self._links if lk.touches(doc_id, span_id)]

    def number(self, link_id: str) -> int:
        if link_id not in self._numbers:
            self._numbers[link_id] = len(self._numbers) + 1
        return self._numbers[link_id]

    def relation_colour(self, type_name: str) -> str:
        return relation_colour(self.schema, type_name)

    def link_colour(self, type_name: str) -> str:
        return link_colour(self.schema, type_name)

    def relation_letter(self, type_name: str) -> str:
        return relation_letter(self.schema, type_name)

    def marks(self, doc_id: str) -> dict[str, list[Mark]]:
        if doc_id != self.doc_id:
            return {}
        if self._marks is None:
            self._marks = build_marks(self.schema, doc_id, ((r.id, r.type, r.head_span) for r in self._items),
                                      self._links, self.number)
        return self._marks


class AdjudicationRelationsLinks(QObject):
    """Relations and links of the adjudication view: overlays, gold relation keys, gold links, gold lists."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]  # AdjudicationWindow (no import cycle)
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.document = window.document
        self.numbers: dict[str, int] = {}
        self.structures: dict[object, PaneRelationsLinks] = {}
        self.overlays: dict[object, SpanOverlay] = {}
        for pane in window.panes:
            structure = PaneRelationsLinks(self.project.schema, self.document.id, self.numbers)
            overlay = SpanOverlay(pane.editor, structure)  # type: ignore[arg-type]  # the same questions
            pane.editor.decorations.append(overlay)
            pane.editor.describe_span = lambda span, s=structure, e=pane.editor: self.describe(s, e, span)
            self.structures[pane] = structure
            self.overlays[pane] = overlay
        self.gold_structure = self.structures[window.gold_pane]
        self.tool = RelationTool(self.project, self.gold_structure, lambda: window.gold_pane.editor, window.say,
                                 self._add_relation, self._delete_relation, self)
        self.link_dialog: LinkTargetDialog | None = None
        self._other_spans: dict[str, list[Span]] = {}
        self._other_texts: dict[str, str] = {}
        self.relations_dock = RelationsDock(window)
        self.relations_dock.setWindowTitle(translate("AdjudicationRelationsLinks", "Gold relations"))
        self.relations_dock.setObjectName("goldRelationDock")
        self.links_dock = LinksDock(window)
        self.links_dock.setWindowTitle(translate("AdjudicationRelationsLinks", "Gold links"))
        self.links_dock.setObjectName("goldLinkDock")
        # tabs beside the disagreement list: the panes keep the whole width
        window.tabifyDockWidget(window.dock, self.relations_dock)
        window.tabifyDockWidget(self.relations_dock, self.links_dock)
        window.dock.raise_()
        self.relations_dock.relationChosen.connect(self._relation_chosen)
        self.relations_dock.deleteRequested.connect(self._delete_relation)
        self.links_dock.endChosen.connect(self._link_end_chosen)
        self.links_dock.deleteRequested.connect(self._delete_link)
        window.gold.structureChanged.connect(self.gold_changed)

    # -- actions (the relation keys work while the gold text has the focus) ----------------------
    def make_actions(self, registry: ActionRegistry) -> list[QAction]:
        """The relation keys of the gold pane and Ctrl+L, through the view's action registry.

        A relation key's text "Add SOURCE relation…" becomes "Gold: add SOURCE relation…", its template
        "Gold: add {relation} relation…", marked in the view's context (the registry translates it there and
        fills in the relation)."""
        gold_template = QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold: add {relation} relation…")
        specs = []
        for i, spec in enumerate(relation_actions(self.project.schema)):
            # a registry that translates a text made from data by its template is given this one's
            template: dict[str, Any] = {"template": gold_template} if getattr(spec, "template", "") else {}
            specs.append(replace(spec, id=f"gold.{spec.id}", text=spec.text.replace("Add", "Gold: add"), menu="Gold",
                                 handler="add_relation", scope="widget", context=False, separator_before=i == 0,
                                 **template))
        specs.append(ActionSpec("gold.link",
                                QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold: &link span to another document…"),
                                "Gold", "link_gold_span", ("Ctrl+L",)))
        return list(registry.add(specs, (self,), widget=self.window.gold_pane.editor).values())

    # -- filling -----------------------------------------------------------------------------------
    def versions_loaded(self, state: Any) -> None:  # AdjudicationState
        for pane in self.window.version_panes:
            version = state.versions.get(pane.name)
            if version is not None:
                self.structures[pane].set(version.relations, links_of(version.links))
            pane.editor.viewport().update()
        self.gold_changed()

    def gold_changed(self) -> None:
        gold = self.window.gold
        self.gold_structure.set(gold.relations, links_of(gold.links))
        editor = self.window.gold_pane.editor
        colours = {r.name: r.color for r in self.project.schema.relations}
        self.relations_dock.show_relations(editor.state, self.gold_structure.relations(self.document.id), colours)
        links = self.gold_structure.links
        self.links_dock.show_links(links, {lk.id: self.gold_structure.number(lk.id) for lk in links},
                                   {lt.name: lt.color for lt in self.project.schema.links}, self._title,
                                   self._gold_text)
        editor.viewport().update()

    # -- describing --------------------------------------------------------------------------------
    def _title(self, doc_id: str) -> str:
        if doc_id == self.document.id:
            return self.document.title or doc_id
        return next((t for d, t in self._documents() if d == doc_id), doc_id)

    def _documents(self) -> list[tuple[str, str]]:
        return documents_with_gold(self.project, self.window.adjudicator)

    def _spans_of(self, doc_id: str) -> list[Span]:
        """Gold spans of another document (read once per view; the other document is not being edited here)."""
        if doc_id not in self._other_spans:
            self._other_spans[doc_id] = [s for s, _p in gold_spans(self.project, doc_id, self.window.adjudicator)]
        return self._other_spans[doc_id]

    def _text_of(self, doc_id: str, span: Span) -> str:
        if doc_id not in self._other_texts:
            self._other_texts[doc_id] = self.project.document(doc_id).text
        return span.text_in(self._other_texts[doc_id])

    def _gold_text(self, doc_id: str, span_id: str) -> str:
        missing = translate("AdjudicationRelationsLinks", "(missing)")
        if doc_id == self.document.id:
            span = self.window.gold.spans.get(span_id)
            return span.text_in(self.document.text) if span is not None else missing
        span = next((s for s in self._spans_of(doc_id) if s.id == span_id), None)
        return self._text_of(doc_id, span) if span is not None else missing

    def describe(self, structure: PaneRelationsLinks, editor: DocumentEditor, span: Span) -> list[str]:
        """Tool-tip lines about a span's relations and links in its pane (with provenance in gold)."""
        if editor.state is None:
            return []
        spans, text = editor.state.spans, editor.state.text

        def end(uid: str) -> str:
            other = spans.get(uid)
            return plain.isolate(preview(other.text_in(text), 60)) if other is not None else \
                translate("AdjudicationRelationsLinks", "(missing)")

        gold = structure is self.gold_structure
        lines = []
        for rel in structure.relations_of_span(self.document.id, span.id):
            # the arrows point to the reading direction's "next" side: the Arabic translation turns them
            if rel.head == span.id:
                line = translate("AdjudicationRelationsLinks", "{type} → {end}").format(type=rel.type,
                                                                                       end=end(rel.tail))
            else:
                line = translate("AdjudicationRelationsLinks", "{type} of ← {end}").format(type=rel.type,
                                                                                           end=end(rel.head))
            if gold:
                line += f" ({describe_provenance(self.window.gold.provenance(rel.id))})"
            lines.append(line)
        for lk in structure.links_of_span(self.document.id, span.id):
            other_doc, _other_span = lk.other_end(self.document.id, span.id)
            lines.append(translate("AdjudicationRelationsLinks", "link {number} {type} ↔ {title}").format(
                number=integer(structure.number(lk.id)), type=lk.type, title=plain.isolate(self._title(other_doc))))
        return lines

    # -- showing a disagreement --------------------------------------------------------------------
    def show_disagreement(self, d: Disagreement) -> None:
        """A relation or link disagreement: every pane selects its own version's end span here (so its arcs
        are drawn); any other: the versions' panes select nothing (an earlier relation's arcs go)."""
        if d.kind not in (Kind.RELATION, Kind.LINK):
            for pane in self.window.version_panes:
                if pane.editor.selected_span_id is not None:
                    pane.editor.select_span(None, scroll=False)
            return
        for pane in self.window.version_panes:
            if d.kind is Kind.RELATION:
                ids = [r.head_span for r in d.relations.get(pane.name, ())]
            else:
                ids = [lk.source_span if lk.source[0] == self.document.id else lk.target_span
                       for lk in d.links.get(pane.name, ())]
            self._select_first(pane.editor, ids)
        state = self.window.loaded_state
        if state is None:
            return
        version = self.window.gold.index.version_of(d, state.state.diff)
        if d.kind is Kind.RELATION:
            ids = [r.head_span for r in version.relations]
        else:
            ids = [lk.source_span if lk.source[0] == self.document.id else lk.target_span for lk in version.links]
        self._select_first(self.window.gold_pane.editor, ids)

    @staticmethod
    def _select_first(editor: DocumentEditor, ids: Sequence[str]) -> None:
        span = next((s for s in (editor.state.spans.get(i) for i in ids if i) if s is not None), None) \
            if editor.state is not None else None
        editor.select_span(span, scroll=False)

    # -- gold relations ----------------------------------------------------------------------------
    def add_relation(self, type_name: str) -> None:
        """A relation key in the gold pane: pick the other end among the gold spans."""
        self.tool.add_relation(type_name)

    def _add_relation(self, doc_id: str, rtype: str, head: str, tail: str) -> bool:
        ran: bool = self.window.gold.run(AddGoldRelation(doc_id, self.window.adjudicator, rtype, head, tail))
        return ran

    def _delete_relation(self, doc_id: str, relation_id: str) -> bool:
        ran: bool = self.window.gold.run(DeleteGoldRelation(doc_id, self.window.adjudicator, relation_id))
        return ran

    def _relation_chosen(self, doc_id: str, relation_id: str) -> None:
        rel = self.gold_structure.relation(doc_id, relation_id)
        editor = self.window.gold_pane.editor
        head = editor.state.spans.get(rel.head) if rel is not None and editor.state is not None else None
        if head is not None:
            editor.select_span(head)
            self.overlays[self.window.gold_pane].focus_relation = relation_id
            editor.viewport().update()

    # -- gold links --------------------------------------------------------------------------------
    def link_gold_span(self) -> LinkTargetDialog | None:
        """Ctrl+L: link the selected gold span to a gold span of another document (a dialog)."""
        span = self.window.gold_pane.editor.selected_span()
        if span is None:
            key = QKeySequence("Ctrl+L").toString(QKeySequence.SequenceFormat.NativeText)
            self.window.say(translate("AdjudicationRelationsLinks",
                                      "Select a gold span first (click it in the gold pane), then {key} links it")
                            .format(key=key))
            return None
        if not any(span.label in lt.labels for lt in self.project.schema.links):
            self.window.say(translate("AdjudicationRelationsLinks", "No link type of the schema joins {label} spans")
                            .format(label=span.label))
            return None
        documents = [(d, t) for d, t in self._documents() if d != self.document.id]
        if not documents:
            self.window.say(translate("AdjudicationRelationsLinks",
                                      "No other document has gold yet: adjudicate the other outlet's article first"))
            return None
        self._other_spans.clear()  # another window may have changed their gold since
        dialog = LinkTargetDialog(self.project.schema, span, span.text_in(self.document.text), documents,
                                  self._spans_of, self._text_of, gold=True, parent=self.window)
        dialog.accepted.connect(lambda d=dialog, s=span: self._link_chosen(d, s))
        dialog.destroyed.connect(self._forget_link_dialog)
        self.link_dialog = dialog
        dialog.open()
        return dialog

    def _forget_link_dialog(self) -> None:
        if self.link_dialog is not None and not shiboken6.isValid(self.link_dialog):
            self.link_dialog = None

    def _link_chosen(self, dialog: LinkTargetDialog, span: Span) -> None:
        choice = dialog.choice()
        if choice is None:
            self.window.say(translate("AdjudicationRelationsLinks", "No link added: choose a span in the list"))
            return
        ltype, other_doc, other_span, outgoing = choice
        self.window.gold.run(AddGoldLink(self.document.id, self.window.adjudicator, ltype, span.id, other_doc,
                                         other_span, outgoing=outgoing))

    def _delete_link(self, link_id: str) -> None:
        self.window.gold.run(DeleteGoldLink(self.document.id, self.window.adjudicator, link_id))

    def _link_end_chosen(self, doc_id: str, span_id: str, _other: str) -> None:
        if doc_id != self.document.id:
            lk = self.links_dock.current_link()
            if lk is None:
                return
            doc_id, span_id = (lk.source_doc, lk.source_span) if lk.source_doc == self.document.id else \
                (lk.target_doc, lk.target_span)
        editor = self.window.gold_pane.editor
        span = editor.state.spans.get(span_id) if editor.state is not None else None
        if span is not None:
            editor.select_span(span)

