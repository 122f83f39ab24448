"""Opening, migrating, backing up and refusing databases."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from annotator.core.errors import DatabaseVersionError
from annotator.resources import migrations_dir
from annotator.storage import migrate
from annotator.storage.database import default_database_path, open_database, resolve_url


def test_bare_path_means_sqlite_and_env_var_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "a.sqlite").render_as_string() == f"sqlite:///{tmp_path}/a.sqlite"
    monkeypatch.setenv("ANNOTATOR_DB", f"sqlite:///{tmp_path}/env.sqlite")
    assert resolve_url(None).database == f"{tmp_path}/env.sqlite"
    monkeypatch.delenv("ANNOTATOR_DB")
    assert resolve_url(None).database == str(default_database_path())
    assert str(default_database_path()).startswith(str(Path.home()))  # the isolated test home


def test_sqlite_runs_with_foreign_keys_wal_and_busy_timeout(db_path: Path) -> None:
    db = open_database(db_path)
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    assert migrate.current_revision(db) == migrate.head_revision()
    db.close()


def test_database_newer_than_the_program_is_refused_untouched(db_path: Path, snapshot) -> None:
    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    before = snapshot(db_path)
    with pytest.raises(DatabaseVersionError, match="newer version of annotator"):
        open_database(db_path)
    assert snapshot(db_path) == before


def test_a_foreign_sqlite_file_is_not_taken_for_a_project(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE photos (id INTEGER)")
    con.close()
    with pytest.raises(DatabaseVersionError, match="not an annotator project"):
        open_database(db_path)


def test_upgrade_backs_up_first_then_migrates(tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A future migration 0002 applied to a 0001 project with data: backup, then upgrade."""
    from annotator.services.project import Project

    p = Project.open(db_path)
    p.database.close()

    scripts = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), scripts)
    (scripts / "versions" / "0002_note.py").write_text(
        'revision = "0002"\ndown_revision = "0001"\nbranch_labels = None\ndepends_on = None\n'
        "import sqlalchemy as sa\nfrom alembic import op\n\n"
        "def upgrade():\n    with op.batch_alter_table('documents') as b:\n"
        "        b.add_column(sa.Column('note', sa.Text(), nullable=True))\n\n"
        "def downgrade():\n    pass\n"
    )
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    db = open_database(db_path)
    with db.engine.connect() as conn:
        cols = [r[1] for r in conn.execute(text("PRAGMA table_info(documents)"))]
    db.close()
    assert "note" in cols
    [backup] = list(tmp_path.glob("project.backup-0001-*.sqlite"))
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    con.close()
