"""The reserved owner ``gold`` is refused for ordinary annotations below the GUI: the
Project facade, commands, time tracking and imports (else export would write an
annotator "gold" beside the real gold)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.adjudication import Threshold
from annotator.core.errors import AnnotatorError
from annotator.core.text import text_sha256
from annotator.core.values import Document, Role, SetStatus
from annotator.services import team
from annotator.services.adjudication import AcceptAgreed, gold_spans
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project
from annotator.services.spans import AddSpan, SetDocumentStatus
from annotator.storage import documents as document_store
from annotator.storage import team as team_store
from annotator.storage.kinds import ReservedName
from tests.conftest import ARABIC

ACTOR = ARABIC.index("سامر الخطيب"), ARABIC.index("سامر الخطيب") + len("سامر الخطيب")


@pytest.fixture
def doc(project: Project) -> str:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "t", ARABIC, text_sha256(ARABIC), "rtl"))
        team_store.gold_owner_id(s)  # a project that has gold somewhere: the owner row exists
    return "d1"


@pytest.mark.parametrize("write", [
    lambda p: p.add_span("d1", "gold", *ACTOR, "ACTOR"),
    lambda p: AddSpan("d1", "gold", *ACTOR, "ACTOR").do(p),
    lambda p: p.set_status("d1", "gold", SetStatus.DONE),
    lambda p: SetDocumentStatus("d1", "gold", SetStatus.DONE).do(p),
    lambda p: team.add_time_spent(p, "d1", "gold", 30),
], ids=["add_span", "AddSpan", "set_status", "SetDocumentStatus", "add_time_spent"])
def test_gold_is_refused_as_an_annotators_name(project: Project, doc: str, db_path: Path, snapshot, write) -> None:
    before = snapshot(db_path)
    with pytest.raises(ReservedName, match="'gold' is reserved") as refused:
        write(project)
    assert isinstance(refused.value, AnnotatorError)  # the window and the CLI show it as a message
    assert snapshot(db_path) == before


def test_an_import_under_the_name_gold_is_refused_whole(project: Project, db_path: Path, snapshot,
                                                         tmp_path: Path) -> None:
    line = ('{"id": "n1", "title": "t", "text": "قال الوزير إن الجسر جاهز", '
            '"spans": [{"start": 0, "end": 3, "label": "CLAIM"}]}\n')
    (tmp_path / "pre.jsonl").write_text(line, encoding="utf-8")
    before = snapshot(db_path)
    with pytest.raises(ReservedName):
        import_paths(project, [tmp_path / "pre.jsonl"], annotator="gold")
    assert snapshot(db_path) == before


def test_real_gold_is_still_made_by_adjudication(project: Project, doc: str) -> None:
    for name in ("alice", "bob"):
        team.add_annotator(project, name)
        AddSpan(doc, name, *ACTOR, "ACTOR").do(project)
    team.add_annotator(project, "carol", Role.ADJUDICATOR)
    AcceptAgreed(doc, "carol", Threshold.UNANIMOUS).do(project)
    assert [(s.start, s.end, s.label) for s, _ in gold_spans(project, doc, "carol")] == [(*ACTOR, "ACTOR")]
    assert project.spans(doc, "gold") == []  # no ordinary set of "gold" came with it
