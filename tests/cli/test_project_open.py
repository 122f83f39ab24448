"""A wrong ``--db`` gets one line, and only ``import`` makes a project (issue 10, items 13 and 16)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.resources import samples_dir

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 600  # a hung subprocess fails the test instead of stalling the suite (not a speed check)
GUI_MAIN = "import sys; from annotator.cli.main import gui_main; gui_main()"


def env() -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "ANNOTATOR_DB")}
    out.update(PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", ANNOTATOR_USER="tester")
    return out


def bad_dbs(tmp_path: Path) -> dict[str, tuple[str, str]]:
    """Each wrong --db a user can give, with what its one line must say."""
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list: bread, tea\n" * 100, encoding="utf-8")
    return {
        "missing folder": (str(tmp_path / "no-such-folder" / "p.sqlite"), "does not exist"),
        "a directory": (str(tmp_path), "is a folder, not a project file"),
        "not a database": (str(notes), "not a SQLite database"),
        "postgresql refused": ("postgresql+psycopg://team:pw@127.0.0.1:1/news", "127.0.0.1"),
    }


@pytest.mark.parametrize("case", ["missing folder", "a directory", "not a database", "postgresql refused"])
@pytest.mark.parametrize("command", [["info"], ["export", "--format", "jsonl", "--out", "x.jsonl"], ["import"]])
def test_a_wrong_db_is_one_error_line_and_exit_2(tmp_path: Path, case: str, command: list[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    db, says = bad_dbs(tmp_path)[case]
    if command == ["import"]:
        command = ["import", str(samples_dir() / "01-alrased.txt")]
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(cli, [*command, "--db", db], obj={})
    assert out.exit_code == 2, out.stderr
    assert out.stdout == ""
    [line] = out.stderr.splitlines()
    assert line.startswith("error: cannot open project ") and says in line
    assert "pw@" not in line  # a server password is never printed


@pytest.mark.slow
def test_a_wrong_db_is_one_line_on_the_real_stderr_and_exit_2(tmp_path: Path) -> None:
    """The same, from the program as a user starts it (the cases above run in-process)."""
    db, says = bad_dbs(tmp_path)["not a database"]
    out = subprocess.run([sys.executable, "-m", "annotator", "info", "--db", db], capture_output=True, text=True,
                         env=env(), cwd=tmp_path, timeout=TIMEOUT)
    assert (out.returncode, out.stdout) == (2, "")
    [line] = out.stderr.splitlines()
    assert line.startswith("error: cannot open project ") and says in line


def _leaf_commands() -> list[tuple[list[str], click.Command]]:
    ctx = click.Context(cli)
    found: list[tuple[list[str], click.Command]] = []

    def walk(group: click.Group, path: list[str]) -> None:
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None
            if isinstance(command, click.Group):
                walk(command, [*path, name])
            else:
                found.append(([*path, name], command))

    walk(cli, [])
    return found


def _argv(path: list[str], command: click.Command, tmp_path: Path) -> list[str]:
    """The command with a value for each required parameter, whatever the options are called."""
    argv = list(path)
    for param in command.params:
        if not param.required:
            continue
        if isinstance(param.type, click.Choice):
            value = str(param.type.choices[0])
        elif isinstance(param.type, (click.types.IntParamType, click.types.FloatParamType)):
            value = "1"
        elif param.name == "out":
            value = str(tmp_path / "out" / "x.jsonl")
        elif param.name == "paths":
            value = str(samples_dir() / "01-alrased.txt")
        else:
            value = "x"
        values = [value] * (param.nargs if param.nargs > 0 else 1)
        argv += [param.opts[0], *values] if isinstance(param, click.Option) else values
    return argv


CREATE = {"import"}  # the only subcommand that makes a project (and the window: see the GUI tests)
EXTRA = {
    "adjudicate": [["--list", "--docs", "x"], ["--accept-agreed", "--docs", "x"]]
}  # what it must be told to do, or it stops before opening
NEVER_OPEN = {"dates normalise", "dates normalize"}  # without --docs they read no project


def test_only_import_creates_a_project_every_other_command_refuses_a_missing_one(tmp_path: Path) -> None:
    """Every subcommand there is, run on a project file that does not exist."""
    commands = _leaf_commands()
    assert {" ".join(p) for p, _ in commands} >= {"info", "export", "agreement", "claims", "adjudicate",
                                                  "annotators list", "annotators status", "entities list",
                                                  "entities show", "meta", "screenshot", "db current", "import"}
    (tmp_path / "out").mkdir()
    bad = []
    runs = [(path, command, extra) for path, command in commands for extra in EXTRA.get(" ".join(path), [[]])]
    for i, (path, command, extra) in enumerate(runs):
        name = " ".join(path)
        db = tmp_path / f"{i}-{name.replace(' ', '-')}.sqlite"
        result = CliRunner().invoke(cli, [*_argv(path, command, tmp_path), *extra, "--db", str(db)], obj={})
        if name in CREATE:
            assert result.exit_code == 0, (name, result.output)
            assert db.is_file()
            continue
        assert not db.exists(), f"{name} created {db}"
        if name not in NEVER_OPEN:
            assert result.exit_code == 2, (name, result.output)
            if result.stderr != f"error: no project at {db}; `annotator import` creates one\n":
                bad.append((name, result.stderr))
    assert bad == []


def test_read_commands_still_open_an_existing_project(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    assert CliRunner().invoke(cli, ["import", str(samples_dir()), "--db", str(db)], obj={}).exit_code == 0
    for argv in (["info"], ["annotators", "list"], ["db", "current"], ["claims"]):
        result = CliRunner().invoke(cli, [*argv, "--db", str(db)], obj={})
        assert result.exit_code == 0, (argv, result.output)


def test_the_default_project_is_not_made_by_a_read_command(tmp_path: Path) -> None:
    from annotator.storage.database import default_database_path

    result = CliRunner().invoke(cli, ["info"], obj={})
    assert result.exit_code == 2
    assert result.stderr == f"error: no project at {default_database_path()}; `annotator import` creates one\n"
    assert not default_database_path().parent.exists()


@pytest.mark.slow
def test_annotator_gui_takes_the_global_options() -> None:
    out = subprocess.run([sys.executable, "-c", GUI_MAIN, "--help"], capture_output=True, text=True, env=env(),
                         timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Usage: annotator-gui [OPTIONS]")
    assert "--db" in out.stdout and "--version" in out.stdout
    out = subprocess.run([sys.executable, "-c", GUI_MAIN, "--version"], capture_output=True, text=True, env=env(),
                         timeout=TIMEOUT)
    assert out.returncode == 0 and "annotator" in out.stdout
    out = subprocess.run([sys.executable, "-c", GUI_MAIN, "--no-such-option"], capture_output=True, text=True,
                         env=env(), timeout=TIMEOUT)
    assert out.returncode == 2 and "No such option" in out.stderr


@pytest.mark.slow
def test_annotator_gui_with_a_wrong_db_says_so_in_one_line(tmp_path: Path) -> None:
    """The window shows a message box (tests/gui/test_project_error.py) and, for a terminal,
    the same one line; the process then waits for the user, so it is stopped here."""
    db = tmp_path / "no-such-folder" / "p.sqlite"
    proc = subprocess.Popen([sys.executable, "-c", GUI_MAIN, "--db", str(db)], stderr=subprocess.PIPE, text=True,
                            env=env(), cwd=tmp_path)
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
    finally:
        proc.kill()
        proc.wait()
    assert line == f"error: cannot open project {db}: the folder {db.parent} does not exist\n"
    assert not db.parent.exists()
