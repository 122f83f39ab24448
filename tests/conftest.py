"""Shared fixtures (no Qt here: the GUI tests have their own conftest)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# Arabic test text written for the tests: a claim, an actor and a date, with
# harakat, tatweel, Western and Arabic-Indic digits, Latin inside Arabic, an emoji.
ARABIC = (
    "أعلنَ وزير النقل سامر الخطيب يوم الخميس أن معبر الوادي سيُفتح في ١٥ آذار/مارس 2027.\n"
    "وقال مسؤول في شركة NorthGate إن «الاتفاق نهائي» 🙂 ولن يتأخر أكثر من أسبوعين.\n"
)


def _per_worker_postgres(url: str | None) -> str | None:
    """Under pytest-xdist each worker wipes its own database ("<name>_gw0", ...), made here if missing,
    so two workers never drop each other's schema; a serial run keeps *url* as it is."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    import sqlalchemy as sa

    base = sa.make_url(url)
    if base.database.endswith(f"_{worker}"):
        return url  # this module imported a second time (as tests.conftest)
    mine = base.set(database=f"{base.database}_{worker}")
    engine = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            if (
                conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": mine.database}).first()
                is None
            ):
                conn.execute(sa.text(f'CREATE DATABASE "{mine.database}"'))
    finally:
        engine.dispose()
    return mine.render_as_string(hide_password=False)


#: a PostgreSQL database the tests may wipe (.ci/run starts one); unset: those tests skip.
#: The test modules read the variable when imported, after this conftest has pointed it at
#: this xdist worker's own database (subprocesses of the tests inherit it).
PG_URL = _per_worker_postgres(os.environ.get("ANNOTATOR_TEST_POSTGRES_URL"))
if PG_URL:
    os.environ["ANNOTATOR_TEST_POSTGRES_URL"] = PG_URL


def own_schema(url: str, schema: str) -> str:
    """*url* on an empty PostgreSQL schema of its own, first on the search path: a module-scoped
    project there outlives tests that empty the public schema on the same worker."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"}) \
        .render_as_string(hide_password=False)


def fresh_postgres(url: str) -> str:
    """Empty the PostgreSQL database at *url* (drop and recreate its public schema); returns *url*."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return url


_TEMPLATE: list[Path] = []  # this process's (xdist worker's) migrated template, made on first use


def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty project migrated to the newest revision, made once per worker by alembic."""
    if not _TEMPLATE:
        from annotator.storage import migrate
        from annotator.storage.database import open_database

        path = tmp_path_factory.mktemp("template") / "template.sqlite"
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(migrate, "upgrade", getattr(migrate.upgrade, "real", migrate.upgrade))
            open_database(path).close()
        _TEMPLATE.append(path)
    return _TEMPLATE[0]


@pytest.fixture(autouse=True)
def _new_projects_from_template(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A new SQLite project starts as a copy of the migrated template instead of running every
    migration again (the suite opens thousands); the program then finds it at the newest revision.

    Only files that do not exist yet are copied, before any connection is made, in this process
    (a subprocess migrates for real). ``@pytest.mark.fresh_migration`` runs alembic as users do.
    """
    if request.node.get_closest_marker("fresh_migration"):
        return
    from annotator.storage import migrate

    real_upgrade = migrate.upgrade

    def upgrade(database):  # type: ignore[no-untyped-def]
        path = database.url.database if database.is_sqlite else None
        if path and path != ":memory:" and not path.startswith("file:") and not Path(path).exists():
            shutil.copyfile(migrated_template(tmp_path_factory), path)
        return real_upgrade(database)

    upgrade.real = real_upgrade  # type: ignore[attr-defined]
    monkeypatch.setattr(migrate, "upgrade", upgrade)


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

    from annotator.storage.tables import UNMODELLED_PREFIXES

    con = sqlite3.connect(db_path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for fts in UNMODELLED_PREFIXES:
            if fts in tables:
                # A full-text index: its shadow tables hold segments that an insert and a delete
                # leave different bytes in; what counts is that it indexes exactly its content
                # table (compared below), which integrity-check proves.
                con.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
        tables = [t for t in tables if not t.startswith(UNMODELLED_PREFIXES)]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


@pytest.fixture
def snapshot():  # type: ignore[no-untyped-def]
    return db_snapshot


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``--dist loadgroup``) the tests that share the built wheel run in one
    worker, so the wheel is built and installed once."""
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if "wheel" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("wheel"))


# No test fails for being slow: a busy machine (two xdist workers, other jobs) is not a bug.
# The @settings of a test that sets its own deadline still wins.
settings.register_profile("suite", deadline=None)
settings.load_profile("suite")

os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(Path(__file__).parent / ".hypothesis"))
