"""What a schema change reads and rewrites: the labels, relation and link types and span
attributes the data uses (with whose work they are), and the renames and deletions of
``annotator schema set``. Each function takes the caller's unit of work and never commits
by itself; the service runs them all in one transaction. Gold rows live in the same
tables (``kind = 'gold'``), so every rewrite covers gold too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from annotator.storage.tables import (
    AnnotationSetRow,
    ChangeRow,
    DocumentRow,
    LinkRow,
    RelationRow,
    SpanRow,
    table_of,
)

#: the change-log actions of schema changes
SCHEMA_ACTIONS = ("schema.set", "undo.schema.set")

_CHUNK = 500


class LabelUse(NamedTuple):
    """How many spans of one label one annotator's sets (or the gold) hold."""

    label: str
    kind: str
    annotator_id: int
    spans: int


class PairUse(NamedTuple):
    """One relation or link: its type and the labels of its two ends, and whose it is."""

    pk: int
    type: str
    first_label: str
    second_label: str
    kind: str
    annotator_id: int


class AttrsRow(NamedTuple):
    """A span's attributes, with its label and whose it is."""

    pk: int
    label: str
    kind: str
    annotator_id: int
    attrs: dict[str, Any]


def label_uses(session: Session) -> list[LabelUse]:
    """Spans per label, set kind and annotator (one grouped query)."""
    q = (select(SpanRow.label, AnnotationSetRow.kind, AnnotationSetRow.annotator_id, func.count(SpanRow.pk))
         .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
         .group_by(SpanRow.label, AnnotationSetRow.kind, AnnotationSetRow.annotator_id))
    return [LabelUse(*row) for row in session.execute(q)]


def relation_uses(session: Session) -> list[PairUse]:
    """Every relation with the labels of its head and tail."""
    head, tail = aliased(SpanRow), aliased(SpanRow)
    q = (select(RelationRow.pk, RelationRow.type, head.label, tail.label, AnnotationSetRow.kind,
                AnnotationSetRow.annotator_id)
         .join(head, head.pk == RelationRow.head_pk).join(tail, tail.pk == RelationRow.tail_pk)
         .join(AnnotationSetRow, AnnotationSetRow.id == RelationRow.set_id))
    return [PairUse(*row) for row in session.execute(q)]


def link_uses(session: Session) -> list[PairUse]:
    """Every link with the labels of its source and target."""
    source, target = aliased(SpanRow), aliased(SpanRow)
    q = (select(LinkRow.pk, LinkRow.type, source.label, target.label, LinkRow.kind, LinkRow.annotator_id)
         .join(source, source.pk == LinkRow.source_pk).join(target, target.pk == LinkRow.target_pk))
    return [PairUse(*row) for row in session.execute(q)]


def span_attrs(session: Session, labels: Iterable[str]) -> list[AttrsRow]:
    """The attributes of every span of *labels* that has any."""
    wanted = sorted(set(labels))
    if not wanted:
        return []
    q = (select(SpanRow.pk, SpanRow.label, AnnotationSetRow.kind, AnnotationSetRow.annotator_id, SpanRow.attrs)
         .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id).where(SpanRow.label.in_(wanted)))
    return [AttrsRow(pk, label, kind, who, dict(attrs)) for pk, label, kind, who, attrs in session.execute(q)
            if attrs]


def has_data(session: Session) -> bool:
    """True if the project holds a document or a span."""
    return (session.scalar(select(DocumentRow.id).limit(1)) is not None
            or session.scalar(select(SpanRow.pk).limit(1)) is not None)


# -- rewriting ---------------------------------------------------------------------------------

def rename_labels(session: Session, renames: Mapping[str, str]) -> None:
    """Every span of each old label gets the new one (no new name is in use: no merging)."""
    for old, new in renames.items():
        session.execute(update(SpanRow).where(SpanRow.label == old).values(label=new)
                        .execution_options(synchronize_session=False))


def rename_relation_types(session: Session, renames: Mapping[str, str]) -> None:
    for old, new in renames.items():
        session.execute(update(RelationRow).where(RelationRow.type == old).values(type=new)
                        .execution_options(synchronize_session=False))


def rename_link_types(session: Session, renames: Mapping[str, str]) -> None:
    for old, new in renames.items():
        session.execute(update(LinkRow).where(LinkRow.type == old).values(type=new)
                        .execution_options(synchronize_session=False))


def delete_labels(session: Session, labels: Iterable[str]) -> None:
    """Delete every span of *labels*, with the relations and links that name them."""
    wanted = sorted(set(labels))
    if not wanted:
        return
    doomed = select(SpanRow.pk).where(SpanRow.label.in_(wanted)).scalar_subquery()
    session.execute(delete(RelationRow).where(or_(RelationRow.head_pk.in_(doomed), RelationRow.tail_pk.in_(doomed)))
                    .execution_options(synchronize_session=False))
    session.execute(delete(LinkRow).where(or_(LinkRow.source_pk.in_(doomed), LinkRow.target_pk.in_(doomed)))
                    .execution_options(synchronize_session=False))
    session.execute(delete(SpanRow).where(SpanRow.label.in_(wanted)).execution_options(synchronize_session=False))


def delete_relations(session: Session, pks: Sequence[int]) -> None:
    for i in range(0, len(pks), _CHUNK):
        session.execute(delete(RelationRow).where(RelationRow.pk.in_(list(pks[i:i + _CHUNK])))
                        .execution_options(synchronize_session=False))


def delete_links(session: Session, pks: Sequence[int]) -> None:
    for i in range(0, len(pks), _CHUNK):
        session.execute(delete(LinkRow).where(LinkRow.pk.in_(list(pks[i:i + _CHUNK])))
                        .execution_options(synchronize_session=False))


def set_span_attrs(session: Session, updates: Sequence[tuple[int, dict[str, Any]]]) -> None:
    """Replace the attributes of spans (by primary key), in one executemany."""
    if not updates:
        return
    spans = table_of(SpanRow)
    session.execute(update(spans).where(spans.c.pk == bindparam("b_pk")).values(attrs=bindparam("b_attrs")),
                    [{"b_pk": pk, "b_attrs": attrs} for pk, attrs in updates])


# -- the log of schema changes -------------------------------------------------------------------

def schema_log(session: Session) -> list[tuple[int, str, dict[str, Any]]]:
    """(id, action, payload) of every schema change in the change log, oldest first."""
    q = (select(ChangeRow.id, ChangeRow.action, ChangeRow.payload)
         .where(ChangeRow.action.in_(SCHEMA_ACTIONS)).order_by(ChangeRow.id))
    return [(cid, action, dict(payload or {})) for cid, action, payload in session.execute(q)]
