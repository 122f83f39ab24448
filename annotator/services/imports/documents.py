"""Import articles into the project, all or nothing.

Files are read and checked first; then everything is written in one transaction.
On any problem nothing is written, unless ``skip_bad`` is set, in which case the
good files are imported and the bad ones reported. A document whose text is
already in the project (same SHA-256) is reported and skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from annotator.core import validation
from annotator.core.errors import InputError, Problem
from annotator.core.text import text_sha256
from annotator.core.values import Document, IncomingDocument
from annotator.services import sidecar
from annotator.services.imports.annotations import attach_annotations, match_existing
from annotator.services.imports.files import Progress, check_sidecars, expand_paths, read_files
from annotator.services.project import Project
from annotator.storage import documents as document_store
from annotator.storage import imports
from annotator.storage import kinds as set_kinds
from annotator.storage.database import UnitOfWork, begin_write
from annotator.storage.limits import LIMITS

DEFAULT_IMPORT_ANNOTATOR = "imported"


@dataclass
class Duplicate:
    source: str
    document_id: str
    existing_id: str


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    spans: int = 0
    bad_files: list[str] = field(default_factory=list)
    relations: int = 0
    entities: int = 0
    links: int = 0
    attached: list[str] = field(default_factory=list)  # documents already here that got the annotator's spans
    longest_lock_hold: float = 0.0  # seconds: the longest write transaction of the staging chunks


def _unique_id(wanted: str, taken: set[str], stored: Callable[[list[str]], set[str]]) -> str:
    """*wanted*, else the first ``wanted-N`` (N = 2, 3, ...) neither in *taken* (this import
    and the ids already looked up) nor among the ids *stored* says the project holds."""
    if wanted not in taken:
        return wanted
    n = 2
    while True:
        candidates = [f"{wanted}-{k}" for k in range(n, n + 16)]
        taken |= stored(candidates)
        for candidate in candidates:
            if candidate not in taken:
                return candidate
        n += 16


def _plan(s: UnitOfWork, incoming: list[IncomingDocument], report: ImportReport, annotator: str | None,
          skip_bad: bool) -> tuple[int, list[tuple[IncomingDocument, str]], list[tuple[IncomingDocument, str, str]]]:
    """Under the write lock: which documents are new (by text), the ids they get, the
    documents already here that get *annotator*'s spans; then the import's batch, in the
    same transaction. Returns (batch, matched, to_add)."""
    matched: list[tuple[IncomingDocument, str]] = []
    if annotator is not None:
        found, incoming = match_existing(s, incoming)
        matched = [(m.incoming, m.document_id) for m in found]
        # the documents themselves are already here: reported as such, their spans attached below
        report.duplicates.extend(Duplicate(m.incoming.source_path, m.incoming.id, m.document_id) for m in found)
    existing = document_store.document_ids_by_hash(s, [text_sha256(d.text) for d in incoming])
    taken = document_store.existing_document_ids(s, [d.id for d in incoming])
    to_add: list[tuple[IncomingDocument, str, str]] = []
    seen_hash: dict[str, str] = {}
    id_problems: list[Problem] = []
    for doc in incoming:
        sha = text_sha256(doc.text)
        if sha in existing or sha in seen_hash:
            report.duplicates.append(Duplicate(doc.source_path, doc.id, existing.get(sha) or seen_hash[sha]))
            continue
        doc_id = doc.id
        if doc_id in taken:
            if doc.source_path.endswith(".jsonl"):
                id_problems.append(Problem(doc.source_path, f"document id {doc_id!r} is already used by another "
                                                            "document with a different text"))
                continue
            doc_id = _unique_id(doc_id, taken, lambda ids: set(document_store.existing_document_ids(s, ids)))
            too_long = validation.id_problem("the document id", doc_id, LIMITS.document_id)
            if too_long:  # the file name's id is taken, and one with a number added is too long
                id_problems.append(Problem(doc.source_path, f"{too_long}: {doc.id!r} is taken, rename the file"))
                continue
        taken.add(doc_id)
        seen_hash[sha] = doc_id
        to_add.append((doc, doc_id, sha))
    if id_problems:
        if not skip_bad:
            raise InputError(id_problems)
        report.problems.extend(id_problems)
        bad = {p.source for p in id_problems}
        report.bad_files = sorted(set(report.bad_files) | bad)
        to_add = [t for t in to_add if t[0].source_path not in bad]
    return imports.begin_in(s), matched, to_add


def import_paths(project: Project, paths: Sequence[Path | str], *, annotator: str | None = None,
                 skip_bad: bool = False, replace_annotations: bool = False,
                 progress: Progress | None = None, format: str | None = None) -> ImportReport:
    """Import files and folders; raises InputError (nothing written) on problems unless *skip_bad*.

    With *format* (a name of :data:`annotator.formats.IMPORTERS`) only that format's
    reader and suffixes are used (folders give only its files, a given file of another
    suffix is a problem); without it the suffix decides.

    With *annotator*, the spans of documents already in the project (matched by id
    with the same text, else by text) are brought in as that annotator's set;
    differing existing spans are a problem unless *replace_annotations*.
    """
    report = ImportReport()
    files, problems = expand_paths([Path(p) for p in paths], format)
    who = annotator or DEFAULT_IMPORT_ANNOTATOR
    set_kinds.refuse_gold_owner(who)  # before anything is read or written: gold changes only by adjudication
    name_problem = validation.id_problem("the annotator name", who, LIMITS.annotator)
    if name_problem:
        raise InputError([Problem("--annotator", name_problem)])
    sidecars, sidecar_problems = sidecar.read_sidecars(sidecar.find_sidecars(files), project)
    sidecar_problems += check_sidecars(sidecars, project)
    refused = {p.source for p in sidecar_problems}  # a refused project file brings in nothing
    sidecars = {side: got for side, got in sidecars.items() if str(side) not in refused}
    by_file, read_problems = read_files(files, project,
                                        (e.id for entities, _ in sidecars.values() for e in entities), format,
                                        progress)
    problems.extend(read_problems)
    problems.extend(sidecar_problems)
    keep = set(sidecar.find_sidecars(Path(f) for f in by_file))  # a refused file's sidecar is not imported
    sidecars = {side: got for side, got in sidecars.items() if side in keep}
    if problems and not skip_bad:
        raise InputError(problems)
    report.problems = problems
    report.bad_files = sorted({p.source for p in problems})

    incoming = [doc for docs in by_file.values() for doc in docs]
    while True:  # imports run one after the other: wait while another one is being written
        imports.remove_abandoned(project.database)
        with project.database.unit_of_work() as s:
            # the write lock before reading which texts are already here: the same folder imported
            # by two processes at once is imported by one and reported as already there by the other
            begin_write(s)
            busy = imports.other_import_running(s)
            if not busy:
                batch, matched, to_add = _plan(s, incoming, report, annotator, skip_bad)
        if not busy:
            break
        time.sleep(0.25)

    who = annotator or DEFAULT_IMPORT_ANNOTATOR
    # The new documents are written in short transactions into a staging batch that every
    # reader ignores, then published at once below: the import never holds the write lock
    # for long, and readers see all of it or nothing (storage/imports.py).
    try:
        stager = imports.Stager(project.database, batch, who)
        now = datetime.now(UTC)  # every document of the import: the same time
        for doc, doc_id, sha in to_add:
            stager.add(Document(doc_id, doc.title, doc.text, sha, doc.direction, doc.meta, doc.source_path, now),
                       doc.spans, doc.relations)
            report.spans += len(doc.spans)
            report.relations += len(doc.relations) if doc.spans else 0
            report.imported.append(doc_id)
            if progress:
                progress("writing", len(report.imported), len(to_add))
        stager.flush(last=True)
        report.longest_lock_hold = stager.longest_hold
        with project.database.unit_of_work() as s:
            imports.publish(s, batch, stager.changes)
            _finish(s, project, report, matched, sidecars, to_add, who, annotator, skip_bad, replace_annotations)
    except BaseException:
        imports.discard(project.database, batch)
        raise
    finally:
        imports.finished(batch)
    return report


def _finish(s, project, report, matched, sidecars, to_add, who, annotator, skip_bad,  # type: ignore[no-untyped-def]
            replace_annotations) -> None:
    """In the publishing transaction: annotations for documents already here, entities and links."""
    if matched:
        got = attach_annotations(s, matched, annotator or who, replace=replace_annotations)
        if got.problems and not skip_bad:
            raise InputError(got.problems)  # the whole import rolls back
        report.problems.extend(got.problems)
        report.bad_files = sorted(set(report.bad_files) | {p.source for p in got.problems})
        report.attached = got.attached
        report.spans += got.spans
        report.relations += got.relations

    # entities and cross-document links from the sidecars, once every document is in
    id_map = {d.document_id: d.existing_id for d in report.duplicates}
    id_map.update({doc.id: doc_id for doc, doc_id, _ in to_add})
    id_map.update({doc.id: doc_id for doc, doc_id in matched})
    for side, (entities, links) in sidecars.items():
        side_got = sidecar.import_project_sidecar(s, project, side, entities, links, id_map, who)
        if side_got.problems and not skip_bad:
            raise InputError(side_got.problems)
        report.problems.extend(side_got.problems)
        if side_got.problems:
            report.bad_files = sorted(set(report.bad_files) | {str(side)})
        report.entities += side_got.entities
        report.links += side_got.links
