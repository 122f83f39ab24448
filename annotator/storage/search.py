"""The corpus search in SQL: which documents may hold a query, in list order, a page at a time.

Each document has a ``document_search`` row (its text folded with every fold of
:mod:`annotator.core.search`, keyed by its ``document_list`` number), written with the
document (:func:`add_search_rows`) and hidden and removed with its list row. A search
asks :func:`candidates` for the next documents, after a list number, whose folded text
holds the folded needles (a query's text, or the literals every match of a regular
expression holds): on SQLite, for a needle of three characters or more, the rows
its trigram index (``document_search_fts``) names as holding every trigram of them, read
in number order straight from the index (so a needle most documents hold costs the page,
not the corpus), their folded text then tested in SQL; a shorter
needle, or a database without the index, tests every folded text in number order
(``instr``); on PostgreSQL ``LIKE``, which its pg_trgm index answers. Without a needle
(a regular expression with no sure literal) every document is a candidate. The filters on documents (ids,
metadata, the set's status, a span of a label) are conditions of the same statement.
The caller checks each candidate's text (:func:`read_texts`) and spans
(:func:`spans_of`). Each function takes the caller's unit of work.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Text,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from annotator.core.search import SearchFilter, index_text
from annotator.storage.database import sqlite_has_table
from annotator.storage.kinds import ANNOTATION, GOLD, GOLD_OWNER
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    DocumentListRow,
    DocumentRow,
    DocumentSearchRow,
    SpanRow,
)

_L = DocumentListRow
_F = DocumentSearchRow
_S = AnnotationSetRow
#: the shortest needle the trigram index answers
TRIGRAM = 3
#: ids per ``IN (…)`` list
IN_CHUNK = 500
#: the full-text index (a virtual table no model describes; migration 0006)
_FTS = table("document_search_fts", column("rowid", Integer), column("folded", Text))

_MATCH: ColumnElement[str] = literal_column("document_search_fts")


def trigrams(needle: str) -> str:
    """An FTS5 query: every trigram of *needle* (each an FTS5 string, once)."""
    grams = dict.fromkeys(needle[i:i + TRIGRAM] for i in range(len(needle) - TRIGRAM + 1))
    return " AND ".join('"' + g.replace('"', '""') + '"' for g in grams)


_INSERT = text("INSERT INTO document_search (number, folded) VALUES (:number, :folded)")
_INDEX = text("INSERT INTO document_search_fts (rowid, folded) VALUES (:number, :folded)")


def add_search_rows(session: Session, documents: Sequence[tuple[str, str]]) -> None:
    """The ``document_search`` rows of *documents* (id, text), whose list rows were just
    inserted in this transaction (an importer's session sees its staging rows), and their
    entries in the trigram index (an executemany each). The index is written here, not by
    a trigger: FTS5 flushes its pending entries at every statement a trigger runs, which
    made an import four times slower."""
    if not documents:
        return
    numbers: dict[str, int] = {}
    ids = [d for d, _text in documents]
    for i in range(0, len(ids), IN_CHUNK):
        numbers.update((d, n) for d, n in session.execute(
            select(_L.document_id, _L.number).where(_L.document_id.in_(ids[i:i + IN_CHUNK]))))
    rows = [{"number": numbers[doc_id], "folded": index_text(body)} for doc_id, body in documents]
    session.execute(_INSERT, rows)
    if has_index(session):
        session.execute(_INDEX, rows)


def has_index(session: Session) -> bool:
    """Whether this SQLite database has the trigram index of folded texts."""
    return sqlite_has_table(session, "document_search_fts")


@dataclass(frozen=True)
class Owner:
    """Whose spans and status a search looks at: an annotator's sets (or gold), by row id.

    ``id`` None: nobody the project knows (no sets: every document is new to them).
    ``done_by``: only documents this annotator (by id) has marked done (gold, for an
    annotator working blind, who may see it only there)."""

    id: int | None
    kind: str = ANNOTATION
    done_by: int | None = None


def owner(session: Session, name: str, *, gold_only_where_done_by: str | None = None) -> Owner:
    """The :class:`Owner` of *name* (``gold``: the gold sets)."""
    kind = GOLD if name == GOLD_OWNER else ANNOTATION
    found = session.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == name))
    done_by = None
    if gold_only_where_done_by is not None:
        done_by = session.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == gold_only_where_done_by))
        done_by = -1 if done_by is None else done_by  # nobody: nothing is done
    return Owner(found, kind, done_by)


def _sets_of(who: Owner) -> Any:
    return select(_S.document_id).where(_S.annotator_id == who.id, _S.kind == who.kind)


def _conditions(session: Session, f: SearchFilter, who: Owner) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if f.documents:
        out.append(_L.document_id.in_(list(f.documents)))
    if f.status == "new":  # never opened, or opened and still new
        out.append(_L.document_id.not_in(_sets_of(who).where(_S.status != "new")))
    elif f.status is not None:
        out.append(_L.document_id.in_(_sets_of(who).where(_S.status == f.status)))
    if f.inside_label is not None:
        out.append(_L.document_id.in_(_sets_of(who).join(SpanRow, SpanRow.set_id == _S.id)
                                      .where(SpanRow.label == f.inside_label)))
    if who.done_by is not None:
        out.append(_L.document_id.in_(select(_S.document_id).where(
            _S.annotator_id == who.done_by, _S.kind == ANNOTATION, _S.status == "done")))
    meta = [(k, v) for k, v in f.meta]
    if f.outlet is not None:
        meta.append(("outlet", f.outlet))
    if meta or f.published_from is not None or f.published_to is not None:
        about = select(DocumentRow.id)
        for key, value in meta:
            about = about.where(cast(DocumentRow.meta[key].as_string(), Text) == value)
        published = func.substr(DocumentRow.meta["published"].as_string(), 1, 10)
        if f.published_from is not None:
            about = about.where(published >= f.published_from)
        if f.published_to is not None:
            about = about.where(published <= f.published_to)
        # correlated: tested on each candidate (by primary key), never by reading every document
        out.append(about.where(DocumentRow.id == _L.document_id).exists())
    return out


def _holds(session: Session, needle: str) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "sqlite":  # not LIKE: slow on non-ASCII text, and case rules
        return func.instr(_F.folded, needle) > 0
    return _F.folded.contains(needle, autoescape=True)  # PostgreSQL: LIKE, which pg_trgm answers


def _in_order(session: Session, needles: Sequence[str], f: SearchFilter, who: Owner, after: int | None,
              indexed: bool, *columns: Any) -> Any:
    """The statement of :func:`candidates` and :func:`folded_in_order`, selecting *columns*."""
    conditions = _conditions(session, f, who)
    start = -1 if after is None else after
    long = [n for n in needles if len(n) >= TRIGRAM]
    holds = [_holds(session, n) for n in needles]
    if long and indexed and has_index(session):
        # the documents holding every trigram of the needles, from the index in number order (it
        # stops at the LIMIT), then the folded text of each tested (the index has no positions)
        return (select(*columns).select_from(_FTS).join(_L, _L.number == _FTS.c.rowid)
                .join(_F, _F.number == _FTS.c.rowid)
                .where(_MATCH.op("MATCH")(" AND ".join(trigrams(n) for n in long)), _FTS.c.rowid > start,
                       *holds, *conditions)
                .order_by(_FTS.c.rowid))
    if needles:
        return (select(*columns).select_from(_L).join(_F, _F.number == _L.number)
                .where(_L.number > start, *holds, *conditions).order_by(_L.number))
    stmt = select(*columns).select_from(_L)
    if any(c is _F.folded for c in columns):
        stmt = stmt.join(_F, _F.number == _L.number)
    return stmt.where(_L.number > start, *conditions).order_by(_L.number)


def candidates(session: Session, needles: Sequence[str], f: SearchFilter, who: Owner, *,
               after: int | None = None, limit: int = 100, indexed: bool = True) -> list[tuple[int, str]]:
    """The next *limit* documents (list number, id) after list number *after* whose
    all-folds text holds every one of *needles* (none: every document) and that *f*'s
    document conditions keep, in list-number order. *indexed* False: never the trigram
    index (a test of the scan it stands for)."""
    stmt = _in_order(session, needles, f, who, after, indexed, _L.number, _L.document_id)
    return [(int(n), str(d)) for n, d in session.execute(stmt.limit(limit))]


def folded_in_order(session: Session, f: SearchFilter, who: Owner, needles: Sequence[str] = (), *,
                    after: int | None = None, limit: int = 100, indexed: bool = True) -> list[tuple[int, str, str]]:
    """:func:`candidates` with each one's all-folds text (list number, id, text): what a
    regular expression over all-folds text is run on without reading and folding every text."""
    stmt = _in_order(session, needles, f, who, after, indexed, _L.number, _L.document_id, _F.folded)
    return [(int(n), str(d), str(t)) for n, d, t in session.execute(stmt.limit(limit))]


def read_texts(session: Session, doc_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """(title shown, text) of each of *doc_ids* (those that exist)."""
    out: dict[str, tuple[str, str]] = {}
    ids = list(doc_ids)
    for i in range(0, len(ids), IN_CHUNK):
        for doc_id, title, body in session.execute(
                select(_L.document_id, _L.title, DocumentRow.text).join(DocumentRow, DocumentRow.id == _L.document_id)
                # the ids on the documents' key: on PostgreSQL, given on the list's column (text, not
                # varchar), the planner hashed every document instead (55 ms instead of 0.2 ms for a page)
                .where(DocumentRow.id.in_(ids[i:i + IN_CHUNK]))):
            out[doc_id] = (title, body)
    return out


def spans_of(session: Session, doc_ids: Sequence[str], who: Owner) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, label) of the spans of *who*'s sets of *doc_ids*, by document."""
    out: dict[str, list[tuple[int, int, str]]] = {d: [] for d in doc_ids}
    if who.id is None:
        return out
    ids = list(doc_ids)
    for i in range(0, len(ids), IN_CHUNK):
        for doc_id, a, b, label in session.execute(
                select(_S.document_id, SpanRow.start, SpanRow.end, SpanRow.label)
                .join(SpanRow, SpanRow.set_id == _S.id)
                .where(_S.annotator_id == who.id, _S.kind == who.kind, _S.document_id.in_(ids[i:i + IN_CHUNK]))):
            out[doc_id].append((a, b, label))
    return out
