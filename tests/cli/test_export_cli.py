"""``annotator export`` to folders, and ``annotator import --format`` of other tools' files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.bio import token_spans
from annotator.resources import samples_dir
from annotator.services.project import Project
from annotator.services.spans import AddSpan


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), obj={})


@pytest.fixture
def annotated(db_path: Path) -> Path:
    assert run("import", str(samples_dir()), "--db", str(db_path)).exit_code == 0
    project = Project.open(db_path)
    for d in project.documents():
        text = project.document(d.id).text
        toks = token_spans(text)
        AddSpan(d.id, "alice", toks[0][0], toks[5][1], "CLAIM").do(project)
        AddSpan(d.id, "alice", toks[1][0], toks[2][1], "ACTOR").do(project)  # nested
        AddSpan(d.id, "alice", toks[8][0], toks[9][1], "DATE", attrs={"value": "2026-10"}).do(project)
    project.close()
    return db_path


def spans_by_document(db: Path, who: str) -> dict[str, list[tuple[str, str]]]:
    project = Project.open(db)
    try:
        out = {}
        for d in project.documents():
            text = project.document(d.id).text
            out[text] = sorted((text[s.start:s.end], s.label) for s in project.spans(d.id, who))
        return out
    finally:
        project.close()


def test_export_a_split_conll_set(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "conll"
    result = run("export", "--format", "conll", "--out", str(out), "--split", "train=0.5,dev=0.25,test=0.25",
                 "--seed", "4", "--scheme", "bioes", "--db", str(annotated))
    assert result.exit_code == 0, result.output
    assert "4 document(s) (train 2, dev 1, test 1)" in result.output
    assert "dropped 4 span(s) the format cannot hold (nested 4)" in result.output
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert m["command"] == [
        "annotator",
        "export",
        "--format",
        "conll",
        "--out",
        str(out),
        "--split",
        "train=0.5,dev=0.25,test=0.25",
        "--seed",
        "4",
        "--group-by",
        "document",
        "--scheme",
        "bioes",
        "--layer",
        "outermost",
    ]
    assert set(m["files"]) == {"train.conll", "dev.conll", "test.conll"}
    again = run("export", "--format", "conll", "--out", str(out), "--db", str(annotated))
    assert again.exit_code == 2 and "already exists" in again.output and "--force" in again.output


@pytest.mark.parametrize(("split", "message"), [("train=0.9", "add up to 0.9"), ("train", "NAME=RATIO")])
def test_a_bad_split_is_a_usage_error(annotated: Path, tmp_path: Path, split: str, message: str) -> None:
    result = run("export", "--format", "hf", "--out", str(tmp_path / "x"), "--split", split, "--db", str(annotated))
    assert result.exit_code == 2 and message in result.output and not (tmp_path / "x").exists()


def test_a_jsonl_folder_and_the_one_file_form(annotated: Path, tmp_path: Path) -> None:
    assert run("export", "--format", "jsonl", "--out", str(tmp_path / "set"), "--db", str(annotated)).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "set").iterdir()) == ["all.jsonl", "all.project.json", "manifest.json"]
    result = run("export", "--out", str(tmp_path / "one.jsonl"), "--annotator", "alice", "--db", str(annotated))
    assert result.exit_code == 0 and "4 document(s) and 12 span(s) of alice" in result.output
    assert (tmp_path / "set" / "all.jsonl").read_text(encoding="utf-8") == \
        (tmp_path / "one.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize(("fmt", "pattern", "nested"), [
    ("brat", "*.ann", True), ("doccano", "all.jsonl", True), ("labelstudio", "all.json", True),
    ("conll", "all.conll", False)])
def test_import_our_exports_with_format(annotated: Path, tmp_path: Path, fmt: str, pattern: str,
                                        nested: bool) -> None:
    out = tmp_path / fmt
    assert run("export", "--format", fmt, "--out", str(out), "--db", str(annotated)).exit_code == 0
    other = tmp_path / "other.sqlite"
    files = [str(p) for p in sorted(out.glob(pattern))]
    result = run("import", *files, "--format", fmt, "--annotator", "alice", "--db", str(other))
    assert result.exit_code == 0, result.output
    before, after = spans_by_document(annotated, "alice"), spans_by_document(other, "alice")
    if fmt != "conll":
        assert after == before  # same texts, same spans (nested ones included)
    else:  # CoNLL keeps tokens, not spacing, and one layer
        assert sum(len(v) for v in after.values()) == 8


def test_a_brat_folder_imports_once_with_format(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "brat"
    assert run("export", "--format", "brat", "--out", str(out), "--db", str(annotated)).exit_code == 0
    result = run("import", str(out), "--format", "brat", "--db", str(tmp_path / "b.sqlite"))
    assert result.exit_code == 0 and "imported 4 document(s) with 12 span(s)" in result.output
    assert "skipped" not in result.output


def test_spacy_missing_is_a_clear_message(annotated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "spacy", None)
    result = run("export", "--format", "spacy", "--out", str(tmp_path / "s"), "--db", str(annotated))
    assert result.exit_code == 2 and "pip install 'annotator[spacy]'" in result.output
    assert not (tmp_path / "s").exists()


def test_a_jsonl_export_folder_imports_whole_with_its_manifest_beside(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "set"
    assert run("export", "--format", "jsonl", "--out", str(out), "--split", "train=0.5,test=0.5",
               "--db", str(annotated)).exit_code == 0
    result = run("import", str(out), "--annotator", "alice", "--db", str(tmp_path / "c.sqlite"))
    assert result.exit_code == 0 and "imported 4 document(s) with 12 span(s)" in result.output, result.output
    assert spans_by_document(tmp_path / "c.sqlite", "alice") == spans_by_document(annotated, "alice")


def test_a_jsonl_file_target_takes_no_folder_options(annotated: Path, tmp_path: Path) -> None:
    result = run("export", "--out", str(tmp_path / "x.jsonl"), "--split", "train=1", "--db", str(annotated))
    assert result.exit_code == 2 and "write a folder" in result.output and not (tmp_path / "x.jsonl").exists()
