"""Exports get the modes the user's umask gives any new file (issue 10, item 14): the
temporary file or folder they are written to (then renamed) is not left 0600/0700."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.services.project import Project


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o077, 0o002])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """The process's umask for the test (each xdist worker is its own process), then back."""
    before = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(before)


def export(*args: str) -> None:
    result = CliRunner().invoke(cli, ["export", "--format", "jsonl", *args], obj={})
    assert result.exit_code == 0, result.output


def test_file_and_folder_exports_honour_the_umask(tmp_path: Path, umask: int) -> None:
    db = tmp_path / "p.sqlite"
    p = Project.open(db)
    try:
        from annotator.resources import samples_dir
        from annotator.services.imports.documents import import_paths

        import_paths(p, [samples_dir() / "01-alrased.txt"])
        [doc] = p.documents()
        text = p.document(doc.id).text
        p.add_span(doc.id, "alice", 0, text.index(" "), "ACTOR")
    finally:
        p.close()
    for out in ("one.jsonl", "folder"):
        export("--out", str(tmp_path / out), "--db", str(db))
    assert mode(tmp_path / "one.jsonl") == 0o666 & ~umask
    folder = tmp_path / "folder"
    assert mode(folder) == 0o777 & ~umask
    inside = list(folder.rglob("*"))
    assert inside and all(mode(f) == (0o777 if f.is_dir() else 0o666) & ~umask for f in inside)
    # replacing an export with --force gives the new one the same modes
    export("--out", str(folder), "--force", "--db", str(db))
    assert mode(folder) == 0o777 & ~umask
