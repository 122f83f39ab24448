"""Schema migrations with alembic: upgrade on open, after a backup, and refuse a
database written by a newer program.

The alembic environment lives in ``db/`` (shipped in the wheel); its config is
built here in code, so an installed or frozen program finds it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from annotator.core.errors import DatabaseVersionError
from annotator.resources import migrations_dir
from annotator.storage.database import Database


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _config(database: Database) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("sqlalchemy.url", database.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str:
    script = ScriptDirectory(str(migrations_dir()))
    head = script.get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(database: Database) -> str | None:
    """Raise if the database has a revision this program does not know."""
    rev = current_revision(database)
    script = ScriptDirectory(str(migrations_dir()))
    known = {s.revision for s in script.walk_revisions()}
    if rev is not None and rev not in known:
        raise DatabaseVersionError(
            f"{database.display_url}: this project was written by a newer version of annotator "
            f"(database revision {rev}; this program knows up to {head_revision()}). "
            "Install the newer annotator to open it; nothing was changed."
        )
    if rev is None:
        with database.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if tables:
            raise DatabaseVersionError(
                f"{database.display_url}: this is not an annotator project "
                f"(it has tables {', '.join(sorted(tables)[:5])} but no annotator version); nothing was changed."
            )
    return rev


def backup_sqlite(database: Database, revision: str) -> Path:
    """Copy a SQLite project consistently (WAL included) before an upgrade."""
    source = Path(str(database.url.database))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
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
    cfg = _config(database)
    with database.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return UpgradeResult(before, head, backup)
