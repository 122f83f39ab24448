"""Spans: the reads the annotation window needs, and the commands with do/undo.

Each command step is one committed transaction. The GUI wraps these in one
QUndoCommand adapter; the CLI and tests call them directly. Undo is an action
too: it commits the reverse change, logged as such.

The reads let the window refresh narrowly: after a command reports which span
ids it changed, the window re-reads exactly those spans (:func:`find_span`), and
opening a large document reads its spans as plain rows (:func:`load_spans`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from annotator.core.values import Link, Relation, SetStatus, Span
from annotator.services.changes import RelationsLinksChanged, SetKey, open_set, span_payload
from annotator.services.links import insert_link, remove_link
from annotator.services.project import Changed, Project, new_span_id
from annotator.services.relations import insert_relation, remove_relation
from annotator.storage import changelog
from annotator.storage import links as link_store
from annotator.storage import relations as relation_store
from annotator.storage import spans as span_store
from annotator.storage.database import UnitOfWork


def find_span(project: Project, doc_id: str, annotator: str, span_id: str) -> Span | None:
    """The annotator's span *span_id* in the document as stored now, or None if it is gone."""
    with project.database.unit_of_work() as s:
        return span_store.find_span(s, doc_id, annotator, span_id)


def load_spans(project: Project, doc_id: str, annotator: str, start_from: int = 0,
               start_before: int | None = None) -> list[Span]:
    """The annotator's spans of the document that start in ``[start_from, start_before)``
    (all of them with the defaults), in reading order; see :func:`annotator.storage.spans.load_spans`."""
    with project.database.unit_of_work() as s:
        return span_store.load_spans(s, doc_id, annotator, start_from, start_before)


class Command(Protocol):
    """An undoable edit of one annotator's annotations of one document."""

    @property
    def text(self) -> str: ...
    def do(self, project: Project) -> Changed: ...
    def undo(self, project: Project) -> Changed: ...


@dataclass
class AddSpan:
    document_id: str
    annotator: str
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    span_id: str = field(default_factory=new_span_id)

    @property
    def text(self) -> str:
        return f"Tag {self.label}"

    def do(self, project: Project) -> Changed:
        span, status = project.add_span_stored(self.document_id, self.annotator, self.start, self.end, self.label,
                                               self.attrs, self.span_id)
        return Changed(self.document_id, self.annotator, (self.span_id,), spans={span.id: span}, status=status)

    def undo(self, project: Project) -> Changed:
        _span, status = project.delete_span_stored(self.document_id, self.annotator, self.span_id,
                                                   action="undo.span.add")
        return Changed(self.document_id, self.annotator, (self.span_id,), spans={self.span_id: None}, status=status)


@dataclass
class TagRanges:
    """Tag several ranges of one document with one label, as one step: search results, an
    entity's mentions.

    Only where the annotator has no span of that label yet: a range that overlaps one (or an
    earlier range of the same step) is left out, and ``skipped`` says how many were. ``do``
    decides that once; redo after undo tags exactly the same ranges with the same span ids.
    Every range is checked like a span typed in the window (``Project.validate_span``) before
    anything is written; then one transaction, one ``span.add`` log entry per span.
    """

    document_id: str
    annotator: str
    ranges: Sequence[tuple[int, int]]
    label: str
    span_ids: list[str] = field(default_factory=list)
    skipped: int = 0

    @property
    def text(self) -> str:
        return f"Tag {len(self.ranges)} × {self.label}"

    def attrs(self, project: Project, s: UnitOfWork, span: Span) -> dict[str, Any]:
        """The attributes a new span gets (none here; AddMentions attaches the entity)."""
        return {}

    def changed(self, spans: dict[str, Span | None]) -> Changed:
        """What the window refreshes (the status is re-read: a first edit makes it in progress)."""
        return RelationsLinksChanged(self.document_id, self.annotator, tuple(self.span_ids), spans=spans,
                                     status_changed=True)

    def _choose(self, project: Project) -> None:
        taken = [(sp.start, sp.end) for sp in project.spans(self.document_id, self.annotator)
                 if sp.label == self.label]
        kept: list[tuple[int, int]] = []
        for start, end in sorted(set(self.ranges)):
            if any(start < e and s < end for s, e in (*taken, *kept)):
                continue
            kept.append((start, end))
        self.skipped = len(self.ranges) - len(kept)
        self.ranges = kept
        self.span_ids = [new_span_id() for _ in kept]

    def do(self, project: Project) -> Changed:
        if not self.span_ids:
            self._choose(project)
        probes = [Span(sid, start, end, self.label, {}) for sid, (start, end) in zip(self.span_ids, self.ranges)]
        for probe in probes:
            project.validate_span(self.document_id, probe)
        stored: dict[str, Span | None] = {}
        if not probes:
            return self.changed(stored)
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            for probe in probes:
                span = Span(probe.id, probe.start, probe.end, self.label, self.attrs(project, s, probe))
                span_store.insert_span(s, set_key.id, span)
                changelog.log_change(s, action="span.add", annotator=set_key.annotator_id,
                                     document_id=self.document_id, set_id=set_key.id,
                                     payload={"span": span_payload(span)})
                stored[span.id] = span
        return self.changed(stored)

    def undo(self, project: Project) -> Changed:
        with project.database.unit_of_work() as s:
            delete_logged(s, open_set(s, self.document_id, self.annotator), self.document_id, self.span_ids,
                          "undo.span.add")
        return self.changed(dict.fromkeys(self.span_ids))


def delete_logged(s: UnitOfWork, set_key: SetKey, doc_id: str, span_ids: Sequence[str], action: str) -> None:
    """Delete spans of one set, one *action* log entry each (the undo of a step that added them)."""
    for sid in span_ids:
        span = span_store.delete_span(s, set_key.id, sid)
        changelog.log_change(s, action=action, annotator=set_key.annotator_id, document_id=doc_id,
                             set_id=set_key.id, payload={"span": span_payload(span)})


@dataclass
class DeleteSpan:
    """Delete a span together with its relations and links, as one undoable step.

    The database would drop a deleted span's relations and links by cascade; this
    command records them and its undo restores all of them.
    """

    document_id: str
    annotator: str
    span_id: str
    _inner: DeleteSpanWithDependents | None = None

    @property
    def text(self) -> str:
        return self._inner.text if self._inner is not None else "Delete span"

    def do(self, project: Project) -> Changed:
        if self._inner is None:
            self._inner = DeleteSpanWithDependents(self.document_id, self.annotator, self.span_id)
        return self._inner.do(project)

    def undo(self, project: Project) -> Changed:
        assert self._inner is not None, "undo before do"
        return self._inner.undo(project)


@dataclass
class UpdateSpan:
    """Relabel, move an edge, or change attributes of a span."""

    document_id: str
    annotator: str
    span_id: str
    start: int | None = None
    end: int | None = None
    label: str | None = None
    attrs: dict[str, Any] | None = None
    description: str = "Edit span"
    _before: Span | None = None

    @property
    def text(self) -> str:
        return self.description

    def do(self, project: Project) -> Changed:
        self._before, after, status = project.update_span_stored(
            self.document_id, self.annotator, self.span_id, start=self.start, end=self.end, label=self.label,
            attrs=self.attrs)
        return Changed(self.document_id, self.annotator, (self.span_id,), spans={after.id: after}, status=status)

    def undo(self, project: Project) -> Changed:
        b = self._before
        assert b is not None, "undo before do"
        _before, after, status = project.update_span_stored(
            self.document_id, self.annotator, self.span_id, start=b.start, end=b.end, label=b.label, attrs=b.attrs,
            action="undo.span.update")
        return Changed(self.document_id, self.annotator, (self.span_id,), spans={after.id: after}, status=status)


@dataclass
class SetDocumentStatus:
    document_id: str
    annotator: str
    status: SetStatus
    _previous: SetStatus | None = None

    @property
    def text(self) -> str:
        return f"Mark {self.status.value.replace('_', ' ')}"

    def do(self, project: Project) -> Changed:
        self._previous = project.set_status(self.document_id, self.annotator, self.status)
        return Changed(self.document_id, self.annotator, status_changed=True)

    def undo(self, project: Project) -> Changed:
        assert self._previous is not None, "undo before do"
        project.set_status(self.document_id, self.annotator, self._previous, action="undo.status")
        return Changed(self.document_id, self.annotator, status_changed=True)


# -- deleting a span with what depends on it -------------------------------------------------

@dataclass
class DeleteSpanWithDependents:
    """Delete a span with its relations and links, as one step; undo restores all of them.

    What :class:`DeleteSpan` runs (the database would otherwise drop a span's relations
    and links silently with it).
    """

    document_id: str
    annotator: str
    span_id: str
    _span: Span | None = None
    _relations: list[Relation] = field(default_factory=list)
    _links: list[Link] = field(default_factory=list)

    @property
    def text(self) -> str:
        extra = len(self._relations) + len(self._links)
        return "Delete span" + (f" with {extra} relation(s) and link(s)" if extra else "")

    def _changed(self) -> RelationsLinksChanged:
        spans = {self.span_id} | {r.head for r in self._relations} | {r.tail for r in self._relations}
        others: dict[str, set[str]] = {}
        for link in self._links:
            doc, span = link.other_end(self.document_id, self.span_id)
            others.setdefault(doc, set()).add(span)
        return RelationsLinksChanged(self.document_id, self.annotator, tuple(sorted(spans)),
                                relation_ids=tuple(r.id for r in self._relations),
                                link_ids=tuple(link.id for link in self._links),
                                other_documents=tuple((d, tuple(sorted(v))) for d, v in sorted(others.items())))

    def do(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            self._span = span_store.get_span(s, set_key.id, self.span_id)
            self._relations = relation_store.relations_touching(s, set_key.id, self.span_id)
            self._links = link_store.links_touching(s, relation_store.span_pk(s, set_key.id, self.span_id))
            for rel in self._relations:
                remove_relation(s, set_key, self.document_id, rel.id, "relation.delete")
            for link in self._links:
                remove_link(s, self.annotator, link.id, "link.delete")
            span_store.delete_span(s, set_key.id, self.span_id)
            changelog.log_change(s, action="span.delete", annotator=set_key.annotator_id, document_id=self.document_id,
                            set_id=set_key.id, payload={"span": span_payload(self._span),
                                                        "relations": [r.id for r in self._relations],
                                                        "links": [link.id for link in self._links]})
        return self._changed()

    def undo(self, project: Project) -> RelationsLinksChanged:
        span = self._span
        assert span is not None, "undo before do"
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            span_store.restore_span(s, set_key.id, span)
            changelog.log_change(s, action="undo.span.delete", annotator=set_key.annotator_id,
                            document_id=self.document_id, set_id=set_key.id, payload={"span": span_payload(span)})
            for rel in self._relations:
                insert_relation(project, s, set_key, self.document_id, rel, "undo.relation.delete")
            for link in self._links:
                insert_link(project, s, self.annotator, link, "undo.link.delete")
        return self._changed()
