"""One convention across the command line (who acts: --as; documents: --docs ID...;
errors: ``error: …`` with exit 2), and unknown names refused with the close matches."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from annotator.cli.main import cli
from tests.cli.team_project import DOC, run

#: Commands where --annotator names whose annotations are meant (nobody acts).
WHOSE = {"claims", "export", "import", "search"}
#: Commands that record who does them.
ACTING = {"adjudicate", "assign", "meta", "screenshot", "entities add", "entities alias", "entities rename",
          "entities merge"}
#: The one command whose --docs takes one document (the date anchor).
ONE_DOCUMENT = {"dates normalise", "dates normalize"}


def walk(group: click.Group, prefix: str = ""):  # type: ignore[no-untyped-def]
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        path = f"{prefix}{name}"
        yield path, cmd
        if isinstance(cmd, click.Group):
            yield from walk(cmd, path + " ")


COMMANDS = dict(walk(cli))


def test_every_command_is_walked() -> None:
    assert {"adjudicate", "agreement", "annotators status", "assign", "claims", "dates normalise", "db upgrade",
            "entities merge", "export", "import", "info", "meta", "screenshot"} <= set(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_options_follow_the_convention(path: str) -> None:
    from annotator.cli import options

    cmd = COMMANDS[path]
    opts = {o: p for p in cmd.params if isinstance(p, click.Option) for o in (*p.opts, *p.secondary_opts)}
    assert "--by" not in opts and "--doc" not in opts, path
    assert not {"--user", "--who", "--adjudicator", "--annotator-name"} & set(opts), path
    if "--annotator" in opts:
        assert path in WHOSE, f"{path}: --annotator names whose annotations are meant; who acts is --as"
    if path in ACTING:
        assert opts["--as"].metavar == "NAME" and opts["--as"].name == "acting", path
    for name, p in opts.items():
        if p.name == "acting":
            assert name == "--as", path
    if "--docs" in opts and path not in ONE_DOCUMENT:
        assert isinstance(opts["--docs"], options.ManyOption) and opts["--docs"].metavar == "ID...", path
    for many in ("--annotators", "--to"):
        if many in opts:
            assert isinstance(opts[many], options.ManyOption), (path, many)
    # the same error convention everywhere
    assert isinstance(cmd, options.Group if isinstance(cmd, click.Group) else options.Command), path
    # help describes the command as it is now: no old spelling anywhere
    texts = [cmd.help or ""] + [p.help or "" for p in cmd.params if isinstance(p, click.Option)]
    for text in texts:
        assert not re.search(r"--doc\b(?!s)|--by\b", text), (path, text)
    assert (cmd.help or "").strip(), f"{path} has no help"


def test_many_values_are_given_the_same_three_ways() -> None:
    from annotator.cli.options import expand_many

    assert expand_many(["--docs", "a", "b", "--x", "c"], ["--docs"]) == ["--docs", "a", "--docs", "b", "--x", "c"]
    assert expand_many(["--docs=a", "b", "--", "c"], ["--docs"]) == ["--docs=a", "--docs", "b", "--", "c"]
    assert expand_many(["--to", "a", "--docs", "d", "e"], ["--docs", "--to"]) == [
        "--to", "a", "--docs", "d", "--docs", "e"]




def test_docs_after_the_option_with_commas_or_repeated_are_the_same(team: str) -> None:
    outputs = {run("annotators", "status", *args, "--db", team).output for args in (
        ["--docs", DOC, "02-baridalsahil"], ["--docs", f"{DOC},02-baridalsahil"],
        ["--docs", DOC, "--docs", "02-baridalsahil"], ["--docs", "02-baridalsahil", DOC])}
    assert len(outputs) == 1
    [out] = outputs
    assert f"{DOC}\talice" in out


@pytest.mark.parametrize(("args", "message"), [
    (["claims", "--annotator", "bbo"], "error: no annotator 'bbo' (did you mean: bob?)"),
    (["claims", "--source", "gld"], "error: no annotator 'gld' (did you mean: gold?)"),
    (["claims", "--docs", "nope"], ("error: no document 'nope' (documents: 01-alrased, 02-baridalsahil, 03-aljisr, "
                                   "04-maabir)")),
    (["claims", "--docs", "01-alrasd"], "error: no document '01-alrasd' (did you mean: 01-alrased?)"),
    (["annotators", "status", "--docs", "nope"], "error: no document 'nope'"),
    (["annotators", "status", "--annotators", "alcie"], "error: no annotator 'alcie' (did you mean: alice?)"),
    (["annotators", "queue", "bbo"], "error: no annotator 'bbo' (did you mean: bob?)"),
    (["annotators", "role", "bbo", "manager"], "error: no annotator 'bbo' (did you mean: bob?)"),
    (["agreement", "--annotators", "alice", "bbo"], "error: no annotator 'bbo' (did you mean: bob?)"),
    (["agreement", "--docs", "01-alrasd"], "error: no document '01-alrasd' (did you mean: 01-alrased?)"),
    (["export", "--out", "x.jsonl", "--source", "bbo"], "error: no annotator 'bbo' (did you mean: bob?)"),
    (["export", "--out", "dir", "--format", "conll", "--docs", "01-alrasd"], "(did you mean: 01-alrased?)"),
    (["adjudicate", "--docs", "01-alrasd", "--list", "--as", "carol"], "(did you mean: 01-alrased?)"),
    (["adjudicate", "--docs", DOC, "--gold-vs", "alcie", "--as", "carol"], "(did you mean: alice?)"),
    (["adjudicate", "--docs", DOC, "--list", "--as", "carl"], "error: no annotator 'carl' (did you mean: carol?)"),
    (["assign", "--docs", DOC, "--to", "bbo"], "error: no annotator 'bbo' (did you mean: bob?)"),
    (["assign", "--docs", DOC, "--to", "zed"], "add one with: annotator annotators add zed --role annotator"),
    (["assign", "--docs", DOC, "--to", "bob", "--as", "carl"], "error: no annotator 'carl' (did you mean: carol?)"),
    (["meta", "01-alrasd"], "error: no document '01-alrasd' (did you mean: 01-alrased?)"),
    (["meta", DOC, "outlet=x", "--as", "carl"], "error: no annotator 'carl' (did you mean: carol?)"),
    (["entities", "add", "x", "--as", "carl"], "error: no annotator 'carl' (did you mean: carol?)"),
    (["dates", "normalise", "أمس", "--docs", "01-alrasd"], "(did you mean: 01-alrased?)"),
])
def test_unknown_names_are_refused_with_the_close_matches(team: str, snapshot, args: list[str],  # type: ignore[no-untyped-def]
                                                          message: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = snapshot(Path(team))
    result = run(*args, "--db", team)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert result.output.startswith("error: ") and len(result.output.strip().splitlines()) == 1
    assert snapshot(Path(team)) == before
    assert not (tmp_path / "x.jsonl").exists() and not (tmp_path / "dir").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["export", "--out", "x.jsonl", "--by", "source"], "error: no option --by: it is called --group-by now"),
    (["assign", "--docs", DOC, "--to", "bob", "--by", "carol"], "error: no option --by: it is called --as now"),
    (["adjudicate", "--doc", DOC, "--list", "--as", "carol"], "error: no option --doc: it is called --docs now"),
    (["dates", "normalise", "أمس", "--doc", DOC], "error: no option --doc: it is called --docs now"),
    (["entities", "add", "x", "--annotator", "carol"], "error: no option --annotator: it is called --as now"),
    (["screenshot", "--out", "x.png", "--annotator", "alice"], "error: no option --annotator: it is called --as now"),
    (["claims", "--bogus"], "error: no such option '--bogus'"),
    (["annotators", "bogus"], "error: no such command 'bogus'"),
    (["assign", "--docs", DOC], "error: missing option '--to'"),
    (["export", "--out", "x", "--split", "train=2"], "error: invalid value for --split"),
])
def test_mistakes_in_the_command_line_are_errors_the_same_way(team: str, args: list[str], message: str) -> None:
    result = run(*args, "--db", team)
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(message), lines
    assert lines[1:] == [] or re.fullmatch(r"Try '.* -h' for help\.", lines[1])


def test_screenshot_refuses_what_it_cannot_show_before_any_window(team: str, tmp_path: Path) -> None:
    """The screenshot's mistakes are found before Qt is loaded (these run without a display)."""
    out = tmp_path / "shot.png"
    for args, message in (
        (["--size", "10by20"], "error: invalid value for --size: use WIDTHxHEIGHT"),
        (["--size", "0x20"], "error: invalid value for --size: use WIDTHxHEIGHT, both at least 1"),
        (["--docs", "a", "b", "c", "d", "e"], "error: invalid value for --docs: at most 4 documents"),
        (["--docs", "01-alrasd"], "error: no document '01-alrasd' (did you mean: 01-alrased?)"),
        (["--as", "alcie"], "error: no annotator 'alcie' (did you mean: alice?)"),
    ):
        result = run("screenshot", "--out", str(out), *args, "--db", team)
        assert result.exit_code == 2 and result.output.startswith(message), (args, result.output)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    result = run("screenshot", "--out", str(tmp_path / "a-file" / "shot.png"), "--db", team)
    assert result.exit_code == 2 and result.output == (f"error: cannot write {tmp_path / 'a-file' / 'shot.png'}: "
                                                       f"{tmp_path / 'a-file'} is not a folder\n")
    result = run("screenshot", "--out", str(tmp_path), "--db", team)
    assert result.exit_code == 2 and result.output.startswith("error: invalid value for '--out'")
    assert not out.exists()
