"""``annotator suggest apply|list|accept|train|evaluate|log``: suggestions that learn."""

from __future__ import annotations

import json
import os

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group, ManyOption, as_option, docs_option, split_values
from annotator.core.errors import AnnotatorError
from annotator.services import suggestions as service
from annotator.services.project import Project


def _open(ctx: click.Context, db: str | None) -> Project:
    return Project.open(resolve_db(ctx, db), create=False)


def _who(acting: str | None, *, required: bool) -> str | None:
    who = acting or os.environ.get("ANNOTATOR_USER") or None
    if who is None and required:
        raise AnnotatorError("say who is acting: --as NAME (or set ANNOTATOR_USER)")
    return who


@click.group("suggest", cls=Group)
def command() -> None:
    """Suggestions: spans proposed by rules, the project's own model or a spaCy pipeline,
    for an annotator to accept or reject (in the window: Tab to walk them, Enter accepts,
    Delete rejects).

    \b
    Recommenders: dates (the date normaliser over running text), entities (the entity
    registry's names and aliases), project (the model `suggest train` makes from gold and
    documents marked done), or the folder of any spaCy pipeline.

    \b
    Examples:
      annotator suggest apply --recommender dates
      annotator suggest list --docs 01-alrased --as maria
      annotator suggest accept --min-score 0.9 --as maria
      annotator suggest train
      annotator suggest evaluate --format json
    """


@command.command("apply")
@click.option("--recommender", "recommender", required=True, metavar="NAME|PATH",
              help="dates, entities, project, or the folder of a spaCy pipeline.")
@docs_option("Only these documents (default: all)")
@as_option("Who runs it: the project model made for them when they annotate blind.")
@db_option
@click.pass_context
def apply_(ctx: click.Context, recommender: str, docs: tuple[str, ...], acting: str | None, db: str | None) -> None:
    """Run a recommender over documents and store its suggestions (not spans) for review,
    replacing its earlier ones."""
    project = _open(ctx, db)
    try:
        report = service.apply(project, recommender, split_values(docs) or None, acting=_who(acting, required=False))
    finally:
        project.close()
    whom = f" (for {report.audience} only)" if report.audience else ""
    click.echo(f"{report.recommender}: {report.suggestions:,} suggestion(s) in {report.documents:,} "
               f"document(s) stored{whom}")


@command.command("list")
@docs_option("These documents")
@click.option("--recommenders", "recommenders", cls=ManyOption, metavar="NAME...",
              help="Which to run: dates, entities, project, stored (default: all of them).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@as_option("Whose suggestions: what this annotator is shown (default: $ANNOTATOR_USER).")
@db_option
@click.pass_context
def list_(ctx: click.Context, docs: tuple[str, ...], recommenders: tuple[str, ...], fmt: str, acting: str | None,
          db: str | None) -> None:
    """What an annotator is shown in documents: without what they tagged or decided about."""
    who = _who(acting, required=True)
    assert who is not None
    chosen = split_values(recommenders) or list(service.DEFAULT_RECOMMENDERS)
    project = _open(ctx, db)
    try:
        doc_ids = service._documents(project, split_values(docs) or None)
        found = {d: service.suggestions_for(project, d, who, chosen) for d in doc_ids}
        texts = {d: project.document(d).text for d in doc_ids if found[d]} if fmt == "table" else {}
    finally:
        project.close()
    if fmt == "json":
        click.echo(json.dumps([{"document": s.document_id, "start": s.start, "end": s.end, "label": s.label,
                                "recommender": s.recommender, "score": round(s.score, 4), "attrs": dict(s.attrs)}
                               for d in doc_ids for s in found[d]], ensure_ascii=False, indent=1))
        return
    total = 0
    for d in doc_ids:
        for s in found[d]:
            total += 1
            value = f"  {json.dumps(dict(s.attrs), ensure_ascii=False)}" if s.attrs else ""
            click.echo(f"{d}  {s.start}-{s.end}  {s.label:<8} {s.recommender:<10} {s.score:.2f}  "
                       f"\u2068{texts[d][s.start:s.end]}\u2069{value}")
    click.echo(f"{total:,} suggestion(s) in {sum(1 for d in doc_ids if found[d]):,} document(s)")


@command.command("accept")
@click.option("--min-score", "min_score", type=float, required=True, metavar="S",
              help="Accept the stored suggestions scored at least S (0 to 1).")
@click.option("--recommender", "recommender", default=None, metavar="NAME", help="Only this recommender's.")
@docs_option("Only these documents (default: every one with stored suggestions)")
@as_option("Whose spans they become (default: $ANNOTATOR_USER).")
@db_option
@click.pass_context
def accept(ctx: click.Context, min_score: float, recommender: str | None, docs: tuple[str, ...], acting: str | None,
           db: str | None) -> None:
    """Accept stored suggestions in bulk (pre-annotation), one logged step per document;
    each span keeps its provenance (suggested by R, accepted by NAME)."""
    who = _who(acting, required=True)
    assert who is not None
    project = _open(ctx, db)
    try:
        report = service.accept_bulk(project, who, min_score, split_values(docs) or None, recommender)
    finally:
        project.close()
    click.echo(f"accepted {report.accepted:,} suggestion(s) as {who}'s spans in {report.documents:,} document(s)"
               + (f"; {report.skipped:,} left out (a span of that label is there)" if report.skipped else ""))
