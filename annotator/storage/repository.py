"""Repository functions: SQL in, core value objects out. Each takes a Session
(a unit of work opened by the caller) and never commits by itself."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.values import Document, DocumentSummary, SetStatus, Span
from annotator.core.schema import LabelSchema, parse_schema
from annotator.core.text import text_sha256
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    ChangeRow,
    DocumentRow,
    LabelSchemaRow,
    ProjectSetting,
    SpanRow,
    utcnow,
)
from annotator.storage.database import begin_write

GOLD = "gold"
ANNOTATION = "annotation"
#: The reserved owner of every gold set (an annotator row nobody logs in as).
GOLD_OWNER = "gold"

Row = TypeVar("Row")


class ReservedName(AnnotatorError):
    """The reserved name ``gold`` used for an ordinary annotator's work."""


def refuse_gold_owner(name: str) -> None:
    if name == GOLD_OWNER:
        raise ReservedName(f"{GOLD_OWNER!r} is reserved: it owns the adjudicated gold, which changes only through "
                           "adjudication; annotate under your own name")


def get_or_create(session: Session, find: Callable[[], Row | None], make: Callable[[], Row]) -> Row:
    """The row *find* returns, else a new one from *make*, inserted; safe against a
    concurrent writer inserting the same unique key.

    SQLite: the write lock is taken before looking again, so nobody can insert it in
    between. Everywhere: the insert runs in a savepoint; if another writer still got
    there first (PostgreSQL, where this takes no lock so that a long import does not
    hold up an annotator's first edit), the savepoint rolls back and the row is read
    again, instead of the transaction ending in an error.
    """
    row = find()
    if row is not None:
        return row
    if session.get_bind().dialect.name == "sqlite":
        begin_write(session)
        row = find()
        if row is not None:
            return row
    try:
        with session.begin_nested():
            row = make()
            session.add(row)
    except IntegrityError:
        row = find()
        if row is None:
            raise
    return row


# -- schema -------------------------------------------------------------------

def active_schema(session: Session) -> LabelSchema | None:
    setting = session.get(ProjectSetting, "schema_id")
    if setting is None:
        return None
    row = session.get(LabelSchemaRow, int(setting.value))
    if row is None:
        return None
    return parse_schema(row.source, f"project schema {row.name} v{row.version}")


def set_active_schema(session: Session, schema: LabelSchema) -> None:
    digest = text_sha256(schema.source)
    row = session.scalar(select(LabelSchemaRow).where(LabelSchemaRow.sha256 == digest))
    if row is None:
        row = LabelSchemaRow(name=schema.name, version=schema.version, source=schema.source, sha256=digest)
        session.add(row)
        session.flush()
    setting = session.get(ProjectSetting, "schema_id")
    if setting is None:
        session.add(ProjectSetting(key="schema_id", value=str(row.id)))
    else:
        setting.value = str(row.id)


# -- documents ----------------------------------------------------------------

def _document(row: DocumentRow) -> Document:
    return Document(
        id=row.id, title=row.title, text=row.text, sha256=row.sha256,
        direction="rtl" if row.direction == "rtl" else "ltr", meta=dict(row.meta or {}),
        source_path=row.source_path, imported_at=row.imported_at,
    )


def get_document(session: Session, doc_id: str) -> Document:
    row = session.get(DocumentRow, doc_id)
    if row is None:
        raise NotFound(f"no document with id {doc_id!r} in this project")
    return _document(row)


def document_ids_by_hash(session: Session, hashes: list[str]) -> dict[str, str]:
    """Map text SHA-256 -> document id for those already in the project."""
    out: dict[str, str] = {}
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        for sha, doc_id in session.execute(select(DocumentRow.sha256, DocumentRow.id).where(DocumentRow.sha256.in_(chunk))):
            out[sha] = doc_id
    return out


def existing_document_ids(session: Session, ids: list[str]) -> set[str]:
    out: set[str] = set()
    for i in range(0, len(ids), 500):
        out.update(session.scalars(select(DocumentRow.id).where(DocumentRow.id.in_(ids[i : i + 500]))))
    return out


def add_document(session: Session, doc: Document) -> None:
    session.add(DocumentRow(
        id=doc.id, title=doc.title, text=doc.text, sha256=doc.sha256, length=len(doc.text),
        direction=doc.direction, meta=doc.meta, source_path=doc.source_path,
        imported_at=doc.imported_at or utcnow(),
    ))


def list_documents(session: Session, annotator: str | None = None) -> list[DocumentSummary]:
    """All documents in id order, with this annotator's status and span count."""
    rows = session.execute(
        select(DocumentRow.id, DocumentRow.title, DocumentRow.direction, DocumentRow.length, DocumentRow.source_path)
        .order_by(DocumentRow.id)
    ).all()
    status: dict[str, str] = {}
    counts: dict[str, int] = {}
    if annotator is not None:
        q = (
            select(AnnotationSetRow.document_id, AnnotationSetRow.status, func.count(SpanRow.pk))
            .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
            .outerjoin(SpanRow, SpanRow.set_id == AnnotationSetRow.id)
            .where(AnnotatorRow.name == annotator, AnnotationSetRow.kind == ANNOTATION)
            .group_by(AnnotationSetRow.document_id, AnnotationSetRow.status)
        )
        for doc_id, st, n in session.execute(q):
            status[doc_id] = st
            counts[doc_id] = n
    return [
        DocumentSummary(r.id, r.title, "rtl" if r.direction == "rtl" else "ltr", r.length, r.source_path,
                        SetStatus(status.get(r.id, "new")), counts.get(r.id, 0))
        for r in rows
    ]


def all_documents(session: Session, ids: list[str] | None = None) -> list[Document]:
    q = select(DocumentRow).order_by(DocumentRow.id)
    if ids is not None:
        q = q.where(DocumentRow.id.in_(ids))
    return [_document(r) for r in session.scalars(q)]


# -- annotators and sets ----------------------------------------------------

def annotator_id(session: Session, name: str, *, create: bool = True, role: str = "annotator") -> int:
    def find() -> AnnotatorRow | None:
        return session.scalar(select(AnnotatorRow).where(AnnotatorRow.name == name))

    row = find()
    if row is None:
        if not create:
            raise NotFound(f"no annotator named {name!r} in this project")
        refuse_gold_owner(name)  # the gold owner is made by team_repo.gold_owner_id only
        row = get_or_create(session, find, lambda: AnnotatorRow(name=name, role=role))
    return row.id


def annotator_names(session: Session) -> list[str]:
    return list(session.scalars(select(AnnotatorRow.name).order_by(AnnotatorRow.name)))


@dataclass(frozen=True)
class AnnotationSetRef:
    """One annotation set as services see it: which document, whose, what kind, its status.

    ``id`` (and ``annotator_id``, for the change log) are opaque outside storage: pass
    them back to storage functions. A ref is a snapshot: after :func:`set_status` its
    ``status`` is the one it was read with.
    """

    id: int
    document_id: str
    annotator: str
    kind: str
    status: SetStatus
    annotator_id: int


def _set_ref(row: AnnotationSetRow, annotator: str) -> AnnotationSetRef:
    return AnnotationSetRef(row.id, row.document_id, annotator, row.kind, SetStatus(row.status), row.annotator_id)


def _find_set_row(session: Session, doc_id: str, annotator: str, kind: str) -> AnnotationSetRow | None:
    return session.scalar(
        select(AnnotationSetRow)
        .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
        .where(AnnotationSetRow.document_id == doc_id, AnnotatorRow.name == annotator, AnnotationSetRow.kind == kind)
    )


def find_set(session: Session, doc_id: str, annotator: str, kind: str = ANNOTATION) -> AnnotationSetRef | None:
    row = _find_set_row(session, doc_id, annotator, kind)
    return None if row is None else _set_ref(row, annotator)


def get_or_create_set(session: Session, doc_id: str, annotator: str, kind: str = ANNOTATION) -> AnnotationSetRef:
    """The annotator's set of the document, created if needed (never an ordinary set of ``gold``)."""
    if kind == ANNOTATION:
        refuse_gold_owner(annotator)
    row = _find_set_row(session, doc_id, annotator, kind)
    if row is None:
        if session.get(DocumentRow, doc_id) is None:
            raise NotFound(f"no document with id {doc_id!r} in this project")
        owner = annotator_id(session, annotator)
        row = get_or_create(session, lambda: _find_set_row(session, doc_id, annotator, kind),
                            lambda: AnnotationSetRow(document_id=doc_id, annotator_id=owner, kind=kind))
    return _set_ref(row, annotator)


def set_status(session: Session, set_ref: AnnotationSetRef, status: SetStatus, *, action: str = "status",
               automatic: bool = True) -> SetStatus:
    """Set a set's status and log it (under the set's owner); returns the status before.

    Every status change goes through here, so the change log holds all of them:
    the automatic new -> in progress of a first edit or an import (``automatic``),
    the annotator's own (``status``) and their undos (``undo.status``). Replaying
    the log's ``after`` values in order gives the stored status.
    """
    set_row = session.get(AnnotationSetRow, set_ref.id)
    if set_row is None:
        raise NotFound(f"no annotation set {set_ref.id} in this project")
    before = SetStatus(set_row.status)
    set_row.status = status.value
    set_row.updated_at = utcnow()
    payload: dict[str, Any] = {"before": before.value, "after": status.value}
    if automatic:
        payload["automatic"] = True
    log_change(session, action=action, annotator=set_row.annotator_id, document_id=set_row.document_id,
               set_id=set_row.id, payload=payload)
    return before


# -- spans ----------------------------------------------------------------------

def _span(row: SpanRow) -> Span:
    return Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}))


def spans_of_set(session: Session, set_id: int) -> list[Span]:
    rows = session.scalars(select(SpanRow).where(SpanRow.set_id == set_id).order_by(SpanRow.start, SpanRow.end.desc(), SpanRow.uid))
    return [_span(r) for r in rows]


def span_row(session: Session, set_id: int, uid: str) -> SpanRow:
    row = session.scalar(select(SpanRow).where(SpanRow.set_id == set_id, SpanRow.uid == uid))
    if row is None:
        raise NotFound(f"no span {uid!r} in this annotation set")
    return row


def insert_span(session: Session, set_id: int, span: Span) -> None:
    now = utcnow()
    session.add(SpanRow(set_id=set_id, uid=span.id, start=span.start, end=span.end, label=span.label,
                        attrs=span.attrs, created_at=now, updated_at=now))


def bulk_insert_spans(session: Session, set_id: int, spans: list[Span]) -> None:
    now = utcnow()
    session.execute(
        SpanRow.__table__.insert(),
        [{"set_id": set_id, "uid": s.id, "start_offset": s.start, "end_offset": s.end, "label": s.label,
          "attrs": s.attrs, "created_at": now, "updated_at": now} for s in spans],
    )


def span_counts_by_label(session: Session) -> dict[str, int]:
    # joined to the sets, so a span of an import still being written is not counted (storage/imports.py)
    q = (select(SpanRow.label, func.count()).join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
         .group_by(SpanRow.label).order_by(SpanRow.label))
    return {label: n for label, n in session.execute(q)}


# -- change log -------------------------------------------------------------

def log_change(session: Session, *, action: str, annotator: int | None, document_id: str | None = None,
               set_id: int | None = None, payload: dict[str, Any] | None = None, at: datetime | None = None) -> None:
    """Append one entry to the change log (never updated, never deleted)."""
    session.add(ChangeRow(at=at or utcnow(), annotator_id=annotator, document_id=document_id, set_id=set_id,
                          action=action, payload=payload or {}))


def logged_actions(session: Session, document_id: str, actions: Sequence[str]) -> list[tuple[str, str | None, dict[str, Any]]]:
    """(action, who, payload) of a document's change-log entries with one of these actions, oldest first."""
    q = (select(ChangeRow.action, AnnotatorRow.name, ChangeRow.payload)
         .outerjoin(AnnotatorRow, AnnotatorRow.id == ChangeRow.annotator_id)
         .where(ChangeRow.document_id == document_id, ChangeRow.action.in_(list(actions))).order_by(ChangeRow.id))
    return [(a, name, payload or {}) for a, name, payload in session.execute(q)]


def changes(session: Session, document_id: str | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    q = (select(ChangeRow, AnnotatorRow.name).outerjoin(AnnotatorRow, AnnotatorRow.id == ChangeRow.annotator_id)
         .order_by(ChangeRow.id.desc()).limit(limit))
    if document_id is not None:
        q = q.where(ChangeRow.document_id == document_id)
    return [
        {"id": c.id, "at": c.at, "annotator": name, "document_id": c.document_id, "action": c.action, "payload": c.payload}
        for c, name in session.execute(q)
    ]
