"""Undoable commands for relations, attributes, entities and cross-document links.

In the style of :mod:`annotator.services.spans`: each ``do`` and ``undo`` is one
committed transaction, appended to the change log under the annotator's name, and
returns a :class:`StructureChanged` (a :class:`Changed` that also names the
relations, links, entities and other documents touched) so views refresh
narrowly. The GUI wraps them in its one QUndoCommand adapter, like AddSpan.

Entity commands are in :mod:`annotator.services.entities`, reads
(relations of a document, links of open documents, entity completion,
mention proposals, the claim table) are in :mod:`annotator.services.structure_queries`
and re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from annotator.core import validation
from annotator.core.dates import DateValue
from annotator.core.errors import NotFound
from annotator.core.values import Span
from annotator.core.values import Link, Relation, new_link_id, new_relation_id
from annotator.storage.limits import LIMITS
from annotator.services.project import InvalidEdit, Project
from annotator.services.changes import (  # noqa: F401  (StructureChanged and payloads are API)
    StructureChanged,
    check_attrs,
    entity_payload,
    existing_set,
    link_payload,
    merged,
    open_set,
    read_span,
    relation_payload,
    span_payload,
    write_attrs,
)
from annotator.services.entities import (  # noqa: F401  (re-exported API)
    AddMentions,
    AttachEntity,
    CreateEntity,
    MergeEntities,
    UpdateEntity,
)
from annotator.services.structure_queries import (  # noqa: F401  (re-exported API)
    claim_table,
    complete_entities,
    default_annotator,
    dependents_of,
    document_anchor,
    entities,
    entity,
    entity_mention_counts,
    entity_mentions,
    entity_types,
    links_of_documents,
    mention_proposals,
    mention_proposals_in,
    propose_date,
    relabel_conflicts,
    relations_of,
)
from annotator.storage import relations_repo as rr
from annotator.storage import repository as repo
from annotator.storage.tables import AnnotationSetRow


# -- relations ------------------------------------------------------------------------

def check_relation(project: Project, s: Session, set_id: int, rel: Relation) -> None:
    """Refuse a relation the schema does not allow, on one span, or already in the set."""
    labels = {end: read_span(s, set_id, end).label for end in {rel.head, rel.tail}}
    problem = (validation.id_problem("the relation id", rel.id, LIMITS.relation_id)
               or validation.relation_problem(project.schema, rel, labels))  # the check every importer runs too
    if problem:
        raise InvalidEdit(problem)
    for other in rr.relations_of_set(s, set_id):
        if (other.type, other.head, other.tail) == (rel.type, rel.head, rel.tail):
            raise InvalidEdit(f"this {rel.type} relation already exists ({other.id})")


def _insert_relation(project: Project, s: Session, set_row: AnnotationSetRow, doc_id: str, rel: Relation,
                     action: str) -> None:
    check_relation(project, s, set_row.id, rel)
    rr.insert_relation(s, set_row.id, rel)
    repo.log_change(s, action=action, annotator=set_row.annotator_id, document_id=doc_id, set_id=set_row.id,
                    payload={"relation": relation_payload(rel)})


def _remove_relation(s: Session, set_row: AnnotationSetRow, doc_id: str, relation_id: str, action: str) -> Relation:
    rel = rr.delete_relation(s, set_row.id, relation_id)
    repo.log_change(s, action=action, annotator=set_row.annotator_id, document_id=doc_id, set_id=set_row.id,
                    payload={"relation": relation_payload(rel)})
    return rel


@dataclass
class AddRelation:
    """Add a relation (SOURCE, TIME, TARGET) from span *head* to span *tail* of one document."""

    document_id: str
    annotator: str
    type: str
    head: str
    tail: str
    relation_id: str = field(default_factory=new_relation_id)

    @property
    def text(self) -> str:
        return f"Add {self.type} relation"

    def _changed(self) -> StructureChanged:
        return StructureChanged(self.document_id, self.annotator, (self.head, self.tail), relation_ids=(self.relation_id,))

    def do(self, project: Project) -> StructureChanged:
        rel = Relation(self.relation_id, self.type, self.head, self.tail)
        with project.database.unit_of_work() as s:
            _insert_relation(project, s, open_set(s, self.document_id, self.annotator), self.document_id, rel,
                             "relation.add")
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            _remove_relation(s, existing_set(s, self.document_id, self.annotator), self.document_id,
                             self.relation_id, "undo.relation.add")
        return self._changed()


@dataclass
class DeleteRelation:
    document_id: str
    annotator: str
    relation_id: str
    _deleted: Relation | None = None

    @property
    def text(self) -> str:
        return "Delete relation"

    def _changed(self) -> StructureChanged:
        r = self._deleted
        spans = (r.head, r.tail) if r else ()
        return StructureChanged(self.document_id, self.annotator, spans, relation_ids=(self.relation_id,))

    def do(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            self._deleted = _remove_relation(s, existing_set(s, self.document_id, self.annotator), self.document_id,
                                             self.relation_id, "relation.delete")
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        assert self._deleted is not None, "undo before do"
        with project.database.unit_of_work() as s:
            _insert_relation(project, s, open_set(s, self.document_id, self.annotator), self.document_id,
                             self._deleted, "undo.relation.delete")
        return self._changed()


# -- attributes -------------------------------------------------------------------------

@dataclass
class SetAttributes:
    """Set or remove (value ``None``) attributes of one span, checked against the schema.

    Only the attributes named in *changes* are checked and changed; others stay.
    """

    document_id: str
    annotator: str
    span_id: str
    changes: dict[str, Any]
    description: str = "Edit attributes"
    _before: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return self.description

    @classmethod
    def from_proposal(cls, document_id: str, annotator: str, span_id: str, proposal: DateValue) -> SetAttributes:
        """Accept a date proposal (``propose_date``): sets ``value`` and ``mod`` (removing an old mod)."""
        return cls(document_id, annotator, span_id, {"value": proposal.value, "mod": proposal.mod},
                   description=f"Set date value {proposal.value}")

    def _changed(self) -> StructureChanged:
        return StructureChanged(self.document_id, self.annotator, (self.span_id,))

    def do(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            set_row = open_set(s, self.document_id, self.annotator)
            span = read_span(s, set_row.id, self.span_id)
            check_attrs(project, s, span.label, self.changes)
            before, _ = write_attrs(s, set_row, self.document_id, self.span_id, merged(span.attrs, self.changes),
                                     "span.attrs")
            self._before = before.attrs
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        assert self._before is not None, "undo before do"
        with project.database.unit_of_work() as s:
            set_row = open_set(s, self.document_id, self.annotator)
            write_attrs(s, set_row, self.document_id, self.span_id, self._before, "undo.span.attrs")
        return self._changed()


# -- links ------------------------------------------------------------------------------

def check_link(project: Project, s: Session, link: Link, src_set_id: int, tgt_set_id: int) -> tuple[int, int]:
    """Refuse a link the schema does not allow, inside one document, or already there (either
    direction for an undirected type); the primary keys of its two spans otherwise."""
    problem = (validation.id_problem("the link id", link.id, LIMITS.link_id)
               or validation.link_problem(project.schema, link, None, None))  # type, and two documents
    if problem:
        raise InvalidEdit(problem)
    src, tgt = read_span(s, src_set_id, link.source_span), read_span(s, tgt_set_id, link.target_span)
    problem = validation.link_problem(project.schema, link, src.label, tgt.label)  # the labels it joins
    if problem:
        raise InvalidEdit(problem)
    ltype = project.schema.link_type(link.type)
    src_pk, tgt_pk = rr.span_pk(s, src_set_id, src.id), rr.span_pk(s, tgt_set_id, tgt.id)
    if rr.link_exists(s, link.id):
        raise InvalidEdit(f"a link with id {link.id!r} already exists")
    for other in rr.links_touching(s, src_pk):
        same = (other.source_doc, other.source_span, other.target_doc, other.target_span) == (
            link.source_doc, link.source_span, link.target_doc, link.target_span)
        flipped = (other.source_doc, other.source_span, other.target_doc, other.target_span) == (
            link.target_doc, link.target_span, link.source_doc, link.source_span)
        if other.type == link.type and (same or (flipped and not ltype.directed)):
            raise InvalidEdit(f"these spans are already linked as {link.type} ({other.id})")
    return src_pk, tgt_pk


def _insert_link(project: Project, s: Session, annotator: str, link: Link, action: str) -> None:
    src_set = open_set(s, link.source_doc, annotator)
    tgt_set = open_set(s, link.target_doc, annotator)
    src_pk, tgt_pk = check_link(project, s, link, src_set.id, tgt_set.id)
    rr.insert_link(s, link, src_pk, tgt_pk, src_set.annotator_id)
    repo.log_change(s, action=action, annotator=src_set.annotator_id, document_id=link.source_doc,
                    set_id=src_set.id, payload={"link": link_payload(link)})


def _remove_link(s: Session, annotator: str, link_id: str, action: str) -> Link:
    owner = rr.link_annotator(s, link_id)
    if owner is None:
        raise NotFound(f"no link {link_id!r} in this project")
    if owner != annotator:
        raise InvalidEdit(f"link {link_id} belongs to {owner}, not {annotator}")
    link = rr.delete_link(s, link_id)
    set_row = existing_set(s, link.source_doc, annotator)
    repo.log_change(s, action=action, annotator=set_row.annotator_id, document_id=link.source_doc,
                    set_id=set_row.id, payload={"link": link_payload(link)})
    return link


def _link_changed(annotator: str, link: Link) -> StructureChanged:
    return StructureChanged(link.source_doc, annotator, (link.source_span,), link_ids=(link.id,),
                            other_documents=((link.target_doc, (link.target_span,)),))


@dataclass
class AddLink:
    """Link a span of one document to a span of another (SAME_CLAIM, CONTRADICTS, SUPPORTS, SAME_DATE)."""

    annotator: str
    type: str
    source_doc: str
    source_span: str
    target_doc: str
    target_span: str
    link_id: str = field(default_factory=new_link_id)

    @property
    def text(self) -> str:
        return f"Link {self.type}"

    @property
    def link(self) -> Link:
        return Link(self.link_id, self.type, self.source_doc, self.source_span, self.target_doc, self.target_span)

    def do(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            _insert_link(project, s, self.annotator, self.link, "link.add")
        return _link_changed(self.annotator, self.link)

    def undo(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            _remove_link(s, self.annotator, self.link_id, "undo.link.add")
        return _link_changed(self.annotator, self.link)


@dataclass
class DeleteLink:
    annotator: str
    link_id: str
    _deleted: Link | None = None

    @property
    def text(self) -> str:
        return "Delete link"

    def do(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            self._deleted = _remove_link(s, self.annotator, self.link_id, "link.delete")
        return _link_changed(self.annotator, self._deleted)

    def undo(self, project: Project) -> StructureChanged:
        assert self._deleted is not None, "undo before do"
        with project.database.unit_of_work() as s:
            _insert_link(project, s, self.annotator, self._deleted, "undo.link.delete")
        return _link_changed(self.annotator, self._deleted)


# -- deleting a span with what depends on it -------------------------------------------------

@dataclass
class DeleteSpanWithDependents:
    """Delete a span with its relations and links, as one step; undo restores all of them.

    Use this instead of ``annotate.DeleteSpan`` for spans that may be in relations
    or links (the database would otherwise drop those silently with the span).
    """

    document_id: str
    annotator: str
    span_id: str
    _span: Span | None = None
    _relations: list[Relation] = field(default_factory=list)
    _links: list[Link] = field(default_factory=list)

    @property
    def text(self) -> str:
        extra = len(self._relations) + len(self._links)
        return "Delete span" + (f" with {extra} relation(s) and link(s)" if extra else "")

    def _changed(self) -> StructureChanged:
        spans = {self.span_id} | {r.head for r in self._relations} | {r.tail for r in self._relations}
        others: dict[str, set[str]] = {}
        for link in self._links:
            doc, span = link.other_end(self.document_id, self.span_id)
            others.setdefault(doc, set()).add(span)
        return StructureChanged(self.document_id, self.annotator, tuple(sorted(spans)),
                                relation_ids=tuple(r.id for r in self._relations),
                                link_ids=tuple(link.id for link in self._links),
                                other_documents=tuple((d, tuple(sorted(v))) for d, v in sorted(others.items())))

    def do(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            set_row = open_set(s, self.document_id, self.annotator)
            row = repo.span_row(s, set_row.id, self.span_id)
            self._span = Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}))
            self._relations = rr.relations_touching(s, set_row.id, self.span_id)
            self._links = rr.links_touching(s, row.pk)
            for rel in self._relations:
                _remove_relation(s, set_row, self.document_id, rel.id, "relation.delete")
            for link in self._links:
                _remove_link(s, self.annotator, link.id, "link.delete")
            s.delete(row)
            repo.log_change(s, action="span.delete", annotator=set_row.annotator_id, document_id=self.document_id,
                            set_id=set_row.id, payload={"span": span_payload(self._span),
                                                        "relations": [r.id for r in self._relations],
                                                        "links": [link.id for link in self._links]})
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        span = self._span
        assert span is not None, "undo before do"
        with project.database.unit_of_work() as s:
            set_row = open_set(s, self.document_id, self.annotator)
            repo.insert_span(s, set_row.id, span)
            s.flush()
            repo.log_change(s, action="undo.span.delete", annotator=set_row.annotator_id,
                            document_id=self.document_id, set_id=set_row.id, payload={"span": span_payload(span)})
            for rel in self._relations:
                _insert_relation(project, s, set_row, self.document_id, rel, "undo.relation.delete")
            for link in self._links:
                _insert_link(project, s, self.annotator, link, "undo.link.delete")
        return self._changed()
