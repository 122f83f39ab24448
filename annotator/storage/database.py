"""Open a project database by SQLAlchemy URL, upgrading it first if needed.

A bare path means a SQLite file. The engine is built at run time, never at
import. SQLite runs with foreign keys on, WAL journaling and a busy timeout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import text

ENV_VAR = "ANNOTATOR_DB"
BUSY_TIMEOUT_MS = 10_000


def default_database_path() -> Path:
    """The default project: a SQLite file in the user's data folder."""
    return Path(user_data_dir("annotator", appauthor=False)) / "project.sqlite"


def resolve_url(db: str | os.PathLike[str] | None = None) -> URL:
    """``--db`` value, else ``$ANNOTATOR_DB``, else the default file, as a URL."""
    value = os.fspath(db) if db is not None else os.environ.get(ENV_VAR) or None
    if value is None:
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(path))
    if "://" in value:
        return make_url(value)
    path = Path(value).expanduser().resolve()
    return URL.create("sqlite", database=str(path))


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def build_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            parent = Path(url.database).parent
            if not parent.is_dir():
                raise FileNotFoundError(f"folder {parent} for database {url.database} does not exist")
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    """An open project database: its URL, engine and unit-of-work factory."""

    url: URL
    engine: Engine

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_url(self) -> str:
        if self.is_sqlite:
            return str(self.url.database)
        return self.url.render_as_string(hide_password=True)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One transaction: committed on success, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


#: The PostgreSQL advisory lock every :func:`begin_write` unit of work takes (any fixed number).
WRITE_LOCK_KEY = 0x616E6E6F


def begin_write(session: Session) -> None:
    """Take the project's write lock now, for the rest of *session*'s transaction.

    Call it first in a unit of work that reads what it then writes against (a gold
    plan, a get-or-create, the hashes an import checks): whatever it reads after
    this, no other writer can change until it commits.

    SQLite: ``BEGIN IMMEDIATE`` (waits up to the busy timeout for other writers).
    pysqlite otherwise begins a transaction only at the first INSERT/UPDATE/DELETE,
    so the SELECTs before it run outside any transaction and another process can
    commit between the reading and the writing. If the transaction has already
    begun, it began with a write and holds the lock already.
    PostgreSQL: a transaction-level advisory lock that every ``begin_write`` takes,
    so these units of work run one after the other (reads in READ COMMITTED then see
    what the previous one committed); ordinary writes are not held up by it.
    """
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        if not conn.connection.driver_connection.in_transaction:  # type: ignore[union-attr]
            conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})


def open_database(db: str | os.PathLike[str] | URL | None = None, *, upgrade: bool = True) -> Database:
    """Open (and by default create or upgrade) the project database at *db*."""
    from annotator.storage import migrate  # local: alembic is only needed here

    url = db if isinstance(db, URL) else resolve_url(db)
    database = Database(url, build_engine(url))
    try:
        if upgrade:
            migrate.upgrade(database)
        else:
            migrate.check_not_newer(database)
    except BaseException:
        database.close()
        raise
    return database
