"""Suggestions in SQL: the ones ``suggest apply`` stored, what annotators decided about
them, and the trained span models. Each function takes the caller's unit of work."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from annotator.core.suggest import Suggestion
from annotator.core.values import Span
from annotator.storage.tables import SuggestionDecisionRow, SuggestionModelRow, SuggestionRow, table_of, utcnow

_S = SuggestionRow
_D = SuggestionDecisionRow
_M = SuggestionModelRow
#: ids per ``IN (…)`` list
IN_CHUNK = 500


def _suggestion(row: Any) -> Suggestion:
    return Suggestion(row.document_id, row.start_offset, row.end_offset, row.label, row.recommender,
                      dict(row.attrs or {}), float(row.score), row.version)


def replace_suggestions(session: Session, recommender: str, doc_ids: Sequence[str], audience_id: int | None,
                        suggestions: Sequence[Suggestion]) -> None:
    """Make *suggestions* the stored answer of *recommender* for *doc_ids* (and that audience)."""
    for i in range(0, len(doc_ids), IN_CHUNK):
        chunk = list(doc_ids[i:i + IN_CHUNK])
        session.execute(delete(_S).where(_S.recommender == recommender, _S.document_id.in_(chunk),
                                         _S.audience_id.is_(None) if audience_id is None
                                         else _S.audience_id == audience_id))
    now = utcnow()
    rows = [{"document_id": s.document_id, "recommender": s.recommender, "version": s.version,
             "audience_id": audience_id, "start_offset": s.start, "end_offset": s.end, "label": s.label,
             "attrs": dict(s.attrs), "score": s.score, "created_at": now} for s in suggestions]
    for i in range(0, len(rows), 5000):
        session.execute(insert(table_of(_S)), rows[i:i + 5000])


def stored_suggestions(session: Session, doc_ids: Sequence[str], viewer_id: int | None, *,
                       recommender: str | None = None, min_score: float | None = None,
                       audience_only: bool = False) -> list[Suggestion]:
    """Stored suggestions of *doc_ids* that anyone may see, or that were made for *viewer_id*
    (*audience_only*: only those made for *viewer_id*)."""
    out: list[Suggestion] = []
    for i in range(0, len(doc_ids), IN_CHUNK):
        whose = (_S.audience_id == viewer_id if audience_only else
                 _S.audience_id.is_(None) if viewer_id is None else or_(_S.audience_id.is_(None),
                                                                        _S.audience_id == viewer_id))
        stmt = select(_S.document_id, _S.start.label("start_offset"), _S.end.label("end_offset"), _S.label,
                      _S.recommender, _S.attrs, _S.score, _S.version).where(
            _S.document_id.in_(list(doc_ids[i:i + IN_CHUNK])), whose)
        if recommender is not None:
            stmt = stmt.where(_S.recommender == recommender)
        if min_score is not None:
            stmt = stmt.where(_S.score >= min_score)
        out.extend(_suggestion(r) for r in session.execute(stmt.order_by(_S.document_id, _S.start)))
    return out


def documents_with_suggestions(session: Session, viewer_id: int | None, *, min_score: float | None = None,
                               recommender: str | None = None) -> list[str]:
    stmt = select(_S.document_id).distinct().where(
        _S.audience_id.is_(None) if viewer_id is None else or_(_S.audience_id.is_(None), _S.audience_id == viewer_id))
    if min_score is not None:
        stmt = stmt.where(_S.score >= min_score)
    if recommender is not None:
        stmt = stmt.where(_S.recommender == recommender)
    return sorted(str(d) for (d,) in session.execute(stmt))


# -- decisions -------------------------------------------------------------------------------

def decided_keys(session: Session, doc_id: str, annotator_id: int) -> set[str]:
    """The keys of the suggestions the annotator decided about in the document."""
    stmt = select(_D.suggestion_key).where(_D.document_id == doc_id, _D.annotator_id == annotator_id)
    return {str(k) for (k,) in session.execute(stmt)}


def add_decision(session: Session, doc_id: str, annotator_id: int, suggestion: Suggestion, decision: str,
                 span_uid: str | None, label: str) -> int:
    row = _D(document_id=doc_id, annotator_id=annotator_id, recommender=suggestion.recommender,
             suggestion_key=suggestion.key, label=label, decision=decision, span_uid=span_uid, at=utcnow())
    session.add(row)
    session.flush()
    return int(row.pk)


def remove_decisions(session: Session, pks: Iterable[int]) -> None:
    pks = list(pks)
    if pks:
        session.execute(delete(_D).where(_D.pk.in_(pks)))


@dataclass(frozen=True)
class DecisionCount:
    recommender: str
    label: str
    decision: str
    count: int


def decision_counts(session: Session) -> list[DecisionCount]:
    """How many suggestions were accepted, edited then accepted and rejected, per recommender
    and label (the label the suggestion had)."""
    stmt = (select(_D.recommender, _D.suggestion_key, _D.decision)
            .order_by(_D.recommender))
    counts: dict[tuple[str, str, str], int] = {}
    for recommender, key, decision in session.execute(stmt):
        label = str(json.loads(key)[3])
        k = (str(recommender), label, str(decision))
        counts[k] = counts.get(k, 0) + 1
    return [DecisionCount(r, lab, d, n) for (r, lab, d), n in sorted(counts.items())]


def documents_decided(session: Session) -> set[tuple[str, int]]:
    """(document, annotator) pairs where the annotator decided about at least one suggestion."""
    return {(str(d), int(a)) for d, a in session.execute(select(_D.document_id, _D.annotator_id).distinct())}


# -- models ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class StoredModel:
    version: int
    audience_id: int | None
    info: dict[str, Any]
    blob: bytes
    created_at: datetime


def save_model(session: Session, name: str, audience_id: int | None, info: dict[str, Any], blob: bytes) -> int:
    """Store a trained model as the next version of *name*; returns its version."""
    last = session.execute(select(func.max(_M.version)).where(_M.name == name)).scalar()
    version = int(last or 0) + 1
    session.add(_M(name=name, version=version, audience_id=audience_id, info=dict(info, version=version),
                   blob=blob, created_at=utcnow()))
    session.flush()
    return version


def latest_model(session: Session, name: str, audience_id: int | None) -> StoredModel | None:
    """The newest model of *name* made for that audience (None: the shared one)."""
    stmt = (select(_M).where(_M.name == name, _M.audience_id.is_(None) if audience_id is None
                             else _M.audience_id == audience_id)
            .order_by(_M.version.desc()).limit(1))
    row = session.execute(stmt).scalar_one_or_none()
    if row is None:
        return None
    return StoredModel(int(row.version), row.audience_id, dict(row.info or {}), bytes(row.blob), row.created_at)


def models(session: Session) -> list[tuple[str, int, int | None, dict[str, Any], datetime]]:
    """Every stored model (name, version, audience, info, when), newest first."""
    stmt = select(_M.name, _M.version, _M.audience_id, _M.info, _M.created_at).order_by(_M.version.desc())
    return [(str(n), int(v), a, dict(i or {}), c) for n, v, a, i, c in session.execute(stmt)]


# -- what a model may learn from ---------------------------------------------------------------

@dataclass(frozen=True)
class TrainingSet:
    document_id: str
    set_id: int
    kind: str  # gold or annotation
    annotator_id: int


def training_sets(session: Session, own: int | None) -> list[TrainingSet]:
    """The sets a model may learn from: every gold set and every set marked done (*own*
    None); or, for one annotator (*own*), their own done sets and the gold of the documents
    they have done (the blind rule: nothing of another annotator's work)."""
    from annotator.storage.kinds import ANNOTATION, GOLD
    from annotator.storage.tables import AnnotationSetRow as A

    done = select(A.id, A.document_id, A.kind, A.annotator_id).where(
        A.kind == ANNOTATION, A.status == "done")
    if own is not None:
        done = done.where(A.annotator_id == own)
    rows = list(session.execute(done))
    gold = select(A.id, A.document_id, A.kind, A.annotator_id).where(A.kind == GOLD)
    if own is not None:
        gold = gold.where(A.document_id.in_([r.document_id for r in rows] or [""]))
    rows += list(session.execute(gold))
    return sorted((TrainingSet(str(r.document_id), int(r.id), str(r.kind), int(r.annotator_id)) for r in rows),
                  key=lambda t: (t.document_id, t.kind != GOLD, t.annotator_id))


def done_set_times(session: Session) -> list[tuple[str, int, int]]:
    """(document, annotator, seconds the window measured) of every annotation set marked done."""
    from annotator.storage.tables import AnnotationSetRow as A

    stmt = select(A.document_id, A.annotator_id, A.time_spent_seconds).where(A.kind == "annotation",
                                                                            A.status == "done")
    return [(str(d), int(a), int(t or 0)) for d, a, t in session.execute(stmt)]


def span_ranges(session: Session, doc_id: str, annotator: str) -> list[Span]:
    """The annotator's spans of the document as ranges and labels only (what hides a
    suggestion): three columns read, no attributes decoded (20,000 spans in a few ms)."""
    from annotator.storage import annotation_sets as set_store
    from annotator.storage.tables import SpanRow

    ref = set_store.find_set(session, doc_id, annotator)
    if ref is None:
        return []
    stmt = select(SpanRow.start, SpanRow.end, SpanRow.label).where(SpanRow.set_id == ref.id)
    return [Span("", int(a), int(b), str(lab)) for a, b, lab in session.execute(stmt)]
