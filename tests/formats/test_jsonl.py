"""The canonical JSONL format: round trips, and every bad input named precisely."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core import graphemes
from annotator.core.errors import InputError
from annotator.core.schema import load_schema
from annotator.core.text import normalise_text, text_sha256
from annotator.core.values import Document, Span
from annotator.formats import jsonl
from annotator.resources import default_schema_path

SCHEMA = load_schema(default_schema_path())


def write_docs(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_reads_documents_with_spans(tmp_path: Path) -> None:
    text = "قال الوزير 🙂 إن الاتفاق نهائي"
    f = write_docs(tmp_path / "a.jsonl", [{"id": "d1", "title": "t", "text": text, "meta": {"outlet": "x"},
                                           "spans": [{"id": "s1", "start": 4, "end": 10, "label": "ACTOR",
                                                      "text": "الوزير"}]}])
    [doc] = jsonl.read(f, SCHEMA)
    assert doc.id == "d1" and doc.meta == {"outlet": "x"} and doc.direction == "rtl"
    assert doc.spans == [Span("s1", 4, 10, "ACTOR", {})]


def test_direction_can_be_overridden_in_meta(tmp_path: Path) -> None:
    f = write_docs(tmp_path / "a.jsonl", [{"id": "d1", "text": "قال", "meta": {"direction": "ltr"}}])
    assert jsonl.read(f, SCHEMA)[0].direction == "ltr"


def test_crlf_text_offsets_follow_the_normalisation(tmp_path: Path) -> None:
    raw = "\ufeffسطر\r\nقال الوزير"
    start = raw.index("الوزير")
    f = write_docs(tmp_path / "a.jsonl", [{"id": "d", "text": raw,
                                           "spans": [{"start": start, "end": start + 6, "label": "ACTOR"}]}])
    [doc] = jsonl.read(f, SCHEMA)
    s = doc.spans[0]
    assert doc.text == "سطر\nقال الوزير" and doc.text[s.start : s.end] == "الوزير"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "d", "text": "قال", ', "line 2: malformed JSON at column"),
        ("[1, 2]", "line 2: each line must be a JSON object"),
        ('{"id": "d", "text": "   "}', '"text" is missing'),
        ('{"id": "d", "text": "قال", "spans": [{"start": 0, "end": 9, "label": "CLAIM"}]}', "out of range"),
        ('{"id": "d", "text": "قال", "spans": [{"start": 2, "end": 1, "label": "CLAIM"}]}', "out of range"),
        (
            '{"id": "d", "text": "قال", "spans": [{"start": 0, "end": 3, "label": "PLACE"}]}',
            "'PLACE' is not in the schema",
        ),
        (
            '{"id": "d", "text": "قالَ", "spans": [{"start": 0, "end": 3, "label": "CLAIM"}]}',
            "inside a grapheme cluster",
        ),
        ('{"id": "d", "text": "قال", "spans": [{"start": 0, "end": 3, "label": "CLAIM", "text": "x"}]}', "differs"),
        ('{"id": "d", "text": "قال", "spans": [{"start": "0", "end": 3, "label": "CLAIM"}]}', "must be integers"),
        ('{"id": "d", "text": "قال", "meta": []}', '"meta" must be an object'),
        ('{"id": "first", "text": "other"}', "already used on line 1"),
    ],
)
def test_bad_lines_name_the_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"id": "first", "text": "نص"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        jsonl.read(f, SCHEMA)
    text = str(info.value)
    assert str(f) in text and "line 2" in text and message.replace("line 2: ", "") in text


# -- property: export then import gives the same documents and spans ---------------

_alphabet = st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r\x00\ufeff")


@st.composite
def documents_with_spans(draw: st.DrawFn) -> tuple[Document, list[Span]]:
    text = draw(st.text(alphabet=_alphabet, min_size=1, max_size=60).filter(lambda t: t.strip()))
    # astral characters, Arabic and marks, always in the mix
    text = draw(st.sampled_from(["", "🇮🇶", "𝟚", "قالَ ", "👨‍👩‍👧"])) + text
    bounds = graphemes.grapheme_boundaries(text)
    spans = []
    for i in range(draw(st.integers(0, 6))):
        a, b = sorted(draw(st.lists(st.sampled_from(bounds), min_size=2, max_size=2, unique=True)))
        attrs = draw(st.dictionaries(st.text(max_size=5), st.one_of(st.text(max_size=5), st.integers(), st.booleans()),
                                     max_size=2))
        spans.append(Span(f"s{i}", a, b, draw(st.sampled_from(SCHEMA.names)), attrs))
    meta = draw(st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))
    doc = Document(draw(st.text(alphabet="abc123-_", min_size=1, max_size=8)), draw(st.text(max_size=10)), text,
                   text_sha256(text), "ltr", meta)
    return doc, spans


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents_with_spans())
def test_write_then_read_gives_back_the_same_document_and_spans(
    tmp_path: Path, case: tuple[Document, list[Span]]
) -> None:
    doc, spans = case
    path = tmp_path / "rt.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        record = jsonl.document_record(doc, spans)
        jsonl.write_record(fh, record)
    for s in record["spans"]:
        assert s["text"] == doc.text[s["start"] : s["end"]]
    [back] = jsonl.read(path, SCHEMA)
    assert back.id == doc.id and back.text == doc.text and back.meta == doc.meta
    assert back.title == (doc.title or back.title)
    assert back.spans == spans
    assert normalise_text(back.text) == back.text
