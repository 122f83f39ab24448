"""Cross-document links (a span of one document to a span of another: SAME_CLAIM,
CONTRADICTS, SUPPORTS, SAME_DATE), owned by an annotator, or gold.

SQL in, core value objects out (``annotator.core.values``). Each function takes the
caller's unit of work and never commits by itself. A link's ends are span primary keys
in the database (``storage.relations.span_pk`` finds them) and (document, span id)
pairs everywhere else.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session, aliased

from annotator.core.errors import NotFound
from annotator.core.values import Link
from annotator.storage.kinds import ANNOTATION
from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, LinkRow, SpanRow, utcnow

_LinksQuery = tuple[
    Select[str, str, str, str, str, str], type[SpanRow], type[SpanRow], type[AnnotationSetRow], type[AnnotationSetRow]
]


def _links_query() -> _LinksQuery:
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
