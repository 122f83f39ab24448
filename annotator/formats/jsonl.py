"""The canonical JSONL format: one document per line, and a project sidecar.

``{"id", "title", "text", "meta", "spans": [{"id", "start", "end", "label", "text", "attrs"[,
"comment"][, "unsure"]}], "relations": [{"id", "type", "head", "tail"[, "attrs"]}]}``

A span's note is written only when it has one: ``"comment"`` (plain text, newlines kept)
when it is not empty, ``"unsure": true`` when the span is flagged; a file without notes
is byte for byte what it was before notes existed. The reader takes both back (a
comment is checked like one typed in the window: ``core.values.comment_problem``).

``start``/``end`` are code-point offsets into ``text``, half-open; ``text`` of a span
equals ``doc.text[start:end]``. A relation's ``head`` and ``tail`` are ids of spans of
the same document. Writing then reading gives back the same documents, spans and
relations. Span and relation ``attrs`` are kept as given (the schema checks them
when they are edited, not here, so pre-annotations from other tools survive).

Project-level data sits beside the JSONL: ``FILE.jsonl`` -> ``FILE.project.json``
(:func:`sidecar_path`), holding ``{"entities": [{"id", "name", "type", "aliases"}],
"links": [{"id", "type", "source": {"doc", "span"}, "target": {"doc", "span"}}]}``.
A link's ends name a document id and a span id of that document.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from annotator.core.errors import InputError, Problem
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title, normalise_with_shift
from annotator.core.validation import relation_problem, span_problem, string_problem
from annotator.core.values import Document, Entity, IncomingDocument, Link, Relation, Span, comment_problem
from annotator.formats.decoding import parse_json, read_utf8, utf8_lines

NAME = "jsonl"


# -- writing --------------------------------------------------------------------

def relation_record(rel: Relation) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rel.id, "type": rel.type, "head": rel.head, "tail": rel.tail}
    if rel.attrs:
        out["attrs"] = rel.attrs
    return out


def span_record(text: str, s: Span) -> dict[str, Any]:
    out: dict[str, Any] = {"id": s.id, "start": s.start, "end": s.end, "label": s.label,
                           "text": text[s.start : s.end], "attrs": s.attrs}
    if s.comment:
        out["comment"] = s.comment
    if s.unsure:
        out["unsure"] = True
    return out


def document_record(doc: Document, spans: Iterable[Span],
                    relations: Iterable[Relation] | None = None) -> dict[str, Any]:
    """The record of one document; ``relations`` is written when given (even empty)."""
    record: dict[str, Any] = {
        "id": doc.id,
        "title": doc.title,
        "text": doc.text,
        "meta": doc.meta,
        "spans": [span_record(doc.text, s) for s in spans],
    }
    if relations is not None:
        record["relations"] = [relation_record(r) for r in relations]
    return record


def write_record(out: TextIO, record: dict[str, Any]) -> None:
    out.write(json.dumps(record, ensure_ascii=False))
    out.write("\n")


# -- reading ----------------------------------------------------------------------

def _read_spans(raw_spans: object, text: str, shift: Callable[[int], int], schema: LabelSchema | None,
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
        if type(item) is not dict:  # json.loads makes plain dicts (the checks below are per span: kept lean)
            bad(f"span {i} is not an object")
            continue
        sid = item.get("id", f"T{i}")
        start, end, label = item.get("start"), item.get("end"), item.get("label")
        if type(sid) is not str or not sid:
            bad(f"span {i}: id must be a non-empty string")
            continue
        if sid in seen:
            bad(f"span {i} ({sid}): the id is used twice in this document")
            continue
        seen.add(sid)
        if type(start) is not int or type(end) is not int:  # not bool either
            bad(f"span {i} ({sid}): start and end must be integers")
            continue
        start, end = shift(start), shift(end)
        attrs = item.get("attrs", {})
        span = Span(sid, start, end, label, attrs)  # type: ignore[arg-type]  # made once, checked below
        problem = span_problem(schema, text, span)
        if problem:
            bad(f"span {i} ({sid}): {problem}")
            continue
        given = item.get("text")
        if given is not None and given != text[start:end]:
            bad(f"span {i} ({sid}): its text {given!r} differs from the document's text at "
                f"[{start}, {end}): {text[start:end]!r}")
            continue
        if type(attrs) is not dict:
            bad(f"span {i} ({sid}): attrs must be an object")
            continue
        if "comment" in item or "unsure" in item:
            comment, unsure = item.get("comment", ""), item.get("unsure", False)
            problem = comment_problem(comment) if isinstance(comment, str) else "comment must be a string"
            if problem:
                bad(f"span {i} ({sid}): {problem}")
                continue
            if type(unsure) is not bool:
                bad(f"span {i} ({sid}): unsure must be true or false")
                continue
            span = Span(sid, start, end, label, attrs, comment, unsure)  # type: ignore[arg-type]  # checked above
        spans.append(span)
    return spans, problems


def _read_relations(raw: object, spans: list[Span], schema: LabelSchema | None, where: str,
                    line: int) -> tuple[list[Relation], list[Problem]]:
    problems: list[Problem] = []
    relations: list[Relation] = []

    def bad(msg: str) -> None:
        problems.append(Problem(where, msg, line=line))

    if not isinstance(raw, list):
        bad('"relations" must be a list')
        return relations, problems
    labels = {s.id: s.label for s in spans}
    seen: set[str] = set()
    for i, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            bad(f"relation {i} is not an object")
            continue
        rid, rtype, head, tail = item.get("id"), item.get("type"), item.get("head"), item.get("tail")
        if not isinstance(rid, str) or not rid:
            bad(f"relation {i}: id must be a non-empty string")
            continue
        tag = f"relation {i} ({rid})"
        if rid in seen:
            bad(f"{tag}: the id is used twice in this document")
            continue
        seen.add(rid)
        problem = relation_problem(schema, Relation(rid, rtype, head, tail), labels)  # type: ignore[arg-type]
        if problem:
            bad(f"{tag}: {problem}")
            continue
        attrs = item.get("attrs", {})
        if not isinstance(attrs, dict):
            bad(f"{tag}: attrs must be an object")
            continue
        assert isinstance(rtype, str) and isinstance(head, str) and isinstance(tail, str)  # relation_problem checked
        relations.append(Relation(rid, rtype, head, tail, attrs))
    return relations, problems


def read(path: Path, schema: LabelSchema | None = None) -> list[IncomingDocument]:
    """Read a JSONL file of documents; raises InputError listing every problem.

    The file is read a line at a time (never held whole: only the documents read)."""
    docs: list[IncomingDocument] = []
    problems: list[Problem] = []
    for item in stream(path, schema):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            docs.append(item)
    if problems:
        raise InputError(problems)
    return docs


def stream(path: Path, schema: LabelSchema | None = None,
           read: Callable[[int], None] | None = None) -> Iterator[IncomingDocument | Problem]:
    """The documents of a JSONL file one at a time, and each problem (file and line) as
    it is found, in the file's order: what :func:`read` returns or raises, never
    holding more than one line. An undecodable line raises InputError (that problem
    alone, as :func:`annotator.formats.decoding.utf8_lines` says). *read* is told the
    bytes read so far."""
    where = str(path)
    seen_ids: dict[str, int] = {}
    blank = True
    for lineno, line in utf8_lines(path, read):  # an undecodable line raises alone, as a whole-file read did
        if not line.strip():
            continue
        blank = False
        try:
            obj = parse_json(line, where, lineno)
        except InputError as exc:
            yield from exc.problems
            continue
        if not isinstance(obj, dict):
            yield Problem(where, "each line must be a JSON object", line=lineno)
            continue
        raw = obj.get("text")
        if not isinstance(raw, str) or not raw.strip():
            yield Problem(where, '"text" is missing, not a string, or only whitespace', line=lineno)
            continue
        bad_text = string_problem(raw)
        if bad_text:
            yield Problem(where, f'"text" {bad_text}', line=lineno)
            continue
        doc_id = obj.get("id", f"{path.stem}-{lineno}")
        if not isinstance(doc_id, str) or not doc_id.strip():
            yield Problem(where, '"id" must be a non-empty string', line=lineno)
            continue
        if doc_id in seen_ids:
            yield Problem(where, f"id {doc_id!r} was already used on line {seen_ids[doc_id]}", line=lineno)
            continue
        seen_ids[doc_id] = lineno
        meta = obj.get("meta", {})
        if not isinstance(meta, dict):
            yield Problem(where, '"meta" must be an object', line=lineno)
            continue
        text, shift = normalise_with_shift(raw)
        title = obj.get("title")
        if title is not None and not isinstance(title, str):
            yield Problem(where, '"title" must be a string', line=lineno)
            continue
        direction = meta.get("direction")
        if direction is not None and direction not in ("rtl", "ltr"):
            yield Problem(where, f'meta "direction" must be "rtl" or "ltr", not {direction!r}', line=lineno)
            continue
        spans, span_problems = _read_spans(obj.get("spans", []), text, shift, schema, where, lineno)
        if span_problems:
            yield from span_problems
            continue
        relations, rel_problems = _read_relations(obj.get("relations", []), spans, schema, where, lineno)
        if rel_problems:
            yield from rel_problems
            continue
        yield IncomingDocument(
            id=doc_id, title=title if title else first_line_title(text), text=text, meta=meta, spans=spans,
            source_path=where, direction=direction or detect_direction(text), relations=relations,
            lines={"": lineno},
        )
    if blank:
        yield Problem(where, "the file holds only whitespace: no documents")


# -- the project sidecar: entities and cross-document links ----------------------------

SIDECAR_SUFFIX = ".project.json"


def sidecar_path(path: Path) -> Path:
    """``out/data.jsonl`` -> ``out/data.project.json``."""
    name = path.name[: -len(".jsonl")] if path.name.endswith(".jsonl") else path.name
    return path.with_name(name + SIDECAR_SUFFIX)


def entity_record(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases)}


def link_record(link: Link) -> dict[str, Any]:
    return {"id": link.id, "type": link.type, "source": {"doc": link.source_doc, "span": link.source_span},
            "target": {"doc": link.target_doc, "span": link.target_span}}


def project_record(entities: Iterable[Entity], links: Iterable[Link]) -> dict[str, Any]:
    return {"entities": [entity_record(e) for e in entities], "links": [link_record(link) for link in links]}


def read_project_sidecar(path: Path, schema: LabelSchema | None = None) -> tuple[list[Entity], list[Link]]:
    """Entities and links of a project sidecar; raises InputError naming the file and entry.

    Link ends may be written ``{"doc", "span"}`` or ``{"document", "span"}``.
    """
    where = str(path)
    content = read_utf8(path)
    data = parse_json(content, where)
    if not isinstance(data, dict):
        raise InputError([Problem(where, 'the file must hold a JSON object with "entities" and "links"')])
    problems: list[Problem] = []

    def bad(msg: str) -> None:
        problems.append(Problem(where, msg))

    entities: list[Entity] = []
    raw_entities = data.get("entities", [])
    types = schema.entity_types() if schema is not None else ()
    if not isinstance(raw_entities, list):
        bad('"entities" must be a list')
        raw_entities = []
    seen: set[str] = set()
    for i, item in enumerate(raw_entities):
        tag = f"entities[{i}]"
        if not isinstance(item, dict):
            bad(f"{tag} is not an object")
            continue
        eid, name, etype, aliases = item.get("id"), item.get("name"), item.get("type", "other"), item.get("aliases", [])
        if not isinstance(eid, str) or not eid:
            bad(f"{tag}: id must be a non-empty string")
            continue
        tag = f"{tag} ({eid})"
        if eid in seen:
            bad(f"{tag}: the id is used twice")
            continue
        seen.add(eid)
        if not isinstance(name, str) or not name.strip():
            bad(f"{tag}: name must be a non-empty string")
            continue
        if not isinstance(etype, str) or (types and etype not in types):
            bad(f"{tag}: type {etype!r} is not allowed" + (f" ({', '.join(types)})" if types else ""))
            continue
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            bad(f"{tag}: aliases must be a list of non-empty strings")
            continue
        entities.append(Entity(eid, name, etype, tuple(aliases)))

    links: list[Link] = []
    raw_links = data.get("links", [])
    if not isinstance(raw_links, list):
        bad('"links" must be a list')
        raw_links = []
    seen = set()
    known_types = {lt.name for lt in schema.links} if schema is not None else None
    for i, item in enumerate(raw_links):
        tag = f"links[{i}]"
        if not isinstance(item, dict):
            bad(f"{tag} is not an object")
            continue
        lid, ltype = item.get("id"), item.get("type")
        if not isinstance(lid, str) or not lid:
            bad(f"{tag}: id must be a non-empty string")
            continue
        tag = f"{tag} ({lid})"
        if lid in seen:
            bad(f"{tag}: the id is used twice")
            continue
        seen.add(lid)
        if not isinstance(ltype, str) or (known_types is not None and ltype not in known_types):
            bad(f"{tag}: link type {ltype!r} is not in the schema ({', '.join(sorted(known_types or ()))})")
            continue
        ends: list[tuple[str, str]] = []
        for end in ("source", "target"):
            obj = item.get(end)
            doc = obj.get("doc", obj.get("document")) if isinstance(obj, dict) else None
            span = obj.get("span") if isinstance(obj, dict) else None
            if not (isinstance(doc, str) and doc and isinstance(span, str) and span):
                bad(f'{tag}: {end} must be {{"doc": document id, "span": span id}}')
                break
            ends.append((doc, span))
        if len(ends) == 2:
            links.append(Link(lid, ltype, ends[0][0], ends[0][1], ends[1][0], ends[1][1]))
    if problems:
        raise InputError(problems)
    return entities, links
