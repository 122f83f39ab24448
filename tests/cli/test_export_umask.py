"""Exports get the modes the user's umask gives any new file (issue 10, item 14): the
temporary file or folder they are written to (then renamed) is not left 0600/0700."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.services.project import Project

ROOT = Path(__file__).resolve().parents[2]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
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
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for out in ("one.jsonl", "folder"):
        result = subprocess.run([sys.executable, "-m", "annotator", "export", "--format", "jsonl", "--out",
                                 str(tmp_path / out), "--db", str(db)],
                                capture_output=True, text=True, env=env, umask=umask, timeout=600)
        assert result.returncode == 0, result.stderr
    assert mode(tmp_path / "one.jsonl") == 0o666 & ~umask
    folder = tmp_path / "folder"
    assert mode(folder) == 0o777 & ~umask
    inside = list(folder.rglob("*"))
    assert inside and all(mode(f) == (0o777 if f.is_dir() else 0o666) & ~umask for f in inside)
    # replacing an export with --force gives the new one the same modes
    result = subprocess.run([sys.executable, "-m", "annotator", "export", "--format", "jsonl", "--out",
                             str(folder), "--force", "--db", str(db)],
                            capture_output=True, text=True, env=env, umask=umask, timeout=600)
    assert result.returncode == 0, result.stderr
    assert mode(folder) == 0o777 & ~umask
