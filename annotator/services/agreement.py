"""Agreement figures for a project: which documents and annotators, read from the
database one document at a time, computed by :mod:`annotator.core.agreement`.

An annotator's work on a document counts when their set has spans or is marked
done (an empty set marked done means "nothing to tag here"); ``done_only``
restricts it to sets marked done. The name ``gold`` may be listed among the
annotators to compare people with the gold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from annotator.core.adjudication import gc_paused
from annotator.core.agreement import AgreementCounter, AgreementReport, Annotations
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.model import SetStatus
from annotator.services.project import Project
from annotator.services.team import RESERVED_NAMES
from annotator.storage import repository as repo
from annotator.storage import team_repo
from annotator.storage.models import LinkRow, RelationRow
from annotator.storage.team_repo import GOLD_OWNER


def _kind(name: str) -> str:
    return repo.GOLD if name == GOLD_OWNER else repo.ANNOTATION


def _counts(status: str, spans: int, done_only: bool) -> bool:
    """Does a set count as work: marked done, or (unless done_only) holding spans."""
    done = status == SetStatus.DONE.value
    return done if done_only else (done or spans > 0)


def compute_agreement(project: Project, doc_ids: Sequence[str] | None = None,
                      annotators: Sequence[str] | None = None, *, done_only: bool = False,
                      progress: Callable[[str], None] | None = None) -> AgreementReport:
    """Agreement over the documents (default: all) between the annotators (default:
    everyone with work on them). Raises if fewer than two annotators are chosen."""
    with project.database.unit_of_work() as s:
        if doc_ids is not None:
            missing = sorted(set(doc_ids) - repo.existing_document_ids(s, list(doc_ids)))
            if missing:
                raise NotFound(f"no such document(s): {', '.join(missing)}")
        kinds = (repo.ANNOTATION, repo.GOLD) if annotators and GOLD_OWNER in annotators else (repo.ANNOTATION,)
        infos = [i for i in team_repo.set_infos(s, doc_ids, annotators, kinds=kinds)
                 if _counts(i.status, i.spans, done_only)
                 and (i.annotator not in RESERVED_NAMES or (annotators and i.annotator in annotators))]
        if annotators is not None:
            for name in annotators:
                if name != GOLD_OWNER:
                    team_repo.require_annotator(s, name)
            names = list(dict.fromkeys(annotators))
        else:
            names = sorted({i.annotator for i in infos})
        if len(names) < 2:
            raise AnnotatorError(f"agreement needs at least two annotators with work on these documents "
                                 f"(found: {', '.join(names) or 'none'})")
        work: dict[str, list[str]] = {}
        for i in infos:
            if i.annotator in names:
                work.setdefault(i.document_id, []).append(i.annotator)
        has_relations = bool(s.scalar(select(func.count(RelationRow.pk))))
        has_links = bool(s.scalar(select(func.count(LinkRow.pk))))
        counter = AgreementCounter(names, project.schema.names)
        docs = sorted(work)
        if has_links:
            links = team_repo.links_touching(s, docs, names, kinds=kinds)
            for name in names:
                counter.add_links(name, links.get((name, _kind(name)), []))
    for doc_id in docs:
        who = work[doc_id]
        with gc_paused(), project.database.unit_of_work() as s:
            text = team_repo.document_text(s, doc_id)
            versions = _load(s, doc_id, who, has_relations)
        counter.add_document(text, versions, doc_id=doc_id)
        if progress:
            progress(doc_id)
    return counter.report()


def _load(s: Session, doc_id: str, names: Sequence[str], with_relations: bool) -> dict[str, Annotations]:
    rels = team_repo.relations_by_set(s, doc_id, names, kinds=(repo.ANNOTATION, repo.GOLD)) if with_relations else {}
    out: dict[str, Annotations] = {n: Annotations.from_rows([]) for n in names}
    for set_id, name, kind in team_repo.document_sets(s, doc_id, names, kinds=(repo.ANNOTATION, repo.GOLD)):
        if kind != _kind(name):
            continue
        rows, attrs = team_repo.span_key_rows(s, set_id)
        out[name] = Annotations.from_rows(rows, attrs, rels.get((name, kind), []))
    return out
