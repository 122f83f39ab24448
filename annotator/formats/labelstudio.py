"""Label Studio JSON (the "JSON" export: a list of tasks), read and written.

A task is ``{"id", "data": {"text": ...}, "annotations": [{"result": [...]}]}``.
Results of type ``labels`` are spans (``value.start``/``value.end``/``value.text``/
``value.labels``), ``relation`` results are relations (``from_id`` -> ``to_id``, the
first of ``labels`` as the type), and per-region ``choices``/``textarea`` results (same
``id`` as a span) are that span's attributes. Document-level choices go to ``meta``.
The JSON-MIN export (``[{"text": ..., "label": [{"start", "end", "text", "labels"}]}]``)
is read too.

**Offsets are UTF-16 code units**, as the browser counts them. Reading converts them to
code points with :class:`~annotator.core.offsets.Utf16Map` and checks ``value.text``;
a file made by a tool that counted code points is recognised by that text and read
as it is. A task with several (not cancelled) annotations is refused: import one
annotator's work at a time. Predictions are not annotations and are not read.

Writing gives ``<split>.json`` (one task per document, one annotation) and
``labelstudio_config.xml``, a labelling configuration with the schema's labels.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from annotator.core.dataset import DatasetDocument, RelationRecord
from annotator.core.errors import InputError, Problem
from annotator.core.model import IncomingDocument, Span
from annotator.core.offsets import Utf16Map
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title
from annotator.core.validation import string_problem
from annotator.formats.base import ProjectData, WriterSettings
from annotator.formats.decoding import parse_json, read_utf8
from annotator.formats.standoff import incoming, normalise_with_shift, span_problem

NAME = "labelstudio"
SUFFIX = ".json"
SUFFIXES = (".json",)
FROM, TO = "label", "text"


# -- writing --------------------------------------------------------------------

def task(doc: DatasetDocument, number: int) -> dict[str, Any]:
    u16 = Utf16Map(doc.text)
    result: list[dict[str, Any]] = []
    for s in doc.spans:
        value = {"start": u16.to_utf16(s.start), "end": u16.to_utf16(s.end), "text": s.text_in(doc.text)}
        result.append({"id": s.id, "from_name": FROM, "to_name": TO, "type": "labels", "origin": "manual",
                       "value": {**value, "labels": [s.label]}})
        for key, v in s.attrs.items():
            if isinstance(v, str):
                result.append({"id": s.id, "from_name": key, "to_name": TO, "type": "choices",
                               "value": {**value, "choices": [v]}})
            else:
                result.append({"id": s.id, "from_name": key, "to_name": TO, "type": "textarea",
                               "value": {**value, "text": [json.dumps(v, ensure_ascii=False)]}})
    ids = {s.id for s in doc.spans}
    for r in doc.relations:
        if r.head in ids and r.tail in ids:
            result.append({"type": "relation", "from_id": r.head, "to_id": r.tail, "direction": "right",
                           "labels": [r.type]})
    return {"id": number, "data": {"text": doc.text, "id": doc.id, "title": doc.document.title},
            "annotations": [{"result": result}]}


def labelling_config(schema: LabelSchema, relation_types: set[str]) -> str:
    labels = "\n".join(f"    <Label value={quoteattr(lab.name)} background={quoteattr(lab.color)}/>"
                       for lab in schema.labels)
    rels = ""
    if relation_types:
        rels = "  <Relations>\n" + "\n".join(f"    <Relation value={quoteattr(t)}/>" for t in sorted(relation_types)) \
            + "\n  </Relations>\n"
    return (f'<View>\n  <Labels name="{FROM}" toName="{TO}">\n{labels}\n  </Labels>\n{rels}'
            f'  <Text name="{TO}" value="$text" granularity="symbol"/>\n</View>\n')


class Writer:
    def __init__(self, settings: WriterSettings) -> None:
        self.settings = settings
        self.tasks: dict[str, list[dict[str, Any]]] = {s: [] for s in settings.splits}
        self.relation_types: set[str] = set()
        self.count = 0

    def add(self, doc: DatasetDocument, split: str) -> None:
        self.count += 1
        self.tasks[split].append(task(doc, self.count))
        self.relation_types.update(r.type for r in doc.relations)
        for s in doc.spans:
            self.settings.log.kept(split, s.label)
        self.settings.log.lost("relation attributes (Label Studio relations have labels only)",
                               sum(len(r.attrs) for r in doc.relations))

    def abort(self) -> None:
        self.tasks.clear()

    def close(self, project: ProjectData) -> dict[str, Any]:
        folder = self.settings.folder
        for split, tasks in self.tasks.items():
            with open(folder / f"{split}{SUFFIX}", "w", encoding="utf-8", newline="\n") as fh:
                json.dump(tasks, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
        (folder / "labelstudio_config.xml").write_text(labelling_config(self.settings.schema, self.relation_types),
                                                       encoding="utf-8")
        self.settings.log.lost("cross-document links (Label Studio has no links between tasks)", len(project.links))
        return {"offsets": "UTF-16 code units", "config": "labelstudio_config.xml",
                "files": [f"{s}{SUFFIX}" for s in self.settings.splits]}


# -- reading --------------------------------------------------------------------

def read(path: Path, schema: LabelSchema | None = None) -> list[IncomingDocument]:
    """Read a Label Studio JSON (or JSON-MIN) export."""
    where = str(path)
    data = parse_json(read_utf8(path), where)
    if isinstance(data, dict) and "manifest_version" in data and "program" in data:
        return []  # the manifest.json of one of our exports, met in a folder: it holds no documents
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data:
        raise InputError([Problem(where, "expected a list of Label Studio tasks")])
    problems: list[Problem] = []
    docs: list[IncomingDocument] = []
    seen: set[str] = set()
    for k, item in enumerate(data, start=1):
        try:
            doc = _task(item, k, path, schema)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if doc.id in seen:
            problems.append(Problem(where, f"task {k}: document id {doc.id!r} is used twice"))
            continue
        seen.add(doc.id)
        docs.append(doc)
    if problems:
        raise InputError(problems)
    return docs


def _text_of(data: dict[str, Any]) -> tuple[str | None, str | None]:
    if isinstance(data.get("text"), str):
        return "text", data["text"]
    strings = [(k, v) for k, v in data.items() if isinstance(v, str) and k not in ("id", "title")]
    return strings[0] if len(strings) == 1 else (None, None)


def _task(item: Any, k: int, path: Path, schema: LabelSchema | None) -> IncomingDocument:
    where = str(path)
    problems: list[Problem] = []

    def bad(msg: str) -> None:
        problems.append(Problem(where, f"task {k}: {msg}"))

    if not isinstance(item, dict):
        raise InputError([Problem(where, f"task {k}: not an object")])
    if isinstance(item.get("data"), dict):  # the full JSON export
        data = item["data"]
        results: list[Any] = []
        given = item.get("annotations") or []
        if not isinstance(given, list):
            raise InputError([Problem(where, f"task {k}: annotations must be a list")])
        annotations = [a for a in given if isinstance(a, dict) and not a.get("was_cancelled")]
        if len(annotations) > 1:
            who = ", ".join(str(a.get("completed_by", "?")) for a in annotations)
            raise InputError([Problem(where, f"task {k} has {len(annotations)} annotations (by {who}): import one "
                                             "annotator's work at a time (filter the export in Label Studio)")])
        if annotations:
            results = annotations[0].get("result") or []
            if not isinstance(results, list):
                raise InputError([Problem(where, f"task {k}: the annotation's result must be a list")])
        meta_skip = {"id", "title"}
    else:  # JSON-MIN: the data keys and the results flattened into one object
        data = item
        results = []
        for key, value in item.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) and "start" in v for v in value):
                results += [{"type": "labels", "from_name": key, "value": v, "id": f"{key}{n}"}
                            for n, v in enumerate(value, start=1)]
        meta_skip = {"id", "title", *(r["from_name"] for r in results), "annotator", "annotation_id",
                     "created_at", "updated_at", "lead_time"}
    text_key, raw = _text_of(data)
    if raw is None or not raw.strip():
        raise InputError([Problem(where, f"task {k}: no text found in its data (expected data.text)")])
    if string_problem(raw):
        raise InputError([Problem(where, f"task {k}: the text {string_problem(raw)}")])
    u16 = Utf16Map(raw)
    text, shift = normalise_with_shift(raw)
    spans: dict[str, Span] = {}
    region_ids: dict[str, list[str]] = {}
    attrs: dict[str, dict[str, Any]] = {}
    meta: dict[str, Any] = {key: v for key, v in data.items() if key not in meta_skip and key != text_key}
    relations: list[RelationRecord] = []
    for n, res in enumerate(results, start=1):
        if not isinstance(res, dict):
            bad(f"result {n} is not an object")
            continue
        rtype, value, rid = res.get("type"), res.get("value") or {}, res.get("id")
        if not isinstance(value, dict):
            bad(f"result {n}: value must be an object")
            continue
        if rid is not None and (not isinstance(rid, (str, int)) or isinstance(rid, bool)):
            bad(f"result {n}: id must be text, not {rid!r}")
            continue
        if rtype == "labels":
            labels = value.get("labels") or []
            if not isinstance(labels, list):
                bad(f"result {n} ({rid}): value.labels must be a list")
                continue
            cp = _code_points(u16, raw, value)
            if isinstance(cp, str):
                bad(f"result {n} ({rid}): {cp}")
                continue
            start, end = shift(cp[0]), shift(cp[1])
            for label in labels:
                if not isinstance(label, str):
                    bad(f"result {n} ({rid}): label {label!r} is not in the schema")
                    continue
                sid = str(rid) if len(labels) == 1 else f"{rid}-{label}"
                msg = span_problem(text, start, end, label, schema)
                if msg:
                    bad(f"result {n} ({rid}): {msg}")
                    continue
                spans[sid] = Span(sid, start, end, label, {})
                region_ids.setdefault(str(rid), []).append(sid)
        elif rtype == "relation":
            continue
        elif rtype in ("choices", "textarea", "taxonomy", "rating", "number"):
            payload = value.get(rtype if rtype != "textarea" else "text")
            if isinstance(payload, list) and len(payload) == 1:
                payload = payload[0]
            if rtype == "textarea" and isinstance(payload, str):
                try:
                    payload = parse_json(payload, where)
                except InputError:
                    pass  # not JSON: the text as it is
            if rid is not None and ("start" in value or str(rid) in region_ids):
                attrs.setdefault(str(rid), {})[str(res.get("from_name"))] = payload
            else:
                meta[str(res.get("from_name"))] = payload
        else:
            bad(f"result {n}: results of type {rtype!r} are not supported (labels, relation, choices, textarea)")
    for n, res in enumerate(results, start=1):
        if isinstance(res, dict) and res.get("type") == "relation":
            heads, tails = region_ids.get(str(res.get("from_id"))), region_ids.get(str(res.get("to_id")))
            if not heads or not tails:
                bad(f"result {n}: the relation refers to a region that is not a span")
                continue
            if res.get("direction") == "left":
                heads, tails = tails, heads
            types = res.get("labels") or ["RELATED"]
            if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
                bad(f"result {n}: the relation's labels must be a list of names")
                continue
            for m, rtype in enumerate(types):
                relations.append(RelationRecord(f"R{n}" + (f"-{m}" if m else ""), str(rtype), heads[0], tails[0]))
    for rid, values in attrs.items():
        if rid not in region_ids:
            bad(f"attributes of region {rid} belong to no span")
            continue
        for sid in region_ids[rid]:
            s = spans[sid]
            spans[sid] = Span(s.id, s.start, s.end, s.label, {**s.attrs, **values})
    if problems:
        raise InputError(problems)
    given = data.get("id", item.get("id"))
    doc_id = str(given) if isinstance(given, (str, int)) and not isinstance(given, bool) and str(given).strip() \
        else f"{path.stem}-{k}"
    title = data.get("title") if isinstance(data.get("title"), str) and data.get("title") else first_line_title(text)
    ordered = sorted(spans.values(), key=lambda s: (s.start, -s.end, s.id))
    return incoming(where, id=doc_id, title=title, text=text, meta=meta, spans=ordered, source_path=where,
                    direction=detect_direction(text), relations=relations)


def _code_points(u16: Utf16Map, raw: str, value: dict[str, Any]) -> tuple[int, int] | str:
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        return "value.start and value.end must be integers"
    given = value.get("text")
    try:
        cs, ce = u16.range_to_code_points(start, end)
    except ValueError:
        cs, ce = -1, -1
    if given is None or raw[cs:ce] == given:
        if cs < 0:
            return f"UTF-16 offsets [{start}, {end}) are outside the text"
        return cs, ce
    if raw[start:end] == given:  # made by a tool that counts code points
        return start, end
    return (f"value.text {given!r} is neither the text at UTF-16 offsets [{start}, {end}) "
            f"({raw[cs:ce] if cs >= 0 else ''!r}) nor at code points ({raw[start:end]!r})")
