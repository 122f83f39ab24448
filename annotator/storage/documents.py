"""Documents: SQL in, plain values out. Each function takes the caller's unit of work
and never commits by itself.

The older document functions (``get_document``, ``list_documents``, ``add_document``,
``document_ids_by_hash``, ``existing_document_ids``) are still in ``repository.py``.
A document's text never changes after import: nothing here writes it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.storage.tables import DocumentRow


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
