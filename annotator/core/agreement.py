"""Inter-annotator agreement: span F1, Cohen's kappa, Krippendorff's alpha.

Pure computation over spans (numpy arrays inside; no database, no Qt). Feed an
:class:`AgreementCounter` one document at a time — every annotator's spans of it —
and read an :class:`AgreementReport`. Figures are pooled over all documents
(counts and token tables are summed, then the ratios computed once).

The counter is thin: it turns each annotator's spans into arrays
(:mod:`annotator.core.agreement_arrays`) and hands them to one accumulator per
figure (:mod:`annotator.core.agreement_metrics`: span F1, token kappa, alpha,
attributes, relations, links), each with ``add`` and an exact ``merge``; the
figures and the report's JSON are in :mod:`annotator.core.agreement_figures`.

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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from annotator.core.adjudication import LinkItem, gc_paused
from annotator.core.agreement_arrays import Annotations, LabelCodes, Prepared, ValueIds, prepare
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
from annotator.core.agreement_metrics import (
    AttributeAgreement,
    LinkAgreement,
    RelationAgreement,
    SpanAgreement,
    TokenAlpha,
    TokenKappa,
)
from annotator.core.token_index import word_token_bounds
from annotator.core.values import Span

__all__ = [
    "ALL", "NOTES", "OUTSIDE", "AgreementCounter", "AgreementReport", "Annotations", "ItemAgreement", "PairReport",
    "RelationCounts", "SpanCounts", "agreement", "alpha_from_coincidences", "cohen_kappa",
    "krippendorff_alpha_nominal",
]


@dataclass
class PairAgreement:
    """Everything counted for one pair of annotators over the documents both annotated."""

    a: str
    b: str
    documents: int = 0
    tokens: int = 0
    spans: SpanAgreement = field(default_factory=SpanAgreement)
    kappa: TokenKappa = field(default_factory=TokenKappa)
    attributes: AttributeAgreement = field(default_factory=AttributeAgreement)
    relations: RelationAgreement = field(default_factory=RelationAgreement)

    def add(self, pa: Prepared, pb: Prepared, n_tokens: int, scale: int, labels: Sequence[str],
            values: ValueIds) -> None:
        self.documents += 1
        self.tokens += n_tokens
        self.spans.add(pa, pb, labels)
        self.kappa.add(pa, pb, labels)
        self.attributes.add(pa, pb, values.keys)
        self.relations.add(pa, pb, scale)

    def merge(self, other: PairAgreement) -> None:
        self.documents += other.documents
        self.tokens += other.tokens
        self.spans.merge(other.spans)
        self.kappa.merge(other.kappa)
        self.attributes.merge(other.attributes)
        self.relations.merge(other.relations)

    def report(self, labels: Sequence[str], links: LinkAgreement) -> PairReport:
        attributes = {}
        for name, item in self.attributes.items.items():
            attributes[name] = copy = ItemAgreement()
            copy.add(item)
        relations = {}
        for kind, c in self.relations.counts.items():
            relations[kind] = copy_rc = RelationCounts()
            copy_rc.add(c)
        return PairReport(self.a, self.b, self.documents, self.tokens, spans=self.spans.figures(labels),
                          kappa=self.kappa.figures(labels), attributes=attributes, relations=relations,
                          links=links.figures(self.a, self.b))


class AgreementCounter:
    """Accumulates agreement over documents; :meth:`report` computes the figures.

    Composed of one accumulator per figure: a :class:`PairAgreement` per pair of
    annotators, :class:`~annotator.core.agreement_metrics.TokenAlpha` and
    :class:`~annotator.core.agreement_metrics.LinkAgreement` over all of them."""

    def __init__(self, annotators: Sequence[str], labels: Sequence[str] = ()) -> None:
        if len(set(annotators)) != len(annotators):
            raise ValueError("an annotator is listed twice")
        self.annotators = list(annotators)
        self._codes = LabelCodes(labels)
        self._values = ValueIds()  # numbers attribute values within a document's comparison only
        self._pairs = {(a, b): PairAgreement(a, b) for a, b in combinations(self.annotators, 2)}
        self._alpha = TokenAlpha()
        self._links = LinkAgreement()
        self._documents = 0
        self._tokens = 0

    @property
    def labels(self) -> list[str]:
        """The schema's labels, then those met in the documents, in the order first met."""
        return self._codes.labels

    def __eq__(self, other: object) -> bool:
        """Same annotators, labels and sums (how values were numbered does not count)."""
        if not isinstance(other, AgreementCounter):
            return NotImplemented
        return (self.annotators == other.annotators and self.labels == other.labels
                and self._documents == other._documents and self._tokens == other._tokens
                and self._pairs == other._pairs and self._alpha == other._alpha and self._links == other._links)

    __hash__ = None  # type: ignore[assignment]  # mutable

    def add_links(self, annotator: str, links: Sequence[LinkItem]) -> None:
        """Register an annotator's links (before the documents they touch are added)."""
        self._links.register(annotator, links)

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
        prepared = {a: prepare(versions[a], tstarts, tends, scale, self._codes, self._values) for a in present}
        if doc_id is not None:
            self._links.add(doc_id, prepared, scale)
        labels = self._codes.labels
        for a, b in combinations(present, 2):  # in the annotators' order, as the pairs are keyed
            self._pairs[(a, b)].add(prepared[a], prepared[b], n_tokens, scale, labels, self._values)
        if len(present) >= 2 and n_tokens:
            self._alpha.add([prepared[a] for a in present], labels)

    def merge(self, other: AgreementCounter) -> None:
        """Add what *other* accumulated to this counter, as if its documents had been
        added here after this counter's own (same annotators).

        Each accumulator adds *other*'s sums to its own (see
        :mod:`annotator.core.agreement_metrics` for when alpha's float sums are bit for
        bit those of adding the documents here); labels *other* met that this counter
        did not are appended in *other*'s order, as adding its documents would.
        Links: each counter registers them itself (:meth:`add_links`); this keeps its
        own and takes those it lacks.
        """
        if other.annotators != self.annotators:
            raise ValueError("counters of different annotators cannot be merged")
        self._codes.learn(other.labels)
        for key, pair in self._pairs.items():
            pair.merge(other._pairs[key])
        self._alpha.merge(other._alpha)
        self._links.merge(other._links)
        self._documents += other._documents
        self._tokens += other._tokens

    def report(self) -> AgreementReport:
        labels = list(self.labels)
        pairs = [pair.report(labels, self._links) for pair in self._pairs.values()]
        return AgreementReport(list(self.annotators), labels, self._documents, self._tokens, pairs,
                               self._alpha.figures(labels), self._alpha.documents, self._alpha.tokens)


def agreement(documents: Iterable[tuple[str, Mapping[str, Sequence[Span] | Annotations]]],
              annotators: Sequence[str], labels: Sequence[str] = ()) -> AgreementReport:
    """Convenience: agreement over ``(text, {annotator: spans})`` pairs."""
    counter = AgreementCounter(annotators, labels)
    for text, versions in documents:
        counter.add_document(text, {a: v if isinstance(v, Annotations) else Annotations.from_spans(v)
                                    for a, v in versions.items()})
    return counter.report()
