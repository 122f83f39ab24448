"""Bring annotations made elsewhere in as one annotator's set, for documents
already in the project (``annotator import FILE --annotator NAME``).

A document read from a file is matched to a project document by id when that
document has the same text (SHA-256), else by text alone (any id). A file
document whose id exists with a different text, and no document with its text,
is not matched: its offsets would point into another text.

The annotator's set for a matched document is filled with the file's spans (and
relations between them, when the file has any). If
the annotator already has spans there, nothing is changed silently: identical
spans are "unchanged", different ones are a problem unless ``replace`` is set
(then the old spans are replaced, and the change log keeps them).

:func:`attach_annotations` works inside the caller's transaction, so the import
stays all or nothing; :func:`import_annotation_files` is the standalone use.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import AnnotatorError, InputError, Problem
from annotator.core.text import text_sha256
from annotator.core.values import IncomingDocument, SetStatus, Span
from annotator.services.imports.files import expand_paths, read_files
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import relations as relation_store
from annotator.storage import spans as span_store
from annotator.storage.database import UnitOfWork
from annotator.storage.kinds import GOLD_OWNER


@dataclass(frozen=True)
class Match:
    incoming: IncomingDocument
    document_id: str
    by: str  # "id" or "text"


@dataclass
class AttachReport:
    attached: list[str] = field(default_factory=list)  # project document ids that got spans
    unchanged: list[str] = field(default_factory=list)  # already held exactly these spans
    replaced: list[str] = field(default_factory=list)
    spans: int = 0
    relations: int = 0
    problems: list[Problem] = field(default_factory=list)


def match_existing(session: UnitOfWork,
                   incoming: Sequence[IncomingDocument]) -> tuple[list[Match], list[IncomingDocument]]:
    """Split *incoming* into documents already in the project (matched) and new ones."""
    hashes = [text_sha256(d.text) for d in incoming]
    by_hash = document_store.document_ids_by_hash(session, hashes)
    id_hash = document_store.text_hashes_by_id(session, [d.id for d in incoming])
    matched: list[Match] = []
    new: list[IncomingDocument] = []
    for doc, sha in zip(incoming, hashes):
        if id_hash.get(doc.id) == sha:
            matched.append(Match(doc, doc.id, "id"))
        elif sha in by_hash:
            matched.append(Match(doc, by_hash[sha], "text"))
        else:
            new.append(doc)
    return matched, new


def _same(a: Sequence[Span], b: Sequence[Span]) -> bool:
    def key(s: Span) -> tuple[int, int, str, str]:
        return (s.start, s.end, s.label, repr(sorted(s.attrs.items())))
    return sorted(map(key, a)) == sorted(map(key, b))


def attach_annotations(session: UnitOfWork, matches: Sequence[tuple[IncomingDocument, str]], annotator: str, *,
                       replace: bool = False) -> AttachReport:
    """Store each incoming document's spans as *annotator*'s set of the matched project document.

    Runs in the caller's transaction. Documents with a problem are left alone and
    reported; the caller decides whether problems abort the whole import.
    """
    if annotator == GOLD_OWNER:
        raise AnnotatorError(f"{GOLD_OWNER!r} is reserved: gold is built by adjudication, not imported as an annotator")
    report = AttachReport()
    seen: dict[str, str] = {}
    for doc, doc_id in matches:
        if doc_id in seen:
            report.problems.append(Problem(doc.source_path, f"document {doc.id!r} has the same text as "
                                                            f"{seen[doc_id]!r} in this import: annotations for one "
                                                            f"document given twice"))
            continue
        seen[doc_id] = doc.id
        set_ref = set_store.find_set(session, doc_id, annotator)
        if set_ref is None and not doc.spans:  # nothing to bring in (a plain text file imported again)
            report.unchanged.append(doc_id)
            continue
        old = span_store.spans_of_set(session, set_ref.id) if set_ref is not None else []
        if old and _same(old, doc.spans):
            report.unchanged.append(doc_id)
            continue
        if old and not replace:
            report.problems.append(Problem(doc.source_path, f"{annotator} already has {len(old)} span(s) on document "
                                                            f"{doc_id!r} that differ from this file's "
                                                            f"{len(doc.spans)}: nothing replaced (use replace to "
                                                            f"overwrite them)"))
            continue
        if set_ref is None:
            set_ref = set_store.get_or_create_set(session, doc_id, annotator)
        if old:
            span_store.delete_spans_of_set(session, set_ref.id)
            report.replaced.append(doc_id)
        if doc.spans:
            span_store.bulk_insert_spans(session, set_ref.id, doc.spans)
        relations = getattr(doc, "relations", None) or []
        if relations:
            session.flush()
            relation_store.bulk_insert_relations(session, set_ref.id, relations)
            report.relations += len(relations)
        if set_ref.status is SetStatus.NEW:
            set_store.set_status(session, set_ref, SetStatus.IN_PROGRESS)
        changelog.log_change(session, action="annotations.import", annotator=set_ref.annotator_id, document_id=doc_id,
                        set_id=set_ref.id, payload={
                            "source": doc.source_path, "file_document_id": doc.id, "spans": len(doc.spans),
                            "replaced": [{"id": s.id, "start": s.start, "end": s.end, "label": s.label,
                                          "attrs": s.attrs} for s in old]})
        report.attached.append(doc_id)
        report.spans += len(doc.spans)
    return report


def import_annotation_files(project: Project, paths: Sequence[Path | str], annotator: str, *, replace: bool = False,
                            progress: Callable[[str], None] | None = None) -> AttachReport:
    """Read files and attach their annotations to documents already in the project.

    All or nothing: any unreadable file, unmatched document or conflict raises
    InputError and nothing is written.
    """

    files, problems = expand_paths([Path(p) for p in paths])
    by_file, read_problems = read_files(files, project)
    problems.extend(read_problems)
    if problems:
        raise InputError(problems)
    incoming = [d for docs in by_file.values() for d in docs]
    with project.database.unit_of_work() as s:
        matched, new = match_existing(s, incoming)
        problems = [Problem(d.source_path, f"document {d.id!r} is not in the project (no document with this id and "
                                           "text, nor with this text): import the documents first")
                    for d in new]
        report = attach_annotations(s, [(m.incoming, m.document_id) for m in matched], annotator, replace=replace)
        problems.extend(report.problems)
        if problems:
            raise InputError(problems)
        if progress:
            for d in report.attached:
                progress(d)
    return report
