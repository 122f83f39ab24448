"""A project as a team leaves it: the sample articles imported, two annotators' work on
one of them, and the gold an adjudicator built from what they agree on."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.adjudication import Threshold
from annotator.resources import samples_dir
from annotator.services import adjudication as adj
from annotator.services.project import Project
from annotator.services.relations import AddRelation
from annotator.services.spans import AddSpan

DOC = "01-alrased"
CLAIM = "المعبر سيستقبل أولى الشاحنات"
ACTOR = "وزير الداخلية السبرداني كمال السعدوني"
ALICE_ONLY = "طاقة المعبر ستبلغ 400 شاحنة يوميًا"  # a claim only alice tagged


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), obj={})


def _tag(project: Project, who: str, needle: str, label: str) -> str:
    text = project.document(DOC).text
    i = text.index(needle)
    cmd = AddSpan(DOC, who, i, i + len(needle), label)
    cmd.do(project)
    return cmd.span_id


def make_team_project(db: Path) -> str:
    """Samples imported; alice and bob tag a claim and its source (alice one claim more);
    carol accepts what they agree on into gold. Returns the --db value."""
    assert run("import", str(samples_dir()), "--db", str(db)).exit_code == 0
    for name, role in (("alice", "annotator"), ("bob", "annotator"), ("carol", "adjudicator")):
        assert run("annotators", "add", name, "--role", role, "--db", str(db)).exit_code == 0
    project = Project.open(db)
    try:
        for who in ("alice", "bob"):
            claim = _tag(project, who, CLAIM, "CLAIM")
            actor = _tag(project, who, ACTOR, "ACTOR")
            AddRelation(DOC, who, "SOURCE", claim, actor).do(project)
        _tag(project, "alice", ALICE_ONLY, "CLAIM")
        state = adj.adjudication_state(project, DOC, "carol")
        accept = adj.AcceptAgreed(DOC, "carol", Threshold.UNANIMOUS, diff=state.diff, annotators=state.annotators)
        accept.do(project)
        assert (accept.summary.spans_added, accept.summary.relations_added) == (2, 1)
    finally:
        project.close()
    return str(db)
