"""``annotator suggest apply|list|accept|train|evaluate|log``: suggestions that learn."""

from __future__ import annotations

import json

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Group, ManyOption, as_option, docs_option, split_values
from annotator.core.errors import AnnotatorError
from annotator.services import identity
from annotator.services import suggestions as service
from annotator.services.project import Project


def _open(ctx: click.Context, db: str | None) -> Project:
    return Project.open(resolve_db(ctx, db), create=False)


def _who(acting: str | None, *, required: bool) -> str | None:
    who = identity.acting_name(acting)  # --as, else $ANNOTATOR_USER, else the remembered name
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
    chosen = split_values(recommenders) or list(service.DEFAULT_RECOMMENDERS)
    project = _open(ctx, db)
    try:
        who = _who(acting, required=True)
        assert who is not None
        doc_ids = service.document_ids(project, split_values(docs) or None)
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
    project = _open(ctx, db)
    try:
        who = _who(acting, required=True)
        assert who is not None
        report = service.accept_bulk(project, who, min_score, split_values(docs) or None, recommender)
    finally:
        project.close()
    click.echo(f"accepted {report.accepted:,} suggestion(s) as {who}'s spans in {report.documents:,} document(s)"
               + (f"; {report.skipped:,} left out (a span of that label is there)" if report.skipped else ""))


@command.command("log")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@as_option("Who asks (an annotator working blind is refused: the log counts everyone's decisions).")
@db_option
@click.pass_context
def log(ctx: click.Context, fmt: str, acting: str | None, db: str | None) -> None:
    """The acceptance log: accepted, edited then accepted and rejected suggestions per
    recommender and label, and the time per document (done) with and without suggestions."""
    project = _open(ctx, db)
    try:
        identity.actor(project, acting).may_see_others("the acceptance log's figures")
        result = service.acceptance_log(project)
    finally:
        project.close()
    times = {"with_suggestions": result.with_suggestions, "without_suggestions": result.without_suggestions}
    if fmt == "json":
        click.echo(json.dumps({
            "decisions": [{"recommender": r.recommender, "label": r.label, "accepted": r.accepted,
                           "edited": r.edited, "rejected": r.rejected,
                           "acceptance": None if r.acceptance is None else round(r.acceptance, 4)}
                          for r in result.rows],
            "time_per_document": {k: {"documents": t.documents, "mean_seconds": t.mean_seconds,
                                      "median_seconds": t.median_seconds} for k, t in times.items()}},
            ensure_ascii=False, indent=1))
        return
    if not result.rows:
        click.echo("no decision about a suggestion yet")
    else:
        click.echo(f"{'recommender':<16} {'label':<10} {'accepted':>8} {'edited':>7} {'rejected':>8} {'taken':>6}")
        for r in result.rows:
            taken = "-" if r.acceptance is None else f"{r.acceptance:.0%}"
            click.echo(f"{r.recommender:<16} {r.label:<10} {r.accepted:>8} {r.edited:>7} {r.rejected:>8} {taken:>6}")
    for name, t in times.items():
        what = name.replace("_", " ")
        if t.documents == 0:
            click.echo(f"time per document {what}: no document done yet")
        else:
            click.echo(f"time per document {what}: {t.documents} document(s), mean {t.mean_seconds:.0f} s, "
                       f"median {t.median_seconds:.0f} s")


@command.command("train")
@click.option("--for", "for_annotator", default=None, metavar="NAME",
              help="A model for this annotator alone: their done work and the gold of documents they have done.")
@as_option("Who trains it (an annotator trains their own model).")
@db_option
@click.pass_context
def train(ctx: click.Context, for_annotator: str | None, acting: str | None, db: str | None) -> None:
    """Train the project's span model on gold and documents marked done, and store it as the
    next version with the data it saw. The window runs this in the background."""
    project = _open(ctx, db)
    try:
        report = service.train(project, _who(acting, required=False), for_annotator=for_annotator)
    finally:
        project.close()
    whom = f" for {report.audience}" if report.audience else ""
    click.echo(f"trained model version {report.version}{whom} on {report.documents:,} document(s) "
               f"({report.spans:,} spans) in {report.seconds:.1f} s")


def _f(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


@command.command("evaluate")
@click.option("--folds", type=int, default=5, show_default=True, help="Cross-validation folds (the project model).")
@click.option("--seed", type=int, default=0, show_default=True, help="The shuffle of documents into folds.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@as_option("Who asks (an annotator working blind is refused: the scores are made against gold).")
@db_option
@click.pass_context
def evaluate(ctx: click.Context, folds: int, seed: int, fmt: str, acting: str | None, db: str | None) -> None:
    """Precision, recall and F1 of each recommender against gold, per label, exact and
    overlapping (the agreement code's definitions), on documents it did not learn from
    (document-grouped cross-validation for the project model), and its learning curve."""
    project = _open(ctx, db)
    try:
        identity.actor(project, acting).may_see_others("scores against gold")
        result = service.evaluate(project, folds=folds, seed=seed)
    finally:
        project.close()
    if fmt == "json":
        click.echo(json.dumps({
            "documents": result.documents, "reference": result.reference, "folds": folds, "seed": seed,
            "recommenders": {r: {lab: sc.to_json() for lab, sc in by.items()} for r, by in result.scores.items()},
            "learning_curve": [{"documents": n, "scores": {lab: sc.to_json() for lab, sc in by.items()}}
                               for n, by in result.curve],
            "notes": result.notes}, ensure_ascii=False, indent=1))
        return
    click.echo(f"against {result.reference} of {result.documents} document(s)")
    click.echo(f"{'recommender':<12} {'label':<8} {'gold':>5} {'sugg.':>6}   {'P':>5} {'R':>5} {'F1':>5}   "
               f"{'P~':>5} {'R~':>5} {'F1~':>5}")
    for r, by in result.scores.items():
        for lab, sc in by.items():
            click.echo(f"{r:<12} {lab:<8} {sc.gold:>5} {sc.predicted:>6}   {_f(sc.exact_precision):>5} "
                       f"{_f(sc.exact_recall):>5} {_f(sc.exact_f1):>5}   {_f(sc.overlap_precision):>5} "
                       f"{_f(sc.overlap_recall):>5} {_f(sc.overlap_f1):>5}")
    click.echo("(P R F1: exact spans; P~ R~ F1~: overlapping spans of the same label)")
    if result.curve:
        click.echo("learning curve of the project model (exact F1, all labels): " + ", ".join(
            f"{n} docs {_f(by['ALL'].exact_f1)}" for n, by in result.curve))
    for note in result.notes:
        click.echo(f"note: {note}")
