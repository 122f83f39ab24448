"""The ``annotator`` command. One module per subcommand, all calling services.

Without a subcommand it opens the annotation window; every subcommand except
``screenshot`` works without a display. ``annotator-gui`` is the window alone, with
the same global options.

Opening a project: only ``import`` (and the window) create one; every other
subcommand opens it with ``Project.open(resolve_db(ctx, db), create=False)``, so a
mistyped ``--db`` is refused instead of becoming an empty project. Any reason a
project cannot be opened is an ``AnnotatorError`` with one line, printed here as
``error: …`` with exit status 2.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from annotator import __version__
from annotator.cli.options import F
from annotator.core.errors import AnnotatorError

NO_PROJECT_HINT = "`annotator import` creates one"

SUBCOMMANDS = {
    "import": "annotator.cli.import_cmd",
    "export": "annotator.cli.export_cmd",
    "info": "annotator.cli.info_cmd",
    "db": "annotator.cli.db_cmd",
    "meta": "annotator.cli.meta_cmd",
    "search": "annotator.cli.search_cmd",
    "guidelines": "annotator.cli.guidelines_cmd",
    "schema": "annotator.cli.schema_cmd",
    "suggest": "annotator.cli.suggest_cmd",
    "screenshot": "annotator.cli.screenshot_cmd",
    # relations, attributes, dates, entities, links (issue 4)
    "entities": "annotator.cli.entities_cmd",
    "claims": "annotator.cli.claims_cmd",
    "dates": "annotator.cli.dates_cmd",
    # annotators, assignment, adjudication, agreement (issue 5)
    "annotators": "annotator.cli.annotators_cmd",
    "assign": "annotator.cli.assign_cmd",
    "adjudicate": "annotator.cli.adjudicate_cmd",
    "agreement": "annotator.cli.agreement_cmd",
    # a PostgreSQL team server: login roles and row-level security (issue 16)
    "team": "annotator.cli.team_cmd",
}

DB_OPTION_HELP = ("Project database: a SQLAlchemy URL or a path to a SQLite file "
                  "(default: $ANNOTATOR_DB, else a file in your data folder).")


class LazyGroup(click.Group):
    """Imports a subcommand's module only when it runs (fast --help, no Qt for CLI)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in SUBCOMMANDS if importlib.util.find_spec(SUBCOMMANDS[name]) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in SUBCOMMANDS or importlib.util.find_spec(SUBCOMMANDS[cmd_name]) is None:
            return None
        command: click.Command = importlib.import_module(SUBCOMMANDS[cmd_name]).command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        """The program's own errors are messages for the user, not tracebacks."""
        try:
            return super().invoke(ctx)
        except AnnotatorError as exc:
            click.echo(f"error: {error_line(exc)}", err=True)
            ctx.exit(2)


def error_line(exc: AnnotatorError) -> str:
    """The message printed after ``error:`` (a missing project says how to make one)."""
    from annotator.storage.database import NoProjectError

    return f"{exc}; {NO_PROJECT_HINT}" if isinstance(exc, NoProjectError) else str(exc)


CONTEXT = {"help_option_names": ["-h", "--help"]}


LANG_HELP = ("The window's language: ar (Arabic, the layout mirrored) or en (default: the setting in "
             "Edit ▸ Preferences, else the desktop's language).")


def global_options(func: F) -> F:
    """The options ``annotator`` and ``annotator-gui`` share: --db, --lang, --version, --help."""
    func = click.option("--lang", "lang", type=click.Choice(["ar", "en"]), default=None, help=LANG_HELP)(func)
    func = click.option("--db", "db", envvar="ANNOTATOR_DB", help=DB_OPTION_HELP)(func)
    return click.version_option(__version__, prog_name="annotator")(func)


@click.group(cls=LazyGroup, invoke_without_command=True, context_settings=CONTEXT)
@global_options
@click.pass_context
def cli(ctx: click.Context, db: str | None, lang: str | None) -> None:
    """Annotate claims, actors and dates in right-to-left news, side by side.

    Run without a command to open the annotation window.
    """
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    ctx.obj["lang"] = lang
    if ctx.invoked_subcommand is None:
        from annotator.gui.app import run

        sys.exit(run(db, lang))


def db_option(func: F) -> F:
    """``--db`` on a subcommand too (``annotator import x --db y``)."""
    return click.option("--db", "db", envvar="ANNOTATOR_DB", default=None, help=DB_OPTION_HELP)(func)


def resolve_db(ctx: click.Context, db: str | None) -> str | None:
    return db if db is not None else (ctx.obj or {}).get("db")


def main() -> None:
    cli(obj={})


@click.command("annotator-gui", context_settings=CONTEXT)
@click.argument("project", required=False, metavar="[PROJECT]")
@global_options
def gui(project: str | None, db: str | None, lang: str | None) -> None:
    """Open the annotation window on the project (the same as `annotator` without a command).

    PROJECT, a project file given as an argument (what a file manager passes when a
    project is opened with the program), is the same as --db.
    A project that cannot be opened is named in a message box that offers to choose
    another one.
    """
    from annotator.gui.app import run

    sys.exit(run(db if db is not None else project, lang))


def gui_main() -> None:
    gui(prog_name="annotator-gui")


if __name__ == "__main__":
    main()
