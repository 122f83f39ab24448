"""The wheel carries the migrations, schema and samples, and works from them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_ships_migrations_schema_and_samples_and_opens_a_project(tmp_path: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path / "dist"), str(ROOT)], check=True, capture_output=True)
    [wheel] = list((tmp_path / "dist").glob("annotator-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("annotator/_db/env.py", "annotator/_db/versions/0001_initial_schema.py",
                   "annotator/_resources/schemas/default.toml"):
        assert needed in names
    assert any(n.startswith("annotator/_resources/samples/") and n.endswith(".txt") for n in names)

    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = (
        "import annotator, sys\n"
        "from annotator.resources import migrations_dir, samples_dir\n"
        "from annotator.services.project import Project\n"
        f"assert annotator.__file__.startswith({str(unpacked)!r}), annotator.__file__\n"
        "assert migrations_dir().name == '_db' and samples_dir().is_dir()\n"
        f"p = Project.open({str(tmp_path / 'p.sqlite')!r})\n"
        "print(p.schema.names)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(unpacked), "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
                         cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "CLAIM" in out.stdout
