"""Every status change is in the change log, automatic ones included, and undos are
logged as undos: replaying the log's status entries gives the stored statuses."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from annotator.core.text import text_sha256
from annotator.core.values import Document, SetStatus
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
from annotator.services.spans import AddSpan, DeleteSpan, SetDocumentStatus
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import team as team_store
from tests.conftest import ARABIC

WORDS = [(i, ARABIC.index(" ", i)) for i in range(len(ARABIC)) if (i == 0 or ARABIC[i - 1] == " ")
         and ARABIC.find(" ", i) > i]


def log(project: Project) -> list[dict[str, Any]]:
    with project.database.unit_of_work() as s:
        return sorted(changelog.changes(s, limit=100_000), key=lambda c: c["id"])


def replayed(project: Project) -> dict[tuple[str, str], str]:
    status: dict[tuple[str, str], str] = {}
    for c in log(project):
        if c["action"] in ("status", "undo.status"):
            status[(c["document_id"], c["annotator"])] = c["payload"]["after"]
    return status


def stored(project: Project) -> dict[tuple[str, str], str]:
    with project.database.unit_of_work() as s:
        return {(i.document_id, i.annotator): i.status for i in team_store.set_infos(s)}


def test_the_log_replays_to_the_stored_status(project: Project, tmp_path: Path) -> None:
    with project.database.unit_of_work() as s:
        for d in ("d1", "d2"):
            text = ARABIC + d
            document_store.add_document(s, Document(d, d, text, text_sha256(text), "rtl"))
    # an import with spans makes its annotator's set "in progress" by itself
    (tmp_path / "pre.jsonl").write_text('{"id": "n1", "title": "t", "text": "قال الوزير إن الجسر جاهز", '
                                        '"spans": [{"start": 0, "end": 3, "label": "CLAIM"}]}\n', encoding="utf-8")
    import_paths(project, [tmp_path / "pre.jsonl"], annotator="model")

    rng = random.Random(11)
    done: list[Any] = []
    undone: list[Any] = []
    status_undos = 0
    for _step in range(160):
        what = rng.random()
        doc, who = rng.choice(["d1", "d2"]), rng.choice(["alice", "bob"])
        if what < 0.3:
            start, end = rng.choice(WORDS)
            cmd: Any = AddSpan(doc, who, start, end, rng.choice(["CLAIM", "ACTOR", "DATE"]))
        elif what < 0.4 and project.spans(doc, who):
            cmd = DeleteSpan(doc, who, rng.choice(project.spans(doc, who)).id)
        elif what < 0.65:
            cmd = SetDocumentStatus(doc, who, rng.choice(list(SetStatus)))
        elif what < 0.9 and done:
            cmd = done.pop()
            cmd.undo(project)
            status_undos += isinstance(cmd, SetDocumentStatus)
            undone.append(cmd)
            assert replayed(project) == stored(project)
            continue
        elif undone:
            cmd = undone.pop()
            cmd.do(project)  # redo
            done.append(cmd)
            continue
        else:
            continue
        cmd.do(project)
        done.append(cmd)
        undone.clear()  # a new step drops what could be redone, as an undo stack does
        assert replayed(project) == stored(project)

    entries = log(project)
    assert replayed(project) == stored(project)
    assert set(stored(project)) >= {("d1", "alice"), ("d1", "bob"), ("d2", "alice"), ("d2", "bob"), ("n1", "model")}
    assert sum(c["action"] == "undo.status" for c in entries) == status_undos > 0
    automatic = [c for c in entries if c["action"] == "status" and c["payload"].get("automatic")]
    assert {(c["payload"]["before"], c["payload"]["after"]) for c in automatic} == {("new", "in_progress")}
    assert ("n1", "model") in {(c["document_id"], c["annotator"]) for c in automatic}
