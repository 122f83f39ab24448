"""Importing articles: all or nothing, duplicates skipped, every bad input named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.resources import samples_dir
from annotator.services.imports.documents import import_paths
from tests.conftest import ARABIC


def test_txt_title_is_first_non_empty_line_and_text_is_normalised(project, tmp_path: Path, write_file) -> None:
    f = write_file(tmp_path / "gazette-1.txt", ("\ufeff\r\n" + ARABIC.replace("\n", "\r\n")).encode("utf-8"))
    report = import_paths(project, [f])
    assert report.imported == ["gazette-1"]
    doc = project.document("gazette-1")
    assert doc.text == "\n" + ARABIC and doc.title == ARABIC.split("\n")[0]
    assert doc.direction == "rtl" and doc.source_path == str(f) and doc.imported_at is not None


def test_folders_are_read_recursively_and_duplicates_skipped(project, tmp_path: Path, write_file) -> None:
    write_file(tmp_path / "in" / "a.txt", "نص أول")
    write_file(tmp_path / "in" / "sub" / "b.txt", "نص ثان")
    write_file(tmp_path / "in" / "sub" / "copy-of-a.txt", "نص أول")
    write_file(tmp_path / "in" / "notes.md", "ignored in folders")
    report = import_paths(project, [tmp_path / "in"])
    assert sorted(report.imported) == ["a", "b"]
    assert [(d.document_id, d.existing_id) for d in report.duplicates] == [("copy-of-a", "a")]
    again = import_paths(project, [tmp_path / "in"])
    assert again.imported == [] and len(again.duplicates) == 3
    assert len(project.documents()) == 2


def test_same_file_name_with_different_text_gets_a_distinct_id(project, tmp_path: Path, write_file) -> None:
    write_file(tmp_path / "x" / "story.txt", "نص أول")
    write_file(tmp_path / "y" / "story.txt", "نص آخر")
    report = import_paths(project, [tmp_path / "x", tmp_path / "y"])
    assert report.imported == ["story", "story-2"]


def test_a_third_file_of_the_same_name_gets_the_next_free_id(project, tmp_path: Path, write_file) -> None:
    """story.txt, then another story.txt (story-2), then a third: story-3, in three imports."""
    ids = []
    for n in range(3):
        path = write_file(tmp_path / f"batch{n}" / "story.txt", f"عنوان {n}\nنص الخبر رقم {n}.\n")
        ids += import_paths(project, [path]).imported
    assert ids == ["story", "story-2", "story-3"]


def test_jsonl_with_spans_goes_to_the_named_annotator(project, tmp_path: Path) -> None:
    f = tmp_path / "pre.jsonl"
    start = ARABIC.index("وزير النقل")
    f.write_text(json.dumps({"id": "d1", "title": "t", "text": ARABIC, "meta": {"outlet": "o"},
                             "spans": [{"id": "a1", "start": start, "end": start + 10, "label": "ACTOR"}]},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    report = import_paths(project, [f], annotator="model-v1")
    assert report.spans == 1
    [span] = project.spans("d1", "model-v1")
    assert (span.id, ARABIC[span.start : span.end], span.label) == ("a1", "وزير النقل", "ACTOR")
    assert project.spans("d1", "somebody-else") == []
    assert project.document("d1").meta == {"outlet": "o"}


def test_sample_articles_import(project) -> None:
    report = import_paths(project, [samples_dir()])
    assert len(report.imported) >= 3 and not report.problems
    assert all(project.document(i).direction == "rtl" for i in report.imported)


BAD_INPUTS = {
    "invalid UTF-8": ("bad.txt", "قال".encode() + b"\n\xff\xfe ok", "not valid UTF-8", "line 2, byte 7"),
    "empty": ("empty.txt", b"", "the file is empty", None),
    "whitespace only": ("blank.txt", b"  \n\t\r\n", "only whitespace", None),
    "NUL byte": ("nul.txt", "قال".encode() + b"\x00abc", "NUL byte", "byte 6"),
    "binary": ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL byte", None),
    "malformed JSON": ("bad.jsonl", b'{"id": "a", "text": "x"}\n{"id": "b", "text": \n', "malformed JSON", "line 2"),
    "span out of range": (
        "r.jsonl",
        '{"id": "a", "text": "قال", "spans": [{"start": 1, "end": 40, "label": "CLAIM"}]}\n'.encode(),
        "out of range",
        "line 1",
    ),
    "span inside a cluster": (
        "g.jsonl",
        '{"id": "a", "text": "قالَ", "spans": [{"start": 0, "end": 3, "label": "CLAIM"}]}\n'.encode(),
        "grapheme cluster",
        "line 1",
    ),
    "unknown label": (
        "l.jsonl",
        '{"id": "a", "text": "قال", "spans": [{"start": 0, "end": 3, "label": "EVENT"}]}\n'.encode(),
        "'EVENT' is not in the schema",
        "line 1",
    ),
    "unsupported type": ("notes.docx", b"PK\x03\x04", "unsupported file type .docx", None),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_names_file_and_place_and_changes_nothing(case: str, project, db_path, tmp_path: Path,
                                                             write_file, snapshot) -> None:
    name, data, message, place = BAD_INPUTS[case]
    good = write_file(tmp_path / "good.txt", ARABIC)
    bad = write_file(tmp_path / name, data)
    before = snapshot(db_path)
    with pytest.raises(InputError) as info:
        import_paths(project, [good, bad])
    text = str(info.value)
    assert str(bad) in text and message in text
    if place:
        assert place in text
    assert snapshot(db_path) == before, "a failed import must leave the database as it was"


def test_skip_bad_imports_the_good_files_and_reports_the_bad(project, tmp_path: Path, write_file) -> None:
    good = write_file(tmp_path / "good.txt", ARABIC)
    bad = write_file(tmp_path / "bad.txt", b"\xff")
    missing = tmp_path / "missing.txt"
    report = import_paths(project, [good, bad, missing], skip_bad=True)
    assert report.imported == ["good"]
    assert report.bad_files == sorted([str(bad), str(missing)])


def test_the_format_parameter_reaches_the_readers_without_the_cli(project, db_path, tmp_path: Path) -> None:
    """``import_paths(..., format=NAME)`` chooses the reader itself (it used to travel as a
    context variable set by the CLI): a folder gives only that format's files, and a given
    file of another suffix is refused, naming the format's suffixes."""
    from tests.conftest import db_snapshot

    conll = "قال\tO\nالوزير\tB-ACTOR\nسامر\tI-ACTOR\n\n"
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text(conll, encoding="utf-8")  # plain text by its suffix
    (folder / "b.iob").write_text(conll, encoding="utf-8")
    before = db_snapshot(db_path)
    with pytest.raises(InputError) as info:
        import_paths(project, [folder / "a.txt"], format="conll")
    assert [str(p) for p in info.value.problems] == [
        f"{folder / 'a.txt'}: unsupported file type .txt: use .bio, .bioes, .conll, .iob, .iob2"]
    assert db_snapshot(db_path) == before
    report = import_paths(project, [folder], format="conll")
    [doc_id] = report.imported
    assert report.spans == 1
    [span] = project.spans(doc_id, "imported")
    assert (project.document(doc_id).text[span.start : span.end], span.label) == ("الوزير سامر", "ACTOR")
