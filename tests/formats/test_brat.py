"""brat stand-off: every T line's text is the document's text at its offsets, the
configuration comes from the schema, and importing our export gives back the spans."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from annotator.core.dataset import DatasetDocument
from annotator.core.errors import InputError
from annotator.core.values import Span
from annotator.formats import brat
from annotator.formats.base import UNSPLIT, ProjectData
from tests.export_samples import SCHEMA, doc_a, doc_b, documents, make
from tests.export_samples import settings as writer_settings

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")


def export(folder: Path, docs: list[DatasetDocument], splits: tuple[str, ...] = (UNSPLIT,)):  # type: ignore[no-untyped-def]
    st_ = writer_settings(folder, splits=splits)
    w = brat.Writer(st_)
    for d in docs:
        w.add(d, splits[0])
    facts = w.close(ProjectData(links=[{"id": "l1"}]))
    return st_.log, facts


def without_relations(doc: DatasetDocument) -> DatasetDocument:
    return DatasetDocument(doc.document, doc.spans, [])


def test_every_t_line_text_is_the_text_at_its_offsets(tmp_path: Path) -> None:
    export(tmp_path, [doc_a(), doc_b()])
    for ann in sorted(tmp_path.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        t_lines = [m for m in map(T_LINE.match, ann.read_text(encoding="utf-8").splitlines()) if m]
        assert t_lines
        for m in t_lines:
            frags = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            assert m.group(4) == " ".join(text[s:e] for s, e in frags)
    assert (tmp_path / "doc-a.txt").read_text(encoding="utf-8") == doc_a().text


def test_relations_attributes_normalisations_and_the_configuration(tmp_path: Path) -> None:
    log, _ = export(tmp_path, [doc_a()])
    ann = (tmp_path / "doc-a.ann").read_text(encoding="utf-8")
    assert "R1\tSOURCE Arg1:T" in ann and "\tTIME Arg1:" in ann
    assert re.search(r"^A\d+\tfactuality T\d+ predicted$", ann, re.M)
    assert re.search(r"^A\d+\tcheck_worthy T\d+ true$", ann, re.M)
    assert re.search(r"^N\d+\tReference T\d+ value:2027-05\tأيار 2027$", ann, re.M)
    assert re.search(r"^N\d+\tReference T\d+ entity:e-haddad\t", ann, re.M)
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    sections = re.findall(r"^\[(\w+)\]$", conf, re.M)
    assert sections == ["entities", "relations", "events", "attributes"]
    assert "\nCLAIM\nACTOR\nDATE\n" in conf and "SOURCE\tArg1:CLAIM, Arg2:ACTOR" in conf
    if getattr(SCHEMA, "attributes", ()):  # declared by the schema: every allowed value
        assert "factuality\tArg:CLAIM, Value:asserted|denied|hedged|predicted" in conf
    else:  # found in the data
        assert "factuality\tArg:CLAIM, Value:asserted|predicted" in conf
    assert log.not_held == {"cross-document links (brat has no links between documents)": 1}


def test_a_span_across_a_line_break_is_written_as_fragments_and_read_back_whole(tmp_path: Path) -> None:
    text = "قال الوزير\nإن الاتفاق نهائي"
    doc = make("nl", text, [Span("c", 4, len(text), "CLAIM")])
    export(tmp_path, [doc])
    assert "T1\tCLAIM 4 10;11 27\tالوزير إن الاتفاق نهائي" in (tmp_path / "nl.ann").read_text(encoding="utf-8")
    [back] = brat.read(tmp_path / "nl.ann", SCHEMA)
    assert back.spans == [Span("c", 4, len(text), "CLAIM")]


def test_importing_our_export_gives_back_the_same_spans(tmp_path: Path) -> None:
    originals = [without_relations(doc_a()), without_relations(doc_b())]
    export(tmp_path, originals, splits=("train",))
    for original in originals:
        [back] = brat.read(tmp_path / "train" / f"{original.id}.ann", SCHEMA)
        assert back.id == original.id and back.text == original.text
        assert back.spans == original.spans  # ids, offsets, labels and typed attributes


def test_relations_on_import(tmp_path: Path) -> None:
    export(tmp_path, [doc_a()])
    [back] = brat.read(tmp_path / "doc-a.ann", SCHEMA)
    assert [(r.id, r.type, r.head, r.tail) for r in back.relations] == [
        ("r1", "SOURCE", "c1", "a1"), ("r2", "TIME", "c1", "d2"), ("r3", "SOURCE", "c2", "a3")]


def test_document_ids_that_are_not_file_names_are_made_safe(tmp_path: Path) -> None:
    _, facts = export(tmp_path, [make("../ملف/1", "نص قصير", [Span("x", 0, 2, "CLAIM")])])
    assert facts["file_names"] == {"../ملف/1": "_ملف_1"}
    assert (tmp_path / "_ملف_1.ann").is_file() and not (tmp_path.parent / "ملف").exists()


@pytest.mark.parametrize(("ann", "message"), [
    ("T1\tCLAIM 0 3;5 7\tقال ال", "discontinuous"),
    ("T1\tEVENT 0 3\tقال", "not in the schema"),
    ("T1\tCLAIM 0 4\tقال", "differs from the document's text"),
    ("T1\tCLAIM 0 99\tقال", "out of range"),
    ("E1\tAttack:T1", "events are not supported"),
    ("R1\tSOURCE Arg1:T1 Arg2:T9", "does not exist"),
])
def test_bad_standoff_names_the_line(tmp_path: Path, ann: str, message: str) -> None:
    (tmp_path / "d.txt").write_text("قال الوزير إن", encoding="utf-8")
    (tmp_path / "d.ann").write_text("T1\tCLAIM 0 3\tقال\n" + ann + "\n" if not ann.startswith("T1") else ann + "\n",
                                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        brat.read(tmp_path / "d.ann", SCHEMA)
    assert message in str(err.value) and "d.ann" in str(err.value)


def test_missing_text_file(tmp_path: Path) -> None:
    (tmp_path / "d.ann").write_text("", encoding="utf-8")
    with pytest.raises(InputError, match=r"d\.txt is missing"):
        brat.read(tmp_path / "d.ann", SCHEMA)


def test_crlf_text_files_keep_spans_on_their_characters(tmp_path: Path) -> None:
    raw = "سطر\r\nقال الوزير"
    (tmp_path / "d.txt").write_bytes(raw.encode())
    start = raw.index("الوزير")
    (tmp_path / "d.ann").write_text(f"T1\tACTOR {start} {start + 6}\tالوزير\n", encoding="utf-8")
    [doc] = brat.read(tmp_path / "d.ann", SCHEMA)
    s = doc.spans[0]
    assert doc.text[s.start:s.end] == "الوزير"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents())
def test_any_text_and_spans_round_trip(tmp_path: Path, doc: DatasetDocument) -> None:
    folder = tmp_path / f"x{abs(hash(doc.text)) % 10**9}-{len(doc.spans)}"
    folder.mkdir(exist_ok=True)
    export(folder, [doc])
    [back] = brat.read(folder / "doc.ann", SCHEMA)
    assert back.text == doc.text and back.spans == doc.spans
