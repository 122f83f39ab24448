"""``annotator agreement``: inter-annotator agreement as a table with bars, JSON or CSV."""

from __future__ import annotations

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, annotators_option, as_option, docs_option, split_values
from annotator.services import identity
from annotator.services.agreement import compute_agreement
from annotator.services.agreement_report import render_csv, render_json, render_table
from annotator.services.lookup import require_annotators, require_documents
from annotator.services.project import Project

GOLD = "gold"


@click.command("agreement", cls=Command)
@docs_option()
@annotators_option("Only these annotators (default: everyone with work; 'gold' compares with the gold)")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--done-only", is_flag=True, help="Count only annotation sets marked done.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes computing documents (1: none; default: automatic, several for large projects).")
@as_option("Who asks (an annotator working blind is refused: the figures use others' work).")
@db_option
@click.pass_context
def command(ctx: click.Context, docs: tuple[str, ...], annotators: tuple[str, ...], fmt: str, done_only: bool,
            workers: int | None, acting: str | None, db: str | None) -> None:
    """Agreement per label and overall, per pair of annotators and for all together.

    Span F1 (exact and overlapping boundaries) with the counts behind it, Cohen's
    kappa per pair and Krippendorff's alpha (nominal) for all, over word tokens;
    agreement on attributes and relations over the items both annotators made.
    The table shows a bar per label, so the label that needs better guidelines stands out.

    \b
    Example: annotator agreement --docs d1 d2 --annotators alice bob --format csv
    """
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        identity.actor(project, acting).may_see_others("agreement figures")
        doc_ids = require_documents(project, split_values(docs)) or None
        names = require_annotators(project, split_values(annotators), also=[GOLD]) or None
        report = compute_agreement(project, doc_ids, names, done_only=done_only, workers=workers)
    finally:
        project.close()
    render = {"table": render_table, "json": render_json, "csv": render_csv}[fmt]
    click.echo(render(report), nl=False)
