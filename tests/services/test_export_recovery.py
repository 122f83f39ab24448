"""Exports after a crash (issue 11, item 11), with real processes killed by ``kill -9``.

Each export runs as ``python -m annotator export`` in its own process; the crash tests'
hook (``ANNOTATOR_TEST_EXPORT_HOOK``, services/export/atomic.py) makes the process kill itself
(SIGKILL) or pause at an exact point: after the N-th document, or between the two renames
of ``--force``. The next export of the same target, of any format, cleans up and says so;
the temporaries of an export still running are never touched."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import annotator
from annotator.cli.main import cli
from annotator.core.bio import token_spans
from annotator.resources import samples_dir
from annotator.services.export import atomic
from annotator.services.export.datasets import ExportOptions, export_dataset, export_jsonl
from annotator.services.project import Project
from annotator.services.spans import AddSpan

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="kill -9 and flock are POSIX")]

ROOT = Path(annotator.__file__).resolve().parent.parent
KILLED = -signal.SIGKILL


@pytest.fixture
def annotated(db_path: Path) -> Path:
    """The sample articles, with alice's spans on each."""
    assert CliRunner().invoke(cli, ["import", str(samples_dir()), "--db", str(db_path)], obj={}).exit_code == 0
    project = Project.open(db_path)
    for d in project.documents():
        toks = token_spans(project.document(d.id).text)
        AddSpan(d.id, "alice", toks[0][0], toks[5][1], "CLAIM").do(project)
        AddSpan(d.id, "alice", toks[8][0], toks[9][1], "ACTOR").do(project)
    project.close()
    return db_path


def _env(hook: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env.pop(atomic.HOOK_VARIABLE, None)
    if hook is not None:
        env[atomic.HOOK_VARIABLE] = hook
    return env


def _argv(db: Path, out: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "annotator", "export", "--out", str(out), *args, "--db", str(db)]


def export(db: Path, out: Path, *args: str, hook: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_argv(db, out, *args), env=_env(hook), capture_output=True, text=True, timeout=600)


def contents(path: Path) -> dict[str, str]:
    """Every file of an output (a folder, or one file) with its SHA-256; a folder's manifest
    is checked against its files and left out (it holds the time of the export)."""
    def sha(p: Path) -> str:
        return hashlib.sha256(p.read_bytes()).hexdigest()

    if path.is_file():
        return {path.name: sha(path)}
    files = {p.relative_to(path).as_posix(): sha(p) for p in sorted(path.rglob("*")) if p.is_file()}
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    del files["manifest.json"]
    assert manifest["files"] == files
    return files


def beside(out: Path) -> list[str]:
    """What is in the target's folder, hidden names included."""
    return sorted(p.name for p in out.parent.iterdir())


@pytest.mark.parametrize(("name", "first", "then"), [("set", "jsonl", "conll"), ("data.jsonl", "jsonl", "jsonl")])
def test_an_export_killed_mid_way_leaves_leftovers_the_next_export_removes(
        annotated: Path, tmp_path: Path, name: str, first: str, then: str) -> None:
    (tmp_path / "exports").mkdir()
    out = tmp_path / "exports" / name
    killed = export(annotated, out, "--format", first, "--source", "alice", hook="document@2:kill")
    assert killed.returncode == KILLED, killed.stderr
    left = atomic.leftovers(out)
    assert len(left) == 1 and left[0].name.endswith(".part") and not out.exists()
    assert left[0].is_dir() == (name == "set")

    after = export(annotated, out, "--format", then, "--source", "alice")  # any export to the same target
    assert after.returncode == 0, after.stderr
    kind = "folder" if name == "set" else "file"
    assert f"removed 1 leftover temporary {kind} (" in after.stderr
    assert f"of an interrupted export of {out}" in after.stderr
    assert beside(out) == [name]  # no temporary, no lock file
    reference = tmp_path / "reference" / name
    assert export(annotated, reference, "--format", then, "--source", "alice").returncode == 0
    assert contents(out) == contents(reference)


def test_a_crash_between_the_two_renames_of_force_is_recovered_by_the_next_export(
        annotated: Path, tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    out = tmp_path / "exports" / "set"
    assert export(annotated, out, "--format", "jsonl").returncode == 0
    before = contents(out)

    crashed = export(annotated, out, "--format", "conll", "--force", hook="swap:kill")
    assert crashed.returncode == KILLED, crashed.stderr
    assert not out.exists()  # the old output is only in the hidden folder now
    left = atomic.leftovers(out)
    assert sorted(p.suffix for p in left) == [".old", ".part"]
    assert contents(next(p for p in left if p.suffix == ".old") / "previous") == before

    plain = export(annotated, out, "--format", "jsonl")  # a plain export, no --force
    assert plain.returncode == 2
    assert f"recovered the previous export of {out} left by an interrupted run" in plain.stderr
    assert "removed 2 leftover temporary folders" in plain.stderr
    assert "already exists" in plain.stderr  # the restored output is kept, as any output
    assert beside(out) == ["set"] and contents(out) == before

    again = export(annotated, out, "--format", "conll", "--force", hook="swap:kill")
    assert again.returncode == KILLED and not out.exists()
    forced = export(annotated, out, "--format", "conll", "--force")
    assert forced.returncode == 0, forced.stderr
    assert f"recovered the previous export of {out}" in forced.stderr
    assert beside(out) == ["set"] and sorted(contents(out)) == ["all.conll"]


def test_a_live_export_keeps_its_temporaries_and_a_second_one_is_refused(annotated: Path, tmp_path: Path) -> None:
    (tmp_path / "exports").mkdir()
    out = tmp_path / "exports" / "set"
    flag = tmp_path / "paused"
    first = subprocess.Popen(_argv(annotated, out, "--format", "jsonl", "--source", "alice"),
                             env=_env(f"document@2:pause={flag}"), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    try:
        deadline = time.monotonic() + 300  # a bound for a broken run, not a timing assertion
        while not flag.exists():
            assert first.poll() is None, f"the first export ended before its pause: {first.communicate()}"
            assert time.monotonic() < deadline
            time.sleep(0.02)
        left = atomic.leftovers(out)
        assert len(left) == 1
        written = sorted(p.name for p in left[0].iterdir())

        second = export(annotated, out, "--format", "conll", "--force")
        assert second.returncode == 2
        assert f"another export to {out} is running (process {first.pid})" in second.stderr
        assert atomic.recover(out) == []  # nor does a clean-up taken on its own
        assert atomic.leftovers(out) == left and sorted(p.name for p in left[0].iterdir()) == written

        flag.unlink()  # let the first one finish
        _stdout, stderr = first.communicate(timeout=600)
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert first.returncode == 0, stderr
    assert "leftover" not in stderr and beside(out) == ["set"]
    assert sorted(contents(out)) == ["all.jsonl", "all.project.json"]


def test_only_the_targets_own_temporaries_are_its_leftovers(tmp_path: Path) -> None:
    for name in (".set.0a1b2c3d.part", ".set.0a1b2c3d.old", ".set.v2.0a1b2c3d.part", ".settings.0a1b2c3d.part",
                 ".set.0a1b2c3.part", "set.0a1b2c3d.part", ".set.lock"):
        (tmp_path / name).mkdir()
    assert [p.name for p in atomic.leftovers(tmp_path / "set")] == [".set.0a1b2c3d.old", ".set.0a1b2c3d.part"]
    assert [p.name for p in atomic.leftovers(tmp_path / "set.v2")] == [".set.v2.0a1b2c3d.part"]


@pytest.mark.parametrize(("umask", "folder", "file"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)])
def test_exports_honour_the_umask(annotated: Path, tmp_path: Path, umask: int, folder: int, file: int) -> None:
    project = Project.open(annotated)
    old = os.umask(umask)
    try:
        export_dataset(project, tmp_path / "set", ExportOptions(format="jsonl", source="alice"))
        export_jsonl(project, tmp_path / "one.jsonl", source="alice")
    finally:
        os.umask(old)
        project.close()
    assert (tmp_path / "set").stat().st_mode & 0o777 == folder
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "set").iterdir()} == {file}
    assert (tmp_path / "one.jsonl").stat().st_mode & 0o777 == file


def test_without_flock_an_export_still_works_and_leaves_every_temporary_alone(
        annotated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    class NoLocks:  # a network file system that refuses flock
        LOCK_EX = LOCK_NB = 0

        @staticmethod
        def flock(fd: int, op: int) -> None:
            raise OSError(37, "No locks available")

    monkeypatch.setattr(atomic, "fcntl", NoLocks)
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    (tmp_path / ".set.0a1b2c3d.part").mkdir()  # perhaps a live export's: nobody can tell
    project = Project.open(annotated)
    try:
        export_dataset(project, tmp_path / "set", ExportOptions(format="jsonl", source="alice"))
    finally:
        project.close()
    assert beside(tmp_path / "set") == [".set.0a1b2c3d.part", "set"]
    assert "cannot lock" in caplog.text and "left alone" in caplog.text


def test_a_name_too_long_for_the_temporaries_is_an_error_not_a_traceback(annotated: Path, tmp_path: Path) -> None:
    from annotator.services.export.datasets import ExportError

    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    project = Project.open(annotated)
    try:
        with pytest.raises(ExportError, match="cannot write in"):
            export_dataset(project, tmp_path / ("x" * 250), ExportOptions(format="jsonl", source="alice"))
    finally:
        project.close()
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_the_versions_without_a_lock_are_cleaned_up_too(tmp_path: Path) -> None:
    (tmp_path / ".data.jsonl.k2j_x9qa.part").write_text("half a line", encoding="utf-8")  # mkstemp's names
    (tmp_path / ".data.jsonl.0a1b2c3d.part").mkdir()
    (tmp_path / ".data.jsonl.0a1b2c3d.part" / "train.jsonl").write_text("{}", encoding="utf-8")
    (tmp_path / ".data.jsonl.v2.0a1b2c3d.part").mkdir()  # another target's
    said: list[str] = []
    assert atomic.recover(tmp_path / "data.jsonl", notice=said.append) == said
    assert said == [(f"removed 2 leftover temporary files and folders (13 bytes) of an interrupted export of "
                    f"{tmp_path / 'data.jsonl'}")]
    assert beside(tmp_path / "x") == [".data.jsonl.v2.0a1b2c3d.part"]
