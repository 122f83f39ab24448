"""The change log: every mutation appends an entry (who, what, which document, a JSON
payload); nothing updates or deletes one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.storage.tables import (
    AnnotatorRow,
    ChangeRow,
    table_of,
    utcnow,
)


def log_change(session: Session, *, action: str, annotator: int | None, document_id: str | None = None,
               set_id: int | None = None, payload: dict[str, Any] | None = None, at: datetime | None = None) -> None:
    """Append one entry to the change log (never updated, never deleted).

    Written at once with one INSERT (the unit of work's flush costs more than the rest
    of a tag); rows the session has not written yet (an annotator just made, whom the
    entry may name) are written first.
    """
    if session.new:
        session.flush()
    session.execute(table_of(ChangeRow).insert(),
                    {"at": at or utcnow(), "annotator_id": annotator, "document_id": document_id, "set_id": set_id,
                     "action": action, "payload": payload or {}})

def logged_actions(
    session: Session, document_id: str, actions: Sequence[str]
) -> list[tuple[str, str | None, dict[str, Any]]]:
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
        {
            "id": c.id,
            "at": c.at,
            "annotator": name,
            "document_id": c.document_id,
            "action": c.action,
            "payload": c.payload,
        }
        for c, name in session.execute(q)
    ]
