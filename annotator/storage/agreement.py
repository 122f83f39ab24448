"""The reads agreement needs: documents' texts and each annotator's spans as arrays,
relations, and whether the project has relations or links at all.

Spans are read for a batch of documents in one statement that returns one row per
annotation set: the database packs each span's label number, start and end into one
integer and joins them as text (``group_concat`` / ``string_agg``), which numpy
parses at C speed. No Python object is made per span, and only the columns agreement
needs are read (attributes only where a span has any). A label the caller did not
list, or offsets too large to pack, fall back to reading that set's rows.

Like every storage module: each function takes a Session opened by
the caller and never commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from annotator.core.agreement import Annotations
from annotator.core.agreement_arrays import AttributeRows, LabelColumn
from annotator.core.errors import AnnotatorError, NotFound
from annotator.storage.database import Database
from annotator.storage.kinds import ANNOTATION, GOLD, GOLD_OWNER
from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, DocumentRow, LinkRow, RelationRow
from annotator.storage.team import driver_rows, json_object, relations_by_set, set_infos


def shared_url(database: Database) -> str | None:
    """The database's URL for another process to open (password included), or None
    when another process could not see it (an in-memory SQLite database)."""
    url = database.url
    if url.get_backend_name() == "sqlite" and (not url.database or url.database == ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


def has_relations(session: Session) -> bool:
    return bool(session.scalar(select(func.count(RelationRow.pk))))


def has_links(session: Session) -> bool:
    return bool(session.scalar(select(func.count(LinkRow.pk))))


def work_sets(session: Session, doc_ids: Sequence[str] | None, annotators: Sequence[str] | None,
              kinds: Sequence[str]) -> list[tuple[str, str, str, int]]:
    """(document, annotator, status, spans) of each set of *kinds*, by document then
    annotator (:func:`~annotator.storage.team.set_infos`: spans counted along their index)."""
    return [(i.document_id, i.annotator, i.status, i.spans) for i in set_infos(session, doc_ids, annotators, kinds)]


def annotations_of(session: Session, doc_id: str, names: Sequence[str], with_relations: bool) -> dict[str, Annotations]:
    """Each named annotator's spans (and relations) of the document, as agreement reads
    them; the name ``gold`` stands for the gold set. Someone without a set has none."""
    return read_documents(session, [(doc_id, names)], with_relations)[doc_id][1]


def read_documents(session: Session, work: Sequence[tuple[str, Sequence[str]]], with_relations: bool,
                   labels: Sequence[str] = ()) -> dict[str, tuple[str, dict[str, Annotations]]]:
    """For each ``(document id, annotator names)`` of *work*: the document's text and
    each named annotator's annotations (``gold`` stands for the gold set; someone
    without a set has none), read for all of them at once.

    A set whose labels are all among *labels* is read packed (see the module notes):
    list labels the caller already knows (the schema's), as the order in which a set
    meets them is not kept. A set holding another label is read row by row, in the
    order of its (start, span) index, as is every set when offsets are too long to pack.
    """
    doc_ids = list(dict.fromkeys(d for d, _names in work))
    texts: dict[str, str] = {}
    for doc_id, doc_text in session.execute(select(DocumentRow.id, DocumentRow.text)
                                            .where(DocumentRow.id.in_(doc_ids))):
        texts[doc_id] = doc_text
    for doc_id in doc_ids:
        if doc_id not in texts:
            raise NotFound(f"no document with id {doc_id!r} in this project")
    wanted = {d: set(names) for d, names in work}
    sets: dict[int, tuple[str, str]] = {}  # set id -> (document, annotator)
    for set_id, doc_id, name, kind in session.execute(
            select(AnnotationSetRow.id, AnnotationSetRow.document_id, AnnotatorRow.name, AnnotationSetRow.kind)
            .join(AnnotatorRow, AnnotatorRow.id == AnnotationSetRow.annotator_id)
            .where(AnnotationSetRow.document_id.in_(doc_ids), AnnotationSetRow.kind.in_((ANNOTATION, GOLD)))):
        if name in wanted[doc_id] and kind == (GOLD if name == GOLD_OWNER else ANNOTATION):
            sets[set_id] = (doc_id, name)
    columns = _packed_sets(session, list(sets), labels, max((len(t) for t in texts.values()), default=0))
    out: dict[str, tuple[str, dict[str, Annotations]]] = {}
    for doc_id, names in work:
        rels = relations_by_set(session, doc_id, names, kinds=(ANNOTATION, GOLD)) if with_relations else {}
        versions = {n: Annotations.from_rows([]) for n in names}
        for set_id, (set_doc, name) in sets.items():
            if set_doc != doc_id:
                continue
            relations = rels.get((name, GOLD if name == GOLD_OWNER else ANNOTATION), [])
            ann = columns.get(set_id)
            if ann is None:  # a label not listed, or offsets too long to pack
                ann = _set_from_rows(session, set_id)
            ann.relations = relations
            versions[name] = ann
        out[doc_id] = (texts[doc_id], versions)
    return out


# -- packed reading ---------------------------------------------------------------------------



def _packed_sets(session: Session, set_ids: list[int], labels: Sequence[str], longest: int) -> dict[int, Annotations]:
    """The spans of these sets whose labels are all among *labels*, packed: per span
    ``((label number * 2 + has attributes) << 2b | start) << b | end`` where *b* bits
    hold the longest document's length."""
    bits = max(1, longest.bit_length())
    if not set_ids or not labels or 2 * bits + (2 * len(labels) + 2).bit_length() > 62:
        return {}
    dialect = session.get_bind().dialect.name
    params: dict[str, Any] = {f"l{i}": lab for i, lab in enumerate(labels)}
    code = "CASE label " + " ".join(f"WHEN :l{i} THEN {i + 1}" for i in range(len(labels))) + " ELSE 0 END"
    has_attrs = "attrs <> '{}'" if dialect == "sqlite" else "CAST(attrs AS TEXT) <> '{}'"  # 'null' is left out below
    has = f"CASE WHEN {has_attrs} THEN 1 ELSE 0 END"
    packed = f"((CAST({code} AS BIGINT) * 2 + {has}) * {1 << bits} + start_offset) * {1 << bits} + end_offset"
    ids = ", ".join(str(int(i)) for i in set_ids)
    sql = (f"SELECT set_id, COUNT(*), {_joined(dialect, packed)}, "
           f"{_joined(dialect, f'CASE WHEN {has_attrs} THEN pk END')}, "
           f"{_joined(dialect, f'CASE WHEN {has_attrs} THEN {_hex(dialect)} END')} "
           f"FROM spans WHERE set_id IN ({ids}) GROUP BY set_id")
    out: dict[int, Annotations] = {i: Annotations.from_rows([]) for i in set_ids}  # a set without spans has no row
    mask = (1 << bits) - 1
    for set_id, count, joined, pks, hexes in session.execute(text(sql), params):
        values = _ints(joined, count)
        tag = values >> (2 * bits)
        code_of = tag >> 1
        if not code_of.all():
            del out[set_id]  # a label not listed: read row by row
            continue
        starts = (values >> bits) & mask
        ends = values & mask
        index = code_of - 1
        column = LabelColumn(labels, index)
        with_attrs = (tag & 1).astype(bool)
        attrs = _attribute_rows(starts[with_attrs], ends[with_attrs], index[with_attrs], labels,
                                _ints(pks, int(with_attrs.sum())), hexes)
        out[set_id] = Annotations(starts, ends, column, attrs)
    return out


def _joined(dialect: str, expr: str) -> str:
    """The values of *expr* over a group, joined by commas (NULLs left out)."""
    if dialect == "postgresql":
        return f"string_agg(CAST({expr} AS TEXT), ',')"
    return f"group_concat({expr})"


def _hex(dialect: str) -> str:
    """The attributes' JSON text in hexadecimal (so no comma inside)."""
    if dialect == "postgresql":
        return "encode(convert_to(CAST(attrs AS TEXT), 'UTF8'), 'hex')"
    return "hex(CAST(attrs AS TEXT))"


def _ints(joined: str | None, count: int) -> np.ndarray:
    if not joined or count == 0:
        return np.zeros(0, dtype=np.int64)
    values = np.fromstring(joined, dtype=np.int64, sep=",")
    if values.size != count:
        raise AnnotatorError(f"agreement read {values.size} spans of a set that holds {count}")
    return values


def _attribute_rows(starts: np.ndarray, ends: np.ndarray, labels_index: np.ndarray, names: Sequence[str],
                    pks: np.ndarray, hexes: str | None) -> AttributeRows:
    texts = hexes.split(",") if hexes else []
    if len(texts) != pks.size:
        raise AnnotatorError(f"agreement read {len(texts)} attribute texts for {pks.size} spans")
    distinct = list(dict.fromkeys(texts))
    number = {h: i for i, h in enumerate(distinct)}
    which = np.fromiter(map(number.__getitem__, texts), dtype=np.int64, count=len(texts))
    raws = [bytes.fromhex(h).decode("utf-8") for h in distinct]
    if "null" in raws:  # JSON null: no attributes (as an empty object is)
        keep = which != raws.index("null")
        starts, ends, labels_index, pks, which = starts[keep], ends[keep], labels_index[keep], pks[keep], which[keep]
    return AttributeRows(starts, ends, labels_index, names, pks, which, [json_object(raw) for raw in raws])


def _set_from_rows(session: Session, set_id: int) -> Annotations:
    """A set's spans row by row, in the order of its (start, span) index."""
    rows = driver_rows(session, "SELECT start_offset, end_offset, label, CAST(attrs AS TEXT) FROM spans "
                                f"WHERE set_id = {int(set_id)} ORDER BY start_offset, pk")
    decoded: dict[str, dict[str, Any]] = {}
    attrs: dict[tuple[int, int, str], dict[str, Any]] = {}
    keys: list[tuple[int, int, str]] = []
    for start, end, label, raw in rows:
        keys.append((start, end, label))
        if raw is not None and raw != "{}" and raw != "null":
            value = decoded.get(raw)
            if value is None:
                value = decoded[raw] = json_object(raw)
            attrs[(start, end, label)] = value
    return Annotations.from_rows(keys, attrs)
