"""The reads agreement needs: a document's text and each annotator's span keys and
relations, read straight through the database driver's cursor (no per-row work in
SQLAlchemy), and whether the project has relations or links at all.

Like every storage module: each function takes a Session opened by
the caller and never commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.core.agreement import Annotations
from annotator.core.errors import NotFound
from annotator.storage.database import Database
from annotator.storage.kinds import ANNOTATION, GOLD, GOLD_OWNER
from annotator.storage.tables import DocumentRow, LinkRow, RelationRow
from annotator.storage.team import document_sets, driver_rows, json_object, relations_by_set


def shared_url(database: Database) -> str | None:
    """The database's URL for another process to open (password included), or None
    when another process could not see it (an in-memory SQLite database)."""
    url = database.url
    if url.get_backend_name() == "sqlite" and (not url.database or url.database == ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


def has_relations(session: Session) -> bool:
    return bool(session.scalar(select(func.count(RelationRow.pk))))


def has_links(session: Session) -> bool:
    return bool(session.scalar(select(func.count(LinkRow.pk))))


def document_text(session: Session, doc_id: str) -> str:
    text = session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id))
    if text is None:
        raise NotFound(f"no document with id {doc_id!r} in this project")
    return text


def span_key_rows(session: Session, set_id: int) -> tuple[list[tuple[int, int, str]],
                                                           dict[tuple[int, int, str], dict[str, Any]]]:
    """(start, end, label) of every span of a set, and the attributes of those that have any."""
    rows = driver_rows(session, "SELECT start_offset, end_offset, label, CAST(attrs AS TEXT) FROM spans "
                                f"WHERE set_id = {int(set_id)}")
    decoded: dict[str, dict[str, Any]] = {}
    attrs: dict[tuple[int, int, str], dict[str, Any]] = {}
    keys: list[tuple[int, int, str]] = []
    for start, end, label, raw in rows:
        keys.append((start, end, label))
        if raw is not None and raw != "{}" and raw != "null":
            value = decoded.get(raw)
            if value is None:
                value = decoded[raw] = json_object(raw)
            attrs[(start, end, label)] = value
    return keys, attrs


def annotations_of(session: Session, doc_id: str, names: Sequence[str], with_relations: bool) -> dict[str, Annotations]:
    """Each named annotator's spans (and relations) of the document, as agreement reads
    them; the name ``gold`` stands for the gold set. Someone without a set has none."""
    kinds = (ANNOTATION, GOLD)
    rels = relations_by_set(session, doc_id, names, kinds=kinds) if with_relations else {}
    out: dict[str, Annotations] = {n: Annotations.from_rows([]) for n in names}
    for set_id, name, kind in document_sets(session, doc_id, names, kinds=kinds):
        if kind != (GOLD if name == GOLD_OWNER else ANNOTATION):
            continue
        rows, attrs = span_key_rows(session, set_id)
        out[name] = Annotations.from_rows(rows, attrs, rels.get((name, kind), []))
    return out
