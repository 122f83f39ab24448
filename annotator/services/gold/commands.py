"""Gold commands: the base every change to gold goes through, provenance, and
hand edits of gold (add, move, relabel, delete spans; add and delete relations
and links). Decisions between annotators' versions are in
:mod:`annotator.services.adjudication`, which re-exports these.

Each command's ``do`` and ``undo`` is one transaction, applied as a
:class:`~annotator.services.gold.patch.GoldPatch` and logged under the adjudicator.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from annotator.core.adjudication import GoldLink, GoldRelation, GoldSpan, SpanKey, gc_paused
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.values import Link, Relation, Role, Span
from annotator.services.changes import check_attrs, merged, read_span
from annotator.services.gold.patch import (
    GoldConflict,
    GoldPatch,
    GoldState,
    apply_patch,
    check_no_duplicates,
    load_gold,
    new_gold_uid,
)
from annotator.services.links import check_link
from annotator.services.project import Changed, Project
from annotator.services.relations import check_relation
from annotator.services.team import RESERVED_NAMES, NotAllowed
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import gold as gold_store
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork
from annotator.storage.gold import proposers
from annotator.storage.kinds import GOLD_OWNER
from annotator.storage.team import AnnotatorRef

ADJUDICATING_ROLES = frozenset({Role.ADJUDICATOR, Role.MANAGER})


def require_adjudicator(s: UnitOfWork, name: str) -> AnnotatorRef:
    if name in RESERVED_NAMES:
        raise NotAllowed(f"{name!r} is reserved: name the adjudicator who decides")
    who = team_store.require_annotator(s, name)
    if who.role not in ADJUDICATING_ROLES:
        raise NotAllowed(f"{name} is an annotator: only adjudicators and managers may see everyone's work "
                         f"and build gold (change the role with: annotator annotators role {name} adjudicator)")
    return who


# -- provenance ------------------------------------------------------------------------------

def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def provenance(method: str, by: str, at: str, proposed_by: Sequence[str], *, source: str | None = None,
                threshold: str | None = None, previous: dict[str, Any] | None = None,
                attrs: dict[str, Any] | None = None) -> dict[str, Any]:
    prov: dict[str, Any] = {"method": method, "proposed_by": sorted(proposed_by), "by": by, "at": at}
    if source is not None:
        prov["source"] = source
    if threshold is not None:
        prov["threshold"] = threshold
    if attrs:
        prov["attrs"] = attrs
    if previous:
        history = list(previous.get("history", []))
        history.append({k: v for k, v in previous.items() if k != "history"})
        prov["history"] = history
    return prov


def attr_provenance(span: Span, holders: Mapping[str, Sequence[Span]], method: str, by: str, at: str,
                     keep: dict[str, Any] | None = None) -> dict[str, Any]:
    """Per attribute of *span*: who gave this value (among *holders*' spans of the same key)."""
    if not span.attrs:
        return {}
    out: dict[str, Any] = dict(keep or {})
    for name, value in span.attrs.items():
        who = sorted(n for n, items in holders.items() if any(s.attrs.get(name, MISSING_VALUE) == value for s in items))
        out[name] = {"method": method, "proposed_by": who, "by": by, "at": at}
    for name in list(out):
        if name not in span.attrs:
            del out[name]
    return out


MISSING_VALUE = object()


def span_key(s: Span) -> SpanKey:
    return (s.start, s.end, s.label)


# -- commands ------------------------------------------------------------------------------------

@dataclass
class GoldCommand:
    """Base of gold commands: plan a patch in the transaction, apply it, log it; undo applies the inverse."""

    action = "gold.edit"
    document_id: str
    adjudicator: str
    _patch: GoldPatch | None = field(default=None, init=False, repr=False)

    @property
    def text(self) -> str:
        return "Edit gold"

    @property
    def patch(self) -> GoldPatch | None:
        """What the last ``do`` changed (None before it ran)."""
        return self._patch

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        raise NotImplementedError

    def _log_extra(self) -> dict[str, Any]:
        return {}

    def do(self, project: Project) -> Changed:
        with _refused_twice(self.document_id), gc_paused(), project.database.unit_of_work() as s:
            gold_store.lock_gold(s)  # before reading the gold this change is planned against
            adj = require_adjudicator(s, self.adjudicator)
            document_store.get_document(s, self.document_id)
            state = load_gold(s, self.document_id)
            patch = self._plan(s, project, state, adj.name)
            check_no_duplicates(state, patch)
            set_id = apply_patch(s, patch)
            changelog.log_change(s, action=self.action, annotator=adj.id, document_id=self.document_id, set_id=set_id,
                            payload={**self._log_extra(), **patch.payload()})
        self._patch = patch
        return Changed(self.document_id, GOLD_OWNER, patch.span_ids())

    def undo(self, project: Project) -> Changed:
        patch = self._patch
        assert patch is not None, "undo before do"
        with _refused_twice(self.document_id), gc_paused(), project.database.unit_of_work() as s:
            gold_store.lock_gold(s)
            adj = require_adjudicator(s, self.adjudicator)
            set_id = apply_patch(s, patch.inverse())
            changelog.log_change(s, action="undo." + self.action, annotator=adj.id, document_id=self.document_id,
                            set_id=set_id, payload={**self._log_extra(), **patch.inverse().payload()})
        return Changed(self.document_id, GOLD_OWNER, patch.span_ids())


@contextmanager
def _refused_twice(doc_id: str) -> Iterator[None]:
    """The database's unique keys on gold, as a message (a change another adjudicator
    made since, which an undo would now duplicate)."""
    with gold_store.duplicates_refused(lambda: GoldConflict(
            f"gold of document {doc_id!r} already holds this span, relation or link (another "
            "change got there first); nothing was changed")):
        yield


@dataclass
class AddGoldSpan(GoldCommand):
    """Add a span to gold by hand."""

    action = "gold.span.add"
    start: int
    end: int
    label: str
    attrs: dict[str, Any] = field(default_factory=dict)
    span_id: str = field(default_factory=new_gold_uid)

    @property
    def text(self) -> str:
        return f"Add {self.label} to gold"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        span = Span(self.span_id, self.start, self.end, self.label, dict(self.attrs))
        project.validate_span(self.document_id, span)
        check_attrs(project, s, span.label, span.attrs)
        at = now_iso()
        made_by = proposers(s, self.document_id, self.start, self.end, self.label)
        prov = provenance("edited", by, at, made_by,
                          attrs={n: {"method": "edited", "proposed_by": [], "by": by, "at": at} for n in self.attrs})
        patch = GoldPatch(self.document_id)
        patch.put_span(state, GoldSpan(span, prov))
        return patch


@dataclass
class UpdateGoldSpan(GoldCommand):
    """Move an edge, relabel, or change attributes of a gold span by hand."""

    action = "gold.span.update"
    span_id: str
    start: int | None = None
    end: int | None = None
    label: str | None = None
    attrs: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return "Edit gold span"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        g = state.spans.get(self.span_id)
        if g is None:
            raise NotFound(f"no gold span {self.span_id!r} in document {self.document_id!r}")
        b = g.span
        after = Span(b.id, b.start if self.start is None else self.start, b.end if self.end is None else self.end,
                     b.label if self.label is None else self.label, dict(b.attrs if self.attrs is None else self.attrs),
                     b.comment, b.unsure)
        project.validate_span(self.document_id, after)
        if self.attrs is not None or after.label != b.label:
            check_attrs(project, s, after.label, after.attrs)
        at = now_iso()
        attr_prov = {n: v for n, v in g.provenance.get("attrs", {}).items()
                     if n in after.attrs and after.attrs[n] == b.attrs.get(n, MISSING_VALUE)}
        for n in after.attrs:
            if n not in attr_prov:
                attr_prov[n] = {"method": "edited", "proposed_by": [], "by": by, "at": at}
        if span_key(after) == span_key(b):
            prov = {**g.provenance, "attrs": attr_prov} if after.attrs != b.attrs else dict(g.provenance)
            if after.attrs != b.attrs:
                prov["edited_by"], prov["edited_at"] = by, at
        else:
            prov = provenance("edited", by, at, proposers(s, self.document_id, after.start, after.end, after.label),
                               previous=g.provenance, attrs=attr_prov)
        patch = GoldPatch(self.document_id)
        patch.put_span(state, GoldSpan(after, prov))
        return patch


@dataclass
class SetGoldAttributes(UpdateGoldSpan):
    """Set (value) or remove (None) some attributes of a gold span by hand, keeping the others
    (the span inspector of the adjudication view: a date's value, an actor's entity)."""

    action = "gold.span.attrs"
    changes: dict[str, Any] = field(default_factory=dict)
    description: str = ""

    @property
    def text(self) -> str:
        return self.description or "Set gold attributes"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        g = state.spans.get(self.span_id)
        if g is None:
            raise NotFound(f"no gold span {self.span_id!r} in document {self.document_id!r}")
        self.attrs = merged(g.span.attrs, self.changes)
        return super()._plan(s, project, state, by)


@dataclass
class DeleteGoldSpan(GoldCommand):
    """Remove a span from gold (with the gold relations and links on it)."""

    action = "gold.span.delete"
    span_id: str

    @property
    def text(self) -> str:
        return "Delete gold span"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        if self.span_id not in state.spans:
            raise NotFound(f"no gold span {self.span_id!r} in document {self.document_id!r}")
        patch = GoldPatch(self.document_id)
        patch.remove_span(state, self.span_id)
        return patch


@dataclass
class AddGoldRelation(GoldCommand):
    """Add a relation between two gold spans by hand."""

    action = "gold.relation.add"
    type: str
    head: str  # gold span uid
    tail: str
    attrs: dict[str, Any] = field(default_factory=dict)
    relation_id: str = field(default_factory=lambda: new_gold_uid("gr"))

    @property
    def text(self) -> str:
        return f"Add {self.type} to gold"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        for uid in (self.head, self.tail):
            if uid not in state.spans:
                raise NotFound(f"no gold span {uid!r} in document {self.document_id!r}")
        if not self.type:
            raise AnnotatorError("a relation needs a type")
        assert state.set_id is not None  # the spans exist, so the gold set does
        check_relation(project, s, state.set_id, Relation(self.relation_id, self.type, self.head, self.tail))
        h, t = state.spans[self.head].span, state.spans[self.tail].span
        made_by = sorted({n for (n, _k), rels in team_store.relations_by_set(s, self.document_id).items()
                            for r in rels if r.key == (self.type, (h.start, h.end), (t.start, t.end))})
        prov = provenance("edited", by, now_iso(), made_by)
        patch = GoldPatch(self.document_id)
        patch.put_relation(state, GoldRelation(self.relation_id, self.type, self.head, self.tail, dict(self.attrs),
                                                  prov))
        return patch


@dataclass
class DeleteGoldRelation(GoldCommand):
    action = "gold.relation.delete"
    relation_id: str

    @property
    def text(self) -> str:
        return "Delete gold relation"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        if self.relation_id not in state.relations:
            raise NotFound(f"no gold relation {self.relation_id!r} in document {self.document_id!r}")
        patch = GoldPatch(self.document_id)
        patch.remove_relation(state, self.relation_id)
        return patch


@dataclass
class AddGoldLink(GoldCommand):
    """Link a gold span of this document with a gold span of another document, by hand.

    *outgoing*: this document's span is the link's source (else its target).
    """

    action = "gold.link.add"
    type: str
    span: str  # gold span uid in this document
    other_document: str
    other_span: str  # gold span uid in the other document
    outgoing: bool = True
    link_id: str = field(default_factory=lambda: new_gold_uid("gl"))

    @property
    def text(self) -> str:
        return f"Add {self.type} link to gold"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        if self.span not in state.spans or state.set_id is None:
            raise NotFound(f"no gold span {self.span!r} in document {self.document_id!r}")
        document_store.get_document(s, self.other_document)
        other_set = gold_store.gold_set_id(s, self.other_document, create=False)
        if other_set is None:
            raise AnnotatorError(f"document {self.other_document!r} has no gold yet: adjudicate it first")
        here, there = (self.document_id, self.span), (self.other_document, self.other_span)
        (src, src_set), (tgt, tgt_set) = ((here, state.set_id), (there, other_set)) if self.outgoing else \
            ((there, other_set), (here, state.set_id))
        link = Link(self.link_id, self.type, src[0], src[1], tgt[0], tgt[1])
        check_link(project, s, link, src_set, tgt_set)
        a, b = read_span(s, src_set, src[1]), read_span(s, tgt_set, tgt[1])
        ends = ((src[0], a.start, a.end), (tgt[0], b.start, b.end))
        directed = project.schema.link_type(self.type).directed
        made_by = sorted({n for (n, _k), items in team_store.links_touching(s, [self.document_id]).items()
                          for lk in items if lk.type == self.type
                          and ((lk.source, lk.target) == ends or (not directed and (lk.target, lk.source) == ends))})
        patch = GoldPatch(self.document_id)
        patch.put_link(state, GoldLink(self.link_id, self.type, src, tgt, provenance("edited", by, now_iso(),
                                                                                         made_by)))
        return patch


@dataclass
class DeleteGoldLink(GoldCommand):
    action = "gold.link.delete"
    link_id: str

    @property
    def text(self) -> str:
        return "Delete gold link"

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        if self.link_id not in state.links:
            raise NotFound(f"no gold link {self.link_id!r} touching document {self.document_id!r}")
        patch = GoldPatch(self.document_id)
        patch.remove_link(state, self.link_id)
        return patch
