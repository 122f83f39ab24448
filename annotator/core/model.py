"""Value objects of the annotation domain, shared by every layer above core."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from annotator.core.structure import Relation
from annotator.core.text import Direction


class SetStatus(str, Enum):
    """Progress of one annotator on one document."""

    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Role(str, Enum):
    ANNOTATOR = "annotator"
    ADJUDICATOR = "adjudicator"
    MANAGER = "manager"


@dataclass(frozen=True)
class Span:
    """A labelled range ``[start, end)`` in code points of a document's text."""

    id: str
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict, compare=True, hash=False)

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class Document:
    """An imported document. Its text never changes after import."""

    id: str
    title: str
    text: str
    sha256: str
    direction: Direction
    meta: dict[str, Any] = field(default_factory=dict, hash=False)
    source_path: str | None = None
    imported_at: datetime | None = None


@dataclass(frozen=True)
class DocumentSummary:
    """What a document list shows, without the text."""

    id: str
    title: str
    direction: Direction
    length: int
    source_path: str | None
    status: SetStatus
    span_count: int


@dataclass(frozen=True)
class IncomingDocument:
    """A document read from a file, not yet in the project, with its pre-annotations."""

    id: str
    title: str
    text: str
    meta: dict[str, Any]
    spans: list[Span]
    source_path: str
    direction: Direction
    relations: list[Relation] = field(default_factory=list)
    #: Where the reader found it, for problems: line of the document (key ``""``) and of
    #: its items (``"span:ID"``, ``"relation:ID"``), when the format has lines.
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
