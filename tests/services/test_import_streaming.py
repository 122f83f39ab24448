"""Importing in one pass (issue 13): a JSONL file is read, checked and written a chunk at a
time, so memory holds a chunk and not the file; all or nothing is kept (what was staged
before a problem is taken back), with every problem named by file and line."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from annotator.core.errors import InputError
from annotator.services.imports import documents as import_documents
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
from annotator.storage import documents as document_store
from annotator.storage import imports

WORDS = "قالت الوزارة إن الموسم الزراعي سيبدأ في موعده هذا العام بعد أن هطلت الأمطار على السهول".split()


def _text(i: int, words: int = 12, tag: str = "") -> str:
    return " ".join(WORDS[(i + k) % len(WORDS)] for k in range(words)) + f" رقم {tag}{i}."


def _jsonl(path: Path, n: int, words: int = 12, bad_last: bool = False, prefix: str = "d") -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = _text(i, words, prefix)
            fh.write(json.dumps({"id": f"{prefix}{i}", "title": f"خبر {i}", "text": text,
                                 "spans": [{"id": "s1", "start": 0, "end": len(text.split()[0]), "label": "ACTOR"}]},
                                ensure_ascii=False) + "\n")
        if bad_last:
            fh.write('{"id": "last", "text": "نص", "spans": [{"start": 0, "end": 99, "label": "ACTOR"}]}\n')
    return path


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Chunks of a few documents, no pauses; returns the documents staged at each chunk written."""
    monkeypatch.setattr(imports, "GAP", 0.0)
    monkeypatch.setattr(imports, "FIRST_BUDGET", 3_000)
    monkeypatch.setattr(imports, "MAX_BUDGET", 3_000)
    monkeypatch.setattr(import_documents, "CHUNK", 10, raising=False)
    written: list[int] = []
    flush = imports.Stager.flush

    def counting(self: imports.Stager, last: bool = False) -> None:
        flush(self, last)
        with self.database.unit_of_work() as s:
            s.info[imports.SEES_STAGING] = True
            written.append(len(document_store.all_documents(s)))

    monkeypatch.setattr(imports.Stager, "flush", counting)
    return written


def test_a_bad_last_line_takes_back_what_was_already_written(project: Project, db_path: Path, tmp_path: Path,
                                                              small_chunks: list[int], snapshot) -> None:  # type: ignore[no-untyped-def]
    data = _jsonl(tmp_path / "long.jsonl", 200, bad_last=True)
    before = snapshot(db_path)
    with pytest.raises(InputError) as err:
        import_paths(project, [data])
    expected = (f"{data}, line 201: span 1 (T1): offsets [0, 99) are out of range: not inside the document "
                "(the text has 2 characters; start must be < end)")
    assert [str(p) for p in err.value.problems] == [expected]
    assert small_chunks and max(small_chunks) >= 100  # documents were written before the last line was read
    assert snapshot(db_path) == before, "a failed import must leave the database as it was"
    assert imports.staging_batches(project.database) == []


def test_with_skip_bad_a_file_found_bad_half_way_is_taken_back(project: Project, tmp_path: Path,
                                                               small_chunks: list[int]) -> None:
    good = _jsonl(tmp_path / "a-good.jsonl", 30, prefix="g")
    bad = _jsonl(tmp_path / "b-bad.jsonl", 60, bad_last=True, prefix="b")
    same = tmp_path / "c-same.txt"  # the text of one of the bad file's documents: imported, not a duplicate
    same.write_text(_text(5, tag="b"), encoding="utf-8")
    report = import_paths(project, [good, bad, same], skip_bad=True)
    assert max(small_chunks) >= 60  # the bad file's documents had been written when its last line was read
    assert report.bad_files == [str(bad)] and [p.line for p in report.problems] == [61]
    assert report.imported == [f"g{i}" for i in range(30)] + ["c-same"]
    assert report.duplicates == [] and report.spans == 30
    with project.database.unit_of_work() as s:
        s.info[imports.SEES_STAGING] = True  # nothing of the bad file is left, not even invisible
        assert sorted(d.id for d in document_store.all_documents(s)) == sorted(report.imported)
    assert len(project.documents()) == 31


def test_an_id_the_project_holds_with_another_text_is_refused(project: Project, tmp_path: Path,
                                                              small_chunks: list[int], snapshot, db_path) -> None:  # type: ignore[no-untyped-def]
    import_paths(project, [_jsonl(tmp_path / "first.jsonl", 5)])
    small_chunks.clear()
    before = snapshot(db_path)
    again = tmp_path / "again.jsonl"
    with again.open("w", encoding="utf-8") as fh:  # new texts, and at the end ids the project holds
        for i in range(40):
            fh.write(json.dumps({"id": f"n{i}" if i < 38 else f"d{i - 38}", "text": _text(i, 20)},
                                ensure_ascii=False) + "\n")
    with pytest.raises(InputError) as err:
        import_paths(project, [again])
    assert [str(p) for p in err.value.problems] == [
        f"{again}: document id 'd0' is already used by another document with a different text",
        f"{again}: document id 'd1' is already used by another document with a different text"]
    assert small_chunks  # found after the first documents were written: they were taken back
    assert snapshot(db_path) == before


def test_stopping_from_the_progress_callback_leaves_nothing(project: Project, tmp_path: Path,
                                                            small_chunks: list[int], snapshot, db_path) -> None:  # type: ignore[no-untyped-def]
    data = _jsonl(tmp_path / "long.jsonl", 200)
    before = snapshot(db_path)

    class Stop(Exception):
        pass

    def progress(phase: str, done: int, total: int) -> None:
        assert phase == "importing"
        if done > total // 2:
            raise Stop

    with pytest.raises(Stop):
        import_paths(project, [data], progress=progress)
    assert small_chunks  # some documents had been written
    assert snapshot(db_path) == before and imports.staging_batches(project.database) == []


def test_memory_holds_a_chunk_not_the_file(project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The import's peak of Python allocations stays a fraction of the file: documents are
    not all held until they are written."""
    monkeypatch.setattr(imports, "GAP", 0.0)
    monkeypatch.setattr(import_documents, "CHUNK", 50, raising=False)
    monkeypatch.setattr(imports, "FIRST_BUDGET", 200_000)
    monkeypatch.setattr(imports, "MAX_BUDGET", 200_000)
    data = _jsonl(tmp_path / "big.jsonl", 3000, words=400)
    size = data.stat().st_size
    tracemalloc.start()
    try:
        report = import_paths(project, [data])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(report.imported) == 3000
    assert peak < size / 3, f"peak {peak / 1e6:.1f} MB for a file of {size / 1e6:.1f} MB"
