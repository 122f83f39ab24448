"""Migration 0008 on a project made before it: its data stays, the three suggestion tables
arrive empty, and a suggestion, a decision and a model can be written at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.suggest import Suggestion
from annotator.services import suggestions as sug
from annotator.services.project import Project
from annotator.storage import suggestions as store
from tests.conftest import PG_URL, fresh_postgres

TEXT = "قال الوزير إن المعبر سيفتح في 3 أيار 2026."


@pytest.mark.parametrize("backend", ["sqlite"] + (["postgresql"] if PG_URL else []))
def test_a_project_of_0007_upgraded_gets_the_suggestion_tables(backend: str, tmp_path: Path) -> None:
    import sqlalchemy as sa
    from alembic import command

    from annotator.storage import migrate
    from annotator.storage.database import Database, build_engine, resolve_url

    url = resolve_url(tmp_path / "p.sqlite") if backend == "sqlite" else sa.make_url(fresh_postgres(PG_URL or ""))
    old = Database(url, build_engine(url))
    cfg = migrate._config(old)
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
    old.close()
    p = Project.open(url)
    try:
        assert migrate.current_revision(p.database) == "0008"
        from annotator.core.text import text_sha256
        from annotator.core.values import Document
        from annotator.storage import documents as document_store

        with p.database.unit_of_work() as s:
            document_store.add_document(s, Document("d", "t", TEXT, text_sha256(TEXT), "rtl"))
        i = TEXT.index("3 أيار 2026")
        one = Suggestion("d", i, i + len("3 أيار 2026"), "DATE", "dates", {"value": "2026-05-03"})
        with p.database.unit_of_work() as s:
            store.replace_suggestions(s, "dates", ["d"], None, [one])
        sug.RejectSuggestions("d", "alice", [one]).do(p)
        assert sug.suggestions_for(p, "d", "alice", ("stored",)) == []
        assert sug.suggestions_for(p, "d", "bob", ("stored",)) == [one]
    finally:
        p.close()
