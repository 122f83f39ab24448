"""Tagging several places of a document in one step (search results, an entity's mentions)."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.search import find
from annotator.core.text import text_sha256
from annotator.core.values import Document, SetStatus
from annotator.services.project import InvalidEdit, Project
from annotator.services.spans import AddSpan, TagRanges
from annotator.storage import changelog
from annotator.storage import documents as document_store

# invented: a ministry statement quoted three times, once with harakat
TEXT = "قالت الوزارة إن الاتفاق نهائي. وأكدت الوِزارة أن الموعد ثابت، ونفت الوزارة أي تأجيل."


@pytest.fixture
def world(project: Project) -> Project:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("d", "d", TEXT, text_sha256(TEXT), "rtl"))
    return project


def hits(query: str) -> list[tuple[int, int]]:
    return [(h.start, h.end) for h in find(TEXT, query)]


def test_every_hit_becomes_a_span_in_one_logged_step(world: Project) -> None:
    places = hits("الوزارة")
    assert len(places) == 3 and TEXT[places[1][0]:places[1][1]] == "الوِزارة"
    command = TagRanges("d", "alice", places, "ACTOR")
    changed = command.do(world)
    spans = world.spans("d", "alice")
    assert sorted((s.start, s.end, s.label) for s in spans) == [(a, b, "ACTOR") for a, b in places]
    assert set(changed.span_ids) == {s.id for s in spans} and command.skipped == 0
    assert world.status("d", "alice") is SetStatus.IN_PROGRESS
    with world.database.unit_of_work() as s:
        actions = [c["action"] for c in changelog.changes(s, "d")]
    assert actions.count("span.add") == 3


def test_places_already_tagged_with_that_label_are_left_out(world: Project) -> None:
    first, second, third = hits("الوزارة")
    AddSpan("d", "alice", *first, "ACTOR").do(world)
    AddSpan("d", "alice", second[0], second[1], "CLAIM").do(world)  # another label: no obstacle
    AddSpan("d", "bob", *third, "ACTOR").do(world)                 # another annotator: no obstacle
    command = TagRanges("d", "alice", [first, second, third, third], "ACTOR")
    command.do(world)
    assert command.skipped == 2  # the tagged one and the repeated one
    actors = sorted((s.start, s.end) for s in world.spans("d", "alice") if s.label == "ACTOR")
    assert actors == [first, second, third]


def test_undo_removes_them_and_redo_brings_back_the_same_spans(world: Project) -> None:
    command = TagRanges("d", "alice", hits("الوزارة"), "ACTOR")
    command.do(world)
    ids = sorted(command.span_ids)
    command.undo(world)
    assert world.spans("d", "alice") == []
    command.do(world)
    assert sorted(s.id for s in world.spans("d", "alice")) == ids


def test_a_range_inside_a_cluster_is_refused_and_nothing_is_written(world: Project, db_path: Path,
                                                                     snapshot) -> None:  # type: ignore[no-untyped-def]
    first = hits("الوزارة")[0]
    inside = TEXT.index("ِ")  # the kasra of الوِزارة: between its letter and its mark
    before = snapshot(db_path)
    with pytest.raises(InvalidEdit):
        TagRanges("d", "alice", [first, (inside - 3, inside)], "ACTOR").do(world)
    assert snapshot(db_path) == before
