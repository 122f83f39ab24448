"""``annotator screenshot``: render the main window to a PNG without a screen."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, as_option, docs_option, split_values
from annotator.core.errors import AnnotatorError

MAX_PANES = 4


def _size(value: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in value.lower().split("x"))
    except ValueError:
        raise click.BadParameter("use WIDTHxHEIGHT, e.g. 1400x850", param_hint="--size") from None
    if width < 1 or height < 1:
        raise click.BadParameter("use WIDTHxHEIGHT, both at least 1, e.g. 1400x850", param_hint="--size")
    return width, height


@click.command("screenshot", cls=Command, renamed={"--annotator": "--as"})
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="PNG file to write (its folder is created if needed).")
@docs_option(f"The documents to show side by side, one pane each, at most {MAX_PANES} (default: the first two)")
@as_option("Whose window it is: that annotator's spans are shown (default: $ANNOTATOR_USER, else the name in "
           "the settings).")
@click.option("--size", "size", default="1400x850", show_default=True, help="Window size, WIDTHxHEIGHT.")
@click.option("--select", "select", default=None, metavar="SPAN_ID",
              help="Select this span in the pane showing it (its relations are drawn as arcs).")
@click.option("--search", "search", default=None, metavar="QUERY",
              help="Open the Search dock with the concordance of QUERY over every document.")
@click.option("--scale", "scale", type=click.FloatRange(1.0, 4.0), default=None, metavar="FACTOR",
              help="Render at this device pixel ratio (2: a 200% HiDPI screen; the PNG is that many times larger).")
@click.option("--lang", "lang", type=click.Choice(["ar", "en"]), default=None,
              help="The interface's language in the picture (default: English, or annotator's own --lang).")
@db_option
@click.pass_context
def command(ctx: click.Context, out: Path, docs: tuple[str, ...], acting: str | None, size: str,
            select: str | None, search: str | None, scale: float | None, lang: str | None, db: str | None) -> None:
    """Render the annotation window with documents side by side to a PNG.

    \b
    Example: annotator screenshot --out shot.png --docs d1 d2 --as alice --size 1366x768
    """
    width, height = _size(size)
    doc_ids = split_values(docs)
    if len(doc_ids) > MAX_PANES:
        raise click.BadParameter(f"at most {MAX_PANES} documents (one pane each), not {len(doc_ids)}",
                                 param_hint="--docs")
    from annotator.services.lookup import require_annotator, require_documents
    from annotator.services.project import Project

    project = Project.open(resolve_db(ctx, db), create=False)  # a missing project is refused, not made
    try:
        require_documents(project, doc_ids)
        if acting is not None:
            require_annotator(project, acting, person=True)
    finally:
        project.close()
    above = next((p for p in out.absolute().parents if p.exists() or p.is_symlink()), None)
    if above is not None and not above.is_dir():
        raise AnnotatorError(f"cannot write {out}: {above} is not a folder")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY") and sys.platform.startswith("linux"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale is not None:
        from annotator.gui.app import scale_before_start

        if not scale_before_start(scale):
            raise AnnotatorError("--scale needs a fresh program: Qt is already running in this process")
    try:
        from annotator.gui.screenshot import render_window  # Qt only now, never at import
    except ImportError as exc:
        raise AnnotatorError(f"the screenshot needs Qt (PySide6), which could not be loaded: {exc}") from None
    try:
        w, h = render_window(resolve_db(ctx, db), out, doc_ids or None, annotator=acting, size=(width, height),
                             select=select, search=search, lang=lang or (ctx.obj or {}).get("lang") or "en")
    except OSError as exc:
        raise AnnotatorError(f"could not write {out}: {exc.strerror or exc}") from None
    click.echo(f"wrote {out} ({w}x{h})")
