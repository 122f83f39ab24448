"""The canonical JSONL format: one document per line.

``{"id", "title", "text", "meta", "spans": [{"id", "start", "end", "label", "text", "attrs"}]}``

``start``/``end`` are code-point offsets into ``text``, half-open; ``text`` of a span
equals ``doc.text[start:end]``. Writing then reading gives back the same documents
and spans.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from annotator.core import graphemes
from annotator.core.errors import InputError, Problem
from annotator.core.model import Document, IncomingDocument, Span
from annotator.core.schema import LabelSchema
from annotator.core.text import BOM, detect_direction, first_line_title, normalise_text
from annotator.formats.decoding import read_utf8

NAME = "jsonl"


# -- writing --------------------------------------------------------------------

def document_record(doc: Document, spans: Iterable[Span]) -> dict[str, Any]:
    return {
        "id": doc.id,
        "title": doc.title,
        "text": doc.text,
        "meta": doc.meta,
        "spans": [
            {"id": s.id, "start": s.start, "end": s.end, "label": s.label, "text": doc.text[s.start : s.end],
             "attrs": s.attrs}
            for s in spans
        ],
    }


def write_record(out: TextIO, record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n")


# -- reading ----------------------------------------------------------------------

def _offset_shift(raw: str) -> tuple[str, list[int]]:
    """Normalise *raw*; return the text and the raw positions that were removed."""
    removed: list[int] = []
    if raw.startswith(BOM):
        removed.append(0)
    pos = raw.find("\r\n")
    while pos >= 0:
        removed.append(pos)
        pos = raw.find("\r\n", pos + 2)
    return normalise_text(raw), removed


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _read_spans(raw_spans: object, text: str, removed: list[int], schema: LabelSchema | None,
                where: str, line: int) -> tuple[list[Span], list[Problem]]:
    problems: list[Problem] = []
    spans: list[Span] = []

    def bad(msg: str) -> None:
        problems.append(Problem(where, msg, line=line))

    if not isinstance(raw_spans, list):
        bad('"spans" must be a list')
        return spans, problems
    seen: set[str] = set()
    for i, item in enumerate(raw_spans, start=1):
        if not isinstance(item, dict):
            bad(f"span {i} is not an object")
            continue
        sid = item.get("id", f"T{i}")
        tag = f"span {i} ({sid})"
        start, end, label = item.get("start"), item.get("end"), item.get("label")
        if not isinstance(sid, str) or not sid:
            bad(f"span {i}: id must be a non-empty string")
            continue
        if sid in seen:
            bad(f"{tag}: the id is used twice in this document")
            continue
        seen.add(sid)
        if not (_is_int(start) and _is_int(end)):
            bad(f"{tag}: start and end must be integers")
            continue
        assert isinstance(start, int) and isinstance(end, int)
        if removed:
            start -= bisect_left(removed, start)
            end -= bisect_left(removed, end)
        if not 0 <= start < end <= len(text):
            bad(f"{tag}: offsets [{item.get('start')}, {item.get('end')}) are out of range "
                f"(the text has {len(text)} characters; start must be < end)")
            continue
        if not isinstance(label, str) or (schema is not None and label not in schema):
            known = ", ".join(schema.names) if schema is not None else ""
            bad(f"{tag}: label {label!r} is not in the schema ({known})")
            continue
        for edge in (start, end):
            if not graphemes.is_grapheme_boundary(text, edge):
                bad(f"{tag}: offset {edge} falls inside a grapheme cluster "
                    f"({text[max(0, edge - 2) : edge + 2]!r})")
                break
        else:
            given = item.get("text")
            if given is not None and given != text[start:end]:
                bad(f"{tag}: its text {given!r} differs from the document's text at "
                    f"[{start}, {end}): {text[start:end]!r}")
                continue
            attrs = item.get("attrs", {})
            if not isinstance(attrs, dict):
                bad(f"{tag}: attrs must be an object")
                continue
            spans.append(Span(sid, start, end, label, attrs))
    return spans, problems


def read(path: Path, schema: LabelSchema | None = None) -> list[IncomingDocument]:
    """Read a JSONL file of documents; raises InputError listing every problem."""
    content = read_utf8(path)
    where = str(path)
    docs: list[IncomingDocument] = []
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    lines = content.split("\n")
    if not any(line.strip() for line in lines):
        raise InputError([Problem(where, "the file holds only whitespace: no documents")])
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(Problem(where, f"malformed JSON at column {exc.colno}: {exc.msg}", line=lineno))
            continue
        if not isinstance(obj, dict):
            problems.append(Problem(where, "each line must be a JSON object", line=lineno))
            continue
        raw = obj.get("text")
        if not isinstance(raw, str) or not raw.strip():
            problems.append(Problem(where, '"text" is missing, not a string, or only whitespace', line=lineno))
            continue
        if "\x00" in raw:
            problems.append(Problem(where, '"text" contains a NUL character', line=lineno))
            continue
        doc_id = obj.get("id", f"{path.stem}-{lineno}")
        if not isinstance(doc_id, str) or not doc_id.strip():
            problems.append(Problem(where, '"id" must be a non-empty string', line=lineno))
            continue
        if doc_id in seen_ids:
            problems.append(Problem(where, f"id {doc_id!r} was already used on line {seen_ids[doc_id]}", line=lineno))
            continue
        seen_ids[doc_id] = lineno
        meta = obj.get("meta", {})
        if not isinstance(meta, dict):
            problems.append(Problem(where, '"meta" must be an object', line=lineno))
            continue
        text, removed = _offset_shift(raw)
        title = obj.get("title")
        if title is not None and not isinstance(title, str):
            problems.append(Problem(where, '"title" must be a string', line=lineno))
            continue
        direction = meta.get("direction")
        if direction is not None and direction not in ("rtl", "ltr"):
            problems.append(Problem(where, f'meta "direction" must be "rtl" or "ltr", not {direction!r}', line=lineno))
            continue
        spans, span_problems = _read_spans(obj.get("spans", []), text, removed, schema, where, lineno)
        problems.extend(span_problems)
        if span_problems:
            continue
        docs.append(IncomingDocument(
            id=doc_id, title=title if title else first_line_title(text), text=text, meta=meta, spans=spans,
            source_path=where, direction=direction or detect_direction(text),
        ))
    if problems:
        raise InputError(problems)
    return docs
