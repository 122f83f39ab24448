"""Gold holds each span, relation and link once, by the schema itself: migration 0003
merges what an older version stored twice (and says so), then unique keys refuse it.
Annotators' sets may still hold repeats."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import IntegrityError

from annotator.storage import migrate
from annotator.storage.database import Database, build_engine, open_database, resolve_url
from annotator.storage.tables import Base, modelled
from tests.conftest import fresh_postgres

PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
NOW = datetime(2026, 11, 30, 10, tzinfo=UTC)


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, db_path: Path) -> sa.URL:
    if request.param == "sqlite":
        return resolve_url(db_path)
    assert PG_URL
    return sa.make_url(fresh_postgres(PG_URL))


def at_revision(url: sa.URL, revision: str) -> Database:
    db = Database(url, build_engine(url))
    cfg = migrate._config(db)
    with db.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return db


def insert(conn: sa.Connection, table: str, *rows: dict[str, Any]) -> None:
    t = sa.Table(table, sa.MetaData(), autoload_with=conn)
    conn.execute(t.insert(), list(rows))


def span(pk: int, set_id: int, uid: str, start: int, end: int, label: str, **attrs: Any) -> dict[str, Any]:
    return {"pk": pk, "set_id": set_id, "uid": uid, "start_offset": start, "end_offset": end, "label": label,
            "attrs": attrs, "provenance": {"method": "agreed", "by": "carol"}, "created_at": NOW, "updated_at": NOW}


def seed_duplicates(db: Database) -> None:
    """What two adjudicators accepting at once left in a 0002 project."""
    with db.engine.begin() as conn:
        insert(conn, "documents",
               *({"id": d, "title": d, "text": "قالت الوزيرة إن الطريق سيُفتح غدًا", "sha256": d * 8, "length": 33,
                  "direction": "rtl", "meta": {}, "source_path": None, "imported_at": NOW} for d in ("d1", "d2")))
        insert(conn, "annotators", {"id": 1, "name": "alice", "role": "annotator", "created_at": NOW},
               {"id": 2, "name": "gold", "role": "adjudicator", "created_at": NOW})
        sets = [(1, "d1", 1, "annotation"), (2, "d1", 2, "gold"), (3, "d2", 2, "gold")]
        insert(conn, "annotation_sets", *({"id": i, "document_id": d, "annotator_id": a, "kind": k,
                                           "status": "in_progress", "created_at": NOW, "updated_at": NOW,
                                           "time_spent_seconds": 0} for i, d, a, k in sets))
        insert(conn, "spans",
               span(1, 1, "a1", 0, 5, "ACTOR"), span(2, 1, "a2", 0, 5, "ACTOR"),  # alice's own repeat: kept
               span(10, 2, "g1", 0, 5, "ACTOR", type="government"),
               span(11, 2, "g1b", 0, 5, "ACTOR", type="person", entity="e1"),  # the same key, stored later
               span(12, 2, "g1c", 0, 5, "ACTOR"),
               span(13, 2, "g2", 13, 33, "CLAIM"), span(14, 2, "g2b", 13, 33, "CLAIM"),
               span(15, 2, "g3", 0, 5, "DATE"),  # same range, another label: not a duplicate
               span(20, 3, "h1", 0, 5, "ACTOR"))
        rel = {"attrs": {}, "provenance": {}, "created_at": NOW}
        insert(conn, "relations",
               {"pk": 1, "set_id": 2, "uid": "r1", "type": "SOURCE", "head_pk": 13, "tail_pk": 10, **rel},
               {"pk": 2, "set_id": 2, "uid": "r1b", "type": "SOURCE", "head_pk": 14, "tail_pk": 11, **rel},
               {"pk": 3, "set_id": 2, "uid": "r2", "type": "TARGET", "head_pk": 14, "tail_pk": 12, **rel})
        link = {"annotator_id": 2, "kind": "gold", "provenance": {}, "created_at": NOW}
        insert(conn, "links",
               {"pk": 1, "uid": "l1", "type": "SAME_DATE", "source_pk": 11, "target_pk": 20, **link},
               {"pk": 2, "uid": "l1b", "type": "SAME_DATE", "source_pk": 12, "target_pk": 20, **link})


def rows(db: Database, sql: str) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(sa.text(sql))]


def test_migration_merges_gold_stored_twice_and_says_so(url: sa.URL, caplog: pytest.LogCaptureFixture) -> None:
    seed_duplicates(at_revision(url, "0002"))
    with caplog.at_level(logging.WARNING, logger="annotator.migrations"):
        db = open_database(url)
    assert migrate.current_revision(db) == migrate.head_revision()
    assert "merged 3 span(s), 1 relation(s) and 1 link(s)" in caplog.text

    assert rows(db, "SELECT uid, kind FROM spans WHERE set_id = 1 ORDER BY pk") == [("a1", "annotation"),
                                                                                  ("a2", "annotation")]
    assert rows(db, "SELECT pk, uid, kind FROM spans WHERE set_id = 2 ORDER BY pk") == [
        (10, "g1", "gold"), (13, "g2", "gold"), (15, "g3", "gold")]
    from annotator.storage.gold import spans_with_provenance

    with db.unit_of_work() as s:
        kept = {sp.id: (sp.attrs, prov) for sp, prov in spans_with_provenance(s, 2)}
    # the first stored wins; an attribute only a later copy had is kept too
    assert kept["g1"][0] == {"type": "government", "entity": "e1"}
    assert kept["g1"][1]["merged_duplicates"] == ["g1b", "g1c"]
    # relations and links follow the kept span; what became the same relation or link is merged
    assert rows(db, "SELECT uid, type, head_pk, tail_pk, kind FROM relations ORDER BY pk") == [
        ("r1", "SOURCE", 13, 10, "gold"), ("r2", "TARGET", 13, 10, "gold")]
    assert rows(db, "SELECT uid, source_pk, target_pk FROM links ORDER BY pk") == [("l1", 10, 20)]


    from annotator.storage import changelog

    with db.unit_of_work() as s:
        [entry] = [c for c in changelog.changes(s) if c["action"] == "migration.merge_gold_duplicates"]
    assert entry["document_id"] == "d1"
    assert [(m["kept"], m["merged"]) for m in entry["payload"]["spans"]] == [("g1", ["g1b", "g1c"]),
                                                                            ("g2", ["g2b"])]
    assert [(m["kept"], m["merged"]) for m in entry["payload"]["relations"]] == [("r1", ["r1b"])]
    assert [(m["kept"], m["merged"]) for m in entry["payload"]["links"]] == [("l1", ["l1b"])]

    # from now on the database itself refuses a second copy in gold, and only in gold
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        insert(conn, "spans", {**span(30, 2, "g9", 0, 5, "ACTOR"), "kind": "gold"})
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        insert(conn, "relations", {"pk": 9, "set_id": 2, "uid": "r9", "type": "SOURCE", "head_pk": 13,
                                   "tail_pk": 10, "attrs": {}, "provenance": {}, "created_at": NOW, "kind": "gold"})
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        insert(conn, "links", {"pk": 9, "uid": "l9", "type": "SAME_DATE", "source_pk": 10, "target_pk": 20,
                               "annotator_id": 2, "kind": "gold", "provenance": {}, "created_at": NOW})
    with db.engine.begin() as conn:
        insert(conn, "spans", span(31, 1, "a3", 0, 5, "ACTOR"))
    assert len(rows(db, "SELECT pk FROM spans WHERE set_id = 1")) == 3
    db.close()


def test_a_project_without_duplicates_upgrades_silently(db_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    url = resolve_url(db_path)
    at_revision(url, "0002").close()
    with caplog.at_level(logging.WARNING, logger="annotator.migrations"):
        db = open_database(url)
    assert caplog.text == ""
    assert rows(db, "SELECT action FROM changes") == []
    db.close()


def test_the_models_match_the_migrations(url: sa.URL) -> None:
    """The partial unique indexes and kind columns of the models are what the migrations build."""
    db = open_database(url)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": modelled}), Base.metadata)
    db.close()
    assert diff == []


# -- the services say so before the database has to -------------------------------------------

@pytest.fixture
def adjudicated(tmp_path: Path):  # type: ignore[no-untyped-def]
    """d1 with alice's and bob's spans (alice tagged one actor twice), carol and omar adjudicating."""
    from annotator.core.text import text_sha256
    from annotator.core.values import Document, Role, Span
    from annotator.services import team
    from annotator.services.project import Project
    from annotator.storage import annotation_sets as set_store
    from annotator.storage import documents as document_store
    from annotator.storage import spans as span_store
    from tests.conftest import ARABIC

    p = Project.open(tmp_path / "p.sqlite")
    with p.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "t", ARABIC, text_sha256(ARABIC), "rtl"))
    for name in ("alice", "bob"):
        team.add_annotator(p, name)
    for name in ("carol", "omar"):
        team.add_annotator(p, name, Role.ADJUDICATOR)
    actor = ARABIC.index("سامر الخطيب"), ARABIC.index("سامر الخطيب") + len("سامر الخطيب")
    date = ARABIC.index("يوم الخميس"), ARABIC.index("يوم الخميس") + len("يوم الخميس")
    with p.database.unit_of_work() as s:  # as an import from another tool may leave them
        span_store.bulk_insert_spans(s, set_store.get_or_create_set(s, "d1", "alice").id,
                               [Span("a1", *actor, "ACTOR"), Span("a2", *actor, "ACTOR"), Span("a3", *date, "DATE")])
        span_store.bulk_insert_spans(s, set_store.get_or_create_set(s, "d1", "bob").id, [Span("b1", *date, "DATE")])
    yield p, actor, date
    p.close()


def gold_keys(p: Any) -> list[tuple[int, int, str]]:
    from annotator.services.adjudication import gold_spans

    return sorted((s.start, s.end, s.label) for s, _ in gold_spans(p, "d1", "carol"))


def test_gold_refuses_a_span_it_already_has_with_a_message(adjudicated: Any) -> None:
    from annotator.core.errors import AnnotatorError
    from annotator.services.adjudication import AddGoldRelation, AddGoldSpan, DeleteGoldSpan, UpdateGoldSpan, gold_spans
    from annotator.services.gold.patch import GoldConflict

    p, actor, date = adjudicated
    AddGoldSpan("d1", "carol", *actor, "ACTOR").do(p)
    with pytest.raises(GoldConflict, match=r"gold already has ACTOR at \[\d+, \d+\) in document 'd1'"):
        AddGoldSpan("d1", "omar", *actor, "ACTOR").do(p)
    other = AddGoldSpan("d1", "carol", *date, "ACTOR")
    other.do(p)
    with pytest.raises(GoldConflict, match="gold already has ACTOR"):  # moved onto the first one
        UpdateGoldSpan("d1", "carol", other.span_id, start=actor[0], end=actor[1]).do(p)
    assert gold_keys(p) == sorted([(*actor, "ACTOR"), (*date, "ACTOR")])
    claim = AddGoldSpan("d1", "carol", 0, actor[1], "CLAIM")
    claim.do(p)
    first = next(s.id for s, _ in gold_spans(p, "d1", "carol") if s.start == actor[0] and s.label == "ACTOR")
    AddGoldRelation("d1", "carol", "SOURCE", claim.span_id, first).do(p)
    with pytest.raises(AnnotatorError, match="already exists"):  # the relation check says it first
        AddGoldRelation("d1", "omar", "SOURCE", claim.span_id, first).do(p)
    DeleteGoldSpan("d1", "carol", claim.span_id).do(p)

    # carol deletes a span, omar adds it again by hand, carol's undo would make it twice
    gone = DeleteGoldSpan("d1", "carol", other.span_id)
    gone.do(p)
    AddGoldSpan("d1", "omar", *date, "ACTOR").do(p)
    with pytest.raises(GoldConflict, match="already holds this span"):
        gone.undo(p)
    assert gold_keys(p) == sorted([(*actor, "ACTOR"), (*date, "ACTOR")])


def test_accepting_a_version_that_repeats_a_span_puts_it_in_gold_once(adjudicated: Any) -> None:
    from annotator.services.adjudication import AcceptVersion, adjudication_state

    p, actor, _date = adjudicated
    state = adjudication_state(p, "d1", "carol")
    [d] = [d for d in state.disagreements if "alice" in d.spans and any(s.label == "ACTOR" for s in d.spans["alice"])]
    AcceptVersion("d1", "carol", d, "alice", diff=state.diff).do(p)
    assert gold_keys(p) == [(*actor, "ACTOR")]
