"""Where the program's own data lives, in a checkout and in an installed wheel.

In a source checkout ``resources/`` and ``db/`` sit beside the package; a wheel
carries them inside it as ``annotator/_resources`` and ``annotator/_db``
(see ``[tool.setuptools.package-dir]`` in pyproject.toml).
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(checkout_name: str, packaged_name: str) -> Path:
    packaged = _PACKAGE / packaged_name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / checkout_name


def resources_dir() -> Path:
    return _find("resources", "_resources")


def migrations_dir() -> Path:
    return _find("db", "_db")


def default_schema_path() -> Path:
    return resources_dir() / "schemas" / "default.toml"


def samples_dir() -> Path:
    return resources_dir() / "samples"
