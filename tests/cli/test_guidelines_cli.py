"""``annotator guidelines``: set, show, export, clear; bad files and the manager rule."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli.main import cli

GUIDE = "# دليل\n\n## CLAIM\nالمحتوى لا الفعل. <b>x</b>\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={})


def new_project(tmp_path: Path) -> str:
    db = str(tmp_path / "p.sqlite")
    doc = tmp_path / "doc.txt"
    doc.write_text("نص قصير.\n", encoding="utf-8")
    assert run("import", str(doc), "--db", db).exit_code == 0
    return db


def test_set_show_export_and_clear(tmp_path: Path) -> None:
    db = new_project(tmp_path)
    assert run("annotators", "add", "maria", "--role", "manager", "--db", db).exit_code == 0
    source = tmp_path / "guide.md"
    source.write_text(GUIDE, encoding="utf-8")
    result = run("guidelines", "set", str(source), "--as", "maria", "--db", db)
    assert result.exit_code == 0, result.output
    assert run("guidelines", "show", "--db", db).output == GUIDE + "\n"
    out = tmp_path / "back.md"
    assert run("guidelines", "export", str(out), "--db", db).exit_code == 0
    assert out.read_text(encoding="utf-8") == GUIDE
    assert run("guidelines", "clear", "--as", "maria", "--db", db).exit_code == 0
    assert "no guidelines yet" in run("guidelines", "show", "--db", db).output


def test_bad_files_and_people_are_refused_and_nothing_changes(tmp_path: Path) -> None:
    db = new_project(tmp_path)
    assert run("annotators", "add", "maria", "--role", "manager", "--db", db).exit_code == 0
    assert run("annotators", "add", "bob", "--role", "annotator", "--as", "maria", "--db", db).exit_code == 0
    good = tmp_path / "guide.md"
    good.write_text(GUIDE, encoding="utf-8")
    assert run("guidelines", "set", str(good), "--as", "maria", "--db", db).exit_code == 0
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"ok\n\xff")
    result = run("guidelines", "set", str(bad), "--as", "maria", "--db", db)
    assert result.exit_code == 2 and "bad.md, line 2" in result.output and "UTF-8" in result.output
    result = run("guidelines", "set", str(good), "--as", "bob", "--db", db)
    assert result.exit_code == 2 and "only a manager (maria)" in result.output
    result = run("guidelines", "set", str(good), "--as", "nobody", "--db", db)
    assert result.exit_code == 2 and "no annotator 'nobody'" in result.output
    assert run("guidelines", "show", "--db", db).output == GUIDE + "\n"
