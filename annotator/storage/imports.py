"""Import batches: a long import written in short transactions, seen all at once.

An import writes its new documents (with their annotation sets, spans and
relations) in chunks, each its own short transaction (about a quarter of a
second of SQLite's write lock, then a pause so that a waiting annotator's edit
gets in). Every row carries the batch id; while the batch is ``staging`` every
reader ignores those rows: :func:`install_visibility` adds the condition to
every ORM SELECT of documents, annotation sets, spans and relations (a
``do_orm_execute`` hook with ``with_loader_criteria``), so no reader can forget
it. :func:`publish` then flips the one batch row to ``published`` in the final
short transaction (with the change-log entries), and every document of the
import appears at the same moment. Links, entities and the change log are
written only at publish.

A batch whose importer died (crash, kill -9) stays ``staging``, invisible; the
next import or the next open removes it (:func:`remove_abandoned`), in chunks too.
"""

from __future__ import annotations

import os
import secrets
import socket
import time
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from operator import itemgetter
from typing import TYPE_CHECKING, Any, cast, overload

from sqlalchemy import (
    JSON,
    ColumnElement,
    CursorResult,
    Select,
    Table,
    delete,
    event,
    exists,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from annotator.core.errors import AnnotatorError
from annotator.core.values import Document, Relation, SetStatus, Span
from annotator.storage.document_list import list_row
from annotator.storage.search import add_search_rows
from annotator.storage.tables import (
    AnnotationSetRow,
    AnnotatorRow,
    ChangeRow,
    DocumentListRow,
    DocumentRow,
    ImportBatchRow,
    RelationRow,
    SpanRow,
    table_of,
    utcnow,
)

if TYPE_CHECKING:
    from annotator.storage.database import Database

STAGING = "staging"
PUBLISHED = "published"
#: a staging batch whose importer has not written for this long is abandoned (its host may differ)
STALE_AFTER = timedelta(minutes=10)
#: aim for each chunk to hold the write lock about this long (seconds)
TARGET_HOLD = 0.25
#: pause after each chunk (seconds): longer than SQLite's longest busy-handler sleep (100 ms), so a
#: writer waiting for the lock always finds it free at one of its tries
GAP = 0.15
#: a chunk may grow this much past its budget while the pause after the last one runs
OVERFILL = 1.5
#: weight (about bytes) of the first chunk, and the bounds of later ones (the upper bound also
#: bounds the import's memory: a chunk's documents and their rows are held until written)
FIRST_BUDGET = 1_000_000
MIN_BUDGET, MAX_BUDGET = 20_000, 8_000_000
#: change-log rows made and inserted at a time when a batch is published
PUBLISH_ROWS = 1_000
#: documents deleted per transaction when a batch is removed
DELETE_CHUNK = 200
#: session.info key: this session sees staging rows (the importer's own sessions)
SEES_STAGING = "annotator_sees_staging"

_batches = table_of(ImportBatchRow)
_sets = table_of(AnnotationSetRow)
_spans = table_of(SpanRow)
_documents = table_of(DocumentRow)
_document_list = table_of(DocumentListRow)
_changes = table_of(ChangeRow)
_CHANGE_KEYS = ("at", "annotator_id", "document_id", "set_id", "action", "payload")
_active: set[int] = set()  # batches this process is writing now


def _staging_ids() -> Select[int]:
    return select(_batches.c.id).where(_batches.c.state == STAGING)


def _visible(cls: Any) -> ColumnElement[bool]:  # cls: a mapped class with import_batch
    return or_(cls.import_batch.is_(None), cls.import_batch.not_in(_staging_ids()))


def _in_visible_set(cls: Any) -> ColumnElement[bool]:  # cls: a mapped class with set_id
    # NOT EXISTS is evaluated once per statement: with no import running it makes the condition free.
    staged_sets = select(_sets.c.id).where(_sets.c.import_batch.in_(_staging_ids()))
    return or_(~exists(_staging_ids()), cls.set_id.not_in(staged_sets))


def visible_only(statement: Any) -> Any:
    """*statement* (an ORM-enabled select) without the rows of staging imports.

    Applied to every ORM read by :func:`install_visibility`; call it yourself on a
    select run through ``session.connection()`` (driver-level reads skip the hook)."""
    return statement.options(
        with_loader_criteria(DocumentRow, _visible, include_aliases=True),
        with_loader_criteria(DocumentListRow, _visible, include_aliases=True),
        with_loader_criteria(AnnotationSetRow, _visible, include_aliases=True),
        with_loader_criteria(SpanRow, _in_visible_set, include_aliases=True),
        with_loader_criteria(RelationRow, _in_visible_set, include_aliases=True),
    )


def _hide_staging(state: ORMExecuteState) -> None:
    if (not state.is_select or state.is_column_load or state.is_relationship_load
            or state.session.info.get(SEES_STAGING) or state.execution_options.get(SEES_STAGING)):
        return
    state.statement = visible_only(state.statement)


def install_visibility(sessions: Any) -> None:
    """Make every ORM read of *sessions* (a sessionmaker) ignore rows of staging imports."""
    event.listen(sessions, "do_orm_execute", _hide_staging)


def _host() -> str:
    return socket.gethostname()[:200]


# -- writing a batch ---------------------------------------------------------------------

def begin(database: Database) -> int:
    """A new staging batch (its own short transaction); returns its id."""
    with database.unit_of_work() as s:
        return begin_in(s)


def begin_in(session: Session) -> int:
    """A new staging batch, in the caller's transaction (the one that planned the import
    under the write lock, so the next importer sees it: :func:`other_import_running`)."""
    # A random id (not the next integer): an id freed by removing an abandoned batch is not given to a
    # new one, so an importer that was paused for long can never write into someone else's batch.
    now = utcnow()
    while True:
        batch_id = secrets.randbelow(2**31 - 1) + 1  # fits a 32-bit INTEGER on PostgreSQL too
        if session.scalar(select(_batches.c.id).where(_batches.c.id == batch_id)) is None:
            break
    session.execute(insert(_batches).values(id=batch_id, state=STAGING, started_at=now, heartbeat_at=now,
                                            host=_host(), pid=os.getpid(), documents=0))
    _active.add(batch_id)
    return batch_id


def other_import_running(session: Session) -> bool:
    """Whether another live import is writing its batch now. Imports run one after the
    other: the next plans (which texts and ids are already here) only once the one being
    written is published, so two imports of the same folder never both write it."""
    rows = session.execute(select(_batches.c.id, _batches.c.heartbeat_at, _batches.c.host, _batches.c.pid)
                           .where(_batches.c.state == STAGING)).all()
    now = utcnow()
    return any(batch_id not in _active and not _is_abandoned(beat, host, pid, now)
               for batch_id, beat, host, pid in rows)


@dataclass
class _Pending:
    document: Document
    spans: Sequence[Span]
    relations: Sequence[Relation]


class ImportChanges(Sequence[dict[str, Any]]):
    """The change-log rows of the documents a Stager wrote, kept small (a tuple per
    document, not two row dicts: 100,000 documents would hold hundreds of MB; which
    document each row is, as one integer in an array) and made rows when read: a
    document's ``document.import`` entry, preceded, when it has spans, by the automatic
    ``status`` entry of its set (new -> in progress; logged like every status change,
    annotation_sets.set_status)."""

    def __init__(self) -> None:
        self._docs: list[tuple[Any, int | None, str, int | None, str | None, str, int]] = []
        self._index = array("q")  # row -> document number * 2 + (1 if it is the status entry)

    def add(self, at: Any, annotator_id: int | None, document_id: str, set_id: int | None,
            source: str | None, sha256: str, spans: int) -> None:
        k = len(self._docs)
        self._docs.append((at, annotator_id, document_id, set_id, source, sha256, spans))
        if set_id is not None:
            self._index.append(2 * k + 1)
        self._index.append(2 * k)

    def __len__(self) -> int:
        return len(self._index)

    def remove(self, document_ids: set[str]) -> None:
        """Forget the rows of *document_ids* (documents taken back out of the batch)."""
        docs, self._docs, self._index = self._docs, [], array("q")
        for doc in docs:
            if doc[2] not in document_ids:
                self.add(*doc)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self._row(item) for item in self._index[i]]
        return self._row(self._index[i])

    def _row(self, item: int) -> dict[str, Any]:
        at, annotator_id, document_id, set_id, source, sha256, spans = self._docs[item >> 1]
        if item & 1:
            return {"at": at, "annotator_id": annotator_id, "document_id": document_id, "set_id": set_id,
                    "action": "status", "payload": {"before": SetStatus.NEW.value,
                                                    "after": SetStatus.IN_PROGRESS.value, "automatic": True}}
        return {"at": at, "annotator_id": annotator_id, "document_id": document_id, "set_id": set_id,
                "action": "document.import", "payload": {"source": source, "sha256": sha256, "spans": spans}}


@dataclass
class Stager:
    """Writes documents into a staging batch in chunks of about TARGET_HOLD seconds of lock each."""

    database: Database
    batch_id: int
    annotator: str
    budget: int = 0  # weight of the next chunk: FIRST_BUDGET, then sized from the measured speed
    changes: ImportChanges = field(default_factory=lambda: ImportChanges())
    longest_hold: float = 0.0
    chunks: int = 0
    _pending: list[_Pending] = field(default_factory=list)
    _weight: int = 0
    _annotator_id: int | None = None
    _ended: float = 0.0  # when the last chunk's transaction ended (time.monotonic)

    def __post_init__(self) -> None:
        from annotator.storage.kinds import refuse_gold_owner

        refuse_gold_owner(self.annotator)
        self.budget = self.budget or FIRST_BUDGET

    def add(self, document: Document, spans: Sequence[Span] = (), relations: Sequence[Relation] = ()) -> None:
        self._pending.append(_Pending(document, spans, relations))
        self._weight += _weight(document, spans, relations)
        if self._weight >= self.budget:
            if self.chunks and time.monotonic() - self._ended < GAP and self._weight < self.budget * OVERFILL:
                return  # the pause after the last chunk is not over: the caller reads on meanwhile
            self.flush()

    def flush(self, last: bool = False) -> None:
        """Write the documents added so far in one transaction, at least GAP after the
        previous one ended: what the caller did meanwhile (reading and checking the next
        documents) counts towards the pause, so only the rest of it is slept. *last* is
        kept for callers that say so; the pause comes before a chunk, never after."""
        if not self._pending:
            return
        if self.chunks:
            wait = GAP - (time.monotonic() - self._ended)
            if wait > 0:
                time.sleep(wait)
        pending, weight = self._pending, self._weight
        self._pending, self._weight = [], 0
        now = utcnow()
        doc_rows = [(p.document.id, p.document.title, p.document.text, p.document.sha256, len(p.document.text),
                     p.document.direction, p.document.meta, p.document.source_path, p.document.imported_at or now)
                    for p in pending]
        listed = [list_row(p.document, self.batch_id) for p in pending]
        list_keys = tuple(listed[0])  # whatever columns storage.document_list.list_row gives, in its order
        list_rows = [tuple(row.values()) for row in listed]
        started = time.monotonic()
        with self.database.unit_of_work() as s:
            s.info[SEES_STAGING] = True
            alive = cast(CursorResult[Any], s.execute(
                update(_batches).where(_batches.c.id == self.batch_id, _batches.c.state == STAGING)
                .values(heartbeat_at=now, documents=_batches.c.documents + len(pending))))
            if alive.rowcount != 1:
                raise AnnotatorError("this import was stopped for too long and was removed as abandoned; "
                                     "nothing was imported: run it again")
            _insert_many(s, _documents, ("id", "title", "text", "sha256", "length", "direction", "meta", "source_path",
                                         "imported_at"), doc_rows, {"import_batch": self.batch_id})
            _insert_many(s, _document_list, list_keys, list_rows, {})
            add_search_rows(s, [(p.document.id, p.document.text) for p in pending])
            set_ids = self._write_sets(s, [p for p in pending if p.spans], now)
            for p in pending:
                set_id = set_ids.get(p.document.id)
                self.changes.add(now, self._annotator_id if p.spans else None, p.document.id, set_id,
                                 p.document.source_path, p.document.sha256, len(p.spans))
        self._ended = time.monotonic()
        held = self._ended - started
        self.longest_hold = max(self.longest_hold, held)
        self.chunks += 1
        # the next chunk is sized to hold the lock about TARGET_HOLD seconds at the speed just measured
        self.budget = int(min(max(weight / max(held, 1e-3) * TARGET_HOLD, MIN_BUDGET), MAX_BUDGET))

    def forget(self, document_ids: set[str]) -> None:
        """Take *document_ids* back out of the batch: those not written yet, and those
        written (deleted, a chunk per transaction; nobody saw them)."""
        kept = [p for p in self._pending if p.document.id not in document_ids]
        if len(kept) != len(self._pending):
            self._pending = kept
            self._weight = sum(_weight(p.document, p.spans, p.relations) for p in kept)
        self.changes.remove(document_ids)
        ids = sorted(document_ids)
        for i in range(0, len(ids), DELETE_CHUNK):
            with self.database.unit_of_work() as s:
                s.info[SEES_STAGING] = True
                gone = cast(CursorResult[Any], s.execute(
                    delete(DocumentRow).where(DocumentRow.id.in_(ids[i: i + DELETE_CHUNK]),
                                              DocumentRow.import_batch == self.batch_id)))
                if gone.rowcount:
                    s.execute(update(_batches).where(_batches.c.id == self.batch_id)
                              .values(documents=_batches.c.documents - gone.rowcount))

    def _write_sets(self, s: Session, pending: Sequence[_Pending], now: Any) -> dict[str, int]:
        """The annotation sets of the documents of *pending* (each has spans), with their
        spans and relations: one statement for the sets and one for all their spans (a
        statement per document cost more than the rows). Returns the set id by document id."""
        from annotator.storage import relations as rr

        if not pending:
            return {}
        if self._annotator_id is None:
            found = s.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == self.annotator))
            if found is None:
                inserted = cast(CursorResult[Any], s.execute(insert(AnnotatorRow).values(
                    name=self.annotator, role="annotator", created_at=now)))
                found = _new_id(inserted)
                s.execute(update(_batches).where(_batches.c.id == self.batch_id).values(created_annotator_id=found))
            self._annotator_id = int(found)
        set_ids = list(s.scalars(
            insert(_sets).returning(_sets.c.id, sort_by_parameter_order=True),
            [{"document_id": p.document.id, "annotator_id": self._annotator_id, "kind": "annotation",
              "status": SetStatus.IN_PROGRESS.value, "created_at": now, "updated_at": now, "time_spent_seconds": 0,
              "import_batch": self.batch_id} for p in pending]))
        _insert_many(s, _spans, ("set_id", "uid", "start_offset", "end_offset", "label", "attrs", "comment", "unsure"),
                     [(set_id, span.id, span.start, span.end, span.label, span.attrs, span.comment, span.unsure)
                      for p, set_id in zip(pending, set_ids) for span in p.spans],
                     {"kind": "annotation", "provenance": {}, "created_at": now, "updated_at": now})
        for p, set_id in zip(pending, set_ids):
            if p.relations:
                rr.bulk_insert_relations(s, set_id, list(p.relations))
        return {p.document.id: set_id for p, set_id in zip(pending, set_ids)}


_NOTHING = object()


def _insert_many(s: Session, table: Table, keys: Sequence[str], rows: Sequence[Sequence[Any]],
                 same: dict[str, Any]) -> None:
    """Insert *rows* (values of the columns *keys*; every row also gets the values *same*)
    in one executemany through the driver, each value converted by its column's type as
    SQLAlchemy would, but *same* converted once, not once per row (the per-row parameter
    handling of an executemany cost more than the rows' writing)."""
    if not rows:
        return
    conn = s.connection()
    dialect = conn.dialect
    columns = [*keys, *same]
    compiled = insert(table).compile(dialect=dialect, column_keys=columns)

    def processor(key: str) -> Any:
        col_type = table.c[key].type
        return col_type.dialect_impl(dialect).bind_processor(dialect)

    fixed = {}
    for key, value in same.items():
        proc = processor(key)
        fixed[key] = proc(value) if proc is not None else value
    # most attributes are {}: converted once (JSON columns only; a value never equals the marker otherwise)
    procs = [(i, proc, proc({}) if isinstance(table.c[key].type, JSON) else _NOTHING)
             for i, key in enumerate(keys) if (proc := processor(key)) is not None]
    if procs:
        converted: list[list[Any]] = []
        for row in rows:
            values = list(row)
            for i, proc, empty in procs:
                value = values[i]
                values[i] = empty if empty is not _NOTHING and value == {} else proc(value)
            converted.append(values)
        rows = converted
    tail = tuple(fixed.values())
    if compiled.positional:
        pick = itemgetter(*[columns.index(name) for name in compiled.positiontup or ()])
        params: list[Any] = [pick((*row, *tail)) for row in rows]
    else:
        params = [dict(zip(columns, (*row, *tail))) for row in rows]
    conn.exec_driver_sql(str(compiled), params)


def _new_id(inserted: CursorResult[Any]) -> int:
    """The primary key an INSERT of one row gave it."""
    key = inserted.inserted_primary_key
    assert key is not None  # one row was inserted
    return int(key[0])


def _weight(document: Document, spans: Sequence[Span], relations: Sequence[Relation]) -> int:
    """Roughly what a document costs to write: its text, and a row's worth per span or relation."""
    return len(document.text) * 2 + 200 * (len(spans) + len(relations)) + 500


def publish(session: Session, batch_id: int, changes: Sequence[dict[str, Any]]) -> None:
    """Make the batch visible (one row) and log its documents, in the caller's (final, short) transaction."""
    done = cast(CursorResult[Any], session.execute(
        update(_batches).where(_batches.c.id == batch_id, _batches.c.state == STAGING)
        .values(state=PUBLISHED, published_at=utcnow(), heartbeat_at=utcnow())))
    if done.rowcount != 1:
        raise AnnotatorError("this import was stopped for too long and was removed as abandoned; "
                             "nothing was imported: run it again")
    pick = itemgetter(*_CHANGE_KEYS)
    for i in range(0, len(changes), PUBLISH_ROWS):  # a slice at a time: the rows are never all made at once
        _insert_many(session, _changes, _CHANGE_KEYS, [pick(row) for row in changes[i: i + PUBLISH_ROWS]], {})


def finished(batch_id: int) -> None:
    _active.discard(batch_id)


# -- removing batches ----------------------------------------------------------------------

def discard(database: Database, batch_id: int) -> None:
    """Remove a staging batch and everything in it, a chunk of documents per transaction."""
    _active.discard(batch_id)
    for _ in _chunks_left(database, batch_id):
        pass


def _chunks_left(database: Database, batch_id: int) -> Iterator[int]:
    while True:
        with database.unit_of_work() as s:
            s.info[SEES_STAGING] = True
            state = s.scalar(select(_batches.c.state).where(_batches.c.id == batch_id))
            if state != STAGING:
                return  # published meanwhile, or removed already
            ids = list(s.scalars(select(DocumentRow.id).where(DocumentRow.import_batch == batch_id)
                                 .limit(DELETE_CHUNK)))
            if ids:  # sets, spans and relations go by cascade
                s.execute(delete(DocumentRow).where(DocumentRow.id.in_(ids)))
            else:
                s.execute(delete(AnnotationSetRow).where(AnnotationSetRow.import_batch == batch_id))
                created = s.scalar(select(_batches.c.created_annotator_id).where(_batches.c.id == batch_id))
                used = created is not None and (
                    s.scalar(select(exists().where(AnnotationSetRow.annotator_id == created)))
                    or s.scalar(select(exists().where(ChangeRow.annotator_id == created))))
                if created is not None and not used:
                    s.execute(delete(AnnotatorRow).where(AnnotatorRow.id == created))
                s.execute(delete(_batches).where(_batches.c.id == batch_id))
                return
        yield len(ids)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours
        return True
    return True


def abandoned(database: Database) -> list[int]:
    """Staging batches whose importer is gone: dead on this host, or silent for STALE_AFTER."""
    with database.unit_of_work() as s:
        rows = s.execute(select(_batches.c.id, _batches.c.heartbeat_at, _batches.c.host, _batches.c.pid)
                         .where(_batches.c.state == STAGING)).all()
    now = utcnow()
    return [int(batch_id) for batch_id, beat, host, pid in rows
            if batch_id not in _active and _is_abandoned(beat, host, pid, now)]


def _is_abandoned(beat: Any, host: str, pid: int, now: Any) -> bool:
    if beat is not None and beat.tzinfo is None:
        beat = beat.replace(tzinfo=now.tzinfo)
    same_host = host == _host()
    return (same_host and (pid == os.getpid() or not _pid_alive(pid))) or beat is None or now - beat > STALE_AFTER


def remove_abandoned(database: Database) -> list[int]:
    """Remove every abandoned staging batch (an import that crashed); returns their ids."""
    gone = abandoned(database)
    for batch_id in gone:
        discard(database, batch_id)
    return gone


def staging_batches(database: Database) -> list[int]:
    with database.unit_of_work() as s:
        return list(s.scalars(select(_batches.c.id).where(_batches.c.state == STAGING)))
