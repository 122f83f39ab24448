"""Inter-annotator agreement: span F1, Cohen's kappa, Krippendorff's alpha.

Pure computation over spans (numpy arrays inside; no database, no Qt). Feed an
:class:`AgreementCounter` one document at a time — every annotator's spans of it —
and read an :class:`AgreementReport`. Figures are pooled over all documents
(counts and token tables are summed, then the ratios computed once).

Definitions (the report repeats them in :data:`NOTES`):

- **Span F1, exact**: a span of A matches a span of B with the same start, end and
  label. F1 = 2·both / (spans of A + spans of B). Identical duplicates within one
  annotator count once.
- **Span F1, overlap**: a span counts as found if the other annotator has a span of
  the same label that overlaps it; recall = A's spans found by B / A's spans,
  precision = B's spans found by A / B's spans, F1 their harmonic mean.
- **Counts**: every span of A and of B falls in exactly one class: ``both`` (one per
  matched pair), ``label_differs`` (the other has the same range with another label),
  ``boundary_differs`` (else: the other has an overlapping span of the same label),
  ``only_a`` / ``only_b`` (nothing corresponding). So
  a + b = 2·both + label_differs + boundary_differs + only_a + only_b.
- **Tokens**: the word tokens of :mod:`annotator.core.tokens` (no spaces, no
  punctuation). A span covers a token it overlaps by at least one character.
- **Cohen's kappa (pair) and Krippendorff's alpha (all, nominal)**, over tokens.
  For "ALL" each token takes the label of the innermost (shortest) span covering
  it, else ``O``; equal lengths go to the label listed first in the schema (labels
  the schema does not list come after its labels, by name). For a
  label L each token is "in an L span" or not, so nested spans of other labels do
  not hide it. A document counts for a pair when both annotated it, for alpha when
  at least two did. Undefined values (no variation at all) are ``None``.
- **Attributes**: over spans both annotators made (same key), for each attribute
  either gave: items, items with equal values, the share agreed, and kappa over the
  values (a missing value is its own category).
- **Relations**: over relations whose two ends (ranges) both annotators made:
  both, type differs (same ends), only A, only B, F1. Links likewise, per link
  type, over links whose ends both annotators made.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np

from annotator.core.adjudication import LinkItem, RelationItem, gc_paused
from annotator.core.agreement_figures import (
    ALL,
    NOTES,
    OUTSIDE,
    AgreementReport,
    ItemAgreement,
    PairReport,
    RelationCounts,
    SpanCounts,
    alpha_from_coincidences,
    cohen_kappa,
    krippendorff_alpha_nominal,
)
from annotator.core.token_index import word_token_bounds
from annotator.core.values import Span

_LABELS = 1024  # label codes in a span key: key = (start * (len + 1) + end) * _LABELS + code

__all__ = [
    "ALL", "NOTES", "OUTSIDE", "AgreementCounter", "AgreementReport", "Annotations", "ItemAgreement", "PairReport",
    "RelationCounts", "SpanCounts", "agreement", "alpha_from_coincidences", "cohen_kappa",
    "krippendorff_alpha_nominal",
]


# -- input --------------------------------------------------------------------------

@dataclass
class Annotations:
    """One annotator's annotations of one document, in columns.

    ``attrs`` maps ``(start, end, label)`` to the attributes of spans that have
    any (spans without attributes need no entry).
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
                starts, ends, labels = zip(*rows)
            else:
                starts, ends, labels = (), (), ()
            return cls(np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), list(labels),
                       attrs or {}, relations)


# -- the computation ------------------------------------------------------------------

@dataclass
class _Prepared:
    """One annotator's document, turned into arrays over labels and tokens."""

    keys: np.ndarray  # unique exact keys (range * L + label code), sorted
    key_labels: np.ndarray  # label code of each key
    key_starts: np.ndarray
    key_ends: np.ndarray
    ranges: np.ndarray  # unique range keys, sorted
    by_label: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]  # code -> starts sorted, ends, prefix max end
    innermost: np.ndarray  # label code per token (0 = O)
    cover: dict[int, np.ndarray]  # code -> bool per token
    attr_columns: dict[str, tuple[np.ndarray, np.ndarray]]  # attribute -> (exact keys sorted, value ids)
    relations: Sequence[RelationItem]


def _expand(i: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(i[k], i[k] + lengths[k])`` for all k."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.arange(total, dtype=np.int64) - offsets + np.repeat(i, lengths)


class AgreementCounter:
    """Accumulates agreement over documents; :meth:`report` computes the figures."""

    def __init__(self, annotators: Sequence[str], labels: Sequence[str] = ()) -> None:
        if len(set(annotators)) != len(annotators):
            raise ValueError("an annotator is listed twice")
        self.annotators = list(annotators)
        self.labels = list(labels)
        self._code = {lab: i + 1 for i, lab in enumerate(self.labels)}
        self._schema_size = len(self.labels)
        self._priority: np.ndarray | None = None  # per code: rank among labels for equal-length ties
        self._pairs = {(a, b): PairReport(a, b) for a, b in combinations(self.annotators, 2)}
        self._pair_spans: dict[tuple[str, str], dict[int, SpanCounts]] = {
            p: defaultdict(SpanCounts) for p in self._pairs}
        self._pair_conf: dict[tuple[str, str], np.ndarray] = {}
        self._pair_bin: dict[tuple[str, str], dict[int, np.ndarray]] = {p: {} for p in self._pairs}
        self._alpha_diag: dict[int, np.ndarray] = {}
        self._alpha_tot: dict[int, np.ndarray] = {}
        self._alpha_all_diag = np.zeros(0)
        self._alpha_all_tot = np.zeros(0)
        self._documents = 0
        self._tokens = 0
        self._alpha_documents = 0
        self._alpha_tokens = 0
        self._alpha_values = 0.0  # pairable values so far: sum over documents of coders x tokens
        self._values: dict[Any, int] = {}  # attribute values -> ids
        self._links: dict[str, list[LinkItem]] = {}
        self._link_ends: dict[str, set[tuple[str, int, int]]] = defaultdict(set)

    # labels met that the schema does not list get codes after the schema's
    def _label_code(self, label: str) -> int:
        code = self._code.get(label)
        if code is None:
            self.labels.append(label)
            code = self._code[label] = len(self.labels)
            self._priority = None
        return code

    def _tie_priority(self) -> np.ndarray:
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

    def add_links(self, annotator: str, links: Sequence[LinkItem]) -> None:
        """Register an annotator's links (before the documents they touch are added)."""
        self._links[annotator] = list(links)

    def add_document(self, text: str, versions: Mapping[str, Annotations], *, doc_id: str | None = None,
                     token_bounds: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """Add one document: *versions* maps each annotator who annotated it to their annotations."""
        with gc_paused():
            self._add_document(text, versions, doc_id, token_bounds)

    def _add_document(self, text: str, versions: Mapping[str, Annotations], doc_id: str | None,
                      token_bounds: tuple[np.ndarray, np.ndarray] | None) -> None:
        present = [a for a in self.annotators if a in versions]
        self._documents += 1
        tstarts, tends = token_bounds if token_bounds is not None else word_token_bounds(text)
        n_tokens = int(tstarts.size)
        self._tokens += n_tokens
        scale = len(text) + 1
        prepared = {a: self._prepare(versions[a], tstarts, tends, scale) for a in present}
        if doc_id is not None and self._links:
            self._note_link_ends(doc_id, prepared, scale)
        n_cat = len(self.labels) + 1
        for a, b in combinations(present, 2):
            key = (a, b) if (a, b) in self._pairs else (b, a)
            pa, pb = (prepared[key[0]], prepared[key[1]])
            report = self._pairs[key]
            report.documents += 1
            report.tokens += n_tokens
            self._compare_spans(key, pa, pb)
            self._compare_tokens(key, pa, pb, n_cat, n_tokens)
            self._compare_attrs(report, pa, pb, scale, n_cat)
            self._compare_relations(report, pa, pb, scale)
        if len(present) >= 2 and n_tokens:
            self._alpha_documents += 1
            self._alpha_tokens += n_tokens
            self._add_alpha([prepared[a] for a in present], n_cat)

    # -- preparation ------------------------------------------------------------------
    def _prepare(self, ann: Annotations, tstarts: np.ndarray, tends: np.ndarray, scale: int) -> _Prepared:
        present = dict.fromkeys(ann.labels)  # first-met order: codes do not depend on string hashing
        for lab in present:
            self._label_code(lab)
        codes = np.fromiter(map(self._code.__getitem__, ann.labels), dtype=np.int64, count=len(ann.labels))
        starts = np.asarray(ann.starts, dtype=np.int64)
        ends = np.asarray(ann.ends, dtype=np.int64)
        keys_all = (starts * scale + ends) * _LABELS + codes
        order = np.argsort(keys_all, kind="stable")
        sorted_keys = keys_all[order]
        first_of_run = np.ones(sorted_keys.size, dtype=bool)
        first_of_run[1:] = sorted_keys[1:] != sorted_keys[:-1]
        first = order[first_of_run]
        keys = sorted_keys[first_of_run]
        k_starts, k_ends, k_codes = starts[first], ends[first], codes[first]
        ranges = _sorted_unique(k_starts * scale + k_ends)
        by_label: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for code in sorted(self._code[lab] for lab in present):
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
            order = np.lexsort((self._tie_priority()[k_codes], k_ends - k_starts))  # shortest, then schema order
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
        return _Prepared(keys, k_codes, k_starts, k_ends, ranges, by_label, innermost, cover,
                         self._attr_columns(ann, scale), ann.relations)

    def _value_id(self, value: Any) -> int:
        """A small integer per distinct attribute value (equal values, equal ids)."""
        if type(value) is str:  # the usual case; a str key never equals the tuples below
            key: Any = value
        elif isinstance(value, (int, float, bool, type(None))):
            key = (type(value).__name__, value)
        else:
            key = ("json", _freeze(value))
        vid = self._values.get(key)
        if vid is None:
            vid = self._values[key] = len(self._values)
        return vid

    def _attr_columns(self, ann: Annotations, scale: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        if not ann.attrs:
            return {}
        cols: dict[str, tuple[list[int], list[int]]] = {}
        for lab in dict.fromkeys(k[2] for k in ann.attrs):
            self._label_code(lab)
        code = self._code
        value_id = self._value_id
        for (s, e, lab), attrs in ann.attrs.items():
            k = (s * scale + e) * _LABELS + code[lab]
            for name, value in attrs.items():
                col = cols.get(name)
                if col is None:
                    cols[name] = col = ([], [])
                col[0].append(k)
                col[1].append(value_id(value))
        out = {}
        for name, (ks, vs) in cols.items():
            karr = np.asarray(ks, dtype=np.int64)
            order = np.argsort(karr, kind="stable")
            out[name] = (karr[order], np.asarray(vs, dtype=np.int64)[order])
        return out

    # -- spans ------------------------------------------------------------------------
    def _compare_spans(self, key: tuple[str, str], pa: _Prepared, pb: _Prepared) -> None:
        counts = self._pair_spans[key]
        ov_a, ov_b = self._overlaps(pa, pb), self._overlaps(pb, pa)
        class_a = self._classify(pa, pb, ov_a)
        class_b = self._classify(pb, pa, ov_b)
        width = len(self.labels) + 1
        # per label code: counts of each class (0 both, 1 label differs, 2 boundary differs, 3 only)
        ta = np.bincount(pa.key_labels * 4 + class_a, minlength=width * 4).reshape(-1, 4)
        tb = np.bincount(pb.key_labels * 4 + class_b, minlength=width * 4).reshape(-1, 4)
        oa = np.bincount(pa.key_labels[ov_a], minlength=width)
        ob = np.bincount(pb.key_labels[ov_b], minlength=width)
        for code in set(pa.by_label) | set(pb.by_label):
            c = counts[code]
            ra, rb = ta[code].tolist(), tb[code].tolist()
            c.a += sum(ra)
            c.b += sum(rb)
            c.both += ra[0]
            c.label_differs += ra[1] + rb[1]
            c.boundary_differs += ra[2] + rb[2]
            c.only_a += ra[3]
            c.only_b += rb[3]
            c.overlap_a += int(oa[code])
            c.overlap_b += int(ob[code])

    @staticmethod
    def _overlaps(pa: _Prepared, pb: _Prepared) -> np.ndarray:
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

    @staticmethod
    def _classify(pa: _Prepared, pb: _Prepared, overlapped: np.ndarray) -> np.ndarray:
        """Class of each span of A against B: 0 both, 1 label differs, 2 boundary differs, 3 only A."""
        out = np.full(pa.keys.size, 3, dtype=np.int64)
        out[overlapped] = 2
        out[_member(pb.ranges, pa.keys // _LABELS)] = 1
        out[_member(pb.keys, pa.keys)] = 0
        return out

    # -- tokens ---------------------------------------------------------------------
    def _compare_tokens(self, key: tuple[str, str], pa: _Prepared, pb: _Prepared, n_cat: int, n_tokens: int) -> None:
        conf = np.bincount(pa.innermost * n_cat + pb.innermost, minlength=n_cat * n_cat).reshape(n_cat, n_cat)
        old = self._pair_conf.get(key)
        if old is not None and old.shape[0] < n_cat:
            grown = np.zeros((n_cat, n_cat), dtype=np.int64)
            grown[: old.shape[0], : old.shape[0]] = old
            old = grown
        self._pair_conf[key] = conf if old is None else old + conf
        bins = self._pair_bin[key]
        none = np.zeros(n_tokens, dtype=bool)
        for code in range(1, n_cat):
            ca = pa.cover.get(code, none)
            cb = pb.cover.get(code, none)
            both = int(np.count_nonzero(ca & cb))
            n_a = int(np.count_nonzero(ca))
            n_b = int(np.count_nonzero(cb))
            table = np.array([[n_tokens - n_a - n_b + both, n_b - both], [n_a - both, both]], dtype=np.int64)
            if code not in bins:  # a label first met now: every earlier token was outside it for both
                earlier = self._pairs[key].tokens - n_tokens
                bins[code] = np.array([[earlier, 0], [0, 0]], dtype=np.int64)
            bins[code] = bins[code] + table

    def _add_alpha(self, prepared: list[_Prepared], n_cat: int) -> None:
        m = len(prepared)
        n_tokens = prepared[0].innermost.size
        diag = np.zeros(n_cat)
        tot = np.zeros(n_cat)
        for c in range(n_cat):
            n_uc = np.zeros(n_tokens, dtype=np.int64)
            for p in prepared:
                n_uc += p.innermost == c
            diag[c] = float((n_uc * (n_uc - 1)).sum()) / (m - 1)
            tot[c] = float(n_uc.sum())
        self._alpha_all_diag = _grow(self._alpha_all_diag, n_cat) + diag
        self._alpha_all_tot = _grow(self._alpha_all_tot, n_cat) + tot
        none = np.zeros(n_tokens, dtype=bool)
        for code in range(1, n_cat):
            n_u1 = np.zeros(n_tokens, dtype=np.int64)
            for p in prepared:
                n_u1 += p.cover.get(code, none)
            n_u0 = m - n_u1
            d = np.array([(n_u0 * (n_u0 - 1)).sum(), (n_u1 * (n_u1 - 1)).sum()], dtype=np.float64) / (m - 1)
            t = np.array([n_u0.sum(), n_u1.sum()], dtype=np.float64)
            if code not in self._alpha_diag:  # a label first met now: earlier values were all "outside"
                self._alpha_diag[code] = np.array([self._alpha_values, 0.0])
                self._alpha_tot[code] = np.array([self._alpha_values, 0.0])
            self._alpha_diag[code] = self._alpha_diag[code] + d
            self._alpha_tot[code] = self._alpha_tot[code] + t
        self._alpha_values += float(m * n_tokens)

    # -- attributes and relations ------------------------------------------------------
    def _compare_attrs(self, report: PairReport, pa: _Prepared, pb: _Prepared, scale: int, n_cat: int) -> None:
        """Attribute values of the spans both made: equal or not, and the table for kappa."""
        empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        for name in sorted(set(pa.attr_columns) | set(pb.attr_columns)):
            ka, va = pa.attr_columns.get(name, empty)
            kb, vb = pb.attr_columns.get(name, empty)
            cand = _sorted_unique(np.concatenate((ka, kb)))
            cand = cand[_member(pa.keys, cand) & _member(pb.keys, cand)]
            if cand.size == 0:
                continue
            vals_a = _lookup(ka, va, cand)
            vals_b = _lookup(kb, vb, cand)
            item = report.attributes.setdefault(name, ItemAgreement())
            item.items += int(cand.size)
            item.agreed += int(np.count_nonzero(vals_a == vals_b))
            width = int(max(vals_a.max(), vals_b.max())) + 2
            pairs, counts = np.unique((vals_a + 1) * width + (vals_b + 1), return_counts=True)
            for pair, n in zip(pairs.tolist(), counts.tolist()):
                item.table[(pair // width - 1, pair % width - 1)] += n

    @staticmethod
    def _compare_relations(report: PairReport, pa: _Prepared, pb: _Prepared, scale: int) -> None:
        if not pa.relations and not pb.relations:
            return

        def both_have(rels: Sequence[RelationItem]) -> list[RelationItem]:
            if not rels:
                return []
            ends = np.array([[r.head[0] * scale + r.head[1], r.tail[0] * scale + r.tail[1]] for r in rels])
            ok = _member(pa.ranges, ends) & _member(pb.ranges, ends)
            return [r for r, good in zip(rels, ok.all(axis=1).tolist()) if good]

        _count_items(report.relations, [(r.type, (r.head, r.tail)) for r in both_have(pa.relations)],
                     [(r.type, (r.head, r.tail)) for r in both_have(pb.relations)])

    def _note_link_ends(self, doc_id: str, prepared: Mapping[str, _Prepared], scale: int) -> None:
        ends = {e for links in self._links.values() for lk in links for e in (lk.source, lk.target) if e[0] == doc_id}
        if not ends:
            return
        ordered = sorted(ends)
        keys = np.array([s * scale + e for _, s, e in ordered], dtype=np.int64)
        for name, p in prepared.items():
            for end, ok in zip(ordered, _member(p.ranges, keys).tolist()):
                if ok:
                    self._link_ends[name].add(end)

    # -- merging ----------------------------------------------------------------------
    def merge(self, other: AgreementCounter) -> None:
        """Add what *other* accumulated to this counter, as if its documents had been
        added here after this counter's own (same annotators; same schema labels).

        Everything a counter accumulates is a sum over documents: span counts, the
        confusion tables (ALL and per label), the coincidence sums of alpha, the
        attribute tables, relation counts, document and token counts; link ends are a
        union. Label codes and attribute value ids are numbered in the order first met,
        so *other*'s are renumbered into this counter's (labels and values it meets
        first are appended in its order, as adding its documents here would). Integer
        tables merge exactly; the coincidence sums of alpha are floats, which merge
        bit for bit when *other* holds one document (as the parallel service uses it),
        and otherwise whenever they are whole or binary fractions (2, 3 or 5
        annotators on a document). Links: each counter registers them itself
        (:meth:`add_links`); this keeps its own and takes those it lacks.
        """
        if other.annotators != self.annotators:
            raise ValueError("counters of different annotators cannot be merged")
        known_before = len(self.labels)
        for lab in other.labels:
            self._label_code(lab)
        cmap = np.array([0, *(self._code[lab] for lab in other.labels)], dtype=np.int64)
        vmap = {-1: -1}
        for key, vid in sorted(other._values.items(), key=lambda kv: kv[1]):
            mine = self._values.get(key)
            if mine is None:
                mine = self._values[key] = len(self._values)
            vmap[vid] = mine
        for key, rep in self._pairs.items():
            o = other._pairs[key]
            self._merge_pair_tables(key, other, cmap, known_before)
            spans = self._pair_spans[key]
            for code, c in other._pair_spans[key].items():
                spans[int(cmap[code])].add(c)
            for name, item in other._pairs[key].attributes.items():
                mine_item = rep.attributes.setdefault(name, ItemAgreement())
                mine_item.items += item.items
                mine_item.agreed += item.agreed
                for (va, vb), n in item.table.items():
                    mine_item.table[(vmap[va], vmap[vb])] += n
            for t, rc in o.relations.items():
                mine_rc = rep.relations.setdefault(t, RelationCounts())
                for f in ("both", "type_differs", "only_a", "only_b", "a", "b"):
                    setattr(mine_rc, f, getattr(mine_rc, f) + getattr(rc, f))
            rep.documents += o.documents
            rep.tokens += o.tokens
        self._merge_alpha(other, cmap, known_before)
        self._documents += other._documents
        self._tokens += other._tokens
        self._alpha_documents += other._alpha_documents
        self._alpha_tokens += other._alpha_tokens
        self._alpha_values += other._alpha_values
        for name, links in other._links.items():
            self._links.setdefault(name, list(links))
        for name, ends in other._link_ends.items():
            self._link_ends[name] |= ends

    def _merge_pair_tables(self, key: tuple[str, str], other: AgreementCounter, cmap: np.ndarray,
                           known_before: int) -> None:
        rep, o = self._pairs[key], other._pairs[key]
        # per label: a label one side never tabled counted all that side's tokens as outside it
        # (a side with documents of the pair tabled every label it knew then)
        bins, obins = self._pair_bin[key], other._pair_bin[key]
        codes = set(bins) | {int(cmap[c]) for c in obins}
        if o.documents:
            codes |= set(range(1, known_before + 1))
        back = {int(cmap[c]): c for c in obins}
        for code in sorted(codes):
            mine = bins.get(code)
            if mine is None:
                mine = np.array([[rep.tokens, 0], [0, 0]], dtype=np.int64)
            theirs = obins.get(back[code]) if code in back else None
            if theirs is None:
                theirs = np.array([[o.tokens, 0], [0, 0]], dtype=np.int64)
            bins[code] = mine + theirs
        # ALL: the confusion table, in this counter's codes (its size: the labels known at the last document)
        oc = other._pair_conf.get(key)
        if oc is None:
            return
        idx = cmap[: oc.shape[0]]
        size = max(known_before + 1, int(idx.max()) + 1)
        old = self._pair_conf.get(key)
        if old is not None:
            size = max(size, old.shape[0])
        out = np.zeros((size, size), dtype=np.int64)
        if old is not None:
            out[: old.shape[0], : old.shape[0]] = old
        out[np.ix_(idx, idx)] += oc
        self._pair_conf[key] = out

    def _merge_alpha(self, other: AgreementCounter, cmap: np.ndarray, known_before: int) -> None:
        n_cat = len(self.labels) + 1
        if other._alpha_all_diag.size:
            idx = cmap[: other._alpha_all_diag.size]
            for name in ("_alpha_all_diag", "_alpha_all_tot"):
                add = np.zeros(n_cat)
                add[idx] = getattr(other, name)
                setattr(self, name, _grow(getattr(self, name), n_cat) + add)
        codes = set(self._alpha_diag) | {int(cmap[c]) for c in other._alpha_diag}
        if other._alpha_documents:
            codes |= set(range(1, known_before + 1))
        back = {int(cmap[c]): c for c in other._alpha_diag}
        for code in sorted(codes):
            for mine_d, theirs_d in ((self._alpha_diag, other._alpha_diag), (self._alpha_tot, other._alpha_tot)):
                mine = mine_d.get(code)
                if mine is None:  # all earlier values were "outside"
                    mine = np.array([self._alpha_values, 0.0])
                theirs = theirs_d.get(back[code]) if code in back else None
                if theirs is None:
                    theirs = np.array([other._alpha_values, 0.0])
                mine_d[code] = mine + theirs

    # -- report ---------------------------------------------------------------------------
    def report(self) -> AgreementReport:
        n_cat = len(self.labels) + 1
        pairs = []
        for key, rep in self._pairs.items():
            spans: dict[str, SpanCounts] = {}
            total = SpanCounts()
            for code, lab in enumerate(self.labels, start=1):
                c = self._pair_spans[key].get(code, SpanCounts())
                spans[lab] = c
                total.add(c)
            spans[ALL] = total
            rep.spans = spans
            conf = self._pair_conf.get(key)
            kappa: dict[str, float | None] = {}
            for code, lab in enumerate(self.labels, start=1):
                table = self._pair_bin[key].get(code)
                kappa[lab] = None if table is None else cohen_kappa(table)
            kappa[ALL] = None if conf is None else cohen_kappa(conf)
            rep.kappa = kappa
            a, b = key
            if a in self._links or b in self._links:
                shared = self._link_ends[a] & self._link_ends[b]
                items_a = [(lk.type, (lk.source, lk.target)) for lk in self._links.get(a, ())
                           if lk.source in shared and lk.target in shared]
                items_b = [(lk.type, (lk.source, lk.target)) for lk in self._links.get(b, ())
                           if lk.source in shared and lk.target in shared]
                _count_items(rep.links, items_a, items_b)
            pairs.append(rep)
        alpha: dict[str, float | None] = {}
        for code, lab in enumerate(self.labels, start=1):
            alpha[lab] = (alpha_from_coincidences(self._alpha_diag[code], self._alpha_tot[code])
                          if code in self._alpha_diag else None)
        alpha[ALL] = (alpha_from_coincidences(_grow(self._alpha_all_diag, n_cat), _grow(self._alpha_all_tot, n_cat))
                      if self._alpha_documents else None)
        return AgreementReport(list(self.annotators), list(self.labels), self._documents, self._tokens, pairs, alpha,
                               self._alpha_documents, self._alpha_tokens)


def _sorted_unique(arr: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, sorted (a plain sort: faster than np.unique here)."""
    if arr.size == 0:
        return arr
    out = np.sort(arr, kind="stable")
    keep = np.ones(out.size, dtype=bool)
    keep[1:] = out[1:] != out[:-1]
    return out[keep]


def _member(sorted_unique: np.ndarray, query: np.ndarray) -> np.ndarray:
    """For each value of *query* (any shape): is it in *sorted_unique*? Binary search, O(m log n)."""
    if sorted_unique.size == 0:
        return np.zeros(query.shape, dtype=bool)
    i = np.minimum(np.searchsorted(sorted_unique, query), sorted_unique.size - 1)
    return sorted_unique[i] == query


def _lookup(keys: np.ndarray, values: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """values[keys == w] for each w of *wanted* (sorted unique keys), -1 where absent."""
    if keys.size == 0:
        return np.full(wanted.size, -1, dtype=np.int64)
    i = np.searchsorted(keys, wanted)
    i_ok = np.minimum(i, keys.size - 1)
    found = keys[i_ok] == wanted
    return np.where(found, values[i_ok], -1)


def _grow(arr: np.ndarray, size: int) -> np.ndarray:
    if arr.size >= size:
        return arr
    out = np.zeros(size)
    out[: arr.size] = arr
    return out


def _freeze(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _count_items(into: dict[str, RelationCounts], items_a: list[tuple[str, Any]],
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
        for target in (into.setdefault(t, RelationCounts()), total):
            target.a += made_a[t]
            target.b += made_b[t]
            target.both += both[t]
            target.type_differs += differs[t]
            target.only_a += alone_a[t]
            target.only_b += alone_b[t]


def agreement(documents: Iterable[tuple[str, Mapping[str, Sequence[Span] | Annotations]]],
              annotators: Sequence[str], labels: Sequence[str] = ()) -> AgreementReport:
    """Convenience: agreement over ``(text, {annotator: spans})`` pairs."""
    counter = AgreementCounter(annotators, labels)
    for text, versions in documents:
        counter.add_document(text, {a: v if isinstance(v, Annotations) else Annotations.from_spans(v)
                                    for a, v in versions.items()})
    return counter.report()
