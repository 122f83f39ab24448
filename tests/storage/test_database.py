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


@pytest.mark.fresh_migration
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


def _future_migration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> None:
    """A newer program's migrations: ours and revision 9000, whose ``upgrade()`` runs *body*."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), scripts)
    (scripts / "versions" / "9000_note.py").write_text(
        f'revision = "9000"\ndown_revision = "{migrate.head_revision()}"\nbranch_labels = None\n'
        "depends_on = None\nimport sqlalchemy as sa\nfrom alembic import op\n\n"
        f"def upgrade():\n    {body}\n\ndef downgrade():\n    pass\n"
    )
    monkeypatch.setattr(migrate, "migrations_dir", lambda: scripts)
    monkeypatch.setattr(migrate, "REVISIONS", (*migrate.REVISIONS, "9000"))  # the newer program's list


def test_upgrade_backs_up_first_then_migrates(tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A future migration applied to a project with data: backup first, then upgrade."""
    from annotator.services.project import Project

    p = Project.open(db_path)
    p.database.close()

    head = migrate.head_revision()
    _future_migration(tmp_path, monkeypatch, "with op.batch_alter_table('documents') as b:\n"
                                             "        b.add_column(sa.Column('note', sa.Text(), nullable=True))")
    db = open_database(db_path)
    with db.engine.connect() as conn:
        cols = [r[1] for r in conn.execute(text("PRAGMA table_info(documents)"))]
    db.close()
    assert "note" in cols
    [backup] = list(tmp_path.glob(f"project.backup-{head}-*.sqlite"))
    con = sqlite3.connect(backup)
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    con.close()


@pytest.mark.parametrize("change", [
    "op.add_column('documents', sa.Column('note', sa.Text(), nullable=True))",
    "with op.batch_alter_table('documents') as b:\n        b.add_column(sa.Column('note', sa.Text(), nullable=True))",
])
def test_an_upgrade_that_fails_half_way_leaves_the_project_as_it_was(
        tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch, change: str) -> None:
    """pysqlite begins a transaction only before INSERT/UPDATE/DELETE: unless the upgrade
    begins one itself, each ALTER commits on its own, and a kill (here: an error) after it
    leaves a file whose next upgrade fails with "duplicate column name"."""
    from annotator.core.text import text_sha256
    from annotator.core.values import Document
    from annotator.services.project import Project
    from annotator.storage import documents

    p = Project.open(db_path)
    text_ = "قالت الوزيرة إن الطريق سيفتح غدا"
    with p.database.unit_of_work() as s:
        documents.add_document(s, Document("d1", "t", text_, text_sha256(text_), "rtl"))
    p.close()
    before = sqlite3.connect(db_path).execute("PRAGMA table_info(documents)").fetchall()
    head = migrate.head_revision()
    _future_migration(tmp_path, monkeypatch, f"{change}\n    raise RuntimeError('killed half way')")
    with pytest.raises(Exception, match="killed half way"):
        open_database(db_path)
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA table_info(documents)").fetchall() == before
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == (head,)
    assert con.execute("SELECT id FROM documents").fetchall() == [("d1",)]
    con.close()


def test_a_first_version_project_with_spans_upgrades_to_head_keeping_them(db_path: Path) -> None:
    from alembic import command

    from annotator.storage.database import Database, build_engine, resolve_url

    url = resolve_url(db_path)
    old = Database(url, build_engine(url))
    cfg = migrate._config(old)
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.exec_driver_sql("INSERT INTO documents VALUES ('d', 't', 'قال', 'h', 3, 'rtl', '{}', NULL, '2026-01-01')")
        conn.exec_driver_sql(
            "INSERT INTO annotators (id, name, role, created_at) VALUES (1, 'alice', 'annotator', '2026-01-01')"
        )
        conn.exec_driver_sql(
            "INSERT INTO annotation_sets VALUES (1, 'd', 1, 'annotation', 'new', '2026-01-01', '2026-01-01', 0)"
        )
        conn.exec_driver_sql("INSERT INTO spans VALUES (1, 1, 's1', 0, 3, 'CLAIM', '{}', '2026-01-01', '2026-01-01')")
    old.close()
    from annotator.services.project import Project

    p = Project.open(db_path)
    assert [(s.id, s.start, s.end) for s in p.spans("d", "alice")] == [("s1", 0, 3)]
    assert migrate.current_revision(p.database) == migrate.head_revision()
    p.close()
    assert list(db_path.parent.glob("project.backup-0001-*.sqlite"))


def _sha256(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _refusable_project(db_path: Path, revision: str | None, journal: str = "delete") -> None:
    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    if revision is None:
        con.execute("DROP TABLE alembic_version")
    else:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.commit()
    assert con.execute(f"PRAGMA journal_mode={journal}").fetchone() == (journal,)
    con.close()


@pytest.mark.parametrize("journal", ["delete", "wal"])
@pytest.mark.parametrize(("revision", "message"), [("9999_from_the_future", "newer version of annotator"),
                                               (None, "not an annotator project")])
def test_a_refused_database_keeps_every_byte(db_path: Path, revision: str | None, message: str,
                                             journal: str) -> None:
    """Refusing a database (newer program, or not a project) reads it read-only first: no
    switch from a rollback journal to WAL (which rewrites the header), no -wal/-shm files
    left beside it, the same SHA-256."""
    _refusable_project(db_path, revision, journal)
    before, files = _sha256(db_path), sorted(p.name for p in db_path.parent.iterdir())
    for attempt in (lambda: open_database(db_path), lambda: open_database(db_path, upgrade=False),
                    lambda: open_database(db_path, create=False)):
        with pytest.raises(DatabaseVersionError, match=message) as info:
            attempt()
        assert "nothing was changed" in str(info.value)
        assert _sha256(db_path) == before
        assert sorted(p.name for p in db_path.parent.iterdir()) == files


def test_create_false_refuses_a_missing_or_empty_project_and_creates_nothing(tmp_path: Path) -> None:
    from annotator.storage.database import NoProjectError

    missing = tmp_path / "typo.sqlite"
    with pytest.raises(NoProjectError, match=f"^no project at {missing}$"):
        open_database(missing, create=False)
    assert list(tmp_path.iterdir()) == []
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    with pytest.raises(NoProjectError, match="empty database"):
        open_database(empty, create=False)
    assert empty.read_bytes() == b"" and sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]
    open_database(tmp_path / "new.sqlite").close()  # creating is the default
    db = open_database(tmp_path / "new.sqlite", create=False)  # and an existing project opens
    assert migrate.current_revision(db) == migrate.head_revision()
    db.close()


def test_the_default_project_is_not_created_by_a_reader(tmp_path: Path) -> None:
    from annotator.storage.database import NoProjectError

    with pytest.raises(NoProjectError):
        open_database(None, create=False)
    assert not default_database_path().parent.exists()
    open_database(None).close()
    assert default_database_path().is_file()


@pytest.mark.parametrize("case", ["missing folder", "a folder", "not a database", "postgresql refused",
                                  "unknown kind", "bad url"])
def test_every_way_a_project_cannot_open_is_one_line(tmp_path: Path, case: str) -> None:
    from annotator.storage.database import ProjectOpenError

    junk = tmp_path / "notes.sqlite"
    junk.write_text("these are notes, not a database\n" * 50)
    db, expected = {
        "missing folder": (tmp_path / "nowhere" / "p.sqlite", f"the folder {tmp_path / 'nowhere'} does not exist"),
        "a folder": (tmp_path, "it is a folder, not a project file"),
        "not a database": (junk, "not a SQLite database"),
        "postgresql refused": ("postgresql+psycopg://ann:secret@127.0.0.1:1/team", "127.0.0.1"),
        "unknown kind": ("nosuchdb://host/x", "unknown kind of database"),
        "bad url": ("postgresql://ann:secret@[::1/x", "not a valid database URL"),
    }[case]
    before = junk.read_bytes()
    with pytest.raises(ProjectOpenError) as info:
        open_database(db)
    message = str(info.value)
    assert expected in message and "\n" not in message and "secret" not in message
    assert junk.read_bytes() == before


def test_a_project_open_in_another_connection_opens_again_through_its_wal(db_path: Path) -> None:
    """The read-only look goes through the -wal file when there is one (another annotator
    has the project open): the version written there, not yet in the main file, counts."""
    first = open_database(db_path)
    with first.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        assert db_path.with_name(db_path.name + "-wal").exists()
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
        with pytest.raises(DatabaseVersionError, match="9999_from_the_future"):
            open_database(db_path, create=False)
        conn.exec_driver_sql(f"UPDATE alembic_version SET version_num = '{migrate.head_revision()}'")
        conn.commit()
        second = open_database(db_path, create=False)
        second.close()
    first.close()


def test_the_programs_list_of_revisions_is_alembics_history() -> None:
    """migrate.REVISIONS lets an open at the newest revision skip alembic; it must be
    exactly the scripts in db/versions, oldest first (add a new migration there too)."""
    script = migrate.scripts()
    history = [s.revision for s in script.walk_revisions()][::-1]
    assert tuple(history) == migrate.REVISIONS
    assert script.get_current_head() == migrate.head_revision()


def test_opening_a_project_at_the_newest_revision_does_not_load_alembic(db_path: Path) -> None:
    import subprocess
    import sys

    open_database(db_path).close()
    probe = ("import sys; from annotator.storage.database import open_database; "
             f"open_database({str(db_path)!r}).close(); print('alembic' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_sqlite_project_opens_without_loading_the_postgresql_dialect(db_path: Path) -> None:
    """Issue 13 (cold start): SQLAlchemy's PostgreSQL dialect costs about 80 ms to import; a
    SQLite project, in the window or on the command line, never needs it."""
    import os
    import subprocess
    import sys

    open_database(db_path).close()
    code = ("import sys\nfrom annotator.services.project import Project\n"
            f"Project.open({str(db_path)!r}).close()\n"
            "print(sorted(m for m in sys.modules if m.startswith('sqlalchemy.dialects.postgresql')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert out.stdout.strip() == "[]", out.stdout
