"""One annotator's annotations of one document, as the arrays the agreement metrics compare.

:class:`Annotations` is the input (spans in columns, their attributes, relations);
:func:`prepare` turns it into a :class:`Prepared` document: exact span keys, ranges,
spans by label, and per word token the innermost label and the labels covering it.
Labels are numbered by a counter's :class:`LabelCodes` and attribute values by its
:class:`ValueIds`; these numbers live only inside one document's comparison. The
metrics (:mod:`annotator.core.agreement_metrics`) keep their sums by label name and
attribute value, so counters that numbered differently still merge by plain addition.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

import numpy as np

from annotator.core.adjudication import RelationItem, gc_paused
from annotator.core.values import Span

LABEL_CODES = 1024  # label codes in a span key: key = (start * (len + 1) + end) * LABEL_CODES + code


class LabelColumn(Sequence[str]):
    """The labels of a set's spans as numbers: *names* (each label once) and,
    per span, its number among them (*ids*). Reads as the sequence of the spans' labels."""

    def __init__(self, names: Sequence[str], ids: np.ndarray) -> None:
        self.names = list(names)
        self.ids = np.asarray(ids, dtype=np.int64)

    def __len__(self) -> int:
        return int(self.ids.size)

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self.names[k] for k in self.ids[i].tolist()]
        return self.names[int(self.ids[i])]


class AttributeRows(Mapping[tuple[int, int, str], Mapping[str, Any]]):
    """The attributes of the spans that have any, in columns: each row's start, end,
    label (an index into *names*), its place in reading order (*order*, the latest
    wins when a set holds the same span twice) and *which* of the distinct attribute
    *objects* it holds. Reads as the mapping ``(start, end, label) -> attributes``."""

    def __init__(self, starts: np.ndarray, ends: np.ndarray, labels: np.ndarray, names: Sequence[str],
                 order: np.ndarray, which: np.ndarray, objects: Sequence[Mapping[str, Any]]) -> None:
        self.starts = np.asarray(starts, dtype=np.int64)
        self.ends = np.asarray(ends, dtype=np.int64)
        self.labels = np.asarray(labels, dtype=np.int64)
        self.names = list(names)
        self.order = np.asarray(order, dtype=np.int64)
        self.which = np.asarray(which, dtype=np.int64)
        self.objects = list(objects)
        self._dict: dict[tuple[int, int, str], Mapping[str, Any]] | None = None

    def _mapping(self) -> dict[tuple[int, int, str], Mapping[str, Any]]:
        if self._dict is None:
            rows = np.argsort(self.order, kind="stable").tolist()
            s, e, lab, w = self.starts.tolist(), self.ends.tolist(), self.labels.tolist(), self.which.tolist()
            self._dict = {(s[i], e[i], self.names[lab[i]]): self.objects[w[i]] for i in rows}
        return self._dict

    def __getitem__(self, key: tuple[int, int, str]) -> Mapping[str, Any]:
        return self._mapping()[key]

    def __iter__(self) -> Iterator[tuple[int, int, str]]:
        return iter(self._mapping())

    def __len__(self) -> int:
        return len(self._mapping())


@dataclass
class Annotations:
    """One annotator's annotations of one document, in columns.

    ``attrs`` maps ``(start, end, label)`` to the attributes of spans that have
    any (spans without attributes need no entry). ``labels`` may be a
    :class:`LabelColumn` and ``attrs`` an :class:`AttributeRows` (as storage reads
    them): :func:`prepare` then works on their arrays without a Python object per span.
    """

    starts: np.ndarray
    ends: np.ndarray
    labels: Sequence[str]
    attrs: Mapping[tuple[int, int, str], Mapping[str, Any]] = field(default_factory=dict)
    relations: Sequence[RelationItem] = ()

    @classmethod
    def from_spans(cls, spans: Iterable[Span], relations: Sequence[RelationItem] = ()) -> Annotations:
        spans = list(spans)
        return cls(
            np.fromiter((s.start for s in spans), dtype=np.int64, count=len(spans)),
            np.fromiter((s.end for s in spans), dtype=np.int64, count=len(spans)),
            [s.label for s in spans],
            {(s.start, s.end, s.label): s.attrs for s in spans if s.attrs},
            relations,
        )

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[int, int, str]], attrs: Mapping[tuple[int, int, str], Mapping[str, Any]]
                  | None = None, relations: Sequence[RelationItem] = ()) -> Annotations:
        """From ``(start, end, label)`` rows, as a query returns them."""
        with gc_paused():
            if rows:
                starts, ends, labels = zip(*rows, strict=True)
            else:
                starts, ends, labels = (), (), ()
            return cls(np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), list(labels),
                       attrs or {}, relations)


class LabelCodes:
    """The labels a counter knows, numbered from 1 (0 is "outside every span"): the
    schema's labels, then the labels met in the documents, in the order first met
    (the order the report lists them)."""

    def __init__(self, schema: Sequence[str]) -> None:
        if len(set(schema)) != len(schema):
            raise ValueError("a label is listed twice")
        self.labels: list[str] = list(schema)
        self._code = {lab: i + 1 for i, lab in enumerate(self.labels)}
        self._schema_size = len(self.labels)
        self._priority: np.ndarray | None = None

    def code(self, label: str) -> int:
        """The code of *label*; a label met for the first time gets the next code."""
        code = self._code.get(label)
        if code is None:
            self.labels.append(label)
            code = self._code[label] = len(self.labels)
            self._priority = None
        return code

    def known(self) -> Mapping[str, int]:
        """Label -> code of every label known so far (read only)."""
        return self._code

    def learn(self, labels: Iterable[str]) -> None:
        """Know these labels too (those not known yet get codes in this order)."""
        for lab in labels:
            self.code(lab)

    def priority(self) -> np.ndarray:
        """Rank of each label code when spans of equal length cover a token: schema order,
        then labels the schema does not list by name (so not by the order they were met,
        which would make a document's figures depend on the documents before it)."""
        if self._priority is None:
            n = self._schema_size
            extra = sorted(self.labels[n:])
            rank = {lab: n + 1 + i for i, lab in enumerate(extra)}
            self._priority = np.array([0, *range(1, n + 1), *(rank[lab] for lab in self.labels[n:])],
                                      dtype=np.int64)
        return self._priority


class ValueIds:
    """A small integer per distinct attribute value (equal values, equal ids), and back:
    ``keys[id]`` is the value's hashable identity (a string stays itself; ``1``, ``1.0``,
    ``True`` and ``"1"`` are four values; lists and mappings compare by their JSON)."""

    def __init__(self) -> None:
        self._ids: dict[Hashable, int] = {}
        self.keys: list[Hashable] = []

    def id(self, value: Any) -> int:
        if type(value) is str:  # the usual case; a str key never equals the tuples below
            key: Hashable = value
        elif isinstance(value, (int, float, bool, type(None))):
            key = (type(value).__name__, value)
        else:
            key = ("json", json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))
        vid = self._ids.get(key)
        if vid is None:
            vid = self._ids[key] = len(self.keys)
            self.keys.append(key)
        return vid

    def ids(self, values: Sequence[Any]) -> list[int]:
        """``[self.id(v) for v in values]``, with known strings (the usual values) looked up at C speed."""
        get = self._ids.get
        out = [get(v) if type(v) is str else None for v in values]
        if None in out:
            for i, vid in enumerate(out):
                if vid is None:
                    out[i] = self.id(values[i])
        return out  # type: ignore[return-value]  # no None is left


@dataclass
class Prepared:
    """One annotator's document, turned into arrays over label codes and tokens."""

    keys: np.ndarray  # unique exact keys (range * LABEL_CODES + label code), sorted
    key_labels: np.ndarray  # label code of each key
    key_starts: np.ndarray
    key_ends: np.ndarray
    ranges: np.ndarray  # unique range keys (start * scale + end), sorted
    by_label: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]  # code -> starts sorted, ends, prefix max end
    innermost: np.ndarray  # label code per token (0 = outside)
    cover: dict[int, np.ndarray]  # code -> bool per token
    attr_columns: dict[str, tuple[np.ndarray, np.ndarray]]  # attribute -> (exact keys sorted, value ids)
    relations: Sequence[RelationItem]


def prepare(ann: Annotations, tstarts: np.ndarray, tends: np.ndarray, scale: int, labels: LabelCodes,
            values: ValueIds) -> Prepared:
    """*ann* as arrays; *tstarts*/*tends* are the document's word tokens, *scale* its length + 1."""
    codes, present = _label_codes(ann.labels, labels)
    known = labels.known()
    starts = np.asarray(ann.starts, dtype=np.int64)
    ends = np.asarray(ann.ends, dtype=np.int64)
    keys_all = (starts * scale + ends) * LABEL_CODES + codes
    order = np.argsort(keys_all, kind="stable")
    sorted_keys = keys_all[order]
    first_of_run = np.ones(sorted_keys.size, dtype=bool)
    first_of_run[1:] = sorted_keys[1:] != sorted_keys[:-1]
    first = order[first_of_run]
    keys = sorted_keys[first_of_run]
    k_starts, k_ends, k_codes = starts[first], ends[first], codes[first]
    ranges = sorted_unique(k_starts * scale + k_ends)
    by_label: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for code in sorted(known[lab] for lab in present):
        sel = k_codes == code
        s, e = k_starts[sel], k_ends[sel]
        order = np.argsort(s, kind="stable")
        s, e = s[order], e[order]
        by_label[code] = (s, e, np.maximum.accumulate(e))
    n_tokens = tstarts.size
    first_tok = np.searchsorted(tends, k_starts, side="right")
    last_tok = np.searchsorted(tstarts, k_ends, side="left")
    lengths = np.maximum(last_tok - first_tok, 0)
    innermost = np.zeros(n_tokens, dtype=np.int64)
    cover: dict[int, np.ndarray] = {}
    if keys.size and n_tokens:
        order = np.lexsort((labels.priority()[k_codes], k_ends - k_starts))  # shortest, then schema order
        rank = np.empty_like(order)
        rank[order] = np.arange(order.size)
        idx = _expand(first_tok, lengths)
        best = np.full(n_tokens, order.size, dtype=np.int64)
        np.minimum.at(best, idx, np.repeat(rank, lengths))
        hit = best < order.size
        innermost[hit] = k_codes[order][best[hit]]
        for code in by_label:
            sel = k_codes == code
            delta = (np.bincount(first_tok[sel], minlength=n_tokens + 1)
                     - np.bincount(np.maximum(last_tok[sel], first_tok[sel]), minlength=n_tokens + 1))
            cover[code] = np.cumsum(delta[:n_tokens]) > 0
    return Prepared(keys, k_codes, k_starts, k_ends, ranges, by_label, innermost, cover,
                    _attr_columns(ann, scale, labels, values), ann.relations)


def _label_codes(column: Sequence[str], labels: LabelCodes) -> tuple[np.ndarray, list[str]]:
    """Each span's label code, and the labels present in the order first met (which
    numbers labels the counter meets for the first time: never by string hashing)."""
    if isinstance(column, LabelColumn):
        used = np.bincount(column.ids, minlength=len(column.names)) > 0 if column.ids.size else ()
        present = [name for name, u in zip(column.names, used, strict=False) if u]
        labels.learn(present)
        known = labels.known()
        name_codes = np.array([known[n] for n in column.names] or [0], dtype=np.int64)
        return name_codes[column.ids], present
    first_met = list(dict.fromkeys(column))
    labels.learn(first_met)
    known = labels.known()
    return np.fromiter(map(known.__getitem__, column), dtype=np.int64, count=len(column)), first_met


def _attr_columns(ann: Annotations, scale: int, labels: LabelCodes,
                  values: ValueIds) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    if isinstance(ann.attrs, AttributeRows):
        return _attr_columns_from_rows(ann.attrs, scale, labels, values)
    if not ann.attrs:
        return {}
    cols: dict[str, tuple[list[int], list[Any]]] = {}
    labels.learn(dict.fromkeys(k[2] for k in ann.attrs))
    code = labels.known()
    for (s, e, lab), attrs in ann.attrs.items():
        k = (s * scale + e) * LABEL_CODES + code[lab]
        for name, value in attrs.items():
            col = cols.get(name)
            if col is None:
                cols[name] = col = ([], [])
            col[0].append(k)
            col[1].append(value)
    out = {}
    for name, (ks, vs) in cols.items():
        karr = np.asarray(ks, dtype=np.int64)
        order = np.argsort(karr, kind="stable")
        out[name] = (karr[order], np.asarray(values.ids(vs), dtype=np.int64)[order])
    return out


def _attr_columns_from_rows(rows: AttributeRows, scale: int, labels: LabelCodes,
                            values: ValueIds) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """:func:`_attr_columns` of attribute rows: the latest row of each span key wins
    (as in the mapping they read as); one Python step per distinct object, not per row."""
    if rows.order.size == 0:
        return {}
    labels.learn(rows.names)
    known = labels.known()
    codes = np.array([known[n] for n in rows.names], dtype=np.int64)[rows.labels]
    keys = (rows.starts * scale + rows.ends) * LABEL_CODES + codes
    by_key = np.lexsort((rows.order, keys))
    keys = keys[by_key]
    last = np.ones(keys.size, dtype=bool)
    last[:-1] = keys[1:] != keys[:-1]
    keys, which = keys[last], rows.which[by_key][last]
    out = {}
    for name in dict.fromkeys(n for obj in rows.objects for n in obj):
        ids = np.array([values.id(obj[name]) if name in obj else -1 for obj in rows.objects], dtype=np.int64)
        vals = ids[which]
        has = vals >= 0
        if has.any():
            out[name] = (keys[has], vals[has])
    return out


# -- array helpers ----------------------------------------------------------------------

def _expand(i: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(i[k], i[k] + lengths[k])`` for all k."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    out: np.ndarray = np.arange(total, dtype=np.int64) - offsets + np.repeat(i, lengths)
    return out


def sorted_unique(arr: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted (a plain sort: faster than np.unique here)."""
    if arr.size == 0:
        return arr
    out = np.sort(arr, kind="stable")
    keep = np.ones(out.size, dtype=bool)
    keep[1:] = out[1:] != out[:-1]
    return out[keep]


def member(sorted_unique: np.ndarray, query: np.ndarray) -> np.ndarray:
    """For each value of *query* (any shape): is it in *sorted_unique*? Binary search, O(m log n)."""
    if sorted_unique.size == 0:
        return np.zeros(query.shape, dtype=bool)
    i = np.minimum(np.searchsorted(sorted_unique, query), sorted_unique.size - 1)
    found: np.ndarray = sorted_unique[i] == query
    return found


def lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """values[keys == w] for each w of *wanted* (sorted unique keys), -1 where absent."""
    if keys.size == 0:
        return np.full(wanted.size, -1, dtype=np.int64)
    i = np.searchsorted(keys, wanted)
    i_ok = np.minimum(i, keys.size - 1)
    found = keys[i_ok] == wanted
    out: np.ndarray = np.where(found, values[i_ok], -1)
    return out
