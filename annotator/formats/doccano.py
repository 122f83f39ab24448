"""doccano sequence-labelling JSONL, read and written.

doccano's own export has one document per line in one of two shapes:
``{"id", "text", "label": [[start, end, "LABEL"], ...]}`` (``"labels"`` and ``"data"``
in older versions), or, in projects with relations,
``{"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
"relations": [{"id", "from_id", "to_id", "type"}]}``. Both are read; other keys are
kept as the document's ``meta``.

Writing gives every line the second shape, the one doccano's "JSONL(Relation)" import
reads (``entities`` and ``relations`` always present, empty lists when a document has
none): doccano's importer reads one column of spans per file, so a file that mixed the
two shapes lost the spans of every line in the other shape. Import it into a
sequence-labelling project with "Use relation labeling" and "Allow overlapping spans"
ticked (doccano otherwise keeps only the first of overlapping spans); a project without
relations imports the same file as JSONL with the label column ``entities``.

**Offsets are UTF-16 code units**, as the browser that made them counts (an emoji
counts 2); reading converts them to code points with :class:`~annotator.core.offsets.Utf16Map`,
and writing converts code points to UTF-16, so doccano shows our spans where they are.
Span attributes have no place in doccano and are counted in the export manifest.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any, TextIO

from annotator.core.dataset import DatasetDocument, RelationRecord
from annotator.core.errors import InputError, Problem
from annotator.core.offsets import Utf16Map
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title, normalise_with_shift
from annotator.core.validation import string_problem
from annotator.core.values import IncomingDocument, Span
from annotator.formats.base import ProjectData, WriterSettings, open_output
from annotator.formats.decoding import parse_json, read_utf8
from annotator.formats.standoff import incoming, span_problem

NAME = "doccano"
SUFFIX = ".jsonl"
SUFFIXES = (".jsonl",)
_SPAN_KEYS = ("label", "labels", "entities")
_OWN_KEYS = {"id", "text", "data", "label", "labels", "entities", "relations"}


def looks_like_doccano(record: dict[str, Any]) -> bool:
    """True for a doccano record (labels as lists or ``start_offset`` entities), which the
    canonical reader would otherwise take as a document without spans."""
    if "spans" in record:
        return False
    if isinstance(record.get("entities"), list) and all(
            isinstance(e, dict) and "start_offset" in e for e in record["entities"]):
        return bool(record["entities"]) or "relations" in record
    for key in ("label", "labels"):
        value = record.get(key)
        if isinstance(value, list) and value and all(isinstance(v, list) and len(v) == 3 for v in value):
            return True
    return False


def file_looks_like_doccano(path: Path) -> bool:
    """Decide on the first non-blank line of a .jsonl file."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    obj = parse_json(line, str(path))
                    return isinstance(obj, dict) and looks_like_doccano(obj)
    except (OSError, ValueError, InputError):  # the canonical reader names the problem
        return False
    return False


# -- writing --------------------------------------------------------------------

def record(doc: DatasetDocument) -> dict[str, Any]:
    """One line of doccano's relation JSONL: every span an entity numbered from 1, the
    relations between them; the same keys on every line."""
    spans = doc.spans
    u16 = Utf16Map(doc.text)
    if u16.has_astral:
        to16 = u16.to_utf16
        entities = [{"id": k, "label": s.label, "start_offset": to16(s.start), "end_offset": to16(s.end)}
                    for k, s in enumerate(spans, start=1)]
    else:  # no character takes two UTF-16 units: the offsets are the same
        entities = [{"id": k, "label": s.label, "start_offset": s.start, "end_offset": s.end}
                    for k, s in enumerate(spans, start=1)]
    relations: list[dict[str, Any]] = []
    if doc.relations:
        number = {s.id: k for k, s in enumerate(spans, start=1)}
        relations = [{"id": k, "from_id": number[r.head], "to_id": number[r.tail], "type": r.type}
                     for k, r in enumerate(doc.relations, start=1) if r.head in number and r.tail in number]
    return {"id": doc.id, "text": doc.text, "entities": entities, "relations": relations}


class Writer:
    def __init__(self, settings: WriterSettings) -> None:
        self.settings = settings
        self.files: dict[str, TextIO] = {s: open_output(settings.folder / f"{s}{SUFFIX}") for s in settings.splits}
        self._dumps = json.JSONEncoder(ensure_ascii=False).encode

    def add(self, doc: DatasetDocument, split: str) -> None:
        out = self.files[split]
        out.write(self._dumps(record(doc)))
        out.write("\n")
        log = self.settings.log
        spans = doc.spans
        log.kept_all(split, Counter([s.label for s in spans]))
        log.lost("span attributes (doccano spans have labels only)", sum([len(s.attrs) for s in spans if s.attrs]))
        if doc.relations:
            ids = {s.id for s in spans}
            log.lost("relations whose head or tail is not a span of the set",
                     sum(1 for r in doc.relations if r.head not in ids or r.tail not in ids))

    def abort(self) -> None:
        for fh in self.files.values():
            fh.close()

    def close(self, project: ProjectData) -> dict[str, Any]:
        self.abort()
        self.settings.log.lost("cross-document links (doccano has no links)", len(project.links))
        self.settings.log.note("doccano numbers spans and relations itself: their ids are not kept")
        self.settings.log.note("import into a sequence-labelling project with relation labeling and overlapping "
                               "spans allowed, as JSONL(Relation); doccano keeps only the first of overlapping "
                               "spans otherwise")
        return {"offsets": "UTF-16 code units", "shape": 'one line per document: {"id", "text", "entities", '
                '"relations"} (doccano JSONL(Relation))', "files": [f"{s}{SUFFIX}" for s in self.settings.splits]}


# -- reading --------------------------------------------------------------------

def read(path: Path, schema: LabelSchema | None = None, *, offsets: str = "utf16") -> list[IncomingDocument]:
    """Read a doccano JSONL export; *offsets* ``"utf16"`` (browser-made, the default) or
    ``"code-points"``."""
    content = read_utf8(path)
    where = str(path)
    problems: list[Problem] = []
    docs: list[IncomingDocument] = []
    seen: set[str] = set()
    for lineno, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = parse_json(line, where, lineno)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(where, "each line must be a JSON object", line=lineno))
            continue
        try:
            doc = _document(obj, path, lineno, schema, offsets)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if doc.id in seen:
            problems.append(Problem(where, f"id {doc.id!r} is used twice", line=lineno))
            continue
        seen.add(doc.id)
        docs.append(doc)
    if problems:
        raise InputError(problems)
    if not docs:
        raise InputError([Problem(where, "the file holds no documents")])
    return docs


def _document(obj: dict[str, Any], path: Path, lineno: int, schema: LabelSchema | None,
              offsets: str) -> IncomingDocument:
    where = str(path)
    problems: list[Problem] = []

    def bad(msg: str) -> None:
        problems.append(Problem(where, msg, line=lineno))

    raw = obj.get("text", obj.get("data"))
    if not isinstance(raw, str) or not raw.strip():
        raise InputError([Problem(where, '"text" is missing, not a string, or only whitespace', line=lineno)])
    if string_problem(raw):
        raise InputError([Problem(where, f'"text" {string_problem(raw)}', line=lineno)])
    u16 = Utf16Map(raw)
    text, shift = normalise_with_shift(raw)
    items: list[tuple[Any, Any, Any, Any]] = []  # (id, start, end, label)
    if isinstance(obj.get("entities"), list):
        for e in obj["entities"]:
            if not isinstance(e, dict):
                bad("an entity is not an object")
                continue
            items.append((e.get("id"), e.get("start_offset"), e.get("end_offset"), e.get("label")))
    else:
        labels = obj.get("label", obj.get("labels", []))
        if not isinstance(labels, list):
            bad('"label" must be a list of [start, end, label]')
            labels = []
        for k, item in enumerate(labels, start=1):
            if not (isinstance(item, list) and len(item) == 3):
                bad(f"label {k}: expected [start, end, label], found {item!r}")
                continue
            items.append((None, *item))
    spans: list[Span] = []
    by_number: dict[Any, str] = {}
    for k, (eid, start, end, label) in enumerate(items, start=1):
        sid = f"T{k}"
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
            bad(f"span {k}: start and end must be integers")
            continue
        try:
            cs, ce = u16.range_to_code_points(start, end) if offsets == "utf16" else (start, end)
        except ValueError as exc:
            bad(f"span {k} ({label}): UTF-16 offsets [{start}, {end}) are outside the text: {exc}")
            continue
        cs, ce = shift(cs), shift(ce)
        msg = span_problem(text, cs, ce, label, schema)
        if msg:
            bad(f"span {k}: {msg}")
            continue
        if eid is not None:
            if not isinstance(eid, (str, int)) or isinstance(eid, bool) or eid in by_number:
                bad(f"span {k}: its id {eid!r} is not a number or text used once")
                continue
            by_number[eid] = sid
        spans.append(Span(sid, cs, ce, label, {}))
    relations: list[RelationRecord] = []
    raw_relations = obj.get("relations") or []
    if not isinstance(raw_relations, list):
        bad('"relations" must be a list')
        raw_relations = []
    for k, rel in enumerate(raw_relations, start=1):
        ends = (rel.get("from_id"), rel.get("to_id")) if isinstance(rel, dict) else (None, None)
        if not all(isinstance(e, (str, int)) and not isinstance(e, bool) and e in by_number for e in ends):
            bad(f"relation {k} refers to an entity that does not exist")
            continue
        rid, rtype = rel.get("id", k), rel.get("type")
        if not isinstance(rid, (str, int)) or isinstance(rid, bool) or not isinstance(rtype, str):
            bad(f"relation {k}: its id must be a number or text and its type text, not {rid!r} and {rtype!r}")
            continue
        relations.append(RelationRecord(f"R{rid}", rtype, by_number[ends[0]], by_number[ends[1]]))
    if problems:
        raise InputError(problems)
    doc_id = obj.get("id")
    doc_id = str(doc_id) if isinstance(doc_id, (str, int)) and not isinstance(doc_id, bool) and str(doc_id).strip() \
        else f"{path.stem}-{lineno}"
    meta = {k: v for k, v in obj.items() if k not in _OWN_KEYS}
    return incoming(where, id=doc_id, title=first_line_title(text), text=text, meta=meta, spans=spans,
                    source_path=where, direction=detect_direction(text), relations=relations, lines={"": lineno})
