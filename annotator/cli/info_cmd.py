"""``annotator info``: documents, spans by label, annotators."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, as_option
from annotator.services import identity
from annotator.services.info import project_info
from annotator.services.project import Project


@click.command("info", cls=Command)
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@as_option("Who asks (an annotator working blind is shown only their own spans and counts).")
@click.pass_context
def command(ctx: click.Context, db: str | None, as_json: bool, acting: str | None) -> None:
    """Show what the project holds."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        me = identity.actor(project, acting)
        info = project_info(project, only=me.name if me.is_blind else None)
    finally:
        project.close()
    if as_json:
        click.echo(json.dumps(asdict(info), ensure_ascii=False, indent=2))
        return
    click.echo(f"database:   {info.database} (revision {info.revision})")
    click.echo(f"schema:     {info.schema}")
    click.echo(f"documents:  {info.documents} ({info.characters} characters)")
    click.echo("spans:      " + (", ".join(f"{k} {v}" for k, v in info.spans_by_label.items()) or "none"))
    click.echo("annotators: " + (", ".join(f"{k} ({v} spans)" for k, v in info.annotators.items()) or "none"))
