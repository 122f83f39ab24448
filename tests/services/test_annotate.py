"""Annotation commands: each step committed, logged under the annotator, undoable."""

from __future__ import annotations

import pytest

from annotator.core.text import text_sha256
from annotator.core.values import Document, SetStatus
from annotator.services.project import InvalidEdit, Project
from annotator.services.spans import AddSpan, DeleteSpan, SetDocumentStatus, UpdateSpan
from annotator.storage import changelog
from annotator.storage import documents as document_store
from tests.conftest import ARABIC


@pytest.fixture
def doc(project: Project) -> str:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "t", ARABIC, text_sha256(ARABIC), "rtl"))
    return "d1"


def span_of(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def test_add_relabel_move_delete_and_undo_each_commit(project: Project, doc: str, db_path) -> None:
    claim = span_of(ARABIC, "أن معبر الوادي سيُفتح في ١٥ آذار/مارس 2027")
    actor = span_of(ARABIC, "وزير النقل سامر الخطيب")
    add_claim = AddSpan(doc, "alice", *claim, "CLAIM")
    add_claim.do(project)
    AddSpan(doc, "alice", *actor, "CLAIM").do(project)
    spans = project.spans(doc, "alice")
    assert [s.label for s in spans] == ["CLAIM", "CLAIM"]
    actor_id = spans[0].id  # reading order: the actor comes first

    relabel = UpdateSpan(doc, "alice", actor_id, label="ACTOR")
    relabel.do(project)
    assert {s.label for s in project.spans(doc, "alice")} == {"ACTOR", "CLAIM"}
    relabel.undo(project)
    assert {s.label for s in project.spans(doc, "alice")} == {"CLAIM"}

    # a second process sees every step at once: no save needed
    reopened = Project.open(db_path)
    assert len(reopened.spans(doc, "alice")) == 2
    reopened.close()

    delete = DeleteSpan(doc, "alice", add_claim.span_id)
    delete.do(project)
    assert len(project.spans(doc, "alice")) == 1
    delete.undo(project)
    restored = [s for s in project.spans(doc, "alice") if s.id == add_claim.span_id]
    assert [(s.start, s.end, s.label) for s in restored] == [(*claim, "CLAIM")]

    with project.database.unit_of_work() as s:
        log = changelog.changes(s, doc)
    assert [c["action"] for c in reversed(log)] == [
        "status", "span.add", "span.add", "span.update", "undo.span.update", "span.delete", "undo.span.delete"]
    assert {c["annotator"] for c in log} == {"alice"}


def test_annotators_do_not_see_each_others_spans(project: Project, doc: str) -> None:
    AddSpan(doc, "alice", 0, 5, "CLAIM").do(project)
    assert project.spans(doc, "bob") == []
    assert project.status(doc, "alice") is SetStatus.IN_PROGRESS
    assert project.status(doc, "bob") is SetStatus.NEW


@pytest.mark.parametrize(
    ("start", "end", "label", "message"),
    [(0, 5, "PLACE", "not in the schema"), (5, 5, "CLAIM", "not inside"), (0, 10_000, "CLAIM", "not inside"),
     (0, 4, "CLAIM", "inside a grapheme cluster")],
)
def test_invalid_edits_are_refused_and_nothing_is_stored(project: Project, doc: str, db_path, snapshot,
                                                        start: int, end: int, label: str, message: str) -> None:
    before = snapshot(db_path)
    with pytest.raises(InvalidEdit, match=message):
        AddSpan(doc, "alice", start, end, label).do(project)
    assert snapshot(db_path) == before


def test_status_done_and_next_document(project: Project, doc: str) -> None:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("d2", "t2", "نص آخر", text_sha256("نص آخر"), "rtl"))
    mark = SetDocumentStatus(doc, "alice", SetStatus.DONE)
    mark.do(project)
    assert project.next_document("alice", after=doc) == "d2"
    assert project.next_document("alice") == "d2"
    mark.undo(project)
    assert project.status(doc, "alice") is SetStatus.NEW
