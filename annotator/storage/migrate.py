"""Schema migrations with alembic: upgrade on open, after a backup, and refuse a
database written by a newer program.

The alembic environment lives in ``db/`` (shipped in the wheel); its config is
built here in code, so an installed or frozen program finds it.

Opening a project that is already at the newest revision (nearly every open) does not
import alembic or read its scripts: :data:`REVISIONS` lists them, and
tests/storage/test_migrations.py checks it against alembic's own history.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text

from annotator.core.errors import DatabaseVersionError
from annotator.resources import migrations_dir
from annotator.storage.database import Database, StoredVersion

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

#: the revisions in db/versions, oldest first (a new migration is added here too; a test
#: fails until it is)
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _config(database: Database) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", database.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


@functools.lru_cache(maxsize=4)
def _scripts(folder: str) -> ScriptDirectory:
    """The migration scripts of *folder*, read once per process (reading compiles every revision file)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(folder)


def scripts() -> ScriptDirectory:
    """alembic's view of db/versions (for the test that keeps :data:`REVISIONS` true)."""
    return _scripts(str(migrations_dir()))


def head_revision() -> str:
    return REVISIONS[-1]


def current_revision(database: Database) -> str | None:
    return stored_version(database).revision


def stored_version(database: Database) -> StoredVersion:
    """The database's revision and tables (reads only)."""
    with database.engine.connect() as conn:
        tables = frozenset(inspect(conn).get_table_names())
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all() \
            if "alembic_version" in tables else []
    return StoredVersion(rows[0][0] if rows else None, tables)


def check_revision(where: str, stored: StoredVersion) -> None:
    """Raise if *stored* is a revision this program does not know, or not an annotator project."""
    rev = stored.revision
    if rev is not None:
        if rev not in REVISIONS:
            raise DatabaseVersionError(
                f"{where}: this project was written by a newer version of annotator "
                f"(database revision {rev}; this program knows up to {head_revision()}). "
                "Install the newer annotator to open it; nothing was changed."
            )
    elif stored.tables:
        raise DatabaseVersionError(
            f"{where}: this is not an annotator project "
            f"(it has tables {', '.join(sorted(stored.tables)[:5])} but no annotator version); nothing was changed."
        )


def check_not_newer(database: Database) -> str | None:
    """Raise if the database has a revision this program does not know."""
    stored = stored_version(database)
    check_revision(database.display_url, stored)
    return stored.revision


def backup_sqlite(database: Database, revision: str) -> Path:
    """Copy a SQLite project consistently (WAL included) before an upgrade."""
    source = Path(str(database.url.database))
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = source.with_name(f"{source.stem}.backup-{revision}-{stamp}{source.suffix}")
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(database: Database) -> UpgradeResult:
    """Bring the database to the newest revision; back it up first if it has data."""
    before = check_not_newer(database)
    head = head_revision()
    if before == head:
        return UpgradeResult(before, head, None)
    backup = None
    if before is not None and database.is_sqlite:
        backup = backup_sqlite(database, before)
    from alembic import command

    cfg = _config(database)
    with database.engine.begin() as conn:
        if database.is_sqlite:
            # pysqlite begins a transaction only before INSERT/UPDATE/DELETE: without this
            # BEGIN each ALTER, CREATE and DROP of a migration commits on its own, and a kill
            # between two of them leaves a half-upgraded file that the next upgrade refuses
            # ("duplicate column name"). SQLite's DDL is transactional: all or nothing.
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(before, head, backup)
