"""``annotator team provision|add|remove|password|list``: a PostgreSQL team server.

Run by a manager with an owner connection (``--db`` the project's URL as its owner). A new
password is printed once, here, to hand over to its member; the program keeps no copy.
"""

from __future__ import annotations

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group
from annotator.core.values import Role
from annotator.services import team_server
from annotator.services.project import Project
from annotator.storage.rls import DOCUMENT_CHOICES, GOLD_CHOICES

ROLES = [r.value for r in Role]


def _open(ctx: click.Context, db: str | None) -> Project:
    return Project.open(resolve_db(ctx, db), create=False)


def _echo(credential: team_server.Credential) -> None:
    secret = credential.password if credential.password is not None else "(unchanged: the role exists already)"
    click.echo(f"{credential.annotator}\t{credential.role.value}\tlogin {credential.login}\tpassword {secret}")


@click.group("team", cls=Group)
def command() -> None:
    """A PostgreSQL project secured by the server: a login role per member, row-level security.

    \b
    Example: annotator team provision --db postgresql+psycopg://owner@host/project
    Members then connect as themselves: postgresql+psycopg://alice@host/project
    (the password in ~/.pgpass). New passwords are printed once: hand them over.
    """


@command.command("provision")
@click.option("--documents", type=click.Choice(DOCUMENT_CHOICES), default=None,
              help="Which documents an annotator's connection reads: all (the first default), or only those "
                   "assigned to them. Not given: as the project has it.")
@click.option("--gold", type=click.Choice(GOLD_CHOICES), default=None,
              help="When an annotator reads a document's gold: once their own set is done (the first default), "
                   "never, or always. Not given: as the project has it.")
@db_option
@click.pass_context
def provision(ctx: click.Context, documents: str | None, gold: str | None, db: str | None) -> None:
    """Make the groups, grants and policies, and a login for every member (again: changes nothing)."""
    project = _open(ctx, db)
    try:
        report = team_server.provision(project, documents=documents, gold=gold)
    finally:
        project.close()
    click.echo(f"groups: {', '.join(report.groups)}")
    for credential in report.members:
        _echo(credential)
    if not report.members:
        click.echo("every member has a login already")


@command.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="annotator", show_default=True)
@db_option
@click.pass_context
def add(ctx: click.Context, name: str, role: str, db: str | None) -> None:
    """Add member NAME with a login role (the password is printed once)."""
    project = _open(ctx, db)
    try:
        credential = team_server.add(project, name, Role(role))
    finally:
        project.close()
    _echo(credential)


@command.command("remove")
@click.argument("name")
@db_option
@click.pass_context
def remove(ctx: click.Context, name: str, db: str | None) -> None:
    """Take NAME's login away (their work stays in the project)."""
    project = _open(ctx, db)
    try:
        login, dropped = team_server.remove(project, name)
    finally:
        project.close()
    click.echo(f"removed {name}: login {login} " + ("dropped" if dropped else "kept for another project"))


@command.command("password")
@click.argument("name")
@db_option
@click.pass_context
def password(ctx: click.Context, name: str, db: str | None) -> None:
    """A new password for NAME (printed once; the old one stops working)."""
    project = _open(ctx, db)
    try:
        credential = team_server.rotate_password(project, name)
    finally:
        project.close()
    _echo(credential)


@command.command("list")
@db_option
@click.pass_context
def list_members(ctx: click.Context, db: str | None) -> None:
    """Members with a login, and who this connection is."""
    project = _open(ctx, db)
    try:
        members = team_server.members(project)
        me = team_server.connected_user(project)
    finally:
        project.close()
    for m in members:
        click.echo(f"{m.annotator}\t{m.role.value}\tlogin {m.login}")
    click.echo(f"connected as: {me or 'the owner'}")
