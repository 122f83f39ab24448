"""Adjudication into gold, with provenance; and how gold differs from an annotator.

Gold is an annotation set of kind ``gold`` owned by the reserved annotator
``gold`` (one gold per document, whoever adjudicates; the adjudicator's name is
in each item's provenance and in the change log). Only adjudicators and managers
may read every annotator's version (:func:`adjudication_state`) or change gold.

Every change to gold is a command with ``do`` and ``undo`` (one transaction each,
logged under the adjudicator): :class:`AcceptVersion` (one annotator's version of
a disagreement), :class:`AcceptAgreed` (everything enough annotators agree on, in
one action), and hand edits (:class:`AddGoldSpan`, :class:`UpdateGoldSpan`,
:class:`DeleteGoldSpan`, :class:`AddGoldRelation`, :class:`DeleteGoldRelation`,
:class:`AddGoldLink`, :class:`DeleteGoldLink`).

Provenance (JSON column ``provenance`` of gold spans, relations and links)::

    {"method": "accepted" | "agreed" | "edited",
     "proposed_by": ["alice", "bob"],   # annotators who made this exact item
     "source": "alice",                 # whose version was accepted (accepted only)
     "threshold": "majority",           # agreed only
     "by": "carol", "at": "2026-11-23T10:01:02+00:00",
     "attrs": {"value": {"proposed_by": [...], "method": ..., "by": ..., "at": ...}},
     "history": [<earlier provenance of this item, oldest first>]}
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.core import adjudication as core
from annotator.core.adjudication import (
    AnnotationVersion,
    Decision,
    Disagreement,
    DocumentDiff,
    GoldIndex,
    GoldLink,
    GoldRelation,
    GoldSpan,
    Kind,
    Progress,
    SpanKey,
    Threshold,
    gc_paused,
)
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.values import Document, SetStatus, Span
from annotator.services.gold.commands import (
    ADJUDICATING_ROLES,
    AddGoldLink,
    AddGoldRelation,
    AddGoldSpan,
    DeleteGoldLink,
    DeleteGoldRelation,
    DeleteGoldSpan,
    GoldCommand,
    SetGoldAttributes,
    UpdateGoldSpan,
    attr_provenance,
    now_iso,
    provenance,
    require_adjudicator,
    span_key,
)
from annotator.services.gold.patch import GoldPatch, GoldState, load_gold, new_gold_uid
from annotator.services.project import Project
from annotator.services.team import RESERVED_NAMES, NotAllowed, _can_see
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import gold as gold_store
from annotator.storage import kinds as set_kinds
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork
from annotator.storage.gold import annotator_span_at, proposers
from annotator.storage.kinds import GOLD_OWNER

# -- reading ---------------------------------------------------------------------------------

@dataclass
class AdjudicationState:
    """What the adjudication view shows for one document: each annotator's version,
    the gold being built, and the disagreements between the annotators."""

    document: Document
    annotators: tuple[str, ...]
    status: dict[str, SetStatus]
    versions: dict[str, AnnotationVersion]
    gold: AnnotationVersion
    gold_provenance: Mapping[str, dict[str, Any]]  # gold span / relation / link uid -> provenance
    diff: DocumentDiff
    #: disagreement key -> the accepts standing on it, (adjudicator, whose version) (see :func:`accepted_versions`)
    accepted: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    _index: GoldIndex | None = field(default=None, repr=False)

    @property
    def disagreements(self) -> list[Disagreement]:
        return self.diff.disagreements

    @property
    def gold_index(self) -> GoldIndex:
        if self._index is None:
            self._index = GoldIndex(self.gold.spans, self.gold.relations, self.gold.links)
        return self._index

    def gold_version(self, d: Disagreement) -> AnnotationVersion:
        """The gold items a decision on *d* replaces (what the gold pane shows for it)."""
        return self.gold_index.version_of(d, self.diff)

    def gold_matches(self, d: Disagreement) -> tuple[str, ...]:
        """Annotators whose version of *d* the gold now equals (empty: gold differs from all)."""
        return self.gold_index.matches(d, self.diff)

    def provenance_of(self, uid: str) -> Mapping[str, Any] | None:
        try:
            return self.gold_provenance.get(uid)
        except (KeyError, ValueError):
            return None

    def decision(self, d: Disagreement) -> Decision:
        """Whether *d* is decided, and how (accepted k's version, kept nothing, edited, agreed)."""
        return self.gold_index.decision(d, self.diff, self.accepted, self.provenance_of)

    def progress(self) -> Progress:
        """Disagreements, decided, left (the same figures as the window's list)."""
        return self.gold_index.progress(self.disagreements, self.diff, self.accepted, self.provenance_of)[0]


def _annotators_of(
    s: UnitOfWork, doc_id: str, annotators: Sequence[str] | None
) -> tuple[list[str], dict[str, SetStatus]]:
    infos = team_store.set_infos(s, [doc_id], annotators)
    chosen = [i for i in infos if i.annotator not in RESERVED_NAMES
              and (annotators is not None or i.spans > 0 or i.status == SetStatus.DONE.value)]
    if annotators is not None:
        found = {i.annotator for i in chosen}
        for name in annotators:
            team_store.require_annotator(s, name)
        names = [n for n in annotators if n in found] + [n for n in annotators if n not in found]
    else:
        names = [i.annotator for i in chosen]
    status = {i.annotator: SetStatus(i.status) for i in chosen}
    return names, {n: status.get(n, SetStatus.NEW) for n in names}


def _load_versions(s: UnitOfWork, doc_id: str, names: Sequence[str]) -> dict[str, AnnotationVersion]:
    spans = team_store.spans_by_set(s, doc_id, names) if names else {}
    rels = team_store.relations_by_set(s, doc_id, names) if names else {}
    links = team_store.links_touching(s, [doc_id], names) if names else {}
    return {n: AnnotationVersion(spans.get((n, set_kinds.ANNOTATION), []), rels.get((n, set_kinds.ANNOTATION), []),
                                 links.get((n, set_kinds.ANNOTATION), [])) for n in names}


def _load_gold_version(s: UnitOfWork, doc_id: str) -> tuple[AnnotationVersion, Mapping[str, dict[str, Any]]]:
    """Gold spans (as columns), relations and links of a document, and their provenance (decoded when asked)."""
    set_id = gold_store.gold_set_id(s, doc_id, create=False)
    if set_id is None:
        return AnnotationVersion(), {}
    spans: Sequence[Span] = team_store.spans_by_set(s, doc_id, [GOLD_OWNER], kinds=(set_kinds.GOLD,)).get(
        (GOLD_OWNER, set_kinds.GOLD), []
    )
    rels = team_store.relations_by_set(s, doc_id, [GOLD_OWNER], kinds=(set_kinds.GOLD,)).get(
        (GOLD_OWNER, set_kinds.GOLD), []
    )
    links = team_store.links_touching(s, [doc_id], kinds=(set_kinds.GOLD,)).get((GOLD_OWNER, set_kinds.GOLD), [])
    texts = gold_store.provenance_texts(s, set_id)
    texts.update({r.uid: json.dumps(r.provenance) for r in gold_store.gold_relations(s, set_id)})
    texts.update({lk.uid: json.dumps(lk.provenance) for lk in gold_store.gold_links(s, doc_id)})
    return AnnotationVersion(spans, rels, links), gold_store.JsonTexts(texts)


def adjudication_state(project: Project, doc_id: str, viewer: str,
                       annotators: Sequence[str] | None = None) -> AdjudicationState:
    """Load everything the adjudication view needs for one document, and diff it.

    *annotators* defaults to everyone with work on the document (spans, or marked
    done). Only adjudicators and managers may call this.
    """
    with gc_paused(), project.database.unit_of_work() as s:
        require_adjudicator(s, viewer)
        document = document_store.get_document(s, doc_id)
        names, status = _annotators_of(s, doc_id, annotators)
        versions = _load_versions(s, doc_id, names)
        gold, prov = _load_gold_version(s, doc_id)
        accepted = accepted_versions(s, doc_id)
    return AdjudicationState(document, tuple(names), status, versions, gold, prov, core.diff(versions), accepted)


def accepted_versions(s: UnitOfWork, doc_id: str) -> dict[str, list[tuple[str, str]]]:
    """The accepts of one annotator's version still standing on each disagreement of a document.

    Every :class:`AcceptVersion` is logged (action ``gold.accept``, the disagreement's
    key and whose version) and so is its undo (``undo.gold.accept``): replaying the log
    tells a decision to keep nothing (accepting a version that has nothing there leaves
    gold unchanged) from a disagreement nobody decided yet, after reopening too.
    """
    log = changelog.logged_actions(s, doc_id, (AcceptVersion.action, "undo." + AcceptVersion.action))
    return core.accepted_keys((str(p.get("disagreement", "")), who or "", str(p.get("source", "")),
                               action.startswith("undo.")) for action, who, p in log if p.get("disagreement"))


# -- commands ----------------------------------------------------------------------------------

def _known_keys(s: UnitOfWork, doc_id: str) -> Callable[[SpanKey], bool]:
    keys = {(a, b, lab) for cols in team_store.spans_by_set(s, doc_id).values()
            for a, b, lab in zip(cols.starts, cols.ends, cols.labels)}
    return keys.__contains__


@dataclass
class AcceptVersion(GoldCommand):
    """Make gold equal *annotator*'s version of one disagreement.

    *diff* (the view's :class:`DocumentDiff`) tells hand-made gold spans from
    annotators' ones; without it the command reads the annotators' spans itself.
    """

    action = "gold.accept"
    disagreement: Disagreement
    annotator: str
    diff: DocumentDiff | None = field(default=None, repr=False)

    @property
    def text(self) -> str:
        return f"Accept {self.annotator}'s version"

    def _log_extra(self) -> dict[str, Any]:
        d = self.disagreement
        return {"disagreement": d.key, "kind": d.kind.value, "source": self.annotator}

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        d = self.disagreement
        if self.annotator not in d.spans and self.annotator not in d.relations and self.annotator not in d.links:
            raise NotFound(f"{self.annotator} is not one of the annotators of this disagreement "
                           f"({', '.join(d.spans or d.relations or d.links)})")
        patch = GoldPatch(self.document_id)
        at = now_iso()
        if d.kind is Kind.RELATION:
            self._relations(s, state, patch, d, by, at)
        elif d.kind is Kind.LINK:
            self._links(s, state, patch, d, by, at)
        elif d.kind is Kind.ATTRIBUTE:
            self._attributes(state, patch, d, by, at)
        else:
            known = self.diff.is_known if self.diff is not None else _known_keys(s, self.document_id)
            self._spans(state, patch, d, by, at, known)
        return patch

    def _holders(self, d: Disagreement) -> dict[SpanKey, dict[str, list[Span]]]:
        out: dict[SpanKey, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
        for name, spans in d.spans.items():
            for sp in spans:
                out[span_key(sp)][name].append(sp)
        return out

    def _spans(self, state: GoldState, patch: GoldPatch, d: Disagreement, by: str, at: str,
               known: Callable[[SpanKey], bool]) -> None:
        keys = d.span_keys
        labels = {k[2] for k in keys}
        current: dict[SpanKey, list[GoldSpan]] = defaultdict(list)
        for g in state.spans.values():
            sp = g.span
            k = span_key(sp)
            if k in keys or (sp.label in labels and sp.start < d.end and sp.end > d.start and not known(k)):
                current[k].append(g)
        holders = self._holders(d)
        taken: set[SpanKey] = set()
        for sp in d.spans.get(self.annotator, ()):
            k = span_key(sp)
            if k in taken:
                continue  # the annotator tagged it twice (an import can hold repeats): gold holds it once
            taken.add(k)
            reuse = current[k].pop(0) if current.get(k) else None
            prov = provenance("accepted", by, at, list(holders[k]), source=self.annotator,
                               previous=reuse.provenance if reuse else None,
                               attrs=attr_provenance(sp, holders[k], "accepted", by, at))
            uid = reuse.span.id if reuse else new_gold_uid()
            patch.put_span(state, GoldSpan(Span(uid, sp.start, sp.end, sp.label, dict(sp.attrs)), prov))
        for rest in current.values():
            for g in rest:
                patch.remove_span(state, g.span.id)

    def _attributes(self, state: GoldState, patch: GoldPatch, d: Disagreement, by: str, at: str) -> None:
        chosen = d.spans.get(self.annotator, ())
        if not chosen:
            raise NotFound(f"{self.annotator} has no span here")
        sp = chosen[0]
        k = span_key(sp)
        holders = self._holders(d)[k]
        existing = [g for g in state.spans.values() if span_key(g.span) == k]
        if not existing:
            prov = provenance("accepted", by, at, list(holders), source=self.annotator,
                               attrs=attr_provenance(sp, holders, "accepted", by, at))
            patch.put_span(state, GoldSpan(Span(new_gold_uid(), sp.start, sp.end, sp.label, dict(sp.attrs)), prov))
            return
        for g in existing:
            attrs = dict(g.span.attrs)
            for name in d.attributes:
                if name in sp.attrs:
                    attrs[name] = sp.attrs[name]
                else:
                    attrs.pop(name, None)
            new_span = replace(g.span, attrs=attrs)
            kept = {n: v for n, v in g.provenance.get("attrs", {}).items() if n not in d.attributes}
            attr_prov = attr_provenance(new_span, holders, "accepted", by, at, keep=kept)
            attr_prov = {n: v for n, v in attr_prov.items() if n in d.attributes or n in kept}
            patch.put_span(state, GoldSpan(new_span, {**g.provenance, "attrs": attr_prov}))

    def _gold_end(
        self, s: UnitOfWork, state: GoldState, patch: GoldPatch, rng: tuple[int, int], by: str, at: str
    ) -> str:
        """The uid of a gold span at *rng*, adding the annotator's span there if gold has none."""
        removed = patch.spans_before.keys() - patch.spans_after.keys()
        for g in list(patch.spans_after.values()) + list(state.spans.values()):
            if (g.span.start, g.span.end) == rng and g.span.id not in removed:
                return g.span.id
        sp = annotator_span_at(s, self.document_id, self.annotator, *rng)
        if sp is None:
            raise NotFound(f"{self.annotator} has no span at [{rng[0]}, {rng[1]}) to accept into gold")
        prov = provenance("accepted", by, at, proposers(s, self.document_id, sp.start, sp.end, sp.label),
                           source=self.annotator)
        uid = new_gold_uid()
        patch.put_span(state, GoldSpan(Span(uid, sp.start, sp.end, sp.label, dict(sp.attrs)), prov))
        return uid

    def _relations(self, s: UnitOfWork, state: GoldState, patch: GoldPatch, d: Disagreement, by: str, at: str) -> None:
        ends = {(r.head, r.tail) for v in d.relations.values() for r in v}
        ranges = {uid: (g.span.start, g.span.end) for uid, g in state.spans.items()}
        current: dict[tuple[str, tuple[int, int], tuple[int, int]], list[GoldRelation]] = defaultdict(list)
        for gr in state.relations.values():
            head, tail = ranges.get(gr.head_uid), ranges.get(gr.tail_uid)
            if head is not None and tail is not None and (head, tail) in ends:
                current[(gr.type, head, tail)].append(gr)
        made_by: dict[tuple[str, tuple[int, int], tuple[int, int]], set[str]] = defaultdict(set)
        for n, rels in d.relations.items():
            for r in rels:
                made_by[r.key].add(n)
        for r in d.relations.get(self.annotator, ()):
            reuse = current[r.key].pop(0) if current.get(r.key) else None
            prov = provenance("accepted", by, at, list(made_by[r.key]), source=self.annotator,
                               previous=reuse.provenance if reuse else None)
            if reuse:
                patch.put_relation(state, replace(reuse, attrs=dict(r.attrs), provenance=prov))
            else:
                head_uid = self._gold_end(s, state, patch, r.head, by, at)
                tail_uid = self._gold_end(s, state, patch, r.tail, by, at)
                patch.put_relation(state, GoldRelation(new_gold_uid("gr"), r.type, head_uid, tail_uid, dict(r.attrs),
                                                       prov))
        for rest in current.values():
            for gr in rest:
                patch.remove_relation(state, gr.uid)

    def _links(self, s: UnitOfWork, state: GoldState, patch: GoldPatch, d: Disagreement, by: str, at: str) -> None:
        ends = {(lk.source, lk.target) for v in d.links.values() for lk in v}
        gold_items = (team_store.links_touching(s, [self.document_id], kinds=(set_kinds.GOLD,))
                      .get((GOLD_OWNER, set_kinds.GOLD), []))
        current: dict[tuple[str, Any, Any], list[str]] = defaultdict(list)
        for lk in gold_items:
            if (lk.source, lk.target) in ends:
                current[lk.key].append(lk.id)
        made_by: dict[Any, set[str]] = defaultdict(set)
        for n, links in d.links.items():
            for lk in links:
                made_by[lk.key].add(n)
        for lk in d.links.get(self.annotator, ()):
            reuse = current[lk.key].pop(0) if current.get(lk.key) else None
            if reuse:
                continue
            uids = []
            for end in (lk.source, lk.target):
                doc_id, start, stop = end
                if doc_id == self.document_id:
                    uids.append((doc_id, self._gold_end(s, state, patch, (start, stop), by, at)))
                    continue
                other = load_gold(s, doc_id)
                found = [g for g in other.spans.values() if (g.span.start, g.span.end) == (start, stop)]
                if not found:
                    raise AnnotatorError(f"document {doc_id!r} has no gold span at [{start}, {stop}) yet: "
                                         "adjudicate that document first, then accept the link")
                uids.append((doc_id, found[0].span.id))
            prov = provenance("accepted", by, at, list(made_by[lk.key]), source=self.annotator)
            patch.put_link(state, GoldLink(new_gold_uid("gl"), lk.type, uids[0], uids[1], prov))
        for rest in current.values():
            for uid in rest:
                if uid in state.links:
                    patch.remove_link(state, uid)


@dataclass
class AgreedSummary:
    spans_added: int = 0
    spans_updated: int = 0
    attributes_set: int = 0
    relations_added: int = 0
    relations_skipped: int = 0  # an end is not in gold
    links_added: int = 0
    links_skipped: int = 0


@dataclass
class AcceptAgreed(GoldCommand):
    """Accept into gold, in one action, everything the threshold's number of annotators agree on.

    Gold spans already there are kept; an agreed attribute value is added to a gold
    span that has no value for it (a value set by hand is never overwritten).
    Agreed relations and links are added when their ends are in gold.
    """

    action = "gold.accept_agreed"
    threshold: Threshold = Threshold.UNANIMOUS
    diff: DocumentDiff | None = field(default=None, repr=False)
    annotators: Sequence[str] | None = None
    summary: AgreedSummary = field(default_factory=AgreedSummary, init=False)

    @property
    def text(self) -> str:
        return f"Accept all agreed ({Threshold(self.threshold).value})"

    def _log_extra(self) -> dict[str, Any]:
        return {"threshold": Threshold(self.threshold).value, "summary": self.summary.__dict__}

    def _plan(self, s: UnitOfWork, project: Project, state: GoldState, by: str) -> GoldPatch:
        threshold = Threshold(self.threshold)
        diff = self.diff
        if diff is None:
            names, _ = _annotators_of(s, self.document_id, self.annotators)
            if len(names) < 2:
                raise AnnotatorError(f"document {self.document_id!r} has work from {len(names)} annotator(s): "
                                     "agreement needs at least two")
            diff = core.diff(_load_versions(s, self.document_id, names))
        agreed = diff.agreed(threshold)
        self.summary = summary = AgreedSummary()
        patch = GoldPatch(self.document_id)
        at = now_iso()
        gold_by_key: dict[SpanKey, GoldSpan] = {}
        for g in state.spans.values():
            gold_by_key.setdefault(span_key(g.span), g)
        for item in agreed.spans:
            k = span_key(item.span)
            existing = gold_by_key.get(k)
            holders = {n: [sp] for n, sp in item.versions.items()}
            if existing is None:
                prov = provenance("agreed", by, at, item.holders, threshold=threshold.value,
                                   attrs=attr_provenance(item.span, holders, "agreed", by, at))
                gold = GoldSpan(Span(new_gold_uid(), k[0], k[1], k[2], dict(item.attrs)), prov)
                patch.put_span(state, gold)
                gold_by_key[k] = gold
                summary.spans_added += 1
                summary.attributes_set += len(item.attrs)
                continue
            missing = {n: v for n, v in item.attrs.items() if n not in existing.span.attrs}
            if not missing:
                continue
            new_span = replace(existing.span, attrs={**existing.span.attrs, **missing})
            attr_prov = dict(existing.provenance.get("attrs", {}))
            for n in missing:
                attr_prov[n] = {"method": "agreed", "proposed_by": sorted(item.attr_holders.get(n, ())), "by": by,
                                "at": at, "threshold": threshold.value}
            gold = GoldSpan(new_span, {**existing.provenance, "attrs": attr_prov})
            patch.put_span(state, gold)
            gold_by_key[k] = gold
            summary.spans_updated += 1
            summary.attributes_set += len(missing)
        by_range: dict[tuple[int, int], str] = {}
        for k, g in sorted(gold_by_key.items()):
            by_range.setdefault((k[0], k[1]), g.span.id)
        ranges = {uid: (g.span.start, g.span.end) for uid, g in state.spans.items()}
        have_rel = {(r.type, ranges.get(r.head_uid), ranges.get(r.tail_uid)) for r in state.relations.values()}
        for rel in agreed.relations:
            r = rel.relation
            if r.key in have_rel:
                continue
            head, tail = by_range.get(r.head), by_range.get(r.tail)
            if head is None or tail is None:
                summary.relations_skipped += 1
                continue
            prov = provenance("agreed", by, at, rel.holders, threshold=threshold.value)
            patch.put_relation(state, GoldRelation(new_gold_uid("gr"), r.type, head, tail, dict(r.attrs), prov))
            summary.relations_added += 1
        if agreed.links:
            self._links(s, state, patch, agreed.links, by_range, by, at, threshold)
        return patch

    def _links(self, s: UnitOfWork, state: GoldState, patch: GoldPatch, links: list[core.AgreedLink],
               by_range: dict[tuple[int, int], str], by: str, at: str, threshold: Threshold) -> None:
        existing = {lk.key for lk in team_store.links_touching(s, [self.document_id], kinds=(set_kinds.GOLD,))
                    .get((GOLD_OWNER, set_kinds.GOLD), [])}
        others: dict[str, dict[tuple[int, int], str]] = {}
        for item in links:
            lk = item.link
            if lk.key in existing:
                continue
            uids = []
            for doc_id, start, stop in (lk.source, lk.target):
                if doc_id == self.document_id:
                    uid = by_range.get((start, stop))
                else:
                    if doc_id not in others:
                        other = load_gold(s, doc_id)
                        others[doc_id] = {(g.span.start, g.span.end): u for u, g in sorted(other.spans.items())}
                    uid = others[doc_id].get((start, stop))
                uids.append((doc_id, uid))
            if any(u is None for _, u in uids):
                self.summary.links_skipped += 1
                continue
            prov = provenance("agreed", by, at, item.holders, threshold=threshold.value)
            ends = [(d, u) for d, u in uids if u is not None]
            patch.put_link(state, GoldLink(new_gold_uid("gl"), lk.type, ends[0], ends[1], prov))
            self.summary.links_added += 1


# -- how gold differs from an annotator ------------------------------------------------------------

@dataclass(frozen=True)
class GoldComparison:
    """Where the gold of a document differs from one annotator's work."""

    document_id: str
    annotator: str
    disagreements: list[Disagreement]  # versions under the annotator's name and "gold"
    counts: dict[str, int]  # disagreement kind -> how many
    spans: int  # the annotator's spans
    gold_spans: int
    agreed_spans: int  # spans identical in both


def gold_vs_annotator(project: Project, doc_id: str, annotator: str, viewer: str) -> GoldComparison:
    """Compare gold with *annotator*'s work on one document.

    An annotator may ask about their own work once they marked the document done;
    adjudicators and managers about anyone's.
    """
    with project.database.unit_of_work() as s:
        document_store.get_document(s, doc_id)
        team_store.require_annotator(s, annotator)
        if viewer != annotator and not _can_see(s, viewer, annotator, doc_id, set_kinds.ANNOTATION):
            raise NotAllowed(f"{viewer} cannot see {annotator}'s annotations")
        if not _can_see(s, viewer, GOLD_OWNER, doc_id, set_kinds.GOLD):
            raise NotAllowed(f"{viewer} sees the gold of {doc_id} once their own work on it is marked done")
        mine = _load_versions(s, doc_id, [annotator])[annotator]
        gold, _prov = _load_gold_version(s, doc_id)
    return _compare(doc_id, annotator, mine, gold)


def _compare(doc_id: str, annotator: str, mine: AnnotationVersion, gold: AnnotationVersion) -> GoldComparison:
    result = core.diff({annotator: mine, GOLD_OWNER: gold})
    counts: dict[str, int] = defaultdict(int)
    for d in result.disagreements:
        for k in d.kinds:
            counts[k.value] += 1
    agreed = len({span_key(sp) for sp in mine.spans} & {span_key(sp) for sp in gold.spans})
    return GoldComparison(doc_id, annotator, result.disagreements, dict(counts), len(mine.spans), len(gold.spans),
                          agreed)


def corrections(project: Project, annotator: str, viewer: str,
                doc_ids: Sequence[str] | None = None) -> list[GoldComparison]:
    """Gold against *annotator*'s work, for every document that has both (that the viewer may see)."""
    with project.database.unit_of_work() as s:
        gold_docs = {i.document_id for i in team_store.set_infos(s, doc_ids, [GOLD_OWNER], kinds=(set_kinds.GOLD,))}
        mine = [i.document_id for i in team_store.set_infos(s, doc_ids, [annotator])]
    out = []
    for doc_id in mine:
        if doc_id not in gold_docs:
            continue
        try:
            out.append(gold_vs_annotator(project, doc_id, annotator, viewer))
        except NotAllowed:
            continue
    return out


def gold_links(project: Project, doc_id: str, viewer: str) -> list[core.LinkItem]:
    """Gold links with an end in the document (with their spans' ids), for an adjudicator."""
    with project.database.unit_of_work() as s:
        require_adjudicator(s, viewer)
        return team_store.links_touching(s, [doc_id], kinds=(set_kinds.GOLD,)).get((GOLD_OWNER, set_kinds.GOLD), [])


def documents_with_gold(project: Project, viewer: str) -> list[tuple[str, str]]:
    """(document id, title) of every document that has gold spans, in title order (link targets)."""
    with project.database.unit_of_work() as s:
        require_adjudicator(s, viewer)
        ids = {i.document_id for i in team_store.set_infos(s, None, [GOLD_OWNER], kinds=(set_kinds.GOLD,)) if i.spans}
        docs = [d for d in document_store.list_documents(s) if d.id in ids]
    return sorted(((d.id, d.title or d.id) for d in docs), key=lambda t: (t[1], t[0]))


def gold_spans(project: Project, doc_id: str, viewer: str) -> list[tuple[Span, dict[str, Any]]]:
    """Gold spans of a document with their provenance (for tool tips), if the viewer may see gold."""
    with project.database.unit_of_work() as s:
        if not _can_see(s, viewer, GOLD_OWNER, doc_id, set_kinds.GOLD):
            raise NotAllowed(f"{viewer} sees the gold of {doc_id} once their own work on it is marked done")
        state = load_gold(s, doc_id)
    return sorted(((g.span, g.provenance) for g in state.spans.values()), key=lambda t: (t[0].start, -t[0].end))


__all__ = [
    "ADJUDICATING_ROLES", "AcceptAgreed", "AcceptVersion", "AddGoldLink", "AddGoldRelation", "AddGoldSpan",
    "AdjudicationState", "AgreedSummary", "DeleteGoldLink", "DeleteGoldRelation", "DeleteGoldSpan", "GoldCommand",
    "GoldComparison", "SetGoldAttributes", "Threshold", "UpdateGoldSpan", "adjudication_state", "corrections",
    "documents_with_gold", "gold_links", "gold_spans", "gold_vs_annotator",
]
