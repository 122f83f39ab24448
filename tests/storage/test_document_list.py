"""The document list in SQL (issue 13): filter, sort, count and page one annotator's view
of the documents; every answer equals the same list computed in Python from all documents."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.folding import fold, source_name
from annotator.core.values import Document, DocumentQuery, DocumentSort, SetStatus
from annotator.services import team
from annotator.services.project import Project
from annotator.storage import documents as document_store
from tests.conftest import own_schema

TITLES = ["الإعلانُ عن الاتفاق", "مؤتمـــر صحفي", "Budget ٢٠٢٦ vote", "", "عنوان <b>عريض</b>", "جلسة 100%_حاسمة"]


def make_project(path: Path | str, n: int = 60, seed: int = 3) -> Project:
    rnd = random.Random(seed)
    p = Project.open(path)
    with p.database.unit_of_work() as s:
        for i in range(n):
            title = rnd.choice(TITLES) + ("" if i % 7 else f" {i}")
            text = f"نص الخبر رقم {i}. " * rnd.randint(1, 4)
            document_store.add_document(s, Document(
                id=f"d{i:03d}", title=title.strip() if i % 11 else "", text=text,
                sha256=f"{i:064x}", direction="rtl", source_path=f"/in/{rnd.choice('abc')}/{i}.txt"))
    ids = [f"d{i:03d}" for i in range(n)]
    for doc_id in rnd.sample(ids, 20):
        text = p.document(doc_id).text
        for _ in range(rnd.randint(1, 3)):
            a = rnd.randrange(0, len(text) - 3)
            p.add_span(doc_id, "alice", a, a + 2, "ACTOR")
    for doc_id in rnd.sample(ids, 6):
        p.set_status(doc_id, "alice", SetStatus.DONE)
    for doc_id in rnd.sample(ids, 5):
        team.add_time_spent(p, doc_id, "alice", rnd.randint(1, 500))
    team.assign(p, rnd.sample(ids, 9), ["alice"], by="tester")
    return p


def reference(p: Project, q: DocumentQuery) -> list[str]:
    """The same list from every document, in Python (the old model's rules)."""
    docs = {d.id: d for d in p.documents("alice")}
    times = {r.document_id: r.time_spent_seconds for r in team.progress(p, annotators=["alice"])}
    assigned = {r.document_id for r in team.progress(p, annotators=["alice"]) if r.assigned}
    rows = []
    for d in docs.values():
        title = d.title or d.id
        if q.text and fold(q.text.strip()) not in fold(f"{title}\n{d.id}\n{source_name(d.source_path)}"):
            continue
        if q.status is not None and d.status is not q.status:
            continue
        if q.only_assigned and d.id not in assigned:
            continue
        rows.append(d)
    key = {
        DocumentSort.ID: lambda d: (),
        DocumentSort.TITLE: lambda d: (d.title or d.id,),
        DocumentSort.SOURCE: lambda d: (source_name(d.source_path),),
        DocumentSort.STATUS: lambda d: (d.status.value,),
        DocumentSort.SPANS: lambda d: (d.span_count,),
        DocumentSort.TIME: lambda d: (times.get(d.id, 0),),
    }[q.sort]
    rows.sort(key=lambda d: (*key(d), d.id), reverse=q.descending)
    return [d.id for d in rows]


PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")


@pytest.fixture(scope="module", params=["sqlite"] + (["postgresql"] if PG_URL else []))
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """The same project on SQLite and, where a server is given, PostgreSQL (code-point order on both)."""
    if request.param == "postgresql":
        # its own schema: other tests on this worker empty the public one while this module runs
        assert PG_URL
        p = make_project(own_schema(PG_URL, "document_list_test"))
    else:
        p = make_project(tmp_path_factory.mktemp("list") / "p.sqlite")
    yield p
    p.close()


QUERIES = [DocumentQuery("alice", sort=sort, descending=desc) for sort in DocumentSort for desc in (False, True)] + [
    DocumentQuery("alice", text="الاعلان"),  # alef with hamza below and a damma in the title
    DocumentQuery("alice", text="مؤتمر"),  # tatweel in the title
    DocumentQuery("alice", text="2026"),  # Arabic-Indic digits in the title
    DocumentQuery("alice", text="BUDGET", sort=DocumentSort.TITLE),
    DocumentQuery("alice", text="الاعلان", sort=DocumentSort.TITLE, descending=True),
    DocumentQuery("alice", text="d00", sort=DocumentSort.SOURCE),
    DocumentQuery("alice", text="d00"),  # part of an id
    DocumentQuery("alice", text="b/"),  # not in a file name: the folder is not matched
    DocumentQuery("alice", text="100%_"),  # LIKE's wildcards are plain characters
    DocumentQuery("alice", text="<b>"),
    DocumentQuery("alice", status=SetStatus.NEW),
    DocumentQuery("alice", status=SetStatus.IN_PROGRESS, sort=DocumentSort.SPANS, descending=True),
    DocumentQuery("alice", status=SetStatus.DONE),
    DocumentQuery("alice", only_assigned=True, sort=DocumentSort.STATUS),
    DocumentQuery("alice", only_assigned=True, status=SetStatus.NEW, text="ا"),
]


def _name(q: DocumentQuery) -> str:
    return f"{q.sort.value}-{q.descending}-{q.text}-{q.status}-{q.only_assigned}"


@pytest.mark.parametrize("q", QUERIES, ids=_name)
def test_count_and_pages_equal_the_list_computed_from_every_document(project: Project, q: DocumentQuery) -> None:
    want = reference(project, q)
    assert project.document_count(q) == len(want)
    for size in (1, 4, 7, 64):  # pages that end inside, at and past each part of a sort by work
        got = [item.id for off in range(0, len(want) + size, size) for item in project.document_page(q, off, size)]
        assert got == want, size


@pytest.mark.parametrize("sample_rows", [3, 20])
def test_a_filters_pages_are_the_same_read_in_order_or_from_the_index(
        project: Project, sample_rows: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A frequent key's first pages are read in list order, a rare key's asked of the trigram
    index (storage/document_list._frequent decides from a sample): the same pages either way."""
    from annotator.storage import document_list

    monkeypatch.setattr(document_list, "SAMPLE_ROWS", sample_rows)
    monkeypatch.setattr(document_list, "_RARE", type(document_list._RARE)())  # nothing known rare yet
    walked: list[int] = []
    walk = document_list._first_in_order

    def spy(session, q, n):  # type: ignore[no-untyped-def]
        walked.append(n)
        return walk(session, q, n)

    monkeypatch.setattr(document_list, "_first_in_order", spy)
    for q in QUERIES:
        if len(q.text) >= 3:
            want = reference(project, q)
            for size in (1, 2, 5):
                got = [it.id for off in range(0, len(want) + size, size) for it in project.document_page(q, off, size)]
                assert got == want, (q, size)
    assert walked  # both ways were taken


def test_each_row_carries_the_annotators_status_spans_and_time(project: Project) -> None:
    docs = {d.id: d for d in project.documents("alice")}
    times = {r.document_id: r.time_spent_seconds for r in team.progress(project, annotators=["alice"])}
    items = project.document_page(DocumentQuery("alice"), 0, 1000)
    assert len(items) == len(docs)
    for item in items:
        d = docs[item.id]
        assert (item.title, item.source_path, item.status, item.span_count, item.time_spent) == \
            (d.title or d.id, d.source_path, d.status, d.span_count, times.get(d.id, 0))
    assert project.list_items("alice", ["d005", "nope", "d001"]) == [i for i in items if i.id == "d005"] + \
        [i for i in items if i.id == "d001"]


def test_rows_of_more_ids_than_sqlite_takes_in_one_statement(project: Project) -> None:
    """The claims window and the Assign dialog may ask for many rows at once: 300,000 ids
    exceed what one statement takes (SQLite: 32,766 parameters, or 250,000 as Debian builds
    it; PostgreSQL's protocol: 65,535), so they are asked in bounded lists."""
    items = project.document_page(DocumentQuery("alice"), 0, 1000)
    wanted = [f"missing-{i}" for i in range(300_000)] + [items[3].id, items[1].id]
    assert project.list_items("alice", wanted) == [items[3], items[1]]


def test_every_listed_id_and_nothing_else(project: Project) -> None:
    for q in (DocumentQuery("alice"), DocumentQuery("alice", text="نص"), DocumentQuery("alice", only_assigned=True),
              DocumentQuery("alice", status=SetStatus.DONE)):
        assert project.document_ids(q) == sorted(reference(project, q)), q
    assert project.document_ids(DocumentQuery("nobody", only_assigned=True)) == []


def test_an_annotator_who_never_worked_sees_every_document_new(project: Project) -> None:
    assert project.document_count(DocumentQuery("zoe")) == 60
    assert project.document_count(DocumentQuery("zoe", status=SetStatus.NEW)) == 60
    assert project.document_count(DocumentQuery("zoe", status=SetStatus.DONE)) == 0
    assert project.document_count(DocumentQuery("zoe", only_assigned=True)) == 0
    assert {i.status for i in project.document_page(DocumentQuery("zoe"), 0, 100)} == {SetStatus.NEW}


def test_the_trigram_index_answers_as_the_plain_scan_and_follows_deletes(tmp_path: Path) -> None:
    import sqlite3

    from annotator.storage import database

    p = make_project(tmp_path / "p.sqlite")
    keys = ["الاعلان", "مؤتمر", "budget 2026", "d00", "100%_", "<b>", "صحفي 1", "zzz", '"x"']
    engine = p.database.engine
    known = database._SQLITE_TABLES.setdefault(engine, {})
    assert known.get("document_list_fts") in (None, True)
    by_index = [[i.id for i in p.document_page(DocumentQuery("alice", text=k), 0, 100)] for k in keys]
    assert known["document_list_fts"] is True  # this SQLite has FTS5 with trigrams: the index was used
    known["document_list_fts"] = False
    try:
        by_scan = [[i.id for i in p.document_page(DocumentQuery("alice", text=k), 0, 100)] for k in keys]
    finally:
        known["document_list_fts"] = True
    assert by_index == by_scan and any(by_index)
    # a document deleted (here by hand; an abandoned import does it in chunks) leaves the index too
    victim = by_index[1][0]
    con = sqlite3.connect(tmp_path / "p.sqlite")
    con.execute("PRAGMA foreign_keys = ON")
    with con:
        con.execute("DELETE FROM documents WHERE id = ?", (victim,))
    assert con.execute("INSERT INTO document_list_fts(document_list_fts) VALUES ('integrity-check')").rowcount != 0
    con.close()
    assert victim not in [i.id for i in p.document_page(DocumentQuery("alice", text=keys[1]), 0, 100)]
    assert p.document_count(DocumentQuery("alice", text=keys[1])) == len(by_index[1]) - 1
    p.close()
