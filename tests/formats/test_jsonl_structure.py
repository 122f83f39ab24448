"""Relations in the canonical JSONL, entities and links in its project sidecar:
export then import gives back exactly what was there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import graphemes
from annotator.core.errors import InputError
from annotator.core.schema import load_schema
from annotator.core.text import text_sha256
from annotator.core.values import Document, Entity, Link, Relation, Span
from annotator.formats import jsonl
from annotator.resources import default_schema_path
from annotator.services.attributes import SetAttributes
from annotator.services.entities import CreateEntity, entities
from annotator.services.imports.documents import import_paths
from annotator.services.links import AddLink, links_of_documents
from annotator.services.project import Project
from annotator.services.relations import AddRelation, relations_of
from annotator.services.sidecar import document_extras, write_project_sidecar
from annotator.services.spans import AddSpan
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import spans as span_store
from annotator.storage import team as team_store

SCHEMA = load_schema(default_schema_path())
HEADS = {r.name: r for r in SCHEMA.relations}


def write_lines(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


TEXT = "قال الوزير إن الاتفاق نهائي الجمعة"
SPANS = [{"id": "c", "start": 14, "end": 27, "label": "CLAIM"}, {"id": "a", "start": 4, "end": 10, "label": "ACTOR"},
         {"id": "d", "start": 28, "end": 34, "label": "DATE", "attrs": {"value": "2026-09-25"}}]


def test_relations_are_read_with_their_document(tmp_path: Path) -> None:
    f = write_lines(tmp_path / "a.jsonl", [{"id": "d1", "text": TEXT, "spans": SPANS, "relations": [
        {"id": "r1", "type": "SOURCE", "head": "c", "tail": "a"},
        {"id": "r2", "type": "TIME", "head": "c", "tail": "d", "attrs": {"note": "x"}}]}])
    [doc] = jsonl.read(f, SCHEMA)
    assert doc.relations == [Relation("r1", "SOURCE", "c", "a"), Relation("r2", "TIME", "c", "d", {"note": "x"})]
    assert [s.attrs for s in doc.spans] == [{}, {}, {"value": "2026-09-25"}]


def test_a_record_without_relations_reads_as_before(tmp_path: Path) -> None:
    f = write_lines(tmp_path / "a.jsonl", [{"id": "d1", "text": TEXT, "spans": SPANS}])
    assert jsonl.read(f, SCHEMA)[0].relations == []
    doc = Document("d1", "t", TEXT, text_sha256(TEXT), "rtl")
    assert "relations" not in jsonl.document_record(doc, [])
    assert jsonl.document_record(doc, [], [])["relations"] == []


@pytest.mark.parametrize(
    ("relations", "message"),
    [
        ({"id": "r1"}, '"relations" must be a list'),
        ([{"id": "r1", "type": "SOURCE", "head": "c", "tail": "zz"}],
         "relation 1 (r1): tail 'zz' is not the id of a span"),
        ([{"id": "r1", "type": "SOURCE", "head": "c", "tail": "d"}],
         "relation 1 (r1): SOURCE goes from CLAIM to ACTOR, not from CLAIM to DATE"),
        ([{"id": "r1", "type": "CAUSE", "head": "c", "tail": "a"}], "relation type 'CAUSE' is not in the schema"),
        ([{"id": "r1", "type": "SOURCE", "head": "c", "tail": "a"},
          {"id": "r1", "type": "TIME", "head": "c", "tail": "d"}],
         "relation 2 (r1): the id is used twice"),
        ([{"type": "SOURCE", "head": "c", "tail": "a"}], "relation 1: id must be a non-empty string"),
        (["r1"], "relation 1 is not an object"),
    ],
)
def test_bad_relations_name_the_file_and_line(tmp_path: Path, relations: object, message: str) -> None:
    f = tmp_path / "bad.jsonl"
    write_lines(f, [{"id": "first", "text": "نص"}, {"id": "d1", "text": TEXT, "spans": SPANS, "relations": relations}])
    with pytest.raises(InputError) as info:
        jsonl.read(f, SCHEMA)
    assert f"{f}, line 2: " in str(info.value) and message in str(info.value)


# -- the sidecar --------------------------------------------------------------------------

def test_sidecar_path_is_beside_the_jsonl() -> None:
    assert jsonl.sidecar_path(Path("out/data.jsonl")) == Path("out/data.project.json")


def test_sidecar_accepts_document_as_well_as_doc(tmp_path: Path) -> None:
    f = tmp_path / "x.project.json"
    f.write_text(json.dumps({"entities": [{"id": "e1", "name": "سامر", "type": "person"}], "links": [
        {"id": "l1", "type": "SAME_CLAIM", "source": {"document": "a", "span": "s1"},
         "target": {"doc": "b", "span": "s2"}, "annotator": "alice", "kind": "annotation"}]}), encoding="utf-8")
    assert jsonl.read_project_sidecar(f, SCHEMA) == ([Entity("e1", "سامر", "person", ())],
                                                      [Link("l1", "SAME_CLAIM", "a", "s1", "b", "s2")])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ('{"entities": [', "malformed JSON"),
        ('[]', 'must hold a JSON object'),
        ('{"entities": [{"id": "e1", "name": ""}]}', "entities[0] (e1): name must be a non-empty string"),
        ('{"entities": [{"id": "e1", "name": "x", "type": "army"}]}', "entities[0] (e1): type 'army' is not allowed"),
        ('{"entities": [{"id": "e1", "name": "x"}, {"id": "e1", "name": "y"}]}',
         "entities[1] (e1): the id is used twice"),
        (('{"links": [{"id": "l1", "type": "ECHOES", "source": {"doc": "a", "span": "s"}, '
          '"target": {"doc": "b", "span": "t"}}]}'),
         "links[0] (l1): link type 'ECHOES' is not in the schema"),
        ('{"links": [{"id": "l1", "type": "SAME_CLAIM", "source": {"doc": "a"}, "target": {"doc": "b", "span": "t"}}]}',
         'links[0] (l1): source must be {"doc": document id, "span": span id}'),
    ],
)
def test_bad_sidecars_name_the_file_and_entry(tmp_path: Path, data: str, message: str) -> None:
    f = tmp_path / "x.project.json"
    f.write_text(data, encoding="utf-8")
    with pytest.raises(InputError) as info:
        jsonl.read_project_sidecar(f, SCHEMA)
    assert str(f) in str(info.value) and message in str(info.value)


_names = st.text(alphabet="أبتثجحخدذرزسشصضطظعغفقكلمنهوي ـَ 🇮🇶", min_size=1, max_size=12).filter(lambda t: t.strip())


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_names, st.sampled_from(SCHEMA.entity_types()), st.lists(_names, max_size=3)),
                max_size=5),
       st.lists(st.tuples(st.sampled_from([lt.name for lt in SCHEMA.links]), st.text(min_size=1, max_size=6),
                          st.text(min_size=1, max_size=6), st.text(min_size=1, max_size=6),
                          st.text(min_size=1, max_size=6)), max_size=5))
def test_sidecar_write_then_read_gives_back_entities_and_links(tmp_path: Path, ents, lnks) -> None:  # type: ignore[no-untyped-def]
    entities = [Entity(f"e{i}", n, t, tuple(a)) for i, (n, t, a) in enumerate(ents)]
    links = [Link(f"l{i}", t, a, b, c, d) for i, (t, a, b, c, d) in enumerate(lnks)]
    f = tmp_path / "x.project.json"
    f.write_text(json.dumps(jsonl.project_record(entities, links), ensure_ascii=False), encoding="utf-8")
    assert jsonl.read_project_sidecar(f, SCHEMA) == (entities, links)


# -- property: documents with spans and relations -----------------------------------------

_alphabet = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r\x00\ufeff")


@st.composite
def documents_with_relations(draw: st.DrawFn) -> tuple[Document, list[Span], list[Relation]]:
    text = draw(st.sampled_from(["", "🇮🇶", "قالَ "])) + draw(
        st.text(alphabet=_alphabet, min_size=1, max_size=40).filter(lambda t: t.strip()))
    bounds = graphemes.grapheme_boundaries(text)
    spans = []
    for i in range(draw(st.integers(0, 6))):
        a, b = sorted(draw(st.lists(st.sampled_from(bounds), min_size=2, max_size=2, unique=True)))
        spans.append(Span(f"s{i}", a, b, draw(st.sampled_from(SCHEMA.names)), {}))
    relations = []
    for i in range(draw(st.integers(0, 6))):
        rtype = HEADS[draw(st.sampled_from(list(HEADS)))]
        heads = [s for s in spans if s.label in rtype.head]
        tails = [s for s in spans if s.label in rtype.tail]
        if heads and tails:
            attrs = draw(st.dictionaries(st.text(max_size=4), st.text(max_size=4), max_size=1))
            relations.append(Relation(f"r{i}", rtype.name, draw(st.sampled_from(heads)).id,
                                      draw(st.sampled_from(tails)).id, attrs))
    doc = Document("d", "t", text, text_sha256(text), "ltr")
    return doc, spans, relations


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents_with_relations())
def test_write_then_read_gives_back_spans_and_relations(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    doc, spans, relations = case
    path = tmp_path / "rt.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        jsonl.write_record(fh, jsonl.document_record(doc, spans, relations))
    [back] = jsonl.read(path, SCHEMA)
    assert back.spans == spans and back.relations == relations


# -- through the project: export, import into a new project, compare ------------------------

ONE = "أعلن وزير النقل سامر الخطيب الجمعة أن معبر الوادي سيُفتح مطلع العام المقبل."
TWO = "نفت شركة NorthGate أن يُفتح معبر الوادي قبل عام 2028."


def export(project: Project, out: Path, annotator: str) -> None:
    """The canonical export as the export service writes it, with relations and the sidecar."""
    with project.database.unit_of_work() as s:
        docs = document_store.all_documents(s)
        with out.open("w", encoding="utf-8", newline="\n") as fh:
            for doc in docs:
                set_row = set_store.find_set(s, doc.id, annotator)
                spans = span_store.spans_of_set(s, set_row.id) if set_row else []
                jsonl.write_record(fh, jsonl.document_record(doc, spans, document_extras(s, doc.id, annotator)))
    write_project_sidecar(project, out, annotator, [d.id for d in docs])


def state(project: Project, annotator: str) -> dict:
    docs = [d.id for d in project.documents()]
    return {
        "spans": {d: project.spans(d, annotator) for d in docs},
        "relations": {d: sorted(relations_of(project, d, annotator), key=lambda r: r.id) for d in docs},
        "links": sorted(links_of_documents(project, None, annotator), key=lambda lk: lk.id),
        "entities": entities(project),
    }


def build(project: Project) -> None:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("one", "one", ONE, text_sha256(ONE), "rtl",
                                                {"published": "2026-09-25"}))
        document_store.add_document(s, Document("two", "two", TWO, text_sha256(TWO), "rtl"))

    def tag(doc: str, text: str, needle: str, label: str) -> str:
        i = text.index(needle)
        cmd = AddSpan(doc, "alice", i, i + len(needle), label)
        cmd.do(project)
        return cmd.span_id

    c1 = tag("one", ONE, "معبر الوادي سيُفتح مطلع العام المقبل", "CLAIM")
    a1, d1 = tag("one", ONE, "سامر الخطيب", "ACTOR"), tag("one", ONE, "مطلع العام المقبل", "DATE")
    c2, d2 = tag("two", TWO, "يُفتح معبر الوادي قبل عام 2028", "CLAIM"), tag("two", TWO, "عام 2028", "DATE")
    AddRelation("one", "alice", "SOURCE", c1, a1).do(project)
    AddRelation("one", "alice", "TIME", c1, d1).do(project)
    AddRelation("two", "alice", "TIME", c2, d2).do(project)
    SetAttributes("one", "alice", c1, {"factuality": "predicted", "check_worthy": True}).do(project)
    SetAttributes("one", "alice", d1, {"value": "2027", "mod": "START"}).do(project)
    CreateEntity("alice", type="person", aliases=("الخطيب",), document_id="one", span_id=a1).do(project)
    CreateEntity("alice", "NorthGate", "organisation").do(project)
    AddLink("alice", "CONTRADICTS", "one", c1, "two", c2).do(project)
    AddLink("alice", "SAME_DATE", "two", d2, "one", d1).do(project)


def test_export_then_import_restores_relations_attributes_entities_and_links(tmp_path: Path) -> None:
    first = Project.open(tmp_path / "first.sqlite")
    build(first)
    out = tmp_path / "out" / "data.jsonl"
    out.parent.mkdir()
    export(first, out, "alice")
    assert (tmp_path / "out" / "data.project.json").is_file()
    before = state(first, "alice")
    first.close()

    second = Project.open(tmp_path / "second.sqlite")
    report = import_paths(second, [out.parent], annotator="alice")  # a folder: the sidecar is not a document
    assert (len(report.imported), report.relations, report.entities, report.links) == (2, 3, 2, 2)
    assert state(second, "alice") == before
    with second.database.unit_of_work() as s:
        actions = [c["action"] for c in changelog.changes(s)]
    assert actions.count("link.add") == 2 and actions.count("entity.add") == 2
    second.close()


def test_importing_the_same_export_twice_keeps_entities_and_adds_nothing(tmp_path: Path) -> None:
    p = Project.open(tmp_path / "p.sqlite")
    build(p)
    out = tmp_path / "data.jsonl"
    export(p, out, "alice")
    report = import_paths(p, [out], annotator="alice")
    assert report.imported == [] and len(report.duplicates) == 2 and report.entities == 0 and report.links == 0
    p.close()


def test_a_link_to_a_missing_span_stops_the_import_and_nothing_is_written(tmp_path: Path, snapshot) -> None:
    first = Project.open(tmp_path / "first.sqlite")
    build(first)
    out = tmp_path / "data.jsonl"
    export(first, out, "alice")
    first.close()
    side = jsonl.sidecar_path(out)
    data = json.loads(side.read_text(encoding="utf-8"))
    data["links"][0]["target"]["span"] = "s-gone"
    side.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    second_path = tmp_path / "second.sqlite"
    second = Project.open(second_path)
    before = snapshot(second_path)
    with pytest.raises(InputError,
                       match=r"links\[0\] .*target span 's-gone' of document 'two' is not among alice's spans"):
        import_paths(second, [out], annotator="alice")
    assert snapshot(second_path) == before
    report = import_paths(second, [out], annotator="alice", skip_bad=True)
    assert report.links == 1 and str(side) in report.bad_files
    second.close()


def test_a_sidecar_given_alone_is_explained(tmp_path: Path, project: Project) -> None:
    side = tmp_path / "data.project.json"
    side.write_text('{"entities": [], "links": []}', encoding="utf-8")
    with pytest.raises(InputError, match=r"import the \.jsonl file beside it"):
        import_paths(project, [side])


def test_sidecar_leaves_out_links_to_documents_not_exported(tmp_path: Path) -> None:
    p = Project.open(tmp_path / "p.sqlite")
    build(p)
    report = write_project_sidecar(p, tmp_path / "only-one.jsonl", "alice", ["one"])
    assert (report.entities, report.links, report.links_left_out) == (2, 0, 2)
    with pytest.raises(Exception, match="already exists"):
        write_project_sidecar(p, tmp_path / "only-one.jsonl", "alice", ["one"])
    write_project_sidecar(p, tmp_path / "only-one.jsonl", "alice", None, force=True)
    assert len(json.loads((tmp_path / "only-one.project.json").read_text(encoding="utf-8"))["links"]) == 2
    p.close()


def test_a_dataset_folder_project_json_is_read_too(tmp_path: Path) -> None:
    """A dataset export (<split>.jsonl files and one project.json) imports with its links."""
    first = Project.open(tmp_path / "first.sqlite")
    build(first)
    folder = tmp_path / "dataset"
    folder.mkdir()
    export(first, folder / "train.jsonl", "alice")
    (folder / "train.project.json").rename(folder / "project.json")
    before = state(first, "alice")
    first.close()
    second = Project.open(tmp_path / "second.sqlite")
    report = import_paths(second, [folder], annotator="alice")
    assert (report.entities, report.links) == (2, 2) and state(second, "alice") == before
    second.close()


# -- property: any project's relations, attributes, entities and links survive export + import ----

_words = st.sampled_from(["قال", "الوزير", "إن", "المعبر", "سيُفتح", "في", "أيلول", "2026", "🇮🇶", "NorthGate", "،", "ـ"])


@st.composite
def projects(draw: st.DrawFn):  # type: ignore[no-untyped-def]
    docs = []
    for d in range(draw(st.integers(2, 3))):
        text = " ".join(draw(st.lists(_words, min_size=3, max_size=12))) + f" ({d})"
        bounds = graphemes.grapheme_boundaries(text)
        spans = []
        for i in range(draw(st.integers(1, 6))):
            a, b = sorted(draw(st.lists(st.sampled_from(bounds), min_size=2, max_size=2, unique=True)))
            label = draw(st.sampled_from(SCHEMA.names))
            attrs = {}
            for adef in SCHEMA.attributes_of(label):
                if adef.kind == "choice" and draw(st.booleans()):
                    attrs[adef.name] = draw(st.sampled_from(adef.values))
                elif adef.kind == "boolean" and draw(st.booleans()):
                    attrs[adef.name] = draw(st.booleans())
            spans.append(Span(f"s{d}-{i}", a, b, label, attrs))
        rels = []
        for i in range(draw(st.integers(0, 4))):
            rtype = HEADS[draw(st.sampled_from(list(HEADS)))]
            heads = [s for s in spans if s.label in rtype.head]
            tails = [s for s in spans if s.label in rtype.tail]
            if heads and tails:
                rel = Relation(f"r{d}-{i}", rtype.name, draw(st.sampled_from(heads)).id,
                               draw(st.sampled_from(tails)).id)
                if all((r.type, r.head, r.tail) != (rel.type, rel.head, rel.tail) for r in rels):
                    rels.append(rel)  # the window refuses a relation given twice, and so does import
        docs.append((Document(f"d{d}", f"t{d}", text, text_sha256(text), "rtl"), spans, rels))
    entities = [Entity(f"e{i}", draw(_names), draw(st.sampled_from(SCHEMA.entity_types())),
                       tuple(draw(st.lists(_names, max_size=2)))) for i in range(draw(st.integers(0, 3)))]
    links = []
    for i in range(draw(st.integers(0, 4))):
        (da, sa, _), (db, sb, _) = draw(st.lists(st.sampled_from(docs), min_size=2, max_size=2,
                                                 unique_by=lambda x: x[0].id))
        ltype = draw(st.sampled_from(SCHEMA.links))
        a_ok = [s for s in sa if s.label in ltype.labels]
        b_ok = [s for s in sb if s.label in ltype.labels]
        if a_ok and b_ok:
            links.append(Link(f"l{i}", ltype.name, da.id, draw(st.sampled_from(a_ok)).id, db.id,
                              draw(st.sampled_from(b_ok)).id))
    return docs, entities, links


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(projects())
def test_any_project_round_trips_through_the_canonical_export(tmp_path_factory, case) -> None:  # type: ignore[no-untyped-def]
    from annotator.storage import entities as entity_store
    from annotator.storage import links as link_store
    from annotator.storage import relations as relation_store

    docs, entities, links = case
    root = tmp_path_factory.mktemp("rt")
    first = Project.open(root / "first.sqlite")
    with first.database.unit_of_work() as s:
        who = team_store.annotator_id(s, "alice")
        for doc, spans, rels in docs:
            document_store.add_document(s, doc)
            s.flush()
            set_row = set_store.get_or_create_set(s, doc.id, "alice")
            span_store.bulk_insert_spans(s, set_row.id, spans)
            relation_store.bulk_insert_relations(s, set_row.id, rels)
        for e in entities:
            entity_store.insert_entity(s, e)
        for link in links:
            src = relation_store.span_pk(s, set_store.find_set(s, link.source_doc, "alice").id, link.source_span)  # type: ignore[union-attr]
            tgt = relation_store.span_pk(s, set_store.find_set(s, link.target_doc, "alice").id, link.target_span)  # type: ignore[union-attr]
            link_store.insert_link(s, link, src, tgt, who)
    out = root / "data.jsonl"
    export(first, out, "alice")
    before = state(first, "alice")
    first.close()
    second = Project.open(root / "second.sqlite")
    import_paths(second, [out], annotator="alice")
    assert state(second, "alice") == before
    assert sorted(before["links"], key=lambda lk: lk.id) == sorted(links, key=lambda lk: lk.id)
    second.close()


def test_the_export_service_output_imports_back_exactly(tmp_path: Path) -> None:
    """``annotator export --format jsonl`` then ``annotator import``: the user's round trip."""
    from annotator.services.export.datasets import export_jsonl

    first = Project.open(tmp_path / "first.sqlite")
    build(first)
    export_jsonl(first, tmp_path / "x.jsonl", annotator="alice")
    before = state(first, "alice")
    first.close()
    second = Project.open(tmp_path / "second.sqlite")
    report = import_paths(second, [tmp_path / "x.jsonl"], annotator="alice")
    assert (report.relations, report.entities, report.links) == (3, 2, 2)
    assert state(second, "alice") == before
    second.close()


def test_with_skip_bad_a_refused_project_file_stores_none_of_its_entities(tmp_path: Path) -> None:
    """An entity id longer than the database allows makes its project file a problem; with
    --skip-bad none of that file's entities is stored (the filter compared the file's Path
    with the problem's str and never dropped it: the 300-character id was stored)."""
    first = Project.open(tmp_path / "first.sqlite")
    build(first)
    out = tmp_path / "data.jsonl"
    export(first, out, "alice")
    first.close()
    side = jsonl.sidecar_path(out)
    data = json.loads(side.read_text(encoding="utf-8"))
    data["entities"].append({"id": "e" * 300, "name": "كيان طويل", "type": "person", "aliases": []})
    data["links"] = []
    side.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    second = Project.open(tmp_path / "second.sqlite")
    report = import_paths(second, [out], annotator="alice", skip_bad=True)
    # the documents' spans name the file's other entities, so the JSONL is refused with it
    assert report.bad_files == [str(out), str(side)] and report.imported == []
    assert entities(second) == []
    second.close()
