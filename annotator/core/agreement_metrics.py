"""One accumulator per agreement figure: each adds documents and merges exactly.

Every accumulator is a sum over documents kept by label name (never by a counter's
label code) or by attribute value, so ``a.merge(b)`` is plain addition and gives
what adding ``b``'s documents to ``a`` after its own would. Per pair of annotators:

- :class:`SpanAgreement`: span F1, exact and overlapping (the class of every span);
- :class:`TokenKappa`: Cohen's kappa over word tokens (the confusion table of the
  innermost labels for ALL, and for each label the tokens each side covers);
- :class:`AttributeAgreement`: attribute values on the spans both made;
- :class:`RelationAgreement`: relations between ends both made.

Over all annotators: :class:`TokenAlpha` (Krippendorff's alpha over word tokens) and
:class:`LinkAgreement` (cross-document links, counted per pair when the report is made).

Integer sums merge exactly. Alpha's coincidence sums are floats (divided by the
coders of a document minus one); they merge bit for bit when the counter merged in
holds one document (how the parallel service uses it), and otherwise whenever they
are whole or binary fractions (documents of 2, 3 or 5 annotators).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.core.adjudication import LinkItem, RelationItem
from annotator.core.agreement_arrays import LABEL_CODES, Prepared, lookup, member, sorted_unique
from annotator.core.agreement_figures import (
    ALL,
    ItemAgreement,
    RelationCounts,
    SpanCounts,
    alpha_from_coincidences,
    cohen_kappa,
)

Category = str | None  # a token's label; None: outside every span


# -- span F1 -------------------------------------------------------------------------------

@dataclass
class SpanAgreement:
    """Span F1 of one pair, exact and overlapping: per label, each span's class (both,
    label differs, boundary differs, only A / only B) and the spans the other overlaps."""

    counts: dict[str, SpanCounts] = field(default_factory=dict)

    def add(self, pa: Prepared, pb: Prepared, labels: Sequence[str]) -> None:
        """One document; *labels* names the codes of the prepared arrays (code 1 first)."""
        ov_a, ov_b = _overlaps(pa, pb), _overlaps(pb, pa)
        class_a = _classify(pa, pb, ov_a)
        class_b = _classify(pb, pa, ov_b)
        width = len(labels) + 1
        # per label code: counts of each class (0 both, 1 label differs, 2 boundary differs, 3 only)
        ta = np.bincount(pa.key_labels * 4 + class_a, minlength=width * 4).reshape(-1, 4)
        tb = np.bincount(pb.key_labels * 4 + class_b, minlength=width * 4).reshape(-1, 4)
        oa = np.bincount(pa.key_labels[ov_a], minlength=width)
        ob = np.bincount(pb.key_labels[ov_b], minlength=width)
        for code in sorted(set(pa.by_label) | set(pb.by_label)):
            ra, rb = ta[code].tolist(), tb[code].tolist()
            self.counts.setdefault(labels[code - 1], SpanCounts()).add(SpanCounts(
                a=sum(ra), b=sum(rb), both=ra[0], label_differs=ra[1] + rb[1], boundary_differs=ra[2] + rb[2],
                only_a=ra[3], only_b=rb[3], overlap_a=int(oa[code]), overlap_b=int(ob[code])))

    def merge(self, other: SpanAgreement) -> None:
        for label, c in other.counts.items():
            self.counts.setdefault(label, SpanCounts()).add(c)

    def figures(self, labels: Sequence[str]) -> dict[str, SpanCounts]:
        """Counts per label of *labels* (every one, in order), then their sum as ALL."""
        out: dict[str, SpanCounts] = {}
        total = SpanCounts()
        for label in labels:
            c = out[label] = SpanCounts()
            if label in self.counts:
                c.add(self.counts[label])
            total.add(c)
        out[ALL] = total
        return out


def _overlaps(pa: Prepared, pb: Prepared) -> np.ndarray:
    """For each key of A: does B have a span of the same label overlapping it?"""
    out = np.zeros(pa.keys.size, dtype=bool)
    for code, (bs, _be, bmax) in pb.by_label.items():
        sel = np.flatnonzero(pa.key_labels == code)
        if sel.size == 0:
            continue
        j = np.searchsorted(bs, pa.key_ends[sel], side="left")
        ok = j > 0
        hit = np.zeros(sel.size, dtype=bool)
        hit[ok] = bmax[j[ok] - 1] > pa.key_starts[sel][ok]
        out[sel] = hit
    return out


def _classify(pa: Prepared, pb: Prepared, overlapped: np.ndarray) -> np.ndarray:
    """Class of each span of A against B: 0 both, 1 label differs, 2 boundary differs, 3 only A."""
    out = np.full(pa.keys.size, 3, dtype=np.int64)
    out[overlapped] = 2
    out[member(pb.ranges, pa.keys // LABEL_CODES)] = 1
    out[member(pb.keys, pa.keys)] = 0
    return out


# -- Cohen's kappa over tokens ----------------------------------------------------------------

@dataclass
class Covered:
    """Tokens of one label's spans: covered by A, by B, by both."""

    a: int = 0
    b: int = 0
    both: int = 0

    def add(self, other: Covered) -> None:
        self.a += other.a
        self.b += other.b
        self.both += other.both


@dataclass
class TokenKappa:
    """Cohen's kappa of one pair over word tokens: for ALL the confusion table of the
    innermost labels; for each label the tokens each side covers (a token neither
    covers is the rest of the pair's tokens, so a label met late counts every earlier
    token as outside it for both)."""

    tokens: int = 0
    confusion: Counter[tuple[Category, Category]] = field(default_factory=Counter)
    covered: dict[str, Covered] = field(default_factory=dict)

    def add(self, pa: Prepared, pb: Prepared, labels: Sequence[str]) -> None:
        n_cat = len(labels) + 1
        n_tokens = int(pa.innermost.size)
        self.tokens += n_tokens
        conf = np.bincount(pa.innermost * n_cat + pb.innermost, minlength=n_cat * n_cat)
        cells = np.flatnonzero(conf)
        names: list[Category] = [None, *labels]
        for cell, n in zip(cells.tolist(), conf[cells].tolist(), strict=True):
            self.confusion[(names[cell // n_cat], names[cell % n_cat])] += n
        none = np.zeros(n_tokens, dtype=bool)
        for code in sorted(set(pa.cover) | set(pb.cover)):
            ca = pa.cover.get(code, none)
            cb = pb.cover.get(code, none)
            self.covered.setdefault(labels[code - 1], Covered()).add(Covered(
                int(np.count_nonzero(ca)), int(np.count_nonzero(cb)), int(np.count_nonzero(ca & cb))))

    def merge(self, other: TokenKappa) -> None:
        self.tokens += other.tokens
        self.confusion.update(other.confusion)
        for label, c in other.covered.items():
            self.covered.setdefault(label, Covered()).add(c)

    def figures(self, labels: Sequence[str]) -> dict[str, float | None]:
        """Kappa per label of *labels*, then ALL (``None`` where undefined: no variation)."""
        out: dict[str, float | None] = {}
        for label in labels:
            c = self.covered.get(label)
            out[label] = None if c is None else cohen_kappa(np.array(
                [[self.tokens - c.a - c.b + c.both, c.b - c.both], [c.a - c.both, c.both]], dtype=np.int64))
        index: dict[Category, int] = {None: 0, **{lab: i for i, lab in enumerate(labels, start=1)}}
        table = np.zeros((len(labels) + 1, len(labels) + 1), dtype=np.int64)
        for (la, lb), n in self.confusion.items():
            table[index[la], index[lb]] += n
        out[ALL] = cohen_kappa(table)
        return out


# -- Krippendorff's alpha over tokens -----------------------------------------------------------

@dataclass
class Coincidences:
    """One label's binary coincidence sums (outside it, inside it): diagonal and totals."""

    diag_out: float = 0.0
    diag_in: float = 0.0
    tot_out: float = 0.0
    tot_in: float = 0.0

    @classmethod
    def outside(cls, values: float) -> Coincidences:
        """The sums when every one of *values* pairable values was outside the label."""
        return cls(values, 0.0, values, 0.0)

    def add(self, other: Coincidences) -> None:
        self.diag_out += other.diag_out
        self.diag_in += other.diag_in
        self.tot_out += other.tot_out
        self.tot_in += other.tot_in

    def alpha(self) -> float | None:
        return alpha_from_coincidences(np.array([self.diag_out, self.diag_in]), np.array([self.tot_out, self.tot_in]))


@dataclass
class TokenAlpha:
    """Krippendorff's alpha (nominal) of all annotators over word tokens, from summed
    coincidences: for ALL per innermost label, for each label inside it or not.
    A document counts when at least two annotators annotated it."""

    documents: int = 0
    tokens: int = 0
    values: float = 0.0  # pairable values: sum over documents of coders x tokens
    diag: dict[Category, float] = field(default_factory=dict)  # ALL: the coincidence diagonal per category
    totals: dict[Category, float] = field(default_factory=dict)
    labels: dict[str, Coincidences] = field(default_factory=dict)  # per label met in a document counted

    def add(self, prepared: Sequence[Prepared], labels: Sequence[str]) -> None:
        """One document: each coder's arrays (two or more), *labels* naming their codes."""
        m = len(prepared)
        n_tokens = int(prepared[0].innermost.size)
        self.documents += 1
        self.tokens += n_tokens
        names: list[Category] = [None, *labels]
        for c, name in enumerate(names):
            n_uc = np.zeros(n_tokens, dtype=np.int64)
            for p in prepared:
                n_uc += p.innermost == c
            total = float(n_uc.sum())
            if total:  # a category no token took adds nothing
                self.diag[name] = self.diag.get(name, 0.0) + float((n_uc * (n_uc - 1)).sum()) / (m - 1)
                self.totals[name] = self.totals.get(name, 0.0) + total
        met = set().union(*(p.cover for p in prepared))
        none = np.zeros(n_tokens, dtype=bool)
        for code, name in enumerate(labels, start=1):
            if code not in met and name not in self.labels:
                continue  # no label entry yet: it stands for "every value outside" (see figures)
            n_u1 = np.zeros(n_tokens, dtype=np.int64)
            for p in prepared:
                n_u1 += p.cover.get(code, none)
            n_u0 = m - n_u1
            d = (np.array([(n_u0 * (n_u0 - 1)).sum(), (n_u1 * (n_u1 - 1)).sum()], dtype=np.float64) / (m - 1)).tolist()
            t = np.array([n_u0.sum(), n_u1.sum()], dtype=np.float64).tolist()
            entry = self.labels.get(name)
            if entry is None:  # a label met now: every earlier value was outside it
                entry = self.labels[name] = Coincidences.outside(self.values)
            entry.add(Coincidences(d[0], d[1], t[0], t[1]))
        self.values += float(m * n_tokens)

    def merge(self, other: TokenAlpha) -> None:
        for name, v in other.diag.items():
            self.diag[name] = self.diag.get(name, 0.0) + v
        for name, v in other.totals.items():
            self.totals[name] = self.totals.get(name, 0.0) + v
        for label in [*self.labels, *(lab for lab in other.labels if lab not in self.labels)]:
            mine = self.labels.get(label) or Coincidences.outside(self.values)
            mine.add(other.labels.get(label) or Coincidences.outside(other.values))
            self.labels[label] = mine
        self.documents += other.documents
        self.tokens += other.tokens
        self.values += other.values

    def figures(self, labels: Sequence[str]) -> dict[str, float | None]:
        """Alpha per label of *labels*, then ALL (``None`` where undefined)."""
        out: dict[str, float | None] = {}
        for label in labels:
            entry = self.labels.get(label)
            out[label] = None if entry is None else entry.alpha()  # never met: no variation
        if not self.documents:
            out[ALL] = None
            return out
        names: list[Category] = [None, *labels]
        out[ALL] = alpha_from_coincidences(np.array([self.diag.get(n, 0.0) for n in names]),
                                           np.array([self.totals.get(n, 0.0) for n in names]))
        return out


# -- attributes -----------------------------------------------------------------------------------

@dataclass
class AttributeAgreement:
    """Attribute values of one pair over the spans both made: per attribute, items, items
    with equal values, and the table of values for kappa (a missing value is its own)."""

    items: dict[str, ItemAgreement] = field(default_factory=dict)

    def add(self, pa: Prepared, pb: Prepared, values: Sequence[Hashable]) -> None:
        """One document; *values* gives the value key of each value id of the prepared columns."""
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        for name in sorted(set(pa.attr_columns) | set(pb.attr_columns)):
            ka, va = pa.attr_columns.get(name, empty)
            kb, vb = pb.attr_columns.get(name, empty)
            cand = sorted_unique(np.concatenate((ka, kb)))
            cand = cand[member(pa.keys, cand) & member(pb.keys, cand)]
            if cand.size == 0:
                continue
            vals_a = lookup(ka, va, cand)
            vals_b = lookup(kb, vb, cand)
            item = self.items.setdefault(name, ItemAgreement())
            item.items += int(cand.size)
            item.agreed += int(np.count_nonzero(vals_a == vals_b))
            width = int(max(vals_a.max(), vals_b.max())) + 2
            pairs, counts = np.unique((vals_a + 1) * width + (vals_b + 1), return_counts=True)
            for pair, n in zip(pairs.tolist(), counts.tolist(), strict=True):
                ia, ib = pair // width - 1, pair % width - 1
                item.table[(None if ia < 0 else values[ia], None if ib < 0 else values[ib])] += n

    def merge(self, other: AttributeAgreement) -> None:
        for name, item in other.items.items():
            self.items.setdefault(name, ItemAgreement()).add(item)


# -- relations and links ----------------------------------------------------------------------------

@dataclass
class RelationAgreement:
    """Relations of one pair between ends (ranges) both made, per type and ALL."""

    counts: dict[str, RelationCounts] = field(default_factory=dict)  # in the order types were met

    def add(self, pa: Prepared, pb: Prepared, scale: int) -> None:
        if not pa.relations and not pb.relations:
            return

        def both_have(rels: Sequence[RelationItem]) -> list[tuple[str, Any]]:
            if not rels:
                return []
            ends = np.array([[r.head[0] * scale + r.head[1], r.tail[0] * scale + r.tail[1]] for r in rels])
            ok = member(pa.ranges, ends) & member(pb.ranges, ends)
            return [(r.type, (r.head, r.tail)) for r, good in zip(rels, ok.all(axis=1).tolist(), strict=True) if good]

        count_items(self.counts, both_have(pa.relations), both_have(pb.relations))

    def merge(self, other: RelationAgreement) -> None:
        for kind, c in other.counts.items():
            self.counts.setdefault(kind, RelationCounts()).add(c)


@dataclass
class LinkAgreement:
    """Cross-document links of all annotators: each annotator's links (registered before
    the documents), and the link ends each made a span at. A pair's counts are made at
    the end, over the links whose two ends both made."""

    links: dict[str, list[LinkItem]] = field(default_factory=dict)
    ends: dict[str, set[tuple[str, int, int]]] = field(default_factory=dict)

    def register(self, annotator: str, links: Sequence[LinkItem]) -> None:
        self.links[annotator] = list(links)

    def add(self, doc_id: str, prepared: Mapping[str, Prepared], scale: int) -> None:
        """Note which link ends in document *doc_id* each annotator made a span at."""
        ends = {e for links in self.links.values() for lk in links for e in (lk.source, lk.target) if e[0] == doc_id}
        if not ends:
            return
        ordered = sorted(ends)
        keys = np.array([s * scale + e for _, s, e in ordered], dtype=np.int64)
        for name, p in prepared.items():
            for end, ok in zip(ordered, member(p.ranges, keys).tolist(), strict=True):
                if ok:
                    self.ends.setdefault(name, set()).add(end)

    def merge(self, other: LinkAgreement) -> None:
        """Each side registered its links itself: keep these, take those registered only there."""
        for name, links in other.links.items():
            self.links.setdefault(name, list(links))
        for name, ends in other.ends.items():
            self.ends.setdefault(name, set()).update(ends)

    def figures(self, a: str, b: str) -> dict[str, RelationCounts]:
        if a not in self.links and b not in self.links:
            return {}
        shared = self.ends.get(a, set()) & self.ends.get(b, set())
        items_a = [(lk.type, (lk.source, lk.target)) for lk in self.links.get(a, ())
                   if lk.source in shared and lk.target in shared]
        items_b = [(lk.type, (lk.source, lk.target)) for lk in self.links.get(b, ())
                   if lk.source in shared and lk.target in shared]
        out: dict[str, RelationCounts] = {}
        count_items(out, items_a, items_b)
        return out


def count_items(into: dict[str, RelationCounts], items_a: list[tuple[str, Any]],
                items_b: list[tuple[str, Any]]) -> None:
    """Count typed items (relations, links) of a pair: both, type differs (the other made a
    different type between the same ends), only A, only B. Set arithmetic and counters: a long
    document's thousands of relations per pair cost a few milliseconds."""
    set_a, set_b = set(items_a), set(items_b)
    ends_a = {ends for _, ends in set_a}
    ends_b = {ends for _, ends in set_b}
    only_a, only_b = set_a - set_b, set_b - set_a
    made_a = Counter(t for t, _ in set_a)
    made_b = Counter(t for t, _ in set_b)
    both = Counter(t for t, _ in set_a & set_b)
    differs = Counter(t for t, ends in only_a if ends in ends_b) + Counter(t for t, ends in only_b if ends in ends_a)
    alone_a = Counter(t for t, ends in only_a if ends not in ends_b)
    alone_b = Counter(t for t, ends in only_b if ends not in ends_a)
    total = into.setdefault(ALL, RelationCounts())
    for t in sorted(made_a.keys() | made_b.keys()):  # a fixed key order, whatever the hashing
        counts = RelationCounts(both=both[t], type_differs=differs[t], only_a=alone_a[t], only_b=alone_b[t],
                                a=made_a[t], b=made_b[t])
        into.setdefault(t, RelationCounts()).add(counts)
        total.add(counts)
