"""The figures agreement reports, and the two coefficients computed from tables.

:class:`AgreementReport` is what :mod:`annotator.core.agreement` produces and what
``annotator agreement`` prints; :meth:`AgreementReport.to_json` is the documented
JSON. :func:`cohen_kappa` and :func:`alpha_from_coincidences` work on the summed
tables, :func:`krippendorff_alpha_nominal` on small data given unit by unit.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

ALL = "ALL"
OUTSIDE = "O"

NOTES = (
    "Tokens are the word tokens of annotator.core.tokens (spaces and punctuation are not units). "
    "A span covers every token it overlaps. For ALL, a token takes the label of the innermost (shortest) "
    "span covering it, else O (equal lengths: the label listed first in the schema); kappa (per pair) and "
    "alpha (nominal, all annotators) are computed over these token labels. For one label, a token is "
    "inside a span of that label or not, whatever else is nested in or around it. Span F1 exact needs "
    "the same start, end and label; overlap F1 needs an overlapping span of the same label. A document "
    "counts for a pair when both annotated it, for alpha when at least two did."
)


# -- results ------------------------------------------------------------------------

def _ratio(num: float, den: float) -> float | None:
    return None if den == 0 else num / den


@dataclass
class SpanCounts:
    """Span counts of one pair for one label (or ALL); see the module notes."""

    a: int = 0
    b: int = 0
    both: int = 0
    label_differs: int = 0
    boundary_differs: int = 0
    only_a: int = 0
    only_b: int = 0
    overlap_a: int = 0  # spans of A that B overlaps with the same label
    overlap_b: int = 0

    def add(self, other: SpanCounts) -> None:
        self.a += other.a
        self.b += other.b
        self.both += other.both
        self.label_differs += other.label_differs
        self.boundary_differs += other.boundary_differs
        self.only_a += other.only_a
        self.only_b += other.only_b
        self.overlap_a += other.overlap_a
        self.overlap_b += other.overlap_b

    @property
    def exact_f1(self) -> float | None:
        return _ratio(2 * self.both, self.a + self.b)

    @property
    def overlap_f1(self) -> float | None:
        recall = _ratio(self.overlap_a, self.a)
        precision = _ratio(self.overlap_b, self.b)
        if recall is None or precision is None:
            return None if self.a + self.b == 0 else 0.0
        return 0.0 if recall + precision == 0 else 2 * precision * recall / (precision + recall)


def cohen_kappa(table: np.ndarray) -> float | None:
    """Cohen's kappa of a square confusion table (rows: rater A, columns: rater B)."""
    table = np.asarray(table, dtype=np.float64)
    n = table.sum()
    if n == 0:
        return None
    po = np.trace(table) / n
    pe = float((table.sum(axis=1) * table.sum(axis=0)).sum()) / (n * n)
    if pe >= 1.0:
        return None
    return float((po - pe) / (1 - pe))


def alpha_from_coincidences(diag: np.ndarray, totals: np.ndarray) -> float | None:
    """Krippendorff's alpha (nominal) from the coincidence matrix's diagonal and its marginals."""
    n = float(totals.sum())
    den = n * n - float((totals.astype(np.float64) ** 2).sum())
    if n <= 1 or den <= 0:
        return None
    return 1.0 - (n - 1) * (n - float(diag.sum())) / den


def krippendorff_alpha_nominal(units: Iterable[Sequence[Any]]) -> float | None:
    """Alpha (nominal) of small data: each unit is the values the coders gave (``None`` = missing)."""
    cats: dict[Any, int] = {}
    diag: dict[int, float] = defaultdict(float)
    totals: dict[int, float] = defaultdict(float)
    for unit in units:
        vals = [cats.setdefault(v, len(cats)) for v in unit if v is not None]
        m = len(vals)
        if m < 2:
            continue
        for c, k in Counter(vals).items():
            diag[c] += k * (k - 1) / (m - 1)
            totals[c] += k
    size = len(cats)
    return alpha_from_coincidences(np.array([diag[i] for i in range(size)]), np.array([totals[i] for i in range(size)]))


@dataclass
class ItemAgreement:
    """Agreement on one attribute over the spans both annotators made."""

    items: int = 0
    agreed: int = 0
    #: (value of A, value of B) -> spans; a value is its :class:`~annotator.core.agreement_arrays.ValueIds`
    #: key, ``None`` where the annotator gave none
    table: Counter[tuple[Hashable, Hashable]] = field(default_factory=Counter, repr=False)

    def add(self, other: ItemAgreement) -> None:
        self.items += other.items
        self.agreed += other.agreed
        self.table.update(other.table)

    @property
    def agreement(self) -> float | None:
        return _ratio(self.agreed, self.items)

    @property
    def kappa(self) -> float | None:
        # categories in the order met: the table holds whole numbers, so kappa does not depend on it
        cats = list(dict.fromkeys(v for pair in self.table for v in pair))
        if not cats:
            return None
        index = {c: i for i, c in enumerate(cats)}
        t = np.zeros((len(cats), len(cats)))
        for (va, vb), n in self.table.items():
            t[index[va], index[vb]] += n
        return cohen_kappa(t)


@dataclass
class RelationCounts:
    both: int = 0
    type_differs: int = 0
    only_a: int = 0
    only_b: int = 0
    a: int = 0
    b: int = 0

    def add(self, other: RelationCounts) -> None:
        self.both += other.both
        self.type_differs += other.type_differs
        self.only_a += other.only_a
        self.only_b += other.only_b
        self.a += other.a
        self.b += other.b

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.both, self.a + self.b)


@dataclass
class PairReport:
    a: str
    b: str
    documents: int = 0
    tokens: int = 0
    spans: dict[str, SpanCounts] = field(default_factory=dict)
    kappa: dict[str, float | None] = field(default_factory=dict)
    attributes: dict[str, ItemAgreement] = field(default_factory=dict)
    relations: dict[str, RelationCounts] = field(default_factory=dict)
    links: dict[str, RelationCounts] = field(default_factory=dict)


@dataclass
class AgreementReport:
    """Everything ``annotator agreement`` prints; :meth:`to_json` is the documented JSON."""

    annotators: list[str]
    labels: list[str]
    documents: int
    tokens: int
    pairs: list[PairReport]
    alpha: dict[str, float | None]
    alpha_documents: int
    alpha_tokens: int
    notes: str = NOTES

    def pair(self, a: str, b: str) -> PairReport:
        for p in self.pairs:
            if (p.a, p.b) in ((a, b), (b, a)):
                return p
        raise KeyError((a, b))

    def to_json(self) -> dict[str, Any]:
        def span_json(c: SpanCounts, kappa: float | None) -> dict[str, Any]:
            return {
                "exact_f1": c.exact_f1, "overlap_f1": c.overlap_f1, "kappa": kappa,
                "counts": {"a": c.a, "b": c.b, "both": c.both, "label_differs": c.label_differs,
                           "boundary_differs": c.boundary_differs, "only_a": c.only_a, "only_b": c.only_b},
            }

        def rel_json(d: dict[str, RelationCounts]) -> dict[str, Any]:
            return {k: {"f1": v.f1, "both": v.both, "type_differs": v.type_differs, "only_a": v.only_a,
                        "only_b": v.only_b} for k, v in d.items()}

        return {
            "notes": self.notes,
            "annotators": self.annotators,
            "labels": self.labels,
            "documents": self.documents,
            "tokens": self.tokens,
            "pairs": [
                {
                    "a": p.a, "b": p.b, "documents": p.documents, "tokens": p.tokens,
                    "labels": {lab: span_json(p.spans[lab], p.kappa.get(lab)) for lab in [*self.labels, ALL]},
                    "attributes": {k: {"items": v.items, "agreed": v.agreed, "agreement": v.agreement,
                                       "kappa": v.kappa} for k, v in sorted(p.attributes.items())},
                    "relations": rel_json(p.relations),
                    "links": rel_json(p.links),
                }
                for p in self.pairs
            ],
            "all": {"annotators": self.annotators, "documents": self.alpha_documents, "tokens": self.alpha_tokens,
                    "alpha": {lab: self.alpha.get(lab) for lab in [*self.labels, ALL]}},
        }
