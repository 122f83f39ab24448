"""How far adjudication is: each disagreement decided or not, and how, from what gold
holds and the change log (so "keep nothing" is remembered after reopening)."""

from __future__ import annotations

from pathlib import Path

from annotator.core.adjudication import Decided, Kind, Progress, Threshold, accepted_keys
from annotator.services import adjudication as adj
from annotator.services.project import Project
from tests.services.test_adjudication_service import ACTOR, CLAIM, DATE, NAME, doc, tag  # noqa: F401  (fixture)


def test_progress_counts_read_the_same_everywhere() -> None:
    assert Progress(19, 7).describe() == "19 disagreements · 7 decided · 12 left"
    assert Progress(1, 0).describe() == "1 disagreement · 0 decided · 1 left"


def test_an_undo_takes_back_the_latest_accept_of_that_key() -> None:
    log = [("k1", "carol", "bob", False), ("k2", "carol", "alice", False), ("k1", "carol", "alice", False),
           ("k1", "carol", "alice", True), ("k2", "carol", "alice", True)]
    assert accepted_keys(log) == {"k1": [("carol", "bob")]}
    assert accepted_keys([("k1", "carol", "bob", True)]) == {}  # an undo of nothing known changes nothing


def decisions(project: Project, doc_id: str = "d1") -> list[tuple[Kind, Decided, tuple[str, ...]]]:
    state = adj.adjudication_state(project, doc_id, "carol")
    return [(d.kind, state.decision(d).how, state.decision(d).annotators) for d in state.disagreements]


def test_each_decision_and_how_survives_reopening(project: Project, doc: str, db_path: Path) -> None:
    tag(project, "alice", ACTOR, "ACTOR")
    tag(project, "bob", NAME, "ACTOR")  # boundary
    tag(project, "alice", DATE, "DATE")  # missing for bob
    tag(project, "alice", CLAIM, "CLAIM")  # missing for bob
    state = adj.adjudication_state(project, doc, "carol")
    assert [d.kind for d in state.disagreements] == [Kind.BOUNDARY, Kind.MISSING, Kind.MISSING]
    assert state.progress() == Progress(3, 0)
    assert all(state.decision(d).how is Decided.UNDECIDED for d in state.disagreements)
    boundary, date, _claim = state.disagreements

    adj.AcceptVersion(doc, "carol", boundary, "alice", diff=state.diff).do(project)
    # keeping nothing: bob's version of the date is empty, so gold does not change, yet it is a decision
    nothing = adj.AcceptVersion(doc, "carol", date, "bob", diff=state.diff)
    nothing.do(project)
    assert nothing.patch is not None and not nothing.patch.span_ids()
    adj.AddGoldSpan(doc, "carol", CLAIM[0], CLAIM[1] - 3, "CLAIM").do(project)  # by hand, nobody's version

    reopened = Project.open(db_path)
    try:
        assert decisions(reopened) == [(Kind.BOUNDARY, Decided.ACCEPTED, ("alice",)),
                                       (Kind.MISSING, Decided.NOTHING, ()),
                                       (Kind.MISSING, Decided.EDITED, ())]
        assert adj.adjudication_state(reopened, doc, "carol").progress() == Progress(3, 3)
    finally:
        reopened.close()

    nothing.undo(project)
    assert decisions(project)[1] == (Kind.MISSING, Decided.UNDECIDED, ())
    assert adj.adjudication_state(project, doc, "carol").progress().describe() == \
        "3 disagreements · 2 decided · 1 left"


def test_accept_agreed_decides_what_a_majority_made(project: Project, doc: str) -> None:
    tag(project, "alice", CLAIM, "CLAIM")
    tag(project, "bob", CLAIM, "CLAIM")
    tag(project, "dina", DATE, "DATE")
    assert [how for _k, how, _a in decisions(project)] == [Decided.UNDECIDED, Decided.UNDECIDED]
    adj.AcceptAgreed(doc, "carol", Threshold.MAJORITY).do(project)
    state = adj.adjudication_state(project, doc, "carol")
    claim = next(d for d in state.disagreements if "CLAIM" in d.key)
    decision = state.decision(claim)
    assert (decision.how, decision.annotators, decision.threshold) == (Decided.AGREED, ("alice", "bob"), "majority")
    assert decision.describe() == "✓ agreed (majority): alice, bob"
    assert state.progress() == Progress(2, 1)


def test_an_attribute_disagreement_is_decided_once_gold_sets_the_attribute(project: Project, doc: str) -> None:
    tag(project, "alice", DATE, "DATE", value="2027-03-11")
    tag(project, "bob", DATE, "DATE", value="2027-03-12")
    adj.AcceptAgreed(doc, "carol").do(project)  # the span is agreed; its value is not
    state = adj.adjudication_state(project, doc, "carol")
    [d] = state.disagreements
    assert d.kind is Kind.ATTRIBUTE and state.decision(d).how is Decided.UNDECIDED
    adj.AcceptVersion(doc, "carol", d, "bob", diff=state.diff).do(project)
    again = adj.adjudication_state(project, doc, "carol")
    assert again.decision(again.disagreements[0]).annotators == ("bob",)
    assert again.decision(again.disagreements[0]).how is Decided.ACCEPTED
