"""Undoable commands for relations, attributes, entities and cross-document links.

In the style of :mod:`annotator.services.annotate`: each ``do`` and ``undo`` is one
committed transaction, appended to the change log under the annotator's name, and
returns a :class:`StructureChanged` (a :class:`Changed` that also names the
relations, links, entities and other documents touched) so views refresh
narrowly. The GUI wraps them in its one QUndoCommand adapter, like AddSpan.

Reads (relations of a document, links of open documents, entity completion,
mention proposals, the claim table) are in :mod:`annotator.services.structure_queries`
and re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from annotator.core.dates import DateValue
from annotator.core.errors import NotFound
from annotator.core.model import SetStatus, Span
from annotator.core.structure import Entity, Link, Relation, new_entity_id, new_link_id, new_relation_id
from annotator.services.project import Changed, InvalidEdit, Project, new_span_id
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
    relations_of,
)
from annotator.storage import relations_repo as rr
from annotator.storage import repository as repo
from annotator.storage.models import AnnotationSetRow


@dataclass(frozen=True)
class StructureChanged(Changed):
    """What changed: spans of ``document_id`` (as Changed) plus relations, links, entities,
    and spans of other documents (``other_documents``: (document id, span ids) pairs)."""

    relation_ids: tuple[str, ...] = ()
    link_ids: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    other_documents: tuple[tuple[str, tuple[str, ...]], ...] = ()


# -- payloads and helpers -----------------------------------------------------------

def span_payload(span: Span) -> dict[str, Any]:
    return {"id": span.id, "start": span.start, "end": span.end, "label": span.label, "attrs": span.attrs}


def relation_payload(r: Relation) -> dict[str, Any]:
    return {"id": r.id, "type": r.type, "head": r.head, "tail": r.tail, **({"attrs": r.attrs} if r.attrs else {})}


def link_payload(link: Link) -> dict[str, Any]:
    return {"id": link.id, "type": link.type, "source": {"doc": link.source_doc, "span": link.source_span},
            "target": {"doc": link.target_doc, "span": link.target_span}}


def entity_payload(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)}


def _open_set(s: Session, doc_id: str, annotator: str) -> AnnotationSetRow:
    row = repo.get_or_create_set(s, doc_id, annotator)
    if row.status == SetStatus.NEW.value:
        repo.set_status(s, row, SetStatus.IN_PROGRESS)
    return row


def _existing_set(s: Session, doc_id: str, annotator: str) -> AnnotationSetRow:
    row = repo.find_set(s, doc_id, annotator)
    if row is None:
        raise NotFound(f"{annotator} has no annotations in document {doc_id!r}")
    return row


def _span(s: Session, set_id: int, span_id: str) -> Span:
    row = repo.span_row(s, set_id, span_id)
    return Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}))


def _write_attrs(s: Session, set_row: AnnotationSetRow, doc_id: str, span_id: str, attrs: dict[str, Any],
                 action: str) -> tuple[Span, Span]:
    row = repo.span_row(s, set_row.id, span_id)
    before = Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}))
    row.attrs = dict(attrs)
    row.updated_at = repo.utcnow()
    after = Span(row.uid, row.start, row.end, row.label, dict(attrs))
    repo.log_change(s, action=action, annotator=set_row.annotator_id, document_id=doc_id, set_id=set_row.id,
                    payload={"before": span_payload(before), "after": span_payload(after)})
    return before, after


def _check_attrs(project: Project, s: Session, label: str, changes: Mapping[str, Any]) -> None:
    """Refuse unknown attributes and values (schema), and entity ids not in the project."""
    given = {k: v for k, v in changes.items() if v is not None}
    problems = project.schema.validate_attrs(label, given)
    for name, value in given.items():
        try:
            adef = project.schema.attribute(label, name)
        except KeyError:
            continue
        if adef.kind == "entity" and isinstance(value, str) and rr.find_entity(s, value) is None:
            problems.append(f"{label} {name}: no entity {value!r} in this project")
    if problems:
        raise InvalidEdit("; ".join(problems))


def _merged(before: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(before)
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out


# -- relations ------------------------------------------------------------------------

def _check_relation(project: Project, s: Session, set_id: int, rel: Relation) -> None:
    schema = project.schema
    try:
        rtype = schema.relation(rel.type)
    except KeyError:
        known = ", ".join(r.name for r in schema.relations) or "none"
        raise InvalidEdit(f"relation type {rel.type!r} is not in the schema (known: {known})") from None
    if rel.head == rel.tail:
        raise InvalidEdit("a relation joins two different spans")
    head, tail = _span(s, set_id, rel.head), _span(s, set_id, rel.tail)
    if not rtype.allows(head.label, tail.label):
        raise InvalidEdit(f"{rtype.name} goes from {' or '.join(rtype.head)} to {' or '.join(rtype.tail)}, "
                          f"not from {head.label} to {tail.label}")
    for other in rr.relations_of_set(s, set_id):
        if (other.type, other.head, other.tail) == (rel.type, rel.head, rel.tail):
            raise InvalidEdit(f"this {rel.type} relation already exists ({other.id})")


def _insert_relation(project: Project, s: Session, set_row: AnnotationSetRow, doc_id: str, rel: Relation,
                     action: str) -> None:
    _check_relation(project, s, set_row.id, rel)
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
            _insert_relation(project, s, _open_set(s, self.document_id, self.annotator), self.document_id, rel,
                             "relation.add")
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            _remove_relation(s, _existing_set(s, self.document_id, self.annotator), self.document_id,
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
            self._deleted = _remove_relation(s, _existing_set(s, self.document_id, self.annotator), self.document_id,
                                             self.relation_id, "relation.delete")
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        assert self._deleted is not None, "undo before do"
        with project.database.unit_of_work() as s:
            _insert_relation(project, s, _open_set(s, self.document_id, self.annotator), self.document_id,
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
            set_row = _open_set(s, self.document_id, self.annotator)
            span = _span(s, set_row.id, self.span_id)
            _check_attrs(project, s, span.label, self.changes)
            before, _ = _write_attrs(s, set_row, self.document_id, self.span_id, _merged(span.attrs, self.changes),
                                     "span.attrs")
            self._before = before.attrs
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        assert self._before is not None, "undo before do"
        with project.database.unit_of_work() as s:
            set_row = _open_set(s, self.document_id, self.annotator)
            _write_attrs(s, set_row, self.document_id, self.span_id, self._before, "undo.span.attrs")
        return self._changed()


# -- entities ---------------------------------------------------------------------------

def _check_entity(project: Project, s: Session, e: Entity, *, new: bool, allow_duplicate_name: bool) -> None:
    if not e.name.strip():
        raise InvalidEdit("an entity needs a name")
    types = entity_types(project.schema)
    if types and e.type not in types:
        raise InvalidEdit(f"entity type {e.type!r} is not allowed (allowed: {', '.join(types)})")
    if any(not isinstance(a, str) or not a.strip() for a in e.aliases):
        raise InvalidEdit("aliases must be non-empty texts")
    if new and rr.find_entity(s, e.id) is not None:
        raise InvalidEdit(f"an entity with id {e.id!r} already exists")
    if not allow_duplicate_name:
        for other in rr.list_entities(s):
            if other.id != e.id and other.name == e.name:
                raise InvalidEdit(f"an entity named {e.name!r} already exists ({other.id}): attach to it, "
                                  "or add this name as an alias")


def _attach_changes(project: Project, span: Span, entity: Entity | None) -> dict[str, Any]:
    """Attributes to set when *span* is attached to *entity*: the id, and its type if the span has none."""
    changes: dict[str, Any] = {"entity": entity.id if entity else None}
    if entity is not None and "type" not in span.attrs:
        try:
            project.schema.attribute(span.label, "type")
            changes["type"] = entity.type
        except KeyError:
            pass
    return changes


@dataclass
class CreateEntity:
    """Create a project-wide entity; with a span, also attach the span to it, in one step.

    Without a *name*, the span's text is the name.
    """

    annotator: str | None
    name: str = ""
    type: str = "other"
    aliases: tuple[str, ...] = ()
    document_id: str | None = None
    span_id: str | None = None
    entity_id: str = field(default_factory=new_entity_id)
    allow_duplicate_name: bool = False
    _before_attrs: dict[str, Any] | None = None
    _entity: Entity | None = None

    @property
    def text(self) -> str:
        return "Create entity"

    def _changed(self) -> StructureChanged:
        spans = (self.span_id,) if self.span_id else ()
        return StructureChanged(self.document_id or "", self.annotator or "", spans, entity_ids=(self.entity_id,))

    def do(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            who = repo.annotator_id(s, self.annotator) if self.annotator else None
            span = None
            set_row = None
            if self.span_id is not None:
                if self.document_id is None or self.annotator is None:
                    raise InvalidEdit("a span needs its document and annotator")
                set_row = _open_set(s, self.document_id, self.annotator)
                span = _span(s, set_row.id, self.span_id)
            name = self.name.strip() or (repo.get_document(s, self.document_id).text[span.start : span.end]
                                         if span is not None and self.document_id else "")
            entity = Entity(self.entity_id, name, self.type, tuple(a.strip() for a in self.aliases if a.strip()))
            _check_entity(project, s, entity, new=True, allow_duplicate_name=self.allow_duplicate_name)
            rr.insert_entity(s, entity)
            repo.log_change(s, action="entity.add", annotator=who, document_id=self.document_id,
                            payload={"entity": entity_payload(entity)})
            if span is not None and set_row is not None and self.document_id is not None:
                changes = _attach_changes(project, span, entity)
                _check_attrs(project, s, span.label, changes)
                before, _ = _write_attrs(s, set_row, self.document_id, span.id, _merged(span.attrs, changes),
                                         "span.attrs")
                self._before_attrs = before.attrs
            self._entity = entity
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            who = repo.annotator_id(s, self.annotator) if self.annotator else None
            if self._before_attrs is not None and self.document_id and self.span_id and self.annotator:
                set_row = _open_set(s, self.document_id, self.annotator)
                _write_attrs(s, set_row, self.document_id, self.span_id, self._before_attrs, "undo.span.attrs")
            gone = rr.delete_entity(s, self.entity_id)
            repo.log_change(s, action="undo.entity.add", annotator=who, document_id=self.document_id,
                            payload={"entity": entity_payload(gone)})
        return self._changed()


@dataclass
class UpdateEntity:
    """Rename an entity, change its type, or replace its aliases."""

    annotator: str | None
    entity_id: str
    name: str | None = None
    type: str | None = None
    aliases: tuple[str, ...] | None = None
    _before: Entity | None = None

    @property
    def text(self) -> str:
        return "Edit entity"

    def _write(self, project: Project, target: Entity | None, action: str) -> None:
        with project.database.unit_of_work() as s:
            before = rr.get_entity(s, self.entity_id)
            after = target or Entity(before.id, before.name if self.name is None else self.name.strip(),
                                     before.type if self.type is None else self.type,
                                     before.aliases if self.aliases is None else
                                     tuple(a.strip() for a in self.aliases if a.strip()))
            _check_entity(project, s, after, new=False, allow_duplicate_name=True)
            rr.update_entity(s, after)
            repo.log_change(s, action=action, annotator=repo.annotator_id(s, self.annotator) if self.annotator else None,
                            payload={"before": entity_payload(before), "after": entity_payload(after)})
            if target is None:
                self._before = before

    def do(self, project: Project) -> StructureChanged:
        self._write(project, None, "entity.update")
        return StructureChanged("", self.annotator or "", entity_ids=(self.entity_id,))

    def undo(self, project: Project) -> StructureChanged:
        assert self._before is not None, "undo before do"
        self._write(project, self._before, "undo.entity.update")
        return StructureChanged("", self.annotator or "", entity_ids=(self.entity_id,))


@dataclass
class AttachEntity:
    """Attach an ACTOR span to an entity (or detach it with ``entity_id=None``).

    If the span has no ``type`` yet, it takes the entity's type.
    """

    document_id: str
    annotator: str
    span_id: str
    entity_id: str | None
    _before: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return "Attach to entity" if self.entity_id else "Detach from entity"

    def _changed(self) -> StructureChanged:
        ents = (self.entity_id,) if self.entity_id else ()
        return StructureChanged(self.document_id, self.annotator, (self.span_id,), entity_ids=ents)

    def do(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            set_row = _open_set(s, self.document_id, self.annotator)
            span = _span(s, set_row.id, self.span_id)
            ent = rr.get_entity(s, self.entity_id) if self.entity_id else None
            changes = _attach_changes(project, span, ent)
            _check_attrs(project, s, span.label, changes)
            before, _ = _write_attrs(s, set_row, self.document_id, self.span_id, _merged(span.attrs, changes),
                                     "span.attrs")
            self._before = before.attrs
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        assert self._before is not None, "undo before do"
        with project.database.unit_of_work() as s:
            set_row = _open_set(s, self.document_id, self.annotator)
            _write_attrs(s, set_row, self.document_id, self.span_id, self._before, "undo.span.attrs")
        return self._changed()


@dataclass
class AddMentions:
    """Tag confirmed mention proposals of an entity as ACTOR spans attached to it, in one step."""

    document_id: str
    annotator: str
    entity_id: str
    ranges: Sequence[tuple[int, int]]
    label: str = "ACTOR"
    span_ids: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return f"Tag {len(self.ranges)} mention(s)"

    def _changed(self) -> StructureChanged:
        return StructureChanged(self.document_id, self.annotator, tuple(self.span_ids), entity_ids=(self.entity_id,))

    def do(self, project: Project) -> StructureChanged:
        if not self.span_ids:
            self.span_ids = [new_span_id() for _ in self.ranges]
        for sid, (start, end) in zip(self.span_ids, self.ranges):
            project.validate_span(self.document_id, Span(sid, start, end, self.label, {}))
        with project.database.unit_of_work() as s:
            ent = rr.get_entity(s, self.entity_id)
            set_row = _open_set(s, self.document_id, self.annotator)
            for sid, (start, end) in zip(self.span_ids, self.ranges):
                probe = Span(sid, start, end, self.label, {})
                attrs = _merged({}, _attach_changes(project, probe, ent))
                span = Span(sid, start, end, self.label, attrs)
                _check_attrs(project, s, self.label, attrs)
                repo.insert_span(s, set_row.id, span)
                repo.log_change(s, action="span.add", annotator=set_row.annotator_id, document_id=self.document_id,
                                set_id=set_row.id, payload={"span": span_payload(span)})
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            set_row = _open_set(s, self.document_id, self.annotator)
            for sid in self.span_ids:
                row = repo.span_row(s, set_row.id, sid)
                span = Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}))
                s.delete(row)
                repo.log_change(s, action="undo.span.add", annotator=set_row.annotator_id,
                                document_id=self.document_id, set_id=set_row.id, payload={"span": span_payload(span)})
        return self._changed()


# -- links ------------------------------------------------------------------------------

def _insert_link(project: Project, s: Session, annotator: str, link: Link, action: str) -> None:
    schema = project.schema
    try:
        ltype = schema.link_type(link.type)
    except KeyError:
        known = ", ".join(lt.name for lt in schema.links) or "none"
        raise InvalidEdit(f"link type {link.type!r} is not in the schema (known: {known})") from None
    if link.source_doc == link.target_doc:
        raise InvalidEdit("a link joins spans of two different documents (inside one document, use a relation)")
    src_set = _open_set(s, link.source_doc, annotator)
    tgt_set = _open_set(s, link.target_doc, annotator)
    src, tgt = _span(s, src_set.id, link.source_span), _span(s, tgt_set.id, link.target_span)
    if not ltype.allows(src.label, tgt.label):
        raise InvalidEdit(f"{ltype.name} links {' or '.join(ltype.labels)} spans, not {src.label} to {tgt.label}")
    src_pk, tgt_pk = rr.span_pk(s, src_set.id, src.id), rr.span_pk(s, tgt_set.id, tgt.id)
    if rr.link_exists(s, link.id):
        raise InvalidEdit(f"a link with id {link.id!r} already exists")
    for other in rr.links_touching(s, src_pk):
        same = (other.source_doc, other.source_span, other.target_doc, other.target_span) == (
            link.source_doc, link.source_span, link.target_doc, link.target_span)
        flipped = (other.source_doc, other.source_span, other.target_doc, other.target_span) == (
            link.target_doc, link.target_span, link.source_doc, link.source_span)
        if other.type == link.type and (same or (flipped and not ltype.directed)):
            raise InvalidEdit(f"these spans are already linked as {link.type} ({other.id})")
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
    set_row = _existing_set(s, link.source_doc, annotator)
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
            set_row = _open_set(s, self.document_id, self.annotator)
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
            set_row = _open_set(s, self.document_id, self.annotator)
            repo.insert_span(s, set_row.id, span)
            s.flush()
            repo.log_change(s, action="undo.span.delete", annotator=set_row.annotator_id,
                            document_id=self.document_id, set_id=set_row.id, payload={"span": span_payload(span)})
            for rel in self._relations:
                _insert_relation(project, s, set_row, self.document_id, rel, "undo.relation.delete")
            for link in self._links:
                _insert_link(project, s, self.annotator, link, "undo.link.delete")
        return self._changed()
