"""``annotator export --format F --out DIR`` (and ``--format jsonl --out FILE.jsonl``)."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, as_option, docs_option, split_values
from annotator.core.splits import SplitSpecError, parse_split_spec
from annotator.services import identity
from annotator.services.export.datasets import LINKS_OUTSIDE, ExportOptions, export_dataset, export_jsonl
from annotator.services.export.rules import (
    ALL,
    FORMATS,
    GOLD,
    GROUP_BY,
    LAYERS,
    SCHEMES,
    STATUSES,
    command_line,
    is_file_target,
    needs_a_folder,
)
from annotator.services.lookup import require_annotator, require_documents
from annotator.services.project import Project


def _say(message: str) -> None:
    """What an export cleaned up after an interrupted one (a restored output, leftovers removed)."""
    click.echo(message, err=True)


@click.command("export", cls=Command, renamed={"--by": "--group-by"})
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl (canonical, holds everything), conll, brat, spacy, hf, doccano or labelstudio.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="The folder to write (missing folders above it are created). With --format jsonl, a FILE.jsonl "
                   "writes one file: every document (or --docs), with --source's spans.")
@click.option("--source", default=None, metavar="gold|NAME|all",
              help="Whose annotations: the adjudicated gold, one annotator's, or all of them, each in its own "
                   "folder (default: gold if there is any, else the only annotator who has spans).")
@click.option("--annotator", default=None, metavar="NAME", help="Same as --source NAME.")
@docs_option()
@click.option("--status", type=click.Choice(STATUSES), default=None,
              help="Only documents whose set has this status.")
@click.option("--split", default=None, metavar="train=0.8,dev=0.1,test=0.1",
              help="Split the documents (deterministic, grouped, stratified by label).")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the split.")
@click.option("--group-by", "group_by", type=click.Choice(GROUP_BY), default="document",
              show_default=True, help="Keep each document, or each outlet (source), within one split.")
@click.option("--scheme", type=click.Choice(SCHEMES), default="iob2", show_default=True,
              help="Tagging scheme of conll and hf.")
@click.option("--layer", type=click.Choice(LAYERS), default="outermost",
              show_default=True, help="Which spans a tag sequence holds when spans nest (conll, hf; spacy's doc.ents).")
@click.option("--force", is_flag=True, help="Replace the output if it exists.")
@as_option("Who exports (an annotator working blind exports only their own spans).")
@db_option
@click.pass_context
def command(ctx: click.Context, fmt: str, out: Path, source: str | None, annotator: str | None,
            docs: tuple[str, ...], status: str | None, split: str | None, seed: int, group_by: str, scheme: str,
            layer: str, force: bool, acting: str | None, db: str | None) -> None:
    """Export documents and spans (offsets in code points) for training and for other tools.

    Writes the folder OUT with the files of the format, per split, and manifest.json
    (program version, schema, command, seed, counts per split and label, what was
    dropped and why); --format jsonl --out FILE.jsonl writes one file instead. Both
    take gold when the project has gold, else the only annotator who has spans,
    unless --source says otherwise. A failed export leaves nothing behind; an
    existing OUT is only replaced with --force; an empty project is refused.

    \b
    Example: annotator export --format conll --out data/ --split train=0.8,dev=0.1,test=0.1 --group-by source
    """
    if annotator is not None and source is not None and annotator != source:
        raise click.UsageError("give --source or --annotator, not both")
    source = source if source is not None else annotator
    ratios = None
    if split is not None:
        try:
            ratios = parse_split_spec(split)
        except SplitSpecError as exc:
            raise click.BadParameter(str(exc), param_hint="--split") from None
    if is_file_target(fmt, out) and needs_a_folder(split, status, source):
        raise click.UsageError("--split, --status and --source all write a folder: give --out a folder name "
                               "(not a .jsonl file)")
    doc_ids = split_values(docs)
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        me = identity.actor(project, acting)
        if me.is_blind and me.name is not None:
            source = me.name if source is None else source
            if source == GOLD:  # gold of the documents they have done, as the window shows it
                doc_ids = identity.gold_documents_for(project, me.name, doc_ids)
            else:
                me.may_see(source)
        if source is not None:
            require_annotator(project, source, also=[GOLD, ALL])
        require_documents(project, doc_ids)
        if is_file_target(fmt, out):
            report = export_jsonl(project, out, source=source, doc_ids=doc_ids or None, force=force, notice=_say)
            whose = f" of {report.annotator}" if report.annotator else " (no annotator has spans)"
            click.echo(f"wrote {report.documents} document(s) and {report.spans} span(s){whose} to {report.path}")
            if report.links_outside:
                click.echo(f"not exported: {report.links_outside} {LINKS_OUTSIDE}", err=True)
            return
        options = ExportOptions(format=fmt, source=source, documents=doc_ids or None, status=status,
                                split=ratios, seed=seed, by=group_by, scheme=scheme, layer=layer, force=force,
                                command=command_line({**ctx.params, "docs": tuple(doc_ids)}))
        result = export_dataset(project, out, options, notice=_say)
    finally:
        project.close()
    per_split = ", ".join(f"{s} {n}" for s, n in result.documents.items())
    click.echo(f"wrote {fmt} to {result.path}: {sum(result.documents.values())} document(s) ({per_split}), "
               f"{result.spans} span(s)")
    if result.dropped:
        reasons = ", ".join(f"{r} {n}" for r, n in result.manifest["dropped"]["by_reason"].items())
        click.echo(f"dropped {result.dropped} span(s) the format cannot hold ({reasons}): see manifest.json",
                   err=True)
    for name, src in result.manifest["sources"].items():
        for what, n in src["dropped"]["not_held"].items():
            click.echo(f"not exported{'' if len(result.manifest['sources']) == 1 else f' ({name})'}: {n} {what}",
                       err=True)
    for w in result.manifest["warnings"]:
        click.echo(f"warning: {w}", err=True)
