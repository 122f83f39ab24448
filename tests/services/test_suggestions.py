"""Suggestions: entity names found Arabic-aware, what an annotator is shown, accepting
(with provenance, another label, other edges) and rejecting (remembered until the answer
changes), undo, bulk acceptance, a real spaCy pipeline as a recommender, and the blind rule
for stored suggestions made for one annotator."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.suggest import Suggestion, entity_suggestions, visible
from annotator.core.text import text_sha256
from annotator.core.values import Document, Entity, Span
from annotator.services import suggestions as sug
from annotator.services import team
from annotator.services.entities import CreateEntity
from annotator.services.project import Project
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import suggestions as store

TEXT = ("قالت وزيرة المالية سلمى حدّاد الاثنين إن الموازنة ستُقرّ، وأكدت لسلمى حداد مصادر أن "
        "وزارة المالية ستنشر الأرقام. 😀 وردّت نقابة المعلمين ببيان.")


STORED = ("stored",)


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(needle, i + 1)
    return i, i + len(needle)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.open(tmp_path / "p.sqlite")
    with p.database.unit_of_work() as s:
        document_store.add_document(s, Document("d", "t", TEXT, text_sha256(TEXT), "rtl",
                                                meta={"published": "2026-05-04"}))
    return p


def test_entity_names_and_aliases_are_found_as_whole_words_after_proclitics() -> None:
    ent = Entity("e1", "سلمى حداد", "person", ("وزارة المالية",))
    found = entity_suggestions("d", TEXT, [ent], "ACTOR")
    # with the shadda (حدّاد) and after the proclitic ل (لسلمى): the span leaves the ل out
    assert [(s.start, s.end) for s in found] == [at("سلمى حدّاد"), at("سلمى حداد"), at("وزارة المالية")]
    assert all(s.attrs == {"entity": "e1"} and s.recommender == "entities" for s in found)


def test_what_an_annotator_is_shown_leaves_out_their_spans_and_decisions() -> None:
    a = Suggestion("d", 0, 5, "ACTOR", "entities")
    b = Suggestion("d", 10, 15, "DATE", "dates")
    c = Suggestion("d", 20, 25, "ACTOR", "project", score=0.4)
    c2 = Suggestion("d", 20, 25, "ACTOR", "stored", score=0.9)
    spans = [Span("s1", 3, 8, "ACTOR")]  # overlaps a (same label)
    assert visible([a, b, c, c2], spans, {b.key}) == [c2]  # best score wins per range and label
    assert visible([a], [Span("s1", 0, 5, "CLAIM")], set()) == []  # the same range, any label


def test_accept_keeps_provenance_and_undo_brings_the_suggestion_back(project: Project) -> None:
    CreateEntity("alice", "سلمى حداد", "person", ("وزارة المالية",)).do(project)
    shown = sug.suggestions_for(project, "d", "alice", ("entities",))
    assert [project.document("d").text[s.start:s.end] for s in shown] == ["سلمى حدّاد", "سلمى حداد",
                                                                           "وزارة المالية"]
    accept = sug.AcceptSuggestions("d", "alice", [sug.Choice(shown[0])])
    accept.do(project)
    [span] = project.spans("d", "alice")
    assert (span.start, span.end, span.label) == (shown[0].start, shown[0].end, "ACTOR")
    assert span.attrs["entity"] == shown[0].attrs["entity"]
    with project.database.unit_of_work() as s:
        from annotator.storage.tables import SpanRow

        prov = s.query(SpanRow.provenance).one()[0]
        log = [c["action"] for c in changelog.changes(s)]
    assert prov["suggested_by"] == "entities" and prov["accepted_by"] == "alice" and prov["decision"] == "accepted"
    assert "suggestion.accept" in log
    assert len(sug.suggestions_for(project, "d", "alice", ("entities",))) == 2
    accept.undo(project)
    assert project.spans("d", "alice") == []
    assert len(sug.suggestions_for(project, "d", "alice", ("entities",))) == 3


def test_accept_with_another_label_or_edges_is_edited(project: Project) -> None:
    CreateEntity("alice", "سلمى حداد", "person").do(project)
    first = sug.suggestions_for(project, "d", "alice", ("entities",))[0]
    start, end = at("وزيرة المالية سلمى حدّاد")
    sug.AcceptSuggestions("d", "alice", [sug.Choice(first, start=start, end=end)]).do(project)
    [span] = project.spans("d", "alice")
    assert (span.start, span.end) == (start, end) and span.attrs["entity"]
    with project.database.unit_of_work() as s:
        [count] = store.decision_counts(s)
    assert (count.recommender, count.label, count.decision, count.count) == ("entities", "ACTOR", "edited", 1)
    # a label key on a suggestion accepts it as that label, without the attributes of the other
    second = sug.suggestions_for(project, "d", "alice", ("entities",))[0]
    sug.AcceptSuggestions("d", "alice", [sug.Choice(second, label="CLAIM")]).do(project)
    assert [(sp.label, sp.attrs) for sp in project.spans("d", "alice")][1] == ("CLAIM", {})


def test_a_rejected_suggestion_stays_hidden_until_its_answer_changes(project: Project) -> None:
    one = Suggestion("d", *at("نقابة المعلمين"), "ACTOR", "spacy:ar_x", {}, 0.8)
    with project.database.unit_of_work() as s:
        store.replace_suggestions(s, "spacy:ar_x", ["d"], None, [one])
    assert sug.suggestions_for(project, "d", "alice", STORED) == [one]
    reject = sug.RejectSuggestions("d", "alice", [one])
    reject.do(project)
    assert sug.suggestions_for(project, "d", "alice", STORED) == []
    assert [s.label for s in sug.suggestions_for(project, "d", "bob", STORED)] == ["ACTOR"]  # bob has not decided
    changed = Suggestion("d", *at("نقابة المعلمين"), "CLAIM", "spacy:ar_x", {}, 0.8)  # its answer changes
    with project.database.unit_of_work() as s:
        store.replace_suggestions(s, "spacy:ar_x", ["d"], None, [changed])
    assert sug.suggestions_for(project, "d", "alice", STORED) == [changed]
    reject.undo(project)
    with project.database.unit_of_work() as s:
        store.replace_suggestions(s, "spacy:ar_x", ["d"], None, [one])
    assert sug.suggestions_for(project, "d", "alice", STORED) == [one]


def test_bulk_accept_takes_stored_suggestions_above_a_score_once(project: Project) -> None:
    high = Suggestion("d", *at("نقابة المعلمين"), "ACTOR", "spacy:ar_x", {}, 0.95)
    low = Suggestion("d", *at("سلمى حدّاد"), "ACTOR", "spacy:ar_x", {}, 0.5)
    with project.database.unit_of_work() as s:
        store.replace_suggestions(s, "spacy:ar_x", ["d"], None, [high, low])
    report = sug.accept_bulk(project, "alice", 0.9)
    assert (report.documents, report.accepted) == (1, 1)
    assert [(s.start, s.end) for s in project.spans("d", "alice")] == [(high.start, high.end)]
    assert sug.accept_bulk(project, "alice", 0.9).accepted == 0  # already taken
    with pytest.raises(sug.SuggestError, match="from 0 to 1"):
        sug.accept_bulk(project, "alice", 1.5)


def test_stored_suggestions_made_for_one_annotator_are_hidden_from_the_others(project: Project) -> None:
    team.add_annotator(project, "alice", "annotator")
    team.add_annotator(project, "bob", "annotator")
    with project.database.unit_of_work() as s:
        from annotator.storage import team as team_store

        alice = team_store.annotator_id(s, "alice", create=False)
        store.replace_suggestions(s, "project", ["d"], alice,
                                  [Suggestion("d", *at("سلمى حدّاد"), "ACTOR", "project", {}, 0.7, "1")])
    assert len(sug.suggestions_for(project, "d", "alice", ("stored",))) == 1
    assert sug.suggestions_for(project, "d", "bob", ("stored",)) == []


def test_a_spacy_pipeline_is_a_recommender_with_its_labels_mapped(project: Project, tmp_path: Path) -> None:
    spacy = pytest.importorskip("spacy")
    from annotator.core.schema import parse_schema
    from annotator.resources import default_schema_path
    from annotator.services import schema as schema_service

    nlp = spacy.blank("ar")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "ORG", "pattern": "نقابة المعلمين"}, {"label": "MONEY", "pattern": "الأرقام"}])
    nlp.meta["name"] = "rules"
    nlp.to_disk(tmp_path / "pipe")
    text = default_schema_path().read_text(encoding="utf-8") + '\n[suggestions]\nspacy = { ORG = "ACTOR" }\n'
    schema_service.set_schema(project, parse_schema(text, "mapped.toml"))
    report = sug.apply(project, str(tmp_path / "pipe"))
    assert (report.recommender, report.documents, report.suggestions) == ("spacy:ar_rules", 1, 1)  # MONEY: no label
    [one] = sug.suggestions_for(project, "d", "alice", ("stored",))
    assert (one.start, one.end, one.label) == (*at("نقابة المعلمين"), "ACTOR")
    with pytest.raises(sug.SuggestError, match="not a recommender"):
        sug.apply(project, str(tmp_path / "nowhere"))


def test_visible_agrees_with_a_plain_overlap_test_on_many_spans() -> None:
    import random

    rnd = random.Random(7)
    spans = [Span(f"s{i}", a, a + rnd.randint(1, 30), rnd.choice(["ACTOR", "DATE"]))
             for i, a in enumerate(rnd.randint(0, 5000) for _ in range(400))]
    sugs = [Suggestion("d", a, a + rnd.randint(1, 12), rnd.choice(["ACTOR", "DATE"]), "r")
            for a in (rnd.randint(0, 5000) for _ in range(600))]

    def plain(s: Suggestion) -> bool:
        return not any((sp.start, sp.end) == (s.start, s.end) or (sp.label == s.label and sp.start < s.end
                                                                  and s.start < sp.end) for sp in spans)

    expected = sorted({(s.start, s.end, s.label) for s in sugs if plain(s)}, key=lambda k: (k[0], -k[1], k[2]))
    assert [(s.start, s.end, s.label) for s in visible(sugs, spans, set())] == expected


def test_the_part_a_pane_shows_first_gives_what_the_whole_gives_there(project: Project) -> None:
    CreateEntity("alice", "سلمى حداد", "person", ("وزارة المالية", "نقابة المعلمين")).do(project)
    whole = sug.suggestions_for(project, "d", "alice", ("entities",))
    cut = TEXT.index("وزارة المالية ستنشر")
    part = sug.suggestions_for(project, "d", "alice", ("entities",), within=(cut, cut + 5))
    assert part == whole  # one line: the whole text
    # on a text of several lines, only the lines holding the range, at the same offsets
    with project.database.unit_of_work() as s:
        lines = TEXT + "\n" + TEXT + "\n" + TEXT
        document_store.add_document(s, Document("d3", "t", lines, text_sha256(lines), "rtl"))
    whole = sug.suggestions_for(project, "d3", "alice", ("entities",))
    second = (len(TEXT) + 1, 2 * len(TEXT) + 1)
    part = sug.suggestions_for(project, "d3", "alice", ("entities",), within=(second[0] + 3, second[0] + 9))
    assert part == [x for x in whole if second[0] <= x.start and x.end <= second[1]] and len(part) == 4
