"""The one way gold changes: a patch of whole items, applied in the caller's
transaction, undone by applying its inverse.

A :class:`GoldPatch` lists the gold items it touches as they were (``before``)
and as they will be (``after``), by uid: spans (with provenance), relations and
links. Applying it deletes what is only before, updates what is in both, inserts
what is only after. Undo applies the patch with before and after swapped, so a
re-inserted span keeps its uid and the relations and links that pointed to it are
re-inserted with it. Every span deletion carries the relations and links that
touch the span in ``before`` (the database would cascade them away), so undo
restores them too.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.core.adjudication import GoldLink, GoldRelation, GoldSpan
from annotator.core.errors import AnnotatorError
from annotator.storage import gold as gold_store
from annotator.storage.database import UnitOfWork


class GoldConflict(AnnotatorError):
    """A change that would put the same span, relation or link in gold twice."""


def new_gold_uid(prefix: str = "g") -> str:
    return prefix + uuid.uuid4().hex[:12]


@dataclass
class GoldState:
    """The gold of one document as stored now (empty if there is none yet)."""

    document_id: str
    set_id: int | None
    spans: dict[str, GoldSpan] = field(default_factory=dict)
    relations: dict[str, GoldRelation] = field(default_factory=dict)
    links: dict[str, GoldLink] = field(default_factory=dict)

    def spans_at(self, start: int, end: int) -> list[GoldSpan]:
        return [g for g in self.spans.values() if g.span.start == start and g.span.end == end]

    def touching(self, span_uids: set[str]) -> tuple[dict[str, GoldRelation], dict[str, GoldLink]]:
        """Relations and links with an end on one of these gold spans of this document."""
        rels = {u: r for u, r in self.relations.items() if r.head_uid in span_uids or r.tail_uid in span_uids}
        links = {u: lk for u, lk in self.links.items()
                 if (lk.source[0] == self.document_id and lk.source[1] in span_uids)
                 or (lk.target[0] == self.document_id and lk.target[1] in span_uids)}
        return rels, links


def load_gold(session: UnitOfWork, doc_id: str) -> GoldState:
    set_id = gold_store.gold_set_id(session, doc_id, create=False)
    if set_id is None:
        return GoldState(doc_id, None)
    spans = {span.id: GoldSpan(span, prov) for span, prov in gold_store.spans_with_provenance(session, set_id)}
    rels = {r.uid: r for r in gold_store.gold_relations(session, set_id)}
    links = {lk.uid: lk for lk in gold_store.gold_links(session, doc_id)}
    return GoldState(doc_id, set_id, spans, rels, links)


@dataclass
class GoldPatch:
    """Gold items before and after one decision, by uid (absent = does not exist)."""

    document_id: str
    spans_before: dict[str, GoldSpan] = field(default_factory=dict)
    spans_after: dict[str, GoldSpan] = field(default_factory=dict)
    relations_before: dict[str, GoldRelation] = field(default_factory=dict)
    relations_after: dict[str, GoldRelation] = field(default_factory=dict)
    links_before: dict[str, GoldLink] = field(default_factory=dict)
    links_after: dict[str, GoldLink] = field(default_factory=dict)

    def inverse(self) -> GoldPatch:
        return GoldPatch(self.document_id, self.spans_after, self.spans_before, self.relations_after,
                         self.relations_before, self.links_after, self.links_before)

    @property
    def is_empty(self) -> bool:
        return (self.spans_before == self.spans_after and self.relations_before == self.relations_after
                and self.links_before == self.links_after)

    def span_ids(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.spans_before) | set(self.spans_after)))

    def remove_span(self, state: GoldState, uid: str) -> None:
        """Plan the deletion of a gold span with the relations and links on it."""
        self.spans_before.setdefault(uid, state.spans[uid])
        self.spans_after.pop(uid, None)
        rels, links = state.touching({uid})
        for u, r in rels.items():
            self.relations_before.setdefault(u, r)
            self.relations_after.pop(u, None)
        for u, lk in links.items():
            self.links_before.setdefault(u, lk)
            self.links_after.pop(u, None)

    def put_span(self, state: GoldState, gold: GoldSpan) -> None:
        if gold.span.id in state.spans:
            self.spans_before.setdefault(gold.span.id, state.spans[gold.span.id])
        self.spans_after[gold.span.id] = gold

    def put_relation(self, state: GoldState, rel: GoldRelation) -> None:
        if rel.uid in state.relations:
            self.relations_before.setdefault(rel.uid, state.relations[rel.uid])
        self.relations_after[rel.uid] = rel

    def remove_relation(self, state: GoldState, uid: str) -> None:
        self.relations_before.setdefault(uid, state.relations[uid])
        self.relations_after.pop(uid, None)

    def put_link(self, state: GoldState, link: GoldLink) -> None:
        if link.uid in state.links:
            self.links_before.setdefault(link.uid, state.links[link.uid])
        self.links_after[link.uid] = link

    def remove_link(self, state: GoldState, uid: str) -> None:
        self.links_before.setdefault(uid, state.links[uid])
        self.links_after.pop(uid, None)

    def payload(self) -> dict[str, Any]:
        """What the change log keeps: every touched item before and after."""
        def span_json(g: GoldSpan) -> dict[str, Any]:
            s = g.span
            return {"id": s.id, "start": s.start, "end": s.end, "label": s.label, "attrs": s.attrs,
                    **({"comment": s.comment} if s.comment else {}), **({"unsure": True} if s.unsure else {}),
                    "provenance": g.provenance}

        def rel_json(r: GoldRelation) -> dict[str, Any]:
            return {"id": r.uid, "type": r.type, "head": r.head_uid, "tail": r.tail_uid, "attrs": r.attrs,
                    "provenance": r.provenance}

        def link_json(lk: GoldLink) -> dict[str, Any]:
            return {"id": lk.uid, "type": lk.type, "source": list(lk.source), "target": list(lk.target),
                    "provenance": lk.provenance}

        return {
            "before": {"spans": [span_json(g) for g in self.spans_before.values()],
                       "relations": [rel_json(r) for r in self.relations_before.values()],
                       "links": [link_json(lk) for lk in self.links_before.values()]},
            "after": {"spans": [span_json(g) for g in self.spans_after.values()],
                      "relations": [rel_json(r) for r in self.relations_after.values()],
                      "links": [link_json(lk) for lk in self.links_after.values()]},
        }


def _twice(now: dict[str, Any], before: dict[str, Any], after: dict[str, Any], key: Any) -> Any:
    """A key that two items would share once *after* replaces *before* in *now* (None if none)."""
    if not after:
        return None  # deleting never makes a duplicate
    keys = Counter(key(item) for item in after.values())
    twice = [k for k, n in keys.items() if n > 1]
    if twice:
        return min(twice)
    for uid, item in now.items():
        if uid not in before and uid not in after and key(item) in keys:
            return key(item)
    return None


def check_no_duplicates(state: GoldState, patch: GoldPatch) -> None:
    """Refuse *patch* if gold would then hold one span (range and label), relation
    (type and ends) or link (type and ends) twice; the database refuses it too."""
    twice = _twice(state.spans, patch.spans_before, patch.spans_after,
                   lambda g: (g.span.start, g.span.end, g.span.label))
    if twice:
        start, end, label = twice
        raise GoldConflict(f"gold already has {label} at [{start}, {end}) in document {state.document_id!r}: "
                           "a span is in gold once; nothing was changed")
    twice = _twice(state.relations, patch.relations_before, patch.relations_after,
                   lambda r: (r.type, r.head_uid, r.tail_uid))
    if twice:
        rtype, head, tail = twice
        raise GoldConflict(f"gold already has the {rtype} relation from span {head} to span {tail} in document "
                           f"{state.document_id!r}; nothing was changed")
    twice = _twice(state.links, patch.links_before, patch.links_after, lambda lk: (lk.type, lk.source, lk.target))
    if twice:
        ltype, source, target = twice
        raise GoldConflict(f"gold already has the {ltype} link from {source[0]}:{source[1]} to "
                           f"{target[0]}:{target[1]}; nothing was changed")


def apply_patch(session: UnitOfWork, patch: GoldPatch) -> int:
    """Apply *patch* to the stored gold (creating the gold set if needed); returns the set id."""
    return gold_store.apply_gold_change(session, patch.document_id, (patch.spans_before, patch.spans_after),
                                        (patch.relations_before, patch.relations_after),
                                        (patch.links_before, patch.links_after))
