"""Documents and the project's active schema: SQL in, core values out. Each function
takes the caller's unit of work and never commits by itself.

A document's text never changes after import: nothing here writes it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from annotator.core.errors import NotFound
from annotator.core.schema import LabelSchema, parse_schema
from annotator.core.text import text_sha256
from annotator.core.values import Document, DocumentSummary, SetStatus
from annotator.storage.document_list import list_row
from annotator.storage.kinds import ANNOTATION
from annotator.storage.search import add_search_rows
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    DocumentListRow,
    DocumentRow,
    LabelSchemaRow,
    ProjectSetting,
    SpanRow,
    utcnow,
)


def document_meta(session: Session, doc_id: str) -> dict[str, Any] | None:
    """The document's metadata (a copy), or None if the project has no such document."""
    row = session.get(DocumentRow, doc_id)
    return None if row is None else dict(row.meta or {})


def set_document_meta(session: Session, doc_id: str, meta: dict[str, Any], *, direction: str | None = None) -> None:
    """Replace the document's metadata with *meta*; with *direction* (``rtl``/``ltr``)
    also its stored base direction."""
    row = session.get(DocumentRow, doc_id)
    assert row is not None, "a document read in this transaction"
    row.meta = meta
    if direction is not None:
        row.direction = direction


def document_totals(session: Session) -> tuple[int, int]:
    """(number of documents, their characters in all)."""
    n_docs, n_chars = session.execute(
        select(func.count(DocumentRow.id), func.coalesce(func.sum(DocumentRow.length), 0))).one()
    return n_docs, n_chars


def text_hashes_by_id(session: Session, ids: list[str]) -> dict[str, str]:
    """Map document id -> text SHA-256 for those of *ids* already in the project."""
    out: dict[str, str] = {}
    for i in range(0, len(ids), 500):
        for doc_id, sha in session.execute(select(DocumentRow.id, DocumentRow.sha256)
                                           .where(DocumentRow.id.in_(ids[i:i + 500]))):
            out[doc_id] = sha
    return out


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
        for sha, doc_id in session.execute(
            select(DocumentRow.sha256, DocumentRow.id).where(DocumentRow.sha256.in_(chunk))
        ):
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
    session.flush()  # the document row first: the list row refers to it
    session.execute(insert(DocumentListRow), [list_row(doc)])
    add_search_rows(session, [(doc.id, doc.text)])

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

def documents_with_label(session: Session, label: str, kind: str, annotator_id: int | None) -> list[Document]:
    """The documents whose set of *kind* (one annotator's, by id, or every set of that kind)
    holds a span labelled *label*, in id order: one query, whatever the project's size."""
    holding = (select(AnnotationSetRow.document_id).join(SpanRow, SpanRow.set_id == AnnotationSetRow.id)
               .where(AnnotationSetRow.kind == kind, SpanRow.label == label))
    if annotator_id is not None:
        holding = holding.where(AnnotationSetRow.annotator_id == annotator_id)
    q = select(DocumentRow).where(DocumentRow.id.in_(holding)).order_by(DocumentRow.id)
    return [_document(r) for r in session.scalars(q)]

def all_documents(session: Session, ids: list[str] | None = None) -> list[Document]:
    q = select(DocumentRow).order_by(DocumentRow.id)
    if ids is not None:
        q = q.where(DocumentRow.id.in_(ids))
    return [_document(r) for r in session.scalars(q)]
