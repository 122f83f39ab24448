"""The team commands as a user runs them: annotators, assign, adjudicate, agreement,
and import --annotator for documents already in the project."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.services import adjudication as adj
from annotator.services.project import Project
from annotator.services.spans import AddSpan
from tests.conftest import ARABIC


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), obj={})


def span_of(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


@pytest.fixture
def db(tmp_path: Path, db_path: Path) -> str:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "d1.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "in" / "d2.txt").write_text("أعلنت الهيئة أن الامتحانات ستبدأ في حزيران.\n", encoding="utf-8")
    assert run("import", str(tmp_path / "in"), "--db", str(db_path)).exit_code == 0
    return str(db_path)


def test_add_list_and_change_roles(db: str) -> None:
    assert run("annotators", "add", "alice", "--db", db).output == "added alice (annotator)\n"
    assert run("annotators", "add", "carol", "--role", "adjudicator", "--db", db).exit_code == 0
    dup = run("annotators", "add", "alice", "--db", db)
    assert dup.exit_code == 2 and "already" in dup.output
    assert run("annotators", "add", "gold", "--db", db).exit_code == 2
    assert run("annotators", "role", "alice", "manager", "--db", db).output == "alice: annotator -> manager\n"
    listed = json.loads(run("annotators", "list", "--json", "--db", db).output)
    assert [(a["name"], a["role"]) for a in listed] == [("alice", "manager"), ("carol", "adjudicator")]
    table = run("annotators", "list", "--db", db).output
    assert "carol" in table and "adjudicator" in table and "time spent" in table


def test_assign_to_several_and_show_queues(db: str) -> None:
    for name in ("alice", "bob"):
        run("annotators", "add", name, "--db", db)
    result = run("assign", "--docs", "d1", "d2", "--to", "alice,bob", "--db", db)
    assert result.exit_code == 0, result.output
    assert "assigned 2 document(s) to alice, bob: 4 new assignment(s)" in result.output
    assert run("assign", "--docs", "d1", "--to", "alice", "--db", db).output.endswith("1 already there\n")
    assert run("annotators", "queue", "alice", "--db", db).output == "d1\nd2\n"
    unknown = run("assign", "--docs", "d1", "--to", "zed", "--db", db)
    assert unknown.exit_code == 2 and "annotators add zed" in unknown.output
    missing = run("assign", "--docs", "nope", "--to", "alice", "--db", db)
    assert missing.exit_code == 2 and "no document 'nope' (documents: d1, d2)" in missing.output
    status = json.loads(run("annotators", "status", "--json", "--db", db).output)
    assert {(r["document"], r["annotator"], r["status"]) for r in status} == {
        ("d1", "alice", "new"), ("d1", "bob", "new"), ("d2", "alice", "new"), ("d2", "bob", "new")}
    assert run("assign", "--docs", "d2", "--to", "bob", "--remove", "--db", db).output == "removed 1 assignment(s)\n"


def _two_annotators(db: str) -> None:
    run("annotators", "add", "alice", "--db", db)
    run("annotators", "add", "bob", "--db", db)
    run("annotators", "add", "carol", "--role", "adjudicator", "--db", db)
    project = Project.open(db)
    try:
        actor = span_of(ARABIC, "وزير النقل سامر الخطيب")
        date = span_of(ARABIC, "يوم الخميس")
        claim = span_of(ARABIC, "أن معبر الوادي سيُفتح في ١٥ آذار/مارس 2027")
        for who in ("alice", "bob"):
            AddSpan("d1", who, *actor, "ACTOR").do(project)
            AddSpan("d1", who, *claim, "CLAIM").do(project)
        AddSpan("d1", "alice", *date, "DATE").do(project)
        AddSpan("d1", "bob", date[0] + 4, date[1], "DATE").do(project)
    finally:
        project.close()


def test_adjudicate_accept_agreed_from_the_command_line(db: str) -> None:
    _two_annotators(db)
    refused = run("adjudicate", "--docs", "d1", "--accept-agreed", "--as", "alice", "--db", db)
    assert refused.exit_code == 2 and "only adjudicators" in refused.output
    result = run(
        "adjudicate", "--docs", "d1", "--accept-agreed", "--threshold", "majority", "--as", "carol", "--db", db
    )
    assert result.exit_code == 0, result.output
    assert "d1: accepted 2 span(s) into gold (majority, 2 annotators: alice, bob)" in result.output
    assert "d1: 1 disagreement · 0 decided · 1 left" in result.output
    listed = run("adjudicate", "--docs", "d1", "--list", "--as", "carol", "--db", db).output
    assert "boundary" in listed and "alice: DATE" in listed and "يوم الخميس" in listed
    assert "d1: 1 disagreement · 0 decided · 1 left (between alice, bob)" in listed and "undecided" in listed
    project = Project.open(db)
    try:
        provs = [p for _s, p in adj.gold_spans(project, "d1", "carol")]
    finally:
        project.close()
    assert {p["by"] for p in provs} == {"carol"} and {p["method"] for p in provs} == {"agreed"}
    diff = run("adjudicate", "--docs", "d1", "--gold-vs", "alice", "--as", "carol", "--db", db).output
    assert "gold vs alice: 2 span(s) the same, 1 difference(s) (missing 1)" in diff
    assert run("adjudicate", "--docs", "d1", "--as", "carol", "--db", db).exit_code == 2  # nothing asked


def test_adjudicate_list_counts_decisions_as_the_window_does(db: str) -> None:
    _two_annotators(db)
    project = Project.open(db)
    try:
        state = adj.adjudication_state(project, "d1", "carol")
        adj.AcceptVersion("d1", "carol", state.disagreements[0], "bob", diff=state.diff).do(project)
    finally:
        project.close()
    listed = run("adjudicate", "--docs", "d1", "--list", "--as", "carol", "--db", db).output
    assert "d1: 1 disagreement · 1 decided · 0 left" in listed
    assert "1. [" in listed and listed.splitlines()[1].endswith("✓ accepted bob")


def test_agreement_formats(db: str) -> None:
    _two_annotators(db)
    data = json.loads(run("agreement", "--format", "json", "--db", db).output)
    assert data["annotators"] == ["alice", "bob"] and data["labels"] == ["CLAIM", "ACTOR", "DATE"]
    [pair] = data["pairs"]
    assert (pair["a"], pair["b"]) == ("alice", "bob")
    assert set(pair["labels"]) == {"CLAIM", "ACTOR", "DATE", "ALL"}
    for figures in pair["labels"].values():
        assert {"exact_f1", "overlap_f1", "kappa", "counts"} <= set(figures)
    assert pair["labels"]["DATE"]["exact_f1"] == 0.0 and pair["labels"]["DATE"]["overlap_f1"] == 1.0
    assert pair["labels"]["ACTOR"]["kappa"] == 1.0
    assert set(data["all"]["alpha"]) == {"CLAIM", "ACTOR", "DATE", "ALL"}
    assert "innermost" in data["notes"]

    rows = list(csv.DictReader(io.StringIO(run("agreement", "--format", "csv", "--db", db).output)))
    assert {(r["scope"], r["label"]) for r in rows} >= {("pair", "ALL"), ("all", "ALL")}

    table = run("agreement", "--db", db).output
    assert "Krippendorff's alpha" in table and "█" in table and "alice and bob" in table
    assert "innermost" in table
    only = run("agreement", "--annotators", "alice", "--db", db)
    assert only.exit_code == 2 and "at least two" in only.output
    assert run("agreement", "--docs", "nope", "--db", db).exit_code == 2


def test_import_annotations_made_elsewhere_into_an_existing_document(db: str, tmp_path: Path) -> None:
    """Through the service the import command will call (see annotations_import)."""
    from annotator.services.imports.annotations import import_annotation_files

    actor = span_of(ARABIC, "سامر الخطيب")
    file = tmp_path / "elsewhere.jsonl"
    file.write_text(json.dumps({"id": "someone-else-1", "text": ARABIC, "spans": [
        {"start": actor[0], "end": actor[1], "label": "ACTOR"}]}, ensure_ascii=False) + "\n", encoding="utf-8")
    project = Project.open(db)
    try:
        report = import_annotation_files(project, [file], "dina")
        assert report.attached == ["d1"]
        assert [(s.start, s.end) for s in project.spans("d1", "dina")] == [actor]
    finally:
        project.close()
