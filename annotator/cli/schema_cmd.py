"""``annotator schema show|export|set|undo``: the project's own schema."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group, ManyOption, as_option, split_values
from annotator.core.errors import AnnotatorError
from annotator.core.schema import load_schema
from annotator.core.schema_change import describe
from annotator.services import identity
from annotator.services import schema as schema_service
from annotator.services.project import Project


def _open(ctx: click.Context, db: str | None) -> Project:
    return Project.open(resolve_db(ctx, db), create=False)


@click.group("schema", cls=Group)
def command() -> None:
    """The project's schema: its labels (with keys and colours), attributes, relations and links.

    \b
    Examples:
      annotator schema show
      annotator schema export my-schema.toml
      annotator schema set my-schema.toml --rename ACTOR=AGENT --drop TARGET --as maya
      annotator schema set my-schema.toml --rename CLAIM.factuality.hedged=CLAIM.factuality.uncertain
      annotator schema undo --as maya
    """


@command.command("show")
@db_option
@click.pass_context
def show(ctx: click.Context, db: str | None) -> None:
    """Print the project's schema readably, with descriptions and examples."""
    project = _open(ctx, db)
    try:
        lines = describe(project.schema)
    finally:
        project.close()
    click.echo("\n".join(lines))


@command.command("export")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@db_option
@click.pass_context
def export(ctx: click.Context, file: Path, force: bool, db: str | None) -> None:
    """Write the project's schema to FILE as TOML (the text the project stores; `set` reads it back)."""
    if file.exists() and not force:
        raise AnnotatorError(f"{file} exists; give --force to replace it")
    project = _open(ctx, db)
    try:
        source = project.schema.source
    finally:
        project.close()
    folder = file.parent if str(file.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(source)
        os.replace(tmp, file)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    click.echo(f"wrote {file} ({project.schema.name} v{project.schema.version})")


def _print_plan(plan: schema_service.SchemaPlan) -> None:
    for line in plan.lines():
        click.echo(line)


@command.command("set")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--rename", "renames", cls=ManyOption, metavar="OLD=NEW...",
              help="Rewrite the data of a name the new schema removes: a label, relation or link type "
                   "(relation:OLD=NEW where a name is both), an attribute as LABEL.attr=LABEL.new, or a "
                   "value of a choice attribute as LABEL.attr.value=LABEL.attr.new.")
@click.option("--drop", "drops", cls=ManyOption, metavar="NAME...",
              help="Delete the data of a name the new schema removes (spans with their relations and links, "
                   "relations, links, or LABEL.attr values), or the data that no longer fits a changed one.")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@as_option()
@db_option
@click.pass_context
def set_(ctx: click.Context, file: Path, renames: tuple[str, ...], drops: tuple[str, ...], dry_run: bool,
         acting: str | None, db: str | None) -> None:
    """Make FILE the project's schema, as one logged change that `schema undo` reverses.

    Adding labels, attributes, values, relation and link types always works. Removing or
    renaming a name that spans, relations, links or attribute values use (gold too) is
    refused with the counts, unless --rename or --drop says what becomes of that data.
    When the project has a manager, only a manager may change the schema (--as).
    """
    project = _open(ctx, db)
    try:
        acting = identity.acting_member(project, acting)
        new = load_schema(file)
        rename_list, drop_list = split_values(renames), split_values(drops)
        if dry_run:
            plan = schema_service.plan_schema(project, new, rename_list, drop_list)
            _print_plan(plan)
            if plan.refusals:
                raise schema_service.SchemaRefused(plan)
            return
        plan = schema_service.set_schema(project, new, rename_list, drop_list, acting=acting, origin=str(file))
    finally:
        project.close()
    if plan.unchanged:
        click.echo(f"the project's schema is already {file} ({new.name} v{new.version}): nothing changed")
        return
    _print_plan(plan)
    click.echo(f"schema set: {new.name} v{new.version} (undo with: annotator schema undo)")


@command.command("undo")
@as_option()
@db_option
@click.pass_context
def undo(ctx: click.Context, acting: str | None, db: str | None) -> None:
    """Undo the last schema change: its schema of before comes back, its renames are reversed."""
    project = _open(ctx, db)
    try:
        acting = identity.acting_member(project, acting)
        plan = schema_service.undo_schema(project, acting=acting)
    finally:
        project.close()
    _print_plan(plan)
    click.echo(f"schema back to {plan.new.name} v{plan.new.version}")
