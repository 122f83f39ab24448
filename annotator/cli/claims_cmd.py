"""``annotator claims``: the claim table (who claimed what, when, about whom, linked where)."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, as_option, docs_option, split_values
from annotator.core.values import ClaimRow, SpanRef
from annotator.services import identity
from annotator.services.claims import GOLD, claim_table, default_source
from annotator.services.lookup import require_annotator, require_documents
from annotator.services.project import Project

COLUMNS = ("document", "claim", "factuality", "check_worthy", "source", "time", "target", "linked")


def _actor(r: SpanRef) -> str:
    return r.text + (f" [{r.entity_name or r.entity_id}]" if r.entity_id else "")


def _time(r: SpanRef) -> str:
    if not r.value:
        return r.text
    mod = f" {r.mod}" if r.mod else ""
    return f"{r.text} = {r.value}{mod}" + (" (proposed)" if r.proposed else "")


def flat(row: ClaimRow) -> dict[str, str]:
    """One claim as text columns (CSV and table)."""
    return {
        "document": row.document_id,
        "claim": row.text,
        "factuality": row.factuality or "",
        "check_worthy": "" if row.check_worthy is None else ("yes" if row.check_worthy else "no"),
        "source": " | ".join(_actor(r) for r in row.sources),
        "time": " | ".join(_time(r) for r in row.times),
        "target": " | ".join(_actor(r) for r in row.targets),
        "linked": " | ".join(f"{c.link_type}{' <-' if c.incoming else ''} {c.document_id}: {c.text}"
                             for c in row.linked),
    }


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command("claims", cls=Command)
@click.option("--source", default=None, metavar="gold|NAME",
              help="Whose claims: the adjudicated gold or one annotator's (default: gold if there is any, "
                   "else the only annotator who has spans).")
@click.option("--annotator", default=None, metavar="NAME", help="Same as --source NAME.")
@docs_option()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--check-worthy", is_flag=True, help="Only claims marked check-worthy.")
@click.option("--linked", is_flag=True, help="Only claims linked to claims in other documents.")
@as_option("Who asks (an annotator working blind sees only their own claims).")
@db_option
@click.pass_context
def command(ctx: click.Context, source: str | None, annotator: str | None, docs: tuple[str, ...], fmt: str,
            check_worthy: bool, linked: bool, acting: str | None, db: str | None) -> None:
    """Each claim with its source, time (normalised), target, document and linked claims.

    \b
    Example: annotator claims --source gold --docs d1 d2 --format csv
    """
    if annotator is not None and source is not None and annotator != source:
        raise click.UsageError("give --source or --annotator, not both")
    who = source if source is not None else annotator
    project = Project.open(resolve_db(ctx, db), create=False)
    try:
        me = identity.actor(project, acting)
        if me.is_blind and me.name is not None:
            who = me.name if who is None else who
            me.may_see(who)
        if who is not None:
            require_annotator(project, who, also=[GOLD])
        doc_ids = require_documents(project, split_values(docs)) or None
        who = who if who is not None else default_source(project)
        rows = claim_table(project, who, doc_ids) if who is not None else []
    finally:
        project.close()
    if check_worthy:
        rows = [r for r in rows if r.check_worthy]
    if linked:
        rows = [r for r in rows if r.linked]
    if fmt == "json":
        click.echo(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        out = csv.DictWriter(sys.stdout, fieldnames=["span_id", "start", "end", *COLUMNS], lineterminator="\n")
        out.writeheader()
        for r in rows:
            out.writerow({"span_id": r.span_id, "start": r.start, "end": r.end, **flat(r)})
    else:
        if not rows:
            click.echo(f"no claims of {who}" if who is not None else "no claims: nobody has annotated anything yet")
            return
        widths = {"document": 14, "claim": 44, "factuality": 10, "check_worthy": 5, "source": 24, "time": 28,
                  "target": 20, "linked": 40}
        click.echo("  ".join(c.ljust(widths[c]) for c in COLUMNS).rstrip())
        for r in rows:
            cells = flat(r)
            click.echo("  ".join(_short(cells[c], widths[c]).ljust(widths[c]) for c in COLUMNS).rstrip())
        click.echo(f"{len(rows)} claim(s) of {who}")
