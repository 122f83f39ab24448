"""The corpus search's index (issue 14): one folded row per document, written and removed
with it, hidden while its import is staging; the trigram index answers as the scan."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.search import SearchFilter, SearchOptions, find, fold_text
from annotator.core.values import Document
from annotator.services.project import Project
from annotator.services.search import search
from annotator.storage import documents as document_store
from annotator.storage import imports
from annotator.storage import search as search_store
from tests.conftest import own_schema

PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
_ids = count()


def doc(text: str, doc_id: str | None = None, **meta: str) -> Document:
    n = next(_ids)
    return Document(id=doc_id or f"p{n:05d}", title=f"t{n}", text=text, sha256=f"{n:064x}", direction="rtl",
                    meta=dict(meta))


def add(p: Project, *docs: Document) -> list[str]:
    with p.database.unit_of_work() as s:
        for d in docs:
            document_store.add_document(s, d)
    return [d.id for d in docs]


@pytest.fixture(scope="module", params=["sqlite"] + (["postgresql"] if PG_URL else []))
def project(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    if request.param == "postgresql":
        assert PG_URL
        p = Project.open(own_schema(PG_URL, "search_test"))
    else:
        p = Project.open(tmp_path_factory.mktemp("search") / "p.sqlite")
    yield p
    p.close()


def hits(p: Project, query: str, options: SearchOptions | None = None, indexed: bool = True,
         **filters: object) -> list[tuple[str, int, int]]:
    result = search(p, query, options, SearchFilter(**filters), indexed=indexed,  # type: ignore[arg-type]
                    limit_documents=10_000)
    assert result.complete
    return [(d.document_id, h.start, h.end) for d in result.documents for h in d.hits]


def test_each_document_gets_its_folded_row(project: Project) -> None:
    [d] = add(project, doc("😀 عقد مُؤْتَمَرٌ في ٢٠٢٦"))
    with project.database.unit_of_work() as s:
        [number] = search_store.candidates(s, (), SearchFilter(documents=(d,)), search_store.Owner(None))
        assert search_store.candidates(s, ("مؤتمر في 2026",), SearchFilter(documents=(d,)),
                                       search_store.Owner(None)) == [number]


LETTERS = "ابتاأإآىيةه" + "\u064e\u0651\u0640" + "٢2" + "aA" + ' "😀'


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(texts=st.lists(st.text(LETTERS, max_size=30), min_size=1, max_size=4),
       query=st.text(LETTERS, min_size=1, max_size=5),
       mode=st.sampled_from(["text", "word", "regex"]), clitics=st.booleans(),
       folds=st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans(), st.booleans()))
def test_the_index_and_the_scan_find_the_same_hits_as_finding_in_each_text(
        project: Project, texts: list[str], query: str, mode: str, clitics: bool,
        folds: tuple[bool, bool, bool, bool, bool]) -> None:
    marks, alef, ya_ta, digits, case = folds
    options = SearchOptions(mode=mode, marks=marks, alef=alef, ya_ta=ya_ta, digits=digits,  # type: ignore[arg-type]
                            case=case, clitics=clitics and mode == "word")
    ids = add(project, *(doc(t) for t in texts))
    expected = [(i, h.start, h.end) for i, t in zip(ids, texts) for h in find(t, query, options)]
    assert hits(project, query, options, documents=tuple(ids)) == expected
    assert hits(project, query, options, indexed=False, documents=tuple(ids)) == expected


REGEX = SearchOptions(mode="regex")


@pytest.mark.parametrize(("query", "found_in"), [
    (r"الاتفاق\s+رقم\s+\d+", [0, 1]),       # a literal every match holds: the index names the candidates
    (r"(?:نهائي|مبدئي)", [0, 2]),             # alternatives: no sure literal, every text checked
    (r"(الإتفاق)+ رقم", [1]),                 # a group repeated at least once: its literal is sure
    (r"(الاتفاق)? ?رقم 7", [1]),             # an optional group is not
    (r"اتفاق{0}\b", []),                      # nor a letter repeated zero times (اتفا is)
    (r"\p{Arabic}{3}\s+رقم", [0, 1]),        # syntax only regex reads: every text checked
])
def test_a_regular_expression_finds_through_its_sure_literals_what_the_scan_finds(
        project: Project, query: str, found_in: list[int]) -> None:
    ids = add(project, doc("نصّ الاتفاق  رقم 12 نهائي"), doc("لا اتفاق؛ الاتفاق رقم 7"), doc("اتفاق مبدئي"))
    indexed = hits(project, query, REGEX, documents=tuple(ids))
    assert indexed == hits(project, query, REGEX, indexed=False, documents=tuple(ids))
    assert sorted({ids.index(d) for d, _a, _b in indexed}) == found_in


@pytest.mark.parametrize(("query", "options"), [
    ("الاتفاق", SearchOptions()),
    ("الإتفاق", SearchOptions(mode="word", clitics=True)),
    (r"ال[اأ]تفاق", SearchOptions(mode="regex")),          # run on the stored all-folds copy
    (r"ال[اأ]تفاق", SearchOptions(mode="regex", case=False)),  # on each text folded again
])
def test_a_page_continues_after_its_cursor_in_list_order(project: Project, query: str,
                                                         options: SearchOptions) -> None:
    ids = add(project, *(doc(f"خبر عن الاتفاق رقم {i}" if i % 3 else "لا شيء هنا") for i in range(80)))
    pages, after = [], None
    while True:
        result = search(project, query, options, SearchFilter(documents=tuple(ids)), after=after,
                        limit_documents=7)
        pages.append([d.document_id for d in result.documents])
        if result.complete:
            assert result.cursor is None
            break
        after = result.cursor
    assert [d for page in pages for d in page] == [i for n, i in enumerate(ids) if n % 3]
    assert all(len(page) == 7 for page in pages[:-1])


def _rows(path: Path) -> tuple[int, int]:
    con = sqlite3.connect(path)
    try:
        assert con.execute("INSERT INTO document_search_fts(document_search_fts) VALUES ('integrity-check')")
        return (con.execute("SELECT count(*) FROM document_search").fetchone()[0],
                con.execute("SELECT count(*) FROM document_list").fetchone()[0])
    finally:
        con.close()


def test_a_staging_import_is_not_found_and_a_discarded_one_leaves_no_row(tmp_path: Path) -> None:
    p = Project.open(tmp_path / "p.sqlite")
    add(p, doc("نص منشور عن المعبر"))
    batch = imports.begin(p.database)
    stager = imports.Stager(p.database, batch, "alice")
    stager.add(doc("نص في دفعة لم تنشر عن المعبر"))
    stager.flush()
    assert _rows(tmp_path / "p.sqlite") == (2, 2)
    assert len(hits(p, "المعبر")) == 1 and len(hits(p, "المعبر", indexed=False)) == 1
    assert hits(p, "دفعة") == []
    imports.discard(p.database, batch)
    assert _rows(tmp_path / "p.sqlite") == (1, 1)
    batch = imports.begin(p.database)
    stager = imports.Stager(p.database, batch, "alice")
    stager.add(doc("دفعة ثانية عن المعبر"))
    stager.flush()
    assert hits(p, "دفعة") == []
    with p.database.unit_of_work() as s:
        imports.publish(s, batch, stager.changes)
    imports.finished(batch)
    assert len(hits(p, "دفعة")) == 1 and len(hits(p, "المعبر")) == 2
    p.close()


def test_the_migration_gives_existing_documents_their_row(db_path: Path) -> None:
    from alembic import command

    from annotator.storage import migrate
    from annotator.storage.database import Database, build_engine, resolve_url

    url = resolve_url(db_path)
    old = Database(url, build_engine(url))
    cfg = migrate._config(old)
    with old.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
        for i, body in enumerate(["😀 وقّع الوزيرُ الاتفاقَ", "لا علاقة", "اتفاقية ٢٠٢٦"]):
            conn.exec_driver_sql(
                "INSERT INTO documents (id, title, text, sha256, length, direction, meta, source_path, imported_at) "
                "VALUES (?, ?, ?, ?, ?, 'rtl', '{}', NULL, '2026-01-01')", (f"d{i}", f"t{i}", body, f"{i:064x}",
                                                                           len(body)))
            conn.exec_driver_sql("INSERT INTO document_list (document_id, title, source_name, search_key) "
                                 "VALUES (?, ?, '', '')", (f"d{i}", f"t{i}"))
    old.close()
    p = Project.open(db_path)
    assert migrate.current_revision(p.database) == migrate.head_revision()
    with p.database.unit_of_work() as s:
        assert search_store.has_index(s)
    assert hits(p, "الاتفاق") == [("d0", 15, 23)]  # after an emoji (one code point), the fatha kept
    assert hits(p, "2026") == [("d2", 8, 12)]
    p.close()
    con = sqlite3.connect(db_path)
    assert dict(con.execute("SELECT number, folded FROM document_search")) == {
        1: fold_text("😀 وقّع الوزيرُ الاتفاقَ").text, 2: "لا علاقه", 3: "اتفاقيه 2026"}
    con.close()
