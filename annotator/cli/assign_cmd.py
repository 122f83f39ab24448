"""``annotator assign --docs ID... --to alice,bob``: put documents in annotators' queues."""

from __future__ import annotations

import click

from annotator.cli.main import db_option, resolve_db
from annotator.services import team
from annotator.services.project import Project


def split_names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


@click.command("assign")
@click.argument("more_docs", nargs=-1, metavar="[ID]...")
@click.option("--docs", "docs", multiple=True, metavar="ID",
              help="Document ids (repeat the option, separate with commas, or list them after it).")
@click.option("--all", "all_docs", is_flag=True, help="Every document of the project.")
@click.option("--to", "to", required=True, metavar="NAME[,NAME...]", help="Annotators, comma-separated.")
@click.option("--by", "by", default=None, help="Who assigns (recorded with the assignment).")
@click.option("--remove", is_flag=True, help="Remove these assignments instead (annotations stay).")
@db_option
@click.pass_context
def command(ctx: click.Context, more_docs: tuple[str, ...], docs: tuple[str, ...], all_docs: bool, to: str,
            by: str | None, remove: bool, db: str | None) -> None:
    """Assign documents to several annotators, each of whom annotates them blind.

    Example: annotator assign --docs d1 d2 d3 --to alice,bob
    """
    doc_ids = [d.strip() for item in (*docs, *more_docs) for d in item.split(",") if d.strip()]
    names = split_names(to)
    if not names:
        raise click.UsageError("--to needs at least one annotator name")
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        if all_docs:
            doc_ids += [d.id for d in project.documents()]
        if not doc_ids:
            raise click.UsageError("name documents with --docs ID... (or --all)")
        if remove:
            n = team.unassign(project, doc_ids, names)
            click.echo(f"removed {n} assignment(s)")
            return
        report = team.assign(project, doc_ids, names, by=by)
    finally:
        project.close()
    click.echo(f"assigned {len(set(doc_ids))} document(s) to {', '.join(names)}: {len(report.created)} new "
               f"assignment(s), {len(report.existing)} already there")
