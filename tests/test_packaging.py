"""The wheel carries every module, the migrations, schema and samples, and an
installed copy works from them alone (no checkout on the path)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 600  # a hung subprocess fails the test instead of stalling the suite (not a speed check)
# what is never part of a build: caches, virtual environments, earlier build output
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis",
                                    ".pytest_cache", "*.sqlite*", "*.whl")


def source_files(folder: Path) -> list[Path]:
    """Every file under *folder* (relative), caches left out."""
    return sorted(p.relative_to(folder) for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and p.suffix not in (".pyc", ".pyo"))


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a clean copy of the checkout (a stale ``build/`` folder
    in the checkout would otherwise be packed instead of the sources)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCE)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp / "dist"), str(src)], check=True, capture_output=True)
    [built] = list((tmp / "dist").glob("annotator-*.whl"))
    return built


@pytest.mark.slow
def test_every_package_module_migration_and_resource_is_in_the_wheel(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {f"annotator/{p.as_posix()}" for p in source_files(ROOT / "annotator")}
    wanted |= {f"annotator/_db/{p.as_posix()}" for p in source_files(ROOT / "db")}
    # the translations ship compiled (.qm, made by lrelease while the wheel is built), not their sources
    translations = {p for p in source_files(ROOT / "resources") if p.parts[0] == "translations"}
    wanted |= {f"annotator/_resources/{p.as_posix()}" for p in source_files(ROOT / "resources")
               if p not in translations}
    wanted |= {f"annotator/_resources/{p.with_suffix('.qm').as_posix()}" for p in translations if p.suffix == ".ts"}
    assert "annotator/_resources/translations/annotator_ar.qm" in wanted
    assert "annotator/gui/adjudication/window.py" in wanted  # the package a hand-kept list once left out
    assert sorted(wanted - names) == []
    # nothing in the wheel that is not in the sources (no stale build output)
    shipped_py = {n for n in names if n.startswith("annotator/") and n.endswith(".py")}
    assert sorted(shipped_py - wanted) == []


def test_every_folder_of_modules_is_a_package() -> None:
    """Package discovery finds folders with ``__init__.py``; one without would not ship."""
    folders = {p.parent for p in (ROOT / "annotator").rglob("*.py") if "__pycache__" not in p.parts}
    assert sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").is_file()) == []


def _modules(wheel: Path) -> list[str]:
    return sorted(n[:-3].removesuffix("/__init__").replace("/", ".") for n in zipfile.ZipFile(wheel).namelist()
                  if n.startswith("annotator/") and n.endswith(".py") and not n.startswith("annotator/_db/"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed by pip. Its dependencies come
    from the environment running the tests (a .pth line added after the install), so no
    download is needed; the checkout is nowhere on its path."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps",
                    "--no-index", str(wheel)], check=True, capture_output=True)
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "ANNOTATOR_DB", "PYTHONSTARTUP")}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
               QT_QPA_PLATFORM="offscreen", ANNOTATOR_USER="judge")
    return env


@pytest.mark.slow
def test_every_module_imports_from_the_installed_wheel(wheel: Path, installed: Path, tmp_path: Path) -> None:
    modules = _modules(wheel)
    assert "annotator.gui.adjudication.window" in modules and "annotator._resources" not in modules
    code = textwrap.dedent(f"""
        import importlib, importlib.util
        import annotator
        assert annotator.__file__.startswith({str(installed)!r}), annotator.__file__
        for name in {modules!r}:
            if name.endswith(".__main__"):  # runs the program when imported: found, not run
                module = importlib.util.find_spec(name)
                assert module.origin.startswith({str(installed)!r}), (name, module.origin)
                continue
            module = importlib.import_module(name)
            assert module.__file__.startswith({str(installed)!r}), (name, module.__file__)
        print(len({modules!r}), "modules")
    """)
    out = subprocess.run([str(installed / "bin" / "python"), "-c", code], capture_output=True, text=True,
                         env=_env(tmp_path), cwd=tmp_path, timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    assert f"{len(modules)} modules" in out.stdout


@pytest.mark.slow
def test_the_installed_commands_run_and_the_team_windows_open(installed: Path, tmp_path: Path) -> None:
    """Both entry points answer ``--help``; an installed copy imports the samples and opens
    Team ▸ Adjudicate, Agreement and Assign documents (once a ModuleNotFoundError)."""
    env = _env(tmp_path)
    for script in ("annotator", "annotator-gui"):
        out = subprocess.run([str(installed / "bin" / script), "--help"], capture_output=True, text=True, env=env,
                             cwd=tmp_path, timeout=TIMEOUT)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith(f"Usage: {script} [OPTIONS]") and "--db" in out.stdout
    db = tmp_path / "team.sqlite"
    out = subprocess.run([str(installed / "bin" / "annotator"), "import", "--db", str(db),
                          str(ROOT / "resources" / "samples" / "01-alrased.txt")],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    code = textwrap.dedent(f"""
        from annotator.gui import main_window
        from annotator.services import team
        from annotator.services.project import Project
        p = Project.open({str(db)!r})
        [doc] = p.documents()
        text = p.document(doc.id).text
        first, second = text.index(" "), text.index(" ", text.index(" ") + 1)
        team.add_annotator(p, "judge", "manager")
        for who, end in (("alice", first), ("bob", second)):
            team.add_annotator(p, who, "annotator")
            p.add_span(doc.id, who, 0, end, "CLAIM")
        p.close()
        win = main_window({str(db)!r}, [doc.id])
        for action in ("team.adjudicate", "team.agreement", "team.assign"):
            win.team.actions[action].trigger()
        print(sorted(type(w).__name__ for w in win.team.windows))
    """)
    out = subprocess.run([str(installed / "bin" / "python"), "-c", code], capture_output=True, text=True, env=env,
                         cwd=tmp_path, timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    assert "['AdjudicationWindow', 'AgreementWindow', 'AssignDialog']" in out.stdout, out.stdout + out.stderr


@pytest.mark.slow
def test_an_installed_copy_opens_a_project_with_its_own_migrations_and_schema(installed: Path,
                                                                             tmp_path: Path) -> None:
    code = textwrap.dedent(f"""
        from annotator.resources import migrations_dir, samples_dir
        from annotator.services.project import Project
        assert migrations_dir().name == '_db' and samples_dir().is_dir()
        assert str(migrations_dir()).startswith({str(installed)!r})
        p = Project.open({str(tmp_path / 'p.sqlite')!r})
        print(p.schema.names)
    """)
    out = subprocess.run([str(installed / "bin" / "python"), "-c", code], capture_output=True, text=True,
                         env=_env(tmp_path), cwd=tmp_path, timeout=TIMEOUT)
    assert out.returncode == 0, out.stderr
    assert "CLAIM" in out.stdout
