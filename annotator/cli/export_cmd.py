"""``annotator export --format jsonl --out FILE``."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.main import db_option, resolve_db
from annotator.services.exporting import FORMATS, export_jsonl
from annotator.services.project import Project


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), help="The file to write.")
@click.option("--annotator", default=None, help="Whose spans to export (default: the only annotator who has spans).")
@click.option("--docs", "docs", multiple=True, help="Only these document ids (repeatable).")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@db_option
@click.pass_context
def command(ctx: click.Context, fmt: str, out: Path, annotator: str | None, docs: tuple[str, ...], force: bool,
            db: str | None) -> None:
    """Export documents and spans (offsets in code points) in the canonical JSONL format."""
    project = Project.open(resolve_db(ctx, db))
    try:
        report = export_jsonl(project, out, annotator=annotator, doc_ids=list(docs) or None, force=force)
    finally:
        project.close()
    whose = f" of {report.annotator}" if report.annotator else ""
    click.echo(f"wrote {report.documents} document(s) and {report.spans} span(s){whose} to {report.path}")
