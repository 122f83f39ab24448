"""Import articles into the project, all or nothing.

One pass reads, checks and writes: the files are read a document at a time (a JSONL
file a line at a time), each few hundred documents are checked, compared with what
the project holds, and written into the import's staging batch (storage/imports.py),
which nobody sees until the last transaction publishes it. Memory holds a chunk, not
the input. On any problem nothing is written (the batch is discarded; the rest is
still read and checked, so every problem is listed), unless ``skip_bad`` is set, in
which case the good files are imported and the bad ones reported (a file found bad
half way is taken back out of the batch). A document whose text is already in the
project (same SHA-256) is reported and skipped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from annotator.core import validation
from annotator.core.errors import InputError, Problem
from annotator.core.text import text_sha256
from annotator.core.values import Document, IncomingDocument
from annotator.formats import document_stream, is_streamed, readers
from annotator.services import sidecar
from annotator.services.imports.annotations import attach_annotations, match_existing
from annotator.services.imports.files import Progress, check_documents, check_sidecars, expand_paths
from annotator.services.project import Project
from annotator.storage import documents as document_store
from annotator.storage import imports
from annotator.storage import kinds as set_kinds
from annotator.storage.database import begin_write
from annotator.storage.limits import LIMITS

DEFAULT_IMPORT_ANNOTATOR = "imported"
#: documents read and checked, then compared with the project and staged, at a time
CHUNK = 100


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


@dataclass(eq=False)
class _File:
    """One file of the import while it is read, and what it brought."""

    source: str
    read_problems: list[Problem] = field(default_factory=list)
    check_problems: list[Problem] = field(default_factory=list)
    documents: int = 0  # documents its reader gave
    unchecked: list[IncomingDocument] = field(default_factory=list)
    refused_id: bool = False  # a document id the project holds with another text (skip_bad: the file is left out)
    streamed: bool = False  # read by the JSONL reader, which checks every span's label, range and edges
    # with skip_bad, what to take back if the file turns out bad half way
    staged: list[str] = field(default_factory=list)
    spans: int = 0
    relations: int = 0
    hashes: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)

    @property
    def bad(self) -> bool:
        return bool(self.read_problems or self.check_problems)


class _Import:
    """The one pass of :func:`import_paths`: read, check, plan and stage a chunk at a time."""

    def __init__(self, project: Project, report: ImportReport, annotator: str | None, who: str, skip_bad: bool,
                 entities: set[str], progress: Progress | None, total_bytes: int, with_ids: bool) -> None:
        self.project, self.report, self.annotator, self.who, self.skip_bad = project, report, annotator, who, skip_bad
        self.entities = entities  # entity ids known to exist (the project's, found so far, and the sidecars')
        self.progress, self.total_bytes, self.done_bytes = progress, total_bytes, 0
        self.read_problems: list[Problem] = []
        self.check_problems: list[Problem] = []
        self.id_problems: list[tuple[_File, Problem]] = []
        self.good_jsonl: list[Path] = []  # files without problems whose sidecars may be imported
        self.plan_ok = True  # no problem that stops the import (without skip_bad): go on comparing with the project
        self.stage_ok = True  # ... and none at all: go on writing
        self.batch: int | None = None
        self.stager: imports.Stager | None = None
        self.waiting: list[tuple[IncomingDocument, _File]] = []  # checked, to compare with the project
        self.seen_hash: dict[str, str] = {}  # text SHA-256 -> id, of the documents this import adds
        self.taken: set[str] = set()  # ids this import gives, and ids found in the project
        self.matched: list[tuple[IncomingDocument, str]] = []
        self.id_map: dict[str, str] | None = {} if with_ids else None  # file id -> project id, for sidecars
        self.now = datetime.now(UTC)  # every document of the import: the same time

    # -- the batch ---------------------------------------------------------------------

    def begin(self) -> None:
        """Wait while another import is being written, then start this one's batch."""
        database = self.project.database
        while True:  # imports run one after the other: wait while another one is being written
            imports.remove_abandoned(database)
            with database.unit_of_work() as s:
                # the write lock before anything is compared with the project: the same folder imported
                # by two processes at once is imported by one and reported as already there by the other
                begin_write(s)
                busy = imports.other_import_running(s)
                if not busy:
                    self.batch = imports.begin_in(s)
            if not busy:
                break
            time.sleep(0.25)
        self.stager = imports.Stager(database, self.batch, self.who)  # type: ignore[arg-type]

    def drop(self) -> None:
        """Discard the batch and everything staged (nothing of this import will be written)."""
        self.stage_ok = False
        if self.batch is not None:
            try:
                imports.discard(self.project.database, self.batch)
            finally:
                imports.finished(self.batch)
                self.batch, self.stager = None, None

    # -- reading -----------------------------------------------------------------------

    def read_file(self, path: Path, reader: Any) -> None:
        f = _File(str(path), streamed=is_streamed(reader, path))
        before = self.done_bytes

        def read(offset: int) -> None:
            self.done_bytes = before + offset
            if self.progress is not None:
                self.progress("importing", self.done_bytes, self.total_bytes)

        try:
            for item in document_stream(reader, path, self.project.schema, read):
                if isinstance(item, Problem):
                    self._refuse(f, read_problem=item)
                    continue
                f.documents += 1
                if f.bad:
                    continue  # a refused file: its other documents are not checked (they read well)
                f.unchecked.append(item)
                if len(f.unchecked) >= CHUNK:
                    self._check(f, several=True)
        except InputError as exc:  # a problem that stopped the reading: that problem alone
            f.read_problems.clear()
            self._refuse(f, read_problem=None)
            f.read_problems = list(exc.problems)
        if not f.bad and f.unchecked:
            self._check(f, several=f.documents > 1)
        f.unchecked = []
        self.read_problems.extend(f.read_problems)
        if not f.read_problems:  # a file that could not be read is not checked (the reader's problems only)
            self.check_problems.extend(f.check_problems)
        if not f.bad and path.suffix.lower() == ".jsonl":
            self.good_jsonl.append(path)
        if self.done_bytes != before + _size(path) or not f.documents:
            self.done_bytes = before + _size(path)
            if self.progress is not None:
                self.progress("importing", self.done_bytes, self.total_bytes)

    def _check(self, f: _File, several: bool) -> None:
        docs, f.unchecked = f.unchecked, []
        problems = check_documents({f.source: docs}, self.project, self.entities, {f.source: several},
                                   spans_checked=f.streamed)
        if problems:
            self._refuse(f, check_problems=problems)
        elif self.plan_ok:
            self.waiting.extend((doc, f) for doc in docs)
            if len(self.waiting) >= CHUNK:
                self.plan()

    def _refuse(self, f: _File, read_problem: Problem | None = None,
                check_problems: Sequence[Problem] = ()) -> None:
        """*f* has a problem: without skip_bad nothing is written any more; with it, the
        file's documents are taken back out of the import."""
        was_bad = f.bad
        if read_problem is not None:
            f.read_problems.append(read_problem)
        f.check_problems.extend(check_problems)
        if was_bad:
            return
        if not self.skip_bad:
            self.plan_ok = False
            self.waiting.clear()
            self.drop()
            return
        self.waiting = [(doc, g) for doc, g in self.waiting if g is not f]
        self._take_back(f)
        report = self.report
        report.duplicates = [d for d in report.duplicates if d.source != f.source]
        self.matched = [m for m in self.matched if m[0].source_path != f.source]
        for sha in f.hashes:
            self.seen_hash.pop(sha, None)
        self.taken.difference_update(f.ids)
        f.hashes, f.ids = [], []

    def _take_back(self, f: _File) -> None:
        """(skip_bad) The documents of *f* already staged, out of the batch and the report."""
        if not f.staged:
            return
        gone = set(f.staged)
        if self.stager is not None:
            self.stager.forget(gone)
        report = self.report
        report.imported = [d for d in report.imported if d not in gone]
        report.spans -= f.spans
        report.relations -= f.relations
        f.staged, f.spans, f.relations = [], 0, 0

    # -- comparing with the project, and staging ------------------------------------------

    def plan(self) -> None:
        """The documents waiting: which are new (by text), the ids they get, which are
        already here (with annotator: their spans are attached at the end); the new
        ones are staged."""
        chunk, self.waiting = self.waiting, []
        if not chunk:
            return
        report, annotator = self.report, self.annotator
        file_of = {id(doc): f for doc, f in chunk}
        incoming = [doc for doc, _ in chunk]
        with self.project.database.unit_of_work() as s:
            if annotator is not None:
                found, incoming = match_existing(s, incoming)
                self.matched.extend((m.incoming, m.document_id) for m in found)
                if self.id_map is not None:
                    self.id_map.update((m.incoming.id, m.document_id) for m in found)
                # the documents themselves are already here: reported as such, their spans attached at the end
                report.duplicates.extend(Duplicate(m.incoming.source_path, m.incoming.id, m.document_id)
                                         for m in found)
            hashes = [text_sha256(d.text) for d in incoming]
            existing = document_store.document_ids_by_hash(s, hashes)
            taken = self.taken
            taken |= document_store.existing_document_ids(s, [d.id for d in incoming])
            for doc, sha in zip(incoming, hashes):
                f = file_of[id(doc)]
                if sha in existing or sha in self.seen_hash:
                    report.duplicates.append(Duplicate(doc.source_path, doc.id,
                                                       existing.get(sha) or self.seen_hash[sha]))
                    continue
                doc_id = doc.id
                if doc_id in taken:
                    if doc.source_path.endswith(".jsonl"):
                        self._refuse_id(f, Problem(doc.source_path, f"document id {doc_id!r} is already used by "
                                                                    "another document with a different text"))
                        continue
                    doc_id = _unique_id(doc_id, taken, lambda ids: set(document_store.existing_document_ids(s, ids)))
                    too_long = validation.id_problem("the document id", doc_id, LIMITS.document_id)
                    if too_long:  # the file name's id is taken, and one with a number added is too long
                        self._refuse_id(f, Problem(doc.source_path,
                                                   f"{too_long}: {doc.id!r} is taken, rename the file"))
                        continue
                taken.add(doc_id)
                self.seen_hash[sha] = doc_id
                if self.skip_bad:
                    f.hashes.append(sha)
                    f.ids.append(doc_id)
                if self.id_map is not None:
                    self.id_map[doc.id] = doc_id
                if self.stage_ok and not f.refused_id:
                    self._stage(doc, doc_id, sha, f)

    def _refuse_id(self, f: _File, problem: Problem) -> None:
        self.id_problems.append((f, problem))
        if not self.skip_bad:
            self.drop()  # nothing will be written; the comparing goes on, to list every such id
        elif not f.refused_id:
            f.refused_id = True
            self._take_back(f)

    def _stage(self, doc: IncomingDocument, doc_id: str, sha: str, f: _File) -> None:
        assert self.stager is not None
        self.stager.add(Document(doc_id, doc.title, doc.text, sha, doc.direction, doc.meta, doc.source_path,
                                 self.now), doc.spans, doc.relations)
        report = self.report
        spans, relations = len(doc.spans), len(doc.relations) if doc.spans else 0
        report.spans += spans
        report.relations += relations
        report.imported.append(doc_id)
        if self.skip_bad:
            f.staged.append(doc_id)
            f.spans += spans
            f.relations += relations


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


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

    *progress* is told ``("importing", bytes read, bytes of all the files)`` as the
    files are read (a JSONL file line by line); raising from it stops the import,
    which then leaves the project as it was.
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
    known = readers(format)
    run = _Import(project, report, annotator, who, skip_bad,
                  {e.id for entities, _ in sidecars.values() for e in entities}, progress,
                  sum(map(_size, files)), with_ids=bool(sidecars))
    try:
        if (problems or sidecar_problems) and not skip_bad:
            run.plan_ok = run.stage_ok = False  # nothing will be written: the files are only read and checked
        else:
            run.begin()
        # The new documents are written in short transactions into a staging batch that every
        # reader ignores, then published at once below: the import never holds the write lock
        # for long, and readers see all of it or nothing (storage/imports.py).
        for f in files:
            run.read_file(f, known[f.suffix.lower()])
        if run.plan_ok:
            run.plan()
        problems.extend(run.read_problems)
        problems.extend(run.check_problems)
        problems.extend(sidecar_problems)
        if problems and not skip_bad:
            raise InputError(problems)
        report.problems = problems
        report.bad_files = sorted({p.source for p in problems})
        id_problems = [p for f, p in run.id_problems if not f.bad]
        if id_problems:
            if not skip_bad:
                raise InputError(id_problems)
            report.problems.extend(id_problems)
            report.bad_files = sorted(set(report.bad_files) | {p.source for p in id_problems})
        keep = set(sidecar.find_sidecars(run.good_jsonl))  # a refused file's sidecar is not imported
        sidecars = {side: got for side, got in sidecars.items() if side in keep}
        stager, batch = run.stager, run.batch
        assert stager is not None and batch is not None
        stager.flush(last=True)
        report.longest_lock_hold = stager.longest_hold
        with project.database.unit_of_work() as s:
            imports.publish(s, batch, stager.changes)
            _finish(s, project, report, run.matched, sidecars, run.id_map or {}, who, annotator, skip_bad,
                    replace_annotations)
    except BaseException:
        run.drop()
        raise
    finally:
        if run.batch is not None:
            imports.finished(run.batch)
    return report


def _finish(s, project, report, matched, sidecars, added_ids, who, annotator, skip_bad,  # type: ignore[no-untyped-def]
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
    id_map = {d.document_id: d.existing_id for d in report.duplicates} if sidecars else {}
    id_map.update(added_ids)  # the new documents' and the matched ones' (kept only when there are sidecars)
    for side, (entities, links) in sidecars.items():
        side_got = sidecar.import_project_sidecar(s, project, side, entities, links, id_map, who)
        if side_got.problems and not skip_bad:
            raise InputError(side_got.problems)
        report.problems.extend(side_got.problems)
        if side_got.problems:
            report.bad_files = sorted(set(report.bad_files) | {str(side)})
        report.entities += side_got.entities
        report.links += side_got.links
