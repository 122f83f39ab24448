"""``annotator search QUERY``: every hit of a query across the corpus, as a concordance.

Exit status: 0 when something matched, 1 when nothing did (``no match``), 2 on errors.
"""

from __future__ import annotations

import json
from typing import Any

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, as_option, docs_option, split_values
from annotator.core.search import MODES, DocumentHits, SearchFilter, SearchHit, SearchOptions, SearchResult
from annotator.core.values import SetStatus
from annotator.services import identity
from annotator.services.project import Project

FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    """Document text as a bidi isolate: its direction is its own, and it cannot reorder the
    offsets and labels around it on a terminal that runs the bidi algorithm."""
    return f"{FSI}{text}{PDI}" if text else text


def options_of(mode: str | None, clitics: bool, exact: bool, no_marks: bool, no_alef: bool, no_ya_ta: bool,
               no_digits: bool, case: bool) -> SearchOptions:
    if clitics and mode == "regex":
        raise click.UsageError("--clitics is for words: it cannot go with --mode regex")
    chosen = mode or ("word" if clitics else "text")
    if clitics and chosen == "text":
        raise click.UsageError("--clitics matches whole words: use it with --mode word (or alone)")
    if exact:
        return SearchOptions.exact(chosen)  # type: ignore[arg-type]
    return SearchOptions(mode=chosen, marks=not no_marks, alef=not no_alef, ya_ta=not no_ya_ta,  # type: ignore[arg-type]
                         digits=not no_digits, case=not case, clitics=clitics)


def _meta_pairs(items: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    out = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.UsageError(f"--meta {item!r}: write KEY=VALUE")
        out.append((key, value))
    return tuple(out)


def kwic(hit: SearchHit) -> str:
    """One keyword-in-context line: ``offset  left «match» right``, the text isolated."""
    c = hit.context
    left = ("…" if c.left_cut else "") + c.left
    right = c.right + ("…" if c.right_cut else "")
    line = f"{left}«{c.match}»{right}"
    return f"{hit.start:>8}  {isolate(line)}"


def _json(result: SearchResult, filters: SearchFilter) -> dict[str, Any]:
    o = result.options
    return {
        "query": result.query,
        "options": {"mode": o.mode, "marks": o.marks, "alef": o.alef, "ya_ta": o.ya_ta, "digits": o.digits,
                    "case": o.case, "clitics": o.clitics},
        "filters": {k: v for k, v in {
            "documents": list(filters.documents), "label": filters.inside_label,
            "outside_spans": filters.outside_spans or None, "annotator": filters.annotator,
            "status": filters.status, "outlet": filters.outlet, "published_from": filters.published_from,
            "published_to": filters.published_to, "meta": dict(filters.meta)}.items() if v},
        "documents": [_doc_json(d) for d in result.documents],
        "document_count": len(result.documents),
        "hit_count": result.hit_count,
        "complete": result.complete,
    }


def _doc_json(d: DocumentHits) -> dict[str, Any]:
    return {"id": d.document_id, "title": d.title, "count": d.count,
            "hits": [{"start": h.start, "end": h.end, "text": h.context.match, "left": h.context.left,
                      "right": h.context.right} for h in d.hits]}


@click.command("search", cls=Command)
@click.argument("query")
@docs_option("Only in these documents")
@click.option("--label", "label", default=None, metavar="LABEL", help="Only hits inside a span of this label.")
@click.option("--outside", is_flag=True, help="Only hits outside every span.")
@click.option("--annotator", default=None, metavar="NAME|gold",
              help="Whose spans and status --label, --outside and --status look at (default: --as).")
@click.option("--status", type=click.Choice([s.value for s in SetStatus]), default=None,
              help="Only documents of this status (in that annotator's work).")
@click.option("--outlet", default=None, metavar="NAME", help="Only documents whose meta outlet is NAME.")
@click.option("--published-from", "published_from", default=None, metavar="DATE",
              help="Only documents published on or after DATE (meta published, YYYY-MM-DD).")
@click.option("--published-to", "published_to", default=None, metavar="DATE",
              help="Only documents published on or before DATE.")
@click.option("--meta", "meta", multiple=True, metavar="KEY=VALUE", help="Only documents whose meta KEY is VALUE "
              "(repeat for several).")
@click.option("--mode", type=click.Choice(MODES), default=None,
              help="text: anywhere (default); word: whole words; regex: a regular expression.")
@click.option("--clitics", is_flag=True, help="Whole words, also after و ف ب ك ل and ال (implies --mode word).")
@click.option("--exact", is_flag=True, help="Character for character: no fold at all.")
@click.option("--no-marks", "no_marks", is_flag=True, help="Harakat and tatweel count.")
@click.option("--no-alef", "no_alef", is_flag=True, help="أ إ آ ٱ do not match ا.")
@click.option("--no-ya-ta", "no_ya_ta", is_flag=True, help="ى does not match ي, nor ة ه.")
@click.option("--no-digits", "no_digits", is_flag=True, help="Arabic-Indic and Western digits differ.")
@click.option("--case", is_flag=True, help="Case-sensitive.")
@click.option("--limit", "limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="At most this many documents.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@as_option("Who is searching (their spans by default; the blind-work rule holds).")
@db_option
@click.pass_context
def command(ctx: click.Context, query: str, docs: tuple[str, ...], label: str | None, outside: bool,
            annotator: str | None, status: str | None, outlet: str | None, published_from: str | None,
            published_to: str | None, meta: tuple[str, ...], mode: str | None, clitics: bool, exact: bool,
            no_marks: bool, no_alef: bool, no_ya_ta: bool, no_digits: bool, case: bool, limit: int, fmt: str,
            acting: str | None, db: str | None) -> None:
    """Find QUERY in every document: harakat, tatweel, alef forms, ى/ي, ة/ه, digits and
    case are ignored unless told otherwise.

    \b
    Example: annotator search "الاتفاق" --clitics --label CLAIM --as maria
    """
    options = options_of(mode, clitics, exact, no_marks, no_alef, no_ya_ta, no_digits, case)
    filters = SearchFilter(documents=tuple(split_values(docs)), inside_label=label, outside_spans=outside,
                           annotator=annotator, status=status, outlet=outlet, published_from=published_from,
                           published_to=published_to, meta=_meta_pairs(meta))
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        viewer = identity.acting_member(project, acting)
        result = project.search(query, options, filters, viewer=viewer, limit_documents=limit)
    finally:
        project.close()
    if fmt == "json":
        click.echo(json.dumps(_json(result, filters), ensure_ascii=False, indent=2))
    else:
        for d in result.documents:
            click.echo(f"{d.document_id}  {isolate(d.title)}  ({d.count} hit{'s' if d.count != 1 else ''})")
            for hit in d.hits:
                click.echo(kwic(hit))
        if result.documents:
            more = "" if result.complete else f"; more documents may match (--limit {limit} reached)"
            click.echo(f"{result.hit_count} hit(s) in {len(result.documents)} document(s){more}")
        else:
            click.echo("no match")
    ctx.exit(0 if result.documents else 1)
