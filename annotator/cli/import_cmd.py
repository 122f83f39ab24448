"""``annotator import PATH...``: import .txt and .jsonl files and folders."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, as_option
from annotator.cli.progress import TerminalProgress
from annotator.core.errors import InputError
from annotator.core.schema import load_schema
from annotator.formats import IMPORTERS
from annotator.services import identity
from annotator.services.imports.documents import import_paths
from annotator.services.imports.report import bad_file_lines, refused_lines, result_lines
from annotator.services.project import Project
from annotator.services.schema import start_with_schema


@click.command("import", cls=Command)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option("--annotator", default=None, metavar="NAME",
              help="Store the files' spans as this annotator's (default: 'imported'). For documents already in the "
                   "project (same id and text, or same text) the spans are added as this annotator's set.")
@click.option("--replace", is_flag=True, help="With --annotator: replace that annotator's differing spans on "
                                              "documents already in the project (the change log keeps the old ones).")
@click.option("--skip-bad", is_flag=True,
              help="Import the good files and report the bad ones, instead of importing nothing.")
@click.option("--format", "fmt", type=click.Choice(list(IMPORTERS)), default=None,
              help="Read every file (and every file of that format in folders) as this format, instead of "
                   "choosing by suffix: txt, jsonl, conll, brat (.ann + .txt), doccano (.jsonl), "
                   "labelstudio (.json).")
@click.option("--schema", "schema_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Start the new project with this schema (a TOML file, see resources/schemas) instead of the "
                   "default; refused on a project that holds data unless it already has this schema.")
@as_option("Who imports: on a project with nobody in it yet, they become its manager; an annotator may "
           "import spans only as their own (--annotator NAME is theirs).")
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], db: str | None, annotator: str | None, replace: bool,
            skip_bad: bool, fmt: str | None, schema_file: Path | None, acting: str | None) -> None:
    """Import articles: UTF-8 .txt files, .jsonl files (one document per line), or folders of them.

    Also annotations made with other tools: CoNLL (.conll, IOB2/IOB1/BIOES), brat
    stand-off (.ann with its .txt), doccano JSONL and Label Studio JSON exports (their
    UTF-16 offsets are converted to code points). Without --format the suffix decides
    (a .jsonl file in doccano's shape is read as doccano).

    Nothing is imported if any file has a problem, unless --skip-bad is given.
    """
    schema = load_schema(schema_file) if schema_file is not None else None  # a bad file: nothing made
    project = Project.open(resolve_db(ctx, db), create=True)  # importing is what makes a project
    try:
        if annotator is not None:
            identity.actor(project, acting).may_change({annotator})
        if schema is not None:
            start_with_schema(project, schema, str(schema_file))
        if identity.first_manager(project, acting):
            click.echo(f"added {acting} (manager): the first user of a new project manages it")
    except BaseException:
        project.close()
        raise
    progress = TerminalProgress()  # on a terminal: files read, documents written, rate, time left
    try:
        report = import_paths(project, list(paths), annotator=annotator, skip_bad=skip_bad,
                              replace_annotations=replace, format=fmt, progress=progress)
    except InputError as exc:
        progress.close()
        for line in refused_lines(exc.problems):
            click.echo(line, err=True)
        sys.exit(1)
    finally:
        progress.close()
        project.close()
    for line in result_lines(report, annotator, project.database.display_url):
        click.echo(line)
    if report.problems:
        for line in bad_file_lines(report):
            click.echo(line, err=True)
        sys.exit(1)
