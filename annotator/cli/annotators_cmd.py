"""``annotator annotators add|list|role|queue|status``: people, roles and progress."""

from __future__ import annotations

import json

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group, annotators_option, as_option, docs_option, split_values
from annotator.core.values import Role
from annotator.services import identity, team
from annotator.services.lookup import require_annotator, require_annotators, require_documents
from annotator.services.project import Project

ROLES = [r.value for r in Role]


def _hms(seconds: int) -> str:
    h, rest = divmod(int(seconds), 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}"


def _open(ctx: click.Context, db: str | None) -> Project:
    return Project.open(resolve_db(ctx, db), create=False)


@click.group("annotators", cls=Group)
def command() -> None:
    """Annotators and their roles: annotator (annotates blind), adjudicator (builds gold), manager.

    \b
    Example: annotator annotators add alice --role annotator
    """


@command.command("add")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), default="annotator", show_default=True)
@as_option("Who adds them: a manager, once the project has one (the first person named on a project "
           "with nobody in it becomes its manager).")
@db_option
@click.pass_context
def add(ctx: click.Context, name: str, role: str, acting: str | None, db: str | None) -> None:
    """Add an annotator NAME with a role."""
    project = _open(ctx, db)
    try:
        if identity.first_manager(project, acting):
            who = identity.acting_name(acting)
            click.echo(f"added {who} (manager): the first user of a new project manages it")
            if who == name:
                return
        by = identity.manages(project, acting, "add people to the project").name
        info = team.add_annotator(project, name, role, by=by)
    finally:
        project.close()
    click.echo(f"added {info.name} ({info.role.value})")


@command.command("role")
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
@as_option("Who changes it: a manager, once the project has one (recorded in the change log).")
@db_option
@click.pass_context
def set_role(ctx: click.Context, name: str, role: str, acting: str | None, db: str | None) -> None:
    """Change NAME's role to ROLE."""
    project = _open(ctx, db)
    try:
        by = identity.manages(project, acting, "change roles").name
        require_annotator(project, name, person=True)
        before = team.set_role(project, name, role, by=by)
    finally:
        project.close()
    click.echo(f"{name}: {before.value} -> {role}")


@command.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@as_option("Who asks (an annotator working blind sees only their own line).")
@db_option
@click.pass_context
def list_(ctx: click.Context, as_json: bool, acting: str | None, db: str | None) -> None:
    """List annotators with role, documents assigned and done, and time spent."""
    project = _open(ctx, db)
    try:
        me = identity.actor(project, acting)
        infos = [i for i in team.list_annotators(project) if not me.is_blind or i.name == me.name]
    finally:
        project.close()
    if as_json:
        click.echo(json.dumps([{"name": i.name, "role": i.role.value, "assigned": i.assigned, "done": i.done,
                                "time_spent_seconds": i.time_spent_seconds} for i in infos],
                              ensure_ascii=False, indent=2))
        return
    if not infos:
        click.echo("no annotators yet (add one with: annotator annotators add NAME --role annotator)")
        return
    w = max(len(i.name) for i in [*infos, team.AnnotatorInfo("name", Role.ANNOTATOR, None)])
    click.echo(f"{'name'.ljust(w)}  {'role':<11}  assigned  done  time spent")
    for i in infos:
        click.echo(f"{i.name.ljust(w)}  {i.role.value:<11}  {i.assigned:8d}  {i.done:4d}  {_hms(i.time_spent_seconds)}")


@command.command("queue")
@click.argument("name")
@as_option("Who asks (an annotator working blind sees only their own queue).")
@db_option
@click.pass_context
def queue(ctx: click.Context, name: str, acting: str | None, db: str | None) -> None:
    """NAME's queue: assigned documents not done yet, oldest assignment first."""
    project = _open(ctx, db)
    try:
        identity.actor(project, acting).may_see(name)
        require_annotator(project, name, person=True)
        docs = team.queue(project, name)
    finally:
        project.close()
    if not docs:
        click.echo(f"{name} has nothing left to do")
    for d in docs:
        click.echo(d)


@command.command("status")
@docs_option()
@annotators_option("Only these annotators")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@as_option("Who asks (an annotator working blind sees only their own rows; naming another is refused).")
@db_option
@click.pass_context
def status(ctx: click.Context, docs: tuple[str, ...], annotators: tuple[str, ...], as_json: bool,
           acting: str | None, db: str | None) -> None:
    """Status (new, in_progress, done), time spent and spans per document and annotator.

    \b
    Example: annotator annotators status --docs d1 d2 --annotators alice,bob
    """
    project = _open(ctx, db)
    try:
        doc_ids = require_documents(project, split_values(docs)) or None
        who = require_annotators(project, split_values(annotators)) or None
        me = identity.actor(project, acting)
        if me.is_blind and me.name is not None:
            for name in who or ():
                me.may_see(name)
            who = [me.name]
        rows = team.progress(project, doc_ids, who)
    finally:
        project.close()
    if as_json:
        click.echo(json.dumps([{"document": r.document_id, "annotator": r.annotator, "assigned": r.assigned,
                                "status": r.status.value, "time_spent_seconds": r.time_spent_seconds,
                                "spans": r.spans} for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("nothing assigned or annotated yet" + (" in these documents" if doc_ids else ""))
    for r in rows:
        mark = "" if r.assigned else "  (not assigned)"
        click.echo(f"{r.document_id}\t{r.annotator}\t{r.status.value}\t{_hms(r.time_spent_seconds)}\t"
                   f"{r.spans} span(s){mark}")
