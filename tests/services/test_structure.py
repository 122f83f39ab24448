"""Relations, attributes, entities and cross-document links: each step committed,
logged, checked against the schema, and undoable."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.core.errors import NotFound
from annotator.core.text import text_sha256
from annotator.core.values import Document
from annotator.services.attributes import SetAttributes
from annotator.services.claims import claim_table
from annotator.services.dates import document_anchor, propose_date
from annotator.services.entities import (
    AddMentions,
    AttachEntity,
    CreateEntity,
    MergeEntities,
    UpdateEntity,
    complete_entities,
    entities,
    entity,
    entity_mentions,
    mention_proposals,
    mention_proposals_in,
)
from annotator.services.links import AddLink, DeleteLink, links_of_documents
from annotator.services.project import InvalidEdit, Project
from annotator.services.relations import AddRelation, DeleteRelation, dependents_of, relabel_conflicts, relations_of
from annotator.services.spans import AddSpan, DeleteSpanWithDependents
from annotator.storage import changelog
from annotator.storage import documents as document_store

# Two invented reports of the same story, by different outlets.
ONE = ("أعلن وزير النقل سامر الخطيب الجمعة أن معبر الوادي سيُفتح مطلع العام المقبل.\n"
       "وقال الخطيب إن الحكومة لن تتراجع، وأكد لبنى حداد أن الخطيب محق.")
TWO = "نفت شركة NorthGate أن يُفتح معبر الوادي قبل عام 2028، وقالت إن الخطيب متفائل."


def at(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    i = -1
    for _ in range(nth):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


class World:
    """Two documents with a claim, an actor and a date tagged by alice in each."""

    def __init__(self, project: Project) -> None:
        self.p = project
        with project.database.unit_of_work() as s:
            document_store.add_document(
                s, Document("one", "one", ONE, text_sha256(ONE), "rtl", {"published": "2026-09-25"})
            )
            document_store.add_document(s, Document("two", "two", TWO, text_sha256(TWO), "rtl"))
        self.claim1 = self.tag("one", ONE, "معبر الوادي سيُفتح مطلع العام المقبل", "CLAIM")
        self.actor1 = self.tag("one", ONE, "وزير النقل سامر الخطيب", "ACTOR")
        self.date1 = self.tag("one", ONE, "الجمعة", "DATE")
        self.when1 = self.tag("one", ONE, "مطلع العام المقبل", "DATE")
        self.claim2 = self.tag("two", TWO, "يُفتح معبر الوادي قبل عام 2028", "CLAIM")
        self.actor2 = self.tag("two", TWO, "شركة NorthGate", "ACTOR")
        self.date2 = self.tag("two", TWO, "عام 2028", "DATE")

    def tag(self, doc: str, text: str, needle: str, label: str, who: str = "alice") -> str:
        cmd = AddSpan(doc, who, *at(text, needle), label)
        cmd.do(self.p)
        return cmd.span_id

    def log(self) -> list[str]:
        with self.p.database.unit_of_work() as s:
            return [c["action"] for c in reversed(changelog.changes(s))]


@pytest.fixture
def w(project: Project) -> World:
    return World(project)


# -- relations ------------------------------------------------------------------------

def test_relations_are_added_listed_undone_and_survive_reopening(w: World, db_path: Path) -> None:
    src = AddRelation("one", "alice", "SOURCE", w.claim1, w.actor1)
    changed = src.do(w.p)
    assert changed.relation_ids == (src.relation_id,) and set(changed.span_ids) == {w.claim1, w.actor1}
    AddRelation("one", "alice", "TIME", w.claim1, w.when1).do(w.p)
    assert [(r.type, r.head, r.tail) for r in relations_of(w.p, "one", "alice")] == [
        ("SOURCE", w.claim1, w.actor1), ("TIME", w.claim1, w.when1)]
    assert relations_of(w.p, "one", "bob") == []

    again = Project.open(db_path)
    assert len(relations_of(again, "one", "alice")) == 2
    again.close()

    src.undo(w.p)
    assert [r.type for r in relations_of(w.p, "one", "alice")] == ["TIME"]
    delete = DeleteRelation("one", "alice", relations_of(w.p, "one", "alice")[0].id)
    delete.do(w.p)
    assert relations_of(w.p, "one", "alice") == []
    delete.undo(w.p)
    assert [r.type for r in relations_of(w.p, "one", "alice")] == ["TIME"]
    assert w.log()[-5:] == ["relation.add", "relation.add", "undo.relation.add", "relation.delete",
                            "undo.relation.delete"]


@pytest.mark.parametrize(
    ("rtype", "head", "tail", "message"),
    [
        ("SOURCE", "claim1", "date1", "SOURCE goes from CLAIM to ACTOR, not from CLAIM to DATE"),
        ("TIME", "actor1", "date1", "TIME goes from CLAIM to DATE, not from ACTOR to DATE"),
        ("CAUSE", "claim1", "actor1",
         "relation type 'CAUSE' is not in the schema (known: SOURCE, TIME, SAID_AT, TARGET)"),
        ("SOURCE", "claim1", "claim1", "two different spans"),
        ("SOURCE", "claim1", "nope", "no span 'nope'"),
    ],
)
def test_bad_relations_are_refused_and_nothing_changes(w: World, db_path: Path, snapshot, rtype: str, head: str,
                                                       tail: str, message: str) -> None:
    ids = {"claim1": w.claim1, "actor1": w.actor1, "date1": w.date1, "nope": "nope"}
    before = snapshot(db_path)
    with pytest.raises((InvalidEdit, NotFound), match=re.escape(message)):
        AddRelation("one", "alice", rtype, ids[head], ids[tail]).do(w.p)
    assert snapshot(db_path) == before


def test_a_relation_is_not_added_twice(w: World) -> None:
    AddRelation("one", "alice", "SOURCE", w.claim1, w.actor1).do(w.p)
    with pytest.raises(InvalidEdit, match="already exists"):
        AddRelation("one", "alice", "SOURCE", w.claim1, w.actor1).do(w.p)
    AddRelation("one", "alice", "TARGET", w.claim1, w.actor1).do(w.p)  # another type is fine


def test_relations_join_spans_of_one_annotator(w: World) -> None:
    bobs = w.tag("one", ONE, "وزير النقل سامر الخطيب", "ACTOR", who="bob")
    with pytest.raises(NotFound):
        AddRelation("one", "alice", "SOURCE", w.claim1, bobs).do(w.p)


# -- attributes ---------------------------------------------------------------------------

def test_attributes_are_set_checked_removed_and_undone(w: World, db_path: Path, snapshot) -> None:
    setter = SetAttributes("one", "alice", w.claim1, {"factuality": "predicted", "check_worthy": True})
    setter.do(w.p)
    attrs = {s.id: s.attrs for s in w.p.spans("one", "alice")}
    assert attrs[w.claim1] == {"factuality": "predicted", "check_worthy": True}
    SetAttributes("one", "alice", w.claim1, {"check_worthy": None}).do(w.p)
    assert {s.id: s.attrs for s in w.p.spans("one", "alice")}[w.claim1] == {"factuality": "predicted"}

    before = snapshot(db_path)
    for changes, message in [({"factuality": "maybe"}, "CLAIM factuality 'maybe' is not allowed"),
                             ({"certainty": "high"}, "CLAIM has no attribute 'certainty'"),
                             ({"check_worthy": "yes"}, "must be true or false")]:
        with pytest.raises(InvalidEdit, match=message):
            SetAttributes("one", "alice", w.claim1, changes).do(w.p)
    with pytest.raises(InvalidEdit, match="no entity 'e-nobody'"):
        SetAttributes("one", "alice", w.actor1, {"entity": "e-nobody"}).do(w.p)
    with pytest.raises(InvalidEdit, match=r"DATE value '2026-13' is not a valid value"):
        SetAttributes("one", "alice", w.date1, {"value": "2026-13"}).do(w.p)
    assert snapshot(db_path) == before

    setter.undo(w.p)
    assert {s.id: s.attrs for s in w.p.spans("one", "alice")}[w.claim1] == {}
    assert w.log()[-3:] == ["span.attrs", "span.attrs", "undo.span.attrs"]


def test_date_proposal_uses_the_publication_date_and_is_accepted_in_one_step(w: World) -> None:
    proposal = propose_date(w.p, "one", "alice", w.date1)
    assert proposal is not None and proposal.value == "2026-09-25" and proposal.relative  # الجمعة, published Fri
    when = propose_date(w.p, "one", "alice", w.when1)
    assert when is not None and (when.value, when.mod) == ("2027", "START")
    SetAttributes("one", "alice", w.when1, {"value": "2027-01", "mod": "MID"}).do(w.p)
    accept = SetAttributes.from_proposal("one", "alice", w.when1, when)
    accept.do(w.p)
    assert {s.id: s.attrs for s in w.p.spans("one", "alice")}[w.when1] == {"value": "2027", "mod": "START"}
    accept.undo(w.p)
    assert {s.id: s.attrs for s in w.p.spans("one", "alice")}[w.when1] == {"value": "2027-01", "mod": "MID"}
    # no publication date: relative expressions get no proposal, absolute ones do
    assert document_anchor(w.p, "two") is None
    assert propose_date(w.p, "two", "alice", w.date2).value == "2028"  # type: ignore[union-attr]


# -- entities -------------------------------------------------------------------------------

def test_create_entity_from_a_span_is_one_undoable_action(w: World) -> None:
    create = CreateEntity("alice", type="person", aliases=("الخطيب",), document_id="one", span_id=w.actor1)
    changed = create.do(w.p)
    assert changed.entity_ids == (create.entity_id,) and changed.span_ids == (w.actor1,)
    [e] = entities(w.p)
    assert (e.name, e.type, e.aliases) == ("وزير النقل سامر الخطيب", "person", ("الخطيب",))
    assert {s.id: s.attrs for s in w.p.spans("one", "alice")}[w.actor1] == {"entity": e.id, "type": "person"}
    assert [m.span_id for m in entity_mentions(w.p, e.id)] == [w.actor1]
    create.undo(w.p)
    assert entities(w.p) == []
    assert {s.id: s.attrs for s in w.p.spans("one", "alice")}[w.actor1] == {}
    assert w.log()[-4:] == ["entity.add", "span.attrs", "undo.span.attrs", "undo.entity.add"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"name": "  "}, "needs a name"), ({"name": "x", "type": "army"}, "entity type 'army' is not allowed"),
     ({"name": "x", "aliases": ("",)}, None)],
)
def test_bad_entities_are_refused(w: World, kwargs: dict, message: str | None) -> None:
    cmd = CreateEntity("alice", **kwargs)
    if message is None:
        cmd.do(w.p)  # empty aliases are dropped, not an error
        assert entity(w.p, cmd.entity_id).aliases == ()
    else:
        with pytest.raises(InvalidEdit, match=message):
            cmd.do(w.p)
        assert entities(w.p) == []


def test_an_entity_name_is_not_used_twice(w: World) -> None:
    CreateEntity("alice", "سامر الخطيب", "person").do(w.p)
    with pytest.raises(InvalidEdit, match="already exists"):
        CreateEntity("alice", "سامر الخطيب", "person").do(w.p)


def test_attach_detach_and_update_entities(w: World) -> None:
    create = CreateEntity("alice", "NorthGate", "organisation")
    create.do(w.p)
    attach = AttachEntity("two", "alice", w.actor2, create.entity_id)
    attach.do(w.p)
    assert {s.id: s.attrs for s in w.p.spans("two", "alice")}[w.actor2] == {"entity": create.entity_id,
                                                                            "type": "organisation"}
    AttachEntity("two", "alice", w.actor2, None).do(w.p)
    assert {s.id: s.attrs for s in w.p.spans("two", "alice")}[w.actor2] == {"type": "organisation"}
    with pytest.raises(InvalidEdit, match="DATE has no attribute 'entity'"):
        AttachEntity("two", "alice", w.date2, create.entity_id).do(w.p)
    with pytest.raises(NotFound):
        AttachEntity("two", "alice", w.actor2, "e-none").do(w.p)
    update = UpdateEntity("alice", create.entity_id, name="شركة NorthGate", aliases=("نورث غيت",))
    update.do(w.p)
    assert entity(w.p, create.entity_id).aliases == ("نورث غيت",)
    update.undo(w.p)
    assert entity(w.p, create.entity_id).name == "NorthGate"


def test_merging_entities_moves_every_mention_and_undo_restores_all(w: World) -> None:
    from annotator.services import team
    from annotator.services.adjudication import AddGoldSpan, gold_spans

    keep = CreateEntity("alice", "سامر الخطيب", "person", aliases=("الخطيب",), document_id="one",
                           span_id=w.actor1)
    keep.do(w.p)
    twin = CreateEntity("alice", "الوزير سامر الخطيب", "person", aliases=("وزير النقل",))
    twin.do(w.p)
    other = CreateEntity("alice", "NorthGate", "organisation")  # not merged: untouched
    other.do(w.p)
    # bob and the gold refer to the twin; alice's second document's actor too
    bob_actor = AddSpan("one", "bob", *at(ONE, "وزير النقل سامر الخطيب"), "ACTOR", {"entity": twin.entity_id})
    bob_actor.do(w.p)
    AttachEntity("two", "alice", w.actor2, twin.entity_id).do(w.p)
    team.add_annotator(w.p, "carol", "adjudicator")
    AddGoldSpan("one", "carol", *at(ONE, "وزير النقل سامر الخطيب"), "ACTOR", {"entity": twin.entity_id}).do(w.p)

    team.set_role(w.p, "alice", "adjudicator")  # bob's and gold's spans change too: not an annotator's to merge
    merge = MergeEntities("alice", keep.entity_id, (twin.entity_id,))
    changed = merge.do(w.p)
    assert [(c.document_id, c.span_ids) for c in changed] == [("two", (w.actor2,))]  # alice's own changed spans
    assert {e.id for e in entities(w.p)} == {keep.entity_id, other.entity_id}
    kept = entity(w.p, keep.entity_id)
    assert kept.aliases == ("الخطيب", "الوزير سامر الخطيب", "وزير النقل")
    mentions = entity_mentions(w.p, keep.entity_id)
    assert sorted((m.document_id, m.annotator) for m in mentions) == [
        ("one", "alice"), ("one", "bob"), ("one", "gold"), ("two", "alice")]
    assert gold_spans(w.p, "one", "carol")[0][0].attrs["entity"] == keep.entity_id
    assert w.log()[-1] == "entity.merge"

    merge.undo(w.p)
    assert entity(w.p, twin.entity_id).name == "الوزير سامر الخطيب"
    assert entity(w.p, keep.entity_id).aliases == ("الخطيب",)
    assert [m.span_id for m in entity_mentions(w.p, keep.entity_id)] == [w.actor1]
    assert len(entity_mentions(w.p, twin.entity_id)) == 3
    with pytest.raises(InvalidEdit, match="into itself"):
        MergeEntities("alice", keep.entity_id, (keep.entity_id,)).do(w.p)
    with pytest.raises(NotFound):
        MergeEntities("alice", keep.entity_id, ("e-none",)).do(w.p)
    assert len(entities(w.p)) == 3  # a refused merge changes nothing


def test_entity_completion_by_prefix_of_name_alias_or_word(w: World) -> None:
    for name, aliases in [("سامر الخطيب", ("وزير النقل",)), ("لبنى حداد", ()), ("NorthGate", ("نورث غيت",))]:
        CreateEntity("alice", name, "person", aliases).do(w.p)
    names = lambda prefix: [e.name for e in complete_entities(w.p, prefix)]  # noqa: E731
    assert names("سامر") == ["سامر الخطيب"]
    assert names("وزير") == ["سامر الخطيب"]  # alias
    assert names("الخط") == ["سامر الخطيب"]  # a word of the name
    assert names("لُبنى") == ["لبنى حداد"]  # harakat ignored
    assert names("north") == ["NorthGate"] and names("نورث") == ["NorthGate"]
    assert names("") == sorted(names(""))
    assert names("xyz") == []


def test_mentions_of_an_entity_are_proposed_on_word_boundaries(w: World) -> None:
    create = CreateEntity("alice", "سامر الخطيب", "person", ("الخطيب",))
    create.do(w.p)
    props = mention_proposals(w.p, "one", "alice", create.entity_id)
    # the tagged actor covers the first mention; the other two are proposed
    assert [(p.start, p.end, p.text) for p in props] == [
        (*at(ONE, "الخطيب", 2), "الخطيب"),
        (*at(ONE, "الخطيب", 3), "الخطيب"),
    ]
    in_two = mention_proposals_in(w.p, ["one", "two"], "alice", create.entity_id)
    assert [p.text for p in in_two["two"]] == ["الخطيب"]

    CreateEntity("alice", "حداد", "person").do(w.p)
    haddad = next(e for e in entities(w.p) if e.name == "حداد")
    assert [p.text for p in mention_proposals(w.p, "one", "alice", haddad.id)] == ["حداد"]
    # a name inside a longer word is not a mention, unless clitics are allowed
    CreateEntity("alice", "بنى", "person").do(w.p)
    bna = next(e for e in entities(w.p) if e.name == "بنى")
    assert mention_proposals(w.p, "one", "alice", bna.id) == []
    assert [p.text for p in mention_proposals(w.p, "one", "alice", bna.id, clitics=True)] == ["بنى"]

    add = AddMentions("one", "alice", [(p.start, p.end) for p in props], entity_id=create.entity_id)
    add.do(w.p)
    tagged = [s for s in w.p.spans("one", "alice") if s.attrs.get("entity") == create.entity_id]
    assert len(tagged) == 2 and all(s.label == "ACTOR" and s.attrs["type"] == "person" for s in tagged)
    assert mention_proposals(w.p, "one", "alice", create.entity_id) == []
    add.undo(w.p)
    assert len(mention_proposals(w.p, "one", "alice", create.entity_id)) == 2


# -- links ---------------------------------------------------------------------------------

def test_links_join_spans_of_two_documents_and_are_undoable(w: World, db_path: Path) -> None:
    link = AddLink("alice", "CONTRADICTS", "one", w.claim1, "two", w.claim2)
    changed = link.do(w.p)
    assert changed.other_documents == (("two", (w.claim2,)),) and changed.link_ids == (link.link_id,)
    AddLink("alice", "SAME_DATE", "one", w.when1, "two", w.date2).do(w.p)
    assert {lk.type for lk in links_of_documents(w.p, ["two"], "alice")} == {"CONTRADICTS", "SAME_DATE"}
    assert links_of_documents(w.p, ["two"], "bob") == []
    again = Project.open(db_path)
    assert len(links_of_documents(again, None, "alice")) == 2
    again.close()

    link.undo(w.p)
    assert [lk.type for lk in links_of_documents(w.p, ["one"], "alice")] == ["SAME_DATE"]
    delete = DeleteLink("alice", links_of_documents(w.p, None, "alice")[0].id)
    delete.do(w.p)
    assert links_of_documents(w.p, None, "alice") == []
    delete.undo(w.p)
    assert len(links_of_documents(w.p, None, "alice")) == 1
    assert w.log()[-5:] == ["link.add", "link.add", "undo.link.add", "link.delete", "undo.link.delete"]


@pytest.mark.parametrize(
    ("ltype", "src", "tgt", "message"),
    [
        ("SAME_CLAIM", ("one", "actor1"), ("two", "actor2"), "SAME_CLAIM links CLAIM spans, not ACTOR to ACTOR"),
        ("SAME_DATE", ("one", "claim1"), ("two", "date2"), "SAME_DATE links DATE spans, not CLAIM to DATE"),
        ("SAME_CLAIM", ("one", "claim1"), ("one", "claim1"), "two different documents"),
        ("ECHOES", ("one", "claim1"), ("two", "claim2"), "link type 'ECHOES' is not in the schema"),
    ],
)
def test_bad_links_are_refused(w: World, ltype: str, src: tuple[str, str], tgt: tuple[str, str], message: str) -> None:
    with pytest.raises(InvalidEdit, match=message):
        AddLink("alice", ltype, src[0], getattr(w, src[1]), tgt[0], getattr(w, tgt[1])).do(w.p)
    assert links_of_documents(w.p, None, "alice") == []


def test_a_link_is_not_made_twice_unless_it_is_directed(w: World) -> None:
    AddLink("alice", "SAME_CLAIM", "one", w.claim1, "two", w.claim2).do(w.p)
    with pytest.raises(InvalidEdit, match="already linked as SAME_CLAIM"):
        AddLink("alice", "SAME_CLAIM", "two", w.claim2, "one", w.claim1).do(w.p)
    AddLink("alice", "SUPPORTS", "one", w.claim1, "two", w.claim2).do(w.p)
    AddLink("alice", "SUPPORTS", "two", w.claim2, "one", w.claim1).do(w.p)  # the other direction
    with pytest.raises(InvalidEdit, match="already linked as SUPPORTS"):
        AddLink("alice", "SUPPORTS", "one", w.claim1, "two", w.claim2).do(w.p)


def test_only_the_annotator_who_made_a_link_deletes_it(w: World) -> None:
    add = AddLink("alice", "SAME_CLAIM", "one", w.claim1, "two", w.claim2)
    add.do(w.p)
    with pytest.raises(InvalidEdit, match="belongs to alice"):
        DeleteLink("bob", add.link_id).do(w.p)


# -- deleting a span with its relations and links --------------------------------------------

def test_deleting_a_span_takes_its_relations_and_links_and_undo_restores_all(w: World) -> None:
    rel = AddRelation("one", "alice", "SOURCE", w.claim1, w.actor1)
    rel.do(w.p)
    AddRelation("one", "alice", "TIME", w.claim1, w.when1).do(w.p)
    link = AddLink("alice", "CONTRADICTS", "one", w.claim1, "two", w.claim2)
    link.do(w.p)
    rels, links = dependents_of(w.p, "one", "alice", w.claim1)
    assert len(rels) == 2 and [lk.id for lk in links] == [link.link_id]
    assert dependents_of(w.p, "one", "alice", w.date1) == ([], [])

    delete = DeleteSpanWithDependents("one", "alice", w.claim1)
    changed = delete.do(w.p)
    assert delete.text == "Delete span with 3 relation(s) and link(s)"
    assert changed.other_documents == (("two", (w.claim2,)),) and len(changed.relation_ids) == 2
    assert w.claim1 not in {s.id for s in w.p.spans("one", "alice")}
    assert relations_of(w.p, "one", "alice") == [] and links_of_documents(w.p, None, "alice") == []

    delete.undo(w.p)
    assert w.claim1 in {s.id for s in w.p.spans("one", "alice")}
    assert {r.id for r in relations_of(w.p, "one", "alice")} == set(changed.relation_ids)
    assert [lk.id for lk in links_of_documents(w.p, None, "alice")] == [link.link_id]
    log = w.log()
    assert log[-8:] == ["relation.delete", "relation.delete", "link.delete", "span.delete", "undo.span.delete",
                        "undo.relation.delete", "undo.relation.delete", "undo.link.delete"]
    delete.do(w.p)  # redo
    assert relations_of(w.p, "one", "alice") == []


def test_relabelling_a_span_names_the_relations_and_links_it_would_break(w: World) -> None:
    AddRelation("one", "alice", "SOURCE", w.claim1, w.actor1).do(w.p)
    AddRelation("one", "alice", "TIME", w.claim1, w.when1).do(w.p)
    AddLink("alice", "SAME_DATE", "one", w.when1, "two", w.date2).do(w.p)
    rels, links = relabel_conflicts(w.p, "one", "alice", w.actor1, "DATE")
    assert [r.type for r in rels] == ["SOURCE"] and links == []
    rels, links = relabel_conflicts(w.p, "one", "alice", w.when1, "ACTOR")
    assert [r.type for r in rels] == ["TIME"] and [lk.type for lk in links] == ["SAME_DATE"]
    assert relabel_conflicts(w.p, "one", "alice", w.claim1, "CLAIM") == ([], [])


# -- the claim table ----------------------------------------------------------------------

def test_claim_table_gathers_source_time_target_and_linked_claims(w: World) -> None:
    AddRelation("one", "alice", "SOURCE", w.claim1, w.actor1).do(w.p)
    AddRelation("one", "alice", "TIME", w.claim1, w.when1).do(w.p)
    AddRelation("two", "alice", "SOURCE", w.claim2, w.actor2).do(w.p)
    AddRelation("two", "alice", "TIME", w.claim2, w.date2).do(w.p)
    SetAttributes("two", "alice", w.date2, {"value": "2028"}).do(w.p)
    SetAttributes("one", "alice", w.claim1, {"factuality": "predicted", "check_worthy": True}).do(w.p)
    ent = CreateEntity("alice", "سامر الخطيب", "person", document_id="one", span_id=w.actor1)
    ent.do(w.p)
    AddLink("alice", "CONTRADICTS", "one", w.claim1, "two", w.claim2).do(w.p)

    rows = claim_table(w.p)
    assert [(r.document_id, r.text) for r in rows] == [
        ("one", ONE[slice(*at(ONE, "معبر الوادي سيُفتح مطلع العام المقبل"))]),
        ("two", TWO[slice(*at(TWO, "يُفتح معبر الوادي قبل عام 2028"))]),
    ]
    one, two = rows
    assert one.factuality == "predicted" and one.check_worthy is True and one.published == "2026-09-25"
    assert [(s.text, s.entity_id, s.entity_name) for s in one.sources] == [("وزير النقل سامر الخطيب", ent.entity_id,
                                                                            "سامر الخطيب")]
    assert [(t.text, t.value, t.mod, t.proposed) for t in one.times] == [("مطلع العام المقبل", "2027", "START", True)]
    assert [(t.value, t.proposed) for t in two.times] == [("2028", False)]
    assert [(c.link_type, c.document_id, c.incoming) for c in one.linked] == [("CONTRADICTS", "two", False)]
    assert [(c.link_type, c.document_id, c.incoming) for c in two.linked] == [("CONTRADICTS", "one", True)]
    assert claim_table(w.p, "alice", ["two"])[0].linked[0].text == one.text
    assert claim_table(w.p, "bob") == []


def test_claim_table_needs_an_annotator_when_several_have_spans(w: World) -> None:
    w.tag("one", ONE, "الحكومة", "ACTOR", who="bob")
    with pytest.raises(Exception, match="several annotators"):
        claim_table(w.p)
    assert len(claim_table(w.p, "alice")) == 2
