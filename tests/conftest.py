"""Shared fixtures (no Qt here: the GUI tests have their own conftest)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Arabic test text written for the tests: a claim, an actor and a date, with
# harakat, tatweel, Western and Arabic-Indic digits, Latin inside Arabic, an emoji.
ARABIC = (
    "أعلنَ وزير النقل سامر الخطيب يوم الخميس أن معبر الوادي سيُفتح في ١٥ آذار/مارس 2027.\n"
    "وقال مسؤول في شركة NorthGate إن «الاتفاق نهائي» 🙂 ولن يتأخر أكثر من أسبوعين.\n"
)


#: a PostgreSQL database the tests may wipe (.ci/run starts one); unset: those tests skip
PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")


def fresh_postgres(url: str) -> str:
    """Empty the PostgreSQL database at *url* (drop and recreate its public schema); returns *url*."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the real user's data folder or settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "project.sqlite"


@pytest.fixture
def project(db_path: Path):  # type: ignore[no-untyped-def]
    from annotator.services.project import Project

    p = Project.open(db_path)
    yield p
    p.close()


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))
    return path


@pytest.fixture
def write_file():  # type: ignore[no-untyped-def]
    return write


def db_snapshot(db_path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to prove a failed operation changed nothing."""
    import sqlite3

    con = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


@pytest.fixture
def snapshot():  # type: ignore[no-untyped-def]
    return db_snapshot


os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(__file__).parent / ".hypothesis"))
