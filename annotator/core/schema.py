"""The label schema: labels, relation types, attributes and link types.

Schemas are TOML files (``resources/schemas/default.toml``). A project stores the
text of the schema its data follows, so it keeps working if the file changes.

* ``[[labels]]`` -- span labels (CLAIM, ACTOR, DATE) with a key, colour and
  description, and optionally a ``role`` (:data:`ROLES`) that the program's own features
  follow whatever the label is called: ``claim`` (the claim table), ``actor`` (entities,
  "tag other mentions"; needs an ``entity`` attribute), ``date`` (the date normaliser's
  proposals). A schema that gives no label a role lends it to the label of the role's
  usual name (CLAIM, ACTOR, DATE), so schemas written before roles keep working.
  Each label may declare ``[[labels.attributes]]``: named attributes with
  a kind (``choice`` with ``values``, ``boolean``, ``entity`` (an entity id),
  ``pattern`` (a string matching ``pattern``) or ``text`` (free text: a note, at most
  ``max_length`` characters, :data:`TEXT_MAX_LENGTH` unless the file says fewer)).
* ``[[relations]]`` -- typed relations inside one document (SOURCE, TIME,
  TARGET): a key, a colour, and the labels allowed at the ``head`` and ``tail``
  (the same label may be at both ends: a claim CONTRADICTS a claim).
* ``[[links]]`` -- typed links between spans of two documents (SAME_CLAIM,
  CONTRADICTS, SUPPORTS, SAME_DATE) and the labels they may join.

Labels, relations and links may carry ``examples`` beside their ``description``: a
list of short strings (at most :data:`MAX_EXAMPLES`, each at most
:data:`EXAMPLE_MAX_LENGTH` characters) that the window shows as guidance.

Every problem found while reading names the file, the line of the entry and the
entry (``my.toml, line 31: relation 2 (TIME): ...``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from annotator.core.errors import SchemaError

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_ATTR_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

ATTRIBUTE_KINDS = ("choice", "boolean", "entity", "pattern", "text")

#: what a label may be for in the program's own features, and the label name each role
#: falls back to when no label of the schema declares it
ROLES = {"claim": "CLAIM", "actor": "ACTOR", "date": "DATE"}

#: the longest a ``text`` attribute's value may be (characters); a schema may ask for fewer.
#: Attribute values are stored as JSON, which has no column length: this is the bound.
TEXT_MAX_LENGTH = 2000
#: how many examples a label, relation or link may list, and how long each may be
MAX_EXAMPLES = 20
EXAMPLE_MAX_LENGTH = 200

_TOP_KEYS = {"schema", "labels", "relations", "links", "suggestions"}
_HEAD_KEYS = {"name", "version", "description"}
_LABEL_KEYS = {"name", "key", "color", "description", "examples", "attributes", "role"}
_ATTR_KEYS = {"name", "kind", "values", "pattern", "max_length", "description"}
_RELATION_KEYS = {"name", "key", "color", "head", "tail", "description", "examples"}
_LINK_KEYS = {"name", "key", "color", "labels", "directed", "description", "examples"}

_TRUE = {"true", "yes", "1", "نعم"}
_FALSE = {"false", "no", "0", "لا"}


@dataclass(frozen=True)
class AttributeDef:
    """One attribute a span of ``label`` may carry, and the values it accepts."""

    label: str
    name: str
    kind: str
    values: tuple[str, ...] = ()
    pattern: str | None = None
    description: str = ""
    #: the longest value of a ``text`` attribute (characters)
    max_length: int = TEXT_MAX_LENGTH

    def problem(self, value: object) -> str | None:
        """Why *value* is not acceptable for this attribute, or None if it is."""
        where = f"{self.label} {self.name}"
        if self.kind == "choice":
            if not isinstance(value, str) or value not in self.values:
                return f"{where} {value!r} is not allowed (allowed: {', '.join(self.values)})"
        elif self.kind == "boolean":
            if not isinstance(value, bool):
                return f"{where} must be true or false, not {value!r}"
        elif self.kind in ("entity", "text"):
            if not isinstance(value, str) or not value.strip():
                what = "an entity id" if self.kind == "entity" else "a non-empty text"
                return f"{where} must be {what}, not {value!r}"
            if self.kind == "text" and len(value) > self.max_length:
                return f"{where} is {len(value)} characters long; the limit is {self.max_length}"
        elif self.kind == "pattern":  # noqa: SIM102 (one branch per kind, like the ones above)
            if not isinstance(value, str) or re.fullmatch(self.pattern or "", value) is None:
                return f"{where} {value!r} is not a valid value ({self.description or 'pattern ' + str(self.pattern)})"
        return None

    def parse(self, typed: str) -> Any:
        """Turn what a user typed into a value of this attribute (booleans from text)."""
        if self.kind == "boolean":
            low = typed.strip().lower()
            if low in _TRUE:
                return True
            if low in _FALSE:
                return False
            return typed
        return typed.strip()


@dataclass(frozen=True)
class Label:
    """One span label: ``name`` (e.g. CLAIM), its key, colour and description."""

    name: str
    key: str
    color: str
    description: str = ""
    examples: tuple[str, ...] = ()
    #: what the program's own features use this label for (:data:`ROLES`), if anything
    role: str | None = None


@dataclass(frozen=True)
class RelationType:
    """A relation inside one document, from a ``head`` span to a ``tail`` span."""

    name: str
    key: str
    color: str
    head: tuple[str, ...]
    tail: tuple[str, ...]
    description: str = ""
    examples: tuple[str, ...] = ()

    def allows(self, head_label: str, tail_label: str) -> bool:
        return head_label in self.head and tail_label in self.tail


@dataclass(frozen=True)
class LinkType:
    """A link between spans of two documents; both spans carry one of ``labels``."""

    name: str
    labels: tuple[str, ...]
    color: str
    key: str | None = None
    directed: bool = False
    description: str = ""
    examples: tuple[str, ...] = ()

    def allows(self, source_label: str, target_label: str) -> bool:
        return source_label in self.labels and target_label in self.labels


@dataclass(frozen=True)
class LabelSchema:
    """A named, versioned schema; ``source`` is the TOML it was read from."""

    name: str
    version: int
    labels: tuple[Label, ...]
    source: str = field(default="", compare=False, repr=False)
    relations: tuple[RelationType, ...] = ()
    attributes: tuple[AttributeDef, ...] = ()
    links: tuple[LinkType, ...] = ()
    #: ``[suggestions] spacy``: a spaCy pipeline's labels -> this schema's (issue 15)
    spacy_labels: tuple[tuple[str, str], ...] = ()

    def label(self, name: str) -> Label:
        for lab in self.labels:
            if lab.name == name:
                return lab
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        try:
            return name in self._label_names
        except TypeError:  # an unhashable value is no label's name
            return False

    @cached_property
    def _label_names(self) -> frozenset[str]:  # asked for every span an importer checks
        return frozenset(lab.name for lab in self.labels)

    @property
    def names(self) -> list[str]:
        return [lab.name for lab in self.labels]

    def role_label(self, role: str) -> str | None:
        """The label that plays *role* (:data:`ROLES`): the one that declares it, else the
        label of the role's usual name when no label declares it (an ``actor`` must carry
        an ``entity`` attribute); None when the schema has no such label."""
        return self._roles.get(role)

    @cached_property
    def _roles(self) -> dict[str, str]:
        out = {lab.role: lab.name for lab in self.labels if lab.role}
        for role, usual in ROLES.items():
            if (role not in out and usual in self and self.label(usual).role is None
                    and (role != "actor" or self._has_entity(usual))):
                out[role] = usual
        return out

    def _has_entity(self, label: str) -> bool:
        return any(a.name == "entity" and a.kind == "entity" for a in self.attributes_of(label))

    def by_key(self, key: str) -> Label | None:
        for lab in self.labels:
            if lab.key == key:
                return lab
        return None

    # -- relations, attributes, links ---------------------------------------------
    def relation(self, name: str) -> RelationType:
        for rel in self.relations:
            if rel.name == name:
                return rel
        raise KeyError(name)

    def relation_by_key(self, key: str) -> RelationType | None:
        for rel in self.relations:
            if rel.key == key:
                return rel
        return None

    def relations_from(self, head_label: str) -> list[RelationType]:
        """Relation types a span of *head_label* may start."""
        return [r for r in self.relations if head_label in r.head]

    def link_type(self, name: str) -> LinkType:
        for link in self.links:
            if link.name == name:
                return link
        raise KeyError(name)

    def links_for(self, label: str) -> list[LinkType]:
        """Link types that can join spans of *label*."""
        return [lt for lt in self.links if label in lt.labels]

    def attributes_of(self, label: str) -> tuple[AttributeDef, ...]:
        return tuple(a for a in self.attributes if a.label == label)

    def attribute(self, label: str, name: str) -> AttributeDef:
        for a in self.attributes:
            if a.label == label and a.name == name:
                return a
        raise KeyError(f"{label}.{name}")

    def entity_types(self) -> tuple[str, ...]:
        """Allowed entity types: the ``type`` values of labels that can carry an entity."""
        out: list[str] = []
        for adef in self.attributes:
            if adef.kind == "entity":
                for tdef in self.attributes_of(adef.label):
                    if tdef.name == "type":
                        out.extend(v for v in tdef.values if v not in out)
        return tuple(out)

    def validate_attrs(self, label: str, attrs: Mapping[str, Any]) -> list[str]:
        """Every problem with *attrs* on a span of *label*; an empty list if none."""
        if label not in self:
            return [f"label {label!r} is not in the schema ({', '.join(self.names)})"]
        defs = {a.name: a for a in self.attributes_of(label)}
        problems: list[str] = []
        for name, value in attrs.items():
            adef = defs.get(name)
            if adef is None:
                known = ", ".join(defs) or "none"
                problems.append(f"{label} has no attribute {name!r} (known: {known})")
                continue
            problem = adef.problem(value)
            if problem:
                problems.append(problem)
        return problems


def validate_attrs(schema: LabelSchema, label: str, attrs: Mapping[str, Any]) -> list[str]:
    """Module-level spelling of :meth:`LabelSchema.validate_attrs`."""
    return schema.validate_attrs(label, attrs)


# -- reading ------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z_.\s]+?)\s*\]\]")


class _Lines:
    """Line numbers of ``[[labels]]``, ``[[labels.attributes]]``, ... headers."""

    def __init__(self, source: str) -> None:
        self.headers: list[tuple[int, str]] = []
        for n, line in enumerate(source.splitlines(), start=1):
            m = _HEADER.match(line)
            if m:
                self.headers.append((n, re.sub(r"\s+", "", m.group(1))))

    def nth(self, table: str, index: int) -> int | None:
        found = [n for n, name in self.headers if name == table]
        return found[index - 1] if 0 < index <= len(found) else None

    def nested(self, parent: str, parent_index: int, table: str, index: int) -> int | None:
        start = self.nth(parent, parent_index)
        if start is None:
            return None
        end = self.nth(parent, parent_index + 1) or 10**9
        found = [n for n, name in self.headers if name == table and start < n < end]
        return found[index - 1] if 0 < index <= len(found) else None


def _at(origin: str, line: int | None) -> str:
    return f"{origin}, line {line}" if line is not None else origin


def _check_keys(entry: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise SchemaError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(allowed))})")


def _table_list(data: Mapping[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise SchemaError(f"{where}: {key} must be a list of tables ([[{key}]])")
    return value


def _str_list(value: object, where: str, what: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise SchemaError(f"{where}: {what} must be a non-empty list of names")
    return tuple(value)


def _colour(entry: Mapping[str, Any], where: str) -> str:
    color = entry.get("color", "")
    if not isinstance(color, str) or not _COLOUR.match(color):
        raise SchemaError(f"{where}: color must look like #RRGGBB")
    return color.lower()


def _description(entry: Mapping[str, Any], where: str) -> str:
    text = entry.get("description", "")
    if not isinstance(text, str):
        raise SchemaError(f"{where}: description must be a string")
    return text


def _examples(entry: Mapping[str, Any], where: str) -> tuple[str, ...]:
    value = entry.get("examples", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SchemaError(f"{where}: examples must be a list of non-empty strings")
    if len(value) > MAX_EXAMPLES:
        raise SchemaError(f"{where}: {len(value)} examples; at most {MAX_EXAMPLES}")
    for n, example in enumerate(value, start=1):
        if len(example) > EXAMPLE_MAX_LENGTH:
            raise SchemaError(f"{where}: example {n} is {len(example)} characters long; "
                              f"at most {EXAMPLE_MAX_LENGTH} (an example is a short phrase)")
    return tuple(value)


class _Keys:
    """Keys pressed for labels and relations: one character each, never used twice."""

    def __init__(self) -> None:
        self.used: dict[str, str] = {}

    def take(self, entry: Mapping[str, Any], where: str, owner: str, *, required: bool = True) -> str | None:
        if "key" not in entry and not required:
            return None
        key = str(entry.get("key", ""))
        if len(key) != 1 or key.lower() in self.used:
            also = f" (already used by {self.used[key.lower()]})" if key.lower() in self.used else ""
            raise SchemaError(f"{where}: key must be one character, not used twice{also}")
        self.used[key.lower()] = owner
        return key


def _parse_attribute(entry: dict[str, Any], label: str, where: str) -> AttributeDef:
    _check_keys(entry, _ATTR_KEYS, where)
    name = entry.get("name")
    if not isinstance(name, str) or not _ATTR_NAME.match(name):
        raise SchemaError(f"{where}: attribute name must be lower-case letters, digits or _")
    where = f"{where} ({name})"
    kind = entry.get("kind", "text")
    if kind not in ATTRIBUTE_KINDS:
        raise SchemaError(f"{where}: kind {kind!r} is not one of {', '.join(ATTRIBUTE_KINDS)}")
    values: tuple[str, ...] = ()
    pattern = entry.get("pattern")
    if kind == "choice":
        values = _str_list(entry.get("values"), where, "values")
        if len(set(values)) != len(values):
            raise SchemaError(f"{where}: a value is listed twice")
    elif "values" in entry:
        raise SchemaError(f"{where}: values are only for kind = \"choice\"")
    if kind == "pattern":
        if not isinstance(pattern, str) or not pattern:
            raise SchemaError(f"{where}: kind = \"pattern\" needs a pattern")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise SchemaError(f"{where}: pattern is not a valid regular expression: {exc}") from exc
    elif pattern is not None:
        raise SchemaError(f"{where}: pattern is only for kind = \"pattern\"")
    max_length = entry.get("max_length", TEXT_MAX_LENGTH)
    if "max_length" in entry and kind != "text":
        raise SchemaError(f"{where}: max_length is only for kind = \"text\"")
    if not isinstance(max_length, int) or isinstance(max_length, bool) or not 1 <= max_length <= TEXT_MAX_LENGTH:
        raise SchemaError(f"{where}: max_length must be a whole number from 1 to {TEXT_MAX_LENGTH}")
    return AttributeDef(label, name, kind, values, pattern, _description(entry, where), max_length)


def parse_schema(source: str, origin: str = "<schema>") -> LabelSchema:
    """Parse schema TOML text; errors name *origin*, the line and the offending entry."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{origin}: not valid TOML: {exc}") from exc
    lines = _Lines(source)
    _check_keys(data, _TOP_KEYS, origin)
    head = data.get("schema", {})
    if not isinstance(head, dict):
        raise SchemaError(f"{origin}: [schema] must be a table")
    _check_keys(head, _HEAD_KEYS, f"{origin}: [schema]")
    name = head.get("name")
    version = head.get("version", 1)
    if not isinstance(name, str) or not name:
        raise SchemaError(f"{origin}: [schema] needs a name")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SchemaError(f"{origin}: [schema] version must be an integer")

    keys = _Keys()
    labels: list[Label] = []
    attributes: list[AttributeDef] = []
    for i, entry in enumerate(_table_list(data, "labels", origin), start=1):
        where = f"{_at(origin, lines.nth('labels', i))}: label {i}"
        lname = entry.get("name")
        if not isinstance(lname, str) or not _NAME.match(lname):
            raise SchemaError(f"{where}: name must be upper-case letters, digits or _")
        if lname in {lab.name for lab in labels}:
            raise SchemaError(f"{where}: label {lname} is defined twice")
        where = f"{where} ({lname})"
        _check_keys(entry, _LABEL_KEYS, where)
        key = keys.take(entry, where, f"label {lname}")
        assert key is not None
        role = entry.get("role")
        if role is not None:
            if role not in ROLES:
                raise SchemaError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
            taken = next((lab.name for lab in labels if lab.role == role), None)
            if taken:
                raise SchemaError(f"{where}: role {role!r} is already label {taken}'s (one label per role)")
        labels.append(Label(lname, key, _colour(entry, where), _description(entry, where),
                            _examples(entry, where), role))
        seen_attrs: set[str] = set()
        for j, adef in enumerate(_table_list(entry, "attributes", where), start=1):
            awhere = (f"{_at(origin, lines.nested('labels', i, 'labels.attributes', j))}: "
                      f"label {i} ({lname}): attribute {j}")
            attr = _parse_attribute(adef, lname, awhere)
            if attr.name in seen_attrs:
                raise SchemaError(f"{awhere} ({attr.name}): attribute {attr.name} is defined twice")
            seen_attrs.add(attr.name)
            attributes.append(attr)
    if not labels:
        raise SchemaError(f"{origin}: the schema defines no labels")
    for i, actor in enumerate(labels, start=1):
        if actor.role == "actor" and not any(a.label == actor.name and a.name == "entity" and a.kind == "entity"
                                             for a in attributes):
            raise SchemaError(f"{_at(origin, lines.nth('labels', i))}: label {i} ({actor.name}): role \"actor\" "
                              "needs an attribute named entity of kind \"entity\" (the entity a mention refers to)")
    label_names = {lab.name for lab in labels}

    relations: list[RelationType] = []
    for i, entry in enumerate(_table_list(data, "relations", origin), start=1):
        where = f"{_at(origin, lines.nth('relations', i))}: relation {i}"
        rname = entry.get("name")
        if not isinstance(rname, str) or not _NAME.match(rname):
            raise SchemaError(f"{where}: name must be upper-case letters, digits or _")
        if rname in {r.name for r in relations}:
            raise SchemaError(f"{where}: relation {rname} is defined twice")
        where = f"{where} ({rname})"
        _check_keys(entry, _RELATION_KEYS, where)
        ends: dict[str, tuple[str, ...]] = {}
        for end in ("head", "tail"):
            ends[end] = _str_list(entry.get(end), where, end)
            for lab in ends[end]:
                if lab not in label_names:
                    raise SchemaError(f"{where}: {end} label {lab!r} is not a label of this schema "
                                      f"({', '.join(sorted(label_names))})")
        key = keys.take(entry, where, f"relation {rname}")
        assert key is not None
        relations.append(RelationType(rname, key, _colour(entry, where), ends["head"], ends["tail"],
                                      _description(entry, where), _examples(entry, where)))

    links: list[LinkType] = []
    for i, entry in enumerate(_table_list(data, "links", origin), start=1):
        where = f"{_at(origin, lines.nth('links', i))}: link {i}"
        lname = entry.get("name")
        if not isinstance(lname, str) or not _NAME.match(lname):
            raise SchemaError(f"{where}: name must be upper-case letters, digits or _")
        if lname in {lt.name for lt in links}:
            raise SchemaError(f"{where}: link {lname} is defined twice")
        where = f"{where} ({lname})"
        _check_keys(entry, _LINK_KEYS, where)
        link_labels = _str_list(entry.get("labels"), where, "labels")
        for lab in link_labels:
            if lab not in label_names:
                raise SchemaError(f"{where}: label {lab!r} is not a label of this schema "
                                  f"({', '.join(sorted(label_names))})")
        directed = entry.get("directed", False)
        if not isinstance(directed, bool):
            raise SchemaError(f"{where}: directed must be true or false")
        key = keys.take(entry, where, f"link {lname}", required=False)
        links.append(LinkType(lname, link_labels, _colour(entry, where), key, directed, _description(entry, where),
                              _examples(entry, where)))

    return LabelSchema(name, version, tuple(labels), source, tuple(relations), tuple(attributes), tuple(links),
                       _spacy_labels(data, origin, source, label_names))


def _spacy_labels(data: Mapping[str, Any], origin: str, source: str, label_names: set[str]) -> tuple[
        tuple[str, str], ...]:
    """``[suggestions] spacy = { PERSON = "ACTOR", ... }``: which schema label a spaCy
    pipeline's label becomes when its entities are suggestions."""
    table = data.get("suggestions", {})
    line = next((n for n, text in enumerate(source.splitlines(), start=1)
                 if text.strip().startswith("[suggestions")), None)
    where = f"{_at(origin, line)}: [suggestions]"
    if not isinstance(table, dict):
        raise SchemaError(f"{where} must be a table")
    _check_keys(table, {"spacy"}, where)
    spacy = table.get("spacy", {})
    if not isinstance(spacy, dict):
        raise SchemaError(f"{where}: spacy must be a table of pipeline label = schema label")
    out: list[tuple[str, str]] = []
    for theirs, ours in spacy.items():
        if not isinstance(ours, str) or ours not in label_names:
            raise SchemaError(f"{where}: spacy {theirs} = {ours!r}: not a label of this schema "
                              f"({', '.join(sorted(label_names))})")
        out.append((str(theirs), ours))
    return tuple(out)


def load_schema(path: Path) -> LabelSchema:
    """Read a schema TOML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path}: cannot read the schema: {exc}") from exc
    return parse_schema(text, str(path))
