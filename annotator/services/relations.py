"""Relations: typed pairs of spans inside one document (SOURCE, TIME, TARGET from a CLAIM).

Undoable commands in the style of :mod:`annotator.services.spans`: each ``do`` and
``undo`` is one committed transaction, appended to the change log under the
annotator's name, and returns a :class:`RelationsLinksChanged` so views refresh narrowly;
the GUI wraps them in its one QUndoCommand adapter. Reads: the relations of a
document, and what deleting or relabelling a span would take with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core import validation
from annotator.core.values import Link, Relation, new_relation_id
from annotator.services.changes import (
    RelationsLinksChanged,
    SetKey,
    existing_set,
    open_set,
    read_span,
    relation_payload,
)
from annotator.services.project import InvalidEdit, Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import links as link_store
from annotator.storage import relations as relation_store
from annotator.storage.database import UnitOfWork
from annotator.storage.limits import LIMITS

# -- checks and writes inside a caller's transaction ------------------------------------------

def check_relation(project: Project, s: UnitOfWork, set_id: int, rel: Relation) -> None:
    """Refuse a relation the schema does not allow, on one span, or already in the set."""
    labels = {end: read_span(s, set_id, end).label for end in {rel.head, rel.tail}}
    problem = (validation.id_problem("the relation id", rel.id, LIMITS.relation_id)
               or validation.relation_problem(project.schema, rel, labels))  # the check every importer runs too
    if problem:
        raise InvalidEdit(problem)
    for other in relation_store.relations_of_set(s, set_id):
        if (other.type, other.head, other.tail) == (rel.type, rel.head, rel.tail):
            raise InvalidEdit(f"this {rel.type} relation already exists ({other.id})")


def insert_relation(project: Project, s: UnitOfWork, set_key: SetKey, doc_id: str, rel: Relation,
                    action: str) -> None:
    """Check and store *rel* in the set, and log it as *action*."""
    check_relation(project, s, set_key.id, rel)
    relation_store.insert_relation(s, set_key.id, rel)
    changelog.log_change(s, action=action, annotator=set_key.annotator_id, document_id=doc_id, set_id=set_key.id,
                    payload={"relation": relation_payload(rel)})


def remove_relation(s: UnitOfWork, set_key: SetKey, doc_id: str, relation_id: str, action: str) -> Relation:
    """Delete the relation from the set and log it as *action*; returns it."""
    rel = relation_store.delete_relation(s, set_key.id, relation_id)
    changelog.log_change(s, action=action, annotator=set_key.annotator_id, document_id=doc_id, set_id=set_key.id,
                    payload={"relation": relation_payload(rel)})
    return rel


# -- commands -------------------------------------------------------------------------------

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

    def _changed(self) -> RelationsLinksChanged:
        return RelationsLinksChanged(self.document_id, self.annotator, (self.head, self.tail),
                                relation_ids=(self.relation_id,))

    def do(self, project: Project) -> RelationsLinksChanged:
        rel = Relation(self.relation_id, self.type, self.head, self.tail)
        with project.database.unit_of_work() as s:
            insert_relation(project, s, open_set(s, self.document_id, self.annotator), self.document_id, rel,
                            "relation.add")
        return self._changed()

    def undo(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            remove_relation(s, existing_set(s, self.document_id, self.annotator), self.document_id,
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

    def _changed(self) -> RelationsLinksChanged:
        r = self._deleted
        spans = (r.head, r.tail) if r else ()
        return RelationsLinksChanged(self.document_id, self.annotator, spans, relation_ids=(self.relation_id,))

    def do(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            self._deleted = remove_relation(s, existing_set(s, self.document_id, self.annotator), self.document_id,
                                            self.relation_id, "relation.delete")
        return self._changed()

    def undo(self, project: Project) -> RelationsLinksChanged:
        assert self._deleted is not None, "undo before do"
        with project.database.unit_of_work() as s:
            insert_relation(project, s, open_set(s, self.document_id, self.annotator), self.document_id,
                            self._deleted, "undo.relation.delete")
        return self._changed()


# -- reads ----------------------------------------------------------------------------------

def relations_of(project: Project, doc_id: str, annotator: str) -> list[Relation]:
    """The annotator's relations in the document, in creation order."""
    with project.database.unit_of_work() as s:
        set_row = set_store.find_set(s, doc_id, annotator)
        return [] if set_row is None else relation_store.relations_of_set(s, set_row.id)


def dependents_of(project: Project, doc_id: str, annotator: str, span_id: str) -> tuple[list[Relation], list[Link]]:
    """The relations and links that deleting this span would delete (to ask first)."""
    with project.database.unit_of_work() as s:
        set_row = set_store.find_set(s, doc_id, annotator)
        if set_row is None:
            return [], []
        pk = relation_store.span_pk(s, set_row.id, span_id)
        return relation_store.relations_touching(s, set_row.id, span_id), link_store.links_touching(s, pk)


def relabel_conflicts(project: Project, doc_id: str, annotator: str, span_id: str,
                      new_label: str) -> tuple[list[Relation], list[Link]]:
    """The relations and links that relabelling the span to *new_label* would make invalid
    (a SOURCE whose tail is no longer an ACTOR, a SAME_CLAIM to a non-claim), to ask first."""
    rels, links = dependents_of(project, doc_id, annotator, span_id)
    labels = {sp.id: sp.label for sp in project.spans(doc_id, annotator)}
    labels[span_id] = new_label
    bad_rels = []
    for r in rels:
        try:
            ok = project.schema.relation(r.type).allows(labels.get(r.head, ""), labels.get(r.tail, ""))
        except KeyError:
            ok = False
        if not ok:
            bad_rels.append(r)
    bad_links = []
    for lk in links:
        try:
            ok = new_label in project.schema.link_type(lk.type).labels
        except KeyError:
            ok = False
        if not ok:
            bad_links.append(lk)
    return bad_rels, bad_links
