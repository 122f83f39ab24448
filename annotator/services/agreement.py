"""Agreement figures for a project: which documents and annotators, read from the
database one document at a time, computed by :mod:`annotator.core.agreement`.

An annotator's work on a document counts when their set has spans or is marked
done (an empty set marked done means "nothing to tag here"); ``done_only``
restricts it to sets marked done. The name ``gold`` may be listed among the
annotators to compare people with the gold.

Large projects are computed in worker processes (multiprocessing, 'spawn' start
method: safe under a GUI): each opens the database itself, computes a document
into a counter of its own, and the counters are merged here in document order,
which gives exactly the figures of the computation in one process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from annotator.core.adjudication import LinkItem, gc_paused
from annotator.core.agreement import AgreementCounter, AgreementReport
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.values import SetStatus
from annotator.services.project import Project
from annotator.services.team import RESERVED_NAMES
from annotator.storage import agreement as agreement_store
from annotator.storage import documents as document_store
from annotator.storage import kinds as set_kinds
from annotator.storage import team as team_store
from annotator.storage.database import Database, open_database
from annotator.storage.kinds import GOLD_OWNER


def _kind(name: str) -> str:
    return set_kinds.GOLD if name == GOLD_OWNER else set_kinds.ANNOTATION


def _counts(status: str, spans: int, done_only: bool) -> bool:
    """Does a set count as work: marked done, or (unless done_only) holding spans."""
    done = status == SetStatus.DONE.value
    return done if done_only else (done or spans > 0)


# automatic parallelism: only when there is enough work to pay for starting processes
PARALLEL_MIN_DOCUMENTS = 8
PARALLEL_MIN_SPANS = 2_000_000
MAX_AUTO_WORKERS = 4


def _available_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _choose_workers(workers: int | None, n_docs: int, n_spans: int, database: Database) -> int:
    """Processes to use: *workers* when given (1: in this process), else automatic."""
    if agreement_store.shared_url(database) is None:
        return 1  # another process could not see an in-memory database
    if workers is not None:
        if workers < 1:
            raise AnnotatorError("workers must be at least 1")
        return max(1, min(workers, n_docs))
    if n_docs < PARALLEL_MIN_DOCUMENTS or n_spans <= PARALLEL_MIN_SPANS:
        return 1
    return max(1, min(_available_cpus(), MAX_AUTO_WORKERS, n_docs))


def compute_agreement(project: Project, doc_ids: Sequence[str] | None = None,
                      annotators: Sequence[str] | None = None, *, done_only: bool = False,
                      progress: Callable[[str], None] | None = None,
                      workers: int | None = None) -> AgreementReport:
    """Agreement over the documents (default: all) between the annotators (default:
    everyone with work on them). Raises if fewer than two annotators are chosen.

    *workers*: processes computing documents (1: all in this process); by default
    several when there are at least ``PARALLEL_MIN_DOCUMENTS`` documents and more
    than ``PARALLEL_MIN_SPANS`` spans. The figures are the same either way.
    *progress* is called with each document's id once it is computed, in order."""
    with project.database.unit_of_work() as s:
        if doc_ids is not None:
            missing = sorted(set(doc_ids) - document_store.existing_document_ids(s, list(doc_ids)))
            if missing:
                raise NotFound(f"no such document(s): {', '.join(missing)}")
        kinds = (
            (set_kinds.ANNOTATION, set_kinds.GOLD)
            if annotators and GOLD_OWNER in annotators
            else (set_kinds.ANNOTATION,)
        )
        infos = [(doc, name, n) for doc, name, status, n in agreement_store.work_sets(s, doc_ids, annotators, kinds)
                 if _counts(status, n, done_only)
                 and (name not in RESERVED_NAMES or (annotators and name in annotators))]
        if annotators is not None:
            for name in annotators:
                if name != GOLD_OWNER:
                    team_store.require_annotator(s, name)
            names = list(dict.fromkeys(annotators))
        else:
            names = sorted({name for _doc, name, _n in infos})
        if len(names) < 2:
            raise AnnotatorError(f"agreement needs at least two annotators with work on these documents "
                                 f"(found: {', '.join(names) or 'none'})")
        work: dict[str, list[str]] = {}
        spans_of: dict[str, int] = {}
        for doc, name, n in infos:
            if name in names:
                work.setdefault(doc, []).append(name)
                spans_of[doc] = spans_of.get(doc, 0) + n
        n_spans = sum(spans_of.values())
        has_relations = agreement_store.has_relations(s)
        has_links = agreement_store.has_links(s)
        labels = list(project.schema.names)
        counter = AgreementCounter(names, labels)
        docs = sorted(work)
        by_name: dict[str, list[LinkItem]] = {}
        if has_links:
            links = team_store.links_touching(s, docs, names, kinds=kinds)
            for name in names:
                by_name[name] = links.get((name, _kind(name)), [])
                counter.add_links(name, by_name[name])
    n_workers = _choose_workers(workers, len(docs), n_spans, project.database)
    batches = _batches([(doc_id, work[doc_id]) for doc_id in docs], spans_of)
    if n_workers <= 1:
        for batch in batches:
            with gc_paused(), project.database.unit_of_work() as s:
                read = agreement_store.read_documents(s, batch, has_relations, labels)
            for doc_id, _who in batch:
                text, versions = read.pop(doc_id)
                counter.add_document(text, versions, doc_id=doc_id)
                if progress:
                    progress(doc_id)
        return counter.report()
    url = agreement_store.shared_url(project.database)
    assert url is not None  # _choose_workers chose one process otherwise
    ctx = multiprocessing.get_context("spawn")  # never fork: the GUI calls this from a Qt application
    with ctx.Pool(n_workers, initializer=_worker_init, initargs=(url, names, labels, by_name, has_relations)) as pool:
        for batch, partials in zip(batches, pool.imap(_worker_batch, batches)):
            for (doc_id, _who), partial in zip(batch, partials, strict=True):
                counter.merge(partial)  # in document order: exactly the figures of one process
                if progress:
                    progress(doc_id)
    return counter.report()


# documents read in one statement: up to this many spans (a long document is a batch of its own)
BATCH_SPANS = 200_000
BATCH_DOCUMENTS = 256


def _batches(work: list[tuple[str, list[str]]], spans_of: Mapping[str, int]) -> list[list[tuple[str, list[str]]]]:
    """*work* in order, cut into batches of at most ``BATCH_DOCUMENTS`` documents and
    (unless one document alone has more) ``BATCH_SPANS`` spans."""
    out: list[list[tuple[str, list[str]]]] = []
    batch: list[tuple[str, list[str]]] = []
    spans = 0
    for item in work:
        n = spans_of.get(item[0], 0)
        if batch and (len(batch) >= BATCH_DOCUMENTS or spans + n > BATCH_SPANS):
            out.append(batch)
            batch, spans = [], 0
        batch.append(item)
        spans += n
    if batch:
        out.append(batch)
    return out


# -- worker processes --------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _worker_init(url: str, names: list[str], labels: list[str], links: Mapping[str, list[LinkItem]],
                 has_relations: bool) -> None:
    _WORKER.update(database=open_database(url, upgrade=False), names=names, labels=labels,
                   has_relations=has_relations, links=_links_by_document(links))


def _links_by_document(links: Mapping[str, list[LinkItem]]) -> dict[str, dict[str, list[LinkItem]]]:
    """document id -> annotator -> the annotator's links with an end in the document."""
    out: dict[str, dict[str, list[LinkItem]]] = {}
    for name, items in links.items():
        for lk in items:
            for doc in dict.fromkeys((lk.source[0], lk.target[0])):
                out.setdefault(doc, {}).setdefault(name, []).append(lk)
    return out


def _worker_batch(batch: list[tuple[str, list[str]]]) -> list[AgreementCounter]:
    """Each document's figures, in a counter of its own (merged by the parent)."""
    database: Database = _WORKER["database"]
    with gc_paused(), database.unit_of_work() as s:
        read = agreement_store.read_documents(s, batch, _WORKER["has_relations"], _WORKER["labels"])
    out = []
    for doc_id, _who in batch:
        counter = AgreementCounter(_WORKER["names"], _WORKER["labels"])
        for name, items in _WORKER["links"].get(doc_id, {}).items():
            counter.add_links(name, items)
        text, versions = read.pop(doc_id)
        counter.add_document(text, versions, doc_id=doc_id)
        out.append(counter)
    return out
