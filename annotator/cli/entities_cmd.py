"""``annotator entities list|add|show|alias|rename|merge``: the project's canonical entities."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group, as_option
from annotator.services import identity
from annotator.services.entities import (
    CreateEntity,
    MergeEntities,
    UpdateEntity,
    complete_entities,
    entities,
    entity,
    entity_mention_counts,
    entity_mentions,
)
from annotator.services.project import Project


@click.group("entities", cls=Group)
def command() -> None:
    """Canonical entities (actors) that ACTOR spans refer to, across the project.

    \b
    Example: annotator entities merge e-haddad e-lubna --as carol
    """


def _acting(project: Project, acting: str | None) -> str | None:
    return identity.acting_member(project, acting)


@command.command("list")
@click.option("--prefix", default=None, help="Only entities whose name or alias (or a word of it) starts so.")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@as_option("Who asks (an annotator working blind is shown counts of their own mentions only).")
@db_option
@click.pass_context
def list_(ctx: click.Context, prefix: str | None, as_json: bool, acting: str | None, db: str | None) -> None:
    """List entities with their type, aliases and number of tagged mentions."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        me = identity.actor(project, acting)
        found = complete_entities(project, prefix, limit=10**9) if prefix else entities(project)
        counts = entity_mention_counts(project, me.name if me.is_blind else None)
    finally:
        project.close()
    if as_json:
        click.echo(json.dumps([{**asdict(e), "aliases": list(e.aliases), "mentions": counts.get(e.id, 0)}
                               for e in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("no entities" + (f" matching {prefix!r}" if prefix else ""))
    for e in found:
        aliases = f"  (also: {', '.join(e.aliases)})" if e.aliases else ""
        click.echo(f"{e.id}\t{e.type}\t{counts.get(e.id, 0)} mention(s)\t{e.name}{aliases}")


@command.command("add", renamed={"--annotator": "--as"})
@click.argument("name")
@click.option("--type", "etype", default="other", show_default=True,
              help="person, organisation, government, armed_group, country or other.")
@click.option("--alias", "aliases", multiple=True, help="Another name of the entity (repeatable).")
@click.option("--id", "entity_id", default=None, help="The entity id (default: a new unique id).")
@as_option()
@db_option
@click.pass_context
def add(ctx: click.Context, name: str, etype: str, aliases: tuple[str, ...], entity_id: str | None,
        acting: str | None, db: str | None) -> None:
    """Add an entity named NAME."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        cmd = CreateEntity(_acting(project, acting), name, etype, aliases)
        if entity_id:
            cmd.entity_id = entity_id
        cmd.do(project)
    finally:
        project.close()
    click.echo(f"added entity {cmd.entity_id}: {name} ({etype})")


@command.command("alias", renamed={"--annotator": "--as"})
@click.argument("entity_id")
@click.argument("aliases", nargs=-1, required=True)
@as_option()
@db_option
@click.pass_context
def alias(ctx: click.Context, entity_id: str, aliases: tuple[str, ...], acting: str | None, db: str | None) -> None:
    """Add ALIASES (other names) to an entity."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        current = entity(project, entity_id)
        merged = tuple(dict.fromkeys((*current.aliases, *aliases)))
        UpdateEntity(_acting(project, acting), entity_id, aliases=merged).do(project)
    finally:
        project.close()
    click.echo(f"{entity_id}: aliases {', '.join(merged)}")


@command.command("rename", renamed={"--annotator": "--as"})
@click.argument("entity_id")
@click.argument("name")
@click.option("--keep-alias", is_flag=True, help="Keep the old name as an alias.")
@as_option()
@db_option
@click.pass_context
def rename(ctx: click.Context, entity_id: str, name: str, keep_alias: bool, acting: str | None,
           db: str | None) -> None:
    """Rename an entity to NAME (its mentions keep pointing at it)."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        current = entity(project, entity_id)
        aliases = tuple(dict.fromkeys((*current.aliases, current.name))) if keep_alias else None
        UpdateEntity(_acting(project, acting), entity_id, name=name, aliases=aliases).do(project)
    finally:
        project.close()
    click.echo(f"{entity_id}: renamed {current.name} -> {name}")


@command.command("merge", renamed={"--annotator": "--as"})
@click.argument("keep")
@click.argument("others", nargs=-1, required=True)
@as_option()
@db_option
@click.pass_context
def merge(ctx: click.Context, keep: str, others: tuple[str, ...], acting: str | None, db: str | None) -> None:
    """Merge the OTHERS entities into KEEP: every span of every annotator (and gold) that refers to one
    of them refers to KEEP, their names become KEEP's aliases, and they are deleted."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        before = sum(len(entity_mentions(project, o)) for o in dict.fromkeys(others))
        MergeEntities(_acting(project, acting), keep, others).do(project)
        kept = entity(project, keep)
    finally:
        project.close()
    click.echo(f"merged {len(set(others))} entit{'y' if len(set(others)) == 1 else 'ies'} into {keep} ({kept.name}): "
               f"{before} mention(s) moved; aliases {', '.join(kept.aliases) or 'none'}")


@command.command("show")
@click.argument("entity_id")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@as_option("Who asks (an annotator working blind is shown their own mentions only).")
@db_option
@click.pass_context
def show(ctx: click.Context, entity_id: str, as_json: bool, acting: str | None, db: str | None) -> None:
    """Show an entity and every span attached to it."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        me = identity.actor(project, acting)
        e = entity(project, entity_id)
        mentions = [m for m in entity_mentions(project, entity_id) if not me.is_blind or m.annotator == me.name]
    finally:
        project.close()
    if as_json:
        click.echo(json.dumps({**asdict(e), "aliases": list(e.aliases), "mentions": [asdict(m) for m in mentions]},
                              ensure_ascii=False, indent=2))
        return
    click.echo(f"id:       {e.id}")
    click.echo(f"name:     {e.name}")
    click.echo(f"type:     {e.type}")
    click.echo(f"aliases:  {', '.join(e.aliases) or '-'}")
    click.echo(f"mentions: {len(mentions)}")
    for m in mentions:
        click.echo(f"  {m.document_id}\t{m.annotator}\t{m.span_id}\t[{m.start}, {m.end})\t{m.text}")
