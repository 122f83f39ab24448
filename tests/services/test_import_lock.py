"""A long import in short transactions: invisible until published, cleaned up after a crash.

An import writes its documents in chunks into a staging batch (storage/imports.py);
until the batch is published every public read must behave as if the import had
not started. These tests stage a batch by hand (as an import killed between two
chunks leaves it) and ask every reader.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.errors import NotFound
from annotator.core.text import detect_direction, text_sha256
from annotator.core.values import Document, Span
from annotator.services.agreement import compute_agreement
from annotator.services.entities import entity_mention_counts
from annotator.services.export.datasets import export_jsonl
from annotator.services.imports import documents as import_documents
from annotator.services.imports.documents import import_paths
from annotator.services.info import project_info
from annotator.services.project import Project
from annotator.services.spans import AddSpan, find_span, load_spans
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog, imports
from annotator.storage import documents as document_store
from annotator.storage import team as team_store

PUBLISHED = "قالت الوزارة إن الموسم الزراعي سيبدأ في موعده هذا العام."
STAGED = "أعلن المتحدث أن الجسر الجديد سيفتتح قبل نهاية الشهر المقبل."


def _published(project: Project) -> None:
    with project.database.unit_of_work() as s:
        document_store.add_document(
            s, Document("pub", "منشور", PUBLISHED, text_sha256(PUBLISHED), detect_direction(PUBLISHED))
        )
    for who in ("alice", "bob"):
        AddSpan("pub", who, 0, 4, "ACTOR", span_id=f"p-{who}").do(project)


def _stage(project: Project, annotator: str = "alice") -> int:
    """A staging batch with one document and its spans, as an import killed before publishing leaves it."""
    batch = imports.begin(project.database)
    stager = imports.Stager(project.database, batch, annotator)
    stager.add(Document("staged", "غير منشور", STAGED, text_sha256(STAGED), detect_direction(STAGED), {"outlet": "x"},
                        "in/staged.txt"),
               [Span("st1", 0, 5, "ACTOR", {"entity": "e1"}), Span("st2", 6, 15, "CLAIM")])
    stager.flush(last=True)
    imports.finished(batch)  # as if its process were gone
    return batch


def test_an_unpublished_batch_is_invisible_to_every_public_read(project: Project, tmp_path: Path) -> None:
    _published(project)
    before_info = project_info(project)
    batch = _stage(project)
    assert imports.staging_batches(project.database) == [batch]
    # document lists and the document itself
    assert [d.id for d in project.documents()] == ["pub"]
    assert [d.id for d in project.documents("alice")] == ["pub"]
    with pytest.raises(NotFound):
        project.document("staged")
    with project.database.unit_of_work() as s:
        assert [d.id for d in document_store.all_documents(s)] == ["pub"]
        assert document_store.all_documents(s, ["staged"]) == []
        # "already imported": the sha256 and id searches
        assert document_store.document_ids_by_hash(s, [text_sha256(STAGED)]) == {}
        assert document_store.existing_document_ids(s, ["staged"]) == set()
        assert set_store.find_set(s, "staged", "alice") is None
    # spans, status, the window's reads
    assert project.spans("staged", "alice") == []
    assert project.status("staged", "alice").value == "new"
    assert load_spans(project, "staged", "alice") == []
    assert find_span(project, "staged", "alice", "st1") is None
    # info, entity mention counts
    info = project_info(project)
    assert (info.documents, info.characters, info.spans_by_label, info.annotators) == (
        before_info.documents, before_info.characters, before_info.spans_by_label, before_info.annotators)
    assert entity_mention_counts(project) == {}
    # export and agreement
    out = tmp_path / "alice.jsonl"
    export_jsonl(project, out, annotator="alice")
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["pub"]
    assert compute_agreement(project, workers=1).documents == 1
    with pytest.raises(NotFound):
        compute_agreement(project, ["staged"], workers=1)
    # an edit of the invisible document is refused as for a document that does not exist
    with pytest.raises(NotFound):
        AddSpan("staged", "carol", 0, 5, "ACTOR").do(project)


def test_an_abandoned_batch_is_removed_by_the_next_open_and_the_next_import(db_path: Path, tmp_path: Path) -> None:
    project = Project.open(db_path)
    batch = _stage(project, annotator="model-v9")
    with project.database.unit_of_work() as s:
        s.info[imports.SEES_STAGING] = True
        assert document_store.existing_document_ids(s, ["staged"]) == {"staged"}
    # this process is alive: only a batch whose writer is gone (or silent for long) counts as abandoned
    assert imports.abandoned(project.database) == [batch]  # its pid is ours, but no import of ours is writing it
    project.close()
    again = Project.open(db_path)  # the open removes it, with its sets, spans and the annotator it created
    try:
        assert imports.staging_batches(again.database) == []
        with again.database.unit_of_work() as s:
            s.info[imports.SEES_STAGING] = True
            assert document_store.existing_document_ids(s, ["staged"]) == set()
            assert "model-v9" not in team_store.annotator_names(s)
        # the same text imports cleanly afterwards (no leftover sha256 or id)
        f = tmp_path / "staged.txt"
        f.write_text(STAGED, encoding="utf-8")
        batch2 = _stage(again)
        report = import_paths(again, [f])  # removes the abandoned batch first
        assert report.imported == ["staged"] and batch2 not in imports.staging_batches(again.database)
        assert again.document("staged").text == STAGED
    finally:
        again.close()


def test_an_import_that_fails_at_publishing_leaves_nothing(project: Project, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(30):
        (tmp_path / f"d{i}.txt").write_text(f"{STAGED} {i}", encoding="utf-8")
    monkeypatch.setattr(imports, "GAP", 0.0)

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full at the last moment")

    monkeypatch.setattr(imports, "FIRST_BUDGET", 2_000)  # many chunks
    monkeypatch.setattr(imports, "MAX_BUDGET", 2_000)
    monkeypatch.setattr(imports, "publish", broken)
    with pytest.raises(RuntimeError):
        import_paths(project, [tmp_path])
    assert project.documents() == [] and imports.staging_batches(project.database) == []
    with project.database.unit_of_work() as s:
        s.info[imports.SEES_STAGING] = True
        assert document_store.all_documents(s) == []


def test_import_writes_in_chunks_and_publishes_all_at_once(project: Project, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(40):
        (tmp_path / f"d{i:02}.txt").write_text(f"{PUBLISHED} {i}", encoding="utf-8")
    seen: list[int] = []
    monkeypatch.setattr(imports, "GAP", 0.0)
    monkeypatch.setattr(imports, "FIRST_BUDGET", 2_000)
    monkeypatch.setattr(imports, "MAX_BUDGET", 2_000)
    chunks: list[int] = []
    files_read: list[int] = []  # at each chunk written
    flush = imports.Stager.flush

    def counting(self, last: bool = False) -> None:  # type: ignore[no-untyped-def]
        flush(self, last)
        chunks.append(self.chunks)
        files_read.append(len(seen))

    monkeypatch.setattr(imports.Stager, "flush", counting)
    monkeypatch.setattr(import_documents, "CHUNK", 4)  # read, check and stage a few files at a time
    # a reader looking while the import runs (between chunks) sees no document of it
    def look(phase: str, _done: int, _total: int) -> None:
        assert phase == "importing"
        seen.append(len(project.documents()))

    report = import_paths(project, [tmp_path], progress=look)
    assert len(report.imported) == 40 and set(seen) == {0} and len(seen) == 40  # a look after each file read
    assert max(chunks) >= 10  # really written in many transactions
    assert files_read[0] < 10  # ... while the files were being read: one pass, not all read first
    assert len(project.documents()) == 40
    with project.database.unit_of_work() as s:
        log = [c for c in changelog.changes(s) if c["action"] == "document.import"]
    assert len(log) == 40


KILLED_CHILD = r"""
import sys
from annotator.services.imports import documents as import_documents
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
from annotator.storage import imports
imports.FIRST_BUDGET = imports.MAX_BUDGET = 5_000  # many small chunks, so the kill lands between two
imports.GAP = 0.05
import_paths(Project.open(sys.argv[1]), [sys.argv[2]])
"""


@pytest.mark.slow
def test_an_import_killed_mid_way_shows_nothing_and_the_next_open_removes_it(db_path: Path, tmp_path: Path) -> None:
    data = tmp_path / "many.jsonl"
    with data.open("w", encoding="utf-8") as f:
        for i in range(3000):
            f.write(json.dumps({"id": f"k{i}", "title": "خبر", "text": f"{STAGED} {i}"}, ensure_ascii=False) + "\n")
    project = Project.open(db_path)
    _published(project)
    child = subprocess.Popen([sys.executable, "-c", KILLED_CHILD, str(db_path), str(data)], env={**os.environ})
    try:
        def written() -> int:
            with project.database.unit_of_work() as s:
                s.info[imports.SEES_STAGING] = True
                return len(document_store.all_documents(s)) - 1

        deadline = time.monotonic() + 120
        while written() < 300 and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert child.poll() is None, "the import finished before it could be killed"
        child.kill()  # SIGKILL: no cleanup of its own
        child.wait()
        assert written() >= 300 and [d.id for d in project.documents()] == ["pub"]
        assert len(imports.staging_batches(project.database)) == 1
    finally:
        if child.poll() is None:
            child.kill()
        project.close()
    again = Project.open(db_path)
    try:
        assert imports.staging_batches(again.database) == []
        with again.database.unit_of_work() as s:
            s.info[imports.SEES_STAGING] = True
            assert [d.id for d in document_store.all_documents(s)] == ["pub"]
        assert import_paths(again, [data]).imported[:2] == ["k0", "k1"]  # and the import can simply be run again
        assert len(again.documents()) == 3001
    finally:
        again.close()
