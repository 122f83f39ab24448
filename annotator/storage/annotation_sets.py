"""Annotation sets: one annotator's (or the gold's) work on one document, and its status.

SQL in, :class:`AnnotationSetRef` values out. Each function takes the caller's unit of
work and never commits by itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from annotator.core.errors import NotFound
from annotator.core.values import SetStatus
from annotator.storage.changelog import log_change
from annotator.storage.database import get_or_create
from annotator.storage.kinds import ANNOTATION, refuse_gold_owner
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    DocumentRow,
    utcnow,
)
from annotator.storage.team import annotator_id


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

#: find_set's statement, built once (building it took longer than running it: every tag asks)
_FIND_SET = (select(AnnotationSetRow.id, AnnotationSetRow.status, AnnotationSetRow.annotator_id)
             .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
             .where(AnnotationSetRow.document_id == bindparam("doc"), AnnotatorRow.name == bindparam("who"),
                    AnnotationSetRow.kind == bindparam("kind")))


def find_set(session: Session, doc_id: str, annotator: str, kind: str = ANNOTATION) -> AnnotationSetRef | None:
    """The set, read as three columns (no ORM object: every tag asks)."""
    found = session.execute(_FIND_SET, {"doc": doc_id, "who": annotator, "kind": kind}).first()
    return None if found is None else AnnotationSetRef(found[0], doc_id, annotator, kind, SetStatus(found[1]), found[2])

def get_or_create_set(session: Session, doc_id: str, annotator: str, kind: str = ANNOTATION) -> AnnotationSetRef:
    """The annotator's set of the document, created if needed (never an ordinary set of ``gold``)."""
    if kind == ANNOTATION:
        refuse_gold_owner(annotator)
    found = find_set(session, doc_id, annotator, kind)
    if found is not None:
        return found
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
