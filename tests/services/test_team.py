"""Annotators, roles, assignments, queues, time spent, blind work, and importing
annotations made elsewhere as one annotator's set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, InputError, NotFound
from annotator.core.text import text_sha256
from annotator.core.values import Document, Role, SetStatus
from annotator.formats import jsonl
from annotator.services import team
from annotator.services.adjudication import AcceptAgreed
from annotator.services.imports.annotations import attach_annotations, import_annotation_files, match_existing
from annotator.services.project import Project
from annotator.services.spans import AddSpan, SetDocumentStatus
from annotator.storage import documents as document_store
from tests.conftest import ARABIC

SECOND = "صرّحت رئيسة البلدية ليلى حدّاد بأن المكتبة العامة ستُعاد افتتاحها بعد الترميم في الخريف.\n"
THIRD = "نفى المتحدث باسم الشركة أي نية لإغلاق المصنع قبل نهاية ٢٠٢٦.\n"


def span_of(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


@pytest.fixture
def docs(project: Project) -> list[str]:
    with project.database.unit_of_work() as s:
        for doc_id, text in (("d1", ARABIC), ("d2", SECOND), ("d3", THIRD)):
            document_store.add_document(s, Document(doc_id, doc_id, text, text_sha256(text), "rtl"))
    return ["d1", "d2", "d3"]


@pytest.fixture
def people(project: Project) -> None:
    for name in ("alice", "bob"):
        team.add_annotator(project, name)
    team.add_annotator(project, "carol", Role.ADJUDICATOR)
    team.add_annotator(project, "mona", "manager")


# -- annotators and roles ---------------------------------------------------------------

def test_annotators_have_roles_and_the_gold_name_is_reserved(project: Project, people: None) -> None:
    infos = {i.name: i.role for i in team.list_annotators(project)}
    assert infos == {"alice": Role.ANNOTATOR, "bob": Role.ANNOTATOR, "carol": Role.ADJUDICATOR, "mona": Role.MANAGER}
    with pytest.raises(AnnotatorError, match="already"):
        team.add_annotator(project, "alice")
    with pytest.raises(AnnotatorError, match="reserved"):
        team.add_annotator(project, "gold")
    with pytest.raises(AnnotatorError, match="unknown role"):
        team.add_annotator(project, "dina", "boss")
    assert team.set_role(project, "bob", "adjudicator") is Role.ANNOTATOR
    assert team.role_of(project, "bob") is Role.ADJUDICATOR


# -- assignment, queue, status, time --------------------------------------------------------

def test_assign_several_annotators_and_work_through_the_queue(project: Project, docs: list[str], people: None) -> None:
    report = team.assign(project, ["d2", "d1"], ["alice", "bob"], by="mona")
    assert sorted(report.created) == [("d1", "alice"), ("d1", "bob"), ("d2", "alice"), ("d2", "bob")]
    again = team.assign(project, ["d1", "d3"], ["alice"])
    assert again.created == [("d3", "alice")] and again.existing == [("d1", "alice")]
    assert team.assignments(project) == {"d1": ["alice", "bob"], "d2": ["alice", "bob"], "d3": ["alice"]}

    assert team.queue(project, "alice") == ["d2", "d1", "d3"]  # oldest assignment first
    assert team.next_in_queue(project, "alice") == "d2"
    SetDocumentStatus("d2", "alice", SetStatus.DONE).do(project)
    assert team.queue(project, "alice") == ["d1", "d3"]
    assert team.next_in_queue(project, "alice", after="d1") == "d3"
    assert team.queue(project, "bob") == ["d2", "d1"]  # alice's progress is hers alone

    with pytest.raises(NotFound, match="no such document"):
        team.assign(project, ["nope"], ["alice"])
    with pytest.raises(NotFound, match="annotators add"):
        team.assign(project, ["d1"], ["zed"])
    assert team.unassign(project, ["d3"], ["alice"]) == 1
    assert team.queue(project, "alice") == ["d1"]


def test_status_and_time_spent_per_document_and_annotator(project: Project, docs: list[str], people: None) -> None:
    team.assign(project, ["d1", "d2"], ["alice", "bob"])
    assert team.add_time_spent(project, "d1", "alice", 30) == 30
    assert team.add_time_spent(project, "d1", "alice", 12.4) == 42
    with pytest.raises(AnnotatorError):
        team.add_time_spent(project, "d1", "alice", -1)
    actor = span_of(ARABIC, "سامر الخطيب")
    AddSpan("d1", "alice", *actor, "ACTOR").do(project)
    SetDocumentStatus("d2", "bob", SetStatus.DONE).do(project)
    rows = {(p.document_id, p.annotator): p for p in team.progress(project)}
    assert rows[("d1", "alice")].status is SetStatus.IN_PROGRESS
    assert rows[("d1", "alice")].time_spent_seconds == 42 and rows[("d1", "alice")].spans == 1
    assert rows[("d1", "bob")].status is SetStatus.NEW and rows[("d2", "bob")].status is SetStatus.DONE
    info = {i.name: i for i in team.list_annotators(project)}
    assert (info["alice"].assigned, info["alice"].done, info["alice"].time_spent_seconds) == (2, 0, 42)
    assert info["bob"].done == 1


# -- blind work ------------------------------------------------------------------------------

def _annotate_d1(project: Project) -> None:
    actor = span_of(ARABIC, "وزير النقل سامر الخطيب")
    date = span_of(ARABIC, "يوم الخميس")
    AddSpan("d1", "alice", *actor, "ACTOR").do(project)
    AddSpan("d1", "bob", *actor, "ACTOR").do(project)
    AddSpan("d1", "bob", *date, "DATE").do(project)


def test_an_annotator_session_never_returns_other_annotators_sets(project: Project, docs: list[str],
                                                                   people: None) -> None:
    team.assign(project, ["d1"], ["alice", "bob"])
    _annotate_d1(project)
    view = team.BlindView(project, "alice")
    assert view.is_blind and view.documents() == ["d1"]
    sets = view.sets("d1")
    assert [(v.owner, v.kind, len(v.spans)) for v in sets] == [("alice", "annotation", 1)]
    assert view.annotators_of("d1") == ["alice"]
    assert len(view.spans("d1", "alice")) == 1
    with pytest.raises(team.NotAllowed, match="blind"):
        view.spans("d1", "bob")
    with pytest.raises(team.NotAllowed):
        view.spans("d1", "gold", kind="gold")
    assert not team.can_see(project, "alice", "bob", "d1")

    # an annotator who has not started still gets their own (empty) set, nobody else's
    fresh = team.visible_annotations(project, "d2", "alice")
    assert [(v.owner, v.spans) for v in fresh] == [("alice", [])]

    # adjudicators and managers see everyone
    for who in ("carol", "mona"):
        assert {v.owner for v in team.visible_annotations(project, "d1", who)} == {"alice", "bob"}
        assert not team.BlindView(project, who).is_blind


def test_an_annotator_sees_the_gold_only_after_marking_the_document_done(project: Project, docs: list[str],
                                                                          people: None) -> None:
    _annotate_d1(project)
    AcceptAgreed("d1", "carol").do(project)
    assert [v.owner for v in team.visible_annotations(project, "d1", "alice")] == ["alice"]
    SetDocumentStatus("d1", "alice", SetStatus.DONE).do(project)
    visible = team.visible_annotations(project, "d1", "alice")
    assert [(v.owner, v.kind) for v in visible] == [("alice", "annotation"), ("gold", "gold")]
    assert [s.label for s in visible[1].spans] == ["ACTOR"]
    assert team.BlindView(project, "alice").spans("d1", "gold", kind="gold")[0].label == "ACTOR"
    with pytest.raises(team.NotAllowed):
        team.BlindView(project, "alice").spans("d1", "bob")  # still not bob's


# -- annotations made elsewhere ---------------------------------------------------------------

def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_import_annotations_for_documents_already_in_the_project(project: Project, docs: list[str], people: None,
                                                                 tmp_path: Path) -> None:
    actor = span_of(SECOND, "ليلى حدّاد")
    claim = span_of(THIRD, "أي نية لإغلاق المصنع قبل نهاية ٢٠٢٦")
    file = _jsonl(tmp_path / "alice.jsonl", [
        {"id": "d2", "text": SECOND, "spans": [{"id": "x1", "start": actor[0], "end": actor[1], "label": "ACTOR"}]},
        # another id, same text: matched by text
        {"id": "elsewhere-7", "text": THIRD,
         "spans": [{"id": "x2", "start": claim[0], "end": claim[1], "label": "CLAIM"}]},
    ])
    report = import_annotation_files(project, [file], "alice")
    assert sorted(report.attached) == ["d2", "d3"] and report.spans == 2
    assert [(s.start, s.end, s.label) for s in project.spans("d2", "alice")] == [(*actor, "ACTOR")]
    assert [(s.start, s.end) for s in project.spans("d3", "alice")] == [claim]
    assert project.documents()[1].id == "d2" and len(project.documents()) == 3  # no new documents

    # the same file again changes nothing; a different one is refused unless replacing
    assert import_annotation_files(project, [file], "alice").unchanged == ["d2", "d3"]
    other = _jsonl(tmp_path / "other.jsonl", [{"id": "d2", "text": SECOND, "spans": []}])
    with pytest.raises(InputError, match="already has 1 span"):
        import_annotation_files(project, [other], "alice")
    assert len(project.spans("d2", "alice")) == 1
    assert import_annotation_files(project, [other], "alice", replace=True).replaced == ["d2"]
    assert project.spans("d2", "alice") == []


def test_annotations_for_an_unknown_document_import_nothing(  # type: ignore[no-untyped-def]
        project: Project, docs: list[str], people: None, tmp_path: Path, snapshot, db_path: Path) -> None:
    actor = span_of(SECOND, "ليلى حدّاد")
    file = _jsonl(tmp_path / "bob.jsonl", [
        {"id": "d2", "text": SECOND, "spans": [{"start": actor[0], "end": actor[1], "label": "ACTOR"}]},
        {"id": "d1", "text": "نص آخر تماماً", "spans": []},  # the id exists, with another text
    ])
    before = snapshot(db_path)
    with pytest.raises(InputError, match="not in the project"):
        import_annotation_files(project, [file], "bob")
    assert snapshot(db_path) == before
    with pytest.raises(AnnotatorError, match="reserved"):
        import_annotation_files(project, [_jsonl(tmp_path / "g.jsonl", [{"id": "d2", "text": SECOND}])], "gold")


def test_match_by_id_then_by_text(project: Project, docs: list[str], tmp_path: Path) -> None:
    date = span_of(ARABIC, "يوم الخميس")
    records = [{"id": "d1", "text": ARABIC, "spans": [{"start": date[0], "end": date[1], "label": "DATE"}]},
               {"id": "zzz", "text": SECOND}, {"id": "new", "text": "خبر جديد"}]
    incoming = jsonl.read(_jsonl(tmp_path / "m.jsonl", records), project.schema)
    with project.database.unit_of_work() as s:
        matched, new = match_existing(s, incoming)
        assert [(m.document_id, m.by) for m in matched] == [("d1", "id"), ("d2", "text")]
        assert [d.id for d in new] == ["new"]
        report = attach_annotations(s, [(m.incoming, m.document_id) for m in matched], "dina")
        # a document without spans brings nothing in: no empty set is made for dina
        assert report.attached == ["d1"] and report.unchanged == ["d2"] and report.spans == 1


def test_imported_annotations_bring_their_relations(project: Project, docs: list[str], people: None,
                                                    tmp_path: Path) -> None:
    from annotator.services import adjudication as adj

    claim = span_of(THIRD, "أي نية لإغلاق المصنع قبل نهاية ٢٠٢٦")
    actor = span_of(THIRD, "المتحدث باسم الشركة")
    file = _jsonl(tmp_path / "bob.jsonl", [{"id": "d3", "text": THIRD, "spans": [
        {"id": "c", "start": claim[0], "end": claim[1], "label": "CLAIM"},
        {"id": "a", "start": actor[0], "end": actor[1], "label": "ACTOR"}],
        "relations": [{"id": "r", "type": "SOURCE", "head": "c", "tail": "a"}]}])
    report = import_annotation_files(project, [file], "bob")
    assert (report.spans, report.relations) == (2, 1)
    state = adj.adjudication_state(project, "d3", "carol", annotators=["bob"])
    assert [(r.type, r.head, r.tail) for r in state.versions["bob"].relations] == [("SOURCE", claim, actor)]
