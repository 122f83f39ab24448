"""Relations (typed head -> tail pairs of spans inside one annotation set), and the spans
they and links name by id.

SQL in, core value objects out (``annotator.core.values``). Each function takes the
caller's unit of work and never commits by itself. Relations and links refer to
spans by primary key in the database and by span id (``uid``) outside it; the
functions of the first section translate (reading or changing a span itself is
:mod:`annotator.storage.spans`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from annotator.core.errors import NotFound
from annotator.core.values import Relation
from annotator.storage.tables import RelationRow, SpanRow, table_of, utcnow

# -- span ids <-> primary keys ---------------------------------------------------


def span_pks(session: Session, set_id: int, uids: Iterable[str] | None = None) -> dict[str, int]:
    """Span id -> primary key for the spans of one set (all of them, or those in *uids*)."""
    q = select(SpanRow.uid, SpanRow.pk).where(SpanRow.set_id == set_id)
    if uids is not None:
        q = q.where(SpanRow.uid.in_(list(uids)))
    return {uid: pk for uid, pk in session.execute(q)}


def span_pk(session: Session, set_id: int, uid: str) -> int:
    pk = session.scalar(select(SpanRow.pk).where(SpanRow.set_id == set_id, SpanRow.uid == uid))
    if pk is None:
        raise NotFound(f"no span {uid!r} in this annotation set")
    return pk


# -- relations ----------------------------------------------------------------------

def _relations_query() -> Select[str, str, str, str, int, dict[str, Any]]:
    head, tail = aliased(SpanRow), aliased(SpanRow)
    return (select(RelationRow.uid, RelationRow.type, head.uid, tail.uid, RelationRow.set_id, RelationRow.attrs)
            .join(head, head.pk == RelationRow.head_pk).join(tail, tail.pk == RelationRow.tail_pk))


def relations_of_set(session: Session, set_id: int) -> list[Relation]:
    """The relations of one annotation set, in creation order."""
    q = _relations_query().where(RelationRow.set_id == set_id).order_by(RelationRow.pk)
    return [Relation(uid, typ, h, t, dict(a or {})) for uid, typ, h, t, _, a in session.execute(q)]


def relations_of_sets(session: Session, set_ids: Sequence[int]) -> dict[int, list[Relation]]:
    out: dict[int, list[Relation]] = {sid: [] for sid in set_ids}
    for i in range(0, len(set_ids), 500):
        q = _relations_query().where(RelationRow.set_id.in_(list(set_ids[i : i + 500]))).order_by(RelationRow.pk)
        for uid, typ, h, t, sid, a in session.execute(q):
            out[sid].append(Relation(uid, typ, h, t, dict(a or {})))
    return out


def relation_by_id(session: Session, set_id: int, uid: str) -> Relation:
    row = session.execute(_relations_query().where(RelationRow.set_id == set_id, RelationRow.uid == uid)).first()
    if row is None:
        raise NotFound(f"no relation {uid!r} in this annotation set")
    return Relation(row[0], row[1], row[2], row[3], dict(row[5] or {}))


def relations_touching(session: Session, set_id: int, span_uid: str) -> list[Relation]:
    pk = span_pk(session, set_id, span_uid)
    head, tail = aliased(SpanRow), aliased(SpanRow)
    q = (select(RelationRow.uid, RelationRow.type, head.uid, tail.uid, RelationRow.attrs)
         .join(head, head.pk == RelationRow.head_pk).join(tail, tail.pk == RelationRow.tail_pk)
         .where(or_(RelationRow.head_pk == pk, RelationRow.tail_pk == pk)).order_by(RelationRow.pk))
    return [Relation(u, t, h, tl, dict(a or {})) for u, t, h, tl, a in session.execute(q)]


def insert_relation(session: Session, set_id: int, relation: Relation) -> None:
    pks = span_pks(session, set_id, (relation.head, relation.tail))
    for end in (relation.head, relation.tail):
        if end not in pks:
            raise NotFound(f"no span {end!r} in this annotation set")
    session.add(RelationRow(set_id=set_id, uid=relation.id, type=relation.type, head_pk=pks[relation.head],
                            tail_pk=pks[relation.tail], attrs=dict(relation.attrs), provenance={}, created_at=utcnow()))
    session.flush()


def bulk_insert_relations(session: Session, set_id: int, relations: Sequence[Relation]) -> None:
    """Insert relations whose spans are already in the set (import)."""
    if not relations:
        return
    pks = span_pks(session, set_id)
    now = utcnow()
    session.execute(table_of(RelationRow).insert(), [
        {"set_id": set_id, "uid": r.id, "type": r.type, "head_pk": pks[r.head], "tail_pk": pks[r.tail],
         "attrs": dict(r.attrs), "provenance": {}, "created_at": now} for r in relations])


def delete_relation(session: Session, set_id: int, uid: str) -> Relation:
    relation = relation_by_id(session, set_id, uid)
    row = session.scalar(select(RelationRow).where(RelationRow.set_id == set_id, RelationRow.uid == uid))
    session.delete(row)
    session.flush()
    return relation
