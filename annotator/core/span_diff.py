"""The arithmetic behind the disagreement list, on arrays.

Every annotator's spans of one document go into one :class:`SpanTable`: each span
gets an integer key for ``(start, end, label)``, each distinct key a bit mask of
the annotators who made it. :func:`open_groups` groups the keys not everyone made
— same range, or same label and overlapping (transitively) — with a sort and a
running maximum per label, and classifies each group (someone missing, several
ranges, one range with different labels from different annotators). Only the
building of the result objects is left to Python, in
:mod:`annotator.core.adjudication`.

Up to 62 annotators per document (the masks are 64-bit integers).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import Any, overload

import numpy as np

from annotator.core.values import Span

MAX_ANNOTATORS = 62

SpanKey = tuple[int, int, str]


class SpanColumns(Sequence[Span]):
    """One annotator's spans held as columns, as a query returns them; each
    :class:`Span` object is made on first access (opening a document diffs
    100,000 spans but shows only those in disagreements in detail).

    ``attrs`` holds only the non-empty attribute mappings, by position.
    """

    __slots__ = ("_made", "attrs", "ends", "ids", "labels", "starts")

    def __init__(self, ids: Sequence[str], starts: Sequence[int], ends: Sequence[int], labels: Sequence[str],
                 attrs: dict[int, dict[str, Any]] | None = None) -> None:
        if not len(ids) == len(starts) == len(ends) == len(labels):
            raise ValueError("span columns of different lengths")
        self.ids, self.starts, self.ends, self.labels = ids, starts, ends, labels
        self.attrs = attrs or {}
        self._made: list[Span | None] = [None] * len(ids)

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[str, int, int, str, dict[str, Any] | None]]) -> SpanColumns:
        """From ``(id, start, end, label, attrs or None)`` rows."""
        if not rows:
            return cls([], [], [], [])
        ids, starts, ends, labels, attrs = zip(*rows)
        return cls(ids, starts, ends, labels, {i: a for i, a in enumerate(attrs) if a})

    def __len__(self) -> int:
        return len(self.ids)

    @overload
    def __getitem__(self, i: int) -> Span: ...
    @overload
    def __getitem__(self, i: slice) -> list[Span]: ...

    def __getitem__(self, i: int | slice) -> Span | list[Span]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self.ids)
        span = self._made[i]
        if span is None:
            span = self._made[i] = Span(self.ids[i], self.starts[i], self.ends[i], self.labels[i],
                                        dict(self.attrs.get(i, {})))
        return span

    def at(self, i: int) -> Span:
        """The span at position i >= 0 (the fast path of ``self[i]``)."""
        span = self._made[i]
        if span is None:
            span = self._made[i] = Span(self.ids[i], self.starts[i], self.ends[i], self.labels[i],
                                        dict(self.attrs.get(i, {})))
        return span

    def attrs_at(self, i: int) -> dict[str, Any]:
        """The attributes of the span at position i, without making the Span."""
        span = self._made[i]
        return span.attrs if span is not None else self.attrs.get(i, {})

    def __iter__(self) -> Iterator[Span]:
        for i in range(len(self.ids)):
            yield self.at(i)


class _Concatenated:
    """Position p of all annotators' spans (annotator after annotator) -> the Span."""

    __slots__ = ("_base", "_getters", "_owner", "_seqs")

    def __init__(self, seqs: Sequence[Sequence[Span]], owner: list[int], base: list[int]) -> None:
        self._seqs, self._owner, self._base = seqs, owner, base
        self._getters = [seq.at if isinstance(seq, SpanColumns) else seq.__getitem__ for seq in seqs]

    def __getitem__(self, p: int) -> Span:
        a = self._owner[p]
        return self._getters[a](p - self._base[a])

    def attrs(self, p: int) -> Mapping[str, Any]:
        """The attributes of the span at p, without making a Span object if it is not made yet."""
        a = self._owner[p]
        seq = self._seqs[a]
        if isinstance(seq, SpanColumns):
            return seq.attrs_at(p - self._base[a])
        return seq[p - self._base[a]].attrs

    def __len__(self) -> int:
        return len(self._owner)


def _columns(seq: Sequence[Span]) -> tuple[Sequence[int], Sequence[int], Sequence[str], list[int],
                                           list[Mapping[str, Any]]]:
    """starts, ends, labels, and the positions and attributes of the spans that have any (in any
    order), without making Span objects if possible."""
    if isinstance(seq, SpanColumns):
        return seq.starts, seq.ends, seq.labels, list(seq.attrs), list(seq.attrs.values())
    with_attrs = [i for i, s in enumerate(seq) if s.attrs]
    return ([s.start for s in seq], [s.end for s in seq], [s.label for s in seq], with_attrs,
            [seq[i].attrs for i in with_attrs])


def popcount(masks: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(masks.shape, dtype=np.int64)
    for i in range(n):
        out += (masks >> i) & 1
    return out


@dataclass
class SpanTable:
    """All annotators' spans of one document as arrays, keyed by (start, end, label)."""

    names: tuple[str, ...]
    spans: _Concatenated  # spans[p]: every annotator's spans, annotator after annotator
    owner: np.ndarray  # annotator index of each span
    with_attrs: np.ndarray  # positions of spans that have attributes
    labels: dict[str, int]  # label -> code
    scale: int  # key = (start * scale + end) * len(labels) + code
    keys: np.ndarray  # sorted distinct keys
    inverse: np.ndarray  # span -> index into keys
    masks: np.ndarray  # key -> bit mask of annotators holding it
    occ_order: np.ndarray = field(repr=False)  # span positions grouped by key
    occ_offsets: np.ndarray = field(repr=False)  # key k's spans: occ_order[occ_offsets[k]:occ_offsets[k + 1]]
    #: keys whose spans carry different attribute objects (equal objects are one object when read from
    #: the database, where each distinct JSON text is decoded once): only these can disagree on values
    attr_suspects: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64), repr=False)

    @property
    def full_mask(self) -> int:
        return (1 << len(self.names)) - 1

    def key_index(self, key: SpanKey) -> int | None:
        code = self.labels.get(key[2])
        if code is None or key[1] >= self.scale or key[0] < 0:
            return None
        k = (key[0] * self.scale + key[1]) * len(self.labels) + code
        i = int(np.searchsorted(self.keys, k))
        return i if i < self.keys.size and int(self.keys[i]) == k else None

    def holders(self, key: SpanKey) -> tuple[str, ...]:
        i = self.key_index(key)
        if i is None:
            return ()
        mask = int(self.masks[i])
        return tuple(n for b, n in enumerate(self.names) if mask >> b & 1)

    @cached_property
    def owner_list(self) -> list[int]:
        owners: list[int] = self.owner.tolist()
        return owners

    def positions(self, k: int) -> list[int]:
        found: list[int] = self.occ_order[self.occ_offsets[k]:self.occ_offsets[k + 1]].tolist()
        return found

    def key_tuple(self, k: int) -> SpanKey:
        value = int(self.keys[k])
        rng, code = divmod(value, len(self.labels))
        start, end = divmod(rng, self.scale)
        return (start, end, self._label_names[code])

    @cached_property
    def _label_names(self) -> list[str]:
        out = [""] * len(self.labels)
        for lab, code in self.labels.items():
            out[code] = lab
        return out

    @cached_property
    def by_annotator(self) -> dict[str, dict[SpanKey, list[Span]]]:
        """Each annotator's spans by key (built on first use)."""
        out: dict[str, dict[SpanKey, list[Span]]] = {n: {} for n in self.names}
        names = self.names
        owner = self.owner.tolist()
        for p in range(len(owner)):
            s = self.spans[p]
            out[names[owner[p]]].setdefault((s.start, s.end, s.label), []).append(s)
        return out


class GroupVersions(Mapping[str, tuple[Span, ...]]):
    """Every annotator's spans of one disagreement group, made on first access.

    A long document has tens of thousands of disagreements and the view shows a
    few at a time: the group keeps its keys, and the spans (each annotator's, in
    key order) are looked up in the table when someone reads them. Iterating and
    ``len`` give the annotators' names without making anything.
    """

    __slots__ = ("_keys", "_made", "_table")

    def __init__(self, table: SpanTable, keys: Sequence[int]) -> None:
        self._table, self._keys = table, keys
        self._made: dict[str, tuple[Span, ...]] | None = None

    def _versions(self) -> dict[str, tuple[Span, ...]]:
        made = self._made
        if made is None:
            table = self._table
            names, owner, spans = table.names, table.owner_list, table.spans
            lists: dict[str, list[Span]] = {n: [] for n in names}
            for k in self._keys:
                for p in table.positions(k):
                    lists[names[owner[p]]].append(spans[p])
            made = self._made = {n: tuple(v) for n, v in lists.items()}
        return made

    def __getitem__(self, name: str) -> tuple[Span, ...]:
        return self._versions()[name]

    def span_keys(self) -> frozenset[tuple[int, int, str]]:
        """The group's (start, end, label) keys, without making its spans."""
        return frozenset(self._table.key_tuple(k) for k in self._keys)

    def __iter__(self) -> Iterator[str]:
        return iter(self._table.names)

    def __len__(self) -> int:
        return len(self._table.names)

    def __contains__(self, name: object) -> bool:
        return name in self._table.names

    def __repr__(self) -> str:
        return f"GroupVersions({self._versions()!r})"


def build_table(names: Sequence[str], span_lists: Sequence[Sequence[Span]]) -> SpanTable:
    """Arrays over the annotators' spans (in *names* order); a :class:`SpanColumns`
    is read without making its Span objects."""
    if len(names) > MAX_ANNOTATORS:
        raise ValueError(f"at most {MAX_ANNOTATORS} annotators can be compared at once")
    start_parts, end_parts, label_parts, attr_parts, counts, base = [], [], [], [], [], []
    code_parts = []  # the id() of each span's attributes mapping: the same object, the same attributes
    total = 0
    for seq in span_lists:
        st, en, lab, with_attrs, attr_objects = _columns(seq)
        start_parts.append(np.asarray(st, dtype=np.int64))
        end_parts.append(np.asarray(en, dtype=np.int64))
        label_parts.append(lab)
        attr_parts.append(np.asarray(with_attrs, dtype=np.int64) + total)
        code_parts.append(np.fromiter(map(id, attr_objects), dtype=np.int64, count=len(attr_objects)))
        counts.append(len(seq))
        base.append(total)
        total += len(seq)
    labels: dict[str, int] = {}
    for lab in sorted({x for part in label_parts for x in part}):
        labels[lab] = len(labels)
    starts = np.concatenate(start_parts) if start_parts else np.zeros(0, dtype=np.int64)
    ends = np.concatenate(end_parts) if end_parts else np.zeros(0, dtype=np.int64)
    codes = np.fromiter(chain.from_iterable(map(labels.__getitem__, part) for part in label_parts), dtype=np.int64,
                        count=total)
    owner = np.repeat(np.arange(len(names), dtype=np.int64), counts)
    scale = int(ends.max()) + 1 if total else 1
    n_labels = max(len(labels), 1)
    all_keys = (starts * scale + ends) * n_labels + codes
    keys, inverse = np.unique(all_keys, return_inverse=True)
    masks = np.zeros(keys.size, dtype=np.int64)
    np.bitwise_or.at(masks, inverse, np.left_shift(1, owner))
    occ_order = np.argsort(inverse, kind="stable")
    occ_offsets = np.concatenate(([0], np.cumsum(np.bincount(inverse, minlength=keys.size))))
    spans = _Concatenated(list(span_lists), owner.tolist(), base)
    with_attrs_all = np.concatenate(attr_parts) if attr_parts else np.zeros(0, dtype=np.int64)
    attr_ids = np.zeros(total, dtype=np.int64)
    if with_attrs_all.size:
        attr_ids[with_attrs_all] = np.concatenate(code_parts)
    # keys whose spans do not all share one attributes object (or all have none): only these may differ
    if keys.size:
        by_key = attr_ids[occ_order]
        lo = np.minimum.reduceat(by_key, occ_offsets[:-1])
        hi = np.maximum.reduceat(by_key, occ_offsets[:-1])
        attr_suspects = np.flatnonzero(lo != hi)
    else:
        attr_suspects = np.zeros(0, dtype=np.int64)
    return SpanTable(tuple(names), spans, owner, with_attrs_all, labels, scale, keys, inverse, masks, occ_order,
                     occ_offsets, attr_suspects)


@dataclass
class OpenGroups:
    """Keys not every annotator made, grouped; per group its keys (indices into the table's keys)."""

    groups: list[list[int]]  # each group's keys, smallest first (the first names the group)
    missing: list[bool]  # some annotator made none of the group's spans
    boundary: list[bool]  # the group holds more than one range
    label: list[bool]  # a range of the group carries labels from different annotators
    lo: list[int] = field(default_factory=list)  # the smallest start of the group's spans
    hi: list[int] = field(default_factory=list)  # the largest end


def open_groups(table: SpanTable) -> OpenGroups:
    n_names = len(table.names)
    open_k = np.flatnonzero(table.masks != table.full_mask)
    if open_k.size == 0:
        return OpenGroups([], [], [], [], [], [])
    n_labels = max(len(table.labels), 1)
    keys = table.keys[open_k]
    rng = keys // n_labels
    lab = keys % n_labels
    start = rng // table.scale
    end = rng % table.scale
    # 1. same label, overlapping (transitively): sort by (label, start), running maximum of ends
    order = np.lexsort((start, lab))
    offset = lab[order] * (table.scale + 1)
    s_sorted = offset + start[order]
    e_sorted = offset + end[order]
    run_max = np.maximum.accumulate(e_sorted)
    new = np.ones(order.size, dtype=bool)
    new[1:] = s_sorted[1:] >= run_max[:-1]
    group = np.empty(order.size, dtype=np.int64)
    group[order] = np.cumsum(new) - 1
    # 2. the same range with several labels: join their groups (few; a small union-find)
    by_range = np.argsort(rng, kind="stable")
    same = np.flatnonzero(rng[by_range][1:] == rng[by_range][:-1])
    if same.size:
        parent: dict[int, int] = {}

        def find(g: int) -> int:
            while parent.get(g, g) != g:
                g = parent[g]
            return g

        for i in same.tolist():
            a, b = find(int(group[by_range[i]])), find(int(group[by_range[i + 1]]))
            if a != b:
                parent[max(a, b)] = min(a, b)
        if parent:
            mapping = np.arange(int(group.max()) + 1)
            for g in list(parent):
                mapping[g] = find(g)
            group = mapping[group]
    # 3. classify each group: sort by (group, key)
    order = np.lexsort((keys, group))
    g_sorted = group[order]
    first = np.ones(order.size, dtype=bool)
    first[1:] = g_sorted[1:] != g_sorted[:-1]
    starts_at = np.flatnonzero(first)
    masks = table.masks[open_k][order]
    union = np.bitwise_or.reduceat(masks, starts_at)
    missing = union != table.full_mask
    r_sorted = rng[order]
    new_range = first.copy()
    new_range[1:] |= r_sorted[1:] != r_sorted[:-1]
    n_ranges = np.add.reduceat(new_range.astype(np.int64), starts_at)
    boundary = n_ranges > 1
    # a run of keys with one range inside a group: labels from different annotators?
    run_at = np.flatnonzero(new_range)
    run_len = np.diff(np.append(run_at, order.size))
    run_union = np.bitwise_or.reduceat(masks, run_at)
    run_label = (run_len > 1) & (popcount(run_union, n_names) > 1)
    group_of_run = np.cumsum(first)[run_at] - 1
    label = np.bincount(group_of_run[run_label], minlength=starts_at.size) > 0
    lo = np.minimum.reduceat(start[order], starts_at)
    hi = np.maximum.reduceat(end[order], starts_at)
    bounds = np.append(starts_at, order.size).tolist()
    ordered = open_k[order].tolist()
    groups = [ordered[bounds[i]:bounds[i + 1]] for i in range(len(bounds) - 1)]
    return OpenGroups(groups, missing.tolist(), boundary.tolist(), label.tolist(), lo.tolist(), hi.tolist())
