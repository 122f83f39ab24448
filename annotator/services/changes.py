"""What the structure commands (relations, links, attributes, entities) share: the change
report, log payloads, and small helpers that open the annotator's set and read and
write spans' attributes inside a caller's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from annotator.core import validation
from annotator.core.errors import NotFound
from annotator.core.values import Entity, Link, Relation, SetStatus, Span
from annotator.services.project import Changed, InvalidEdit, Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import entities as entity_store
from annotator.storage import spans as span_store
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork


@dataclass(frozen=True)
class RelationsLinksChanged(Changed):
    """What changed: spans of ``document_id`` (as Changed) plus relations, links, entities,
    and spans of other documents (``other_documents``: (document id, span ids) pairs)."""

    relation_ids: tuple[str, ...] = ()
    link_ids: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    other_documents: tuple[tuple[str, tuple[str, ...]], ...] = ()


# -- payloads and helpers -----------------------------------------------------------

def span_payload(span: Span) -> dict[str, Any]:
    return {"id": span.id, "start": span.start, "end": span.end, "label": span.label, "attrs": span.attrs,
            **({"comment": span.comment} if span.comment else {}), **({"unsure": True} if span.unsure else {})}


def relation_payload(r: Relation) -> dict[str, Any]:
    return {"id": r.id, "type": r.type, "head": r.head, "tail": r.tail, **({"attrs": r.attrs} if r.attrs else {})}


def link_payload(link: Link) -> dict[str, Any]:
    return {"id": link.id, "type": link.type, "source": {"doc": link.source_doc, "span": link.source_span},
            "target": {"doc": link.target_doc, "span": link.target_span}}


def entity_payload(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)}


@dataclass(frozen=True)
class SetKey:
    """The keys of one annotator's annotation set inside a transaction: ``id`` for the
    storage functions, ``annotator_id`` for the change log."""

    id: int
    annotator_id: int


def open_set(s: UnitOfWork, doc_id: str, annotator: str) -> SetKey:
    """The annotator's set of the document, created if needed; a new set becomes in progress."""
    ref = set_store.get_or_create_set(s, doc_id, annotator)
    if SetStatus(ref.status) is SetStatus.NEW:
        set_store.set_status(s, ref, SetStatus.IN_PROGRESS)
    return SetKey(ref.id, team_store.annotator_id(s, annotator, create=False))


def existing_set(s: UnitOfWork, doc_id: str, annotator: str) -> SetKey:
    ref = set_store.find_set(s, doc_id, annotator)
    if ref is None:
        raise NotFound(f"{annotator} has no annotations in document {doc_id!r}")
    return SetKey(ref.id, team_store.annotator_id(s, annotator, create=False))


def read_span(s: UnitOfWork, set_id: int, span_id: str) -> Span:
    return span_store.get_span(s, set_id, span_id)


def write_attrs(s: UnitOfWork, set_key: SetKey, doc_id: str, span_id: str, attrs: dict[str, Any],
                action: str) -> tuple[Span, Span]:
    before, after = span_store.set_span_attrs(s, set_key.id, span_id, attrs)
    changelog.log_change(s, action=action, annotator=set_key.annotator_id, document_id=doc_id, set_id=set_key.id,
                    payload={"before": span_payload(before), "after": span_payload(after)})
    return before, after


def check_attrs(project: Project, s: UnitOfWork, label: str, changes: Mapping[str, Any]) -> None:
    """Refuse unknown attributes and values (schema), and entity ids not in the project."""
    given = {k: v for k, v in changes.items() if v is not None}
    problems = validation.attrs_problems(project.schema, label, given,  # the check every importer runs too
                                         lambda entity: entity_store.find_entity(s, entity) is not None)
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
