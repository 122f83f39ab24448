"""The package list for setuptools, and the translations compiled at build time; everything
else is in pyproject.toml.

Every package under ``annotator/`` is discovered, so a new subpackage ships without
editing a list (a hand-kept list once left ``annotator.gui.adjudication`` out of the
wheel). The migrations (``db/``) and the resources (``resources/``) ship as
``annotator._db`` and ``annotator._resources`` through pyproject's package-dir
mapping, which pyproject's own discovery cannot combine with a search.

The interface's translations (``resources/translations/*.ts``) are compiled into ``.qm``
files by ``pyside6-lrelease`` while the wheel is built, never committed: build with the
build requirements (pyproject's ``[build-system]``, so ``pip install .`` brings it) or
the program's own environment (``pip wheel --no-build-isolation``).
"""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import find_packages, setup
from setuptools.command.build_py import build_py


def _lrelease() -> str | None:
    """Qt's lrelease: the one in the PySide6 package the build sees, else pyside6-lrelease."""
    spec = importlib.util.find_spec("PySide6")
    if spec is not None and spec.origin:
        inside = Path(spec.origin).parent / "lrelease"
        if inside.is_file():
            return str(inside)
    beside = Path(sys.executable).with_name("pyside6-lrelease")
    return str(beside) if beside.is_file() else shutil.which("pyside6-lrelease")


class BuildWithTranslations(build_py):
    def run(self) -> None:
        super().run()
        sources = sorted(Path("resources/translations").glob("*.ts"))
        if not sources:
            return
        lrelease = _lrelease()
        if lrelease is None:
            raise SystemExit("building annotator needs pyside6-lrelease (PySide6) to compile the translations: "
                             "pip install PySide6-Essentials, then build with --no-build-isolation")
        out = Path(self.build_lib) / "annotator" / "_resources" / "translations"
        out.mkdir(parents=True, exist_ok=True)
        for ts in sources:
            subprocess.run([lrelease, "-silent", str(ts), "-qm", str(out / ts.with_suffix(".qm").name)], check=True)


setup(packages=[*find_packages(include=["annotator", "annotator.*"]),
                "annotator._db", "annotator._db.versions", "annotator._resources"],
      cmdclass={"build_py": BuildWithTranslations})
