"""Whose annotations an export and the claim table take by default (gold when there is
gold), and where an export goes (missing folders made; nothing to export said once)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.cli.team_project import ACTOR, ALICE_ONLY, CLAIM, DOC, run

NOTHING_IN_PROJECT = "nothing to export: the project has no documents (import some with: annotator import PATH)"




def spans_of(path: Path) -> dict[str, list[str]]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {r["id"]: sorted(s["text"] for s in r["spans"]) for r in records}


# -- item 19: gold by default --------------------------------------------------------------

def test_a_single_file_export_takes_gold_when_there_is_gold(team: str, tmp_path: Path) -> None:
    out = tmp_path / "gold.jsonl"
    result = run("export", "--format", "jsonl", "--out", str(out), "--db", team)
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote 4 document(s) and 2 span(s) of gold to {out}\n"
    assert spans_of(out)[DOC] == sorted([CLAIM, ACTOR])
    record = next(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
                  if json.loads(line)["id"] == DOC)
    assert [r["type"] for r in record["relations"]] == ["SOURCE"]
    # the same as the folder export, and as --source gold
    folder = tmp_path / "folder"
    assert run("export", "--out", str(folder), "--db", team).exit_code == 0
    assert spans_of(folder / "all.jsonl") == {DOC: spans_of(out)[DOC]}  # the folder: documents with gold only
    again = tmp_path / "again.jsonl"
    assert run("export", "--out", str(again), "--source", "gold", "--db", team).exit_code == 0
    assert spans_of(again) == spans_of(out)
    alice = tmp_path / "alice.jsonl"
    assert run("export", "--out", str(alice), "--source", "alice", "--db", team).exit_code == 0
    assert spans_of(alice)[DOC] == sorted([CLAIM, ACTOR, ALICE_ONLY])


def test_a_single_file_export_refuses_all(team: str, tmp_path: Path) -> None:
    result = run("export", "--out", str(tmp_path / "x.jsonl"), "--source", "all", "--db", team)
    assert result.exit_code == 2 and "write a folder" in result.output


def test_the_claim_table_takes_gold_when_there_is_gold(team: str) -> None:
    for args in ([], ["--source", "gold"]):
        table = run("claims", *args, "--db", team)
        assert table.exit_code == 0, table.output
        assert CLAIM in table.output and "وزير الداخلية السبرداني" in table.output
        assert ALICE_ONLY not in table.output
        assert table.output.endswith("1 claim(s) of gold\n")
    rows = json.loads(run("claims", "--source", "gold", "--format", "json", "--db", team).output)
    assert [(r["text"], [s["text"] for s in r["sources"]]) for r in rows] == [(CLAIM, [ACTOR])]
    alice = json.loads(run("claims", "--annotator", "alice", "--format", "json", "--db", team).output)
    assert sorted(r["text"] for r in alice) == sorted([CLAIM, ALICE_ONLY])
    assert run("claims", "--source", "bob", "--docs", "02-baridalsahil", "--db", team).output == "no claims of bob\n"


# -- item 20: where the export goes, and nothing to export ---------------------------------

def test_missing_folders_above_the_output_are_created(team: str, tmp_path: Path) -> None:
    out = tmp_path / "new" / "deeper" / "a.jsonl"
    result = run("export", "--out", str(out), "--db", team)
    assert result.exit_code == 0, result.output
    assert spans_of(out)[DOC] == sorted([CLAIM, ACTOR])
    folder = tmp_path / "other" / "conll"
    result = run("export", "--format", "conll", "--out", str(folder), "--db", team)
    assert result.exit_code == 0, result.output
    assert (folder / "all.conll").is_file() and (folder / "manifest.json").is_file()


def test_an_output_below_a_file_is_refused(team: str, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    for out, fmt in ((tmp_path / "a-file" / "x" / "a.jsonl", "jsonl"), (tmp_path / "a-file" / "conll", "conll")):
        result = run("export", "--format", fmt, "--out", str(out), "--source", "alice", "--db", team)
        assert result.exit_code == 2 and result.output == f"error: {tmp_path / 'a-file'} is not a folder\n"
    assert sorted(os.listdir(tmp_path)) == ["a-file", "team.sqlite"]


@pytest.mark.parametrize("args", [
    ["--out", "new/a.jsonl"],
    ["--out", "new/a.jsonl", "--source", "zed"],
    ["--out", "new/folder"],
    ["--out", "new/folder", "--format", "conll"],
    ["--out", "new/folder", "--source", "zed"],
    ["--out", "new/folder", "--source", "all"],
])
def test_an_empty_project_has_nothing_to_export_file_or_folder(tmp_path: Path, monkeypatch, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    db = str(tmp_path / "empty.sqlite")
    from annotator.services import team
    from annotator.services.project import Project

    project = Project.open(db)  # a project with an annotator and no documents (only import makes one from the CLI)
    team.add_annotator(project, "zed")
    project.close()
    result = run("export", *args, "--db", db)
    assert result.exit_code == 2
    assert result.output == f"error: {NOTHING_IN_PROJECT}\n"
    assert sorted(os.listdir(tmp_path)) == ["empty.sqlite"]  # no file, no folder made on the way
