"""Changing a project's schema: adding always works; removing what data uses is refused
with the counts unless --rename/--drop says what becomes of it, rewritten in one logged
transaction (annotators' sets and gold alike); undo; only a manager when there is one.
On SQLite and, when a server is given, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, SchemaError
from annotator.core.schema import LabelSchema, parse_schema
from annotator.core.schema_change import MappingError
from annotator.core.text import text_sha256
from annotator.core.values import Document
from annotator.services import adjudication as adj
from annotator.services import schema as schema_service
from annotator.services import team
from annotator.services.attributes import SetAttributes
from annotator.services.gold.commands import AddGoldRelation, AddGoldSpan
from annotator.services.links import AddLink, links_of_documents
from annotator.services.project import InvalidEdit, Project
from annotator.services.relations import AddRelation, relations_of
from annotator.services.spans import AddSpan
from annotator.services.team import NotAllowed
from annotator.storage import changelog
from annotator.storage import documents as document_store
from tests.conftest import ARABIC, PG_URL, fresh_postgres

HEAD = '[schema]\nname = "study"\nversion = {v}\n\n'
CLAIM = ('[[labels]]\nname = "CLAIM"\nkey = "1"\ncolor = "#f2b134"\n\n'
         '  [[labels.attributes]]\n  name = "stance"\n  kind = "choice"\n  values = [{values}]\n\n'
         '  [[labels.attributes]]\n  name = "{note}"\n  kind = "text"\n\n')
ACTOR = '[[labels]]\nname = "{name}"\nkey = "2"\ncolor = "#4aa3df"\n\n'
PLACE = '[[labels]]\nname = "PLACE"\nkey = "4"\ncolor = "#16a085"\n\n'
SOURCE = ('[[relations]]\nname = "{source}"\nkey = "s"\ncolor = "#8e44ad"\nhead = ["CLAIM"]\n'
          'tail = ["{actor}"]\n\n')
CONTRADICTS = ('[[relations]]\nname = "CONTRADICTS"\nkey = "c"\ncolor = "#e74c3c"\nhead = ["CLAIM"]\n'
               'tail = ["CLAIM"]\n\n')
LINKS = '[[links]]\nname = "{link}"\nlabels = ["CLAIM"]\ncolor = "#f39c12"\n\n'


def study(v: int = 1, *, actor: str | None = "ACTOR", source: str | None = "SOURCE", link: str = "SAME_CLAIM",
          values: str = '"for", "against"', note: str = "note", place: bool = False) -> str:
    text = HEAD.format(v=v) + CLAIM.format(values=values, note=note)
    if actor:
        text += ACTOR.format(name=actor)
    if place:
        text += PLACE
    if source and actor:
        text += SOURCE.format(source=source, actor=actor)
    text += CONTRADICTS
    return text + LINKS.format(link=link)


def schema(text: str) -> LabelSchema:
    return parse_schema(text, "study.toml")


def span_of(needle: str) -> tuple[int, int]:
    i = ARABIC.index(needle)
    return i, i + len(needle)


CLAIM1 = span_of("معبر الوادي سيُفتح")
CLAIM2 = span_of("«الاتفاق نهائي»")
MINISTER = span_of("وزير النقل سامر الخطيب")
OFFICIAL = span_of("مسؤول في شركة NorthGate")


@pytest.fixture(params=["sqlite"] + (["postgresql"] if PG_URL else []))
def project(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Project]:
    url = fresh_postgres(PG_URL) if request.param == "postgresql" else tmp_path / "p.sqlite"  # type: ignore[arg-type]
    p = Project.open(url)
    schema_service.set_schema(p, schema(study()))
    with p.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "t", ARABIC, text_sha256(ARABIC), "rtl"))
        document_store.add_document(s, Document("d2", "t2", ARABIC + ".", text_sha256(ARABIC + "."), "rtl"))
    yield p
    p.close()


def annotate(p: Project) -> None:
    """alice and bob tag actors; alice's claims carry attributes, a SOURCE, a claim-to-claim
    CONTRADICTS and a link; gold (carol) holds an actor too."""
    for who in ("alice", "bob"):
        AddSpan("d1", who, *MINISTER, "ACTOR", span_id=f"{who}-a").do(p)
    AddSpan("d1", "alice", *CLAIM1, "CLAIM", {"stance": "for", "note": "راجع الرقم"}, span_id="c1").do(p)
    AddSpan("d1", "alice", *CLAIM2, "CLAIM", {"stance": "against"}, span_id="c2").do(p)
    AddSpan("d2", "alice", *CLAIM1, "CLAIM", span_id="c3").do(p)
    AddRelation("d1", "alice", "SOURCE", "c1", "alice-a", relation_id="r1").do(p)
    AddRelation("d1", "alice", "CONTRADICTS", "c1", "c2", relation_id="r2").do(p)
    AddLink("alice", "SAME_CLAIM", "d1", "c1", "d2", "c3", link_id="l1").do(p)
    team.add_annotator(p, "carol", "adjudicator")
    AddGoldSpan("d1", "carol", *OFFICIAL, "ACTOR").do(p)


def labels(p: Project, who: str = "alice", doc: str = "d1") -> list[tuple[str, dict]]:
    return [(s.label, s.attrs) for s in p.spans(doc, who)]


def gold_labels(p: Project) -> list[str]:
    return [s.label for s, _prov in adj.gold_spans(p, "d1", "carol")]


def schema_log(p: Project) -> list[dict]:
    with p.database.unit_of_work() as s:
        return [c for c in reversed(changelog.changes(s)) if c["action"].endswith("schema.set")]


def test_a_relation_between_two_spans_of_one_label_works_end_to_end(project: Project) -> None:
    annotate(project)
    assert [(r.type, r.head, r.tail) for r in relations_of(project, "d1", "alice")] == [
        ("SOURCE", "c1", "alice-a"), ("CONTRADICTS", "c1", "c2")]
    with pytest.raises(InvalidEdit, match="same span"):
        AddRelation("d1", "alice", "CONTRADICTS", "c1", "c1").do(project)
    with pytest.raises(InvalidEdit, match="CONTRADICTS goes from CLAIM to CLAIM, not from CLAIM to ACTOR"):
        AddRelation("d1", "alice", "CONTRADICTS", "c1", "alice-a").do(project)
    # gold too: the adjudicator joins two gold claims
    AddGoldSpan("d1", "carol", *CLAIM1, "CLAIM", span_id="g1").do(project)
    AddGoldSpan("d1", "carol", *CLAIM2, "CLAIM", span_id="g2").do(project)
    AddGoldRelation("d1", "carol", "CONTRADICTS", "g1", "g2").do(project)
    gold = adj.adjudication_state(project, "d1", "carol").gold
    assert [(r.type, r.head, r.tail) for r in gold.relations] == [("CONTRADICTS", CLAIM1, CLAIM2)]


def test_adding_labels_attributes_values_relations_and_links_always_works(project: Project) -> None:
    annotate(project)
    richer = study(2, values='"for", "against", "unclear"', place=True).replace(
        '  [[labels.attributes]]\n  name = "note"', '  [[labels.attributes]]\n  name = "weight"\n  kind = "boolean"\n\n'
        '  [[labels.attributes]]\n  name = "note"') + ('[[relations]]\nname = "WHERE"\nkey = "p"\ncolor = "#123456"\n'
                                                       'head = ["CLAIM"]\ntail = ["PLACE"]\n\n')
    plan = schema_service.set_schema(project, schema(richer), acting="alice")
    assert plan.refusals == [] and plan.rewrites == []
    assert {"+ label PLACE (key 4)", "+ attribute CLAIM.weight (boolean)", "+ value CLAIM.stance: unclear",
            "+ relation WHERE (key p)"} <= set(plan.changes)
    assert project.schema.names == ["CLAIM", "ACTOR", "PLACE"]
    reopened = Project.open(project.database.url, create=False)
    assert reopened.schema.source == richer  # stored: a new process reads it
    reopened.close()
    [entry] = schema_log(project)[1:]
    assert entry["annotator"] == "alice" and entry["payload"]["after"] == richer
    assert entry["payload"]["before"] == study()


def test_removing_a_used_label_is_refused_with_the_counts_and_nothing_changes(project: Project) -> None:
    annotate(project)
    before = project.schema
    with pytest.raises(schema_service.SchemaRefused) as info:
        schema_service.set_schema(project, schema(study(2, actor="AGENT", source="SAID_BY")))
    message = str(info.value)
    assert "label ACTOR is used by 3 spans of 2 annotators and gold; give --rename ACTOR=AGENT or --drop ACTOR" \
        in message
    assert ("relation type SOURCE is used by 1 relation of 1 annotator; give --rename SOURCE=SAID_BY or "
            "--drop SOURCE") in message
    assert project.schema == before and len(schema_log(project)) == 1
    assert labels(project, "bob") == [("ACTOR", {})] and gold_labels(project) == ["ACTOR"]
    reopened = Project.open(project.database.url, create=False)
    assert reopened.schema == before
    reopened.close()


def test_rename_rewrites_spans_gold_attributes_relations_and_links_in_one_logged_change(project: Project) -> None:
    annotate(project)
    new = study(2, actor="AGENT", source="SAID_BY", link="SAME", note="comment")
    plan = schema_service.set_schema(project, schema(new), ["ACTOR=AGENT", "SOURCE=SAID_BY", "SAME_CLAIM=SAME",
                                                            "CLAIM.note=CLAIM.comment"], acting="alice")
    assert sorted(plan.rewrites) == sorted([
        "label ACTOR becomes AGENT on 3 spans of 2 annotators and gold",
        "relation type SOURCE becomes SAID_BY on 1 relation of 1 annotator",
        "link type SAME_CLAIM becomes SAME on 1 link of 1 annotator",
        "attribute CLAIM.note becomes comment on 1 span of 1 annotator"])
    assert labels(project) == [("AGENT", {}), ("CLAIM", {"stance": "for", "comment": "راجع الرقم"}),
                               ("CLAIM", {"stance": "against"})]
    assert labels(project, "bob") == [("AGENT", {})] and gold_labels(project) == ["AGENT"]
    assert [r.type for r in relations_of(project, "d1", "alice")] == ["SAID_BY", "CONTRADICTS"]
    assert [lk.type for lk in links_of_documents(project, None, "alice")] == ["SAME"]
    # the renamed data is valid under the new schema: it can be edited at once
    SetAttributes("d1", "alice", "c1", {"comment": "تم التحقق"}).do(project)
    entry = schema_log(project)[-1]
    assert entry["payload"]["mapping"]["labels"] == {"ACTOR": "AGENT"}
    assert entry["payload"]["before"] == study()

    # undo: the old schema and the old names come back
    back = schema_service.undo_schema(project, acting="alice")
    assert back.refusals == [] and project.schema.source == study()
    assert labels(project)[0] == ("ACTOR", {})
    assert labels(project)[1] == ("CLAIM", {"stance": "for", "note": "تم التحقق"})
    assert gold_labels(project) == ["ACTOR"]
    assert [r.type for r in relations_of(project, "d1", "alice")] == ["SOURCE", "CONTRADICTS"]
    assert [lk.type for lk in links_of_documents(project, None, "alice")] == ["SAME_CLAIM"]
    assert schema_log(project)[-1]["action"] == "undo.schema.set"
    # the next undo would bring back the default schema of before the fixture's set, which the
    # data does not fit: refused with the counts, nothing changed
    with pytest.raises(schema_service.SchemaRefused, match=r"attribute CLAIM\.stance is set on 2 spans"):
        schema_service.undo_schema(project)
    assert project.schema.source == study() and schema_log(project)[-1]["action"] == "undo.schema.set"


def test_drop_deletes_the_spans_with_their_relations_and_links_gold_too(project: Project) -> None:
    annotate(project)
    plan = schema_service.set_schema(project, schema(study(2, actor=None)), drops=["ACTOR"])
    assert plan.rewrites == [
        "label ACTOR dropped: 3 spans of 2 annotators and gold deleted, with their relations and links"]
    assert labels(project, "bob") == [] and gold_labels(project) == []
    assert [r.type for r in relations_of(project, "d1", "alice")] == ["CONTRADICTS"]
    assert [lb for lb, _a in labels(project)] == ["CLAIM", "CLAIM"]
    assert schema_log(project)[-1]["payload"]["counts"] == {"spans deleted": 3}
    back = schema_service.undo_schema(project)
    assert project.schema.names == ["CLAIM", "ACTOR"] and labels(project, "bob") == []
    assert back.notes == ["not restored (deleted by that change): 3 spans"]


def test_values_the_new_schema_refuses_are_counted_and_dropped_only_when_asked(project: Project) -> None:
    annotate(project)
    narrower = schema(study(2, values='"for", "neutral"'))
    with pytest.raises(schema_service.SchemaRefused, match=r"attribute CLAIM\.stance: 1 span of 1 annotator hold "
                                                           r"values the new schema refuses \(e\.g\. 'against'\)"):
        schema_service.set_schema(project, narrower)
    schema_service.set_schema(project, narrower, drops=["CLAIM.stance"])
    assert labels(project)[1:] == [("CLAIM", {"stance": "for", "note": "راجع الرقم"}), ("CLAIM", {})]
    without_note = schema(study(3, values='"for", "neutral"').replace(
        '  [[labels.attributes]]\n  name = "note"\n  kind = "text"\n\n', ""))
    with pytest.raises(schema_service.SchemaRefused, match=r"attribute CLAIM\.note is set on 1 span of 1 "
                                                           r"annotator; give --rename CLAIM\.note=CLAIM\.NEW or "
                                                           r"--drop CLAIM\.note"):
        schema_service.set_schema(project, without_note)


def test_a_relation_whose_ends_no_longer_fit_is_refused_or_dropped(project: Project) -> None:
    annotate(project)
    claims_only = schema(study(2).replace('tail = ["ACTOR"]', 'tail = ["CLAIM"]'))
    with pytest.raises(schema_service.SchemaRefused, match="relation type SOURCE no longer joins CLAIM to ACTOR, "
                                                           "which 1 relation of 1 annotator do; give --drop SOURCE"):
        schema_service.set_schema(project, claims_only)
    schema_service.set_schema(project, claims_only, drops=["SOURCE"])
    assert [r.type for r in relations_of(project, "d1", "alice")] == ["CONTRADICTS"]


@pytest.mark.parametrize(("renames", "drops", "message"), [
    (["ACTOR=CLAIM"], [], "already has label CLAIM \\(renaming into a name in use would merge them"),
    (["CLAIM=AGENT"], [], "the new schema still has label CLAIM"),
    (["ACTOR"], [], "write OLD=NEW"),
    (["PERSON=AGENT"], [], "PERSON is not a label, relation or link type"),
    (["ACTOR=NOBODY"], [], "the new schema has no label NOBODY"),
    (["CLAIM.note=CLAIM.x"], [], "the new schema has no attribute CLAIM.x"),
    ([], ["CLAIM"], "the new schema still has label CLAIM"),
    (["ACTOR=AGENT"], ["ACTOR"], "label ACTOR is renamed too"),
])
def test_mappings_that_do_not_fit_are_refused(project: Project, renames: list[str], drops: list[str],
                                              message: str) -> None:
    with pytest.raises(MappingError, match=message):
        schema_service.set_schema(project, schema(study(2, actor="AGENT", source="SAID_BY")), renames, drops)


def test_a_label_key_that_another_label_has_is_refused() -> None:
    with pytest.raises(SchemaError, match=r"study\.toml, line \d+: label 2 \(ACTOR\): key must be one character, "
                                          r"not used twice \(already used by label CLAIM\)"):
        schema(study(2).replace('name = "ACTOR"\nkey = "2"', 'name = "ACTOR"\nkey = "1"'))


def test_only_a_manager_may_change_the_schema_once_the_project_has_one(project: Project) -> None:
    schema_service.set_schema(project, schema(study(2, place=True)), acting=None)  # no roles: anyone
    team.add_annotator(project, "alice", "annotator")
    team.add_annotator(project, "maya", "manager")
    with pytest.raises(NotAllowed, match="only a manager may change the schema of this project "
                                         r"\(managers: maya\); alice is annotator"):
        schema_service.set_schema(project, schema(study(3, place=True)), acting="alice")
    with pytest.raises(NotAllowed, match="give --as NAME"):
        schema_service.set_schema(project, schema(study(3, place=True)))
    with pytest.raises(NotAllowed):
        schema_service.undo_schema(project, acting="alice")
    schema_service.set_schema(project, schema(study(3, place=True)), acting="maya")
    assert project.schema.version == 3
    assert schema_log(project)[-1]["annotator"] == "maya"


def test_setting_the_old_file_again_restores_it(project: Project) -> None:
    annotate(project)
    schema_service.set_schema(project, schema(study(2, place=True)))
    schema_service.set_schema(project, schema(study()))
    assert project.schema.source == study()
    again = schema_service.set_schema(project, schema(study()))
    assert again.unchanged and len(schema_log(project)) == 3  # the same schema: nothing logged


def test_undo_without_a_schema_change_is_refused(tmp_path: Path) -> None:
    p = Project.open(tmp_path / "new.sqlite")
    with pytest.raises(AnnotatorError, match="there is no schema change to undo"):
        schema_service.undo_schema(p)
    p.close()


def test_an_existing_project_keeps_its_schema_when_the_default_changes(project: Project) -> None:
    url = project.database.url
    reopened = Project.open(url, create=False)
    assert reopened.schema.name == "study"  # not replaced by the newer default
    reopened.close()


def test_a_choice_value_renamed_rewrites_spans_in_one_change_and_undo_reverses_it(project: Project) -> None:
    annotate(project)
    renamed = schema(study(2, values='"for", "opposed"'))
    with pytest.raises(schema_service.SchemaRefused, match=r"CLAIM\.stance: 1 span of 1 annotator hold values"):
        schema_service.set_schema(project, renamed)
    plan = schema_service.set_schema(project, renamed, ["CLAIM.stance.against=CLAIM.stance.opposed"])
    assert "> value CLAIM.stance: against renamed opposed" in plan.lines()
    assert "data: value CLAIM.stance 'against' becomes 'opposed' on 1 span of 1 annotator" in plan.lines()
    assert [a.get("stance") for lab, a in labels(project) if lab == "CLAIM"] == ["for", "opposed"]
    assert schema_log(project)[-1]["payload"]["mapping"]["values"] == [["CLAIM", "stance", "against", "opposed"]]
    schema_service.undo_schema(project)
    assert [a.get("stance") for lab, a in labels(project) if lab == "CLAIM"] == ["for", "against"]


@pytest.mark.parametrize(("rename", "message"), [
    ("CLAIM.stance.maybe=CLAIM.stance.opposed", r"CLAIM\.stance has no value 'maybe' \(values: for, against\)"),
    ("CLAIM.stance.against=CLAIM.stance.nope", r"the new schema's CLAIM\.stance has no value 'nope'"),
    ("CLAIM.stance.against=CLAIM.stance.for",
     r"CLAIM\.stance already has the value 'for' \(renaming into it would merge them"),
    ("CLAIM.note.x=CLAIM.note.y", "it is a text attribute; only choice values are renamed"),
    ("CLAIM.stance.against=ACTOR.stance.opposed", r"the value stays on its attribute \(CLAIM\.stance\.opposed\)"),
])
def test_value_renames_that_do_not_fit_are_refused(project: Project, rename: str, message: str) -> None:
    with pytest.raises(MappingError, match=message):
        schema_service.set_schema(project, schema(study(2, values='"for", "opposed"')), [rename])
