"""Span notes in the exports that hold them (issue 14, item 10): JSONL writes ``"comment"``
and ``"unsure"`` only when a span has them, brat an AnnotatorNotes line; both read them back.
A document without notes is written exactly as before notes existed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.dataset import DatasetDocument
from annotator.core.errors import InputError
from annotator.core.values import MAX_COMMENT, Span
from annotator.formats import brat, jsonl, jsonl_dataset
from annotator.formats.base import UNSPLIT, ProjectData
from tests.export_samples import SCHEMA, doc_a, documents, make
from tests.export_samples import settings as writer_settings

TEXT = "قال الوزير إن الاتفاق نهائي\nوأكد المتحدث ذلك"
COMMENT = "لست متأكدًا أن الوزير قالها\n<b>x</b>\t\\n [unsure] id:y"
comments = st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n\t\\[]:"), max_size=40)


def noted() -> DatasetDocument:
    return make("n1", TEXT, [Span("s1", 0, 3, "CLAIM", {}, COMMENT, True), Span("s2", 4, 10, "ACTOR", {}, "", True),
                             Span("s3", 11, 13, "CLAIM", {}, "[unsure] قالها", False),
                             Span("s4", 14, 21, "ACTOR", {}, "id:s9", False), Span("s5", 29, 33, "CLAIM")])


def brat_export(folder: Path, doc: DatasetDocument) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    w = brat.Writer(writer_settings(folder, splits=(UNSPLIT,)))
    w.add(doc, UNSPLIT)
    w.close(ProjectData())
    return folder / f"{doc.id}.ann"


def jsonl_export(folder: Path, doc: DatasetDocument) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    w = jsonl_dataset.Writer(writer_settings(folder, splits=(UNSPLIT,)))
    w.add(doc, UNSPLIT)
    w.close(ProjectData())
    return folder / f"{UNSPLIT}.jsonl"


def test_jsonl_writes_a_note_only_where_there_is_one_and_reads_it_back(tmp_path: Path) -> None:
    doc = noted()
    path = jsonl_export(tmp_path, doc)
    [record] = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    notes = [{k: s[k] for k in ("comment", "unsure") if k in s} for s in record["spans"]]
    assert notes == [{"comment": COMMENT, "unsure": True}, {"unsure": True}, {"comment": "[unsure] قالها"},
                     {"comment": "id:s9"}, {}]
    [back] = jsonl.read(path, SCHEMA)
    assert back.spans == doc.spans


def test_a_document_without_notes_is_written_as_before(tmp_path: Path) -> None:
    doc = doc_a()
    line = jsonl_export(tmp_path / "j", doc).read_text(encoding="utf-8")
    assert '"comment"' not in line and '"unsure"' not in line
    assert all(list(s) == ["id", "start", "end", "label", "text", "attrs"] for s in json.loads(line)["spans"])
    ann = brat_export(tmp_path / "b", replace(doc, relations=[])).read_text(encoding="utf-8")
    notes = [x for x in ann.splitlines() if x.startswith("#")]
    assert len(notes) == len(doc.spans) and all("\tid:" in x for x in notes)


def test_brat_writes_annotator_notes_and_reads_them_back(tmp_path: Path) -> None:
    doc = noted()
    ann = brat_export(tmp_path, doc).read_text(encoding="utf-8").splitlines()
    notes = [x for x in ann if x.startswith("#") and "\tid:" not in x]
    assert notes == [
        "#6\tAnnotatorNotes T1\t[unsure] لست متأكدًا أن الوزير قالها\\n<b>x</b>\\t\\\\n [unsure] id:y",
        "#7\tAnnotatorNotes T2\t[unsure]",
        "#8\tAnnotatorNotes T3\t\\[unsure] قالها",
        "#9\tAnnotatorNotes T4\t\\id:s9",
    ]
    [back] = brat.read(tmp_path / "n1.ann", SCHEMA)
    assert back.spans == doc.spans


def test_another_tools_brat_notes_become_comments(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tCLAIM 0 3\tقال\n#1\tAnnotatorNotes T1\tcheck the source\n"
                                    "#2\tAnnotatorNotes T1\tasked the editor\n", encoding="utf-8")
    [back] = brat.read(tmp_path / "d.ann", SCHEMA)
    assert [(s.id, s.comment, s.unsure) for s in back.spans] == [("T1", "check the source\nasked the editor", False)]


def test_a_comment_too_long_or_not_text_is_refused_naming_the_line(tmp_path: Path) -> None:
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "d.ann").write_text(f"T1\tCLAIM 0 3\tقال\n#1\tAnnotatorNotes T1\t{'ب' * (MAX_COMMENT + 1)}\n",
                                    encoding="utf-8")
    with pytest.raises(InputError, match=r"line 2.*at most 2000 characters"):
        brat.read(tmp_path / "d.ann", SCHEMA)
    path = tmp_path / "d.jsonl"
    for bad, message in (('"comment": 3', "comment must be a string"), ('"unsure": "yes"', "unsure must be true"),
                         ('"comment": "a\\u0007"', "U\\+0007")):
        path.write_text('{"id": "d", "text": "قال الوزير", "spans": [{"start": 0, "end": 3, "label": "CLAIM", '
                        + bad + "}]}\n", encoding="utf-8")
        with pytest.raises(InputError, match=message):
            jsonl.read(path, SCHEMA)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents(), st.data())
def test_any_notes_round_trip_through_jsonl_and_brat(tmp_path: Path, doc: DatasetDocument, data: st.DataObject) -> None:
    spans = [replace(s, comment=data.draw(comments), unsure=data.draw(st.booleans())) for s in doc.spans]
    doc = DatasetDocument(doc.document, spans, [])
    folder = tmp_path / f"x{abs(hash((doc.text, tuple(spans)))) % 10**9}"
    [back] = jsonl.read(jsonl_export(folder / "j", doc), SCHEMA)
    assert back.spans == doc.spans
    [back] = brat.read(brat_export(folder / "b", doc), SCHEMA)
    assert back.spans == doc.spans
