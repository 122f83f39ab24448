"""Open a project database by SQLAlchemy URL, upgrading it first if needed.

A bare path means a SQLite file. The engine is built at run time, never at
import. SQLite runs with foreign keys on, WAL journaling and a busy timeout.

Opening never changes a file it then refuses: an existing SQLite file is first
read through a read-only connection (is it a database, an annotator project, of
a version this program knows?), and only then opened for writing. Every reason
a project cannot be opened is a :class:`ProjectOpenError` with a one-line
message (a missing folder, a folder, a file that is not a database, a server
that does not answer); :class:`NoProjectError` when there is no project and the
caller did not ask to create one.
"""

from __future__ import annotations

import importlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote
from weakref import WeakKeyDictionary

from platformdirs import user_data_dir
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL as URL  # re-exported: callers above storage name the type of a project's address
from sqlalchemy.engine import make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection
from sqlalchemy.sql import text

from annotator.core.errors import AnnotatorError

ENV_VAR = "ANNOTATOR_DB"
BUSY_TIMEOUT_MS = 10_000
CONNECT_TIMEOUT_S = 10  # a PostgreSQL server that does not answer


class ProjectOpenError(AnnotatorError):
    """The project database cannot be opened; the message is one line for the user."""


class NoProjectError(ProjectOpenError):
    """There is no project at this place, and the caller did not ask to create one."""

    def __init__(self, where: str, detail: str = "") -> None:
        self.where = where
        super().__init__(f"no project at {where}{detail}")

#: How long a write waits for another program's write lock (ms); None: BUSY_TIMEOUT_MS.
_busy_ms: ContextVar[int | None] = ContextVar("annotator_busy_ms", default=None)


#: The transaction ``Database.unit_of_work()`` yields. Services pass it from one storage
#: function to the next so that they commit together, and name its type with this alias:
#: only storage/ imports sqlalchemy.
UnitOfWork = Session


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
        return URL.create("sqlite", database=str(default_database_path()))
    if "://" in value:
        try:
            return make_url(value)
        except (ArgumentError, ValueError):  # the value may hold a password: name only its scheme
            raise ProjectOpenError(f"cannot open project: {value.split('://')[0]}://… is not a valid "
                                   "database URL") from None
    path = Path(value).expanduser().resolve()
    return URL.create("sqlite", database=str(path))


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_checkout(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry,
                     _proxy: PoolProxiedConnection) -> None:
    """Give the connection the busy timeout of the block it is used in (see waiting_at_most)."""
    wanted = _busy_ms.get()
    wanted = BUSY_TIMEOUT_MS if wanted is None else wanted
    if record.info.get("busy_ms", BUSY_TIMEOUT_MS) != wanted:
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(wanted)}")
        cursor.close()
        record.info["busy_ms"] = wanted


def display(url: URL) -> str:
    """The project as the user names it: a SQLite file's path, else the URL without its password."""
    if url.get_backend_name() == "sqlite" and url.database:
        return str(url.database)
    return url.render_as_string(hide_password=True)


def one_line(exc: BaseException) -> str:
    """A driver's message (psycopg's spans lines) as one line, without SQLAlchemy's links."""
    orig = getattr(exc, "orig", None) or exc
    return "; ".join(line.strip() for line in str(orig).splitlines() if line.strip()) or type(orig).__name__


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:" \
            or url.database.startswith("file:"):
        return None
    return Path(url.database)


#: the service name under which a member's PostgreSQL password may be kept in the system keyring
KEYRING_SERVICE = "annotator"


def with_keyring_password(url: URL) -> URL:
    """*url* with the password the system keyring holds for it, when the URL has none and the
    optional ``keyring`` package is installed (entry: service ``annotator``, user
    ``NAME@HOST/DATABASE``); else *url* unchanged, and libpq reads ``~/.pgpass`` as usual."""
    if url.get_backend_name() != "postgresql" or url.password is not None or not url.username:
        return url
    try:
        keyring = importlib.import_module("keyring")
        secret = keyring.get_password(KEYRING_SERVICE, f"{url.username}@{url.host or 'localhost'}/{url.database}")
    except Exception:  # noqa: BLE001 (no keyring package, no keyring backend: the pgpass file is the way)
        return url
    return url.set(password=secret) if isinstance(secret, str) and secret else url


def build_engine(url: URL) -> Engine:
    url = with_keyring_password(url)
    try:
        if url.get_backend_name() == "sqlite":
            path = _sqlite_file(url)
            if path is not None and not path.parent.is_dir():
                raise ProjectOpenError(f"cannot open project {path}: the folder {path.parent} does not exist")
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "checkout", _sqlite_checkout)
            return engine
        if url.get_backend_name() == "postgresql":
            from annotator.storage.tables import add_postgresql_options

            add_postgresql_options()
        args = {"connect_timeout": CONNECT_TIMEOUT_S} if url.get_backend_name() == "postgresql" \
            and "connect_timeout" not in url.query else {}
        return create_engine(url, pool_pre_ping=True, connect_args=args)
    except NoSuchModuleError:
        raise ProjectOpenError(f"cannot open project {display(url)}: unknown kind of database "
                               f"{url.drivername!r}") from None
    except ModuleNotFoundError as exc:
        hint = " (pip install 'annotator[postgresql]')" if url.get_backend_name() == "postgresql" else ""
        raise ProjectOpenError(f"cannot open project {display(url)}: its database driver {exc.name!r} "
                               f"is not installed{hint}") from None


@dataclass(frozen=True)
class StoredVersion:
    """What a database holds before anything is changed: its revision and its tables."""

    revision: str | None
    tables: frozenset[str]

    @property
    def empty(self) -> bool:
        return self.revision is None and not self.tables


def read_sqlite_version(path: Path) -> StoredVersion:
    """The revision and tables of the SQLite file *path*, read without changing a byte
    (a read-only connection: no WAL switch, no header rewrite)."""
    # Without a -wal or -journal file beside it the file holds everything: read it as
    # immutable (no locks, no -shm/-wal files made). Otherwise read-only, through them.
    settled = not any(path.with_name(path.name + s).exists() for s in ("-wal", "-journal"))
    uri = f"file:{quote(str(path))}?{'immutable=1' if settled else 'mode=ro'}"
    try:
        con = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ProjectOpenError(f"cannot open project {path}: {one_line(exc)}") from None
    try:
        try:
            tables = frozenset(r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            rows = con.execute("SELECT version_num FROM alembic_version").fetchall() \
                if "alembic_version" in tables else []
        except sqlite3.DatabaseError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise  # a hot journal to roll back first: the caller opens it normally
            if "not a database" in str(exc):
                raise ProjectOpenError(f"cannot open project {path}: not a SQLite database") from None
            raise ProjectOpenError(f"cannot open project {path}: {one_line(exc)}") from None
    finally:
        con.close()
    return StoredVersion(rows[0][0] if rows else None, tables)


@dataclass
class Database:
    """An open project database: its URL, engine and unit-of-work factory."""

    url: URL
    engine: Engine

    def __post_init__(self) -> None:
        from annotator.storage.imports import install_visibility  # it needs the models; they need nothing here

        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        install_visibility(self._sessions)  # every read ignores the rows of an import still being written

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def display_url(self) -> str:
        return display(self.url)

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
        except DBAPIError as exc:
            session.rollback()
            from annotator.storage.rls import refusal

            refused = refusal(exc)  # a team server's GRANTs and row-level security: one line, not a traceback
            if refused is not None:
                raise refused from exc
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
    from annotator.storage import imports
    from annotator.storage.rls import ServerRefused

    # a team member's connection may not remove an import (a manager's next opening will)
    with suppress(DatabaseLocked, ServerRefused):
        imports.remove_abandoned(database)


def _check_sqlite_before_opening(path: Path, create: bool) -> None:
    """Refuse what is not a project (or is one of a newer version) before any write."""
    from annotator.storage import migrate

    if path.is_dir():
        raise ProjectOpenError(f"cannot open project {path}: it is a folder, not a project file")
    if not path.parent.is_dir():
        if not create and path == default_database_path():
            raise NoProjectError(str(path))  # its data folder is made with it
        raise ProjectOpenError(f"cannot open project {path}: the folder {path.parent} does not exist")
    if not path.exists():
        if not create:
            raise NoProjectError(str(path))
        return
    try:
        stored = read_sqlite_version(path)
    except sqlite3.OperationalError:
        return  # an interrupted write left a journal that only a writing connection can roll back
    migrate.check_revision(str(path), stored)
    if stored.empty and not create:
        raise NoProjectError(str(path), " (the file is an empty database)")


def open_database(db: str | os.PathLike[str] | URL | None = None, *, upgrade: bool = True,
                  create: bool = True) -> Database:
    """Open (and by default upgrade) the project database at *db*.

    With ``create=False`` a missing file or an empty database is refused with
    :class:`NoProjectError` instead of becoming a new project. Anything else that
    keeps the project from opening is a :class:`ProjectOpenError` (one line), and a
    database of a newer program a ``DatabaseVersionError``; in those cases nothing
    was written.
    """
    from annotator.storage import migrate  # local: alembic is only needed here

    url = db if isinstance(db, URL) else resolve_url(db)
    path = _sqlite_file(url)
    if path is not None:
        if create and path == default_database_path():
            path.parent.mkdir(parents=True, exist_ok=True)  # the data folder, made on first use
        _check_sqlite_before_opening(path, create)
    database = Database(url, build_engine(url))
    try:
        if not create and path is None and migrate.stored_version(database).empty:
            raise NoProjectError(display(url), " (an empty database)")
        if upgrade:
            migrate.upgrade(database)
            _remove_abandoned_imports(database)
        else:
            migrate.check_not_newer(database)
    except DBAPIError as exc:
        database.close()
        raise ProjectOpenError(f"cannot open project {display(url)}: {one_line(exc)}") from None
    except BaseException:
        database.close()
        raise
    return database


Row = TypeVar("Row")

def get_or_create(session: Session, find: Callable[[], Row | None], make: Callable[[], Row]) -> Row:
    """The row *find* returns, else a new one from *make*, inserted; safe against a
    concurrent writer inserting the same unique key.

    SQLite: the write lock is taken before looking again, so nobody can insert it in
    between. Everywhere: the insert runs in a savepoint; if another writer still got
    there first (PostgreSQL, where this takes no lock so that a long import does not
    hold up an annotator's first edit), the savepoint rolls back and the row is read
    again, instead of the transaction ending in an error.
    """
    row = find()
    if row is not None:
        return row
    if session.get_bind().dialect.name == "sqlite":
        begin_write(session)
        row = find()
        if row is not None:
            return row
    try:
        with session.begin_nested():
            row = make()
            session.add(row)
    except IntegrityError:
        row = find()
        if row is None:
            raise
    return row


#: the SQLite tables (full-text indexes) each engine's database was found to have or lack
_SQLITE_TABLES: WeakKeyDictionary[Engine, dict[str, bool]] = WeakKeyDictionary()


def sqlite_has_table(session: Session, name: str) -> bool:
    """Whether the session's database is SQLite with table *name* (an FTS5 index a migration
    makes only where the library has the trigram tokenizer); asked once per engine."""
    bind = session.get_bind()
    engine = bind.engine if isinstance(bind, Connection) else bind
    known = _SQLITE_TABLES.setdefault(engine, {})
    if name not in known:
        known[name] = engine.dialect.name == "sqlite" and session.scalar(
            text("SELECT count(*) FROM sqlite_master WHERE name = :name").bindparams(name=name)) == 1
    return known[name]
