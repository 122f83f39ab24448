"""The document list in SQL: filter, sort, count and page one annotator's view of
every document without reading any text.

Each document has a narrow ``document_list`` row (title shown, source, folded search
key), written with the document (:func:`list_row`). A list asks for the number of
documents a :class:`~annotator.core.values.DocumentQuery` matches and for one page of
them at a time; what the annotator did (status, span count, time) is read for the page
only, except when the list is filtered or sorted by it. Each function takes the
caller's unit of work.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import ColumnElement, Connection, Engine, Integer, Select, case, func, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from annotator.core.folding import fold, list_key, source_name
from annotator.core.values import Document, DocumentListItem, DocumentQuery, DocumentSort, SetStatus
from annotator.storage.database import sqlite_has_table
from annotator.storage.kinds import ANNOTATION
from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, AssignmentRow, DocumentListRow, SpanRow

_L = DocumentListRow
_S = AnnotationSetRow
#: the shortest filter a trigram index answers
TRIGRAM = 3
#: the sorts that need the annotator's sets of every listed document
_BY_WORK = (DocumentSort.STATUS, DocumentSort.SPANS, DocumentSort.TIME)


def list_row(doc: Document, import_batch: int | None = None) -> dict[str, Any]:
    """The ``document_list`` row of a document being added (insert it with the document)."""
    title = doc.title or doc.id
    name = source_name(doc.source_path)
    return {"document_id": doc.id, "title": title, "source_path": doc.source_path, "source_name": name,
            "search_key": list_key(doc.id, title, name), "import_batch": import_batch}


def _annotator_id(session: Session, name: str | None) -> int | None:
    if name is None:
        return None
    return session.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == name))


def _sets_of(annotator_id: int | None) -> Select[Any]:
    return select(_S.document_id).where(_S.annotator_id == annotator_id, _S.kind == ANNOTATION)


def _has_trigrams(session: Session) -> bool:
    return sqlite_has_table(session, "document_list_fts")


def _contains(session: Session, key: str, indexed: bool = True) -> ColumnElement[bool]:
    """search_key holds *key* (folded). SQLite: three characters or more, the rows its trigram
    index names; shorter, or without the index (or not *indexed*: a test of rows read in
    order), a substring test of every key (not LIKE: it is slow on non-ASCII text, and the
    key needs no case rules). PostgreSQL: LIKE."""
    if indexed and len(key) >= TRIGRAM and _has_trigrams(session):
        phrase = '"' + key.replace('"', '""') + '"'  # one FTS5 string: every trigram, in order
        matches = text("SELECT rowid FROM document_list_fts WHERE document_list_fts MATCH :phrase") \
            .bindparams(phrase=phrase).columns(number=Integer)
        return _L.number.in_(matches)
    if session.get_bind().dialect.name == "sqlite":
        return func.instr(_L.search_key, key) > 0
    # PostgreSQL: LIKE, which its pg_trgm index (migration 0005, where the extension exists) answers
    return _L.search_key.contains(key, autoescape=True)


def _conditions(session: Session, q: DocumentQuery, annotator_id: int | None) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    key = fold(q.text.strip())
    if key:
        out.append(_contains(session, key))
    if q.only_assigned:
        out.append(_L.document_id.in_(select(AssignmentRow.document_id)
                                      .where(AssignmentRow.annotator_id == annotator_id)))
    if q.status is SetStatus.NEW:  # never opened, or opened and still new
        out.append(_L.document_id.not_in(_sets_of(annotator_id).where(_S.status != SetStatus.NEW.value)))
    elif q.status is not None:
        out.append(_L.document_id.in_(_sets_of(annotator_id).where(_S.status == q.status.value)))
    return out


def _lists_nothing(q: DocumentQuery, annotator_id: int | None) -> bool:
    """An annotator the project does not know has no assignments and has opened nothing."""
    return q.annotator is not None and annotator_id is None and (
        q.only_assigned or q.status not in (None, SetStatus.NEW))


def count_documents(session: Session, q: DocumentQuery) -> int:
    """How many documents *q* lists."""
    aid = _annotator_id(session, q.annotator)
    if _lists_nothing(q, aid):
        return 0
    return int(session.scalar(select(func.count()).select_from(_L).where(*_conditions(session, q, aid))) or 0)


def document_ids(session: Session, q: DocumentQuery) -> list[str]:
    """Every document *q* lists, ids only, in id order (what "check all listed" takes)."""
    aid = _annotator_id(session, q.annotator)
    if _lists_nothing(q, aid):
        return []
    return list(session.scalars(select(_L.document_id).where(*_conditions(session, q, aid))
                                .order_by(_L.document_id)))


def _work_key(q: DocumentQuery) -> tuple[Any, str | int]:
    """The SQL key of a sort by the annotator's work (over their set ``_S``), and its value
    for a document they never opened."""
    if q.sort is DocumentSort.STATUS:
        return _S.status, SetStatus.NEW.value
    if q.sort is DocumentSort.TIME:
        return func.coalesce(_S.time_spent_seconds, 0), 0
    return select(func.count()).where(SpanRow.set_id == _S.id).correlate(_S).scalar_subquery(), 0


def _order_keys(q: DocumentQuery, by_index: bool = True) -> list[Any]:
    if q.sort is DocumentSort.TITLE:
        key: Any = _L.title
    elif q.sort is DocumentSort.SOURCE:
        key = _L.source_name
    else:
        key = _L.document_id
    if not by_index:
        key = key.concat("")  # `key || ''` keeps both planners off the ordered index
    keys = [key] if q.sort not in (DocumentSort.TITLE, DocumentSort.SOURCE) else [key, _L.document_id]
    return [k.desc() if q.descending else k.asc() for k in keys]


def _ordered(session: Session, q: DocumentQuery, stmt: Any) -> Any:
    # a filter the trigram index answers: sort its matches rather than walk an index in order
    # testing every row (unless the key is frequent: _frequent, _first_in_order)
    return stmt.order_by(*_order_keys(q, by_index=len(fold(q.text.strip())) < TRIGRAM))


#: rows of the list, in id order, whose keys tell how often a filter's key occurs
SAMPLE_ROWS = 1_000
#: a LIMIT no list reaches (a subquery's LIMIT keeps PostgreSQL from pushing a filter into it)
EVERY_ROW = 2**62
#: keys found rare, per engine (their sample is not read again, nor that of a key holding one)
_RARE: WeakKeyDictionary[Engine, dict[str, None]] = WeakKeyDictionary()


def _holds(session: Session, column: ColumnElement[str] | InstrumentedAttribute[str], key: str) -> ColumnElement[bool]:
    if session.get_bind().dialect.name == "sqlite":
        return func.instr(column, key) > 0
    return column.contains(key, autoescape=True)


def _frequent(session: Session, key: str, n: int) -> bool:
    """Whether the rows whose key holds *key* are so many that the first *n* are found
    sooner by reading the list in order than by asking the trigram index for them all.

    A key most titles hold ("الاتفاق" in a corpus about an agreement) matches hundreds of
    thousands of rows at a million documents: the index names them all and they are sorted
    (a second or more), while the first page lies in the first few hundred rows in order. A
    rare key is the other way round. The share of the first ``SAMPLE_ROWS`` rows (in id
    order, read from one end of the table) that hold it tells which: reading in order costs
    about n/share rows, the index about share x rows.
    """
    bind = session.get_bind()
    rare = _RARE.setdefault(bind.engine if isinstance(bind, Connection) else bind, {})
    if any(known in key for known in rare):  # a row holding this key holds that one: rarer still
        return False
    sample = select(_L.search_key).order_by(_L.document_id).limit(SAMPLE_ROWS).subquery()
    held, read = session.execute(
        select(func.coalesce(func.sum(case((_holds(session, sample.c.search_key, key), 1), else_=0)), 0),
               func.count()).select_from(sample)).one()
    if read < SAMPLE_ROWS:
        return False  # a small project: its index answers at once
    rows = int(session.scalar(select(func.max(_L.number))) or 0)  # about how many (numbers are dense)
    share = held / read
    if share * share * rows > n:  # share x rows (the index's work) > n / share (the walk's)
        return True
    if len(rare) >= 64:
        rare.pop(next(iter(rare)))
    rare[key] = None  # typing on makes longer keys: they need no sample
    return False


def _first_in_order(session: Session, q: DocumentQuery, n: int) -> list[tuple[str, str, str | None]]:
    """The first *n* rows of the list *q* (a filter, no other condition), read in list order.

    SQLite's substring test is never answered by an index, so its planner walks the index
    of the list's order. On PostgreSQL the filter is applied to rows of a subquery that has
    a LIMIT (``EVERY_ROW``), which keeps the planner from asking the trigram
    index: rows come in list order, and the scan stops at the *n*-th match.
    """
    key = fold(q.text.strip())
    if session.get_bind().dialect.name == "sqlite":  # instr() is never answered by an index: a walk in order
        stmt = (select(_L.document_id, _L.title, _L.source_path).where(_holds(session, _L.search_key, key))
                .order_by(*_order_keys(q)).limit(n))
        return [(r[0], r[1], r[2]) for r in session.execute(stmt)]
    window = (select(_L.document_id, _L.title, _L.source_path, _L.source_name, _L.search_key)
              .order_by(*_order_keys(q)).limit(EVERY_ROW).subquery())
    w = window.c
    by = {DocumentSort.TITLE: [w.title, w.document_id], DocumentSort.SOURCE: [w.source_name, w.document_id]}.get(
        q.sort, [w.document_id])
    stmt = (select(w.document_id, w.title, w.source_path).where(_holds(session, w.search_key, key))
            .order_by(*(k.desc() if q.descending else k.asc() for k in by)).limit(n))
    return [(r[0], r[1], r[2]) for r in session.execute(stmt)]


def _ids_in_order(session: Session, q: DocumentQuery, aid: int | None, offset: int, limit: int) -> list[str]:
    conditions = _conditions(session, q, aid)
    if q.sort not in _BY_WORK:
        stmt = _ordered(session, q, select(_L.document_id).where(*conditions))
        return list(session.scalars(stmt.offset(offset).limit(limit)))
    # Sorted by the annotator's work: only documents they worked on can have a key other than
    # a never-opened document's, so the order is [those below it] + [every other document in
    # id order] + [those above it]; the first and last parts come from their sets alone, the
    # middle from the id index. Nothing here reads every document's set.
    key, default = _work_key(q)
    worked = (select(_L.document_id, key).join(_S, (_S.document_id == _L.document_id) & (_S.annotator_id == aid)
                                              & (_S.kind == ANNOTATION))
              .where(*conditions, key != default))
    keyed = session.execute(worked).all() if aid is not None else []
    below = sorted((k, d) for d, k in keyed if k < default)
    above = sorted((k, d) for d, k in keyed if k > default)
    first, last = (above[::-1], below[::-1]) if q.descending else (below, above)
    out = [d for _k, d in first[offset: offset + limit]]
    offset = max(0, offset - len(first))
    if len(out) < limit:
        special = [d for d, _k in keyed]
        middle = select(_L.document_id).where(*conditions)
        if special:
            middle = middle.where(_L.document_id.not_in(
                select(_S.document_id).where(_S.annotator_id == aid, _S.kind == ANNOTATION, key != default)))
        middle = middle.order_by(_L.document_id.desc() if q.descending else _L.document_id.asc())
        got = list(session.scalars(middle.offset(offset).limit(limit - len(out))))
        out += got
        if len(out) < limit:
            # the middle ended on this page (or before it): how many rows it had
            n_middle = offset + len(got) if got else int(session.scalar(
                select(func.count()).select_from(middle.order_by(None).subquery())) or 0)
            offset = max(0, offset - n_middle)
            out += [d for _k, d in last[offset: offset + limit - len(out)]]
    return out


#: a page this near the top is read in one query (its rows and the ones skipped are few);
#: deeper pages read their ids from an index first
NEAR_TOP = 1000


def document_page(session: Session, q: DocumentQuery, offset: int, limit: int) -> list[DocumentListItem]:
    """Rows *offset* .. *offset + limit* of the list *q*, each with the annotator's work on it."""
    needs_id = q.only_assigned or q.status is not None or q.sort in _BY_WORK
    if not needs_id and offset <= NEAR_TOP:  # what a filter keystroke asks: one query, then the work
        key = fold(q.text.strip())
        if len(key) >= TRIGRAM and _frequent(session, key, offset + limit):
            return _with_work(session, q.annotator, _first_in_order(session, q, offset + limit)[offset:])
        stmt = _ordered(session, q, select(_L.document_id, _L.title, _L.source_path)
                        .where(*_conditions(session, q, None)))
        rows = [(r[0], r[1], r[2]) for r in session.execute(stmt.offset(offset).limit(limit))]
        return _with_work(session, q.annotator, rows)
    aid = _annotator_id(session, q.annotator)
    if _lists_nothing(q, aid):
        return []
    # the ids first (an index holds them: skipping *offset* rows reads no table row), then their rows
    ids = _ids_in_order(session, q, aid, offset, limit)
    found = {r[0]: (r[0], r[1], r[2]) for r in session.execute(
        select(_L.document_id, _L.title, _L.source_path).where(_L.document_id.in_(ids)))}
    return _with_work(session, q.annotator, [found[d] for d in ids])


#: ids per ``IN (…)`` list
IN_CHUNK = 5000


def list_items(session: Session, annotator: str | None, doc_ids: Sequence[str]) -> list[DocumentListItem]:
    """The list rows of *doc_ids* (those that exist), in that order."""
    wanted = list(doc_ids)
    found: dict[str, tuple[str, str, str | None]] = {}
    for i in range(0, len(wanted), IN_CHUNK):  # bounded IN lists (SQLite allows 32,766 parameters)
        found.update((r[0], (r[0], r[1], r[2])) for r in session.execute(
            select(_L.document_id, _L.title, _L.source_path).where(_L.document_id.in_(wanted[i:i + IN_CHUNK]))))
    return _with_work(session, annotator, [found[d] for d in wanted if d in found])


def _with_work(session: Session, annotator: str | None,
               rows: list[tuple[str, str, str | None]]) -> list[DocumentListItem]:
    """*rows* with the annotator's status, span count and time on each (one query)."""
    work: dict[str, tuple[str, int, int]] = {}
    if annotator is not None and rows:
        ids = [r[0] for r in rows]
        counts = (select(func.count()).where(SpanRow.set_id == _S.id).correlate(_S).scalar_subquery())
        for i in range(0, len(ids), IN_CHUNK):
            for doc_id, status, seconds, n in session.execute(
                    select(_S.document_id, _S.status, _S.time_spent_seconds, counts)
                    .join(AnnotatorRow, AnnotatorRow.id == _S.annotator_id)
                    .where(AnnotatorRow.name == annotator, _S.kind == ANNOTATION,
                           _S.document_id.in_(ids[i:i + IN_CHUNK]))):
                work[doc_id] = (status, seconds or 0, n or 0)
    out = []
    for doc_id, title, path in rows:
        status, seconds, n = work.get(doc_id, (SetStatus.NEW.value, 0, 0))
        out.append(DocumentListItem(doc_id, title, path, SetStatus(status), n, seconds))
    return out


def next_not_done(session: Session, annotator: str, after: str | None) -> str | None:
    """The first document after *after* in id order (wrapping) that the annotator has not done."""
    aid = _annotator_id(session, annotator)
    done = _sets_of(aid).where(_S.status == SetStatus.DONE.value)
    not_done: list[ColumnElement[bool]] = [_L.document_id.not_in(done)]
    if after is not None:
        not_done.append(_L.document_id != after)
        found = session.scalar(select(_L.document_id).where(*not_done, _L.document_id > after)
                               .order_by(_L.document_id).limit(1))
        if found is not None:
            return str(found)
    found = session.scalar(select(_L.document_id).where(*not_done).order_by(_L.document_id).limit(1))
    return None if found is None else str(found)
