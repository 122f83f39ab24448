"""``annotator adjudicate``: the headless part of adjudication (bulk accept, listing)."""

from __future__ import annotations

import click

from annotator.cli.main import db_option, resolve_db
from annotator.cli.options import Command, annotators_option, as_option, docs_option, split_values
from annotator.core.adjudication import Disagreement, Threshold
from annotator.services import adjudication as adj
from annotator.services import identity
from annotator.services.lookup import require_annotator, require_annotators, require_documents
from annotator.services.project import Project


def _snippet(text: str, start: int, end: int, limit: int = 40) -> str:
    s = text[start:end].replace("\n", " ")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _describe(d: Disagreement, text: str) -> list[str]:
    kinds = ",".join(sorted(k.value for k in d.kinds))
    lines = [f"[{d.start}, {d.end}) {kinds}" + (f" ({', '.join(d.attributes)})" if d.attributes else "")]
    names = list(d.spans or d.relations or d.links)
    for name in names:
        parts = [f"{sp.label} [{sp.start}, {sp.end}) «{_snippet(text, sp.start, sp.end)}»"
                 + (f" {sp.attrs}" if sp.attrs else "") for sp in d.spans.get(name, ())]
        parts += [f"{r.type} {r.head}->{r.tail}" for r in d.relations.get(name, ())]
        parts += [f"{lk.type} {lk.source}->{lk.target}" for lk in d.links.get(name, ())]
        lines.append(f"    {name}: " + ("; ".join(parts) if parts else "—"))
    return lines


@click.command("adjudicate", cls=Command, renamed={"--doc": "--docs"})
@docs_option("The documents to adjudicate")
@as_option("The adjudicator (or manager) deciding (default: $ANNOTATOR_USER, else the remembered name).")
@click.option("--accept-agreed", is_flag=True, help="Accept into gold everything enough annotators agree on.")
@click.option("--threshold", type=click.Choice([t.value for t in Threshold]), default="unanimous", show_default=True,
              help="unanimous: every annotator; majority: more than half of them.")
@annotators_option("Whose work to compare (default: everyone with work on the document)")
@click.option("--list", "show", is_flag=True,
              help="List the disagreements, how many are decided and left, and each one's decision.")
@click.option("--gold-vs", "gold_vs", default=None, metavar="NAME", help="Show how gold differs from NAME's work.")
@db_option
@click.pass_context
def command(ctx: click.Context, docs: tuple[str, ...], acting: str | None, accept_agreed: bool, threshold: str,
            annotators: tuple[str, ...], show: bool, gold_vs: str | None, db: str | None) -> None:
    """Build gold from several annotators' work without the window.

    Each accept is one transaction, logged under the adjudicator; every gold span
    records who proposed it and who accepted it, when. Disagreements are left for
    the adjudication view (or --list them here).

    \b
    Example: annotator adjudicate --docs d1 d2 --accept-agreed --threshold majority --as carol
    """
    if not (accept_agreed or show or gold_vs):
        raise click.UsageError("say what to do: --accept-agreed, --list or --gold-vs NAME")
    doc_ids = split_values(docs)
    if not doc_ids:
        raise click.UsageError("name the documents with --docs ID...")
    project = Project.open(resolve_db(ctx, db), create=False)  # a missing project is said first
    try:
        adjudicator = identity.acting_name(acting)
        if adjudicator is None:
            raise click.UsageError("say who is deciding: --as NAME (or set ANNOTATOR_USER)")
        require_annotator(project, adjudicator, person=True)
        names = require_annotators(project, split_values(annotators)) or None
        if gold_vs:
            require_annotator(project, gold_vs)
        require_documents(project, doc_ids)
        for doc_id in doc_ids:
            if accept_agreed:
                state = adj.adjudication_state(project, doc_id, adjudicator, names)
                if len(state.annotators) < 2:
                    click.echo(f"{doc_id}: work from {len(state.annotators)} annotator(s) only: nothing to compare",
                               err=True)
                    continue
                cmd = adj.AcceptAgreed(doc_id, adjudicator, Threshold(threshold), diff=state.diff,
                                       annotators=state.annotators)
                cmd.do(project)
                s = cmd.summary
                click.echo(f"{doc_id}: accepted {s.spans_added} span(s) into gold ({threshold}, "
                           f"{len(state.annotators)} annotators: {', '.join(state.annotators)}); "
                           f"{s.spans_updated} gold span(s) got agreed attributes; "
                           f"{s.relations_added} relation(s), {s.links_added} link(s) added"
                           + (f"; {s.relations_skipped + s.links_skipped} skipped (an end not in gold)"
                              if s.relations_skipped + s.links_skipped else ""))
                after = adj.adjudication_state(project, doc_id, adjudicator, names)
                click.echo(f"{doc_id}: {after.progress().describe()}")
            if show:
                state = adj.adjudication_state(project, doc_id, adjudicator, names)
                text = state.document.text
                click.echo(f"{doc_id}: {state.progress().describe()} (between {', '.join(state.annotators)})")
                for i, d in enumerate(state.disagreements, start=1):
                    lines = _describe(d, text)
                    click.echo(f"  {i}. {lines[0]}  {state.decision(d).describe()}")
                    for line in lines[1:]:
                        click.echo(line)
            if gold_vs:
                cmp = adj.gold_vs_annotator(project, doc_id, gold_vs, adjudicator)
                text = project.document(doc_id).text
                counts = ", ".join(f"{k} {v}" for k, v in sorted(cmp.counts.items())) or "none"
                click.echo(f"{doc_id}: gold vs {gold_vs}: {cmp.agreed_spans} span(s) the same, "
                           f"{len(cmp.disagreements)} difference(s) ({counts})")
                for i, d in enumerate(cmp.disagreements, start=1):
                    lines = _describe(d, text)
                    click.echo(f"  {i}. {lines[0]}")
                    for line in lines[1:]:
                        click.echo(line)
    finally:
        project.close()
