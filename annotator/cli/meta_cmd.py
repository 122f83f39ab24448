"""``annotator meta DOC [KEY=VALUE ...]``: show or change a document's metadata.

The text of a document never changes; its metadata may (e.g. ``published``, the
date relative expressions such as الأسبوع المقبل are resolved against).
"""

from __future__ import annotations

import json

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, as_option
from annotator.services import identity
from annotator.services.lookup import require_document
from annotator.services.project import Project


@click.command("meta", cls=Command)
@click.argument("doc_id")
@click.argument("assignments", nargs=-1, metavar="[KEY=VALUE]... [KEY=]")
@as_option()
@db_option
@click.pass_context
def command(ctx: click.Context, doc_id: str, assignments: tuple[str, ...], acting: str | None,
            db: str | None) -> None:
    """Show a document's metadata, or set keys (KEY= removes one).

    \b
    Example: annotator meta 01-alrased published=2026-09-11 outlet="Al-Rased" --as maria
    """
    updates: dict[str, object] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"{item!r}: write KEY=VALUE (or KEY= to remove the key)")
        updates[key] = value if value != "" else None
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        require_document(project, doc_id)
        acting = identity.acting_member(project, acting)
        if updates:
            project.set_document_meta(doc_id, updates, acting)
        doc = project.document(doc_id)
    finally:
        project.close()
    click.echo(json.dumps({"id": doc.id, "direction": doc.direction, "meta": doc.meta}, ensure_ascii=False, indent=2))
