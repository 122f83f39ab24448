"""Storage hands services an annotation set as a frozen value, never as an ORM row:
a service cannot change a set by assigning to what it read; a change goes through
a storage function (``annotation_sets.set_status``), which logs it."""

from __future__ import annotations

import dataclasses

import pytest

from annotator.core.text import text_sha256
from annotator.core.values import Document, SetStatus, Span
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import kinds as set_kinds
from annotator.storage import spans as span_store
from tests.conftest import ARABIC


def test_sets_come_out_as_frozen_refs_and_change_only_through_storage(project: Project) -> None:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "t", ARABIC, text_sha256(ARABIC), "rtl", {}, None, None))
        s.flush()
        made = set_store.get_or_create_set(s, "d1", "alice")
    assert isinstance(made, set_store.AnnotationSetRef)
    assert (made.document_id, made.annotator, made.kind, made.status) == ("d1", "alice", set_kinds.ANNOTATION,
                                                                          SetStatus.NEW)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.status = SetStatus.DONE  # type: ignore[misc]

    with project.database.unit_of_work() as s:
        found = set_store.find_set(s, "d1", "alice")
        assert found == made
        assert set_store.set_status(s, found, SetStatus.DONE) is SetStatus.NEW
    assert project.status("d1", "alice") is SetStatus.DONE
    with project.database.unit_of_work() as s:
        assert set_store.find_set(s, "d1", "bob") is None
        assert set_store.find_set(s, "d1", "alice").status is SetStatus.DONE  # type: ignore[union-attr]
        assert [c["action"] for c in changelog.changes(s, "d1")] == ["status"]


def test_span_updates_and_deletes_are_storage_functions(project: Project) -> None:
    with project.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "t", ARABIC, text_sha256(ARABIC), "rtl", {}, None, None))
        s.flush()
        set_id = set_store.get_or_create_set(s, "d1", "alice").id
        span_store.insert_span(s, set_id, Span("a", 0, 4, "ACTOR", {"k": "v"}))
    with project.database.unit_of_work() as s:
        span_store.update_span(s, set_id, Span("a", 5, 9, "CLAIM", {}))
    with project.database.unit_of_work() as s:
        assert span_store.get_span(s, set_id, "a") == Span("a", 5, 9, "CLAIM", {})
        assert span_store.delete_span(s, set_id, "a") == Span("a", 5, 9, "CLAIM", {})
    assert project.spans("d1", "alice") == []
