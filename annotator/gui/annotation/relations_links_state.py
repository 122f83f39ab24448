"""The relations and cross-document links of the open documents, kept in memory.

The panes paint from this (badges, arcs), the relation and link docks list it,
and tool tips read it. It is read from the project right after the panes show
their documents (never while a pane paints) and re-read narrowly when a command
reports a ``RelationsLinksChanged`` that names relations or links; ``changed`` then
tells the views which documents to repaint. Every link gets a number for the session (the order it was first seen:
creation order on opening), shown on both of its ends.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from annotator.core.schema import LabelSchema
from annotator.core.values import Link, Relation
from annotator.gui.common.i18n import integer
from annotator.services.changes import RelationsLinksChanged
from annotator.services.links import links_of_documents
from annotator.services.project import Changed, Project
from annotator.services.relations import relations_of

GREY = "#888888"


@dataclass(frozen=True)
class Mark:
    """A badge painted at a span's start: a relation letter or a link number."""

    kind: str  # "relation" (the span is the head of it) or "link"
    text: str
    colour: str
    id: str  # relation or link id


def relation_colour(schema: LabelSchema, type_name: str) -> str:
    try:
        return schema.relation(type_name).color
    except KeyError:
        return GREY


def link_colour(schema: LabelSchema, type_name: str) -> str:
    try:
        return schema.link_type(type_name).color
    except KeyError:
        return GREY


def relation_letter(schema: LabelSchema, type_name: str) -> str:
    """The relation's key in capitals (S, T, A), or its first letter."""
    try:
        key = schema.relation(type_name).key
    except KeyError:
        key = ""
    return key.upper() if key.isalpha() else type_name[:1]


def build_marks(schema: LabelSchema, doc_id: str, heads: Iterable[tuple[str, str, str]], links: Iterable[Link],
                number: Callable[[str], int]) -> dict[str, list[Mark]]:
    """Span id -> badges in *doc_id*: the relations it is the head of (*heads*: relation id, type, head
    span id), then its links (numbered)."""
    found: dict[str, list[Mark]] = {}
    letters: dict[str, tuple[str, str]] = {}
    for rel_id, rtype, head in heads:
        style = letters.get(rtype)
        if style is None:
            style = letters[rtype] = (relation_letter(schema, rtype), relation_colour(schema, rtype))
        found.setdefault(head, []).append(Mark("relation", style[0], style[1], rel_id))
    for link in links:
        for d, s in ((link.source_doc, link.source_span), (link.target_doc, link.target_span)):
            if d == doc_id:
                found.setdefault(s, []).append(Mark("link", integer(number(link.id)), link_colour(schema, link.type),
                                                    link.id))
    return found


class RelationsLinksState(QObject):
    """Relations per open document and the links touching the open documents."""

    #: frozenset of document ids whose relations or links (and so their marks) changed
    changed = Signal(object)

    def __init__(self, project: Project, annotator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.annotator = annotator
        self._relations: dict[str, list[Relation]] = {}
        self._links: list[Link] = []
        self._open: frozenset[str] = frozenset()
        self._numbers: dict[str, int] = {}
        self._marks: dict[str, dict[str, list[Mark]]] = {}

    # -- reading ---------------------------------------------------------------------
    def relations(self, doc_id: str) -> list[Relation]:
        """The annotator's relations in *doc_id* (read once, then kept current)."""
        rels = self._relations.get(doc_id)
        if rels is None:
            rels = self._relations[doc_id] = relations_of(self.project, doc_id, self.annotator)
            self._marks.pop(doc_id, None)
        return rels

    def relations_of_span(self, doc_id: str, span_id: str) -> list[Relation]:
        return [r for r in self.relations(doc_id) if span_id in (r.head, r.tail)]

    def relation(self, doc_id: str, relation_id: str) -> Relation | None:
        return next((r for r in self.relations(doc_id) if r.id == relation_id), None)

    @property
    def links(self) -> list[Link]:
        """Links with at least one end in an open document, in creation order."""
        return list(self._links)

    def links_of_span(self, doc_id: str, span_id: str) -> list[Link]:
        return [lk for lk in self._links if lk.touches(doc_id, span_id)]

    def number(self, link_id: str) -> int:
        """The link's number for this session (the same on both ends)."""
        if link_id not in self._numbers:
            self._numbers[link_id] = len(self._numbers) + 1
        return self._numbers[link_id]

    def relation_colour(self, type_name: str) -> str:
        return relation_colour(self.project.schema, type_name)

    def link_colour(self, type_name: str) -> str:
        return link_colour(self.project.schema, type_name)

    def relation_letter(self, type_name: str) -> str:
        return relation_letter(self.project.schema, type_name)

    def marks(self, doc_id: str) -> dict[str, list[Mark]]:
        """Span id -> badges: the relations it is the head of, then its links.

        Never reads the database (it runs while a pane paints): a document whose
        relations are not read yet has no relation badges until they are.
        """
        found = self._marks.get(doc_id)
        if found is None:
            heads = ((r.id, r.type, r.head) for r in self._relations.get(doc_id, []))
            found = self._marks[doc_id] = build_marks(self.project.schema, doc_id, heads, self._links, self.number)
        return found

    # -- keeping current ------------------------------------------------------------------
    def set_open_documents(self, doc_ids: Iterable[str]) -> None:
        """The documents shown in the panes; the links are re-read when that set changes."""
        docs = frozenset(d for d in doc_ids if d)
        if docs == self._open:
            return
        self._open = docs
        for gone in set(self._relations) - docs:
            del self._relations[gone]
        for doc_id in docs:
            self.relations(doc_id)
        self._reload_links()
        self._marks.clear()
        self.changed.emit(docs)

    def apply(self, changed: Changed) -> None:
        """Re-read what a command reports as changed and say which documents to repaint."""
        if not isinstance(changed, RelationsLinksChanged):
            return
        docs: set[str] = set()
        doc_id = changed.document_id
        if changed.relation_ids and doc_id:
            self._relations[doc_id] = relations_of(self.project, doc_id, self.annotator)
            docs.add(doc_id)
        if changed.link_ids:
            before = {lk.id: lk for lk in self._links}
            self._reload_links()
            for link in [*before.values(), *self._links]:
                if link.id in changed.link_ids:
                    docs.update((link.source_doc, link.target_doc))
            docs.add(doc_id)
            docs.update(d for d, _spans in changed.other_documents)
        docs.discard("")
        if docs:
            for d in docs:
                self._marks.pop(d, None)
            self.changed.emit(frozenset(docs))

    def refresh(self) -> None:
        """Read everything again (after an import or a change made elsewhere)."""
        self._relations.clear()
        for doc_id in self._open:
            self.relations(doc_id)
        self._reload_links()
        self._marks.clear()
        self.changed.emit(self._open)

    def _reload_links(self) -> None:
        self._links = links_of_documents(self.project, sorted(self._open), self.annotator) if self._open else []
        for link in self._links:
            self.number(link.id)
