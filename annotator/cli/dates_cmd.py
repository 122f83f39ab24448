"""``annotator dates normalise TEXT [--anchor DATE | --docs ID]``: try the date normaliser."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from datetime import date

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group
from annotator.core.dates import needs_anchor, normalise_date


@click.group("dates", cls=Group)
def command() -> None:
    """Normalised dates: see what value the program proposes for a DATE expression.

    \b
    Example: annotator dates normalise "نهاية العام المقبل" --anchor 2026-09-27
    """


def _anchor(ctx: click.Context, anchor: str | None, doc: str | None, db: str | None) -> date | None:
    if anchor is not None and doc is not None:
        raise click.UsageError("give --anchor or --docs, not both")
    if anchor is not None:
        try:
            return date.fromisoformat(anchor)
        except ValueError:
            raise click.BadParameter(f"{anchor!r} is not a date like 2026-09-27", param_hint="--anchor") from None
    if doc is None:
        return None
    from annotator.services.dates import document_anchor
    from annotator.services.lookup import require_document
    from annotator.services.project import Project

    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        return document_anchor(project, require_document(project, doc))
    finally:
        project.close()


@command.command("normalise", renamed={"--doc": "--docs"})
@click.argument("text")
@click.option("--anchor", default=None, metavar="YYYY-MM-DD",
              help="The publication date that relative expressions (أمس، العام الماضي) are resolved against.")
@click.option("--docs", "doc", default=None, metavar="ID",
              help="Take the anchor from this document's meta \"published\" instead (one document).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@db_option
@click.pass_context
def normalise(ctx: click.Context, text: str, anchor: str | None, doc: str | None, as_json: bool,
              db: str | None) -> None:
    """Propose an ISO 8601 / TIMEX3 value for an Arabic date expression (exit 1 if none).

    \b
    Example: annotator dates normalise "أمس" --docs 01-alrased
    """
    when = _anchor(ctx, anchor, doc, db)
    got = normalise_date(text, when)
    if as_json:
        click.echo(json.dumps(None if got is None else {**asdict(got), "anchor": when.isoformat() if when else None},
                              ensure_ascii=False))
    elif got is None:
        if when is None and needs_anchor(text) and doc is not None:
            click.echo(f"no value: the expression is relative and document {doc} has no meta \"published\" "
                       f"(give it one with: annotator meta {doc} published=YYYY-MM-DD)")
        elif when is None and needs_anchor(text):
            click.echo("no value: the expression is relative; give the publication date with --anchor YYYY-MM-DD "
                       "(or --docs ID for a document's meta \"published\")")
        else:
            click.echo("no value: not a date expression the normaliser knows")
    else:
        click.echo(f"value:       {got.value}")
        click.echo(f"kind:        {got.kind}")
        click.echo(f"mod:         {got.mod or '-'}")
        click.echo(f"relative:    {'yes, anchored to ' + when.isoformat() if got.relative and when else 'no'}")
        click.echo(f"explanation: {got.explanation}")
    if got is None:
        sys.exit(1)


command.add_command(normalise, "normalize")
