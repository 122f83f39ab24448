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
``labelstudio_config.xml``, a labelling configuration with the schema's labels, every
relation type of the schema, and a per-region control for each span attribute: a
``<Choices perRegion>`` for choice attributes, a ``<TextArea perRegion>`` for the others
(booleans as ``true``/``false``, other values as their text), each shown when a span of
a label that carries it is selected. Every result then passes Label Studio's own
validator (label-studio-sdk's ``LabelInterface``).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from annotator.core.dataset import DatasetDocument, RelationRecord
from annotator.core.errors import AnnotatorError, InputError, Problem
from annotator.core.offsets import Utf16Map
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title, normalise_with_shift
from annotator.core.validation import string_problem
from annotator.core.values import IncomingDocument, Span
from annotator.formats.base import ProjectData, WriterSettings, open_output
from annotator.formats.decoding import parse_json, read_utf8
from annotator.formats.standoff import incoming, span_problem

NAME = "labelstudio"
SUFFIX = ".json"
SUFFIXES = (".json",)
FROM, TO = "label", "text"
CONFIG = "labelstudio_config.xml"
#: the export service tells the writer what is ahead (formats/base.KnownAhead)
NEEDS_AHEAD = True


# -- writing --------------------------------------------------------------------

#: Attribute kinds whose values are strings, shown as they are in a text area.
_STRING_KINDS = ("choice", "entity", "pattern", "text")


def _free_name(wanted: str, taken: set[str]) -> str:
    name, n = wanted, 2
    while name in taken:
        name, n = f"{wanted}_{n}", n + 1
    return name


@dataclass
class Controls:
    """The labelling configuration of an export and how each span attribute is written:
    a ``<Choices perRegion>`` when every schema attribute of that name is a choice and
    every value written is one of its strings, else a ``<TextArea perRegion>``. Built
    from the schema and the attributes the exported spans carry, so every result has
    its control (Label Studio's validator, ``LabelInterface``, checks just that)."""

    schema: LabelSchema
    labels_name: str
    text_name: str
    choices: dict[str, list[str]]  # attribute name -> allowed values
    textareas: list[str]
    carried_by: dict[str, list[str]]  # attribute name -> labels whose spans carry it
    relation_types: list[str]

    @classmethod
    def plan(cls, schema: LabelSchema, used: dict[str, dict[str, list[Any]]], relation_types: set[str]) -> Controls:
        """*used*: attribute name -> label -> the values written."""
        names = list(dict.fromkeys([a.name for a in schema.attributes] + list(used)))
        choices: dict[str, list[str]] = {}
        textareas: list[str] = []
        carried: dict[str, list[str]] = {}
        for name in names:
            defs = [a for a in schema.attributes if a.name == name]
            seen = [v for values in used.get(name, {}).values() for v in values]
            carried[name] = list(dict.fromkeys([a.label for a in defs] + list(used.get(name, {}))))
            if defs and all(a.kind == "choice" for a in defs) and all(isinstance(v, str) for v in seen):
                choices[name] = list(dict.fromkeys([v for a in defs for v in a.values] + seen))
            else:
                textareas.append(name)
        taken = set(names)
        labels_name = _free_name(FROM, taken)
        text_name = _free_name(TO, taken | {labels_name})
        rels = list(dict.fromkeys([r.name for r in schema.relations] + sorted(relation_types)))
        return cls(schema, labels_name, text_name, choices, textareas, carried, rels)

    def text_of(self, label: str, name: str, value: Any) -> str:
        """A text area's text for an attribute value: a string of a string-valued schema
        attribute as it is; anything else as JSON unless it is a string that is not JSON
        (so :func:`value_of` gives back the same value)."""
        try:
            kind = self.schema.attribute(label, name).kind
        except KeyError:
            kind = None
        if isinstance(value, str) and (kind in _STRING_KINDS or not _is_json(value)):
            return value
        return json.dumps(value, ensure_ascii=False)

    def config(self) -> str:
        lines = ["<View>", f"  <Labels name={quoteattr(self.labels_name)} toName={quoteattr(self.text_name)}>"]
        lines += [f"    <Label value={quoteattr(lab.name)} background={quoteattr(lab.color)}/>"
                  for lab in self.schema.labels]
        lines.append("  </Labels>")
        if self.relation_types:
            lines.append("  <Relations>")
            lines += [f"    <Relation value={quoteattr(t)}/>" for t in self.relation_types]
            lines.append("  </Relations>")
        lines.append(f'  <Text name={quoteattr(self.text_name)} value="$text" granularity="symbol"/>')
        for name in self.carried_by:  # schema order, then attributes the schema does not know
            when = ",".join(self.carried_by.get(name, []))
            condition = f" whenLabelValue={quoteattr(when)}" if when else ""
            lines.append(f'  <View visibleWhen="region-selected"{condition}>')
            lines.append(f"    <Header value={quoteattr(name)}/>")
            common = f'name={quoteattr(name)} toName={quoteattr(self.text_name)} perRegion="true"'
            if name in self.choices:
                lines.append(f'    <Choices {common} choice="single">')
                lines += [f"      <Choice value={quoteattr(v)}/>" for v in self.choices[name]]
                lines.append("    </Choices>")
            else:
                lines.append(f'    <TextArea {common} editable="true" maxSubmissions="1"/>')
            lines.append("  </View>")
        lines.append("</View>")
        return "\n".join(lines) + "\n"

    def task(self, doc: DatasetDocument, number: int) -> dict[str, Any]:
        """The task of one document, as a dict (what :meth:`task_json` writes)."""
        u16 = Utf16Map(doc.text)
        to = self.text_name
        result: list[dict[str, Any]] = []
        for s in doc.spans:
            value = {"start": u16.to_utf16(s.start), "end": u16.to_utf16(s.end), "text": s.text_in(doc.text)}
            result.append({"id": s.id, "from_name": self.labels_name, "to_name": to, "type": "labels",
                           "origin": "manual", "value": {**value, "labels": [s.label]}})
            for key, v in s.attrs.items():
                if key in self.choices:
                    result.append({"id": s.id, "from_name": key, "to_name": to, "type": "choices",
                                   "value": {**value, "choices": [v]}})
                else:
                    result.append({"id": s.id, "from_name": key, "to_name": to, "type": "textarea",
                                   "value": {**value, "text": [self.text_of(s.label, key, v)]}})
        ids = {s.id for s in doc.spans}
        for r in doc.relations:
            if r.head in ids and r.tail in ids:
                result.append({"type": "relation", "from_id": r.head, "to_id": r.tail, "direction": "right",
                               "labels": [r.type]})
        return {"id": number, "data": {"text": doc.text, "id": doc.id, "title": doc.document.title},
                "annotations": [{"result": result}]}

    def task_json(self, doc: DatasetDocument, number: int) -> str:
        """:meth:`task` as ``json.dump(tasks, indent=1)`` writes it inside the list of
        tasks, exactly, without the dicts: the standard library's indenting encoder is
        pure Python (about 50 calls per span), so each result is one format string and
        each string one call of the C string encoder."""
        text = doc.text
        u16 = Utf16Map(text)
        to16 = u16.to_utf16 if u16.has_astral else None
        ln, tn = _enc(self.labels_name), _enc(self.text_name)
        labelled = (f',\n      "from_name": {ln},\n      "to_name": {tn},\n      "type": "labels",\n      '
                    '"origin": "manual",\n      "value": {\n       "start": ')
        results: list[str] = []
        add = results.append
        for s in doc.spans:
            start, end = s.start, s.end
            a, b = (to16(start), to16(end)) if to16 is not None else (start, end)
            ends = f'{a},\n       "end": {b},\n       "text": '
            value = f'{ends}{_enc(text[start:end])},\n       '
            sid = _enc(s.id)
            add(f'     {{\n      "id": {sid}{labelled}{value}"labels": [\n        {_enc(s.label)}\n'
                '       ]\n      }\n     }')
            if not s.attrs:
                continue
            for key, v in s.attrs.items():
                head = (f'     {{\n      "id": {sid},\n      "from_name": {_value(key, 6)},\n      "to_name": {tn},'
                        '\n      "type": ')
                if key in self.choices:
                    add(f'{head}"choices",\n      "value": {{\n       "start": {value}"choices": [\n        '
                        f'{_value(v, 8)}\n       ]\n      }}\n     }}')
                else:
                    add(f'{head}"textarea",\n      "value": {{\n       "start": {ends}[\n        '  # "text" replaced
                        f'{_value(self.text_of(s.label, key, v), 8)}\n       ]\n      }}\n     }}')
        if doc.relations:
            ids = {s.id for s in doc.spans}
            for r in doc.relations:
                if r.head in ids and r.tail in ids:
                    add(f'     {{\n      "type": "relation",\n      "from_id": {_value(r.head, 6)},\n      '
                        f'"to_id": {_value(r.tail, 6)},\n      "direction": "right",\n      "labels": [\n'
                        f'       {_value(r.type, 7)}\n      ]\n     }}')
        result = "[\n" + ",\n".join(results) + "\n    ]" if results else "[]"
        return (f' {{\n  "id": {_value(number, 2)},\n  "data": {{\n   "text": {_value(text, 3)},\n   "id": '
                f'{_value(doc.id, 3)},\n   "title": {_value(doc.document.title, 3)}\n  }},\n  "annotations": [\n'
                f'   {{\n    "result": {result}\n   }}\n  ]\n }}')

    def plans_tasks_as(self, other: Controls) -> bool:
        """True when *other* writes every task as this plan does."""
        return (self.labels_name, self.text_name, self.choices.keys()) == (
            other.labels_name, other.text_name, other.choices.keys())


#: ``json.dump``'s string encoder with ``ensure_ascii=False`` (the C one)
_enc = json.encoder.encode_basestring


def _value(value: Any, depth: int) -> str:
    """*value* as ``json.dump(..., indent=1)`` writes it at *depth* (strings and integers
    directly, anything else through the standard encoder, indented)."""
    if type(value) is str:
        return _enc(value)
    if type(value) is int:
        return str(value)
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


class ProjectChanged(AnnotatorError):
    """The export read something other than what it was told to expect."""


class Writer:
    """Writes each document's task as it comes when the export service says what is
    ahead (``settings.ahead``: the documents per split and the attributes the spans carry,
    which every task depends on); otherwise (a writer used on its own) keeps the
    documents until :meth:`close`."""

    def __init__(self, settings: WriterSettings) -> None:
        self.settings = settings
        self.docs: dict[str, list[DatasetDocument]] = {s: [] for s in settings.splits}
        self.used: dict[str, dict[str, list[Any]]] = {}  # attribute -> label -> values
        self.seen: set[tuple[str, str, str | None]] = set()
        self.relation_types: set[str] = set()
        self.files: dict[str, TextIO] = {}
        self.ahead = settings.ahead
        if self.ahead is not None:
            self.controls = Controls.plan(settings.schema, self.ahead.span_attributes, set())
            self.number: dict[str, int] = {}
            before = 0
            for split in settings.splits:
                self.number[split] = before
                before += self.ahead.documents.get(split, 0)
            self.given: Counter[str] = Counter()
            self.files = {s: open_output(settings.folder / f"{s}{SUFFIX}") for s in settings.splits}

    def add(self, doc: DatasetDocument, split: str) -> None:
        if self.ahead is None:
            self.docs[split].append(doc)
        else:
            self.given[split] += 1
            self.files[split].write(("[\n" if self.given[split] == 1 else ",\n")
                                    + self.controls.task_json(doc, self.number[split] + self.given[split]))
        if doc.relations:
            self.relation_types.update(r.type for r in doc.relations)
        log = self.settings.log
        log.kept_all(split, Counter([s.label for s in doc.spans]))
        seen = self.seen
        for s in doc.spans:
            if s.attrs:
                for key, v in s.attrs.items():  # what the plan needs: each string once, the first other value
                    if (key, s.label, v if isinstance(v, str) else None) not in seen:
                        seen.add((key, s.label, v if isinstance(v, str) else None))
                        self.used.setdefault(key, {}).setdefault(s.label, []).append(v)
        if doc.relations:
            ids = {s.id for s in doc.spans}
            log.lost("relations whose head or tail is not a span of the set",
                     sum(1 for r in doc.relations if r.head not in ids or r.tail not in ids))
            log.lost("relation attributes (Label Studio relations have labels only)",
                     sum(len(r.attrs) for r in doc.relations))

    def abort(self) -> None:
        self.docs.clear()
        for fh in self.files.values():
            fh.close()

    def close(self, project: ProjectData) -> dict[str, Any]:
        folder = self.settings.folder
        controls = Controls.plan(self.settings.schema, self.used, self.relation_types)
        if self.ahead is None:
            number = 0
            for split, docs in self.docs.items():
                with open_output(folder / f"{split}{SUFFIX}") as fh:
                    for k, doc in enumerate(docs):
                        number += 1
                        fh.write(("," if k else "[") + "\n" + controls.task_json(doc, number))
                    fh.write("\n]\n" if docs else "[]\n")
        else:
            for split, fh in self.files.items():
                fh.write("\n]\n" if self.given[split] else "[]\n")
                fh.close()
            if dict(self.given) != {s: n for s, n in self.ahead.documents.items() if n} \
                    or not controls.plans_tasks_as(self.controls):
                raise ProjectChanged("the project changed while it was exported (documents or span attributes): "
                                     "nothing was written; export again")
        (folder / CONFIG).write_text(controls.config(), encoding="utf-8")
        self.settings.log.lost("cross-document links (Label Studio has no links between tasks)", len(project.links))
        return {"offsets": "UTF-16 code units", "config": CONFIG,
                "per_region_controls": {"choices": list(controls.choices), "textarea": controls.textareas},
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
            per_region = rid is not None and ("start" in value or str(rid) in region_ids)
            if rtype == "textarea" and isinstance(payload, str):
                # decoded once the span's label is known (see _text_value)
                payload = _RawText(payload) if per_region else _text_value(None, "", "", payload)
            if per_region:
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
            typed = {k: _text_value(schema, s.label, k, v) if isinstance(v, _RawText) else v for k, v in values.items()}
            spans[sid] = Span(s.id, s.start, s.end, s.label, {**s.attrs, **typed})
    if problems:
        raise InputError(problems)
    given = data.get("id", item.get("id"))
    doc_id = str(given) if isinstance(given, (str, int)) and not isinstance(given, bool) and str(given).strip() \
        else f"{path.stem}-{k}"
    title = data.get("title") if isinstance(data.get("title"), str) and data.get("title") else first_line_title(text)
    ordered = sorted(spans.values(), key=lambda s: (s.start, -s.end, s.id))
    return incoming(where, id=doc_id, title=title, text=text, meta=meta, spans=ordered, source_path=where,
                    direction=detect_direction(text), relations=relations)


class _RawText(str):
    """A per-region text area's text, before the label of its span is known."""


def _text_value(schema: LabelSchema | None, label: str, name: str, text: str) -> Any:
    """The value a text area's *text* stands for: the text itself for a string-valued
    schema attribute (a year ``2026`` stays a string), else its JSON value when it is
    JSON (``true``, ``3``, ``"2026"``), else the text (what :meth:`Controls.text_of` writes)."""
    if schema is not None:
        try:
            if schema.attribute(label, name).kind in _STRING_KINDS:
                return str(text)
        except KeyError:
            pass
    try:
        return parse_json(text, "")
    except InputError:
        return str(text)


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
