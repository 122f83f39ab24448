"""The same project on a real PostgreSQL server: the SQL stays portable.

Runs when ANNOTATOR_TEST_POSTGRES_URL names a server database (``.ci/run`` starts a
throwaway server and sets it); in CI it must not be skipped.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from annotator.resources import samples_dir
from annotator.services.annotate import AddSpan, DeleteSpan, UpdateSpan
from annotator.services.exporting import export_jsonl
from annotator.services.importing import import_paths
from annotator.services.project import Project
from annotator.storage import migrate

PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
if not PG_URL and os.environ.get("CI"):
    raise RuntimeError("CI must run the PostgreSQL tests: ANNOTATOR_TEST_POSTGRES_URL is not set")
pytestmark = pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_POSTGRES_URL to run against PostgreSQL")


@pytest.fixture
def pg_url() -> str:
    assert PG_URL
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


def annotate_and_export(project: Project, out: Path) -> None:
    import_paths(project, [samples_dir()])
    doc = project.documents()[0].id
    text_ = project.document(doc).text
    first_space = text_.index(" ")
    claim = AddSpan(doc, "alice", 0, text_.index(" ", first_space + 1), "CLAIM", span_id="c1")
    claim.do(project)
    AddSpan(doc, "alice", 0, first_space, "ACTOR", span_id="a1").do(project)
    relabel = UpdateSpan(doc, "alice", "a1", label="DATE")
    relabel.do(project)
    relabel.undo(project)
    gone = DeleteSpan(doc, "alice", "c1")
    gone.do(project)
    gone.undo(project)
    export_jsonl(project, out, annotator="alice")


def test_postgresql_and_sqlite_projects_export_the_same(pg_url: str, tmp_path: Path) -> None:
    pg = Project.open(pg_url)
    assert migrate.current_revision(pg.database) == migrate.head_revision()
    annotate_and_export(pg, tmp_path / "pg.jsonl")
    assert pg.status(pg.documents()[0].id, "alice").value == "in_progress"
    pg.close()

    lite = Project.open(tmp_path / "p.sqlite")
    annotate_and_export(lite, tmp_path / "lite.jsonl")
    lite.close()
    assert (tmp_path / "pg.jsonl").read_text(encoding="utf-8") == (tmp_path / "lite.jsonl").read_text(encoding="utf-8")


def test_postgresql_import_is_all_or_nothing(pg_url: str, tmp_path: Path) -> None:
    from annotator.core.errors import InputError

    (tmp_path / "ok.txt").write_text("نص سليم", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\xff")
    project = Project.open(pg_url)
    with pytest.raises(InputError):
        import_paths(project, [tmp_path])
    assert project.documents() == []
    project.close()
