"""Changing a project's schema: what differs between two schemas, the mapping that says
what becomes of data under a removed name (``--rename OLD=NEW``, ``--drop NAME``), and a
readable description of a schema. Pure: the counts of data come from storage.

A rename names something of the old schema that the new one does not have and something
of the new one that the old one does not have (no merging into a name already there).
``--drop NAME`` removes the data under NAME that the new schema does not allow: all of it
when NAME is gone, and when it stays (an attribute whose values changed, a relation whose
ends changed) only what no longer fits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.errors import AnnotatorError
from annotator.core.schema import ROLES, LabelSchema, LinkType, RelationType

#: the kinds of named things a rename or a drop may name
KINDS = ("label", "relation", "link")


class MappingError(AnnotatorError):
    """A --rename or --drop that does not fit the two schemas."""


@dataclass(frozen=True)
class SchemaMapping:
    """What becomes of data under names the new schema does not have."""

    labels: dict[str, str] = field(default_factory=dict)  # old name -> new name
    relations: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    #: (old label, old attribute) -> new attribute (on the label's new name)
    attributes: dict[tuple[str, str], str] = field(default_factory=dict)
    drop_labels: frozenset[str] = frozenset()
    drop_relations: frozenset[str] = frozenset()
    drop_links: frozenset[str] = frozenset()
    drop_attributes: frozenset[tuple[str, str]] = frozenset()  # (old label, attribute)
    #: (old label, old attribute, old choice value) -> new value (of the attribute's new name)
    values: dict[tuple[str, str, str], str] = field(default_factory=dict)

    def new_label(self, old: str) -> str:
        return self.labels.get(old, old)

    def to_payload(self) -> dict[str, object]:
        """The mapping as JSON (the change log keeps it, so an undo can reverse the renames)."""
        return {"labels": dict(self.labels), "relations": dict(self.relations), "links": dict(self.links),
                "attributes": [[lab, old, new] for (lab, old), new in sorted(self.attributes.items())],
                "drop_labels": sorted(self.drop_labels), "drop_relations": sorted(self.drop_relations),
                "drop_links": sorted(self.drop_links),
                "drop_attributes": [list(a) for a in sorted(self.drop_attributes)],
                "values": [[lab, attr, old, new] for (lab, attr, old), new in sorted(self.values.items())]}

    def inverse_renames(self) -> SchemaMapping:
        """The renames the other way round (for undo); drops cannot be reversed."""
        return SchemaMapping(
            labels={new: old for old, new in self.labels.items()},
            relations={new: old for old, new in self.relations.items()},
            links={new: old for old, new in self.links.items()},
            attributes={(self.new_label(lab), new): old for (lab, old), new in self.attributes.items()},
            values={(self.new_label(lab), self.attributes.get((lab, attr), attr), new): old
                    for (lab, attr, old), new in self.values.items()})

    @classmethod
    def from_payload(cls, data: dict[str, object]) -> SchemaMapping:
        def names(key: str) -> dict[str, str]:
            value = data.get(key) or {}
            return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

        def items(key: str) -> list[list[str]]:
            value = data.get(key) or []
            return [[str(x) for x in item] for item in value] if isinstance(value, list) else []

        def dropped(key: str) -> frozenset[str]:
            value = data.get(key) or []
            return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()

        return cls(names("labels"), names("relations"), names("links"),
                   {(lab, old): new for lab, old, new in items("attributes")},
                   dropped("drop_labels"), dropped("drop_relations"), dropped("drop_links"),
                   frozenset((lab, attr) for lab, attr in items("drop_attributes")),
                   {(lab, attr, old): new for lab, attr, old, new in items("values")})

    def is_empty(self) -> bool:
        return not (self.labels or self.relations or self.links or self.attributes or self.drop_labels
                    or self.drop_relations or self.drop_links or self.drop_attributes or self.values)


def _names(schema: LabelSchema, kind: str) -> list[str]:
    if kind == "label":
        return schema.names
    if kind == "relation":
        return [r.name for r in schema.relations]
    return [lt.name for lt in schema.links]


def _attr_names(schema: LabelSchema, label: str) -> list[str]:
    return [a.name for a in schema.attributes_of(label)]


def _kind_of(old: LabelSchema, new: LabelSchema, name: str, given: str) -> str:
    """Which kind of thing *name* is: the one prefix given (``relation:TIME``), else the one
    kind whose old schema has it and whose new schema does not."""
    if given:
        if given not in KINDS:
            raise MappingError(f"{given}:{name}: the prefix must be one of {', '.join(KINDS)}")
        if name not in _names(old, given):
            raise MappingError(f"{given} {name} is not in the project's schema "
                               f"({', '.join(_names(old, given)) or 'none'})")
        return given
    kinds = [k for k in KINDS if name in _names(old, k)]
    if not kinds:
        every = sorted({n for k in KINDS for n in _names(old, k)})
        raise MappingError(f"{name} is not a label, relation or link type of the project's schema "
                           f"({', '.join(every)})")
    gone = [k for k in kinds if name not in _names(new, k)] or kinds
    if len(gone) > 1:
        raise MappingError(f"{name} is a {' and a '.join(gone)} type: say which, e.g. {gone[-1]}:{name}")
    return gone[0]


def _split_kind(text: str) -> tuple[str, str]:
    if ":" in text:
        kind, _, name = text.partition(":")
        return kind.strip(), name.strip()
    return "", text.strip()


def parse_mapping(old: LabelSchema, new: LabelSchema, renames: Sequence[str] = (),
                  drops: Sequence[str] = ()) -> SchemaMapping:
    """Read ``--rename OLD=NEW`` (labels, relation and link types; ``LABEL.attr=LABEL.new``
    for attributes; ``LABEL.attr.value=LABEL.attr.new`` for a value of a choice attribute;
    ``relation:OLD=NEW`` where a name is both) and ``--drop NAME``
    (``LABEL.attr`` for an attribute) against the project's schema *old* and *new*."""
    labels: dict[str, str] = {}
    relations: dict[str, str] = {}
    links: dict[str, str] = {}
    attributes: dict[tuple[str, str], str] = {}
    values: dict[tuple[str, str, str], str] = {}
    for rename in renames:
        if rename.count("=") != 1:
            raise MappingError(f"--rename {rename}: write OLD=NEW (e.g. ACTOR=AGENT, or CLAIM.note=CLAIM.comment)")
        left, right = (part.strip() for part in rename.split("="))
        if "." in left or "." in right:
            continue  # attributes, once the labels are known
        kind, name = _split_kind(left)
        _, target = _split_kind(right)
        kind = _kind_of(old, new, name, kind)
        if target not in _names(new, kind):
            raise MappingError(f"--rename {rename}: the new schema has no {kind} {target} "
                               f"({', '.join(_names(new, kind)) or 'none'})")
        if name in _names(new, kind):
            raise MappingError(f"--rename {rename}: the new schema still has {kind} {name}")
        if target in _names(old, kind):
            raise MappingError(f"--rename {rename}: the project's schema already has {kind} {target} "
                               "(renaming into a name in use would merge them; that is not done)")
        table = {"label": labels, "relation": relations, "link": links}[kind]
        if name in table or target in table.values():
            raise MappingError(f"--rename {rename}: {kind} {name if name in table else target} is renamed twice")
        table[name] = target
    for rename in renames:
        left, right = (part.strip() for part in rename.split("="))
        if "." not in left and "." not in right:
            continue
        if left.count(".") >= 2 or right.count(".") >= 2:
            continue  # choice values, once the attributes are known
        if left.count(".") != 1 or right.count(".") != 1:
            raise MappingError(f"--rename {rename}: an attribute is renamed as LABEL.attr=LABEL.new")
        label, attr = left.split(".")
        new_label, new_attr = right.split(".")
        if label not in old.names or attr not in _attr_names(old, label):
            raise MappingError(f"--rename {rename}: the project's schema has no attribute {label}.{attr}")
        if new_label != labels.get(label, label):
            raise MappingError(f"--rename {rename}: the attribute stays on its label "
                               f"({labels.get(label, label)}.{new_attr})")
        if new_label not in new.names or new_attr not in _attr_names(new, new_label):
            raise MappingError(f"--rename {rename}: the new schema has no attribute {new_label}.{new_attr}")
        if new_label in new.names and attr in _attr_names(new, new_label):
            raise MappingError(f"--rename {rename}: the new schema still has {new_label}.{attr}")
        if new_attr in _attr_names(old, label):
            raise MappingError(f"--rename {rename}: {label}.{new_attr} is already an attribute "
                               "(renaming into it would merge them; that is not done)")
        attributes[(label, attr)] = new_attr
    for rename in renames:
        left, right = (part.strip() for part in rename.split("="))
        if left.count(".") < 2 and right.count(".") < 2:
            continue
        values.update([_value_rename(old, new, rename, left, right, labels, attributes)])
    drop: dict[str, set[str]] = {k: set() for k in KINDS}
    drop_attributes: set[tuple[str, str]] = set()
    for name in drops:
        name = name.strip()
        if "." in name:
            label, _, attr = name.partition(".")
            if label not in old.names or attr not in _attr_names(old, label):
                raise MappingError(f"--drop {name}: the project's schema has no attribute {label}.{attr}")
            drop_attributes.add((label, attr))
            continue
        kind, bare = _split_kind(name)
        kind = _kind_of(old, new, bare, kind)
        if bare in {"label": labels, "relation": relations, "link": links}[kind]:
            raise MappingError(f"--drop {name}: {kind} {bare} is renamed too; give one or the other")
        drop[kind].add(bare)
    for label in drop["label"]:
        if label in new.names:
            raise MappingError(f"--drop {label}: the new schema still has label {label} "
                               "(to remove its spans, remove it from the file)")
    return SchemaMapping(labels, relations, links, attributes, frozenset(drop["label"]),
                         frozenset(drop["relation"]), frozenset(drop["link"]), frozenset(drop_attributes), values)


def _value_rename(old: LabelSchema, new: LabelSchema, rename: str, left: str, right: str,
                  labels: dict[str, str], attributes: dict[tuple[str, str], str]) -> tuple[tuple[str, str, str], str]:
    """``LABEL.attr.value=LABEL.attr.new``: a value of a choice attribute renamed (a value
    is everything after the second dot, so a value may hold dots)."""
    if left.count(".") < 2 or right.count(".") < 2:
        raise MappingError(f"--rename {rename}: a value is renamed as LABEL.attr.value=LABEL.attr.new")
    label, attr, value = left.split(".", 2)
    new_label, new_attr, new_value = right.split(".", 2)
    if label not in old.names or attr not in _attr_names(old, label):
        raise MappingError(f"--rename {rename}: the project's schema has no attribute {label}.{attr}")
    was = old.attribute(label, attr)
    if was.kind != "choice" or value not in was.values:
        raise MappingError(f"--rename {rename}: {label}.{attr} has no value {value!r}"
                           + (f" (values: {', '.join(was.values)})" if was.kind == "choice"
                              else f" (it is a {was.kind} attribute; only choice values are renamed)"))
    where = (labels.get(label, label), attributes.get((label, attr), attr))
    if (new_label, new_attr) != where:
        raise MappingError(f"--rename {rename}: the value stays on its attribute ({where[0]}.{where[1]}.{new_value})")
    if new_label not in new.names or new_attr not in _attr_names(new, new_label):
        raise MappingError(f"--rename {rename}: the new schema has no attribute {new_label}.{new_attr}")
    now = new.attribute(new_label, new_attr)
    if now.kind != "choice" or new_value not in now.values:
        raise MappingError(f"--rename {rename}: the new schema's {new_label}.{new_attr} has no value {new_value!r}")
    if value in now.values:
        raise MappingError(f"--rename {rename}: the new schema still has the value {value!r}")
    if new_value in was.values:
        raise MappingError(f"--rename {rename}: {label}.{attr} already has the value {new_value!r} "
                           "(renaming into it would merge them; that is not done)")
    return (label, attr, value), new_value


# -- what differs ---------------------------------------------------------------------------

def differences(old: LabelSchema, new: LabelSchema, mapping: SchemaMapping | None = None) -> list[str]:
    """What changes from *old* to *new*, one line each ("+ label PLACE (key 4)", "- relation
    TARGET", "~ label CLAIM: key 1 -> 5"), renames as one line each."""
    m = mapping or SchemaMapping()
    out: list[str] = []
    renamed_to = {**{v: k for k, v in m.labels.items()}}
    for lab in new.labels:
        before = lab.name if lab.name in old else renamed_to.get(lab.name)
        if before is None:
            out.append(f"+ label {lab.name} (key {lab.key})")
            continue
        if before != lab.name:
            out.append(f"> label {before} renamed {lab.name}")
        was = old.label(before)
        if was.key != lab.key:
            out.append(f"~ label {lab.name}: key {was.key} -> {lab.key}")
        if was.color != lab.color:
            out.append(f"~ label {lab.name}: colour {was.color} -> {lab.color}")
        if was.role != lab.role:
            out.append(f"~ label {lab.name}: role {was.role or 'none'} -> {lab.role or 'none'}")
        if (was.description, was.examples) != (lab.description, lab.examples):
            out.append(f"~ label {lab.name}: description or examples")
        old_attrs = {a.name: a for a in old.attributes_of(before)}
        attr_from = {new_attr: attr for (label, attr), new_attr in m.attributes.items() if label == before}
        for adef in new.attributes_of(lab.name):
            prior = old_attrs.get(adef.name) or old_attrs.get(attr_from.get(adef.name, ""))
            if prior is None:
                out.append(f"+ attribute {lab.name}.{adef.name} ({adef.kind})")
                continue
            if prior.name != adef.name:
                out.append(f"> attribute {lab.name}.{prior.name} renamed {adef.name}")
            if prior.kind != adef.kind:
                out.append(f"~ attribute {lab.name}.{adef.name}: kind {prior.kind} -> {adef.kind}")
            elif prior.values != adef.values:
                value_to = {v: n for (label, attr, v), n in m.values.items() if (label, attr) == (before, prior.name)}
                added = [v for v in adef.values if v not in prior.values and v not in value_to.values()]
                removed = [v for v in prior.values if v not in adef.values and v not in value_to]
                out += [f"> value {lab.name}.{adef.name}: {v} renamed {n}" for v, n in value_to.items()]
                out += [f"+ value {lab.name}.{adef.name}: {v}" for v in added]
                out += [f"- value {lab.name}.{adef.name}: {v}" for v in removed]
            elif (prior.pattern, prior.max_length) != (adef.pattern, adef.max_length):
                out.append(f"~ attribute {lab.name}.{adef.name}: what it accepts")
        kept = {a.name for a in new.attributes_of(lab.name)} | set(attr_from.values())
        out += [f"- attribute {lab.name}.{name}" for name in old_attrs
                if name not in kept and (before, name) not in m.attributes]
    out += [f"- label {lab.name}" for lab in old.labels if lab.name not in new and lab.name not in m.labels]
    pairs: tuple[tuple[str, _Typed, _Typed, dict[str, str]], ...] = (
        ("relation", old.relations, new.relations, m.relations), ("link", old.links, new.links, m.links))
    for kind, olds, news, renames in pairs:
        old_by = {x.name: x for x in olds}
        back = {v: k for k, v in renames.items()}
        for item in news:
            before = item.name if item.name in old_by else back.get(item.name)
            if before is None:
                out.append(f"+ {kind} {item.name}" + (f" (key {item.key})" if item.key else ""))
                continue
            if before != item.name:
                out.append(f"> {kind} {before} renamed {item.name}")
            earlier = old_by[before]
            changed = [what for what, a, b in (
                ("key", earlier.key, item.key), ("colour", earlier.color, item.color),
                ("the labels it joins", _ends(earlier), _ends(item)),
                ("description or examples", (earlier.description, earlier.examples), (item.description, item.examples)),
                ("direction", getattr(earlier, "directed", None), getattr(item, "directed", None))) if a != b]
            if changed:
                out.append(f"~ {kind} {item.name}: {', '.join(changed)}")
        names = {x.name for x in news}
        out += [f"- {kind} {name}" for name in old_by if name not in names and name not in renames]
    if (old.name, old.version) != (new.name, new.version):
        out.append(f"~ schema {old.name} v{old.version} -> {new.name} v{new.version}")
    return out


_Typed = Sequence[RelationType | LinkType]


def _ends(item: object) -> tuple[object, ...]:
    return tuple(getattr(item, n, None) for n in ("head", "tail", "labels"))


# -- a readable description -------------------------------------------------------------------

def describe(schema: LabelSchema) -> list[str]:
    """The schema as lines of plain text: labels with keys, colours and attributes, relations,
    links, with descriptions and examples (``annotator schema show``, the window's dialog)."""
    out = [f"Schema {schema.name} (version {schema.version})", "", "Labels"]
    roles = {schema.role_label(role): role for role in ROLES}
    for lab in schema.labels:
        role = roles.get(lab.name)
        out.append(f"  {lab.name}  key {lab.key}  colour {lab.color}" + (f"  role {role}" if role else ""))
        out += _about(lab.description, lab.examples, "    ")
        for adef in schema.attributes_of(lab.name):
            what = {"choice": f"one of: {', '.join(adef.values)}", "boolean": "true or false",
                    "entity": "an entity of the project", "pattern": "a value matching a pattern",
                    "text": f"free text, at most {adef.max_length} characters"}[adef.kind]
            out.append(f"    attribute {adef.name} ({adef.kind}): {what}")
            out += _about(adef.description, (), "      ")
    out += ["", "Relations (inside a document)"]
    if not schema.relations:
        out.append("  none")
    for rel in schema.relations:
        out.append(f"  {rel.name}  key {rel.key}  {' or '.join(rel.head)} -> {' or '.join(rel.tail)}"
                   f"  colour {rel.color}")
        out += _about(rel.description, rel.examples, "    ")
    out += ["", "Links (between documents)"]
    if not schema.links:
        out.append("  none")
    for link in schema.links:
        joins = " or ".join(link.labels)
        out.append(f"  {link.name}  {joins} {'->' if link.directed else '<->'} {joins}  colour {link.color}"
                   + (f"  key {link.key}" if link.key else ""))
        out += _about(link.description, link.examples, "    ")
    return out


def _about(description: str, examples: tuple[str, ...], indent: str) -> list[str]:
    out = [f"{indent}{line}" for line in description.splitlines() if line.strip()]
    out += [f"{indent}e.g. {example}" for example in examples]
    return out
