"""Value objects of the annotation domain, shared by every layer above core.

Documents and spans; above them relations inside a document, links across
documents, project-wide entities and the rows of the claim table. Spans are
referred to by their ids (``Span.id``), documents by theirs. Nothing here knows
about storage or Qt.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

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
    #: the annotator's note on the span: free text (plain, never markup) and an "unsure" flag.
    #: Not the label's data: the span diff, agreement and adjudication compare (start, end,
    #: label, attrs) only, so a note never makes identical spans disagree.
    comment: str = ""
    unsure: bool = False

    def text_in(self, text: str) -> str:
        return text[self.start : self.end]

    @property
    def has_note(self) -> bool:
        return bool(self.comment) or self.unsure


#: the longest comment a span can carry, in code points
MAX_COMMENT = 2000


def comment_problem(comment: str) -> str | None:
    """Why *comment* cannot be a span's comment (None if it can): at most
    :data:`MAX_COMMENT` code points; newlines and tabs allowed, no other control
    character. It is plain text: whatever it holds (``<b>`` too) is shown as typed."""
    if not isinstance(comment, str):
        return f"a comment must be text, not {type(comment).__name__}"
    if len(comment) > MAX_COMMENT:
        return f"a comment holds at most {MAX_COMMENT} characters, not {len(comment)}"
    for i, ch in enumerate(comment):
        if ch not in "\n\t" and (ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0):
            return f"a comment cannot hold the control character U+{ord(ch):04X} (at {i})"
    return None


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

def new_relation_id() -> str:
    return "r" + uuid.uuid4().hex[:12]


def new_link_id() -> str:
    return "l" + uuid.uuid4().hex[:12]


def new_entity_id() -> str:
    return "e" + uuid.uuid4().hex[:12]


@dataclass(frozen=True)
class Relation:
    """A typed relation inside one annotation set: ``head`` and ``tail`` are span ids."""

    id: str
    type: str
    head: str
    tail: str
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Link:
    """A typed link between a span of one document and a span of another."""

    id: str
    type: str
    source_doc: str
    source_span: str
    target_doc: str
    target_span: str

    def touches(self, doc_id: str, span_id: str | None = None) -> bool:
        return any(d == doc_id and (span_id is None or s == span_id)
                   for d, s in ((self.source_doc, self.source_span), (self.target_doc, self.target_span)))

    def other_end(self, doc_id: str, span_id: str) -> tuple[str, str]:
        """The (document, span) at the other end from (doc_id, span_id)."""
        if (self.source_doc, self.source_span) == (doc_id, span_id):
            return self.target_doc, self.target_span
        return self.source_doc, self.source_span


@dataclass(frozen=True)
class Entity:
    """A project-wide canonical actor that ACTOR spans refer to (``attrs["entity"]``)."""

    id: str
    name: str
    type: str = "other"
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name, then the aliases, without repeats."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


@dataclass(frozen=True)
class MentionProposal:
    """A place in a document where an entity's name or alias occurs, not yet tagged."""

    document_id: str
    start: int
    end: int
    text: str
    entity_id: str


@dataclass(frozen=True)
class SpanRef:
    """A span as the claim table shows it: document, id, text and a few attributes."""

    document_id: str
    span_id: str
    text: str
    label: str = ""
    entity_id: str | None = None
    entity_name: str | None = None
    value: str | None = None
    mod: str | None = None
    proposed: bool = False  # value is the normaliser's proposal, not yet accepted


@dataclass(frozen=True)
class EntityMention:
    """A span attached to an entity (``attrs["entity"]``), in any document, of any annotator."""

    document_id: str
    annotator: str
    span_id: str
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class LinkedClaim:
    """A claim in another document linked to a claim of the table (``incoming`` if it is the link's source)."""

    link_id: str
    link_type: str
    document_id: str
    span_id: str
    text: str
    incoming: bool = False


@dataclass(frozen=True)
class ClaimRow:
    """One claim with who made it, when, about whom, and its links to other documents."""

    document_id: str
    document_title: str
    span_id: str
    start: int
    end: int
    text: str
    factuality: str | None = None
    check_worthy: bool | None = None
    sources: tuple[SpanRef, ...] = ()
    times: tuple[SpanRef, ...] = ()
    targets: tuple[SpanRef, ...] = ()
    linked: tuple[LinkedClaim, ...] = field(default=())
    published: str | None = None


@dataclass(frozen=True)
class DocumentListItem:
    """One row of a document list or chooser, for one annotator (no text is read for it)."""

    id: str
    title: str  # the id when the document has no title
    source_path: str | None
    status: SetStatus
    span_count: int
    time_spent: int  # the annotator's seconds on it


class DocumentSort(str, Enum):
    """What a document list is ordered by (every order ends with the document id)."""

    ID = "id"
    TITLE = "title"
    SOURCE = "source"
    STATUS = "status"
    SPANS = "spans"
    TIME = "time"


@dataclass(frozen=True)
class DocumentQuery:
    """Which documents a list shows and in what order, for one annotator.

    *text* matches part of the title, id or source file name (folded: see
    ``core.folding``); *status* is the annotator's status (``new`` includes documents
    they never opened); *only_assigned* keeps the documents assigned to them.
    """

    annotator: str | None = None
    text: str = ""
    status: SetStatus | None = None
    only_assigned: bool = False
    sort: DocumentSort = DocumentSort.ID
    descending: bool = False
