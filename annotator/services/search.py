"""Search the corpus: every hit of a query, document by document, in list order.

The query is compiled once (:func:`annotator.core.search.compile_query`); the index
names the candidate documents (:mod:`annotator.storage.search`: those whose all-folds
text holds the query's needle, with the filters on documents applied in SQL), a chunk
at a time; each candidate's text is folded with the query's own options and its hits
found (:func:`~annotator.core.search.find_in_folded`), in code points of the stored
text. The index answers a superset (folding is many-to-one, and a whole-word or clitic
query is looked for as a substring), so only what the check finds is returned.

A page holds at most *limit_documents* documents with hits; ``cursor`` continues after
the last one looked at. Span filters look at one annotator's spans (the person
searching by default; ``gold`` for the adjudicated gold): an annotator working blind
may name only themselves, and sees gold only on documents they have marked done.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from difflib import get_close_matches

import regex

from annotator.core.errors import AnnotatorError
from annotator.core.search import (
    ALL_FOLDS,
    DocumentHits,
    Hit,
    SearchError,
    SearchFilter,
    SearchHit,
    SearchOptions,
    SearchResult,
    compile_query,
    context,
    find_in_folded,
    fold_text,
    index_needles,
)
from annotator.core.values import Role, SetStatus
from annotator.services import team
from annotator.services.lookup import require_annotator, require_documents
from annotator.services.project import Project
from annotator.storage import search as search_store
from annotator.storage.database import UnitOfWork
from annotator.storage.kinds import GOLD_OWNER

#: candidates read by the first statement of a page; each next one reads twice as many, up to MAX_CHUNK
FIRST_CHUNK = 32
MAX_CHUNK = 2048
#: characters of context either side of a hit
CONTEXT = 40


class SearchRefused(AnnotatorError):
    """A search that cannot be run as asked (a bad query, an unknown label, a rule)."""


def _check_label(project: Project, label: str) -> None:
    names = [lab.name for lab in project.schema.labels]
    if label in names:
        return
    close = get_close_matches(label, names, n=3, cutoff=0.5) or get_close_matches(
        label.upper(), names, n=3, cutoff=0.5)
    hint = f"did you mean: {', '.join(close)}?" if close else f"labels: {', '.join(names)}"
    raise SearchRefused(f"no label {label!r} in the project's schema ({hint})")


def _check_date(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        date.fromisoformat(value)
    except ValueError:
        raise SearchRefused(f"{name} must be a date like 2026-09-27, not {value!r}") from None


def _owner_name(project: Project, filters: SearchFilter, viewer: str | None) -> str | None:
    """Whose spans and status the filters look at, after the checks (None: nobody needed)."""
    needs = filters.reads_spans or filters.status is not None
    name = filters.annotator if filters.annotator is not None else viewer
    if filters.annotator is not None:
        require_annotator(project, filters.annotator, also=[GOLD_OWNER])
    if needs and name is None:
        raise SearchRefused("say whose spans and status the filters look at: --annotator NAME (or gold), "
                            "or --as NAME")
    if viewer is not None and name is not None and name != viewer and name != GOLD_OWNER \
            and _annotates(project, viewer):
        raise team.NotAllowed(f"{viewer} annotates blind: another annotator's spans ({name}'s) are hidden "
                              "from them (the blind-work rule); search by their own spans, or gold on the "
                              "documents they have done")
    return name if needs else None


def _annotates(project: Project, viewer: str) -> bool:
    """*viewer* works under the annotator's rules: their role, or someone the project does not
    know yet (a window's user before their first edit, which makes them an annotator)."""
    if viewer not in project.annotators():
        return True
    return team.role_of(project, viewer) is Role.ANNOTATOR


def search(project: Project, query: str, options: SearchOptions | None = None, filters: SearchFilter | None = None,
           *, viewer: str | None = None, after: int | None = None, limit_documents: int = 50,
           indexed: bool = True) -> SearchResult:
    """A page of hits of *query* (after list number *after*), as *viewer* (who is searching:
    the default owner of the spans the filters look at, and whose blind-work rule holds).

    *indexed* False never asks the trigram index (the scan it stands for; for tests)."""
    options = options or SearchOptions()
    filters = filters or SearchFilter()
    if limit_documents < 1:
        raise SearchRefused("the limit of documents must be 1 or more")
    try:
        pattern = compile_query(query, options)
    except SearchError as exc:
        raise SearchRefused(str(exc)) from None
    if filters.inside_label is not None and filters.outside_spans:
        raise SearchRefused("a hit cannot be both inside a span of a label and outside every span: "
                            "give one of them")
    if filters.inside_label is not None:
        _check_label(project, filters.inside_label)
    if filters.status is not None and filters.status not in {s.value for s in SetStatus}:
        raise SearchRefused(f"no status {filters.status!r} (statuses: {', '.join(s.value for s in SetStatus)})")
    _check_date("published from", filters.published_from)
    _check_date("published to", filters.published_to)
    if filters.documents:
        filters = replace(filters, documents=tuple(require_documents(project, filters.documents)))
    name = _owner_name(project, filters, viewer)
    if pattern is None:
        return SearchResult(query, options, (), True, None, 0)
    needles = index_needles(query, options)
    blind_gold = viewer if name == GOLD_OWNER and viewer is not None and _annotates(project, viewer) else None
    found: list[DocumentHits] = []
    looked_at = 0
    cursor = after
    chunk = FIRST_CHUNK
    with project.database.unit_of_work() as s:
        who = search_store.owner(s, name, gold_only_where_done_by=blind_gold) if name is not None \
            else search_store.Owner(None)
        while True:
            batch, read, last_read = _next_candidates(s, needles, pattern, options, filters, who, cursor, chunk,
                                                      indexed)
            looked_at += read
            texts = search_store.read_texts(s, [d for _n, d in batch])
            spans = search_store.spans_of(s, [d for _n, d in batch], who) if filters.reads_spans else {}
            for i, (number, doc_id) in enumerate(batch):
                title, body = texts[doc_id]
                hits = list(find_in_folded(fold_text(body, options), pattern, body))
                if filters.reads_spans:
                    hits = _kept(hits, spans[doc_id], filters)
                if hits:
                    found.append(DocumentHits(doc_id, title, tuple(
                        SearchHit(h.start, h.end, context(body, h, CONTEXT)) for h in hits)))
                    if len(found) == limit_documents:
                        last = read < chunk and i == len(batch) - 1 and number == last_read
                        return SearchResult(query, options, tuple(found), last, None if last else number, looked_at)
            if read < chunk:
                return SearchResult(query, options, tuple(found), True, None, looked_at)
            cursor = last_read
            chunk = min(chunk * 2, MAX_CHUNK)


def _next_candidates(s: UnitOfWork, needles: tuple[str, ...], pattern: regex.Pattern[str], options: SearchOptions,
                     filters: SearchFilter, who: search_store.Owner, after: int | None, chunk: int,
                     indexed: bool) -> tuple[list[tuple[int, str]], int, int | None]:
    """The next candidates to check (list number, id), how many documents were read for them
    (*chunk* unless the list ended), and the last list number read."""
    if options.mode == "regex" and options.folds == ALL_FOLDS.folds:
        # a regular expression over all-folds text runs on the stored copy (of the documents
        # holding its sure literals, when it has some): a text is read (and folded again, for
        # the map back to its code points) only where it matches
        rows = search_store.folded_in_order(s, filters, who, needles, after=after, limit=chunk, indexed=indexed)
        kept = [(n, d) for n, d, folded in rows if pattern.search(folded) is not None]
        return kept, len(rows), rows[-1][0] if rows else None
    batch = search_store.candidates(s, needles, filters, who, after=after, limit=chunk, indexed=indexed)
    return batch, len(batch), batch[-1][0] if batch else None


def _kept(hits: list[Hit], spans: list[tuple[int, int, str]], f: SearchFilter) -> list[Hit]:
    if f.inside_label is not None:
        around = [(a, b) for a, b, label in spans if label == f.inside_label]
        return [h for h in hits if any(a <= h.start and h.end <= b for a, b in around)]
    return [h for h in hits if not any(a < h.end and h.start < b for a, b, _label in spans)]
