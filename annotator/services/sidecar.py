"""Relations, entities and cross-document links in the canonical JSONL export and import.

Export: :func:`document_extras` gives a document's relations for its JSONL record
(``jsonl.document_record(doc, spans, relations)``), and :func:`write_project_sidecar`
writes ``FILE.project.json`` beside ``FILE.jsonl`` (entities, and the links whose
both ends are exported). Import: :func:`find_sidecars` / :func:`read_sidecars` read
and check the sidecars before anything is written, and :func:`import_project_sidecar`
stores their entities and links inside the import's transaction, after the
documents and spans.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core import validation
from annotator.core.errors import AnnotatorError, InputError, NotFound, Problem
from annotator.core.values import Entity, Link, Relation
from annotator.formats import jsonl
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import entities as entity_store
from annotator.storage import kinds as set_kinds
from annotator.storage import links as link_store
from annotator.storage import relations as relation_store
from annotator.storage import spans as span_store
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork

SIDECAR_SUFFIX = jsonl.SIDECAR_SUFFIX


class SidecarExists(AnnotatorError):
    """The sidecar file is already there and may not be replaced."""


@dataclass
class SidecarReport:
    path: Path
    entities: int
    links: int
    links_left_out: int = 0  # links with one end outside the exported documents


@dataclass
class SidecarImport:
    entities: int = 0
    entities_already_there: int = 0
    links: int = 0
    links_already_there: int = 0
    problems: list[Problem] = field(default_factory=list)


# -- export ------------------------------------------------------------------------------

def document_extras(session_or_project: UnitOfWork | Project, doc_id: str, annotator: str | None,
                    kind: str = set_kinds.ANNOTATION) -> list[Relation]:
    """The relations of *annotator*'s set (or the gold set with ``kind="gold"``) of the document."""
    if annotator is None:
        return []
    if isinstance(session_or_project, Project):
        with session_or_project.database.unit_of_work() as s:
            return document_extras(s, doc_id, annotator, kind)
    set_row = set_store.find_set(session_or_project, doc_id, annotator, kind)
    return [] if set_row is None else relation_store.relations_of_set(session_or_project, set_row.id)


def _atomic_write_json(target: Path, data: object, *, force: bool) -> None:
    if target.exists() and not force:
        raise SidecarExists(f"{target} already exists: choose another name or use --force to replace it")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_project_sidecar(project: Project, out_path: Path, annotator: str | None,
                          doc_ids: Sequence[str] | None = None, *, force: bool = False,
                          kind: str = set_kinds.ANNOTATION) -> SidecarReport:
    """Write ``out_path``'s sidecar (``FILE.project.json``): every entity of the project and
    *annotator*'s links whose both ends are in *doc_ids* (all documents if None). With
    ``kind="gold"`` and no annotator, the gold links (whoever adjudicated them).

    Links with one end outside the export are left out and counted (an import could
    not restore them). Written to a temporary file and renamed into place.
    """
    target = jsonl.sidecar_path(Path(out_path))
    with project.database.unit_of_work() as s:
        entities = entity_store.list_entities(s)
        links: list[Link] = []
        who: int | None = None
        known = True
        if annotator is not None:
            try:
                who = team_store.annotator_id(s, annotator, create=False)
            except NotFound:
                known = False
        if known and (annotator is not None or kind != set_kinds.ANNOTATION):
            links = link_store.links_of_documents(s, None if doc_ids is None else list(doc_ids), who, kind)
    exported = None if doc_ids is None else set(doc_ids)
    kept = [link for link in links if exported is None or {link.source_doc, link.target_doc} <= exported]
    _atomic_write_json(target, jsonl.project_record(sorted(entities, key=lambda e: e.id), kept), force=force)
    return SidecarReport(target, len(entities), len(kept), len(links) - len(kept))


# -- import --------------------------------------------------------------------------------

DATASET_PROJECT_FILE = "project.json"  # a dataset export folder: <split>.jsonl files and one project.json


def is_sidecar(path: Path) -> bool:
    """``FILE.project.json``, or a dataset folder's ``project.json`` (beside .jsonl files)."""
    if path.name.endswith(SIDECAR_SUFFIX):
        return True
    return path.name == DATASET_PROJECT_FILE and any(path.parent.glob("*.jsonl"))


def find_sidecars(jsonl_files: Iterable[Path]) -> list[Path]:
    """The sidecars that exist beside the given JSONL files (each read once)."""
    out: list[Path] = []
    for f in jsonl_files:
        if f.suffix.lower() == ".jsonl":
            for side in (jsonl.sidecar_path(f), f.parent / DATASET_PROJECT_FILE):
                if side.is_file() and side not in out:
                    out.append(side)
    return out


def read_sidecars(paths: Iterable[Path], project: Project) -> tuple[dict[Path, tuple[list[Entity], list[Link]]],
                                                                   list[Problem]]:
    """Read and check sidecars (before anything is written); problems name the file and entry."""
    good: dict[Path, tuple[list[Entity], list[Link]]] = {}
    problems: list[Problem] = []
    for path in paths:
        try:
            good[path] = jsonl.read_project_sidecar(path, project.schema)
        except InputError as exc:
            problems.extend(exc.problems)
    return good, problems


def import_project_sidecar(session: UnitOfWork, project: Project, path: Path, entities: Sequence[Entity],
                           links: Sequence[Link], doc_ids: Mapping[str, str], annotator: str,
                           kind: str = set_kinds.ANNOTATION) -> SidecarImport:
    """Store a sidecar's entities and links inside the caller's transaction.

    *doc_ids* maps the document ids written in the file to the project's ids (the
    same, unless a document was already in the project under another id). Link ends
    are looked up among *annotator*'s spans. An entity or link already in the project
    with the same content is kept; one with the same id and different content, or a
    link whose span cannot be found, is a problem (nothing of it is written).
    """
    report = SidecarImport()
    where = str(path)
    who = team_store.annotator_id(session, annotator)
    for e in entities:
        old = entity_store.find_entity(session, e.id)
        if old is not None:
            if old == e:
                report.entities_already_there += 1
            else:
                report.problems.append(Problem(where, f"entity {e.id} is already in the project as {old.name!r} "
                                                      f"({old.type}, aliases {list(old.aliases)}), not as {e.name!r}"))
            continue
        entity_store.insert_entity(session, e)
        changelog.log_change(session, action="entity.add", annotator=who,
                        payload={"entity": jsonl.entity_record(e), "source": where})
        report.entities += 1
    for i, link in enumerate(links):
        tag = f"links[{i}] ({link.id})"
        ends: list[tuple[str, int, str]] = []
        for end, doc, span in (("source", link.source_doc, link.source_span),
                               ("target", link.target_doc, link.target_span)):
            doc_id = doc_ids.get(doc, doc)
            set_row = set_store.find_set(session, doc_id, annotator, kind)
            pks = relation_store.span_pks(session, set_row.id, [span]) if set_row is not None else {}
            if span not in pks or set_row is None:
                report.problems.append(Problem(where, f"{tag}: {end} span {span!r} of document {doc!r} is not among "
                                                      f"{annotator}'s spans in the project"))
                break
            label = span_store.get_span(session, set_row.id, span).label
            ends.append((doc_id, pks[span], label))
        if len(ends) != 2:
            continue
        problem = validation.link_problem(project.schema, link, ends[0][2], ends[1][2])  # the window's check
        if problem:
            report.problems.append(Problem(where, f"{tag}: {problem}"))
            continue
        stored = Link(link.id, link.type, ends[0][0], link.source_span, ends[1][0], link.target_span)
        if link_store.link_exists(session, link.id):
            if link_store.link_by_id(session, link.id) == stored:
                report.links_already_there += 1
            else:
                report.problems.append(
                    Problem(where, f"{tag}: a different link with this id is already in the project")
                )
            continue
        link_store.insert_link(session, stored, ends[0][1], ends[1][1], who, kind)
        changelog.log_change(session, action="link.add", annotator=who, document_id=stored.source_doc,
                        payload={"link": jsonl.link_record(stored), "source": where})
        report.links += 1
    return report
