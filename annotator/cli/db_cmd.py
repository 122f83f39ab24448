"""``annotator db upgrade|current``: schema migrations of the project database."""

from __future__ import annotations

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group
from annotator.storage import migrate
from annotator.storage.database import open_database


@click.group("db", cls=Group)
def command() -> None:
    """Project database maintenance (upgrades also happen automatically on open)."""


@command.command("upgrade")
@db_option
@click.pass_context
def upgrade(ctx: click.Context, db: str | None) -> None:
    """Upgrade the database to this program's schema, after a backup."""
    database = open_database(resolve_db(ctx.parent, db) if ctx.parent else db, upgrade=False, create=False)
    try:
        result = migrate.upgrade(database)
    finally:
        database.close()
    if not result.changed:
        click.echo(f"{database.display_url} is up to date (revision {result.after})")
        return
    click.echo(f"upgraded {database.display_url} from {result.before or 'empty'} to {result.after}")
    if result.backup:
        click.echo(f"backup of the previous version: {result.backup}")


@command.command("current")
@db_option
@click.pass_context
def current(ctx: click.Context, db: str | None) -> None:
    """Print the database's revision and the newest this program knows."""
    database = open_database(resolve_db(ctx.parent, db) if ctx.parent else db, upgrade=False, create=False)
    try:
        rev = migrate.check_not_newer(database)
    finally:
        database.close()
    click.echo(f"database revision: {rev or 'none (empty)'}; program: {migrate.head_revision()}")
