"""The project's own schema: show it, change it, undo a change.

``set_schema`` checks a new schema against the data in one write transaction: adding
labels, attributes, values, relation and link types always works; a name the new schema
no longer has, while spans, relations, links or attribute values (gold too) use it, is
refused with the counts unless the mapping says what becomes of that data
(``--rename OLD=NEW`` rewrites it, ``--drop NAME`` deletes it, see
:mod:`annotator.core.schema_change`). The rewrite, the new schema and one change-log
entry (``schema.set``, keeping the old and new TOML and the mapping) are one
transaction. ``undo_schema`` sets the schema of before the last change again and
reverses its renames (dropped data does not come back; it says how much). When the
project has a manager, only a manager may change the schema.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.errors import AnnotatorError
from annotator.core.schema import LabelSchema, parse_schema
from annotator.core.schema_change import SchemaMapping, differences, parse_mapping
from annotator.core.values import Role
from annotator.services.project import Project
from annotator.services.team import NotAllowed
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import schema as schema_store
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork, begin_write
from annotator.storage.kinds import GOLD


class SchemaRefused(AnnotatorError):
    """A schema change that would leave data under names the new schema does not have."""

    def __init__(self, plan: SchemaPlan) -> None:
        self.plan = plan
        super().__init__("the new schema removes what the data uses:\n  " + "\n  ".join(plan.refusals))


@dataclass
class Uses:
    """How many items use a name, in how many annotators' work and in gold."""

    items: int = 0
    annotators: set[int] = field(default_factory=set)
    gold: int = 0

    def add(self, kind: str, annotator_id: int, n: int = 1) -> None:
        self.items += n
        if kind == GOLD:
            self.gold += n
        else:
            self.annotators.add(annotator_id)

    def text(self, noun: str) -> str:
        """``37 spans of 3 annotators and gold``."""
        whose = []
        if self.annotators:
            whose.append(f"{len(self.annotators)} annotator{'s' if len(self.annotators) != 1 else ''}")
        if self.gold:
            whose.append("gold")
        return f"{self.items} {noun}{'s' if self.items != 1 else ''} of {' and '.join(whose)}"


@dataclass
class SchemaPlan:
    """What a schema change does: the differences, what the mapping rewrites or deletes,
    and what it refuses (data under a removed name with no mapping)."""

    old: LabelSchema
    new: LabelSchema
    mapping: SchemaMapping
    changes: list[str] = field(default_factory=list)
    rewrites: list[str] = field(default_factory=list)
    refusals: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # what to write (filled by the planner)
    delete_relations: list[int] = field(default_factory=list, repr=False)
    delete_links: list[int] = field(default_factory=list, repr=False)
    attr_updates: list[tuple[int, dict[str, Any]]] = field(default_factory=list, repr=False)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def unchanged(self) -> bool:
        return self.old.source == self.new.source and self.mapping.is_empty()

    def lines(self) -> list[str]:
        """The plan for people: what changes, then what the data undergoes."""
        out = list(self.changes) or ["(no change)"]
        out += [f"data: {line}" for line in self.rewrites]
        out += self.notes
        return out


def _suggestion(plan: SchemaPlan, kind: str) -> str:
    """A name for ``--rename OLD=NEW``: the one name of *kind* the new schema adds, else NEW."""
    if kind == "label":
        olds, news = set(plan.old.names), plan.new.names
    elif kind == "relation":
        olds, news = {r.name for r in plan.old.relations}, [r.name for r in plan.new.relations]
    else:
        olds, news = {lt.name for lt in plan.old.links}, [lt.name for lt in plan.new.links]
    added = [n for n in news if n not in olds]
    return added[0] if len(added) == 1 else "NEW"


def _plan(s: UnitOfWork, old: LabelSchema, new: LabelSchema, mapping: SchemaMapping) -> SchemaPlan:
    m = mapping
    plan = SchemaPlan(old, new, m, differences(old, new, m))
    # labels
    by_label: dict[str, Uses] = defaultdict(Uses)
    for use in schema_store.label_uses(s):
        by_label[use.label].add(use.kind, use.annotator_id, use.spans)
    for label, uses in by_label.items():
        if label in new and label not in m.labels:
            continue
        if label in m.labels:
            plan.rewrites.append(f"label {label} becomes {m.labels[label]} on {uses.text('span')}")
            plan.counts["spans renamed"] = plan.counts.get("spans renamed", 0) + uses.items
        elif label in m.drop_labels:
            plan.rewrites.append(f"label {label} dropped: {uses.text('span')} deleted, with their relations and links")
            plan.counts["spans deleted"] = plan.counts.get("spans deleted", 0) + uses.items
        else:
            new_name = _suggestion(plan, "label")
            plan.refusals.append(f"label {label} is used by {uses.text('span')}; "
                                 f"give --rename {label}={new_name} or --drop {label}")
    gone = {label for label in by_label if label in m.drop_labels}
    # relations and links
    for kind, rows, types, renames, drops in (
            ("relation", schema_store.relation_uses(s), {r.name: r for r in new.relations}, m.relations,
             m.drop_relations),
            ("link", schema_store.link_uses(s), {lt.name: lt for lt in new.links}, m.links, m.drop_links)):
        renamed: dict[str, Uses] = defaultdict(Uses)
        dropped: dict[str, Uses] = defaultdict(Uses)
        unknown: dict[str, Uses] = defaultdict(Uses)
        misfit: dict[tuple[str, str, str], Uses] = defaultdict(Uses)
        doomed = plan.delete_relations if kind == "relation" else plan.delete_links
        for row in rows:
            if row.first_label in gone or row.second_label in gone:
                continue  # deleted with its span
            target = renames.get(row.type, row.type)
            first, second = m.new_label(row.first_label), m.new_label(row.second_label)
            rtype = types.get(target)
            fits = rtype is not None and rtype.allows(first, second)
            if row.type in drops and not fits:
                dropped[row.type].add(row.kind, row.annotator_id)
                doomed.append(row.pk)
            elif rtype is None:
                unknown[row.type].add(row.kind, row.annotator_id)
            elif not fits:
                misfit[(target, first, second)].add(row.kind, row.annotator_id)
            elif row.type in renames:
                renamed[row.type].add(row.kind, row.annotator_id)
        for name, uses in renamed.items():
            plan.rewrites.append(f"{kind} type {name} becomes {renames[name]} on {uses.text(kind)}")
        for name, uses in dropped.items():
            what = "dropped" if name not in types else "no longer fits"
            plan.rewrites.append(f"{kind} type {name} {what}: {uses.text(kind)} deleted")
            plan.counts[f"{kind}s deleted"] = plan.counts.get(f"{kind}s deleted", 0) + uses.items
        for name, uses in unknown.items():
            plan.refusals.append(f"{kind} type {name} is used by {uses.text(kind)}; give --rename "
                                 f"{name}={_suggestion(plan, kind)} or --drop {name}")
        for (name, first, second), uses in misfit.items():
            joins = "{} to {}" if kind == "relation" else "{} and {}"
            plan.refusals.append(f"{kind} type {name} no longer joins {joins.format(first, second)}, which "
                                 f"{uses.text(kind)} do; give --drop {name} to delete them")
    # attributes
    _plan_attributes(s, plan, gone)
    if m.drop_labels - set(by_label):
        plan.notes.append(f"note: no span uses {', '.join(sorted(m.drop_labels - set(by_label)))}")
    return plan


def _plan_attributes(s: UnitOfWork, plan: SchemaPlan, gone: set[str]) -> None:
    m, new = plan.mapping, plan.new
    renamed: dict[tuple[str, str], Uses] = defaultdict(Uses)
    renamed_values: dict[tuple[str, str, str], Uses] = defaultdict(Uses)
    dropped: dict[tuple[str, str], Uses] = defaultdict(Uses)
    unknown: dict[tuple[str, str], Uses] = defaultdict(Uses)
    refused: dict[tuple[str, str], Uses] = defaultdict(Uses)
    example: dict[tuple[str, str], object] = {}
    for row in schema_store.span_attrs(s, (lab for lab in plan.old.names if lab not in gone)):
        label = m.new_label(row.label)
        if label not in new:
            continue  # a label refused above
        defs = {a.name: a for a in new.attributes_of(label)}
        out: dict[str, Any] = {}
        for name, value in row.attrs.items():
            key = (row.label, name)
            target = m.attributes.get(key, name)
            if isinstance(value, str) and (row.label, name, value) in m.values:
                renamed_values[(row.label, name, value)].add(row.kind, row.annotator_id)
                value = m.values[(row.label, name, value)]
            adef = defs.get(target)
            fits = adef is not None and adef.problem(value) is None
            if key in m.drop_attributes and not fits:
                dropped[key].add(row.kind, row.annotator_id)
                continue
            if adef is None:
                unknown[key].add(row.kind, row.annotator_id)
            elif not fits:
                refused[key].add(row.kind, row.annotator_id)
                example.setdefault(key, value)
            elif target != name:
                renamed[key].add(row.kind, row.annotator_id)
            out[target] = value
        if out != row.attrs:
            plan.attr_updates.append((row.pk, out))
    for (label, name), uses in renamed.items():
        plan.rewrites.append(f"attribute {label}.{name} becomes {m.attributes[(label, name)]} on {uses.text('span')}")
    for (label, name, value), uses in renamed_values.items():
        plan.rewrites.append(f"value {label}.{name} {value!r} becomes {m.values[(label, name, value)]!r} "
                             f"on {uses.text('span')}")
    for (label, name), uses in dropped.items():
        plan.rewrites.append(f"attribute {label}.{name} removed from {uses.text('span')}")
        plan.counts["attribute values removed"] = plan.counts.get("attribute values removed", 0) + uses.items
    for (label, name), uses in unknown.items():
        plan.refusals.append(f"attribute {label}.{name} is set on {uses.text('span')}; give --rename "
                             f"{label}.{name}={m.new_label(label)}.NEW or --drop {label}.{name}")
    for (label, name), uses in refused.items():
        plan.refusals.append(f"attribute {label}.{name}: {uses.text('span')} hold values the new schema refuses "
                             f"(e.g. {example[(label, name)]!r}); give --drop {label}.{name} to remove those values")


def _acting(s: UnitOfWork, acting: str | None) -> int | None:
    """The acting annotator's id; only a manager when the project has one."""
    people = team_store.annotators(s)
    managers = [p.name for p in people if p.role is Role.MANAGER]
    who = team_store.find_annotator(s, acting) if acting is not None else None
    if managers and (who is None or who.role is not Role.MANAGER):
        why = ("; give --as NAME" if acting is None else f"; {acting} is not an annotator of this project"
               if who is None else f"; {acting} is {who.role.value}")
        raise NotAllowed(f"only a manager may change the schema of this project (managers: {', '.join(managers)})"
                         + why)
    if who is None and acting is not None:  # a window's annotator before their first edit: made, as an edit would
        return team_store.annotator_id(s, acting)
    return who.id if who is not None else None


def _apply(project: Project, s: UnitOfWork, plan: SchemaPlan, action: str, who: int | None,
           extra: dict[str, Any]) -> None:
    if plan.refusals:
        raise SchemaRefused(plan)
    m = plan.mapping
    schema_store.delete_relations(s, plan.delete_relations)
    schema_store.delete_links(s, plan.delete_links)
    schema_store.delete_labels(s, m.drop_labels)
    schema_store.set_span_attrs(s, plan.attr_updates)
    schema_store.rename_labels(s, m.labels)
    schema_store.rename_relation_types(s, m.relations)
    schema_store.rename_link_types(s, m.links)
    document_store.set_active_schema(s, plan.new)
    changelog.log_change(s, action=action, annotator=who, payload={
        "before": plan.old.source, "after": plan.new.source,
        "from": f"{plan.old.name} v{plan.old.version}", "to": f"{plan.new.name} v{plan.new.version}",
        "mapping": m.to_payload(), "changes": plan.changes, "counts": plan.counts, **extra})


def _current(s: UnitOfWork, project: Project) -> LabelSchema:
    return document_store.active_schema(s) or project.schema


# -- the use cases -------------------------------------------------------------------------------

def plan_schema(project: Project, new: LabelSchema, renames: Sequence[str] = (),
                drops: Sequence[str] = ()) -> SchemaPlan:
    """What setting *new* would do (nothing is written): the window shows it before asking."""
    with project.database.unit_of_work() as s:
        old = _current(s, project)
        return _plan(s, old, new, parse_mapping(old, new, renames, drops))


def set_schema(project: Project, new: LabelSchema, renames: Sequence[str] = (), drops: Sequence[str] = (),
               acting: str | None = None, origin: str | None = None) -> SchemaPlan:
    """Make *new* the project's schema, rewriting data as *renames* and *drops* say, in one
    logged transaction; :class:`SchemaRefused` (nothing written) if data would be left under
    a removed name. Setting the schema the project has already changes and logs nothing."""
    with project.database.unit_of_work() as s:
        begin_write(s)
        who = _acting(s, acting)
        old = _current(s, project)
        plan = _plan(s, old, new, parse_mapping(old, new, renames, drops))
        if not plan.unchanged:
            _apply(project, s, plan, "schema.set", who, {"file": origin} if origin else {})
    project.schema = new
    return plan


def undo_schema(project: Project, acting: str | None = None) -> SchemaPlan:
    """Undo the last schema change not undone yet: its schema of before comes back and its
    renames are reversed (logged as ``undo.schema.set``). Data it dropped stays deleted (the
    plan's notes say how much); data made since under names the old schema lacks is refused."""
    with project.database.unit_of_work() as s:
        begin_write(s)
        who = _acting(s, acting)
        log = schema_store.schema_log(s)
        undone = {p.get("undoes") for action, p in ((a, p) for _i, a, p in log) if action == "undo.schema.set"}
        last = next(((cid, p) for cid, action, p in reversed(log) if action == "schema.set" and cid not in undone),
                    None)
        if last is None:
            raise AnnotatorError("there is no schema change to undo")
        cid, payload = last
        old = _current(s, project)
        if old.source != payload.get("after"):
            raise AnnotatorError(f"the schema is not the one change {cid} set (it was changed without the log); "
                                 "set the schema you want with `annotator schema set FILE`")
        before = parse_schema(str(payload.get("before", "")), f"the schema before change {cid}")
        mapping = SchemaMapping.from_payload(dict(payload.get("mapping") or {}))
        plan = _plan(s, old, before, mapping.inverse_renames())
        lost = dict(payload.get("counts") or {})
        deleted = {k: v for k, v in lost.items() if "deleted" in k or "removed" in k}
        if deleted:
            plan.notes.append("not restored (deleted by that change): "
                              + ", ".join(f"{v} {k.replace(' deleted', '').replace(' removed', '')}"
                                          for k, v in deleted.items()))
        _apply(project, s, plan, "undo.schema.set", who, {"undoes": cid})
    project.schema = before
    return plan


def has_data(project: Project) -> bool:
    """True if the project holds a document or a span (``import --schema`` asks)."""
    with project.database.unit_of_work() as s:
        return schema_store.has_data(s)


def schema_history(project: Project) -> list[tuple[int, str, dict[str, Any]]]:
    """Every schema change in the change log, oldest first."""
    with project.database.unit_of_work() as s:
        return schema_store.schema_log(s)


def names_used(project: Project, labels: Iterable[str]) -> Counter[str]:
    """Spans per label (every set, gold too)."""
    with project.database.unit_of_work() as s:
        out: Counter[str] = Counter()
        wanted = set(labels)
        for use in schema_store.label_uses(s):
            if use.label in wanted:
                out[use.label] += use.spans
        return out


def start_with_schema(project: Project, schema: LabelSchema, origin: str) -> None:
    """``import --schema``: give a project that holds no data *schema* (logged like ``set``);
    a project with data is refused unless it has that schema already."""
    with project.database.unit_of_work() as s:
        begin_write(s)
        current = _current(s, project)
        if current == schema:
            return
        if schema_store.has_data(s):
            raise AnnotatorError(f"--schema {origin}: this project already holds data under the schema "
                                 f"{current.name} v{current.version}; change it with `annotator schema set {origin}`")
        plan = _plan(s, current, schema, SchemaMapping())
        _apply(project, s, plan, "schema.set", None, {"file": origin})
    project.schema = schema
