"""Undoable commands for project-wide entities: create (from a span, in one step),
edit, attach a span, and tag confirmed mention proposals."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.core import validation
from annotator.core.values import Span
from annotator.core.values import Entity, new_entity_id
from annotator.storage.limits import LIMITS
from annotator.services.project import InvalidEdit, Project, new_span_id
from annotator.services.changes import (
    StructureChanged,
    check_attrs,
    entity_payload,
    merged,
    open_set,
    read_span,
    span_payload,
    write_attrs,
)
from annotator.storage import relations_repo as rr
from annotator.storage import repository as repo
from annotator.storage.tables import SpanRow


def _check_entity(project: Project, s: Session, e: Entity, *, new: bool, allow_duplicate_name: bool) -> None:
    if not e.name.strip():
        raise InvalidEdit("an entity needs a name")
    problem = validation.id_problem("the entity id", e.id, LIMITS.entity_id) or next(
        (f"the name or an alias {p}" for p in map(validation.string_problem, (e.name, *e.aliases)) if p), None)
    if problem:
        raise InvalidEdit(problem)
    types = project.schema.entity_types()
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


def attach_changes(project: Project, span: Span, entity: Entity | None) -> dict[str, Any]:
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
                set_row = open_set(s, self.document_id, self.annotator)
                span = read_span(s, set_row.id, self.span_id)
            name = self.name.strip() or (repo.get_document(s, self.document_id).text[span.start : span.end]
                                         if span is not None and self.document_id else "")
            entity = Entity(self.entity_id, name, self.type, tuple(a.strip() for a in self.aliases if a.strip()))
            _check_entity(project, s, entity, new=True, allow_duplicate_name=self.allow_duplicate_name)
            rr.insert_entity(s, entity)
            repo.log_change(s, action="entity.add", annotator=who, document_id=self.document_id,
                            payload={"entity": entity_payload(entity)})
            if span is not None and set_row is not None and self.document_id is not None:
                changes = attach_changes(project, span, entity)
                check_attrs(project, s, span.label, changes)
                before, _ = write_attrs(s, set_row, self.document_id, span.id, merged(span.attrs, changes),
                                         "span.attrs")
                self._before_attrs = before.attrs
            self._entity = entity
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            who = repo.annotator_id(s, self.annotator) if self.annotator else None
            if self._before_attrs is not None and self.document_id and self.span_id and self.annotator:
                set_row = open_set(s, self.document_id, self.annotator)
                write_attrs(s, set_row, self.document_id, self.span_id, self._before_attrs, "undo.span.attrs")
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
            set_row = open_set(s, self.document_id, self.annotator)
            span = read_span(s, set_row.id, self.span_id)
            ent = rr.get_entity(s, self.entity_id) if self.entity_id else None
            changes = attach_changes(project, span, ent)
            check_attrs(project, s, span.label, changes)
            before, _ = write_attrs(s, set_row, self.document_id, self.span_id, merged(span.attrs, changes),
                                     "span.attrs")
            self._before = before.attrs
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        assert self._before is not None, "undo before do"
        with project.database.unit_of_work() as s:
            set_row = open_set(s, self.document_id, self.annotator)
            write_attrs(s, set_row, self.document_id, self.span_id, self._before, "undo.span.attrs")
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
            set_row = open_set(s, self.document_id, self.annotator)
            for sid, (start, end) in zip(self.span_ids, self.ranges):
                probe = Span(sid, start, end, self.label, {})
                attrs = merged({}, attach_changes(project, probe, ent))
                span = Span(sid, start, end, self.label, attrs)
                check_attrs(project, s, self.label, attrs)
                repo.insert_span(s, set_row.id, span)
                repo.log_change(s, action="span.add", annotator=set_row.annotator_id, document_id=self.document_id,
                                set_id=set_row.id, payload={"span": span_payload(span)})
        return self._changed()

    def undo(self, project: Project) -> StructureChanged:
        with project.database.unit_of_work() as s:
            set_row = open_set(s, self.document_id, self.annotator)
            for sid in self.span_ids:
                row = repo.span_row(s, set_row.id, sid)
                span = Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}))
                s.delete(row)
                repo.log_change(s, action="undo.span.add", annotator=set_row.annotator_id,
                                document_id=self.document_id, set_id=set_row.id, payload={"span": span_payload(span)})
        return self._changed()


@dataclass
class MergeEntities:
    """Merge entities into one (the same person entered twice, under two spellings).

    Every span, of every annotator and in gold, that refers to one of *merged* then
    refers to *keep*; their names and aliases become aliases of *keep*; the merged
    entities are deleted. One transaction and one log entry; undo restores all of it.
    Entities are project-wide, so this changes other annotators' spans too: the
    window offers it to adjudicators and managers, the CLI to anyone naming ``--as``.
    """

    annotator: str | None
    keep: str
    merged: tuple[str, ...]
    _before: tuple[Entity, list[Entity], list[tuple[int, str]]] | None = None
    _mine: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the annotator's changed spans by document

    @property
    def text(self) -> str:
        return "Merge entities"

    def _changed(self) -> tuple[StructureChanged, ...]:
        who = self.annotator or ""
        ids = (self.keep, *self.merged)
        out = [StructureChanged(doc, who, spans, entity_ids=ids) for doc, spans in sorted(self._mine.items())]
        return tuple(out) or (StructureChanged("", who, entity_ids=ids),)

    def do(self, project: Project) -> tuple[StructureChanged, ...]:
        merged_ids = tuple(dict.fromkeys(self.merged))
        if not merged_ids:
            raise InvalidEdit("name at least one entity to merge into the one kept")
        if self.keep in merged_ids:
            raise InvalidEdit(f"entity {self.keep!r} cannot be merged into itself")
        with project.database.unit_of_work() as s:
            keep = rr.get_entity(s, self.keep)
            gone = [rr.get_entity(s, uid) for uid in merged_ids]
            changed: list[tuple[int, str]] = []
            mine: dict[str, list[str]] = {}
            for row, doc_id, owner, _kind in rr.span_rows_with_entities(s, merged_ids):
                changed.append((row.pk, row.attrs["entity"]))
                row.attrs = {**row.attrs, "entity": keep.id}
                row.updated_at = repo.utcnow()
                if owner == self.annotator:
                    mine.setdefault(doc_id, []).append(row.uid)
            names = [n for e in gone for n in e.names]
            aliases = tuple(dict.fromkeys(a for a in (*keep.aliases, *names) if a and a != keep.name))
            rr.update_entity(s, Entity(keep.id, keep.name, keep.type, aliases))
            for e in gone:
                rr.delete_entity(s, e.id)
            repo.log_change(s, action="entity.merge",
                            annotator=repo.annotator_id(s, self.annotator) if self.annotator else None,
                            payload={"keep": entity_payload(keep), "merged": [entity_payload(e) for e in gone],
                                     "spans": len(changed)})
        self._before = (keep, gone, changed)
        self._mine = {d: tuple(v) for d, v in mine.items()}
        return self._changed()

    def undo(self, project: Project) -> tuple[StructureChanged, ...]:
        assert self._before is not None, "undo before do"
        keep, gone, changed = self._before
        with project.database.unit_of_work() as s:
            for e in gone:
                rr.insert_entity(s, e)
            rr.update_entity(s, keep)
            rows = {row.pk: row for row in s.scalars(select(SpanRow).where(SpanRow.pk.in_([pk for pk, _ in changed])))}
            for pk, old in changed:
                row = rows[pk]
                row.attrs = {**row.attrs, "entity": old}
                row.updated_at = repo.utcnow()
            repo.log_change(s, action="undo.entity.merge",
                            annotator=repo.annotator_id(s, self.annotator) if self.annotator else None,
                            payload={"keep": entity_payload(keep), "merged": [entity_payload(e) for e in gone],
                                     "spans": len(changed)})
        return self._changed()
