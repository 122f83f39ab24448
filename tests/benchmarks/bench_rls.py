"""Benchmark: the price of row-level security. Prints figures; asserts nothing.

    ANNOTATOR_TEST_POSTGRES_URL=postgresql+psycopg://postgres@/db?host=… \\
        .venv/bin/python tests/benchmarks/bench_rls.py [--docs 100] [--chars 20000] [--spans 400] [--repeat 3]

Stores --docs documents (synthetic Arabic-like text, as bench_agreement.py) with three annotators'
spans (alice, bob, dana: a base annotation copied with noise) and gold (a copy of dana's), in a
schema of its own on the server, provisions the team server (alice and bob annotators, carol
adjudicator, maya manager; gold readable by annotators, ``--gold always``, so an annotator has
something to compare with), then times, through the owner's connection and through each
member's own RLS-restricted connection:

- agreement: ``services.agreement.compute_agreement`` over every document (in one process):
  everyone for the owner and carol; alice against the gold for alice;
- adjudication: ``services.adjudication.adjudication_state`` of one document (what the
  adjudication view opens with) for the owner's and carol's connections, and
  ``services.team.visible_annotations`` (what alice's window reads of it) for alice's;
- tagging: 20 spans added and undone by alice, each its own transaction (the policies' check
  of the set and the change log's trigger).

Target (issue 16): each member's figure within 1.3x of the owner's.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from annotator.core.values import Role  # noqa: E402
from annotator.services import team, team_server  # noqa: E402
from annotator.services.adjudication import adjudication_state  # noqa: E402
from annotator.services.agreement import compute_agreement  # noqa: E402
from annotator.services.project import Project  # noqa: E402
from tests.benchmarks.bench_agreement import annotator_spans, base_spans, synthetic_text  # noqa: E402
from tests.conftest import own_schema  # noqa: E402

ANNOTATORS = ["alice", "bob", "dana"]
LOGINS = {"alice": Role.ANNOTATOR, "bob": Role.ANNOTATOR, "carol": Role.ADJUDICATOR, "maya": Role.MANAGER}


def paired(owner: Callable[[], object], member: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The fastest of *repeat* runs of each, taken in turns (the machine is shared: a slow moment
    then costs both sides alike, and the minimum is the figure least moved by other work)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for fn, out in ((owner, times[0]), (member, times[1])):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    return min(times[0]), min(times[1])


def build(owner: str, args: argparse.Namespace) -> dict[str, str]:
    """Store the project and provision it; returns each member's URL (with their new password)."""
    from annotator.core.text import text_sha256
    from annotator.core.token_index import word_token_bounds
    from annotator.core.values import Document
    from annotator.storage import annotation_sets as set_store
    from annotator.storage import documents as document_store
    from annotator.storage import spans as span_store
    from annotator.storage.kinds import GOLD_OWNER
    from annotator.storage.team import gold_owner_id

    engine = sa.create_engine(owner)
    with engine.begin() as conn:
        for login in LOGINS:
            conn.execute(sa.text(f'DROP ROLE IF EXISTS "{login}"'))
    engine.dispose()
    text = synthetic_text(args.chars)
    tstarts, tends = word_token_bounds(text)
    project = Project.open(owner)
    t0 = time.perf_counter()
    try:
        for name, role in {**dict.fromkeys(ANNOTATORS, Role.ANNOTATOR), **LOGINS}.items():
            team.add_annotator(project, name, role)
        for d in range(args.docs):
            doc_text = text[:-1] + str(d % 10) + " " * (d // 10)
            doc_id = f"doc{d}"
            rnd = random.Random(d)
            base = base_spans(tstarts, tends, args.spans, rnd)
            with project.database.unit_of_work() as s:
                document_store.add_document(s, Document(doc_id, doc_id, doc_text, text_sha256(doc_text), "rtl"))
                s.flush()
                gold_owner_id(s)
                for n in ANNOTATORS:
                    row = set_store.get_or_create_set(s, doc_id, n)
                    spans = annotator_spans(base, tstarts, tends, rnd, n)
                    span_store.bulk_insert_spans(s, row.id, spans)
                    if n == ANNOTATORS[-1]:
                        gold = set_store.get_or_create_set(s, doc_id, GOLD_OWNER, kind="gold")
                        unique = {(sp.start, sp.end, sp.label): sp for sp in spans}  # gold holds each once
                        span_store.bulk_insert_spans(s, gold.id, list(unique.values()))
                        # gold's spans repeat their set's kind, as the gold commands write them
                        s.execute(sa.text("UPDATE spans SET kind = 'gold' WHERE set_id = :g"), {"g": gold.id})
        report = team_server.provision(project, gold="always")
    finally:
        project.close()
    print(f"stored {args.docs} documents of {args.chars:,} characters, {len(ANNOTATORS)} annotators x "
          f"~{args.spans} spans and gold, provisioned, in {time.perf_counter() - t0:.1f} s")
    return {c.login: sa.make_url(owner).set(username=c.login, password=c.password)
            .render_as_string(hide_password=False) for c in report.members if c.password}


def tag_and_undo(project: Project) -> None:
    """What a tag costs through the policies (WITH CHECK of the set) and the change log's trigger:
    20 spans added by alice, then taken back, each its own transaction as in the window."""
    from annotator.core.token_index import word_token_bounds
    from annotator.services.spans import AddSpan

    starts, ends = word_token_bounds(project.document("doc1").text)
    for k in range(20):
        step = AddSpan("doc1", "alice", int(starts[k]), int(ends[k]), "ACTOR")
        step.do(project)
        step.undo(project)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--spans", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    url = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
    if not url:
        sys.exit("set ANNOTATOR_TEST_POSTGRES_URL to a PostgreSQL database the benchmark may write to")
    owner = own_schema(url, "bench_rls")
    members = build(owner, args)
    print(f"load average {os.getloadavg()[0]:.2f}")
    projects = {who: Project.open(u, create=False) for who, u in {"owner": owner, **members}.items()}
    try:
        doc = "doc0"
        rows = [
            ("agreement, everyone (carol)", "owner", "carol",
             lambda p: compute_agreement(p, annotators=ANNOTATORS, workers=1)),
            ("agreement, everyone (maya)", "owner", "maya",
             lambda p: compute_agreement(p, annotators=ANNOTATORS, workers=1)),
            ("agreement, alice vs gold (alice)", "owner", "alice",
             lambda p: compute_agreement(p, annotators=["alice", "gold"], workers=1)),
            ("adjudication state of one document (carol)", "owner", "carol",
             lambda p: adjudication_state(p, doc, "carol")),
            ("alice's sets of one document (alice)", "owner", "alice",
             lambda p: team.visible_annotations(p, doc, "alice")),
            ("20 tags and their undo (alice)", "owner", "alice", tag_and_undo),
        ]
        for title, base, member, fn in rows:
            fn(projects[base])  # warm: the first query of a connection plans and caches
            fn(projects[member])
            t_owner, t_member = paired(lambda fn=fn, base=base: fn(projects[base]),
                                       lambda fn=fn, member=member: fn(projects[member]), args.repeat)
            print(f"{title:45s} owner {t_owner * 1000:8.1f} ms   member {t_member * 1000:8.1f} ms   "
                  f"ratio {t_member / t_owner:.2f}  (target ≤ 1.30)")
    finally:
        for p in projects.values():
            p.close()


if __name__ == "__main__":
    main()
