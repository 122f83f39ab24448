"""Open a project database by SQLAlchemy URL, upgrading it first if needed.

A bare path means a SQLite file. The engine is built at run time, never at
import. SQLite runs with foreign keys on, WAL journaling and a busy timeout.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import text

from annotator.core.errors import AnnotatorError

ENV_VAR = "ANNOTATOR_DB"
BUSY_TIMEOUT_MS = 10_000

#: How long a write waits for another program's write lock (ms); None: BUSY_TIMEOUT_MS.
_busy_ms: ContextVar[int | None] = ContextVar("annotator_busy_ms", default=None)


class DatabaseLocked(AnnotatorError):
    """Another program held the write lock longer than this write would wait; nothing was written."""


def is_lock_error(exc: BaseException) -> bool:
    """True for SQLite's "database is locked" / "database table is locked" (SQLITE_BUSY, SQLITE_LOCKED)."""
    orig = getattr(exc, "orig", exc)
    if isinstance(orig, sqlite3.OperationalError):
        code = getattr(orig, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
        return "locked" in str(orig)
    return False


@contextmanager
def waiting_at_most(ms: int | None) -> Iterator[None]:
    """Writes in this block wait at most *ms* for another program's lock, then raise DatabaseLocked.

    The window writes with a short wait and retries from a timer, so it never
    blocks for long; the command line keeps the default (BUSY_TIMEOUT_MS)."""
    token = _busy_ms.set(ms)
    try:
        yield
    finally:
        _busy_ms.reset(token)


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


def _sqlite_checkout(dbapi_connection, record, _proxy) -> None:  # type: ignore[no-untyped-def]
    """Give the connection the busy timeout of the block it is used in (see waiting_at_most)."""
    wanted = _busy_ms.get()
    wanted = BUSY_TIMEOUT_MS if wanted is None else wanted
    if record.info.get("busy_ms", BUSY_TIMEOUT_MS) != wanted:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(wanted)}")
        cursor.close()
        record.info["busy_ms"] = wanted


def build_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            parent = Path(url.database).parent
            if not parent.is_dir():
                raise FileNotFoundError(f"folder {parent} for database {url.database} does not exist")
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "checkout", _sqlite_checkout)
        return engine
    return create_engine(url, pool_pre_ping=True)


@dataclass
class Database:
    """An open project database: its URL, engine and unit-of-work factory."""

    url: URL
    engine: Engine

    def __post_init__(self) -> None:
        from annotator.storage.batches import install_visibility  # it needs the models; they need nothing here

        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_visibility(self._sessions)  # every read ignores the rows of an import still being written

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
        except OperationalError as exc:
            session.rollback()
            if is_lock_error(exc):
                waited = _busy_ms.get()
                waited = BUSY_TIMEOUT_MS if waited is None else waited
                raise DatabaseLocked(f"{self.display_url} is locked by another program (waited {waited / 1000:g} s); "
                                     "nothing was written") from exc
            raise
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


def _remove_abandoned_imports(database: Database) -> None:
    """An import that crashed left an invisible staging batch: remove it now (next time if locked)."""
    from annotator.storage import batches

    try:
        batches.remove_abandoned(database)
    except DatabaseLocked:
        pass


def open_database(db: str | os.PathLike[str] | URL | None = None, *, upgrade: bool = True) -> Database:
    """Open (and by default create or upgrade) the project database at *db*."""
    from annotator.storage import migrate  # local: alembic is only needed here

    url = db if isinstance(db, URL) else resolve_url(db)
    database = Database(url, build_engine(url))
    try:
        if upgrade:
            migrate.upgrade(database)
            _remove_abandoned_imports(database)
        else:
            migrate.check_not_newer(database)
    except BaseException:
        database.close()
        raise
    return database
