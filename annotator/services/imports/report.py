"""What an import says when it is over, in the same words on the terminal (``annotator
import``) and in the window (File ▸ Import files…): plain lines, no terminal, no Qt."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.errors import Problem
from annotator.services.imports.documents import ImportReport


def refused_lines(problems: Sequence[Problem]) -> list[str]:
    """Nothing was imported: the heading and one line per problem (file and place)."""
    return [f"Nothing was imported: {len(problems)} problem(s):", *(f"  {p}" for p in problems)]


def result_lines(report: ImportReport, annotator: str | None, where: str) -> list[str]:
    """What was imported (and skipped as already there) into the project *where*."""
    lines = [f"skipped {dup.source}: same text as document {dup.existing_id!r} already in the project"
             for dup in report.duplicates]
    if report.attached:
        lines.append(f"added {annotator}'s annotations to {len(report.attached)} document(s) already in the project")
    counts = ((report.relations, "relation(s)"), (report.entities, "entity(ies)"), (report.links, "link(s)"))
    extras = "".join(f", {n} {what}" for n, what in counts if n)
    lines.append(f"imported {len(report.imported)} document(s) with {report.spans} span(s){extras} into {where}")
    return lines


def bad_file_lines(report: ImportReport) -> list[str]:
    """(skip_bad) The files left out, and why."""
    if not report.problems:
        return []
    return [f"{len(report.bad_files)} file(s) not imported:", *(f"  {p}" for p in report.problems)]
