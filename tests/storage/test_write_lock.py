"""begin_write: from the moment it is called, the unit of work holds the write lock,
even when it has only read so far (pysqlite alone would begin at the first write)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.storage.database import begin_write, open_database
from annotator.storage.tables import DocumentRow


def other_writer_is_locked_out(db_path: Path) -> bool:
    other = sqlite3.connect(db_path, timeout=0)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
        return False
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return True
    finally:
        other.close()


def test_a_read_then_begin_write_holds_the_lock_until_commit(db_path: Path) -> None:
    db = open_database(db_path)
    with db.unit_of_work() as s:
        s.execute(select(DocumentRow.id)).all()  # what a plan reads first
        assert not other_writer_is_locked_out(db_path)  # reading alone locks nobody out
        begin_write(s)
        assert other_writer_is_locked_out(db_path)
        s.execute(select(DocumentRow.id)).all()
        begin_write(s)  # twice is harmless
        assert other_writer_is_locked_out(db_path)
    assert not other_writer_is_locked_out(db_path)
    db.close()


def test_begin_write_after_a_write_keeps_the_same_transaction(db_path: Path) -> None:
    from annotator.storage.tables import ProjectSetting

    db = open_database(db_path)
    with pytest.raises(RuntimeError), db.unit_of_work() as s:  # noqa: PT012 (the raise rolls the whole block back)
        s.add(ProjectSetting(key="k", value="v"))
        s.flush()
        begin_write(s)
        raise RuntimeError("roll back")
    with db.unit_of_work() as s:
        assert s.get(ProjectSetting, "k") is None  # the flushed row went with the rollback
    db.close()
