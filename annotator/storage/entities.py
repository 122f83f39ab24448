"""Project-wide entities (the canonical actors that ACTOR spans refer to through their
``entity`` attribute), and the spans that refer to them.

SQL in, core value objects out (``annotator.core.values``). Each function takes the
caller's unit of work and never commits by itself. A span's ``entity`` lives in its
JSON attributes; the reads here check it in Python, so they work the same on SQLite
and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from annotator.core.errors import NotFound
from annotator.core.values import Entity
from annotator.storage.kinds import ANNOTATION
from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, EntityRow, SpanRow, utcnow


def _entity(row: EntityRow) -> Entity:
    return Entity(row.uid, row.name, row.type, tuple(row.aliases or ()))


def list_entities(session: Session) -> list[Entity]:
    return [_entity(r) for r in session.scalars(select(EntityRow).order_by(EntityRow.name, EntityRow.uid))]


def get_entity(session: Session, uid: str) -> Entity:
    row = session.scalar(select(EntityRow).where(EntityRow.uid == uid))
    if row is None:
        raise NotFound(f"no entity {uid!r} in this project")
    return _entity(row)


def find_entity(session: Session, uid: str) -> Entity | None:
    row = session.scalar(select(EntityRow).where(EntityRow.uid == uid))
    return None if row is None else _entity(row)


def entities_by_id(session: Session, uids: Iterable[str]) -> dict[str, Entity]:
    ids = sorted(set(uids))
    out: dict[str, Entity] = {}
    for i in range(0, len(ids), 500):
        for row in session.scalars(select(EntityRow).where(EntityRow.uid.in_(ids[i : i + 500]))):
            out[row.uid] = _entity(row)
    return out


def insert_entity(session: Session, entity: Entity) -> None:
    session.add(EntityRow(uid=entity.id, name=entity.name, type=entity.type, aliases=list(entity.aliases),
                          created_at=utcnow()))
    session.flush()


def update_entity(session: Session, entity: Entity) -> None:
    row = session.scalar(select(EntityRow).where(EntityRow.uid == entity.id))
    if row is None:
        raise NotFound(f"no entity {entity.id!r} in this project")
    row.name, row.type, row.aliases = entity.name, entity.type, list(entity.aliases)


def delete_entity(session: Session, uid: str) -> Entity:
    row = session.scalar(select(EntityRow).where(EntityRow.uid == uid))
    if row is None:
        raise NotFound(f"no entity {uid!r} in this project")
    entity = _entity(row)
    session.delete(row)
    session.flush()
    return entity


# -- the spans that refer to entities ---------------------------------------------------------

def _span_rows_with_entities(session: Session, entity_uids: Iterable[str]) -> list[tuple[SpanRow, str, str]]:
    """(span row, document id, annotator) of every span, in any set, whose ``entity`` is one of
    *entity_uids*: the JSON text is searched for the ids, then each candidate checked exactly (the
    same on SQLite and PostgreSQL)."""
    uids = sorted(set(entity_uids))
    if not uids:
        return []
    text = cast(SpanRow.attrs, String)
    q = (select(SpanRow, AnnotationSetRow.document_id, AnnotatorRow.name)
         .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
         .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
         .where(or_(*(text.contains(u, autoescape=True) for u in uids)))
         .order_by(AnnotationSetRow.document_id, SpanRow.start, SpanRow.pk))
    wanted = set(uids)
    return [(row, d, a) for row, d, a in session.execute(q) if (row.attrs or {}).get("entity") in wanted]


def retarget_mentions(session: Session, entity_uids: Iterable[str],
                      keep_uid: str) -> list[tuple[int, str, str, str, str]]:
    """Make every span (any annotator, and gold) that refers to one of *entity_uids* refer to
    *keep_uid*. Returns (span key, its entity before, document id, owner, span id) of each, in
    document then reading order; :func:`restore_mentions` takes the first two back."""
    changed = []
    for row, doc_id, owner in _span_rows_with_entities(session, entity_uids):
        changed.append((row.pk, row.attrs["entity"], doc_id, owner, row.uid))
        row.attrs = {**row.attrs, "entity": keep_uid}
        row.updated_at = utcnow()
    return changed


def restore_mentions(session: Session, changed: Sequence[tuple[int, str]]) -> None:
    """Set each span's (by key) ``entity`` back to the value given: the undo of :func:`retarget_mentions`."""
    rows = {row.pk: row for row in session.scalars(select(SpanRow).where(SpanRow.pk.in_([pk for pk, _ in changed])))}
    for pk, old in changed:
        row = rows[pk]
        row.attrs = {**row.attrs, "entity": old}
        row.updated_at = utcnow()


def mention_counts(session: Session, annotator: str | None = None) -> dict[str, int]:
    """Entity id -> how many spans (of any set, or only of *annotator*'s annotation sets) refer to it."""
    counts: dict[str, int] = {}
    q = select(SpanRow.attrs)
    if annotator is not None:
        q = (q.join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
             .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
             .where(AnnotatorRow.name == annotator, AnnotationSetRow.kind == ANNOTATION))
    for (attrs,) in session.execute(q):
        ent = (attrs or {}).get("entity")
        if isinstance(ent, str):
            counts[ent] = counts.get(ent, 0) + 1
    return counts


def spans_with_entity(session: Session, entity_uid: str) -> list[tuple[str, str, str, int, int, str]]:
    """(document id, annotator, span id, start, end, label) of every span whose ``entity`` attribute is *entity_uid*.

    Read in Python over the JSON column, so it works the same on SQLite and PostgreSQL.
    """
    q = (select(AnnotationSetRow.document_id, AnnotatorRow.name, SpanRow.uid, SpanRow.start, SpanRow.end,
                SpanRow.label, SpanRow.attrs)
         .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
         .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
         .order_by(AnnotationSetRow.document_id, SpanRow.start))
    return [(d, a, uid, s, e, lab) for d, a, uid, s, e, lab, attrs in session.execute(q)
            if (attrs or {}).get("entity") == entity_uid]
