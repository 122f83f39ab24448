"""Adjudication into gold with provenance (undoable, logged), how gold differs from
an annotator, and agreement through the database."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from annotator.core.adjudication import Kind, Threshold
from annotator.core.agreement import ALL
from annotator.core.errors import AnnotatorError
from annotator.core.text import text_sha256
from annotator.core.values import Document, Role, SetStatus
from annotator.services import adjudication as adj
from annotator.services import team
from annotator.services.agreement import compute_agreement
from annotator.services.links import AddLink
from annotator.services.project import InvalidEdit, Project
from annotator.services.spans import AddSpan, SetDocumentStatus
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, RelationRow, SpanRow
from tests.conftest import ARABIC

SECOND = "أكد مدير الميناء خالد منصور أن الرصيف الجديد سيستقبل السفن مطلع الربيع المقبل.\n"


def span_of(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


ACTOR = span_of(ARABIC, "وزير النقل سامر الخطيب")
NAME = span_of(ARABIC, "سامر الخطيب")
DATE = span_of(ARABIC, "يوم الخميس")
CLAIM = span_of(ARABIC, "أن معبر الوادي سيُفتح في ١٥ آذار/مارس 2027")


@pytest.fixture
def doc(project: Project) -> str:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "t", ARABIC, text_sha256(ARABIC), "rtl"))
        document_store.add_document(s, Document("d2", "t2", SECOND, text_sha256(SECOND), "rtl"))
    for name in ("alice", "bob", "dina"):
        team.add_annotator(project, name)
    team.add_annotator(project, "carol", Role.ADJUDICATOR)
    return "d1"


def tag(project: Project, who: str, rng: tuple[int, int], label: str, **attrs: object) -> str:
    cmd = AddSpan("d1", who, *rng, label, dict(attrs))
    cmd.do(project)
    return cmd.span_id


def gold(project: Project, doc_id: str = "d1") -> list[tuple[int, int, str, dict]]:
    return [(s.start, s.end, s.label, s.attrs) for s, _p in adj.gold_spans(project, doc_id, "carol")]


def test_accept_one_annotators_version_with_provenance_then_undo(project: Project, doc: str, db_path: Path) -> None:
    tag(project, "alice", ACTOR, "ACTOR")
    tag(project, "bob", NAME, "ACTOR")
    tag(project, "dina", ACTOR, "ACTOR")
    state = adj.adjudication_state(project, doc, "carol")
    assert state.annotators == ("alice", "bob", "dina")
    [d] = state.disagreements
    assert d.kind is Kind.BOUNDARY and state.gold_matches(d) == ()

    accept = adj.AcceptVersion(doc, "carol", d, "alice", diff=state.diff)
    changed = accept.do(project)
    assert changed.annotator == "gold" and len(changed.span_ids) == 1
    [(span, prov)] = adj.gold_spans(project, doc, "carol")
    assert (span.start, span.end, span.label) == (*ACTOR, "ACTOR")
    assert prov["method"] == "accepted" and prov["source"] == "alice" and prov["by"] == "carol"
    assert prov["proposed_by"] == ["alice", "dina"] and prov["at"]

    again = adj.adjudication_state(project, doc, "carol")
    assert again.gold_matches(again.disagreements[0]) == ("alice", "dina")

    # changing one's mind: bob's version replaces alice's in one step
    switch = adj.AcceptVersion(doc, "carol", again.disagreements[0], "bob", diff=again.diff)
    switch.do(project)
    assert gold(project) == [(*NAME, "ACTOR", {})]
    switch.undo(project)
    assert gold(project) == [(*ACTOR, "ACTOR", {})]
    accept.undo(project)
    assert gold(project) == []

    with project.database.unit_of_work() as s:
        log = [c for c in changelog.changes(s, doc) if c["action"].startswith(("gold", "undo.gold"))]
    assert [c["action"] for c in reversed(log)] == [
        "gold.accept", "gold.accept", "undo.gold.accept", "undo.gold.accept"]
    assert {c["annotator"] for c in log} == {"carol"}
    assert log[-1]["payload"]["source"] == "alice" and log[-1]["payload"]["after"]["spans"][0]["label"] == "ACTOR"

    # a decision survives closing the program
    adj.AcceptVersion(doc, "carol", d, "bob", diff=state.diff).do(project)
    reopened = Project.open(db_path)
    try:
        assert [(s.start, s.end) for s, p in adj.gold_spans(reopened, doc, "carol")] == [NAME]
        assert adj.gold_spans(reopened, doc, "carol")[0][1]["source"] == "bob"
    finally:
        reopened.close()


def test_accept_agreed_unanimous_or_majority_in_one_action(project: Project, doc: str) -> None:
    for who in ("alice", "bob", "dina"):
        tag(project, who, ACTOR, "ACTOR")
    tag(project, "alice", DATE, "DATE", value="2027-03-11")
    tag(project, "bob", DATE, "DATE", value="2027-03-11")
    tag(project, "dina", DATE, "DATE", value="2027-03-12")
    tag(project, "alice", CLAIM, "CLAIM")
    tag(project, "bob", CLAIM, "CLAIM")

    unanimous = adj.AcceptAgreed(doc, "carol", Threshold.UNANIMOUS)
    unanimous.do(project)
    assert unanimous.summary.spans_added == 2
    assert gold(project) == [(*ACTOR, "ACTOR", {}), (*DATE, "DATE", {})]  # the contested date value stays out

    majority = adj.AcceptAgreed(doc, "carol", Threshold.MAJORITY)
    majority.do(project)
    assert (majority.summary.spans_added, majority.summary.spans_updated) == (1, 1)
    assert gold(project) == [(*ACTOR, "ACTOR", {}), (*DATE, "DATE", {"value": "2027-03-11"}), (*CLAIM, "CLAIM", {})]
    provs = {s.label: p for s, p in adj.gold_spans(project, doc, "carol")}
    assert provs["CLAIM"]["method"] == "agreed" and provs["CLAIM"]["threshold"] == "majority"
    assert provs["CLAIM"]["proposed_by"] == ["alice", "bob"]
    assert provs["DATE"]["attrs"]["value"]["proposed_by"] == ["alice", "bob"]
    assert provs["ACTOR"]["threshold"] == "unanimous"

    majority.undo(project)
    assert gold(project) == [(*ACTOR, "ACTOR", {}), (*DATE, "DATE", {})]
    unanimous.undo(project)
    assert gold(project) == []


def test_a_value_set_by_hand_is_never_overwritten_by_accept_agreed(project: Project, doc: str) -> None:
    for who in ("alice", "bob"):
        tag(project, who, DATE, "DATE", value="2027-03-11")
    add = adj.AddGoldSpan(doc, "carol", *DATE, "DATE", {"value": "2027-03-12"})
    add.do(project)
    adj.AcceptAgreed(doc, "carol").do(project)
    assert gold(project) == [(*DATE, "DATE", {"value": "2027-03-12"})]
    [(_s, prov)] = adj.gold_spans(project, doc, "carol")
    assert prov["method"] == "edited" and prov["proposed_by"] == ["alice", "bob"]  # they made the span itself


def test_hand_edits_record_history_and_deleting_restores_relations_on_undo(project: Project, doc: str) -> None:
    claim = adj.AddGoldSpan(doc, "carol", *CLAIM, "CLAIM")
    actor = adj.AddGoldSpan(doc, "carol", *ACTOR, "ACTOR")
    claim.do(project)
    actor.do(project)
    rel = adj.AddGoldRelation(doc, "carol", "SOURCE", claim.span_id, actor.span_id)
    rel.do(project)
    with pytest.raises(InvalidEdit):
        adj.AddGoldSpan(doc, "carol", 0, 3, "NOT_A_LABEL").do(project)

    move = adj.UpdateGoldSpan(doc, "carol", actor.span_id, start=NAME[0])
    move.do(project)
    provs = {s.label: (s, p) for s, p in adj.gold_spans(project, doc, "carol")}
    assert (provs["ACTOR"][0].start, provs["ACTOR"][1]["method"]) == (NAME[0], "edited")
    assert provs["ACTOR"][1]["history"][0]["method"] == "edited"

    delete = adj.DeleteGoldSpan(doc, "carol", actor.span_id)
    delete.do(project)
    with project.database.unit_of_work() as s:
        assert s.scalar(select(RelationRow.uid)) is None  # the relation went with its end
    delete.undo(project)
    with project.database.unit_of_work() as s:
        assert s.scalar(select(RelationRow.uid)) == rel.relation_id
    state = adj.adjudication_state(project, doc, "carol", annotators=["alice", "bob"])
    assert [(r.type, r.head, r.tail) for r in state.gold.relations] == [("SOURCE", CLAIM, (NAME[0], ACTOR[1]))]


def _relate(project: Project, who: str, rtype: str, head: str, tail: str) -> None:
    with project.database.unit_of_work() as s:
        set_row = set_store.find_set(s, "d1", who)
        pk = {u: p for u, p in s.execute(select(SpanRow.uid, SpanRow.pk).where(SpanRow.set_id == set_row.id))}
        s.add(RelationRow(set_id=set_row.id, uid=f"r-{who}-{rtype}", type=rtype, head_pk=pk[head], tail_pk=pk[tail],
                          attrs={}, provenance={}))


def test_relation_disagreement_accepted_with_its_ends(project: Project, doc: str) -> None:
    ids = {who: (tag(project, who, CLAIM, "CLAIM"), tag(project, who, ACTOR, "ACTOR")) for who in ("alice", "bob")}
    _relate(project, "alice", "SOURCE", *ids["alice"])
    _relate(project, "bob", "TARGET", *ids["bob"])
    state = adj.adjudication_state(project, doc, "carol")
    [d] = state.disagreements
    assert d.kind is Kind.RELATION
    # gold has no spans yet: accepting bob's relation brings its ends into gold too
    adj.AcceptVersion(doc, "carol", d, "bob", diff=state.diff).do(project)
    after = adj.adjudication_state(project, doc, "carol")
    assert [(r.type, r.head, r.tail) for r in after.gold.relations] == [("TARGET", CLAIM, ACTOR)]
    assert sorted(s.label for s in after.gold.spans) == ["ACTOR", "CLAIM"]
    assert after.gold_matches(after.disagreements[0]) == ("bob",)
    rel_prov = next(p for uid, p in after.gold_provenance.items() if uid.startswith("gr"))
    assert rel_prov["source"] == "bob" and rel_prov["proposed_by"] == ["bob"]


def test_only_adjudicators_and_managers_build_gold(project: Project, doc: str) -> None:
    tag(project, "alice", ACTOR, "ACTOR")
    with pytest.raises(team.NotAllowed, match="only adjudicators"):
        adj.adjudication_state(project, doc, "alice")
    with pytest.raises(team.NotAllowed):
        adj.AcceptAgreed(doc, "bob").do(project)
    with pytest.raises(team.NotAllowed, match="reserved"):
        adj.AcceptAgreed(doc, "gold").do(project)
    with pytest.raises(AnnotatorError, match="at least two"):
        adj.AcceptAgreed(doc, "carol").do(project)


def test_annotators_see_how_gold_differs_from_their_work_once_done(project: Project, doc: str) -> None:
    tag(project, "alice", ACTOR, "ACTOR")
    tag(project, "alice", DATE, "DATE")
    tag(project, "bob", NAME, "ACTOR")
    tag(project, "bob", DATE, "DATE")
    state = adj.adjudication_state(project, doc, "carol")
    adj.AcceptAgreed(doc, "carol", diff=state.diff).do(project)
    boundary = next(d for d in state.disagreements if d.kind is Kind.BOUNDARY)
    adj.AcceptVersion(doc, "carol", boundary, "bob", diff=state.diff).do(project)

    with pytest.raises(team.NotAllowed, match="marked done"):
        adj.gold_vs_annotator(project, doc, "alice", "alice")
    with pytest.raises(team.NotAllowed):
        adj.gold_vs_annotator(project, doc, "bob", "alice")
    SetDocumentStatus(doc, "alice", SetStatus.DONE).do(project)
    mine = adj.gold_vs_annotator(project, doc, "alice", "alice")
    assert mine.counts == {"boundary": 1} and mine.agreed_spans == 1
    [d] = mine.disagreements
    assert [s.start for s in d.spans["alice"]] == [ACTOR[0]] and [s.start for s in d.spans["gold"]] == [NAME[0]]
    assert [c.document_id for c in adj.corrections(project, "alice", "alice")] == ["d1"]
    assert adj.corrections(project, "bob", "bob") == []  # bob is not done: he cannot look yet
    assert adj.gold_vs_annotator(project, doc, "bob", "carol").counts == {}


def test_agreement_through_the_database(project: Project, doc: str) -> None:
    tag(project, "alice", ACTOR, "ACTOR")
    tag(project, "bob", ACTOR, "ACTOR")
    tag(project, "alice", CLAIM, "CLAIM")
    second = span_of(SECOND, "خالد منصور")
    AddSpan("d2", "alice", *second, "ACTOR").do(project)
    AddSpan("d2", "bob", *second, "ACTOR").do(project)
    report = compute_agreement(project)
    assert report.annotators == ["alice", "bob"] and report.documents == 2
    pair = report.pair("alice", "bob")
    assert pair.spans["ACTOR"].exact_f1 == 1.0 and pair.spans["CLAIM"].only_a == 1
    assert 0 < pair.spans[ALL].exact_f1 < 1

    only_d2 = compute_agreement(project, ["d2"])
    assert only_d2.pair("alice", "bob").spans[ALL].exact_f1 == 1.0

    SetDocumentStatus("d2", "alice", SetStatus.DONE).do(project)
    with pytest.raises(AnnotatorError, match="at least two"):
        compute_agreement(project, annotators=["alice"])
    done = compute_agreement(project, annotators=["alice", "bob"], done_only=True)
    assert done.pair("alice", "bob").documents == 0

    # people against the gold
    adj.AcceptAgreed("d1", "carol").do(project)
    versus = compute_agreement(project, ["d1"], ["alice", "gold"])
    assert versus.pair("alice", "gold").spans[ALL].both == 1 and versus.pair("alice", "gold").spans[ALL].only_a == 1


def test_the_reserved_gold_owner_is_not_listed_as_a_person(project: Project, doc: str) -> None:
    for who in ("alice", "bob"):
        tag(project, who, ACTOR, "ACTOR")
    adj.AcceptAgreed(doc, "carol").do(project)
    assert "gold" not in {i.name for i in team.list_annotators(project)}
    assert "gold" not in {p.annotator for p in team.progress(project)}
    with project.database.unit_of_work() as s:
        kinds = set(s.execute(select(AnnotatorRow.name, AnnotationSetRow.kind)
                              .join(AnnotationSetRow, AnnotationSetRow.annotator_id == AnnotatorRow.id)))
    assert ("gold", "gold") in kinds


def test_a_gold_relation_by_hand_is_checked_against_the_schema(project: Project, doc: str) -> None:
    claim = adj.AddGoldSpan(doc, "carol", *CLAIM, "CLAIM")
    actor = adj.AddGoldSpan(doc, "carol", *ACTOR, "ACTOR")
    claim.do(project)
    actor.do(project)
    with pytest.raises(InvalidEdit, match="SOURCE goes from CLAIM"):
        adj.AddGoldRelation(doc, "carol", "SOURCE", actor.span_id, claim.span_id).do(project)
    with pytest.raises(InvalidEdit, match="not in the schema"):
        adj.AddGoldRelation(doc, "carol", "CAUSES", claim.span_id, actor.span_id).do(project)
    adj.AddGoldRelation(doc, "carol", "SOURCE", claim.span_id, actor.span_id).do(project)
    with pytest.raises(InvalidEdit, match="already exists"):
        adj.AddGoldRelation(doc, "carol", "SOURCE", claim.span_id, actor.span_id).do(project)
    assert len(adj.adjudication_state(project, doc, "carol", annotators=["alice", "bob"]).gold.relations) == 1


THEIRS = span_of(SECOND, "أن الرصيف الجديد سيستقبل السفن")


def test_a_gold_link_by_hand_joins_two_documents_gold_with_provenance_and_undo(project: Project, doc: str) -> None:
    claim1 = adj.AddGoldSpan(doc, "carol", *CLAIM, "CLAIM")
    claim1.do(project)
    link = adj.AddGoldLink(doc, "carol", "SAME_CLAIM", claim1.span_id, "d2", "nowhere")
    with pytest.raises(AnnotatorError, match="'d2' has no gold yet"):
        link.do(project)
    claim2 = adj.AddGoldSpan("d2", "carol", *THEIRS, "CLAIM")
    claim2.do(project)
    # alice linked the same two claims in her own work: she is recorded as having proposed it
    a1 = tag(project, "alice", CLAIM, "CLAIM")
    cmd = AddSpan("d2", "alice", *THEIRS, "CLAIM")
    cmd.do(project)
    a2 = cmd.span_id
    AddLink("alice", "SAME_CLAIM", "d2", a2, "d1", a1).do(project)  # the other direction: SAME_CLAIM is undirected
    link = adj.AddGoldLink(doc, "carol", "SAME_CLAIM", claim1.span_id, "d2", claim2.span_id)
    link.do(project)
    state = adj.adjudication_state(project, doc, "carol", annotators=["alice", "bob"])
    [gl] = state.gold.links
    assert (gl.type, gl.source, gl.target) == ("SAME_CLAIM", ("d1", *CLAIM), ("d2", *THEIRS))
    prov = state.gold_provenance[link.link_id]
    assert (prov["method"], prov["proposed_by"], prov["by"]) == ("edited", ["alice"], "carol")
    with pytest.raises(InvalidEdit, match="already linked"):
        adj.AddGoldLink(doc, "carol", "SAME_CLAIM", claim1.span_id, "d2", claim2.span_id, outgoing=False).do(project)
    with pytest.raises(InvalidEdit, match="SAME_DATE links DATE spans"):
        adj.AddGoldLink(doc, "carol", "SAME_DATE", claim1.span_id, "d2", claim2.span_id).do(project)
    link.undo(project)
    assert adj.adjudication_state(project, doc, "carol", annotators=["alice", "bob"]).gold.links == []
    link.do(project)
    delete = adj.DeleteGoldLink(doc, "carol", link.link_id)
    delete.do(project)
    assert adj.adjudication_state(project, "d2", "carol", annotators=["alice"]).gold.links == []


def test_accepting_another_version_of_a_link_replaces_the_gold_link(project: Project, doc: str) -> None:
    """alice linked two claims SAME_CLAIM, bob CONTRADICTS: accepting alice's version and then
    bob's leaves bob's link in gold (it crashed: the gold links' ids were read as ``.uid``)."""
    for who in ("alice", "bob"):
        a1 = tag(project, who, CLAIM, "CLAIM")
        cmd = AddSpan("d2", who, *THEIRS, "CLAIM")
        cmd.do(project)
        AddLink(who, "SAME_CLAIM" if who == "alice" else "CONTRADICTS", "d1", a1, "d2", cmd.span_id).do(project)
    adj.AddGoldSpan("d2", "carol", *THEIRS, "CLAIM").do(project)
    state = adj.adjudication_state(project, doc, "carol", annotators=["alice", "bob"])
    [d] = [d for d in state.disagreements if d.kind is Kind.LINK]
    adj.AcceptVersion(doc, "carol", d, "alice", diff=state.diff).do(project)
    state = adj.adjudication_state(project, doc, "carol", annotators=["alice", "bob"])
    assert [gl.type for gl in state.gold.links] == ["SAME_CLAIM"]
    [d] = [d for d in state.disagreements if d.kind is Kind.LINK]
    adj.AcceptVersion(doc, "carol", d, "bob", diff=state.diff).do(project)
    state = adj.adjudication_state(project, doc, "carol", annotators=["alice", "bob"])
    assert [gl.type for gl in state.gold.links] == ["CONTRADICTS"]
