"""The program's own features follow the schema's roles, not label names: a study that calls
its actors AGENT and its claims STATEMENT keeps entities, "tag other mentions", the claim
table and date proposals; a schema without an actor label says so instead of failing."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.schema import parse_schema
from annotator.core.text import text_sha256
from annotator.core.values import Document
from annotator.services import schema as schema_service
from annotator.services.claims import claim_table
from annotator.services.entities import AddMentions, CreateEntity, mention_proposals
from annotator.services.project import InvalidEdit, Project
from annotator.services.relations import AddRelation
from annotator.services.spans import AddSpan
from annotator.storage import documents as document_store

TEXT = "قال الوزير كمال ناصر الأحد إن الجسر سيُفتح، وأكد كمال ناصر ذلك لاحقاً."
STUDY = """[schema]
name = "study"

[[labels]]
name = "STATEMENT"
key = "1"
color = "#f2b134"
role = "claim"

[[labels]]
name = "AGENT"
key = "2"
color = "#4aa3df"
role = "actor"

  [[labels.attributes]]
  name = "entity"
  kind = "entity"

[[labels]]
name = "WHEN"
key = "3"
color = "#5cb85c"
role = "date"

  [[labels.attributes]]
  name = "value"
  kind = "text"

[[relations]]
name = "SOURCE"
key = "s"
color = "#8e44ad"
head = ["STATEMENT"]
tail = ["AGENT"]

[[relations]]
name = "TIME"
key = "t"
color = "#8e44ad"
head = ["STATEMENT"]
tail = ["WHEN"]
"""


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(needle, i + 1)
    return i, i + len(needle)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = Project.open(tmp_path / "p.sqlite")
    schema_service.set_schema(p, parse_schema(STUDY, "study.toml"))
    with p.database.unit_of_work() as s:
        document_store.add_document(s, Document("d", "t", TEXT, text_sha256(TEXT), "rtl",
                                                meta={"published": "2026-03-02"}))
    return p


def test_entities_and_the_claim_table_follow_the_renamed_labels(project: Project) -> None:
    AddSpan("d", "alice", *at("كمال ناصر"), "AGENT", span_id="a1").do(project)
    create = CreateEntity("alice", document_id="d", span_id="a1")
    create.do(project)
    [proposal] = mention_proposals(project, "d", "alice", create.entity_id)
    assert (proposal.start, proposal.end) == at("كمال ناصر", 1)
    AddMentions("d", "alice", [(proposal.start, proposal.end)], entity_id=create.entity_id).do(project)
    assert [(s.label, s.attrs.get("entity")) for s in project.spans("d", "alice")] == [
        ("AGENT", create.entity_id), ("AGENT", create.entity_id)]
    AddSpan("d", "alice", *at("الجسر سيُفتح"), "STATEMENT", span_id="c").do(project)
    AddSpan("d", "alice", *at("الأحد"), "WHEN", span_id="w").do(project)
    AddRelation("d", "alice", "SOURCE", "c", "a1").do(project)
    AddRelation("d", "alice", "TIME", "c", "w").do(project)
    [row] = claim_table(project, "alice")
    assert row.text == "الجسر سيُفتح" and [a.text for a in row.sources] == ["كمال ناصر"]
    [when] = row.times
    assert (when.text, when.value, when.proposed) == ("الأحد", "2026-03-01", True)  # the Sunday before


def test_a_schema_without_an_actor_label_says_so(project: Project) -> None:
    AddSpan("d", "alice", *at("كمال ناصر"), "AGENT", span_id="a1").do(project)
    create = CreateEntity("alice", document_id="d", span_id="a1")
    create.do(project)
    plain = STUDY.replace('role = "actor"\n', "")
    schema_service.set_schema(project, parse_schema(plain, "plain.toml"))
    with pytest.raises(InvalidEdit, match="this project's schema has no actor label"):
        mention_proposals(project, "d", "alice", create.entity_id)
    with pytest.raises(InvalidEdit, match="has no actor label"):
        AddMentions("d", "alice", [at("كمال ناصر", 1)], entity_id=create.entity_id).do(project)
