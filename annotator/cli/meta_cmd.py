"""``annotator meta DOC [KEY=VALUE ...]``: show or change a document's metadata.

The text of a document never changes; its metadata may (e.g. ``published``, the
date relative expressions such as الأسبوع المقبل are resolved against).
"""

from __future__ import annotations

import json

import click

from annotator.cli.main import db_option, resolve_db
from annotator.services.project import Project


@click.command("meta")
@click.argument("doc_id")
@click.argument("assignments", nargs=-1, metavar="[KEY=VALUE]... [KEY=]")
@click.option("--as", "who", default=None, help="Record the change under this name.")
@db_option
@click.pass_context
def command(ctx: click.Context, doc_id: str, assignments: tuple[str, ...], who: str | None, db: str | None) -> None:
    """Show a document's metadata, or set keys (KEY= removes one).

    Example: annotator meta 01-alrased published=2026-09-11 outlet="Al-Rased"
    """
    updates: dict[str, object] = {}
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"{item!r}: write KEY=VALUE (or KEY= to remove the key)")
        updates[key] = value if value != "" else None
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        if updates:
            project.set_document_meta(doc_id, updates, who)
        doc = project.document(doc_id)
    finally:
        project.close()
    click.echo(json.dumps({"id": doc.id, "direction": doc.direction, "meta": doc.meta}, ensure_ascii=False, indent=2))
