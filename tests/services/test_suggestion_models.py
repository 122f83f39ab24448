"""The project's model: trained on gold and documents marked done, versioned with the data
it saw, never on another annotator's work for an annotator working blind; its suggestions
in a new document; the evaluation per recommender; the acceptance log."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.text import text_sha256
from annotator.core.values import Document, SetStatus
from annotator.services import suggestions as sug
from annotator.services import team
from annotator.services.gold.commands import AddGoldSpan
from annotator.services.project import Project
from annotator.services.spans import AddSpan
from annotator.storage import documents as document_store
from annotator.storage import suggestions as store
from tests.conftest import PG_URL, fresh_postgres

NAMES = ["سامي الحلبي", "ريم عيسى", "كريم ناصر", "هدى سليمان", "نادر يوسف", "ليلى حداد", "فادي منصور",
         "سعاد عمر", "باسل خوري", "منى جابر"]
ROLES = ["الوزير", "النائبة", "المحافظ", "الخبيرة", "المتحدث"]


def text_of(i: int) -> str:
    name = NAMES[i % len(NAMES)]
    return (f"قال {ROLES[i % len(ROLES)]} {name} في تصريح صحفي إن المشروع سيكتمل قريبا، "
            f"وأضاف {name} أن التمويل متوفر. وعلّق مراقبون على الخبر رقم {i}.")


def name_spans(i: int) -> list[tuple[int, int]]:
    text, name = text_of(i), NAMES[i % len(NAMES)]
    out, at = [], text.find(name)
    while at >= 0:
        out.append((at, at + len(name)))
        at = text.find(name, at + 1)
    return out


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_URL else []))
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Project:
    url = fresh_postgres(PG_URL) if request.param == "postgresql" else tmp_path / "p.sqlite"  # type: ignore[arg-type]
    p = Project.open(url)
    with p.database.unit_of_work() as s:
        for i in range(12):
            t = text_of(i)
            document_store.add_document(s, Document(f"d{i:02}", f"t{i}", t, text_sha256(t), "rtl"))
    return p


def tag_done(p: Project, who: str, docs: range) -> None:
    for i in docs:
        for a, b in name_spans(i):
            AddSpan(f"d{i:02}", who, a, b, "ACTOR").do(p)
        p.set_status(f"d{i:02}", who, SetStatus.DONE)


def test_the_model_learns_from_done_work_and_suggests_in_a_new_document(project: Project) -> None:
    with pytest.raises(sug.SuggestError, match="nothing to learn from yet"):
        sug.train(project)
    tag_done(project, "alice", range(8))
    report = sug.train(project)
    assert (report.version, report.documents, report.spans) == (1, 8, 16)
    with project.database.unit_of_work() as s:
        model = store.latest_model(s, "project", None)
    assert model is not None and model.info["documents"] == [f"d{i:02}" for i in range(8)]
    assert {src["annotator"] for src in model.info["sources"]} == {"alice"}
    # a document it never saw: the name is proposed as an ACTOR, from the project model
    shown = sug.suggestions_for(project, "d09", "alice", ("project",))  # her own work taught it
    assert sug.suggestions_for(project, "d09", "maya", ("project",)) == []  # not maya: it saw alice's work
    text = project.document("d09").text
    assert [(text[s.start:s.end], s.label, s.recommender) for s in shown][:1] == [("منى جابر", "ACTOR", "project")]
    assert all(0 < s.score <= 1 for s in shown)
    assert sug.train(project).version == 2  # versioned


def test_a_blind_annotator_gets_no_suggestion_from_a_model_that_saw_someone_else(project: Project) -> None:
    team.add_annotator(project, "alice", "annotator")
    team.add_annotator(project, "bob", "annotator")
    team.add_annotator(project, "carol", "adjudicator")
    tag_done(project, "bob", range(8))
    sug.train(project, "carol")  # the shared model: bob's work is in it
    assert sug.suggestions_for(project, "d09", "carol", ("project",))
    assert sug.suggestions_for(project, "d09", "alice", ("project",)) == []  # alice may not see bob's work
    stored = sug.apply(project, "project", ["d09"], acting="carol")  # its answers stored: still not alice's
    assert stored.suggestions and stored.audience is None
    assert sug.suggestions_for(project, "d09", "carol", ("stored",))
    assert sug.suggestions_for(project, "d09", "alice", ("stored",)) == []
    with pytest.raises(sug.SuggestError, match="nothing to learn from yet"):
        sug.train(project, "alice")  # her own model: she has done nothing, bob's sets are not hers
    # gold of a document alice has done is hers to learn from; bob's set of it is not
    for a, b in name_spans(0):
        AddGoldSpan("d00", "carol", a, b, "ACTOR").do(project)
    tag_done(project, "alice", range(1, 2))
    project.set_status("d00", "alice", SetStatus.DONE)
    report = sug.train(project, "alice")
    assert report.audience == "alice"
    with project.database.unit_of_work() as s:
        from annotator.storage import team as team_store

        mine = store.latest_model(s, "project", team_store.annotator_id(s, "alice", create=False))
    assert mine is not None
    assert sorted((src["document"], src["annotator"]) for src in mine.info["sources"]) == [
        ("d00", "gold"), ("d01", "alice")]
    assert sug.needs_training(project, "alice", 1) is False
    tag_done(project, "alice", range(2, 3))
    assert sug.needs_training(project, "alice", 1) is True


def test_evaluation_per_recommender_and_the_acceptance_log(project: Project) -> None:
    from annotator.services.entities import CreateEntity

    tag_done(project, "alice", range(10))
    CreateEntity("alice", NAMES[0], "person").do(project)  # the registry knows one of the ten names
    result = sug.evaluate(project, folds=5)
    assert result.documents == 10 and result.reference == "done sets"
    entities = result.scores["entities"]["ACTOR"]
    # the name is in d00 twice: 2 of the 20 gold spans found, no false suggestion
    assert (entities.gold, entities.predicted, entities.exact) == (20, 2, 2)
    assert (entities.exact_precision, entities.exact_recall) == (1.0, 0.1)
    assert entities.exact_f1 == pytest.approx(2 * 1.0 * 0.1 / 1.1)
    assert result.scores["project"]["ACTOR"].gold == 20  # every document tested once, by a model that did not see it
    assert [n for n, _by in result.curve] == [5, 8]
    # the log: one accepted, one rejected
    first = sug.suggestions_for(project, "d00", "bob", ("entities",))
    sug.AcceptSuggestions("d00", "bob", [sug.Choice(first[0])]).do(project)
    sug.RejectSuggestions("d00", "bob", [first[1]]).do(project)
    log = sug.acceptance_log(project)
    [row] = log.rows
    assert (row.recommender, row.label, row.accepted, row.edited, row.rejected) == ("entities", "ACTOR", 1, 0, 1)
    assert row.acceptance == 0.5
