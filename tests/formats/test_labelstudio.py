"""Label Studio JSON: UTF-16 offsets after an emoji, per-region attributes, relations,
one annotation per task, and our own export read back."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings as hsettings

from annotator.core.dataset import DatasetDocument
from annotator.core.errors import InputError
from annotator.core.model import IncomingDocument
from annotator.formats import labelstudio
from annotator.formats.base import ProjectData
from tests.export_samples import SCHEMA, doc_a, doc_b, documents, settings

TEXT = "👩‍⚕️ أعلنت الطبيبة 🏥 سلمى نور أن العيادة ستفتح غداً"
HOLDS_RELATIONS = "relations" in {f.name for f in dataclasses.fields(IncomingDocument)}


def u16(cp: int) -> int:
    return len(TEXT[:cp].encode("utf-16-le")) // 2


def region(rid: str, needle: str, label: str, *, code_points: bool = False) -> dict:
    s = TEXT.index(needle)
    e = s + len(needle)
    start, end = (s, e) if code_points else (u16(s), u16(e))
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": needle, "labels": [label]}}


def write(tmp_path: Path, tasks: list) -> Path:
    f = tmp_path / "project-1.json"
    f.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    return f


def test_browser_offsets_after_emoji_and_per_region_choices(tmp_path: Path) -> None:
    result = [region("r1", "سلمى نور", "ACTOR"), region("r2", "العيادة ستفتح غداً", "CLAIM"),
              {"id": "r1", "from_name": "type", "to_name": "text", "type": "choices",
               "value": {"start": 0, "end": 0, "choices": ["person"]}},
              {"id": "doc", "from_name": "topic", "to_name": "text", "type": "choices",
               "value": {"choices": ["health"]}}]
    f = write(tmp_path, [{"id": 3, "data": {"text": TEXT, "source": "x"}, "annotations": [{"result": result}],
                          "predictions": [{"result": [region("p1", "غداً", "DATE")]}]}])
    [doc] = labelstudio.read(f, SCHEMA)
    assert doc.id == "3" and doc.meta == {"source": "x", "topic": "health"}
    assert [(doc.text[s.start:s.end], s.label, s.attrs) for s in doc.spans] == [
        ("سلمى نور", "ACTOR", {"type": "person"}), ("العيادة ستفتح غداً", "CLAIM", {})]


def test_a_file_made_with_code_point_offsets_is_recognised_by_its_text(tmp_path: Path) -> None:
    f = write(tmp_path, [{"id": 1, "data": {"text": TEXT},
                          "annotations": [{"result": [region("r", "سلمى نور", "ACTOR", code_points=True)]}]}])
    [doc] = labelstudio.read(f, SCHEMA)
    assert doc.text[doc.spans[0].start:doc.spans[0].end] == "سلمى نور"


def test_json_min_export(tmp_path: Path) -> None:
    s = TEXT.index("سلمى")
    f = write(tmp_path, [{"id": 5, "text": TEXT, "annotator": 1,
                          "label": [{"start": u16(s), "end": u16(s + 8), "text": "سلمى نور", "labels": ["ACTOR"]}]}])
    [doc] = labelstudio.read(f, SCHEMA)
    assert [(doc.text[x.start:x.end], x.label) for x in doc.spans] == [("سلمى نور", "ACTOR")]


def test_several_annotations_of_a_task_are_refused(tmp_path: Path) -> None:
    f = write(tmp_path, [{"id": 1, "data": {"text": TEXT}, "annotations": [
        {"completed_by": 1, "result": []}, {"completed_by": 2, "result": []},
        {"completed_by": 3, "was_cancelled": True, "result": []}]}])
    with pytest.raises(InputError, match=r"task 1 has 2 annotations \(by 1, 2\)"):
        labelstudio.read(f, SCHEMA)


def test_text_that_matches_neither_offset_reading_is_refused(tmp_path: Path) -> None:
    bad = region("r1", "سلمى نور", "ACTOR")
    bad["value"]["text"] = "غيرها"
    with pytest.raises(InputError, match="is neither the text at UTF-16 offsets"):
        labelstudio.read(write(tmp_path, [{"data": {"text": TEXT}, "annotations": [{"result": [bad]}]}]), SCHEMA)


def test_importing_our_export_gives_back_the_spans_and_attributes(tmp_path: Path) -> None:
    st = settings(tmp_path, splits=("train",))
    w = labelstudio.Writer(st)
    docs = [doc_a(), doc_b()] if HOLDS_RELATIONS else [DatasetDocument(d.document, d.spans, []) for d in (doc_a(), doc_b())]
    for d in docs:
        w.add(d, "train")
    w.close(ProjectData())
    assert '<Label value="CLAIM"' in (tmp_path / "labelstudio_config.xml").read_text(encoding="utf-8")
    back = labelstudio.read(tmp_path / "train.json", SCHEMA)
    for original, doc in zip(docs, back):
        assert doc.id == original.id and doc.text == original.text
        assert doc.spans == original.spans
        if HOLDS_RELATIONS:
            assert [(r.type, r.head, r.tail) for r in doc.relations] == [  # type: ignore[attr-defined]
                (r.type, r.head, r.tail) for r in original.relations]


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_any_text_spans_and_attributes_round_trip_through_utf16(tmp_path_factory: pytest.TempPathFactory,
                                                               doc: DatasetDocument) -> None:
    folder = tmp_path_factory.mktemp("ls")
    w = labelstudio.Writer(settings(folder, splits=("all",)))
    w.add(doc, "all")
    w.close(ProjectData())
    [back] = labelstudio.read(folder / "all.json", SCHEMA)
    assert back.text == doc.text and back.spans == doc.spans
