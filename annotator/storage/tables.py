"""Typed SQLAlchemy 2 models. Portable SQL only: SQLite now, PostgreSQL later.

Offsets are code points (columns ``start_offset`` / ``end_offset``). The change
log (``changes``) is append-only: undo and audit read it, nothing rewrites it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def table_of(row_class: type[Base]) -> Table:
    """The Core table of a mapped class (``__table__`` is typed as any FromClause)."""
    table = row_class.__table__
    assert isinstance(table, Table)
    return table


class LabelSchemaRow(Base):
    """A schema the project's data follows (TOML text kept verbatim)."""

    __tablename__ = "label_schemas"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ProjectSetting(Base):
    """Project-wide key/value settings (e.g. ``schema_id``)."""

    __tablename__ = "project_settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    length: Mapped[int] = mapped_column(Integer)
    direction: Mapped[str] = mapped_column(String(3))
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: the import that brought it; while that import is ``staging`` the document is invisible
    import_batch: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)


class DocumentListRow(Base):
    """One narrow row per document, what the document list and the chooser read: the
    title shown (the id when it has none), the source and the folded key they are
    matched by (``core.folding.list_key``). Filtering and sorting 100,000 documents
    reads these rows and their indexes, never the documents' text. On SQLite the key is
    also in a trigram full-text index (``document_list_fts``, kept by triggers; see
    migration 0005), so a filter of three characters or more finds its rows without
    reading every key."""

    __tablename__ = "document_list"
    __table_args__ = (
        # each index holds the import batch too, so a page in any order is read from one index
        Index("ix_document_list_id", "document_id", "import_batch"),
        Index("ix_document_list_title", "title", "document_id", "import_batch"),
        Index("ix_document_list_source", "source_name", "document_id", "import_batch"),
    )
    #: the full-text index's row number (an INTEGER PRIMARY KEY: it survives VACUUM)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    # ordered by code point on every backend (PostgreSQL: collation "C", which its indexes follow)
    document_id: Mapped[str] = mapped_column(
        String(200).with_variant(String(200, collation="C"), "postgresql"),
        ForeignKey("documents.id", ondelete="CASCADE"), unique=True)
    title: Mapped[str] = mapped_column(Text().with_variant(Text(collation="C"), "postgresql"))
    source_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    source_name: Mapped[str] = mapped_column(Text().with_variant(Text(collation="C"), "postgresql"))
    search_key: Mapped[str] = mapped_column(Text)
    #: the document's import batch (invisible while it is ``staging``, like the document)
    import_batch: Mapped[int | None] = mapped_column(Integer, nullable=True)


class DocumentSearchRow(Base):
    """One row per document, what the corpus search asks first: the document's text folded
    with every fold of ``core.search`` (``core.search.index_text``), keyed by its list row's
    number (hidden and removed with that row). On SQLite it is also in a trigram full-text
    index (``document_search_fts``: written with the row, removed by a trigger), on
    PostgreSQL in a pg_trgm GIN index (migration 0006, where the backend can)."""

    __tablename__ = "document_search"
    number: Mapped[int] = mapped_column(Integer, ForeignKey("document_list.number", ondelete="CASCADE"),
                                        primary_key=True, autoincrement=False)
    folded: Mapped[str] = mapped_column(Text)


#: what the database has that no model describes (alembic's comparisons leave it out):
#: SQLite's full-text indexes of the document list and of the search's folded texts, with
#: their shadow tables, and PostgreSQL's trigram indexes of the same (migrations 0005, 0006,
#: where the backend can)
UNMODELLED_PREFIXES = ("document_list_fts", "document_search_fts")
UNMODELLED_INDEXES = frozenset({"ix_document_list_search_trgm", "ix_document_search_folded_trgm"})


def modelled(name: str | None, type_: str, _parents: Any = None) -> bool:
    """alembic's ``include_name``: False for the tables and indexes no model describes."""
    if name is None:
        return True
    if type_ == "table":
        return not name.startswith(UNMODELLED_PREFIXES)
    return not (type_ == "index" and name in UNMODELLED_INDEXES)


class ImportBatchRow(Base):
    """One import: its documents are written in short transactions while it is ``staging``
    (every reader ignores them), and appear together when it is ``published``."""

    __tablename__ = "import_batches"
    #: random (batches.begin), so an id is not reused after a batch is removed: rows name their batch by it
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    state: Mapped[str] = mapped_column(String(20), default="staging", index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    host: Mapped[str] = mapped_column(String(200), default="")
    pid: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[int] = mapped_column(Integer, default=0)
    #: an annotator row this import created (removed with the batch if it is abandoned and unused)
    created_annotator_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class AnnotatorRow(Base):
    __tablename__ = "annotators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="annotator")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AnnotationSetRow(Base):
    """One annotator's annotations of one document (``kind`` 'gold' for gold)."""

    __tablename__ = "annotation_sets"
    __table_args__ = (UniqueConstraint("document_id", "annotator_id", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="annotation")
    status: Mapped[str] = mapped_column(String(20), default="new")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    time_spent_seconds: Mapped[int] = mapped_column(Integer, default=0)
    #: set by an import; invisible while that import is ``staging``
    import_batch: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)


GOLD_ONLY = "kind = 'gold'"
#: the gold-only unique keys of the model (see :func:`add_postgresql_options`)
GOLD_KEYS: list[Index] = []


def gold_only(*columns: str, name: str) -> Index:
    """A unique key over *columns* for gold rows only (``kind = 'gold'``): annotators'
    sets may hold the same item twice (imported from other tools), gold never."""
    index = Index(name, *columns, unique=True, sqlite_where=text(GOLD_ONLY))
    GOLD_KEYS.append(index)
    return index


def add_postgresql_options() -> None:
    """Give the gold-only keys their PostgreSQL ``WHERE`` as well.

    Written into the table definitions, ``postgresql_where`` makes SQLAlchemy load its
    PostgreSQL dialect (about 80 ms with asyncio) in every process, SQLite ones too. The
    schema is made by the migrations, which name it themselves; the model's copy is for
    comparing the model with a database, so it is added when a PostgreSQL engine is built.
    """
    for index in GOLD_KEYS:
        index.dialect_options["postgresql"]["where"] = text(GOLD_ONLY)


class SpanRow(Base):
    """A span. ``kind`` repeats its set's kind (``gold`` for gold) so that a partial
    unique index can forbid the same (range, label) twice in gold."""

    __tablename__ = "spans"
    __table_args__ = (
        UniqueConstraint("set_id", "uid"),
        Index("ix_spans_set_start", "set_id", "start_offset"),
        gold_only("set_id", "start_offset", "end_offset", "label", name="uq_spans_gold_key"),
    )
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20), default="annotation", server_default="annotation")
    uid: Mapped[str] = mapped_column(String(100))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    label: Mapped[str] = mapped_column(String(100), index=True)
    attrs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: the annotator's note (``core.values.Span.comment``, ``unsure``; migration 0007)
    comment: Mapped[str] = mapped_column(Text, default="", server_default="")
    unsure: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ChangeRow(Base):
    """Append-only log of every change: who, what, when, before and after."""

    __tablename__ = "changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    annotator_id: Mapped[int | None] = mapped_column(ForeignKey("annotators.id"), nullable=True)
    document_id: Mapped[str | None] = mapped_column(String(200), nullable=True, index=True)
    set_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(50))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RelationRow(Base):
    """A typed relation between two spans of one annotation set (SOURCE, TIME, TARGET)."""

    __tablename__ = "relations"
    __table_args__ = (
        UniqueConstraint("set_id", "uid"),
        gold_only("set_id", "type", "head_pk", "tail_pk", name="uq_relations_gold_key"),
    )
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("annotation_sets.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="annotation", server_default="annotation")
    uid: Mapped[str] = mapped_column(String(100))
    type: Mapped[str] = mapped_column(String(100))
    head_pk: Mapped[int] = mapped_column(ForeignKey("spans.pk", ondelete="CASCADE"), index=True)
    tail_pk: Mapped[int] = mapped_column(ForeignKey("spans.pk", ondelete="CASCADE"), index=True)
    attrs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class LinkRow(Base):
    """A typed link between spans of two documents (SAME_CLAIM, CONTRADICTS, ...)."""

    __tablename__ = "links"
    __table_args__ = (gold_only("type", "source_pk", "target_pk", name="uq_links_gold_key"),)
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(100), unique=True)
    type: Mapped[str] = mapped_column(String(100))
    source_pk: Mapped[int] = mapped_column(ForeignKey("spans.pk", ondelete="CASCADE"), index=True)
    target_pk: Mapped[int] = mapped_column(ForeignKey("spans.pk", ondelete="CASCADE"), index=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="annotation")
    provenance: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EntityRow(Base):
    """A project-wide canonical entity that actor spans refer to (attrs["entity"] = uid)."""

    __tablename__ = "entities"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(50), default="other")
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AssignmentRow(Base):
    """A document assigned to an annotator (their queue)."""

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("document_id", "annotator_id"),)
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    assigned_by: Mapped[str | None] = mapped_column(String(200), nullable=True)


class SuggestionRow(Base):
    """A span a recommender proposes (``core.suggest.Suggestion``), stored by ``suggest apply``
    for review; never an annotation. *audience_id* None: anyone may see it; else only that
    annotator (a model trained on data only they may see). Migration 0008."""

    __tablename__ = "suggestions"
    __table_args__ = (Index("ix_suggestions_doc_recommender", "document_id", "recommender"),)
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    recommender: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(100), default="")
    audience_id: Mapped[int | None] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"), nullable=True)
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    label: Mapped[str] = mapped_column(String(100))
    attrs: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    score: Mapped[float] = mapped_column(Float, default=1.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SuggestionDecisionRow(Base):
    """What an annotator decided about a suggestion (accepted, edited then accepted, rejected),
    by the suggestion's key: a rejected one stays hidden until its recommender's answer changes;
    the acceptance log counts these. Migration 0008."""

    __tablename__ = "suggestion_decisions"
    __table_args__ = (Index("ix_suggestion_decisions_doc_annotator", "document_id", "annotator_id"),)
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    annotator_id: Mapped[int] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"))
    recommender: Mapped[str] = mapped_column(String(200))
    suggestion_key: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(100))
    decision: Mapped[str] = mapped_column(String(20))
    span_uid: Mapped[str | None] = mapped_column(String(100), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SuggestionModelRow(Base):
    """A trained span model (``core.span_model``), versioned, with the data it saw in *info*.
    *audience_id* None: trained on gold and every done set (for adjudicators and managers);
    else on gold and that annotator's own done sets only. Migration 0008."""

    __tablename__ = "suggestion_models"
    pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), default="project")
    version: Mapped[int] = mapped_column(Integer)
    audience_id: Mapped[int | None] = mapped_column(ForeignKey("annotators.id", ondelete="CASCADE"), nullable=True)
    info: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
