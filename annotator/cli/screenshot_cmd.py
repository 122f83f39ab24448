"""``annotator screenshot``: render the main window to a PNG without a screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from annotator.cli.main import db_option, resolve_db


@click.command("screenshot")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="PNG file to write.")
@click.option("--docs", "docs", nargs=2, default=None, metavar="ID ID",
              help="The two documents to show side by side (default: the first two).")
@click.option("--annotator", "annotator", default=None,
              help="Whose spans to show (default: $ANNOTATOR_USER, else the name in the settings).")
@click.option("--size", "size", default="1400x850", show_default=True, help="Window size, WIDTHxHEIGHT.")
@click.option("--select", "select", default=None, metavar="SPAN_ID",
              help="Select this span in the pane showing it (its relations are drawn as arcs).")
@db_option
@click.pass_context
def command(ctx: click.Context, out: Path, docs: tuple[str, str] | None, annotator: str | None, size: str,
            select: str | None, db: str | None) -> None:
    """Render the annotation window with two documents side by side to a PNG."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        width, height = (int(v) for v in size.lower().split("x"))
    except ValueError:
        raise click.BadParameter("use WIDTHxHEIGHT, e.g. 1400x850", param_hint="--size") from None
    from annotator.core.errors import AnnotatorError
    from annotator.gui.screenshot import render_window  # Qt only now, never at import
    from annotator.services.project import Project

    Project.open(resolve_db(ctx, db), create=False).close()  # a missing project is refused, not made

    try:
        w, h = render_window(resolve_db(ctx, db), out, list(docs) if docs else None, annotator=annotator,
                             size=(width, height), select=select)
    except AnnotatorError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"wrote {out} ({w}x{h})")
