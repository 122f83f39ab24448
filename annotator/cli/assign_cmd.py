"""``annotator assign --docs ID... --to alice,bob``: put documents in annotators' queues."""

from __future__ import annotations

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import MANY_HELP, Command, ManyOption, as_option, docs_option, split_values
from annotator.services import identity, team
from annotator.services.lookup import require_annotators, require_documents
from annotator.services.project import Project


@click.command("assign", cls=Command, renamed={"--by": "--as"})
@docs_option("The documents to assign")
@click.option("--all", "all_docs", is_flag=True, help="Every document of the project.")
@click.option("--to", "to", cls=ManyOption, required=True, metavar="NAME...",
              help=f"The annotators. {MANY_HELP}")
@as_option("Who assigns (recorded with the assignment); an annotator of the project.")
@click.option("--remove", is_flag=True, help="Remove these assignments instead (annotations stay).")
@db_option
@click.pass_context
def command(ctx: click.Context, docs: tuple[str, ...], all_docs: bool, to: tuple[str, ...], acting: str | None,
            remove: bool, db: str | None) -> None:
    """Assign documents to several annotators, each of whom annotates them blind.

    \b
    Example: annotator assign --docs d1 d2 d3 --to alice,bob --as maria
    """
    doc_ids = split_values(docs)
    names = split_values(to)
    if not names:
        raise click.UsageError("--to needs at least one annotator name")
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        require_annotators(project, names, person=True)
        acting = identity.acting_member(project, acting)
        identity.manages(project, acting, "assign documents")
        require_documents(project, doc_ids)
        if all_docs:
            doc_ids += [d.id for d in project.documents() if d.id not in set(doc_ids)]
        if not doc_ids:
            raise click.UsageError("name documents with --docs ID... (or --all)")
        if remove:
            n = team.unassign(project, doc_ids, names)
            click.echo(f"removed {n} assignment(s)")
            return
        report = team.assign(project, doc_ids, names, by=acting)
    finally:
        project.close()
    click.echo(f"assigned {len(doc_ids)} document(s) to {', '.join(names)}: {len(report.created)} new "
               f"assignment(s), {len(report.existing)} already there")
