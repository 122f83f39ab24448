"""Export the project's documents and spans. Output is written to a temporary
file beside the target and renamed, so a failed export leaves nothing half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from annotator.core.errors import AnnotatorError
from annotator.formats import jsonl
from annotator.services.project import Project
from annotator.storage import repository as repo
from annotator.storage.models import AnnotationSetRow, AnnotatorRow, SpanRow

FORMATS = ("jsonl",)


class ExportError(AnnotatorError):
    pass


@dataclass
class ExportReport:
    path: Path
    documents: int
    spans: int
    annotator: str | None


@contextmanager
def atomic_text_file(target: Path, *, force: bool = False) -> Iterator[TextIO]:
    """Write to a temporary file in the target's folder; rename it into place on success."""
    if target.exists() and not force:
        raise ExportError(f"{target} already exists: choose another name or use --force to replace it")
    if not target.parent.is_dir():
        raise ExportError(f"{target.parent} is not a folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def default_annotator(project: Project) -> str | None:
    """The one annotator who has annotations; None if nobody has; error if several."""
    with project.database.unit_of_work() as s:
        names = sorted(set(s.scalars(
            select(AnnotatorRow.name).join(AnnotationSetRow, AnnotationSetRow.annotator_id == AnnotatorRow.id)
            .join(SpanRow, SpanRow.set_id == AnnotationSetRow.id)
        )))
    if len(names) > 1:
        raise ExportError(f"several annotators have spans ({', '.join(names)}): choose one with --annotator")
    return names[0] if names else None


def export_jsonl(project: Project, out: Path, *, annotator: str | None = None, doc_ids: Sequence[str] | None = None,
                 force: bool = False, progress: Callable[[int], None] | None = None) -> ExportReport:
    """Write the canonical JSONL: each document with *annotator*'s spans."""
    who = annotator if annotator is not None else default_annotator(project)
    if annotator is not None and annotator not in project.annotators():
        raise ExportError(f"no annotator named {annotator!r} in this project "
                          f"(known: {', '.join(project.annotators()) or 'none'})")
    n_docs = n_spans = 0
    with project.database.unit_of_work() as s, atomic_text_file(out, force=force) as fh:
        docs = repo.all_documents(s, list(doc_ids) if doc_ids is not None else None)
        if doc_ids is not None:
            missing = sorted(set(doc_ids) - {d.id for d in docs})
            if missing:
                raise ExportError(f"no such documents: {', '.join(missing)}")
        for doc in docs:
            spans = []
            if who is not None:
                set_row = repo.find_set(s, doc.id, who)
                if set_row is not None:
                    spans = repo.spans_of_set(s, set_row.id)
            jsonl.write_record(fh, jsonl.document_record(doc, spans))
            n_docs += 1
            n_spans += len(spans)
            if progress:
                progress(n_docs)
    return ExportReport(out, n_docs, n_spans, who)
