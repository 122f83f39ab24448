"""What the structure commands share: the change report, log payloads, and small
helpers that read and write spans' attributes inside a caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from annotator.core import validation
from annotator.core.errors import NotFound
from annotator.core.values import SetStatus, Span
from annotator.core.values import Entity, Link, Relation
from annotator.services.project import Changed, InvalidEdit, Project
from annotator.storage import relations_repo as rr
from annotator.storage import repository as repo
from annotator.storage.tables import AnnotationSetRow


@dataclass(frozen=True)
class StructureChanged(Changed):
    """What changed: spans of ``document_id`` (as Changed) plus relations, links, entities,
    and spans of other documents (``other_documents``: (document id, span ids) pairs)."""

    relation_ids: tuple[str, ...] = ()
    link_ids: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    other_documents: tuple[tuple[str, tuple[str, ...]], ...] = ()


# -- payloads and helpers -----------------------------------------------------------

def span_payload(span: Span) -> dict[str, Any]:
    return {"id": span.id, "start": span.start, "end": span.end, "label": span.label, "attrs": span.attrs}


def relation_payload(r: Relation) -> dict[str, Any]:
    return {"id": r.id, "type": r.type, "head": r.head, "tail": r.tail, **({"attrs": r.attrs} if r.attrs else {})}


def link_payload(link: Link) -> dict[str, Any]:
    return {"id": link.id, "type": link.type, "source": {"doc": link.source_doc, "span": link.source_span},
            "target": {"doc": link.target_doc, "span": link.target_span}}


def entity_payload(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)}


def open_set(s: Session, doc_id: str, annotator: str) -> AnnotationSetRow:
    row = repo.get_or_create_set(s, doc_id, annotator)
    if row.status == SetStatus.NEW.value:
        repo.set_status(s, row, SetStatus.IN_PROGRESS)
    return row


def existing_set(s: Session, doc_id: str, annotator: str) -> AnnotationSetRow:
    row = repo.find_set(s, doc_id, annotator)
    if row is None:
        raise NotFound(f"{annotator} has no annotations in document {doc_id!r}")
    return row


def read_span(s: Session, set_id: int, span_id: str) -> Span:
    row = repo.span_row(s, set_id, span_id)
    return Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}))


def write_attrs(s: Session, set_row: AnnotationSetRow, doc_id: str, span_id: str, attrs: dict[str, Any],
                 action: str) -> tuple[Span, Span]:
    row = repo.span_row(s, set_row.id, span_id)
    before = Span(row.uid, row.start, row.end, row.label, dict(row.attrs or {}))
    row.attrs = dict(attrs)
    row.updated_at = repo.utcnow()
    after = Span(row.uid, row.start, row.end, row.label, dict(attrs))
    repo.log_change(s, action=action, annotator=set_row.annotator_id, document_id=doc_id, set_id=set_row.id,
                    payload={"before": span_payload(before), "after": span_payload(after)})
    return before, after


def check_attrs(project: Project, s: Session, label: str, changes: Mapping[str, Any]) -> None:
    """Refuse unknown attributes and values (schema), and entity ids not in the project."""
    given = {k: v for k, v in changes.items() if v is not None}
    problems = validation.attrs_problems(project.schema, label, given,  # the check every importer runs too
                                         lambda entity: rr.find_entity(s, entity) is not None)
    if problems:
        raise InvalidEdit("; ".join(problems))


def merged(before: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(before)
    for k, v in changes.items():
        if v is None:
            out.pop(k, None)
        else:
            out[k] = v
    return out
