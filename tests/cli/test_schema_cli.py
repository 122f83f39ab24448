"""``annotator schema show|export|set|undo`` and ``import --schema``: the round trip, the
refusal with counts and its exit status, renames, undo, roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.resources import default_schema_path, resources_dir, samples_dir
from annotator.services.project import Project
from annotator.services.spans import AddSpan

SCHEMAS = resources_dir() / "schemas"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={})


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "p.sqlite")
    assert run("import", str(samples_dir()), "--db", path).exit_code == 0
    return path


def tag_actor(db: str, who: str = "alice") -> None:
    project = Project.open(db, create=False)
    doc = project.documents()[0].id
    text = project.document(doc).text
    AddSpan(doc, who, 0, text.index(" "), "ACTOR").do(project)
    project.close()


def test_show_prints_labels_keys_attributes_relations_and_links(db: str) -> None:
    result = run("schema", "show", "--db", db)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Schema news-claims (version 3)")
    assert "  CLAIM  key 1  colour #f2b134" in out and "attribute note (text)" in out
    assert "  SAID_AT  key w  CLAIM -> DATE" in out and "  SUPPORTS  CLAIM -> CLAIM" in out


def test_export_then_set_reads_back_identically(db: str, tmp_path: Path) -> None:
    out = tmp_path / "mine.toml"
    assert run("schema", "export", str(out), "--db", db).exit_code == 0
    assert out.read_text(encoding="utf-8") == default_schema_path().read_text(encoding="utf-8")
    again = run("schema", "set", str(out), "--db", db)
    assert again.exit_code == 0 and "nothing changed" in again.output
    refused = run("schema", "export", str(out), "--db", db)
    assert refused.exit_code == 2 and "exists; give --force" in refused.output
    # a changed schema exported reads back as the same schema
    assert run("schema", "set", str(SCHEMAS / "fact-checking.toml"), "--db", db).exit_code == 0
    assert run("schema", "export", str(out), "--force", "--db", db).exit_code == 0
    assert out.read_text(encoding="utf-8") == (SCHEMAS / "fact-checking.toml").read_text(encoding="utf-8")
    assert "nothing changed" in run("schema", "set", str(out), "--db", db).output


def test_set_refuses_removing_a_used_label_with_the_counts_then_renames(db: str, tmp_path: Path) -> None:
    tag_actor(db, "alice")
    tag_actor(db, "bob")
    agent = tmp_path / "agent.toml"
    agent.write_text(default_schema_path().read_text(encoding="utf-8").replace('"ACTOR"', '"AGENT"'),
                     encoding="utf-8")
    refused = run("schema", "set", str(agent), "--db", db)
    assert refused.exit_code == 2
    assert ("label ACTOR is used by 2 spans of 2 annotators; give --rename ACTOR=AGENT or --drop ACTOR"
            in refused.output)
    assert "ACTOR" in run("schema", "show", "--db", db).output  # nothing changed

    dry = run("schema", "set", str(agent), "--rename", "ACTOR=AGENT", "--dry-run", "--db", db)
    assert dry.exit_code == 0 and "data: label ACTOR becomes AGENT on 2 spans of 2 annotators" in dry.output
    assert "  ACTOR  key 2" in run("schema", "show", "--db", db).output

    done = run("schema", "set", str(agent), "--rename", "ACTOR=AGENT", "--db", db)
    assert done.exit_code == 0, done.output
    assert "> label ACTOR renamed AGENT" in done.output and "undo with: annotator schema undo" in done.output
    project = Project.open(db, create=False)
    doc = project.documents()[0].id
    assert [s.label for s in project.spans(doc, "bob")] == ["AGENT"]
    project.close()

    undo = run("schema", "undo", "--db", db)
    assert undo.exit_code == 0 and "schema back to news-claims v3" in undo.output
    project = Project.open(db, create=False)
    assert [s.label for s in project.spans(doc, "bob")] == ["ACTOR"]
    project.close()


def test_a_bad_file_names_the_line_and_changes_nothing(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[schema]\nname = "x"\n\n[[labels]]\nname = "A"\nkey = "1"\ncolor = "#000000"\n'
                   'examples = "x"\n\n[[labels]]\nname = "B"\nkey = "1"\ncolor = "#000000"\n', encoding="utf-8")
    result = run("schema", "set", str(bad), "--db", db)
    assert result.exit_code == 2
    assert f"error: {bad}, line 10: label 2 (B): key must be one character, not used twice" in result.output


def test_only_a_manager_may_set_the_schema_when_there_is_one(db: str) -> None:
    assert run("annotators", "add", "maya", "--role", "manager", "--db", db).exit_code == 0
    assert run("annotators", "add", "alice", "--as", "maya", "--db", db).exit_code == 0
    fact = str(SCHEMAS / "fact-checking.toml")
    refused = run("schema", "set", fact, "--as", "alice", "--db", db)
    assert refused.exit_code == 2 and "only a manager may change the schema" in refused.output
    assert run("schema", "set", fact, "--as", "maya", "--db", db).exit_code == 0


def test_import_with_schema_starts_the_project_with_it(tmp_path: Path) -> None:
    db = str(tmp_path / "ner.sqlite")
    result = run("import", str(samples_dir()), "--schema", str(SCHEMAS / "ner-minimal.toml"), "--db", db)
    assert result.exit_code == 0, result.output
    assert run("schema", "show", "--db", db).output.startswith("Schema ner-minimal (version 1)")
    # the same schema again: fine; another one on a project with data: refused, nothing imported
    (tmp_path / "one.txt").write_text("نص قصير جديد\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("نص قصير آخر\n", encoding="utf-8")
    again = run("import", str(tmp_path / "one.txt"), "--schema", str(SCHEMAS / "ner-minimal.toml"), "--db", db)
    assert again.exit_code == 0, again.output
    other = run("import", str(tmp_path / "two.txt"), "--schema", str(default_schema_path()), "--db", db)
    assert other.exit_code == 2
    assert "already holds data under the schema ner-minimal v1; change it with `annotator schema set" in other.output
    project = Project.open(db, create=False)
    assert len(project.documents()) == len(list(samples_dir().glob("*.txt"))) + 1  # not two.txt
    project.close()


def test_import_with_a_bad_schema_makes_no_project(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[schema\n", encoding="utf-8")
    result = run("import", str(samples_dir()), "--schema", str(bad), "--db", str(tmp_path / "p.sqlite"))
    assert result.exit_code == 2 and "not valid TOML" in result.output
    assert not (tmp_path / "p.sqlite").exists()
