"""Project-wide entities (the canonical actors ACTOR spans refer to).

Undoable commands: create (from a span, in one step), edit, attach a span, tag
confirmed mention proposals, merge. Reads: the entities, completion by name or
alias, an entity's mentions and their counts, and mention proposals (where the
name occurs in a document, not yet tagged).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core import validation
from annotator.core.date_words import fold
from annotator.core.schema import LabelSchema
from annotator.core.tokens import tokens
from annotator.core.values import Document, Entity, EntityMention, MentionProposal, Span, new_entity_id
from annotator.services.changes import (
    RelationsLinksChanged,
    check_attrs,
    entity_payload,
    merged,
    open_set,
    read_span,
    write_attrs,
)
from annotator.services.project import Changed, InvalidEdit, Project
from annotator.services.spans import TagRanges
from annotator.services.team import check_may_change
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import entities as entity_store
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork
from annotator.storage.limits import LIMITS

_CLITIC_LETTERS = "وفبلك"


def _check_entity(project: Project, s: UnitOfWork, e: Entity, *, new: bool, allow_duplicate_name: bool) -> None:
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
    if new and entity_store.find_entity(s, e.id) is not None:
        raise InvalidEdit(f"an entity with id {e.id!r} already exists")
    if not allow_duplicate_name:
        for other in entity_store.list_entities(s):
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

    def _changed(self) -> RelationsLinksChanged:
        spans = (self.span_id,) if self.span_id else ()
        return RelationsLinksChanged(self.document_id or "", self.annotator or "", spans, entity_ids=(self.entity_id,))

    def do(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            who = team_store.annotator_id(s, self.annotator) if self.annotator else None
            span = None
            set_key = None
            if self.span_id is not None:
                if self.document_id is None or self.annotator is None:
                    raise InvalidEdit("a span needs its document and annotator")
                set_key = open_set(s, self.document_id, self.annotator)
                span = read_span(s, set_key.id, self.span_id)
            name = self.name.strip() or (document_store.get_document(s, self.document_id).text[span.start : span.end]
                                         if span is not None and self.document_id else "")
            entity = Entity(self.entity_id, name, self.type, tuple(a.strip() for a in self.aliases if a.strip()))
            _check_entity(project, s, entity, new=True, allow_duplicate_name=self.allow_duplicate_name)
            entity_store.insert_entity(s, entity)
            changelog.log_change(s, action="entity.add", annotator=who, document_id=self.document_id,
                            payload={"entity": entity_payload(entity)})
            if span is not None and set_key is not None and self.document_id is not None:
                changes = attach_changes(project, span, entity)
                check_attrs(project, s, span.label, changes)
                before, _ = write_attrs(s, set_key, self.document_id, span.id, merged(span.attrs, changes),
                                         "span.attrs")
                self._before_attrs = before.attrs
            self._entity = entity
        return self._changed()

    def undo(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            who = team_store.annotator_id(s, self.annotator) if self.annotator else None
            if self._before_attrs is not None and self.document_id and self.span_id and self.annotator:
                set_key = open_set(s, self.document_id, self.annotator)
                write_attrs(s, set_key, self.document_id, self.span_id, self._before_attrs, "undo.span.attrs")
            gone = entity_store.delete_entity(s, self.entity_id)
            changelog.log_change(s, action="undo.entity.add", annotator=who, document_id=self.document_id,
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
            before = entity_store.get_entity(s, self.entity_id)
            check_may_change(s, self.annotator, (m[1] for m in entity_store.spans_with_entity(s, self.entity_id)))
            after = target or Entity(before.id, before.name if self.name is None else self.name.strip(),
                                     before.type if self.type is None else self.type,
                                     before.aliases if self.aliases is None else
                                     tuple(a.strip() for a in self.aliases if a.strip()))
            _check_entity(project, s, after, new=False, allow_duplicate_name=True)
            entity_store.update_entity(s, after)
            changelog.log_change(
                s,
                action=action,
                annotator=team_store.annotator_id(s, self.annotator) if self.annotator else None,
                payload={"before": entity_payload(before), "after": entity_payload(after)},
            )
            if target is None:
                self._before = before

    def do(self, project: Project) -> RelationsLinksChanged:
        self._write(project, None, "entity.update")
        return RelationsLinksChanged("", self.annotator or "", entity_ids=(self.entity_id,))

    def undo(self, project: Project) -> RelationsLinksChanged:
        assert self._before is not None, "undo before do"
        self._write(project, self._before, "undo.entity.update")
        return RelationsLinksChanged("", self.annotator or "", entity_ids=(self.entity_id,))


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

    def _changed(self) -> RelationsLinksChanged:
        ents = (self.entity_id,) if self.entity_id else ()
        return RelationsLinksChanged(self.document_id, self.annotator, (self.span_id,), entity_ids=ents)

    def do(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            span = read_span(s, set_key.id, self.span_id)
            ent = entity_store.get_entity(s, self.entity_id) if self.entity_id else None
            changes = attach_changes(project, span, ent)
            check_attrs(project, s, span.label, changes)
            before, _ = write_attrs(s, set_key, self.document_id, self.span_id, merged(span.attrs, changes),
                                     "span.attrs")
            self._before = before.attrs
        return self._changed()

    def undo(self, project: Project) -> RelationsLinksChanged:
        assert self._before is not None, "undo before do"
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            write_attrs(s, set_key, self.document_id, self.span_id, self._before, "undo.span.attrs")
        return self._changed()


@dataclass
class AddMentions(TagRanges):
    """Tag confirmed mention proposals of an entity as ACTOR spans attached to it, in one step
    (:class:`~annotator.services.spans.TagRanges`, the command search results are tagged with)."""

    entity_id: str = ""
    label: str = ""  # the schema's actor label (role "actor") unless given

    def do(self, project: Project) -> Changed:
        self.label = self.label or actor_label(project)
        return super().do(project)

    @property
    def text(self) -> str:
        return f"Tag {len(self.ranges)} mention(s)"

    def attrs(self, project: Project, s: UnitOfWork, span: Span) -> dict[str, Any]:
        attrs = merged({}, attach_changes(project, span, entity_store.get_entity(s, self.entity_id)))
        check_attrs(project, s, self.label, attrs)
        return attrs

    def changed(self, spans: dict[str, Span | None]) -> RelationsLinksChanged:
        return RelationsLinksChanged(self.document_id, self.annotator, tuple(self.span_ids), spans=spans,
                                     status_changed=True, entity_ids=(self.entity_id,))


@dataclass
class MergeEntities:
    """Merge entities into one (the same person entered twice, under two spellings).

    Every span, of every annotator and in gold, that refers to one of *merged* then
    refers to *keep*; their names and aliases become aliases of *keep*; the merged
    entities are deleted. One transaction and one log entry; undo restores all of it.
    Entities are project-wide, so this changes other annotators' spans too: the
    window offers it to adjudicators and managers; an annotator may merge only entities that no
    one else's spans (gold's included) refer to (:func:`~annotator.services.team.check_may_change`).
    """

    annotator: str | None
    keep: str
    merged: tuple[str, ...]
    _before: tuple[Entity, list[Entity], list[tuple[int, str]]] | None = None
    _mine: dict[str, tuple[str, ...]] = field(default_factory=dict)  # the annotator's changed spans by document

    @property
    def text(self) -> str:
        return "Merge entities"

    def _changed(self) -> tuple[RelationsLinksChanged, ...]:
        who = self.annotator or ""
        ids = (self.keep, *self.merged)
        out = [RelationsLinksChanged(doc, who, spans, entity_ids=ids) for doc, spans in sorted(self._mine.items())]
        return tuple(out) or (RelationsLinksChanged("", who, entity_ids=ids),)

    def do(self, project: Project) -> tuple[RelationsLinksChanged, ...]:
        merged_ids = tuple(dict.fromkeys(self.merged))
        if not merged_ids:
            raise InvalidEdit("name at least one entity to merge into the one kept")
        if self.keep in merged_ids:
            raise InvalidEdit(f"entity {self.keep!r} cannot be merged into itself")
        with project.database.unit_of_work() as s:
            keep = entity_store.get_entity(s, self.keep)
            gone = [entity_store.get_entity(s, uid) for uid in merged_ids]
            changed: list[tuple[int, str]] = []
            mine: dict[str, list[str]] = {}
            owners: set[str] = set()
            for pk, old, doc_id, owner, span_id in entity_store.retarget_mentions(s, merged_ids, keep.id):
                changed.append((pk, old))
                owners.add(owner)
                if owner == self.annotator:
                    mine.setdefault(doc_id, []).append(span_id)
            check_may_change(s, self.annotator, owners)  # raised inside the unit of work: nothing is written
            names = [n for e in gone for n in e.names]
            aliases = tuple(dict.fromkeys(a for a in (*keep.aliases, *names) if a and a != keep.name))
            entity_store.update_entity(s, Entity(keep.id, keep.name, keep.type, aliases))
            for e in gone:
                entity_store.delete_entity(s, e.id)
            changelog.log_change(s, action="entity.merge",
                            annotator=team_store.annotator_id(s, self.annotator) if self.annotator else None,
                            payload={"keep": entity_payload(keep), "merged": [entity_payload(e) for e in gone],
                                     "spans": len(changed)})
        self._before = (keep, gone, changed)
        self._mine = {d: tuple(v) for d, v in mine.items()}
        return self._changed()

    def undo(self, project: Project) -> tuple[RelationsLinksChanged, ...]:
        assert self._before is not None, "undo before do"
        keep, gone, changed = self._before
        with project.database.unit_of_work() as s:
            for e in gone:
                entity_store.insert_entity(s, e)
            entity_store.update_entity(s, keep)
            entity_store.restore_mentions(s, changed)
            changelog.log_change(s, action="undo.entity.merge",
                            annotator=team_store.annotator_id(s, self.annotator) if self.annotator else None,
                            payload={"keep": entity_payload(keep), "merged": [entity_payload(e) for e in gone],
                                     "spans": len(changed)})
        return self._changed()


# -- reads ----------------------------------------------------------------------------------

def entity_types(schema: LabelSchema) -> tuple[str, ...]:
    """Allowed entity types (see :meth:`LabelSchema.entity_types`)."""
    return schema.entity_types()


def entities(project: Project) -> list[Entity]:
    with project.database.unit_of_work() as s:
        return entity_store.list_entities(s)


def entity(project: Project, entity_id: str) -> Entity:
    with project.database.unit_of_work() as s:
        return entity_store.get_entity(s, entity_id)


def complete_entities(project: Project, prefix: str, limit: int = 20) -> list[Entity]:
    """Entities whose name or an alias starts with *prefix* (then those with a word that does).

    Matching ignores harakat, tatweel, alef and ya/ta marbuta variants and case.
    """
    want = fold(prefix.strip())
    ranked: list[tuple[int, str, Entity]] = []
    for e in entities(project):
        names = [fold(n) for n in e.names]
        if not want or any(n.startswith(want) for n in names):
            ranked.append((0, e.name, e))
        elif any(w.startswith(want) for n in names for w in n.split()):
            ranked.append((1, e.name, e))
    ranked.sort(key=lambda t: (t[0], t[1], t[2].id))
    return [e for *_, e in ranked[:limit]]


def entity_mentions(project: Project, entity_id: str) -> list[EntityMention]:
    """Every span attached to the entity, in every document, of every annotator."""
    with project.database.unit_of_work() as s:
        entity_store.get_entity(s, entity_id)
        rows = entity_store.spans_with_entity(s, entity_id)
        texts = {d.id: d.text for d in document_store.all_documents(s, sorted({r[0] for r in rows}))}
    return [EntityMention(d, who, uid, a, b, texts[d][a:b], lab) for d, who, uid, a, b, lab in rows]


def entity_mention_counts(project: Project, annotator: str | None = None) -> dict[str, int]:
    """Entity id -> how many spans (of any annotator, or only of *annotator*: what a blind
    annotator may see) are attached to it."""
    with project.database.unit_of_work() as s:
        return entity_store.mention_counts(s, annotator)


def mention_proposals(project: Project, doc_id: str, annotator: str, entity_id: str, *,
                      clitics: bool = False, label: str | None = None) -> list[MentionProposal]:
    """Where the entity's name or an alias occurs in the document on word boundaries, not yet tagged.

    A match must start and end at token edges (``core.tokens``), so ``بايدن`` is not
    found inside ``لبايدن`` unless *clitics* allows one or two clitic letters (و ف ب ل ك)
    before it. Matches inside a longer match, or overlapping an existing span of
    *label* (or equal to any existing span), are left out.
    """
    ent = entity(project, entity_id)
    doc = project.document(doc_id)
    spans = project.spans(doc_id, annotator)
    return _proposals(doc, spans, ent, clitics=clitics, label=label or actor_label(project))


def actor_label(project: Project) -> str:
    """The label entity mentions are tagged with: the schema's ``actor`` role (``core.schema``)."""
    label = project.schema.role_label("actor")
    if label is None:
        raise InvalidEdit("this project's schema has no actor label (a label with role = \"actor\" and an "
                           "attribute entity of kind \"entity\"): entity mentions cannot be tagged")
    return label


def mention_proposals_in(project: Project, doc_ids: Sequence[str], annotator: str, entity_id: str, *,
                         clitics: bool = False) -> dict[str, list[MentionProposal]]:
    """:func:`mention_proposals` for each of several (open) documents."""
    return {d: mention_proposals(project, d, annotator, entity_id, clitics=clitics) for d in doc_ids}


def _proposals(doc: Document, spans: list[Span], ent: Entity, *, clitics: bool, label: str) -> list[MentionProposal]:
    text = doc.text
    toks = tokens(text)
    starts = {t.start for t in toks}
    ends = {t.end for t in toks}

    def starts_word(i: int) -> bool:
        if i in starts:
            return True
        if not clitics:
            return False
        return any(i - k in starts and all(c in _CLITIC_LETTERS for c in text[i - k : i]) for k in (1, 2))

    found: set[tuple[int, int]] = set()
    for name in ent.names:
        if not name:
            continue
        i = text.find(name)
        while i >= 0:
            j = i + len(name)
            if starts_word(i) and j in ends:
                found.add((i, j))
            i = text.find(name, i + 1)
    taken = [(s.start, s.end) for s in spans if s.label == label]
    exact = {(s.start, s.end) for s in spans}
    keep = []
    for a, b in sorted(found):
        if (a, b) in exact or any(a < e and s < b for s, e in taken):
            continue
        if any((x, y) != (a, b) and x <= a and b <= y for x, y in found):
            continue
        keep.append(MentionProposal(doc.id, a, b, text[a:b], ent.id))
    return keep
