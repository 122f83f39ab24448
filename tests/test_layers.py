"""The layer contract (ARCHITECTURE.md, invariant 9), checked on every import statement.

- Imports point downward: core < formats < storage < services < gui, cli. ``cli`` may
  open the window (it imports ``gui``); ``gui`` never imports ``cli``.
- Nothing below annotator.gui needs Qt: the CLI, core and a future server run headless.
- Only annotator/storage speaks SQL: no other module imports sqlalchemy, alembic or the
  ORM tables (annotator.storage.tables), not even for type hints.

Every ``import`` counts, wherever it is written (module top, inside a function, under
``TYPE_CHECKING``), since each one is a dependency somebody has to keep.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

import annotator

PACKAGE_DIR = Path(annotator.__file__).resolve().parent

#: Floors from the bottom up; a module may import its own floor and the ones below. Each
#: name stands for a module and everything under it, except ``annotator``: the package's
#: own ``__init__`` (the version). It and ``annotator.resources`` (where the data files
#: are) import nothing of the program: they sit with core.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("annotator", "annotator.resources", "annotator.core"),
    ("annotator.formats",),
    ("annotator.storage",),
    ("annotator.services",),
    ("annotator.gui", "annotator.cli", "annotator.__main__"),
)

QT = ("PySide6", "shiboken6")
SQL = ("sqlalchemy", "alembic")
TABLES = "annotator.storage.tables"



def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _in_floor(module: str, name: str) -> bool:
    return module == name if name == "annotator" else _within(module, name)


def floor_of(module: str) -> int | None:
    """The floor of an annotator module (the longest matching name wins), else None."""
    best: tuple[int, int] | None = None
    for level, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            if _in_floor(module, prefix) and (best is None or len(prefix) > best[1]):
                best = (level, len(prefix))
    return None if best is None else best[0]


def module_sources(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """Dotted module name -> source text of every module of the package."""
    out: dict[str, str] = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = path.relative_to(package_dir.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path.read_text(encoding="utf-8")
    return out


def imports_of(module: str, source: str, is_package: bool, known: Iterable[str]) -> set[str]:
    """Every module *source* imports: ``from a.b import c`` counts as ``a.b`` and, when
    ``a.b.c`` is a module, as ``a.b.c`` too; relative imports are resolved."""
    known = set(known)
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known)
    return found


def import_graph(sources: Mapping[str, str], packages: Iterable[str]) -> dict[str, set[str]]:
    packages = set(packages)
    return {name: imports_of(name, src, name in packages, sources) for name, src in sources.items()}


def real_graph() -> dict[str, set[str]]:
    sources = module_sources()
    packages = {".".join(p.relative_to(PACKAGE_DIR.parent).parts[:-1]) for p in PACKAGE_DIR.rglob("__init__.py")}
    return import_graph(sources, packages)


def layer_violations(graph: Mapping[str, set[str]]) -> list[str]:
    """Imports that point up (or sideways from gui to cli), and modules in no floor."""
    problems: list[str] = []
    for module, imported in sorted(graph.items()):
        here = floor_of(module)
        if here is None:
            problems.append(f"{module} is in no floor: add its package to FLOORS")
            continue
        for target in sorted(imported):
            if not _within(target, "annotator"):
                continue
            there = floor_of(target)
            if there is None or there > here:
                problems.append(f"{module} imports {target}, a floor above it")
            elif _within(module, "annotator.gui") and _within(target, "annotator.cli"):
                problems.append(f"{module} imports {target}: the window never depends on the command line")
    return problems


def qt_violations(graph: Mapping[str, set[str]]) -> list[str]:
    return [f"{module} imports {target}: Qt belongs in annotator.gui only"
            for module, imported in sorted(graph.items()) if not _within(module, "annotator.gui")
            for target in sorted(imported) if target.split(".")[0] in QT]


def sql_speakers(graph: Mapping[str, set[str]]) -> dict[str, list[str]]:
    """Modules outside annotator.storage that import sqlalchemy, alembic or the ORM tables."""
    out: dict[str, list[str]] = {}
    for module, imported in sorted(graph.items()):
        if _within(module, "annotator.storage"):
            continue
        what = sorted(t for t in imported if t.split(".")[0] in SQL or _within(t, TABLES))
        if what:
            out[module] = what
    return out


def sql_violations(graph: Mapping[str, set[str]]) -> list[str]:
    return [f"{module} imports {', '.join(what)}: only annotator.storage speaks SQL "
            "(give storage a function that returns core values)"
            for module, what in sql_speakers(graph).items()]


def test_imports_point_downward() -> None:
    graph = real_graph()
    assert "annotator.storage.database" in graph["annotator.services.project"]  # the scan sees imports
    problems = layer_violations(graph)
    assert not problems, "\n".join(problems)


def test_no_module_below_gui_imports_qt() -> None:
    graph = real_graph()
    assert any(t.startswith("PySide6") for t in graph["annotator.gui.app"])  # the scan sees Qt where it is
    problems = qt_violations(graph)
    assert not problems, "\n".join(problems)


def test_only_storage_speaks_sql() -> None:
    graph = real_graph()
    assert "sqlalchemy" in graph["annotator.storage.database"]  # the scan sees SQL where it is
    problems = sql_violations(graph)
    assert not problems, "\n".join(problems)


def test_the_contract_catches_bad_imports() -> None:
    """Each rule fails on a module that breaks it (the checks above cannot pass vacuously)."""
    sources = {
        "annotator.core.fake": "from annotator.services import project\n",
        "annotator.formats.fake": "def f():\n    from ..storage import database\n",
        "annotator.services.fake": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                   "    from sqlalchemy.orm import Session\n",
        "annotator.services.typed": "from annotator.storage import tables\n",
        "annotator.services.clean": "from annotator.storage import database\n",
        "annotator.storage.fine": "import sqlalchemy\nfrom annotator.core import values\n",
        "annotator.gui.fake": "from annotator.cli import main\nfrom PySide6.QtWidgets import QWidget\n",
        "annotator.cli.fine": "from annotator.gui import app\n",
        "annotator.storage.qt": "import shiboken6\n",
        "annotator.newfloor.x": "",
        "annotator.services.project": "", "annotator.storage.database": "", "annotator.storage.tables": "",
        "annotator.gui.app": "", "annotator.cli.main": "", "annotator.core.values": "",
    }
    graph = import_graph(sources, packages=())
    assert graph["annotator.formats.fake"] == {"annotator.storage", "annotator.storage.database"}
    assert layer_violations(graph) == [
        "annotator.core.fake imports annotator.services, a floor above it",
        "annotator.core.fake imports annotator.services.project, a floor above it",
        "annotator.formats.fake imports annotator.storage, a floor above it",
        "annotator.formats.fake imports annotator.storage.database, a floor above it",
        "annotator.gui.fake imports annotator.cli: the window never depends on the command line",
        "annotator.gui.fake imports annotator.cli.main: the window never depends on the command line",
        "annotator.newfloor.x is in no floor: add its package to FLOORS",
    ]
    assert qt_violations(graph) == ["annotator.storage.qt imports shiboken6: Qt belongs in annotator.gui only"]
    problems = sql_violations(graph)
    assert [p.split(":")[0] for p in problems] == [
        "annotator.services.fake imports sqlalchemy.orm",
        "annotator.services.typed imports annotator.storage.tables",
    ]


def test_no_module_below_gui_imports_pyside6() -> None:
    """Importing every module below gui (and the CLI) loads no Qt, transitively."""
    modules = [m.name for m in pkgutil.walk_packages(annotator.__path__, "annotator.")
               if not m.name.startswith("annotator.gui") and m.name != "annotator.__main__"]
    assert "annotator.core.offsets" in modules and "annotator.cli.import_cmd" in modules
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
