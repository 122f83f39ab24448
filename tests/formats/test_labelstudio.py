"""Label Studio JSON: UTF-16 offsets after an emoji, per-region attributes, relations,
one annotation per task, and our own export read back."""

from __future__ import annotations

import dataclasses
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings

from annotator.core.dataset import DatasetDocument
from annotator.core.errors import InputError
from annotator.core.values import IncomingDocument
from annotator.formats import labelstudio
from annotator.formats.base import KnownAhead, ProjectData
from tests.export_samples import SCHEMA, doc_a, doc_b, documents, make, settings

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
    docs = (
        [doc_a(), doc_b()]
        if HOLDS_RELATIONS
        else [DatasetDocument(d.document, d.spans, []) for d in (doc_a(), doc_b())]
    )
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


def label_interface_errors(config: str, tasks: list[dict[str, Any]]) -> list[str]:
    """What Label Studio's own validator (label-studio-sdk, ``label_interface``:
    ``LabelInterface.validate`` for the configuration, ``validate_annotation`` /
    ``_validate_region_logic`` / ``_validate_relation_logic`` and each control tag's
    ``validate_value`` for the results) says of an export, rule by rule; plus two rules
    of the editor itself: a relation's labels are ``<Relation>`` values, and a result on
    a region comes from a ``perRegion`` control."""
    errors: list[str] = []
    names = re.findall(r'(?:^|[^\w])name="([^"]*)"', config)
    if len(set(names)) != len(names):
        errors.append(f"non-unique names: {names}")
    for to in re.findall(r'toName="([^"]*)"', config):
        errors += [f"toName {t!r} is no name" for t in to.split(",") if t not in names]
    root = ET.fromstring(config)
    controls = {el.get("name"): el for el in root.iter() if el.get("name") and el.get("toName")}
    objects = {el.get("name") for el in root.iter() if el.get("name") and (el.get("value") or "").startswith("$")}
    relation_types = {el.get("value") for el in root.iter("Relation")}
    value_key = {"labels": "labels", "choices": "choices", "textarea": "text"}
    for task in tasks:
        for annotation in task["annotations"]:
            regions = set()
            for n, r in enumerate(annotation["result"]):
                where = f"task {task['id']} result {n}"
                if r.get("type") == "relation":
                    continue
                if any(k not in r for k in ("from_name", "to_name", "type", "value")):
                    errors.append(f"{where}: a required field is missing")
                    continue
                control = controls.get(r["from_name"])
                if control is None or r["to_name"] not in objects:
                    errors.append(
                        f"{where}: from_name {r['from_name']!r} or to_name {r['to_name']!r} not in the config"
                    )
                    continue
                if control.tag.lower() != r["type"]:
                    errors.append(f"{where}: type {r['type']!r} does not match <{control.tag}>")
                if r["to_name"] not in control.get("toName", "").split(","):
                    errors.append(f"{where}: to_name is not the control's toName")
                value, key = r["value"], value_key.get(control.tag.lower())
                allowed = {c.get("value") for c in control if c.get("value") is not None}
                given = value.get(key) if key else None
                if key is None or not isinstance(given, list) or not all(isinstance(x, str) for x in given):
                    errors.append(f"{where}: value.{key} must be a list of strings, not {given!r}")
                elif allowed and not set(given) <= allowed:
                    errors.append(f"{where}: {given} not among the values of <{control.tag} name={r['from_name']}>")
                if r["type"] == "labels" and not all(
                    isinstance(value.get(k), (int, float, str)) for k in ("start", "end")
                ):
                    errors.append(f"{where}: a labels value needs start and end")
                if "start" in value and r["type"] != "labels" and control.get("perRegion") != "true":
                    errors.append(f"{where}: a result on a region from a control without perRegion")
                regions.add(r.get("id"))
            for n, r in enumerate(annotation["result"]):
                if r.get("type") != "relation":
                    continue
                if r.get("direction") not in ("left", "right", "bi"):
                    errors.append(f"task {task['id']} relation {n}: direction {r.get('direction')!r}")
                if r.get("from_id") not in regions or r.get("to_id") not in regions:
                    errors.append(f"task {task['id']} relation {n}: an end is not a valid region")
                if not set(r.get("labels") or []) <= relation_types:
                    errors.append(f"task {task['id']} relation {n}: {r.get('labels')} not declared in <Relations>")
    return errors


def exported(tmp_path: Path, docs: list[DatasetDocument]) -> tuple[str, list[dict[str, Any]]]:
    w = labelstudio.Writer(settings(tmp_path, splits=("all",)))
    for d in docs:
        w.add(d, "all")
    w.close(ProjectData())
    return ((tmp_path / "labelstudio_config.xml").read_text(encoding="utf-8"),
            json.loads((tmp_path / "all.json").read_text(encoding="utf-8")))


def test_every_result_passes_label_studios_validator(tmp_path: Path) -> None:
    a = doc_a()  # choice, boolean, entity and pattern attributes, relations of two types
    extra = make("doc-c", a.text, [dataclasses.replace(a.spans[0], id="x", attrs={"note": "2026", "n": 3})])
    config, tasks = exported(tmp_path, [a, doc_b(), extra])
    assert label_interface_errors(config, tasks) == []
    results = [r for t in tasks for r in t["annotations"][0]["result"]]
    assert {r["type"] for r in results} == {"labels", "choices", "textarea", "relation"}
    root = ET.fromstring(config)
    assert {el.get("value") for el in root.iter("Relation")} == {
        r.name for r in SCHEMA.relations
    }  # not only SOURCE, TIME
    per_region = {el.get("name"): el.tag for el in root.iter() if el.get("perRegion") == "true"}
    assert per_region == {"factuality": "Choices", "type": "Choices", "mod": "Choices", "check_worthy": "TextArea",
                          "entity": "TextArea", "value": "TextArea", "note": "TextArea", "n": "TextArea"}
    back = labelstudio.read(tmp_path / "all.json", SCHEMA)  # the values come back with their types
    assert [s.attrs for d in back for s in d.spans] == [s.attrs for d in (a, doc_b(), extra) for s in d.spans]
    date = next(r for r in results if r["from_name"] == "value" and r["id"] == "d3")
    assert date["value"]["text"] == ["2027"]  # a year stays a plain string in the text area


def test_label_studio_sdk_accepts_the_export(tmp_path: Path) -> None:
    sdk = pytest.importorskip("label_studio_sdk.label_interface")  # label-studio-sdk, where it is installed
    config, tasks = exported(tmp_path, [doc_a(), doc_b()])
    interface = sdk.LabelInterface(config)
    interface.validate()
    for task in tasks:
        assert interface.validate_prediction(task["annotations"][0], return_errors=True) == []


def tricky_documents() -> list[DatasetDocument]:
    """Attributes of every kind (a string that reads as JSON, a list, a dict, None, a float),
    a relation, quotes, backslashes and control characters in ids and text."""
    a, b = doc_a(), doc_b()
    odd = 'قال "الوزير" \\ \t\x01 🙂'
    c = make("doc-\"c\"\\", odd, [dataclasses.replace(a.spans[0], id='x"\\', start=0, end=3,
                                                       attrs={"note": "2026", "n": [1, {"k": None}], "f": 1.5,
                                                              "type": "person", "e": None, "text": "t"})],
             [dataclasses.replace(a.relations[0], head='x"\\', tail='x"\\')])
    empty = make("doc-d", "نص بلا مقاطع", [])
    return [a, b, c, empty]


@pytest.mark.parametrize("ahead", [False, True])
def test_the_file_is_what_json_dump_with_indent_writes(tmp_path: Path, ahead: bool) -> None:
    """The writer formats each task itself (the standard library's indenting encoder is
    pure Python and was 80% of the export); the bytes stay those of ``json.dump(tasks,
    indent=1)``, with or without the export service's look ahead."""
    docs = tricky_documents()
    splits = {"train": [docs[0], docs[2]], "test": [docs[1], docs[3]], "dev": []}
    known = None
    if ahead:
        used: dict[str, dict[str, list[Any]]] = {}
        for d in docs:  # the order the service meets them in: by document id
            for s in d.spans:
                for k, v in s.attrs.items():
                    used.setdefault(k, {}).setdefault(s.label, []).append(v)
        known = KnownAhead({k: len(v) for k, v in splits.items()}, used)
    w = labelstudio.Writer(settings(tmp_path, splits=tuple(splits), ahead=known))
    for d in docs:
        w.add(d, next(k for k, v in splits.items() if d in v))
    w.close(ProjectData())
    used = {}
    for d in docs:
        for s in d.spans:
            for k, v in s.attrs.items():
                used.setdefault(k, {}).setdefault(s.label, []).append(v)
    controls = labelstudio.Controls.plan(SCHEMA, used, {r.type for d in docs for r in d.relations})
    number = 0
    for split, in_split in splits.items():
        tasks = []
        for d in in_split:
            number += 1
            tasks.append(controls.task(d, number))
        expected = json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"
        assert (tmp_path / f"{split}.json").read_text(encoding="utf-8") == expected


@hsettings(max_examples=60, deadline=None)
@given(documents())
def test_any_task_is_written_as_json_dump_writes_it(doc: DatasetDocument) -> None:
    used: dict[str, dict[str, list[Any]]] = {}
    for s in doc.spans:
        for k, v in s.attrs.items():
            used.setdefault(k, {}).setdefault(s.label, []).append(v)
    controls = labelstudio.Controls.plan(SCHEMA, used, set())
    expected = json.dumps([controls.task(doc, 7)], ensure_ascii=False, indent=1)
    assert "[\n" + controls.task_json(doc, 7) + "\n]" == expected


def test_told_what_is_ahead_the_writer_keeps_no_document(tmp_path: Path) -> None:
    """With the export service's look ahead each task is written when its document comes
    (an export of 100,000 documents does not hold their texts), numbered across splits."""
    a, b = doc_a(), doc_b()
    used: dict[str, dict[str, list[Any]]] = {}
    for s in a.spans:
        for k, v in s.attrs.items():
            used.setdefault(k, {}).setdefault(s.label, []).append(v)
    ahead = KnownAhead({"train": 1, "test": 1}, used)
    w = labelstudio.Writer(settings(tmp_path, splits=("train", "test"), ahead=ahead))
    w.add(b, "test")
    w.add(a, "train")
    assert all(not docs for docs in w.docs.values())
    w.close(ProjectData())
    train = json.loads((tmp_path / "train.json").read_text(encoding="utf-8"))
    test = json.loads((tmp_path / "test.json").read_text(encoding="utf-8"))
    assert [t["id"] for t in train] == [1] and [t["id"] for t in test] == [2]
    assert test[0]["data"]["id"] == "doc-b"


def test_a_writer_told_something_else_than_what_comes_refuses_to_finish(tmp_path: Path) -> None:
    """If the documents or attributes differ from what the writer was told (the project
    changed under the export), its tasks may be wrong: it says so instead of finishing."""
    a = doc_a()
    w = labelstudio.Writer(settings(tmp_path, splits=("all",), ahead=KnownAhead({"all": 1}, {})))
    w.add(dataclasses.replace(a, spans=[dataclasses.replace(a.spans[0], attrs={"label": "x"})]), "all")
    with pytest.raises(labelstudio.ProjectChanged, match="changed while it was exported"):
        w.close(ProjectData())
    w = labelstudio.Writer(settings(tmp_path, splits=("all",), ahead=KnownAhead({"all": 2}, {})))
    w.add(DatasetDocument(a.document, [], []), "all")
    with pytest.raises(labelstudio.ProjectChanged):
        w.close(ProjectData())
