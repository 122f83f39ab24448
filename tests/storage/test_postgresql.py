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
from annotator.services.export.datasets import export_jsonl
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
from annotator.services.spans import AddSpan, DeleteSpan, UpdateSpan
from annotator.storage import migrate
from tests.conftest import fresh_postgres

PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
if not PG_URL and os.environ.get("CI"):
    raise RuntimeError("CI must run the PostgreSQL tests: ANNOTATOR_TEST_POSTGRES_URL is not set")
pytestmark = pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_POSTGRES_URL to run against PostgreSQL")


@pytest.fixture
def pg_url() -> str:
    assert PG_URL
    return fresh_postgres(PG_URL)


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


def adjudicate(project: Project) -> tuple:
    """Two annotators with relations and a link, a gold relation and link by hand: what the view reads."""
    from annotator.services import team
    from annotator.services.adjudication import (
        AcceptAgreed,
        AddGoldLink,
        AddGoldRelation,
        adjudication_state,
        gold_spans,
    )
    from annotator.services.links import AddLink
    from annotator.services.relations import AddRelation

    import_paths(project, [samples_dir()])
    first, second = [d.id for d in project.documents()][:2]
    for name in ("alice", "bob"):
        team.add_annotator(project, name)
    team.add_annotator(project, "carol", "adjudicator")
    for name, rtype in (("alice", "SOURCE"), ("bob", "TARGET")):
        claim = project.add_span(first, name, 0, 20, "CLAIM", {"polarity": "asserted"} if name == "alice" else {}).id
        actor = project.add_span(first, name, 0, 5, "ACTOR").id
        AddRelation(first, name, rtype, claim, actor).do(project)
        other = project.add_span(second, name, 0, 10, "CLAIM").id
        AddLink(name, "SAME_CLAIM", first, claim, second, other).do(project)
    AcceptAgreed(first, "carol").do(project)
    AcceptAgreed(second, "carol").do(project)
    gold = {s.label: s.id for s, _p in gold_spans(project, first, "carol")}
    AddGoldRelation(first, "carol", "SOURCE", gold["CLAIM"], gold["ACTOR"]).do(project)
    [(other_gold, _p)] = gold_spans(project, second, "carol")
    AddGoldLink(first, "carol", "SUPPORTS", gold["CLAIM"], second, other_gold.id).do(project)
    state = adjudication_state(project, first, "carol")
    return (
        [(d.kind.value, d.kinds, d.start, d.end, d.attributes, {n: [(s.start, s.end, s.label) for s in v]
                                                                  for n, v in d.spans.items()},
          {n: [(r.type, r.head, r.tail, r.attrs) for r in v] for n, v in d.relations.items()})
         for d in state.disagreements],
        sorted((s.start, s.end, s.label) for s in state.gold.spans),
        [(r.type, r.head, r.tail) for r in state.gold.relations],
        [(lk.type, lk.source, lk.target) for lk in state.gold.links],
        {n: [(r.type, r.head, r.tail) for r in v.relations] for n, v in state.versions.items()},
    )


def test_postgresql_and_sqlite_adjudication_read_the_same(pg_url: str, tmp_path: Path) -> None:
    pg = Project.open(pg_url)
    on_pg = adjudicate(pg)
    pg.close()
    lite = Project.open(tmp_path / "p.sqlite")
    on_sqlite = adjudicate(lite)
    lite.close()
    assert on_pg == on_sqlite
    assert on_pg[2] == [("SOURCE", (0, 20), (0, 5))]
    assert [t for t, _s, _t in on_pg[3]] == ["SAME_CLAIM", "SUPPORTS"]  # agreed, then by hand
    assert {kind for kind, *_rest in on_pg[0]} == {"relation", "attribute"}


def test_postgresql_merges_entities_found_in_the_json_column(pg_url: str) -> None:
    from annotator.services.entities import CreateEntity, MergeEntities, entity

    project = Project.open(pg_url)
    import_paths(project, [samples_dir()])
    doc = project.documents()[0].id
    a = CreateEntity("alice", "one", "person")
    b = CreateEntity("alice", "one_", "person")  # "_" is a LIKE wildcard: escaped in the search
    a.do(project)
    b.do(project)
    span = AddSpan(doc, "alice", 0, 3, "ACTOR", {"entity": b.entity_id})
    span.do(project)
    MergeEntities("alice", a.entity_id, (b.entity_id,)).do(project)
    assert [s.attrs["entity"] for s in project.spans(doc, "alice")] == [a.entity_id]
    assert entity(project, a.entity_id).aliases == ("one_",)
    project.close()


def test_a_reader_refuses_an_empty_server_database_and_an_importer_creates_the_project(pg_url: str) -> None:
    from annotator.storage.database import NoProjectError

    with pytest.raises(NoProjectError, match="empty database"):
        Project.open(pg_url, create=False)
    engine = create_engine(pg_url)
    with engine.connect() as conn:  # the refusal wrote nothing
        assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 0
    engine.dispose()
    Project.open(pg_url).close()
    Project.open(pg_url, create=False).close()
