"""The command line, as a user runs it: import, export, info, db, --version, --help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator import __version__
from annotator.cli.main import cli
from annotator.resources import samples_dir
from annotator.services.project import Project
from annotator.services.spans import AddSpan
from tests.conftest import ARABIC


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={}, catch_exceptions=False)


def headless_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return env


@pytest.mark.slow
@pytest.mark.parametrize("args", [["--version"], ["--help"], ["import", "--help"], ["export", "--help"]])
def test_version_and_help_work_without_a_display(args: list[str]) -> None:
    out = subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                         env=headless_env(), check=True)
    assert (__version__ in out.stdout) if args == ["--version"] else ("Usage:" in out.stdout)


@pytest.mark.slow
def test_info_works_without_a_display(db_path: Path) -> None:
    Project.open(db_path).close()  # info reads a project; it does not make one
    out = subprocess.run([sys.executable, "-m", "annotator", "info", "--db", str(db_path)], capture_output=True,
                         text=True, env=headless_env(), check=True)
    assert "documents:  0" in out.stdout and "CLAIM" in out.stdout


def test_import_export_round_trip_gives_back_the_files_text(tmp_path: Path, db_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_bytes(("\ufeff" + ARABIC.replace("\n", "\r\n")).encode())
    (articles / "two.txt").write_text("عنوان\n\nنص الخبر الثاني.", encoding="utf-8")
    result = run("import", str(articles), "--db", str(db_path))
    assert result.exit_code == 0 and "imported 2 document(s)" in result.output
    again = run("--db", str(db_path), "import", str(articles))
    assert again.exit_code == 0 and "skipped" in again.output and "imported 0" in again.output

    out = tmp_path / "out.jsonl"
    result = run("export", "--format", "jsonl", "--out", str(out), "--db", str(db_path))
    assert result.exit_code == 0, result.output
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert records["one"]["text"] == ARABIC and records["two"]["text"] == "عنوان\n\nنص الخبر الثاني."
    assert records["two"]["title"] == "عنوان" and records["one"]["spans"] == []

    refused = run("export", "--out", str(out), "--db", str(db_path))
    assert refused.exit_code == 2 and "already exists" in refused.output and "--force" in refused.output


def test_export_then_import_restores_spans_exactly(tmp_path: Path, db_path: Path) -> None:
    assert run("import", str(samples_dir()), "--db", str(db_path)).exit_code == 0
    project = Project.open(db_path)
    doc_id = project.documents()[0].id
    text = project.document(doc_id).text
    words = [i for i, ch in enumerate(text) if ch == " "]
    AddSpan(doc_id, "alice", 0, words[5], "CLAIM").do(project)  # a claim with an actor nested inside
    AddSpan(doc_id, "alice", words[1] + 1, words[3], "ACTOR").do(project)
    project.close()

    first = tmp_path / "first.jsonl"
    assert run("export", "--out", str(first), "--annotator", "alice", "--db", str(db_path)).exit_code == 0
    other_db = tmp_path / "other.sqlite"
    result = run("import", str(first), "--annotator", "alice", "--db", str(other_db))
    assert result.exit_code == 0 and "2 span(s)" in result.output
    second = tmp_path / "second.jsonl"
    assert run("export", "--out", str(second), "--db", str(other_db)).exit_code == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    spans = [json.loads(line)["spans"] for line in first.read_text(encoding="utf-8").splitlines()]
    assert sum(len(s) for s in spans) == 2


def test_failed_import_exits_non_zero_with_the_problems(tmp_path: Path, db_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("نص", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xc3\x28")
    result = CliRunner().invoke(cli, ["import", str(tmp_path), "--db", str(db_path)], obj={})
    assert result.exit_code == 1
    assert "Nothing was imported" in result.output and "bad.txt, line 1, byte 0" in result.output
    result = CliRunner().invoke(cli, ["import", str(tmp_path), "--skip-bad", "--db", str(db_path)], obj={})
    assert result.exit_code == 1 and "imported 1 document(s)" in result.output and "bad.txt" in result.output


def test_info_counts_documents_spans_and_annotators(tmp_path: Path, db_path: Path) -> None:
    run("import", str(samples_dir()), "--db", str(db_path))
    result = run("info", "--json", "--db", str(db_path))
    info = json.loads(result.output)
    assert info["documents"] == len(list(samples_dir().glob("*.txt")))


def test_several_annotators_need_a_choice_on_export(tmp_path: Path, db_path: Path) -> None:
    run("import", str(samples_dir()), "--db", str(db_path))
    project = Project.open(db_path)
    doc = project.documents()[0].id
    end = project.document(doc).text.index(" ")
    AddSpan(doc, "alice", 0, end, "CLAIM").do(project)
    AddSpan(doc, "bob", 0, end, "ACTOR").do(project)
    project.close()
    result = CliRunner().invoke(cli, ["export", "--out", str(tmp_path / "x.jsonl"), "--db", str(db_path)], obj={})
    assert result.exit_code == 2 and "choose one with --source NAME" in result.output and "alice, bob" in result.output
    info = json.loads(run("info", "--json", "--db", str(db_path)).output)
    assert info["spans_by_label"] == {"ACTOR": 1, "CLAIM": 1} and info["annotators"] == {"alice": 1, "bob": 1}


def test_annotations_made_elsewhere_join_documents_already_here(tmp_path: Path, db_path: Path) -> None:
    """import FILE --annotator NAME: matched by id (same text), else by text; never a duplicate document."""
    assert run("import", str(samples_dir()), "--db", str(db_path)).exit_code == 0
    project = Project.open(db_path)
    doc = project.documents()[0]
    text = project.document(doc.id).text
    project.close()
    end = text.index(" ")
    other = tmp_path / "from-elsewhere.jsonl"
    other.write_text(json.dumps({"id": "renamed-elsewhere", "text": text,
                                 "spans": [{"id": "x1", "start": 0, "end": end, "label": "CLAIM"}]},
                                ensure_ascii=False) + "\n", encoding="utf-8")
    result = run("import", str(other), "--annotator", "bob", "--db", str(db_path))
    assert result.exit_code == 0 and "added bob's annotations to 1 document(s)" in result.output
    project = Project.open(db_path)
    assert [(s.id, s.start, s.end) for s in project.spans(doc.id, "bob")] == [("x1", 0, end)]
    assert len(project.documents()) == len(list(samples_dir().glob("*.txt")))
    project.close()
    changed = tmp_path / "changed.jsonl"
    changed.write_text(other.read_text(encoding="utf-8").replace('"CLAIM"', '"ACTOR"'), encoding="utf-8")
    refused = CliRunner().invoke(cli, ["import", str(changed), "--annotator", "bob", "--db", str(db_path)], obj={})
    assert refused.exit_code == 1 and "use replace" in refused.output
    replaced = run("import", str(changed), "--annotator", "bob", "--replace", "--db", str(db_path))
    assert replaced.exit_code == 0
    project = Project.open(db_path)
    assert [s.label for s in project.spans(doc.id, "bob")] == ["ACTOR"]
    project.close()


def test_meta_sets_the_publication_date_that_anchors_relative_dates(tmp_path: Path, db_path: Path, snapshot) -> None:
    from annotator.services.dates import document_anchor

    assert run("import", str(samples_dir()), "--db", str(db_path)).exit_code == 0
    project = Project.open(db_path)
    doc = project.documents()[0].id
    assert document_anchor(project, doc) is None  # .txt files come without a date
    project.close()
    assert run("annotators", "add", "alice", "--db", str(db_path)).exit_code == 0
    result = run("meta", doc, "published=2026-09-11", "outlet=الراصد", "--as", "alice", "--db", str(db_path))
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["meta"] == {"published": "2026-09-11", "outlet": "الراصد"}
    project = Project.open(db_path)
    assert str(document_anchor(project, doc)) == "2026-09-11"
    project.close()
    before = snapshot(db_path)
    bad = CliRunner().invoke(cli, ["meta", doc, "published=next week", "--db", str(db_path)], obj={})
    assert bad.exit_code == 2 and "published must be a date" in bad.output
    assert snapshot(db_path) == before
    assert json.loads(run("meta", doc, "outlet=", "--db", str(db_path)).output)["meta"] == {"published": "2026-09-11"}
