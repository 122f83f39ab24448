"""``annotator guidelines show | set FILE | export FILE | clear``: the project's guidelines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group, as_option
from annotator.core.errors import AnnotatorError
from annotator.formats.decoding import read_utf8
from annotator.services import identity
from annotator.services.guidelines import SetGuidelines, guidelines
from annotator.services.project import Project


@click.group("guidelines", cls=Group)
def command() -> None:
    """The project's annotation guidelines (Markdown), shown in the window's Guidelines dock.

    \b
    Example: annotator guidelines set guidelines.md --as maria
    """


@command.command("show")
@db_option
@click.pass_context
def show(ctx: click.Context, db: str | None) -> None:
    """Print the guidelines as they are kept (Markdown)."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        text = guidelines(project)
    finally:
        project.close()
    click.echo(text if text else "(no guidelines yet: annotator guidelines set FILE)")


@command.command("export")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@db_option
@click.pass_context
def export(ctx: click.Context, out: Path, db: str | None) -> None:
    """Write the guidelines to OUT (UTF-8 Markdown)."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        text = guidelines(project)
    finally:
        project.close()
    if not text:
        raise AnnotatorError("the project has no guidelines to export")
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AnnotatorError(f"could not write {out}: {exc.strerror or exc}") from None
    click.echo(f"wrote {out} ({len(text):,} characters)")


def _set(ctx: click.Context, read: Callable[[], str], acting: str | None, db: str | None) -> str:
    """Open the project (a missing one is refused first), then read the text and keep it."""
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        who = identity.acting_member(project, acting)
        text = read()
        SetGuidelines(text, who).do(project)
    finally:
        project.close()
    return text


@command.command("set")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@as_option()
@db_option
@click.pass_context
def set_(ctx: click.Context, file: Path, acting: str | None, db: str | None) -> None:
    """Keep FILE (UTF-8 Markdown) as the guidelines, replacing the old ones (kept in the change log)."""
    text = _set(ctx, lambda: read_utf8(file), acting, db)
    click.echo(f"guidelines set from {file} ({len(text):,} characters)")


@command.command("clear")
@as_option()
@db_option
@click.pass_context
def clear(ctx: click.Context, acting: str | None, db: str | None) -> None:
    """Remove the guidelines (the change log keeps them)."""
    _set(ctx, lambda: "", acting, db)
    click.echo("guidelines removed")
