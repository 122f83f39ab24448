"""Suggestions: what recommenders propose to an annotator, and accepting or rejecting them.

Recommenders (:mod:`annotator.core.suggest`): ``dates`` (the date finder, for the
schema's date label), ``entities`` (the entity registry's names and aliases, for the
actor label), ``project`` (the project's own span model, :mod:`annotator.core.span_model`,
trained on gold and documents marked done) and ``spacy:NAME`` (any spaCy pipeline, its
labels mapped to the schema's by the schema's ``[suggestions]`` table). Rules and the
project model run live for the document asked about (:func:`suggestions_for`); ``annotator
suggest apply`` stores any recommender's answer for many documents, for review.

The blind rule: an annotator (or someone the project does not know yet) gets suggestions
only from rules, from models trained on data they may see (their own done work and the
gold of documents they have done: a model made for them) and from stored suggestions made
for everyone by rules or a pipeline, never from a model that saw another annotator's spans.

Accepting (:class:`AcceptSuggestions`: one, several, or all in a selection, one undoable
step) makes the annotator's span with provenance ``{"suggested_by": R, "accepted_by":
NAME, ...}``; with another label or other edges the decision is ``edited``. Rejecting
(:class:`RejectSuggestions`) is remembered by the suggestion's key: it does not come back
for that annotator and document unless its recommender's answer changes. Both are in the
change log (``suggestion.accept``, ``suggestion.reject``) and in the acceptance log.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core.dates import anchor_from_meta
from annotator.core.errors import AnnotatorError
from annotator.core.suggest import (
    ACCEPTED,
    EDITED,
    PROJECT,
    REJECTED,
    Suggestion,
    date_suggestions,
    entity_suggestions,
    visible,
)
from annotator.core.values import Role, Span
from annotator.services.changes import RelationsLinksChanged, check_attrs, open_set, span_payload
from annotator.services.project import Changed, InvalidEdit, Project, new_span_id
from annotator.services.spans import delete_logged
from annotator.storage import changelog
from annotator.storage import entities as entity_store
from annotator.storage import spans as span_store
from annotator.storage import suggestions as store
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork

#: the rules' version: a change to what they find is a new answer (rejections keyed by it stay)
RULES_VERSION = "1"
#: the recommenders the window runs unless a setting says otherwise
DEFAULT_RECOMMENDERS = ("dates", "entities", PROJECT, "stored")


class SuggestError(AnnotatorError):
    """A recommender that cannot run as asked (no such label, no model, a bad pipeline)."""


# -- who sees what -------------------------------------------------------------------------------

def _viewer_ids(s: UnitOfWork, viewer: str | None) -> tuple[int | None, bool]:
    """(the viewer's id, whether they work under the annotator's rules)."""
    if viewer is None:
        return None, False
    who = team_store.find_annotator(s, viewer)
    if who is None:
        return None, True
    return who.id, who.role is Role.ANNOTATOR


def model_audience(project: Project, viewer: str | None) -> tuple[int | None, str | None]:
    """Which model *viewer* may get suggestions from: (audience id, its name); (None, None)
    for the shared one (adjudicators, managers, a project without roles), the annotator's
    own for an annotator. An annotator the project does not know yet has no model: (-1, name)."""
    with project.database.unit_of_work() as s:
        vid, blind = _viewer_ids(s, viewer)
    if not blind:
        return None, None
    return (vid if vid is not None else -1), viewer


# -- the recommenders ----------------------------------------------------------------------------

def _date_label(project: Project) -> tuple[str | None, bool, bool]:
    label = project.schema.role_label("date")
    names = {a.name for a in project.schema.attributes_of(label)} if label else set()
    return label, "value" in names, "mod" in names


def _project_model(project: Project, viewer: str | None) -> tuple[Any, int] | None:
    """The newest project model *viewer* may use (None: none yet). Loaded from its bytes on
    each call (a few ms): a crfsuite tagger must not be shared between threads."""
    audience, _name = model_audience(project, viewer)
    with project.database.unit_of_work() as s:
        stored = store.latest_model(s, PROJECT, audience) if audience not in (None, -1) else None
        if audience is None:
            stored = store.latest_model(s, PROJECT, None)
        elif stored is None:  # a blind annotator may use the shared model if it saw only what they may see
            shared = store.latest_model(s, PROJECT, None)
            if shared is not None and viewer is not None and _may_see(s, viewer, shared.info.get("sources", [])):
                stored = shared
    if stored is None:
        return None
    from annotator.core.span_model import SpanModel

    return SpanModel.from_bytes(stored.blob), stored.version


def _made_for(s: UnitOfWork, viewer_id: int | None, doc_id: str) -> list[Suggestion]:
    """The stored project-model suggestions of *doc_id* made for this viewer alone."""
    if viewer_id is None:
        return []
    return store.stored_suggestions(s, [doc_id], viewer_id, recommender=PROJECT, audience_only=True)


def _may_see(s: UnitOfWork, viewer: str, sources: Sequence[dict[str, Any]]) -> bool:
    """Whether a blind *viewer* may see every set a model learnt from: their own, and gold
    of the documents they have marked done."""
    from annotator.storage import annotation_sets as set_store

    for src in sources:
        if src.get("annotator") == viewer:
            continue
        if src.get("kind") != "gold":
            return False
        ref = set_store.find_set(s, str(src.get("document")), viewer)
        if ref is None or ref.status != "done":
            return False
    return True


def _part(text: str, within: tuple[int, int] | None) -> tuple[int, str]:
    """(offset, text) of the lines holding *within* (the whole text when None)."""
    if within is None:
        return 0, text
    lo = text.rfind("\n", 0, max(0, within[0])) + 1
    hi = text.find("\n", min(len(text), within[1]))
    return lo, text[lo:len(text) if hi < 0 else hi]


def _shifted(found: list[Suggestion], offset: int) -> list[Suggestion]:
    if not offset:
        return found
    from dataclasses import replace

    return [replace(s, start=s.start + offset, end=s.end + offset) for s in found]


def live_suggestions(project: Project, doc_id: str, viewer: str | None,
                     recommenders: Collection[str] = DEFAULT_RECOMMENDERS,
                     within: tuple[int, int] | None = None) -> list[Suggestion]:
    """What the rules and the project model propose for the document now (nothing filtered);
    *within*: only in the lines holding that range (what a window shows first)."""
    doc = project.document(doc_id)
    offset, text = _part(doc.text, within)
    return _shifted(_live(project, doc_id, text, doc.meta, viewer, recommenders), offset)


def _live(project: Project, doc_id: str, text: str, meta: Any, viewer: str | None,
          recommenders: Collection[str]) -> list[Suggestion]:
    out: list[Suggestion] = []
    if "dates" in recommenders:
        label, with_value, with_mod = _date_label(project)
        if label is not None:
            out += date_suggestions(doc_id, text, label, anchor_from_meta(meta), with_value=with_value,
                                    with_mod=with_mod, version=RULES_VERSION)
    if "entities" in recommenders:
        actor = project.schema.role_label("actor")
        if actor is not None:
            with project.database.unit_of_work() as s:
                known = entity_store.list_entities(s)
            if known:
                out += entity_suggestions(doc_id, text, known, actor, RULES_VERSION)
    if PROJECT in recommenders:
        loaded = _project_model(project, viewer)
        if loaded is not None:
            model, version = loaded
            labels = set(project.schema.names)
            out += [Suggestion(doc_id, p.start, p.end, p.label, PROJECT, {}, p.score, str(version))
                    for p in model.predict(text) if p.label in labels]
    return out


def suggestions_for(project: Project, doc_id: str, viewer: str,
                    recommenders: Collection[str] = DEFAULT_RECOMMENDERS,
                    within: tuple[int, int] | None = None) -> list[Suggestion]:
    """What *viewer* is shown in the document: the live recommenders' and the stored
    suggestions they may see (``"stored"`` in *recommenders*), without what they already
    tagged or decided about, one per range and label, in reading order. *within*: only
    in the lines holding that range (a window shows those first, then the rest)."""
    found = live_suggestions(project, doc_id, viewer, recommenders, within)
    with project.database.unit_of_work() as s:
        vid, blind = _viewer_ids(s, viewer)
        if "stored" in recommenders:
            stored = store.stored_suggestions(s, [doc_id], vid)
            if blind:  # the shared model's stored answers learnt from others' work: not for a blind annotator
                stored = [x for x in stored if x.recommender != PROJECT or x in _made_for(s, vid, doc_id)]
            if within is not None:
                stored = [x for x in stored if x.end > within[0] and x.start < within[1]]
            found += stored
        decided = store.decided_keys(s, doc_id, vid) if vid is not None else set()
        spans = store.span_ranges(s, doc_id, viewer)
    labels = set(project.schema.names)
    return visible((sug for sug in found if sug.label in labels), spans, decided)


# -- accepting and rejecting ---------------------------------------------------------------------

@dataclass(frozen=True)
class Choice:
    """A suggestion as accepted: its own label and edges, or others (then ``edited``)."""

    suggestion: Suggestion
    label: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def span_range(self) -> tuple[int, int]:
        return (self.suggestion.start if self.start is None else self.start,
                self.suggestion.end if self.end is None else self.end)

    @property
    def span_label(self) -> str:
        return self.label or self.suggestion.label

    @property
    def decision(self) -> str:
        same = (self.span_label, self.span_range) == (self.suggestion.label,
                                                      (self.suggestion.start, self.suggestion.end))
        return ACCEPTED if same else EDITED


@dataclass
class AcceptSuggestions:
    """Accept suggestions of one document as the annotator's spans, in one step.

    A suggestion whose range overlaps a span of the same label the annotator has (or an
    earlier one of the same step) is left out (``skipped``). The span keeps the suggested
    attributes the schema accepts for its label, and its provenance."""

    document_id: str
    annotator: str
    choices: Sequence[Choice]
    span_ids: list[str] = field(default_factory=list)
    decision_pks: list[int] = field(default_factory=list)
    skipped: int = 0
    _kept: list[Choice] | None = None

    @property
    def text(self) -> str:
        n = len(self._kept if self._kept is not None else self.choices)
        return "Accept suggestion" if n == 1 else f"Accept {n} suggestions"

    def _choose(self, project: Project) -> list[Choice]:
        spans = project.spans(self.document_id, self.annotator)
        kept: list[Choice] = []
        for choice in self.choices:
            start, end = choice.span_range
            label = choice.span_label
            clash = any(sp.label == label and start < sp.end and sp.start < end for sp in spans) or any(
                c.span_label == label and start < c.span_range[1] and c.span_range[0] < end for c in kept)
            if not clash:
                kept.append(choice)
        self.skipped = len(self.choices) - len(kept)
        self.span_ids = [new_span_id() for _ in kept]
        return kept

    def _attrs(self, project: Project, s: UnitOfWork, choice: Choice) -> dict[str, Any]:
        if choice.span_label != choice.suggestion.label or not choice.suggestion.attrs:
            return {}
        attrs = dict(choice.suggestion.attrs)
        try:
            check_attrs(project, s, choice.span_label, attrs)
        except InvalidEdit:
            names = {a.name for a in project.schema.attributes_of(choice.span_label)}
            attrs = {k: v for k, v in attrs.items() if k in names}
            try:
                check_attrs(project, s, choice.span_label, attrs)
            except InvalidEdit:
                return {}
        return attrs

    def do(self, project: Project) -> Changed:
        if self._kept is None:
            self._kept = self._choose(project)
        stored: dict[str, Span | None] = {}
        probes = [Span(sid, *c.span_range, c.span_label, {}) for sid, c in zip(self.span_ids, self._kept)]
        for probe in probes:
            project.validate_span(self.document_id, probe)
        if not probes:
            return self.changed(stored)
        self.decision_pks = []
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            for probe, choice in zip(probes, self._kept):
                span = Span(probe.id, probe.start, probe.end, probe.label, self._attrs(project, s, choice))
                provenance = {**choice.suggestion.provenance, "accepted_by": self.annotator,
                              "decision": choice.decision}
                span_store.insert_span(s, set_key.id, span, provenance=provenance)
                self.decision_pks.append(store.add_decision(s, self.document_id, set_key.annotator_id,
                                                            choice.suggestion, choice.decision, span.id, span.label))
                changelog.log_change(s, action="suggestion.accept", annotator=set_key.annotator_id,
                                     document_id=self.document_id, set_id=set_key.id,
                                     payload={"span": span_payload(span), "suggestion": choice.suggestion.key,
                                              "decision": choice.decision, "provenance": provenance})
                stored[span.id] = span
        return self.changed(stored)

    def undo(self, project: Project) -> Changed:
        with project.database.unit_of_work() as s:
            delete_logged(s, open_set(s, self.document_id, self.annotator), self.document_id, self.span_ids,
                          "undo.suggestion.accept")
            store.remove_decisions(s, self.decision_pks)
        return self.changed(dict.fromkeys(self.span_ids))

    def changed(self, spans: dict[str, Span | None]) -> Changed:
        return RelationsLinksChanged(self.document_id, self.annotator, tuple(self.span_ids), spans=spans,
                                     status_changed=True)


@dataclass
class RejectSuggestions:
    """Reject suggestions of one document: they stay hidden for this annotator until their
    recommender's answer changes. Undo brings them back."""

    document_id: str
    annotator: str
    suggestions: Sequence[Suggestion]
    decision_pks: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        n = len(self.suggestions)
        return "Reject suggestion" if n == 1 else f"Reject {n} suggestions"

    def do(self, project: Project) -> Changed:
        self.decision_pks = []
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            for sug in self.suggestions:
                self.decision_pks.append(store.add_decision(s, self.document_id, set_key.annotator_id, sug,
                                                            REJECTED, None, sug.label))
                changelog.log_change(s, action="suggestion.reject", annotator=set_key.annotator_id,
                                     document_id=self.document_id, set_id=set_key.id,
                                     payload={"suggestion": sug.key})
        return Changed(self.document_id, self.annotator)

    def undo(self, project: Project) -> Changed:
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            store.remove_decisions(s, self.decision_pks)
            for sug in self.suggestions:
                changelog.log_change(s, action="undo.suggestion.reject", annotator=set_key.annotator_id,
                                     document_id=self.document_id, set_id=set_key.id,
                                     payload={"suggestion": sug.key})
        return Changed(self.document_id, self.annotator)


# -- many documents ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ApplyReport:
    recommender: str
    documents: int
    suggestions: int
    audience: str | None  # None: anyone may see them


def document_ids(project: Project, doc_ids: Sequence[str] | None) -> list[str]:
    """*doc_ids* checked (unknown ids refused with the close matches), or every document."""
    from annotator.core.values import DocumentQuery
    from annotator.services.lookup import require_documents

    return list(require_documents(project, doc_ids)) if doc_ids else project.document_ids(DocumentQuery())


def apply(project: Project, recommender: str, doc_ids: Sequence[str] | None = None, *,
          acting: str | None = None) -> ApplyReport:
    """Run *recommender* (``dates``, ``entities``, ``project`` or a spaCy pipeline's folder)
    over the documents and store its suggestions for review (replacing its earlier ones)."""
    docs = document_ids(project, doc_ids)
    audience_id: int | None = None
    audience_name: str | None = None
    if recommender in ("dates", "entities"):
        name = recommender
        found: list[Suggestion] = []
        for d in docs:
            found += live_suggestions(project, d, acting, (recommender,))
    elif recommender == PROJECT:
        name = PROJECT
        audience_id, audience_name = model_audience(project, acting)
        if audience_id == -1:
            raise SuggestError(f"{acting} has no model yet: train one with `annotator suggest train --as {acting}`")
        if _project_model(project, acting) is None:
            raise SuggestError("the project has no trained model yet: `annotator suggest train` makes one")
        found = []
        for d in docs:
            found += live_suggestions(project, d, acting, (PROJECT,))
    else:
        from annotator.services.suggest_spacy import spacy_suggestions

        name, found = spacy_suggestions(project, recommender, docs)
    with project.database.unit_of_work() as s:
        store.replace_suggestions(s, name, docs, audience_id, found)
        changelog.log_change(s, action="suggestion.apply", annotator=None,
                             payload={"recommender": name, "documents": len(docs), "suggestions": len(found),
                                      "by": acting})
    return ApplyReport(name, len(docs), len(found), audience_name)


@dataclass(frozen=True)
class BulkReport:
    documents: int
    accepted: int
    skipped: int


def accept_bulk(project: Project, annotator: str, min_score: float, doc_ids: Sequence[str] | None = None,
                recommender: str | None = None) -> BulkReport:
    """Accept every stored suggestion the annotator may see with a score of at least
    *min_score* (pre-annotation), one logged step per document."""
    if not 0.0 <= min_score <= 1.0:
        raise SuggestError(f"--min-score must be from 0 to 1, not {min_score}")
    with project.database.unit_of_work() as s:
        vid, _blind = _viewer_ids(s, annotator)
        docs = list(doc_ids) if doc_ids else store.documents_with_suggestions(s, vid, min_score=min_score,
                                                                              recommender=recommender)
    if doc_ids:
        docs = document_ids(project, doc_ids)
    accepted = skipped = touched = 0
    for d in docs:
        with project.database.unit_of_work() as s:
            vid, _blind = _viewer_ids(s, annotator)
            stored = store.stored_suggestions(s, [d], vid, recommender=recommender, min_score=min_score)
            decided = store.decided_keys(s, d, vid) if vid is not None else set()
        shown = visible(stored, project.spans(d, annotator), decided)
        if not shown:
            continue
        cmd = AcceptSuggestions(d, annotator, [Choice(sug) for sug in shown])
        cmd.do(project)
        touched += 1
        accepted += len(cmd.span_ids)
        skipped += cmd.skipped
    return BulkReport(touched, accepted, skipped)


# -- the project's model -----------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingData:
    """What a model may learn from: per document, its text and the spans of each set."""

    examples: list[tuple[str, str, list[tuple[int, int, str]]]]  # (document, text, spans), gold first
    sources: list[dict[str, Any]]  # what was seen: document, set kind, annotator

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(d for d, _t, _s in self.examples))


def training_data(project: Project, audience_id: int | None) -> TrainingData:
    """Gold and done sets (of everyone, or for one annotator only their own and the gold of
    the documents they have done); a document with gold teaches its gold only."""
    labels = set(project.schema.names)
    examples: list[tuple[str, str, list[tuple[int, int, str]]]] = []
    sources: list[dict[str, Any]] = []
    with project.database.unit_of_work() as s:
        sets = [] if audience_id == -1 else store.training_sets(s, audience_id)
        names = {a.id: a.name for a in team_store.annotators(s)}
        with_gold = {t.document_id for t in sets if t.kind == "gold"}
        texts: dict[str, str] = {}
        for t in sets:
            if t.kind != "gold" and t.document_id in with_gold:
                continue
            if t.document_id not in texts:
                from annotator.storage import documents as document_store

                texts[t.document_id] = document_store.get_document(s, t.document_id).text
            spans = [(sp.start, sp.end, sp.label) for sp in span_store.spans_of_set(s, t.set_id) if sp.label in labels]
            examples.append((t.document_id, texts[t.document_id], spans))
            sources.append({"document": t.document_id, "kind": t.kind,
                            "annotator": "gold" if t.kind == "gold" else names.get(t.annotator_id, "?")})
    return TrainingData(examples, sources)


@dataclass(frozen=True)
class TrainReport:
    version: int
    documents: int
    spans: int
    seconds: float
    audience: str | None


def train(project: Project, acting: str | None = None, *, for_annotator: str | None = None) -> TrainReport:
    """Train the project's span model on what the audience may see and store it as the next
    version, with the data it saw (``info["sources"]``). *for_annotator*: a model made for
    that annotator alone (their done work and gold), as the blind rule asks; otherwise the
    acting user's audience (:func:`model_audience`)."""
    import time

    from annotator.core.span_model import train as train_model

    audience_id, audience = model_audience(project, for_annotator or acting)
    if for_annotator is not None and audience_id is None:
        audience_id, audience = None, None  # an adjudicator or manager: the shared model
    if audience_id == -1:
        raise SuggestError(f"{for_annotator or acting} is not an annotator of this project yet")
    data = training_data(project, audience_id)
    if not data.examples:
        raise SuggestError("nothing to learn from yet: the model trains on gold and on documents marked done")
    labels = [lab for lab in project.schema.names if any(lab == x[2] for _d, _t, sp in data.examples for x in sp)]
    if not labels:
        raise SuggestError("the documents to learn from hold no spans")
    began = time.perf_counter()
    model = train_model([(text, spans) for _d, text, spans in data.examples], labels,
                        info={"documents": data.documents, "sources": data.sources, "audience": audience})
    seconds = time.perf_counter() - began
    with project.database.unit_of_work() as s:
        version = store.save_model(s, PROJECT, audience_id,
                                   {**model.info, "documents": data.documents, "sources": data.sources,
                                    "n_documents": len(data.documents), "labels": labels,
                                    "seconds": round(seconds, 2), "audience": audience}, model.to_bytes())
        changelog.log_change(s, action="suggestion.train", annotator=None,
                             payload={"version": version, "documents": len(data.documents), "by": acting,
                                      "audience": audience})
    return TrainReport(version, len(data.documents), sum(len(sp) for _d, _t, sp in data.examples), seconds, audience)


def needs_training(project: Project, viewer: str | None, every: int) -> bool:
    """Whether *every* more documents are there to learn from than the viewer's newest model
    saw (True when there is no model and something to learn from)."""
    audience_id, _name = model_audience(project, viewer)
    if audience_id == -1 or every < 1:
        return False
    with project.database.unit_of_work() as s:
        stored = store.latest_model(s, PROJECT, audience_id)
        now = len({t.document_id for t in store.training_sets(s, audience_id)})
    seen = int(stored.info.get("n_documents", 0)) if stored is not None else 0
    return now > 0 and now - seen >= (every if stored is not None else 1)


# -- the acceptance log ----------------------------------------------------------------------------

@dataclass(frozen=True)
class AcceptanceRow:
    recommender: str
    label: str
    accepted: int
    edited: int
    rejected: int

    @property
    def acceptance(self) -> float | None:
        """The share of decisions that took the suggestion (as is or edited)."""
        total = self.accepted + self.edited + self.rejected
        return (self.accepted + self.edited) / total if total else None


@dataclass(frozen=True)
class TimeFigures:
    documents: int
    mean_seconds: float | None
    median_seconds: float | None


@dataclass(frozen=True)
class AcceptanceLog:
    rows: list[AcceptanceRow]
    with_suggestions: TimeFigures
    without_suggestions: TimeFigures


def acceptance_log(project: Project) -> AcceptanceLog:
    """Accepted, edited-then-accepted and rejected suggestions per recommender and label, and
    the annotators' time per document (the window's measured time) on documents where they
    decided about suggestions and on those where they did not (documents marked done)."""
    import statistics

    with project.database.unit_of_work() as s:
        counts = store.decision_counts(s)
        decided = store.documents_decided(s)
        timed = store.done_set_times(s)
    table: dict[tuple[str, str], dict[str, int]] = {}
    for c in counts:
        table.setdefault((c.recommender, c.label), {})[c.decision] = c.count
    rows = [AcceptanceRow(r, lab, d.get(ACCEPTED, 0), d.get(EDITED, 0), d.get(REJECTED, 0))
            for (r, lab), d in sorted(table.items())]

    def figures(seconds: list[int]) -> TimeFigures:
        return TimeFigures(len(seconds), statistics.fmean(seconds) if seconds else None,
                           statistics.median(seconds) if seconds else None)

    with_s = [t for d, a, t in timed if (d, a) in decided and t > 0]
    without = [t for d, a, t in timed if (d, a) not in decided and t > 0]
    return AcceptanceLog(rows, figures(with_s), figures(without))


# -- evaluation ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Evaluation:
    """Each recommender's scores against the reference, per label (and ALL), with how many
    documents they were measured on; the project model's learning curve."""

    documents: int
    reference: str  # what the suggestions were compared with
    scores: dict[str, dict[str, Any]]  # recommender -> label -> core.suggest_eval.Scores
    curve: list[tuple[int, dict[str, Any]]]  # (training documents, label -> Scores)
    notes: list[str]


def evaluate(project: Project, *, folds: int = 5, seed: int = 0,
             sizes: Sequence[int] = (5, 10, 20, 50, 100, 200, 500, 1000)) -> Evaluation:
    """Precision, recall and F1 (exact and overlap, the agreement code's definitions) of each
    recommender against gold (a document without gold: its first done set), on documents it
    did not learn from: the rules on every reference document, the project model by
    document-grouped cross-validation (*folds*), and its learning curve."""
    from annotator.core import suggest_eval

    data = training_data(project, None)
    reference: dict[Hashable, tuple[str, Sequence[tuple[int, int, str]]]] = {}
    for doc_id, text, spans in data.examples:
        reference.setdefault(doc_id, (text, spans))
    if not reference:
        raise SuggestError("nothing to compare suggestions with: evaluation needs gold or documents marked done")
    labels = project.schema.names
    gold: dict[Hashable, Sequence[tuple[int, int, str]]] = {d: spans for d, (_t, spans) in reference.items()}
    scores: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for rule, role in (("dates", "date"), ("entities", "actor")):
        label = project.schema.role_label(role)
        if label is None:
            notes.append(f"{rule}: the schema has no {role} label")
            continue
        predicted: dict[Hashable, Sequence[tuple[int, int, str]]] = {
            d: [(x.start, x.end, x.label) for x in live_suggestions(project, str(d), None, (rule,))] for d in reference}
        scores[rule] = suggest_eval.evaluate(gold, predicted, [label])
    used = [lab for lab in labels if any(lab == x[2] for spans in gold.values() for x in spans)]
    curve: list[tuple[int, dict[str, Any]]] = []
    if not used:
        notes.append("project: the reference holds no spans to learn")
    elif len(reference) < max(2, folds):
        notes.append(f"project: {len(reference)} document(s) cannot make {folds} folds of cross-validation")
    else:
        scores[PROJECT] = suggest_eval.cross_validate(reference, used, folds=folds, seed=seed)
        curve = suggest_eval.learning_curve(reference, used, sizes=sizes, seed=seed)
    kinds = {src["kind"] for src in data.sources}
    what = "gold" if kinds == {"gold"} else "gold and done sets" if "gold" in kinds else "done sets"
    return Evaluation(len(reference), what, scores, curve, notes)
