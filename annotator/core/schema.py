"""The label schema: which labels exist, their keys, colours and guidelines.

Schemas are TOML files (``resources/schemas/default.toml``). A project stores the
text of the schema its data follows, so it keeps working if the file changes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import SchemaError

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")


@dataclass(frozen=True)
class Label:
    """One span label: ``name`` (e.g. CLAIM), its key, colour and description."""

    name: str
    key: str
    color: str
    description: str = ""


@dataclass(frozen=True)
class LabelSchema:
    """A named, versioned set of labels; ``source`` is the TOML it was read from."""

    name: str
    version: int
    labels: tuple[Label, ...]
    source: str = field(default="", compare=False, repr=False)

    def label(self, name: str) -> Label:
        for lab in self.labels:
            if lab.name == name:
                return lab
        raise KeyError(name)

    def __contains__(self, name: object) -> bool:
        return any(lab.name == name for lab in self.labels)

    @property
    def names(self) -> list[str]:
        return [lab.name for lab in self.labels]

    def by_key(self, key: str) -> Label | None:
        for lab in self.labels:
            if lab.key == key:
                return lab
        return None


def parse_schema(source: str, origin: str = "<schema>") -> LabelSchema:
    """Parse schema TOML text; errors name *origin* and the offending entry."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"{origin}: not valid TOML: {exc}") from exc
    head = data.get("schema", {})
    name = head.get("name")
    version = head.get("version", 1)
    if not isinstance(name, str) or not name:
        raise SchemaError(f"{origin}: [schema] needs a name")
    if not isinstance(version, int):
        raise SchemaError(f"{origin}: [schema] version must be an integer")
    labels: list[Label] = []
    seen_keys: set[str] = set()
    for i, entry in enumerate(data.get("labels", []), start=1):
        where = f"{origin}: label {i}"
        lname = entry.get("name")
        if not isinstance(lname, str) or not _NAME.match(lname):
            raise SchemaError(f"{where}: name must be upper-case letters, digits or _")
        if lname in {lab.name for lab in labels}:
            raise SchemaError(f"{where}: label {lname} is defined twice")
        key = str(entry.get("key", ""))
        if len(key) != 1 or key in seen_keys:
            raise SchemaError(f"{where} ({lname}): key must be one character, not used twice")
        seen_keys.add(key)
        color = entry.get("color", "")
        if not isinstance(color, str) or not _COLOUR.match(color):
            raise SchemaError(f"{where} ({lname}): color must look like #RRGGBB")
        labels.append(Label(lname, key, color.lower(), str(entry.get("description", ""))))
    if not labels:
        raise SchemaError(f"{origin}: the schema defines no labels")
    return LabelSchema(name, version, tuple(labels), source)


def load_schema(path: Path) -> LabelSchema:
    """Read a schema TOML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaError(f"{path}: cannot read the schema: {exc}") from exc
    return parse_schema(text, str(path))
