"""doccano JSONL: browser (UTF-16) offsets converted, our export read back, the shape
recognised when a .jsonl file is imported without --format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings

from annotator.core.dataset import DatasetDocument
from annotator.core.errors import InputError
from annotator.core.values import Span
from annotator.formats import doccano, readers
from annotator.formats.base import ProjectData
from tests.export_samples import SCHEMA, doc_a, doc_b, documents, settings

TEXT = "🙂 قال الوزير 𝟚 سامر الخطيب إن الاتفاق نهائي"


def utf16(text: str, cp: int) -> int:
    return len(text[:cp].encode("utf-16-le")) // 2


def test_utf16_offsets_after_an_emoji_are_converted(tmp_path: Path) -> None:
    start = TEXT.index("سامر")
    end = start + len("سامر الخطيب")
    assert utf16(TEXT, start) == start + 2  # the emoji and the mathematical digit take two units each
    f = tmp_path / "admin.jsonl"
    f.write_text(json.dumps({"id": 7, "text": TEXT, "label": [[utf16(TEXT, start), utf16(TEXT, end), "ACTOR"]],
                             "Comments": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    [doc] = doccano.read(f, SCHEMA)
    assert doc.id == "7" and doc.meta == {"Comments": []}
    assert [(doc.text[s.start:s.end], s.label) for s in doc.spans] == [("سامر الخطيب", "ACTOR")]
    # the same file read as code points would be two characters off
    [wrong] = doccano.read(f, SCHEMA, offsets="code-points")
    assert wrong.text[wrong.spans[0].start:wrong.spans[0].end] != "سامر الخطيب"


def test_entities_and_relations_shape(tmp_path: Path) -> None:
    a, b = TEXT.index("الوزير"), TEXT.index("الاتفاق")
    f = tmp_path / "rel.jsonl"
    f.write_text(json.dumps({"id": 1, "text": TEXT, "entities": [
        {"id": 10, "label": "ACTOR", "start_offset": utf16(TEXT, a), "end_offset": utf16(TEXT, a + 6)},
        {"id": 11, "label": "CLAIM", "start_offset": utf16(TEXT, b), "end_offset": utf16(TEXT, len(TEXT))}],
        "relations": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    [doc] = doccano.read(f, SCHEMA)
    assert [(doc.text[s.start:s.end], s.label) for s in doc.spans] == [("الوزير", "ACTOR"),
                                                                       ("الاتفاق نهائي", "CLAIM")]


def test_importing_our_export_gives_back_the_spans(tmp_path: Path) -> None:
    st = settings(tmp_path, splits=("train",))
    w = doccano.Writer(st)
    originals = [DatasetDocument(d.document, d.spans, []) for d in (doc_a(), doc_b())]
    for d in originals:
        w.add(d, "train")
    w.close(ProjectData())
    line = json.loads((tmp_path / "train.jsonl").read_text(encoding="utf-8").splitlines()[0])
    first = originals[0].spans[0]
    assert line["entities"][0]["start_offset"] == utf16(originals[0].text, first.start)  # as the browser counts
    back = doccano.read(tmp_path / "train.jsonl", SCHEMA)
    for original, doc in zip(originals, back):
        assert doc.id == original.id and doc.text == original.text
        assert [(s.start, s.end, s.label) for s in doc.spans] == [(s.start, s.end, s.label) for s in original.spans]


def test_a_doccano_file_is_recognised_by_its_shape_and_by_format(tmp_path: Path) -> None:
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"text": TEXT, "label": [[3, 6, "CLAIM"]]}, ensure_ascii=False) + "\n", encoding="utf-8")
    docs = readers()[".jsonl"](f, SCHEMA)
    assert docs[0].spans == [Span("T1", 2, 5, "CLAIM", {})] and docs[0].text[2:5] == "قال"
    assert set(readers("doccano")) == {".jsonl"} and readers("doccano")[".jsonl"] is doccano.read
    ours = tmp_path / "ours.jsonl"
    ours.write_text(json.dumps({"id": "d", "text": TEXT, "spans": []}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert readers()[".jsonl"](ours, SCHEMA)[0].id == "d"


def doccano_relation_import(lines: list[str], *, allow_overlapping: bool) -> tuple[list[tuple], list[tuple]]:
    """What doccano's "JSONL(Relation)" import keeps of a file, following its pipeline
    (backend/data_import: RelationExtractionDataset, ExampleMaker, LabelMaker,
    SpanLabel, RelationLabel, Spans.clean): the records become one table, so a line
    without an ``entities`` column has no spans (pandas NaN, dropped without a word); an
    entity needs a non-empty label and non-negative integer offsets with start < end (a
    bad one is skipped); without "allow overlapping" only spans starting at or after
    the end of the last kept one stay; a relation whose ``from_id``/``to_id`` is no kept
    entity of its line fails the whole import (``id_to_span`` KeyError).
    Returns (line, start, end, label) of kept spans and (line, from, to, type) of relations."""
    records = [json.loads(line) for line in lines if line.strip()]
    spans: list[tuple] = []
    relations: list[tuple] = []
    for n, rec in enumerate(records):
        assert isinstance(rec.get("text"), str) and rec["text"], "ExampleMaker: the text column is required"
        entities = rec.get("entities")
        kept = []
        for e in entities if isinstance(entities, list) else []:
            ok = (isinstance(e, dict) and isinstance(e.get("label"), str) and e["label"]
                  and all(isinstance(e.get(k), int) and e[k] >= 0 for k in ("start_offset", "end_offset"))
                  and e["start_offset"] < e["end_offset"] and isinstance(e.get("id", -1), int))
            if ok:
                kept.append(e)
        if not allow_overlapping:
            last, clean = -1, []
            for e in sorted(kept, key=lambda e: e["start_offset"]):
                if e["start_offset"] >= last:
                    last = e["end_offset"]
                    clean.append(e)
            kept = clean
        by_id = {e.get("id", -1): e for e in kept}
        spans += [(n, e["start_offset"], e["end_offset"], e["label"]) for e in kept]
        for r in rec.get("relations") or []:
            assert isinstance(r.get("type"), str) and r["type"]
            if r["from_id"] not in by_id or r["to_id"] not in by_id:
                raise KeyError(f"line {n + 1}: relation {r} refers to no entity (doccano's import fails)")
            relations.append((n, r["from_id"], r["to_id"], r["type"]))
    return spans, relations


def test_every_line_has_one_shape_and_doccano_keeps_every_span_and_relation(tmp_path: Path) -> None:
    st = settings(tmp_path, splits=("train",))
    w = doccano.Writer(st)
    docs = [doc_a(), doc_b()]  # doc_a has relations, doc_b has none
    for d in docs:
        w.add(d, "train")
    w.close(ProjectData())
    lines = (tmp_path / "train.jsonl").read_text(encoding="utf-8").splitlines()
    assert [sorted(json.loads(line)) for line in lines] == [["entities", "id", "relations", "text"]] * 2
    spans, relations = doccano_relation_import(lines, allow_overlapping=True)
    assert len(spans) == sum(len(d.spans) for d in docs) and len(relations) == len(docs[0].relations)
    for (n, start, end, label), span in zip(spans, [s for d in docs for s in d.spans]):
        text = docs[n].text  # the UTF-16 offsets doccano's browser counts point at the span's text
        assert text.encode("utf-16-le")[2 * start:2 * end].decode("utf-16-le") == span.text_in(text)
        assert label == span.label
    assert any("overlapping" in note for note in st.log.notes)  # the project setting that keeps nested spans


@pytest.mark.parametrize(("label", "message"), [
    ([[0, 99, "CLAIM"]], "outside the text"),
    ([[2, 5, "EVENT"]], "not in the schema"),
    ([[2, 5]], "expected [start, end, label]"),
    ([[3, 5, "CLAIM"]], "inside a grapheme cluster"),
])
def test_bad_spans_name_the_line(tmp_path: Path, label: list, message: str) -> None:
    f = tmp_path / "bad.jsonl"
    text = "🙂 حدّاد " + TEXT  # UTF-16 [3, 5) is "حد" without the shadda that belongs to the د
    f.write_text("\n" + json.dumps({"text": text, "label": label}, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        doccano.read(f, SCHEMA)
    assert message in str(err.value) and "line 2" in str(err.value)


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_any_text_and_spans_round_trip_through_utf16(tmp_path_factory: pytest.TempPathFactory,
                                                    doc: DatasetDocument) -> None:
    folder = tmp_path_factory.mktemp("doccano")
    w = doccano.Writer(settings(folder, splits=("all",)))
    w.add(doc, "all")
    w.close(ProjectData())
    [back] = doccano.read(folder / "all.jsonl", SCHEMA)
    assert back.text == doc.text
    assert [(s.start, s.end, s.label) for s in back.spans] == [(s.start, s.end, s.label) for s in doc.spans]
