"""The issue's acceptance test: annotating while a 10,000-document import runs.

Another process imports 10,000 small documents; meanwhile an annotator tags a
span every 100 ms through the services (the default busy timeout). No edit may
fail and every edit is stored. Before import batches the import held the write
lock for the whole import (16 s here), edits stalled 10 s and then failed with
"database is locked". How long edits wait (the issue's 2 s bound) is a figure, not
an assertion: tests/benchmarks/bench_import_lock.py prints it (a busy machine is
not a failing test).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.text import detect_direction, text_sha256
from annotator.core.values import Document
from annotator.services.project import Project
from annotator.services.spans import AddSpan
from annotator.storage import documents as document_store

DOCUMENTS = 10_000
WORDS = ["أعلن", "المجلس", "البلدي", "أن", "أعمال", "ترميم", "السوق", "القديم", "ستنتهي", "قبل", "حلول", "الصيف"]

CHILD = r"""
import json, sys
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
project = Project.open(sys.argv[1])
report = import_paths(project, [sys.argv[2]])
print(json.dumps({"imported": len(report.imported), "longest_hold": getattr(report, "longest_lock_hold", 0.0)}))
"""


def _write_documents(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i in range(DOCUMENTS):
            words = [WORDS[(i * 5 + k * 7) % len(WORDS)] for k in range(24)]
            f.write(json.dumps({"id": f"n{i:05}", "title": f"خبر {i}", "text": f"{' '.join(words)} ({i})"},
                               ensure_ascii=False) + "\n")


@pytest.mark.slow
def test_edits_never_fail_while_10000_documents_import(db_path: Path, tmp_path: Path) -> None:
    data = tmp_path / "news.jsonl"
    _write_documents(data)
    project = Project.open(db_path)
    text = "قال رئيس البلدية إن السوق سيفتح أبوابه من جديد " * 300
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("mine", "عملي", text, text_sha256(text), detect_direction(text)))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db_path), str(data)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env={**os.environ})
    waits: list[float] = []
    errors: list[str] = []
    pos = 0
    try:
        while child.poll() is None and pos + 3 < len(text):
            started = time.monotonic()
            try:
                AddSpan("mine", "alice", pos, pos + 3, "ACTOR", span_id=f"t{pos}").do(project)
            except Exception as exc:  # noqa: BLE001 - any failure is what this test counts
                errors.append(f"{type(exc).__name__}: {exc}")
            waits.append(time.monotonic() - started)
            pos += 4
            time.sleep(0.1)
        out, err = child.communicate(timeout=300)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, err
    result = json.loads(out)
    assert result["imported"] == DOCUMENTS
    assert len(waits) >= 10, "the import ended before the annotator could tag during it"
    assert errors == []
    assert len(project.spans("mine", "alice")) == len(waits)
    assert len(project.documents()) == DOCUMENTS + 1  # the import, and the one being annotated
    project.close()
