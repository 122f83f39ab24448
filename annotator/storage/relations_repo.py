"""Repository functions for relations, cross-document links and entities.

SQL in, core value objects out (``annotator.core.values``). Each takes a
Session (a unit of work opened by the caller) and never commits by itself.
Relations and links refer to spans by primary key in the database and by span
id (``uid``) outside it; these functions translate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session, aliased

from annotator.core.errors import NotFound
from annotator.core.values import Entity, Link, Relation
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    EntityRow,
    LinkRow,
    RelationRow,
    SpanRow,
    utcnow,
)
from annotator.storage.repository import ANNOTATION

# -- spans by id ------------------------------------------------------------------


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

def _relations_query():  # type: ignore[no-untyped-def]
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
    session.execute(RelationRow.__table__.insert(), [
        {"set_id": set_id, "uid": r.id, "type": r.type, "head_pk": pks[r.head], "tail_pk": pks[r.tail],
         "attrs": dict(r.attrs), "provenance": {}, "created_at": now} for r in relations])


def delete_relation(session: Session, set_id: int, uid: str) -> Relation:
    relation = relation_by_id(session, set_id, uid)
    row = session.scalar(select(RelationRow).where(RelationRow.set_id == set_id, RelationRow.uid == uid))
    session.delete(row)
    session.flush()
    return relation


# -- links ------------------------------------------------------------------------------

def _links_query():  # type: ignore[no-untyped-def]
    src, tgt = aliased(SpanRow), aliased(SpanRow)
    src_set, tgt_set = aliased(AnnotationSetRow), aliased(AnnotationSetRow)
    q = (select(LinkRow.uid, LinkRow.type, src_set.document_id, src.uid, tgt_set.document_id, tgt.uid)
         .join(src, src.pk == LinkRow.source_pk).join(src_set, src_set.id == src.set_id)
         .join(tgt, tgt.pk == LinkRow.target_pk).join(tgt_set, tgt_set.id == tgt.set_id))
    return q, src, tgt, src_set, tgt_set


def link_by_id(session: Session, uid: str) -> Link:
    q, *_ = _links_query()
    row = session.execute(q.where(LinkRow.uid == uid)).first()
    if row is None:
        raise NotFound(f"no link {uid!r} in this project")
    return Link(*row)


def link_exists(session: Session, uid: str) -> bool:
    return session.scalar(select(LinkRow.pk).where(LinkRow.uid == uid)) is not None


def links_of_documents(session: Session, doc_ids: Sequence[str] | None, annotator_id: int | None,
                       kind: str = ANNOTATION) -> list[Link]:
    """Links of one annotator (of anyone if None) and *kind*, with either end in *doc_ids* (all if None)."""
    q, _src, _tgt, src_set, tgt_set = _links_query()
    q = q.where(LinkRow.kind == kind).order_by(LinkRow.pk)
    if annotator_id is not None:
        q = q.where(LinkRow.annotator_id == annotator_id)
    if doc_ids is None:
        return [Link(*row) for row in session.execute(q)]
    found: dict[str, Link] = {}
    ids = list(doc_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for row in session.execute(q.where(or_(src_set.document_id.in_(chunk), tgt_set.document_id.in_(chunk)))):
            found.setdefault(row[0], Link(*row))
    return list(found.values())


def links_touching(session: Session, span_pk_: int) -> list[Link]:
    q, *_ = _links_query()
    q = q.where(or_(LinkRow.source_pk == span_pk_, LinkRow.target_pk == span_pk_)).order_by(LinkRow.pk)
    return [Link(*row) for row in session.execute(q)]


def insert_link(session: Session, link: Link, source_pk: int, target_pk: int, annotator_id: int,
                kind: str = ANNOTATION) -> None:
    session.add(LinkRow(uid=link.id, type=link.type, source_pk=source_pk, target_pk=target_pk,
                        annotator_id=annotator_id, kind=kind, provenance={}, created_at=utcnow()))
    session.flush()


def delete_link(session: Session, uid: str) -> Link:
    link = link_by_id(session, uid)
    row = session.scalar(select(LinkRow).where(LinkRow.uid == uid))
    session.delete(row)
    session.flush()
    return link


def link_annotator(session: Session, uid: str) -> str | None:
    return session.scalar(select(AnnotatorRow.name).join(LinkRow, LinkRow.annotator_id == AnnotatorRow.id)
                          .where(LinkRow.uid == uid))


# -- entities -------------------------------------------------------------------------------

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


def span_rows_with_entities(session: Session, entity_uids: Iterable[str]) -> list[tuple[SpanRow, str, str, str]]:
    """(span row, document id, annotator, kind) of every span, in any set, whose ``entity`` is one of
    *entity_uids*: the JSON text is searched for the ids, then each candidate checked exactly (the
    same on SQLite and PostgreSQL)."""
    uids = sorted(set(entity_uids))
    if not uids:
        return []
    text = cast(SpanRow.attrs, String)
    q = (select(SpanRow, AnnotationSetRow.document_id, AnnotatorRow.name, AnnotationSetRow.kind)
         .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
         .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
         .where(or_(*(text.contains(u, autoescape=True) for u in uids)))
         .order_by(AnnotationSetRow.document_id, SpanRow.start, SpanRow.pk))
    wanted = set(uids)
    return [(row, d, a, k) for row, d, a, k in session.execute(q) if (row.attrs or {}).get("entity") in wanted]


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
