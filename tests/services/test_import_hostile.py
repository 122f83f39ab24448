"""What importers refuse (issue 11, items 4-6): values and relations the window refuses,
input that used to end in a traceback, and values only SQLite would store. Each file
is refused with its name and place, and the database is left as it was."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.imports.documents import import_paths
from annotator.storage.limits import LIMITS
from annotator.storage.tables import DocumentRow, SpanRow
from tests.conftest import db_snapshot, fresh_postgres

TEXT = "قال الوزير سامر إن المعبر سيفتح في أيلول 2026.\nسطر ثان."
C, A = TEXT.index("المعبر"), TEXT.index("الوزير")


def refused(project, db_path: Path, path: Path, fmt: str | None = None, annotator: str | None = None) -> list[str]:
    before = db_snapshot(db_path)
    with pytest.raises(InputError) as info:
        import_paths(project, [path], annotator=annotator, format=fmt)
    assert db_snapshot(db_path) == before
    out = [str(p) for p in info.value.problems]
    assert all(s.startswith(str(path.with_suffix(""))) for s in out), out
    return out


def jsonl(tmp_path: Path, **changes) -> Path:  # type: ignore[no-untyped-def]
    record = {"id": "j1", "title": "t", "text": TEXT, "meta": {},
              "spans": [{"id": "c1", "start": C, "end": C + 12, "label": "CLAIM"},
                        {"id": "a1", "start": A, "end": A + 6, "label": "ACTOR"},
                        {"id": "a2", "start": A + 7, "end": A + 11, "label": "ACTOR"}]}
    record.update(changes)
    path = tmp_path / "in.jsonl"
    path.write_text("\n" + json.dumps(record, ensure_ascii=True) + "\n", encoding="utf-8")
    return path


# -- item 4: the window's checks -----------------------------------------------------------

@pytest.mark.parametrize(("attrs", "words"), [
    ({"type": "alien"}, "ACTOR type 'alien' is not allowed"),
    ({"entity": "e404"}, "no entity 'e404' in this project"),
    ({"<b>x</b>": 1}, "ACTOR has no attribute '<b>x</b>'"),
])
def test_jsonl_attribute_values_the_schema_refuses(project, db_path: Path, tmp_path: Path, attrs, words) -> None:
    spans = [{"id": "a1", "start": A, "end": A + 6, "label": "ACTOR", "attrs": attrs}]
    [problem] = refused(project, db_path, jsonl(tmp_path, spans=spans))
    assert problem.startswith(f"{tmp_path / 'in.jsonl'}, line 2: document 'j1', span 1 (a1): ") and words in problem


def test_an_entity_from_the_project_file_beside_it_is_known(project, tmp_path: Path) -> None:
    spans = [{"id": "a1", "start": A, "end": A + 6, "label": "ACTOR", "attrs": {"entity": "e1"}}]
    path = jsonl(tmp_path, spans=spans)
    (tmp_path / "in.project.json").write_text(json.dumps({"entities": [{"id": "e1", "name": "سامر", "type": "person"}],
                                                          "links": []}), encoding="utf-8")
    assert import_paths(project, [path]).spans == 1


@pytest.mark.parametrize(("rel", "words"), [
    (("KILLS", "c1", "a1"), "relation type 'KILLS' is not in the schema"),
    (("SOURCE", "a1", "a2"), "SOURCE goes from CLAIM to ACTOR, not from ACTOR to ACTOR"),
    (("SOURCE", "c1", "c1"), "head and tail are the same span"),
])
def test_relations_the_schema_refuses_in_every_reader(project, db_path: Path, tmp_path: Path, rel, words) -> None:
    rtype, head, tail = rel
    ids = {"c1": 1, "a1": 2, "a2": 3}
    doccano = tmp_path / "d" / "in.jsonl"
    doccano.parent.mkdir()
    doccano.write_text(json.dumps({"id": 1, "text": TEXT, "entities": [
        {"id": 1, "label": "CLAIM", "start_offset": C, "end_offset": C + 12},
        {"id": 2, "label": "ACTOR", "start_offset": A, "end_offset": A + 6},
        {"id": 3, "label": "ACTOR", "start_offset": A + 7, "end_offset": A + 11}],
        "relations": [{"id": 1, "from_id": ids[head], "to_id": ids[tail], "type": rtype}]}), encoding="utf-8")
    brat_dir = tmp_path / "b"
    brat_dir.mkdir()
    (brat_dir / "in.txt").write_text(TEXT, encoding="utf-8")
    t = {"c1": "T1", "a1": "T2", "a2": "T3"}
    (brat_dir / "in.ann").write_text(
        f"T1\tCLAIM {C} {C + 12}\t{TEXT[C:C + 12]}\nT2\tACTOR {A} {A + 6}\t{TEXT[A:A + 6]}\n"
        f"T3\tACTOR {A + 7} {A + 11}\t{TEXT[A + 7:A + 11]}\nR1\t{rtype} Arg1:{t[head]} Arg2:{t[tail]}\n",
        encoding="utf-8")
    ls = tmp_path / "l" / "in.json"
    ls.parent.mkdir()
    regions = [
        {"id": k, "type": "labels", "value": {"start": s, "end": e, "text": TEXT[s:e], "labels": [lab]}}
        for k, s, e, lab in (("c1", C, C + 12, "CLAIM"), ("a1", A, A + 6, "ACTOR"), ("a2", A + 7, A + 11, "ACTOR"))
    ]
    ls.write_text(
        json.dumps(
            [
                {
                    "id": 1,
                    "data": {"text": TEXT},
                    "annotations": [
                        {"result": [*regions, {"type": "relation", "from_id": head, "to_id": tail, "labels": [rtype]}]}
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    plain = jsonl(tmp_path, relations=[{"id": "r1", "type": rtype, "head": head, "tail": tail}])
    for path, fmt, line in ((doccano, "doccano", ", line 1"), (brat_dir / "in.ann", "brat", ", line 4"),
                            (ls, "labelstudio", ""), (plain, "jsonl", ", line 2")):
        [problem] = refused(project, db_path, path, fmt)
        assert problem.startswith(f"{path}{line}: ") and "relation 1 (" in problem and words in problem, problem


def test_label_studio_attribute_values_are_checked(project, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "ls.json"
    path.write_text(json.dumps([{"id": 1, "data": {"text": TEXT}, "annotations": [{"result": [
        {"id": "a1", "type": "labels", "value": {"start": A, "end": A + 6, "text": TEXT[A:A + 6], "labels": ["ACTOR"]}},
        {"id": "a1", "type": "choices", "from_name": "type", "value": {"choices": ["alien"]}}]}]}]), encoding="utf-8")
    [problem] = refused(project, db_path, path)
    assert "span 1 (a1): ACTOR type 'alien' is not allowed" in problem


def test_brat_attribute_values_are_checked(project, db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.ann").write_text(f"T1\tACTOR {A} {A + 6}\t{TEXT[A:A + 6]}\nA1\ttype T1 alien\n"
                                    "N1\tReference T1 entity:e404\n", encoding="utf-8")
    [problem] = refused(project, db_path, tmp_path / "b.ann")
    assert problem.startswith(f"{tmp_path / 'b.ann'}, line 1: document 'b', span 1 (T1): ")
    assert "type 'alien' is not allowed" in problem


# -- item 5: no tracebacks -----------------------------------------------------------------

def test_json_nested_a_thousand_deep_is_refused_by_every_json_reader(project, db_path: Path, tmp_path: Path) -> None:
    deep = "[" * 1000 + "]" * 1000
    cases = [(tmp_path / "a.jsonl", None, f'{{"id": "x", "text": "نص", "meta": {{"m": {deep}}}}}\n'),
             (tmp_path / "b.jsonl", "doccano", f'{{"text": "نص", "label": {deep}}}\n'),
             (tmp_path / "c.jsonl", None, f'{deep}\n'),  # the doccano sniffing reads this line first
             (tmp_path / "d.json", None, f'[{{"data": {{"text": "نص", "x": {deep}}}}}]')]
    for path, fmt, content in cases:
        path.write_text(content, encoding="utf-8")
        [problem] = refused(project, db_path, path, fmt)
        assert re.search(r"(line 1|\.json): JSON nested 10\d\d levels deep: the limit is 64$", problem), problem


@pytest.mark.parametrize("field", ["text", "id", "title", "label", "attr", "meta"])
def test_a_lone_surrogate_is_refused_wherever_it_is(project, db_path: Path, tmp_path: Path, field: str) -> None:
    bad = "قال\ud800"
    spans = [{"id": "a1", "start": A, "end": A + 6, "label": "ACTOR", "attrs": {"type": "person"}}]
    changes = {"text": {"text": TEXT + bad}, "id": {"id": bad}, "title": {"title": bad},
               "meta": {"meta": {"outlet": bad}},
               "label": {"spans": [{**spans[0], "label": bad}]},
               "attr": {"spans": [{**spans[0], "attrs": {"type": bad}}]}}[field]
    problems = refused(project, db_path, jsonl(tmp_path, **{"spans": spans, **changes}))
    assert len(problems) == 1 and ("surrogate" in problems[0] or "is not in the schema" in problems[0]), problems


@pytest.mark.parametrize("reader", ["jsonl", "doccano", "labelstudio"])
def test_a_text_that_is_only_a_lone_surrogate_and_arabic(project, db_path: Path, tmp_path: Path, reader: str) -> None:
    """The text's direction is detected by python-bidi, which cannot take a surrogate: refused before."""
    text = "نص\ud800"
    content = {"jsonl": json.dumps({"id": "s", "text": text}) + "\n",
               "doccano": json.dumps({"text": text, "label": [[0, 2, "CLAIM"]]}) + "\n",
               "labelstudio": json.dumps([{"data": {"text": text}}])}[reader]
    path = tmp_path / ("in.json" if reader == "labelstudio" else "in.jsonl")
    path.write_text(content, encoding="utf-8")
    [problem] = refused(project, db_path, path, reader)
    assert "lone surrogate U+D800 at 2" in problem, problem


@pytest.mark.parametrize("escape", ["%FFFFFF;", "%D800;"])
def test_brat_escapes_that_are_not_characters(project, db_path: Path, tmp_path: Path, escape: str) -> None:
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "b.ann").write_text(f"T1\tCLAIM {C} {C + 12}\t{TEXT[C:C + 12]}\n#1\tAnnotatorNotes T1\tid:c{escape}\n",
                                    encoding="utf-8")
    [problem] = refused(project, db_path, tmp_path / "b.ann")
    assert problem.startswith(f"{tmp_path / 'b.ann'}, line 2: line #1: {escape} is not a Unicode character")


# -- item 6: what PostgreSQL would refuse, refused everywhere ------------------------------

def test_the_limits_are_the_column_lengths() -> None:
    assert LIMITS.document_id == DocumentRow.__table__.c.id.type.length == 200
    assert LIMITS.span_id == SpanRow.__table__.c.uid.type.length == 100


@pytest.mark.parametrize(("changes", "words"), [
    ({"id": "d" * 201}, "the document id is 201 characters long; the limit is 200"),
    ({"spans": [{"id": "s" * 101, "start": A, "end": A + 6, "label": "ACTOR"}]},
     "the span id is 101 characters long; the limit is 100"),
    ({"id": "a\x00b"}, "the document id contains a NUL character"),
    ({"title": "a\x00b"}, "the title contains a NUL character"),
    ({"spans": [{"id": "s\x00", "start": A, "end": A + 6, "label": "ACTOR"}]}, "the span id contains a NUL"),
])
def test_ids_and_titles_postgresql_would_refuse(project, db_path: Path, tmp_path: Path, changes, words) -> None:
    [problem] = refused(project, db_path, jsonl(tmp_path, **changes))
    assert problem.startswith(f"{tmp_path / 'in.jsonl'}, line 2: ") and words in problem, problem


def test_a_file_name_too_long_for_a_document_id(project, db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / ("x" * 201 + ".txt")
    path.write_text(TEXT, encoding="utf-8")
    [problem] = refused(project, db_path, path)
    assert "the document id is 201 characters long; the limit is 200" in problem


def test_an_annotator_name_too_long(project, db_path: Path, tmp_path: Path) -> None:
    path = jsonl(tmp_path)
    before = db_snapshot(db_path)
    with pytest.raises(InputError, match="the annotator name is 201 characters long; the limit is 200"):
        import_paths(project, [path], annotator="n" * 201)
    assert db_snapshot(db_path) == before


@pytest.mark.parametrize(("side", "words"), [
    ({"entities": [{"id": "e" * 101, "name": "سامر", "type": "person"}], "links": []},
     "entities[0] ('" + "e" * 101 + "'): the entity id is 101 characters long; the limit is 100"),
    ({"entities": [{"id": "e1", "name": "سا\ud800", "type": "person"}], "links": []}, "lone surrogate"),
    ({"entities": [], "links": [{"id": "l1", "type": "SAME_CLAIM", "source": {"doc": "j1", "span": "c1"},
                                 "target": {"doc": "j1", "span": "c1"}}]},
     "links[0] ('l1'): a link joins spans of two different documents"),
])
def test_project_files_beside_a_jsonl_are_checked_too(project, db_path: Path, tmp_path: Path, side, words) -> None:
    path = jsonl(tmp_path)
    (tmp_path / "in.project.json").write_text(json.dumps(side), encoding="utf-8")
    [problem] = refused(project, db_path, path)
    assert problem.startswith(f"{tmp_path / 'in.project.json'}: ") and words in problem, problem


# -- the services that take ids and names refuse the same values --------------------------

def test_services_refuse_ids_and_names_postgresql_would_refuse(project, db_path: Path, tmp_path: Path) -> None:
    from annotator.core.errors import AnnotatorError
    from annotator.services.entities import CreateEntity
    from annotator.services.relations import AddRelation
    from annotator.services.spans import AddSpan
    from annotator.services.team import add_annotator

    import_paths(project, [jsonl(tmp_path)], annotator="alice")
    before = db_snapshot(db_path)
    attempts = [
        (lambda: add_annotator(project, "n" * 201), "the annotator name is 201 characters long; the limit is 200"),
        (lambda: add_annotator(project, "bo\x00b"), "the annotator name contains a NUL character"),
        (lambda: AddSpan("j1", "alice", A, A + 6, "ACTOR", span_id="s" * 101).do(project),
         "the span id is 101 characters long; the limit is 100"),
        (lambda: AddRelation("j1", "alice", "SOURCE", "c1", "a1", relation_id="r" * 101).do(project),
         "the relation id is 101 characters long; the limit is 100"),
        (lambda: CreateEntity("alice", name="سامر", type="person", entity_id="e" * 101).do(project),
         "the entity id is 101 characters long; the limit is 100"),
        (lambda: CreateEntity("alice", name="سا\ud800", type="person").do(project), "lone surrogate"),
    ]
    for attempt, words in attempts:
        with pytest.raises(AnnotatorError, match=re.escape(words)):
            attempt()
    assert db_snapshot(db_path) == before


PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_project(request, tmp_path: Path):  # type: ignore[no-untyped-def]
    from annotator.services.project import Project

    if request.param == "sqlite":
        p = Project.open(tmp_path / "p.sqlite")
    else:
        if not PG_URL:
            pytest.skip("set ANNOTATOR_TEST_POSTGRES_URL to run against PostgreSQL")
        p = Project.open(fresh_postgres(PG_URL))
    yield p
    p.close()


def test_the_limits_hold_the_same_on_every_database(any_project, tmp_path: Path) -> None:
    """At the limit a value is stored (SQLite and PostgreSQL); one past it, or with a NUL,
    is refused with the same words, and nothing is written."""
    for changes, words in (({"id": "d" * 201}, "the document id is 201 characters long; the limit is 200"),
                           ({"title": "a\x00b"}, "the title contains a NUL character"),
                           ({"spans": [{"id": "s" * 101, "start": A, "end": A + 6, "label": "ACTOR"}]},
                            "the span id is 101 characters long; the limit is 100")):
        with pytest.raises(InputError, match=re.escape(words)):
            import_paths(any_project, [jsonl(tmp_path, **changes)])
        assert any_project.documents() == []
    at_limit = jsonl(tmp_path, id="d" * 200, spans=[{"id": "s" * 100, "start": A, "end": A + 6, "label": "ACTOR"}])
    assert import_paths(any_project, [at_limit], annotator="a" * 200).imported == ["d" * 200]
    assert [s.id for s in any_project.spans("d" * 200, "a" * 200)] == ["s" * 100]


def test_metadata_set_later_is_checked_like_imported_metadata(any_project, tmp_path: Path) -> None:
    """``annotator meta DOC key=value`` (Project.set_document_meta) refuses a NUL or a lone
    surrogate the way an import does, on every database, and stores nothing."""
    from annotator.services.project import InvalidEdit

    import_paths(any_project, [jsonl(tmp_path, id="d1")])
    before = any_project.document("d1").meta
    for updates in ({"outlet": "a\x00b"}, {"outlet": "\ud800"}, {"k\x00": "v"}):
        with pytest.raises(InvalidEdit, match=r"NUL|lone surrogate"):
            any_project.set_document_meta("d1", updates)
        assert any_project.document("d1").meta == before
    any_project.set_document_meta("d1", {"outlet": "<b>الراصد</b>"})
    assert any_project.document("d1").meta["outlet"] == "<b>الراصد</b>"
