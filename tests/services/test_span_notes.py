"""Notes on spans (issue 14, item 10): a comment and an "unsure" flag on any span, stored in
two columns of ``spans`` (migration 0007), set by one logged, undoable command, never a
reason for two annotators' identical spans to disagree."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from annotator.core.adjudication import diff
from annotator.core.text import text_sha256
from annotator.core.values import MAX_COMMENT, Document, Role
from annotator.services.gold.commands import AddGoldSpan
from annotator.services.gold.patch import load_gold
from annotator.services.notes import SetGoldSpanNote, SetSpanNote
from annotator.services.project import InvalidEdit, Project
from annotator.services.spans import AddSpan, DeleteSpan, UpdateSpan, find_span, load_spans
from annotator.services.team import add_annotator
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import spans as span_store
from tests.conftest import ARABIC, fresh_postgres

PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
COMMENT = "لست متأكدًا أن الوزير قالها\n<b>bold?</b> & 😀"


@pytest.fixture
def doc(project: Project) -> str:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "t", ARABIC, text_sha256(ARABIC), "rtl"))
    return "d1"


def claim(project: Project, doc: str, annotator: str = "alice") -> str:
    i = ARABIC.index("وزير النقل")
    add = AddSpan(doc, annotator, i, i + len("وزير النقل"), "ACTOR")
    add.do(project)
    return add.span_id


def test_set_a_comment_and_the_flag_then_undo_each(project: Project, doc: str, db_path: Path) -> None:
    sid = claim(project, doc)
    assert find_span(project, doc, "alice", sid).comment == ""  # type: ignore[union-attr]
    flag = SetSpanNote(doc, "alice", sid, unsure=True)
    changed = flag.do(project)
    assert changed.spans is not None and changed.spans[sid] is not None and changed.spans[sid].unsure  # type: ignore[union-attr]
    note = SetSpanNote(doc, "alice", sid, comment=COMMENT)
    note.do(project)
    span = find_span(project, doc, "alice", sid)
    assert span is not None and (span.comment, span.unsure) == (COMMENT, True)
    # what the window and exports read see it too; a second process at once (committed)
    assert [(s.comment, s.unsure) for s in load_spans(project, doc, "alice")] == [(COMMENT, True)]
    con = sqlite3.connect(db_path)
    assert con.execute("SELECT comment, unsure FROM spans").fetchall() == [(COMMENT, 1)]
    con.close()
    with project.database.unit_of_work() as s:
        log = [c for c in changelog.changes(s, doc) if c["action"].endswith("span.note")]
    assert [c["action"] for c in log] == ["span.note", "span.note"]
    assert log[0]["payload"] == {"span": sid, "before": {"comment": "", "unsure": True},
                                  "after": {"comment": COMMENT, "unsure": True}}
    note.undo(project)
    span = find_span(project, doc, "alice", sid)
    assert span is not None and (span.comment, span.unsure) == ("", True)
    flag.undo(project)
    span = find_span(project, doc, "alice", sid)
    assert span is not None and (span.comment, span.unsure) == ("", False)
    with project.database.unit_of_work() as s:
        assert [c["action"] for c in changelog.changes(s, doc)][:2] == ["undo.span.note", "undo.span.note"]


def test_a_note_survives_relabel_and_delete_undo(project: Project, doc: str) -> None:
    sid = claim(project, doc)
    SetSpanNote(doc, "alice", sid, comment="مصدر؟", unsure=True).do(project)
    relabel = UpdateSpan(doc, "alice", sid, label="CLAIM")
    relabel.do(project)
    relabel.undo(project)
    delete = DeleteSpan(doc, "alice", sid)
    delete.do(project)
    delete.undo(project)
    span = find_span(project, doc, "alice", sid)
    assert span is not None and (span.label, span.comment, span.unsure) == ("ACTOR", "مصدر؟", True)


def test_a_long_comment_or_a_control_character_is_refused_clearly(project: Project, doc: str) -> None:
    sid = claim(project, doc)
    with pytest.raises(InvalidEdit, match=f"at most {MAX_COMMENT} characters, not {MAX_COMMENT + 1}"):
        SetSpanNote(doc, "alice", sid, comment="ب" * (MAX_COMMENT + 1)).do(project)
    with pytest.raises(InvalidEdit, match="U\\+0007"):
        SetSpanNote(doc, "alice", sid, comment="a\x07b").do(project)
    SetSpanNote(doc, "alice", sid, comment="ب" * MAX_COMMENT).do(project)  # the bound itself is fine
    SetSpanNote(doc, "alice", sid, comment="one\r\ntwo\rthree").do(project)  # newlines kept, as LF
    assert find_span(project, doc, "alice", sid).comment == "one\ntwo\nthree"  # type: ignore[union-attr]


def test_a_note_never_makes_identical_spans_disagree(project: Project, doc: str) -> None:
    a, b = claim(project, doc, "alice"), claim(project, doc, "bob")
    SetSpanNote(doc, "alice", a, comment="not sure the minister said it", unsure=True).do(project)
    versions = {name: load_spans(project, doc, name) for name in ("alice", "bob")}
    assert versions["alice"][0] != versions["bob"][0]  # the stored values differ ...
    assert diff(versions).disagreements == []  # ... the annotations agree
    assert b


def test_gold_spans_carry_their_own_note(project: Project, doc: str) -> None:
    add_annotator(project, "carol", Role.ADJUDICATOR)
    i = ARABIC.index("وزير النقل")
    add = AddGoldSpan(doc, "carol", i, i + len("وزير النقل"), "ACTOR")
    add.do(project)
    note = SetGoldSpanNote(doc, "carol", add.span_id, comment="اتفقنا", unsure=True)
    note.do(project)
    with project.database.unit_of_work() as s:
        g = load_gold(s, doc).spans[add.span_id].span
        notes = span_store.notes_of_document(s, doc)
        log = changelog.changes(s, doc)[0]  # newest first
    assert (g.comment, g.unsure) == ("اتفقنا", True)
    assert notes == {("gold", add.span_id): ("اتفقنا", True)}
    assert log["action"] == "gold.span.note"
    assert [(g["comment"], g["unsure"]) for g in log["payload"]["after"]["spans"]] == [("اتفقنا", True)]
    assert [("comment" in g, "unsure" in g) for g in log["payload"]["before"]["spans"]] == [(False, False)]
    note.undo(project)
    with project.database.unit_of_work() as s:
        g = load_gold(s, doc).spans[add.span_id].span
    assert (g.comment, g.unsure) == ("", False)


OLD_ROWS = [
    ("INSERT INTO documents (id, title, text, sha256, length, direction, meta, source_path, imported_at) "
    "VALUES ('d1', 't', 'قال الوزير إن الجسر جاهز', '{sha}', 24, 'rtl', '{{}}', NULL, '2026-01-01')"),
    "INSERT INTO document_list (document_id, title, source_name, search_key) VALUES ('d1', 't', '', '')",
    "INSERT INTO annotators (id, name, role, created_at) VALUES (7, 'alice', 'annotator', '2026-01-01')",
    ("INSERT INTO annotation_sets (id, document_id, annotator_id, kind, status, created_at, updated_at, "
    "time_spent_seconds) VALUES (5, 'd1', 7, 'annotation', 'in_progress', '2026-01-01', '2026-01-01', 0)"),
    *("INSERT INTO spans (set_id, kind, uid, start_offset, end_offset, label, attrs, provenance, created_at, "
      f"updated_at) VALUES (5, 'annotation', 's{n}', {n * 4}, {n * 4 + 3}, 'ACTOR', '{{attrs}}', '{{{{}}}}', "
      "'2026-01-01', '2026-01-01')" for n in range(3)),
]


@pytest.mark.parametrize("backend", ["sqlite"] + (["postgresql"] if PG_URL else []))
def test_an_existing_project_upgraded_keeps_every_span(backend: str, tmp_path: Path) -> None:
    import sqlalchemy as sa
    from alembic import command

    from annotator.storage import migrate
    from annotator.storage.database import Database, build_engine, resolve_url

    url = resolve_url(tmp_path / "p.sqlite") if backend == "sqlite" else sa.make_url(fresh_postgres(PG_URL or ""))
    old = Database(url, build_engine(url))
    cfg = migrate._config(old)
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
        for statement in OLD_ROWS:  # what the previous version wrote: spans without notes
            conn.exec_driver_sql(statement.format(sha="0" * 64, attrs='{"k": 1}'))
    old.close()
    p = Project.open(url)
    assert migrate.current_revision(p.database) == migrate.REVISIONS[-1]  # 0007 and every later one
    spans = p.spans("d1", "alice")
    assert [(s.id, s.start, s.end, s.attrs, s.comment, s.unsure) for s in spans] == [
        ("s0", 0, 3, {"k": 1}, "", False), ("s1", 4, 7, {"k": 1}, "", False), ("s2", 8, 11, {"k": 1}, "", False)]
    SetSpanNote("d1", "alice", "s1", comment="؟", unsure=True).do(p)
    assert [(s.comment, s.unsure) for s in p.spans("d1", "alice")] == [("", False), ("؟", True), ("", False)]
    p.close()


def test_notes_go_out_with_the_jsonl_export_and_come_back_with_its_import(project: Project, doc: str,
                                                                           tmp_path: Path) -> None:
    from annotator.services.export.datasets import export_jsonl
    from annotator.services.imports.documents import import_paths

    sid = claim(project, doc)
    other = claim(project, doc)
    SetSpanNote(doc, "alice", sid, comment=COMMENT, unsure=True).do(project)
    export_jsonl(project, tmp_path / "out.jsonl", annotator="alice")
    fresh = Project.open(tmp_path / "fresh.sqlite")
    try:
        import_paths(fresh, [tmp_path / "out.jsonl"], annotator="bob")
        notes = {s.id: (s.comment, s.unsure) for s in fresh.spans(doc, "bob")}
    finally:
        fresh.close()
    assert notes == {sid: (COMMENT, True), other: ("", False)}
