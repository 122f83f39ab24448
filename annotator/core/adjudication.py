"""Disagreements between annotators of one document, and what they agree on.

Pure functions over core value objects (no database, no Qt). The adjudication view
lists :attr:`DocumentDiff.disagreements` in reading order and shows each one in
every annotator's pane; ``accept agreed`` takes :meth:`DocumentDiff.agreed`.

Spans are compared by their *key* ``(start, end, label)``. A key that every
annotator made is agreed (its attributes may still differ: an ``attribute``
disagreement). The other keys are grouped into disagreements: keys with the same
range, and keys of the same label that overlap (transitively), fall into one group.
A group is classified by what differs (several kinds may hold at once):

- ``label``: the same range carries different labels for different annotators;
- ``boundary``: the group holds different ranges (overlapping, not equal);
- ``missing``: some annotators made none of the group's spans;
- ``attribute``: annotators with the same key gave different attribute values.

Relations are compared by ``(type, head range, tail range)`` and grouped by their
pair of endpoints (``relation``); cross-document links by ``(type, source, target)``
where an end is ``(document id, start, end)`` (``link``).

The work is a few dictionary passes and one sort per label: O(n log n) in the
number of spans, whatever the number of annotators.
"""

from __future__ import annotations

import gc
import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np

from annotator.core.span_diff import GroupVersions, SpanTable, build_table, open_groups, popcount
from annotator.core.values import Span

SpanKey = tuple[int, int, str]
Range = tuple[int, int]
LinkEnd = tuple[str, int, int]


class Kind(str, Enum):
    """What a disagreement is about."""

    LABEL = "label"
    BOUNDARY = "boundary"
    MISSING = "missing"
    ATTRIBUTE = "attribute"
    RELATION = "relation"
    LINK = "link"


_KIND_ORDER = {k: i for i, k in enumerate(Kind)}


class Threshold(str, Enum):
    """How many annotators must agree for ``accept agreed``."""

    UNANIMOUS = "unanimous"
    MAJORITY = "majority"

    def required(self, annotators: int) -> int:
        """Annotators needed: all of them, or more than half (2 of 2, 2 of 3, 3 of 4, 3 of 5)."""
        return annotators if self is Threshold.UNANIMOUS else annotators // 2 + 1


@dataclass(frozen=True, slots=True)
class RelationItem:
    """A relation as adjudication compares it: its type and its ends' ranges."""

    id: str
    type: str
    head: Range
    tail: Range
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)
    #: the ids of the spans at its ends in its own version (to draw it; never compared)
    head_span: str = field(default="", compare=False)
    tail_span: str = field(default="", compare=False)

    @property
    def key(self) -> tuple[str, Range, Range]:
        return (self.type, self.head, self.tail)


@dataclass(frozen=True, slots=True)
class LinkItem:
    """A cross-document link: its type and both ends as (document id, start, end)."""

    id: str
    type: str
    source: LinkEnd
    target: LinkEnd
    #: the ids of the spans at its ends (to draw it; never compared)
    source_span: str = field(default="", compare=False)
    target_span: str = field(default="", compare=False)

    @property
    def key(self) -> tuple[str, LinkEnd, LinkEnd]:
        return (self.type, self.source, self.target)


@dataclass(frozen=True, slots=True)
class AnnotationVersion:
    """One annotator's annotations of one document (what a pane shows)."""

    spans: Sequence[Span] = ()
    relations: Sequence[RelationItem] = ()
    links: Sequence[LinkItem] = ()


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One place where annotators differ, with every annotator's version of it.

    ``spans[name]`` (and ``relations``/``links``) hold each annotator's items in
    this group; an empty tuple means the annotator made none of them. ``start`` and
    ``end`` bound the group in the document (for scrolling every pane to it).
    """

    key: str
    kind: Kind
    kinds: frozenset[Kind]
    start: int
    end: int
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict, hash=False)
    relations: Mapping[str, tuple[RelationItem, ...]] = field(default_factory=dict, hash=False)
    links: Mapping[str, tuple[LinkItem, ...]] = field(default_factory=dict, hash=False)
    attributes: tuple[str, ...] = ()

    @property
    def span_keys(self) -> frozenset[SpanKey]:
        if isinstance(self.spans, GroupVersions):  # read from the arrays: no Span objects made
            return self.spans.span_keys()
        return frozenset((s.start, s.end, s.label) for v in self.spans.values() for s in v)

    def annotators_with(self, name: str) -> tuple[str, ...]:
        """Annotators whose version equals *name*'s (the same keys; for attributes, the same values)."""
        mine = _version_signature(self, name)
        return tuple(a for a in self.spans or self.relations or self.links if _version_signature(self, a) == mine)


@dataclass(frozen=True, slots=True)
class AgreedSpan:
    """A span key enough annotators made, with the attribute values enough of them gave."""

    span: Span
    holders: tuple[str, ...]
    attrs: dict[str, Any]
    attr_holders: dict[str, tuple[str, ...]]
    versions: dict[str, Span] = field(default_factory=dict, hash=False)  # each holder's span


@dataclass(frozen=True, slots=True)
class AgreedRelation:
    relation: RelationItem
    holders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgreedLink:
    link: LinkItem
    holders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgreedItems:
    spans: list[AgreedSpan]
    relations: list[AgreedRelation]
    links: list[AgreedLink]


# -- gold items as stored, with their provenance (what a gold change reads and writes) --

@dataclass(frozen=True)
class GoldSpan:
    span: Span
    provenance: dict[str, Any]


@dataclass(frozen=True)
class GoldRelation:
    """A gold relation: its ends are gold span uids of the same document."""

    uid: str
    type: str
    head_uid: str
    tail_uid: str
    attrs: dict[str, Any]
    provenance: dict[str, Any]


@dataclass(frozen=True)
class GoldLink:
    """A gold link: each end is (document id, gold span uid)."""

    uid: str
    type: str
    source: tuple[str, str]
    target: tuple[str, str]
    provenance: dict[str, Any]


def _freeze(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _version_signature(d: Disagreement, name: str) -> tuple[Any, ...]:
    spans = d.spans.get(name, ())
    if d.kind is Kind.ATTRIBUTE or Kind.ATTRIBUTE in d.kinds:
        span_sig: tuple[Any, ...] = tuple(sorted((s.start, s.end, s.label, _freeze(s.attrs)) for s in spans))
    else:
        span_sig = tuple(sorted({(s.start, s.end, s.label) for s in spans}))
    rels = tuple(sorted((r.type, r.head, r.tail, _freeze(r.attrs)) for r in d.relations.get(name, ())))
    links = tuple(sorted({lk.key for lk in d.links.get(name, ())}))
    return span_sig, rels, links


@dataclass
class DocumentDiff:
    """The comparison of several annotators' versions of one document."""

    annotators: tuple[str, ...]
    disagreements: list[Disagreement]
    table: SpanTable = field(repr=False)
    relations_by_key: dict[tuple[str, Range, Range], dict[str, list[RelationItem]]] = field(repr=False)
    links_by_key: dict[tuple[str, LinkEnd, LinkEnd], dict[str, list[LinkItem]]] = field(repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [d.start for d in self.disagreements]

    def index_at_or_after(self, pos: int) -> int | None:
        """Index of the first disagreement starting at or after *pos* (for "next")."""
        i = bisect_left(self._starts, pos)
        return i if i < len(self.disagreements) else None

    @property
    def by_annotator(self) -> dict[str, dict[SpanKey, list[Span]]]:
        """Each annotator's spans by key (built on first use)."""
        return self.table.by_annotator

    def holders(self, key: SpanKey) -> tuple[str, ...]:
        """Annotators who made a span with this key."""
        return self.table.holders(key)

    def is_known(self, key: SpanKey) -> bool:
        """True if any annotator made a span with this key."""
        return self.table.key_index(key) is not None

    def spans_by_key(self) -> dict[SpanKey, dict[str, list[Span]]]:
        out: dict[SpanKey, dict[str, list[Span]]] = {}
        for name in self.annotators:
            for key, items in self.by_annotator[name].items():
                out.setdefault(key, {})[name] = items
        return out

    def agreed(self, threshold: Threshold = Threshold.UNANIMOUS) -> AgreedItems:
        """Spans, attribute values, relations and links that at least the threshold's
        number of annotators made identically (counted over all annotators)."""
        need = threshold.required(len(self.annotators))
        table = self.table
        spans: list[AgreedSpan] = []
        counts = popcount(table.masks, len(self.annotators))
        order = table.occ_order.tolist()
        offsets = table.occ_offsets.tolist()
        owner = table.owner.tolist()
        names = self.annotators
        with gc_paused():
            for k in np.flatnonzero(counts >= need).tolist():
                first_of: dict[str, Span] = {}
                for p in order[offsets[k]:offsets[k + 1]]:
                    first_of.setdefault(names[owner[p]], table.spans[p])
                holders = tuple(n for n in names if n in first_of)
                first = first_of[holders[0]]
                attrs: dict[str, Any] = {}
                attr_holders: dict[str, tuple[str, ...]] = {}
                if any(sp.attrs for sp in first_of.values()):
                    values: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
                    raw: dict[tuple[str, str], Any] = {}
                    for name in holders:
                        for attr, value in first_of[name].attrs.items():
                            frozen = _freeze(value)
                            values[attr][frozen].append(name)
                            raw[(attr, frozen)] = value
                    for attr, by_value in values.items():
                        frozen, who = max(by_value.items(), key=lambda kv: (len(kv[1]), kv[0]))
                        if len(who) >= need:
                            attrs[attr] = raw[(attr, frozen)]
                            attr_holders[attr] = tuple(who)
                spans.append(AgreedSpan(Span(first.id, first.start, first.end, first.label, attrs), holders, attrs,
                                        attr_holders, first_of))
            spans.sort(key=lambda a: (a.span.start, -a.span.end, a.span.label))
        relations = [AgreedRelation(next(iter(by.values()))[0], tuple(by))
                     for by in self.relations_by_key.values() if len(by) >= need]
        links = [AgreedLink(next(iter(by.values()))[0], tuple(by))
                 for by in self.links_by_key.values() if len(by) >= need]
        return AgreedItems(spans, relations, links)


def diff(versions: Mapping[str, AnnotationVersion | Sequence[Span]]) -> DocumentDiff:
    """Compare two or more annotators' versions of one document.

    *versions* maps annotator name to an :class:`AnnotationVersion` (or simply to
    a list of spans). The result lists every disagreement in reading order.
    """
    names = tuple(versions)
    if len(set(names)) != len(names):
        raise ValueError("an annotator is listed twice")
    norm = {n: v if isinstance(v, AnnotationVersion) else AnnotationVersion(tuple(v)) for n, v in versions.items()}
    with gc_paused():
        table = build_table(names, [norm[n].spans for n in names])
        out = _span_disagreements(table)
        rel_by_key, rel_dis = _relation_disagreements(names, norm)
        out.extend(rel_dis)
        link_by_key, link_dis = _link_disagreements(names, norm)
        out.extend(link_dis)
        out.sort(key=lambda d: (d.start, -d.end, _KIND_ORDER[d.kind], d.key))
        return DocumentDiff(names, out, table, rel_by_key, link_by_key)


@contextmanager
def gc_paused(keep: bool = False) -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small objects.

    Building 100,000 keys and groups triggers full collections that rescan every
    live object (the spans themselves) again and again: that doubled the time of a
    large diff. Nothing built here forms reference cycles, so nothing is lost.

    *keep*: what was built lives on (a document opened for adjudication). Every
    tracked object is then moved to the permanent generation (``gc.freeze``)
    instead of being scanned by a young, a middle and a full collection as it
    ages (0.1 to 0.25 s for 150,000 objects, paid just after opening). Frozen
    objects are still freed by reference counting; the owner calls
    ``gc.unfreeze()`` when it lets them go, so cycles among them are collected.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()


def _differing_attrs(items: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Attribute names whose values differ between these attribute mappings (of spans of one key)."""
    first = items[0]
    if all(a is first for a in items):
        return ()
    names: set[str] = set()
    for a in items:
        names.update(a)
    return tuple(sorted(n for n in names if len({_comparable(a[n]) if n in a else _MISSING for a in items}) > 1))


_MISSING = object()
_SCALARS = (str, int, float, bool, type(None))


def _comparable(value: Any) -> Any:
    """A hashable stand-in for an attribute value, equal exactly when the values are (scalars as
    themselves with their type, so 1, 1.0, True and "1" stay apart; the rest as canonical JSON)."""
    return (type(value), value) if isinstance(value, _SCALARS) else _freeze(value)


def _span_disagreements(table: SpanTable) -> list[Disagreement]:
    names = table.names
    spans = table.spans
    owner = table.owner.tolist()
    order = table.occ_order.tolist()
    offsets = table.occ_offsets.tolist()
    out: list[Disagreement] = []

    if len(names) > 1:  # attribute values that differ on keys everyone made
        ks = table.attr_suspects
        if ks.size:
            for k in ks[table.masks[ks] == table.full_mask].tolist():
                positions = order[offsets[k]:offsets[k + 1]]
                differing = _differing_attrs([spans.attrs(p) for p in positions])
                if differing:
                    held = [spans[p] for p in positions]
                    versions: dict[str, list[Span]] = {n: [] for n in names}
                    for p, sp in zip(positions, held):
                        versions[names[owner[p]]].append(sp)
                    s0 = held[0]
                    out.append(Disagreement(
                        f"attr:{s0.start}:{s0.end}:{s0.label}", Kind.ATTRIBUTE, _KINDS_ATTRIBUTE, s0.start, s0.end,
                        {n: tuple(v) for n, v in versions.items()}, {}, {}, differing))

    groups = open_groups(table)
    if not groups.groups:
        return out
    attr_keys = set(table.attr_suspects.tolist())  # only these keys' spans can differ in attribute values
    first_keys = table.keys[np.fromiter((keys[0] for keys in groups.groups), dtype=np.int64,
                                        count=len(groups.groups))]  # each group is named by its smallest key
    n_labels = max(len(table.labels), 1)
    first_starts = (first_keys // n_labels // table.scale).tolist()
    first_ends = (first_keys // n_labels % table.scale).tolist()
    label_names = sorted(table.labels, key=table.labels.__getitem__)
    first_labels = [label_names[c] for c in (first_keys % n_labels).tolist()]
    for gi, keys in enumerate(groups.groups):
        differing = ()
        if attr_keys:
            found: set[str] = set()
            for k in keys:
                if k in attr_keys:
                    found.update(_differing_attrs([spans.attrs(p) for p in order[offsets[k]:offsets[k + 1]]]))
            differing = tuple(sorted(found))
        primary, kinds = _group_kinds(groups.missing[gi], groups.boundary[gi], groups.label[gi], bool(differing))
        out.append(Disagreement(f"span:{first_starts[gi]}:{first_ends[gi]}:{first_labels[gi]}", primary, kinds,
                                groups.lo[gi], groups.hi[gi],
                                GroupVersions(table, keys), {}, {}, differing))
    return out


def _group_kinds(missing: bool, boundary: bool, label: bool, attribute: bool) -> tuple[Kind, frozenset[Kind]]:
    """The primary kind and all kinds of a span group (cached: there are only 16 combinations)."""
    key = (missing, boundary, label, attribute)
    found = _GROUP_KINDS.get(key)
    if found is None:
        kinds = {k for k, on in zip((Kind.MISSING, Kind.BOUNDARY, Kind.LABEL, Kind.ATTRIBUTE), key) if on}
        if not kinds:
            kinds.add(Kind.MISSING)  # keys only one annotator made, all of them
        primary = next(k for k in (Kind.LABEL, Kind.BOUNDARY, Kind.MISSING, Kind.ATTRIBUTE) if k in kinds)
        found = _GROUP_KINDS[key] = (primary, frozenset(kinds))
    return found


_GROUP_KINDS: dict[tuple[bool, bool, bool, bool], tuple[Kind, frozenset[Kind]]] = {}


_KINDS_ATTRIBUTE = frozenset({Kind.ATTRIBUTE})
_KIND_SETS: dict[frozenset[Kind], frozenset[Kind]] = {}


def _kinds_with(kinds: set[Kind], kind: Kind) -> frozenset[Kind]:
    """``frozenset(kinds | {kind})``, one shared object per combination (thousands of disagreements)."""
    key = frozenset(kinds | {kind})
    return _KIND_SETS.setdefault(key, key)


def _relation_disagreements(names: tuple[str, ...], norm: Mapping[str, AnnotationVersion]) -> tuple[
        dict[tuple[str, Range, Range], dict[str, list[RelationItem]]], list[Disagreement]]:
    by_key: dict[tuple[str, Range, Range], dict[str, list[RelationItem]]] = {}
    by_ends: dict[tuple[Range, Range], list[tuple[str, Range, Range]]] = defaultdict(list)
    for name in names:
        for r in norm[name].relations:
            key = (r.type, r.head, r.tail)
            slot = by_key.get(key)
            if slot is None:
                by_key[key] = slot = {}
                by_ends[(r.head, r.tail)].append(key)
            items = slot.get(name)
            if items is None:
                slot[name] = [r]
            else:
                items.append(r)
    out: list[Disagreement] = []
    n_names = len(names)
    for (head, tail), keys in by_ends.items():
        if len(keys) == 1:  # the common case: everyone made this one relation, once, without attributes
            slot = by_key[keys[0]]
            if len(slot) == n_names and all(len(v) == 1 and not v[0].attrs for v in slot.values()):
                continue
        kinds: set[Kind] = set()
        differing: set[str] = set()
        for key in keys:
            slot = by_key[key]
            if len(slot) < len(names):
                kinds.add(Kind.RELATION)
            attrs = {_freeze(r.attrs) if r.attrs else "" for items in slot.values() for r in items}
            if len(attrs) > 1:
                kinds.add(Kind.ATTRIBUTE)
                for items in slot.values():
                    for r in items:
                        differing.update(r.attrs)
        if not kinds:
            continue
        if len(keys) == 1:
            slot = by_key[keys[0]]
            versions = {n: tuple(slot.get(n, ())) for n in names}
        else:
            versions = {n: tuple(r for key in keys for r in by_key[key].get(n, ())) for n in names}
        lo, hi = min(head[0], tail[0]), max(head[1], tail[1])
        out.append(Disagreement(
            key=f"rel:{head[0]}-{head[1]}:{tail[0]}-{tail[1]}", kind=Kind.RELATION,
            kinds=_kinds_with(kinds, Kind.RELATION), start=lo, end=hi,
            spans=dict.fromkeys(names, ()), relations=versions, attributes=tuple(sorted(differing))))
    return by_key, out


def _link_disagreements(names: tuple[str, ...], norm: Mapping[str, AnnotationVersion]) -> tuple[
        dict[tuple[str, LinkEnd, LinkEnd], dict[str, list[LinkItem]]], list[Disagreement]]:
    by_key: dict[tuple[str, LinkEnd, LinkEnd], dict[str, list[LinkItem]]] = {}
    by_ends: dict[tuple[LinkEnd, LinkEnd], list[tuple[str, LinkEnd, LinkEnd]]] = defaultdict(list)
    for name in names:
        for lk in norm[name].links:
            slot = by_key.get(lk.key)
            if slot is None:
                by_key[lk.key] = slot = {}
                by_ends[(lk.source, lk.target)].append(lk.key)
            slot.setdefault(name, []).append(lk)
    out: list[Disagreement] = []
    for (src, tgt), keys in by_ends.items():
        if all(len(by_key[k]) == len(names) for k in keys):
            continue
        versions = {n: tuple(lk for key in keys for lk in by_key[key].get(n, ())) for n in names}
        lo, hi = src[1], src[2]  # the end in this document (the source, else the target)
        out.append(Disagreement(
            key=f"link:{src[0]}:{src[1]}-{src[2]}:{tgt[0]}:{tgt[1]}-{tgt[2]}", kind=Kind.LINK,
            kinds=frozenset({Kind.LINK}), start=lo, end=hi,
            spans=dict.fromkeys(names, ()), links=versions))
    return by_key, out


# -- gold against a disagreement ---------------------------------------------------------

ProvenanceOf = Callable[[str], "Mapping[str, Any] | None"]


def _no_provenance(_uid: str) -> Mapping[str, Any] | None:
    return None


class Decided(str, Enum):
    """How a disagreement stands: not decided yet, or decided and how."""

    UNDECIDED = "undecided"
    ACCEPTED = "accepted"  # gold equals one or more annotators' version
    AGREED = "agreed"  # ... and came from "accept agreed"
    NOTHING = "nothing"  # the adjudicator chose to keep nothing here
    EDITED = "edited"  # gold holds something no annotator made: edited by hand


@dataclass(frozen=True, slots=True)
class Decision:
    """The decision gold holds for one disagreement."""

    how: Decided
    annotators: tuple[str, ...] = ()  # whose version gold equals (accepted, agreed)
    threshold: str = ""  # agreed: unanimous or majority

    @property
    def decided(self) -> bool:
        return self.how is not Decided.UNDECIDED

    def describe(self) -> str:
        """One plain line: "undecided", "✓ accepted alice", "✓ kept nothing", "✓ edited by hand",
        "✓ agreed (majority): alice, bob"."""
        who = ", ".join(self.annotators)
        return {
            Decided.UNDECIDED: "undecided",
            Decided.ACCEPTED: f"✓ accepted {who}",
            Decided.AGREED: f"✓ agreed ({self.threshold or '?'}): {who}",
            Decided.NOTHING: "✓ kept nothing",
            Decided.EDITED: "✓ edited by hand",
        }[self.how]


UNDECIDED = Decision(Decided.UNDECIDED)


@dataclass(frozen=True, slots=True)
class Progress:
    """How far the adjudication of one document is: disagreements, decided, left."""

    total: int
    decided: int

    @property
    def left(self) -> int:
        return self.total - self.decided

    def describe(self) -> str:
        """ "19 disagreements · 7 decided · 12 left" (the window's label and the CLI say the same)."""
        noun = "disagreement" if self.total == 1 else "disagreements"
        return f"{self.total} {noun} · {self.decided} decided · {self.left} left"


def accepted_keys(log: Iterable[tuple[str, str, str, bool]]) -> dict[str, list[tuple[str, str]]]:
    """The disagreements on which an "accept version" stands, from the change log.

    *log* is, oldest first, ``(disagreement key, who decided, whose version, undone)``
    for every accept and every undo of one. An undo takes back the latest accept of
    the same key by the same adjudicator of the same version. The result maps each
    key still standing to its accepts, oldest first.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    for key, by, source, undone in log:
        items = out.setdefault(key, [])
        if not undone:
            items.append((by, source))
        elif (by, source) in items:
            del items[len(items) - 1 - items[::-1].index((by, source))]
        if not items:
            del out[key]
    return out


class GoldIndex:
    """Gold spans of one document, indexed for "what does gold say about this disagreement"."""

    def __init__(self, spans: Iterable[Span], relations: Iterable[RelationItem] = (),
                 links: Iterable[LinkItem] = ()) -> None:
        with gc_paused():
            self._build(spans, relations, links)

    def _build(self, spans: Iterable[Span], relations: Iterable[RelationItem], links: Iterable[LinkItem]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end, s.label))
        self._starts = [s.start for s in self.spans]
        self._longest = max((s.end - s.start for s in self.spans), default=0)
        self.by_key: dict[SpanKey, list[Span]] = defaultdict(list)
        for s in self.spans:
            self.by_key[(s.start, s.end, s.label)].append(s)
        self.relations = list(relations)
        self.links = list(links)
        self._relations_by_ends: dict[tuple[Range, Range], list[RelationItem]] = defaultdict(list)
        for r in self.relations:
            self._relations_by_ends[(r.head, r.tail)].append(r)
        self._links_by_ends: dict[tuple[LinkEnd, LinkEnd], list[LinkItem]] = defaultdict(list)
        for lk in self.links:
            self._links_by_ends[(lk.source, lk.target)].append(lk)

    def overlapping(self, start: int, end: int) -> list[Span]:
        lo = bisect_left(self._starts, start - self._longest)
        hi = bisect_left(self._starts, end)
        return [s for s in self.spans[lo:hi] if s.end > start]

    def version_of(self, d: Disagreement, diff_: DocumentDiff) -> AnnotationVersion:
        """Gold's own version of disagreement *d*: the gold items a decision on *d* replaces.

        For span groups: gold spans with one of the group's keys, and gold spans of
        the group's labels overlapping it whose key no annotator made elsewhere (hand
        edits). For attribute disagreements: the gold span(s) with that key. For
        relations and links: gold's items between the same ends.
        """
        if d.kind is Kind.RELATION:
            by_ends = self._relations_by_ends
            return AnnotationVersion(relations=tuple(r for e in _relation_ends(d) for r in by_ends.get(e, ())))
        if d.kind is Kind.LINK:
            ends_l = {(lk.source, lk.target) for v in d.links.values() for lk in v}
            return AnnotationVersion(links=tuple(lk for e in ends_l for lk in self._links_by_ends.get(e, ())))
        keys = d.span_keys
        if d.kind is Kind.ATTRIBUTE:
            return AnnotationVersion(tuple(s for k in keys for s in self.by_key.get(k, ())))
        labels = {k[2] for k in keys}
        chosen = []
        for s in self.overlapping(d.start, d.end):
            k = (s.start, s.end, s.label)
            if k in keys or (s.label in labels and not diff_.is_known(k)):
                chosen.append(s)
        return AnnotationVersion(tuple(chosen))

    def matches(self, d: Disagreement, diff_: DocumentDiff) -> tuple[str, ...]:
        """Annotators whose version of *d* gold now equals (empty: gold differs from all)."""
        gold = self.version_of(d, diff_)
        probe = Disagreement(d.key, d.kind, d.kinds, d.start, d.end,
                             spans={**d.spans, "\0gold": tuple(gold.spans)},
                             relations={**d.relations, "\0gold": tuple(gold.relations)} if d.relations else {},
                             links={**d.links, "\0gold": tuple(gold.links)} if d.links else {})
        return tuple(n for n in probe.annotators_with("\0gold") if n != "\0gold")


    # -- decisions ---------------------------------------------------------------------------
    def is_decided(self, d: Disagreement, diff_: DocumentDiff, accepted: Container[str],
                   provenance_of: ProvenanceOf = _no_provenance) -> bool:
        """True once the adjudicator decided *d* (see :meth:`decision`), without comparing versions."""
        if d.kind in _SPAN_GROUP_KINDS:
            # decided if an accept stands on it or gold has a span there: no gold span overlapping
            # it is the common case (a first opening has no gold), answered without its keys
            if d.key in accepted:
                return True
            if not self.overlapping(d.start, d.end):
                return False
        gold = self.version_of(d, diff_)
        if d.kind is Kind.ATTRIBUTE:
            return bool(gold.spans) and (d.key in accepted or _attributes_decided(d, gold, provenance_of))
        return bool(gold.spans or gold.relations or gold.links) or d.key in accepted

    def decision(self, d: Disagreement, diff_: DocumentDiff, accepted: Container[str],
                 provenance_of: ProvenanceOf = _no_provenance) -> Decision:
        """What gold holds for *d* now, as a decision.

        *accepted* holds the keys of the disagreements on which an "accept version"
        stands (the change log keeps them): it is what tells "kept nothing" (gold holds
        nothing here because the adjudicator chose a version that has nothing) from a
        row not looked at yet. Gold holding items here is a decision whoever made it:
        equal to some annotators' version (accepted; agreed when every item came from
        "accept agreed"), or to nobody's (edited by hand). An attribute disagreement
        is decided once one of its attributes was set in gold (accepted, agreed or by
        hand) or a version was accepted.
        """
        if not self.is_decided(d, diff_, accepted, provenance_of):
            return UNDECIDED
        gold = self.version_of(d, diff_)
        if not (gold.spans or gold.relations or gold.links):
            return Decision(Decided.NOTHING)
        matches = self.matches(d, diff_)
        if not matches:
            return Decision(Decided.EDITED)
        items: tuple[Span | RelationItem | LinkItem, ...] = (*gold.spans, *gold.relations, *gold.links)
        provs = [provenance_of(item.id) or {} for item in items]
        if d.kind is Kind.ATTRIBUTE:
            provs = [p.get("attrs", {}).get(a) or p for p in provs for a in d.attributes]
        if provs and all(p.get("method") == "agreed" for p in provs):
            return Decision(Decided.AGREED, matches, str(provs[0].get("threshold", "")))
        return Decision(Decided.ACCEPTED, matches)

    def progress(self, disagreements: Sequence[Disagreement], diff_: DocumentDiff, accepted: Container[str],
                 provenance_of: ProvenanceOf = _no_provenance) -> tuple[Progress, list[bool]]:
        """How many of *disagreements* are decided, and which (one flag each, in order)."""
        with gc_paused():
            flags = [self.is_decided(d, diff_, accepted, provenance_of) for d in disagreements]
        return Progress(len(flags), sum(flags)), flags


#: disagreements about spans (their label, boundaries or presence), decided by gold's spans there
_SPAN_GROUP_KINDS = frozenset({Kind.LABEL, Kind.BOUNDARY, Kind.MISSING})


def _attributes_decided(d: Disagreement, gold: AnnotationVersion, provenance_of: ProvenanceOf) -> bool:
    for sp in gold.spans:
        attrs = (provenance_of(sp.id) or {}).get("attrs", {})
        if any(a in attrs for a in d.attributes):
            return True
    return False


def _relation_ends(d: Disagreement) -> set[tuple[Range, Range]]:
    return {(r.head, r.tail) for v in d.relations.values() for r in v}
