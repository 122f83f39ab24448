"""A summary of a project: what ``annotator info`` prints."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.services.project import Project
from annotator.storage import documents as document_store
from annotator.storage import migrate
from annotator.storage import spans as span_store


@dataclass
class ProjectInfo:
    database: str
    revision: str | None
    schema: str
    documents: int
    characters: int
    spans_by_label: dict[str, int]
    annotators: dict[str, int]  # name -> spans


def project_info(project: Project, only: str | None = None) -> ProjectInfo:
    """The summary; *only*: count only this annotator's spans (what an annotator working blind is shown)."""
    with project.database.unit_of_work() as s:
        n_docs, n_chars = document_store.document_totals(s)
        by_label = span_store.span_counts_by_label(s, only)
        per_annotator = span_store.span_counts_by_annotator(s)
    if only is not None:
        per_annotator = {k: v for k, v in per_annotator.items() if k == only}
    return ProjectInfo(
        database=project.database.display_url, revision=migrate.current_revision(project.database),
        schema=f"{project.schema.name} v{project.schema.version} ({', '.join(project.schema.names)})",
        documents=n_docs, characters=n_chars, spans_by_label=by_label, annotators=per_annotator,
    )
