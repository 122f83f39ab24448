"""The checks every span, attribute, relation and link passes, whether an annotator
makes it in the window or a file brings it in (every importer runs
:func:`document_problems` on what it read), and the rules for ids and names that every
database can store.

Each function returns problems as plain sentences (empty when all is well); the
caller adds the place (file and line, or the command that failed). Nothing here
knows about storage: the column lengths come in as :class:`Limits`, which the
services build from the storage models (one source of truth).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.core import graphemes
from annotator.core.schema import LabelSchema
from annotator.core.values import IncomingDocument, Link, Relation, Span

#: JSON values (meta, attributes) may nest this deep; deeper input is refused, never parsed by recursion.
MAX_JSON_DEPTH = 64

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    """The longest id or name each kind of thing may have (characters); None: no limit."""

    document_id: int | None = None
    span_id: int | None = None
    relation_id: int | None = None
    link_id: int | None = None
    entity_id: int | None = None
    annotator: int | None = None


NO_LIMITS = Limits()


def string_problem(value: str) -> str | None:
    """Why *value* cannot be stored as text: a NUL character, or a lone surrogate
    (a string that is not Unicode scalar values: it has no UTF-8 form)."""
    nul = value.find("\x00")
    if nul >= 0:
        return f"contains a NUL character (at {nul})"
    m = _SURROGATE.search(value)
    if m:
        return (f"is not valid Unicode: a lone surrogate U+{ord(m.group()):04X} at {m.start()} "
                "(a broken \\u escape or a bad conversion)")
    return None


def value_problem(value: Any, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """Why a JSON value (meta, attributes) cannot be stored: a string (key or value)
    that :func:`string_problem` refuses, nesting deeper than *max_depth*, or a value
    JSON cannot hold. Walks without recursion."""
    stack: list[tuple[Any, int, str]] = [(value, 0, "")]
    while stack:
        item, depth, path = stack.pop()
        if depth > max_depth:
            return f"nests deeper than {max_depth} levels"
        if isinstance(item, str):
            problem = string_problem(item)
            if problem:
                return f"{path or 'the value'} {problem}"
        elif isinstance(item, dict):
            for key, sub in item.items():
                if not isinstance(key, str):
                    return f"{path or 'the value'} has a key that is not a string ({key!r})"
                problem = string_problem(key)
                if problem:
                    return f"a key of {path or 'the value'} {problem}"
                stack.append((sub, depth + 1, f"{path}.{key}" if path else key))
        elif isinstance(item, (list, tuple)):
            stack.extend((sub, depth + 1, f"{path}[{i}]") for i, sub in enumerate(item))
        elif isinstance(item, float):
            if item != item or item in (float("inf"), float("-inf")):
                return f"{path or 'the value'} is {item}, which JSON cannot hold"
        elif item is not None and not isinstance(item, (bool, int)):
            return f"{path or 'the value'} is a {type(item).__name__}, which JSON cannot hold"
    return None


def id_problem(what: str, value: object, limit: int | None) -> str | None:
    """Why *value* cannot be the id or name *what* (document id, span id, annotator name...)."""
    if not isinstance(value, str) or not value.strip():
        return f"{what} must be a non-empty string, not {value!r}"
    problem = string_problem(value)
    if problem:
        return f"{what} {problem}"
    if limit is not None and len(value) > limit:
        return f"{what} is {len(value)} characters long; the limit is {limit} ({value[:40]!r}...)"
    return None


def span_problem(schema: LabelSchema | None, text: str, span: Span) -> str | None:
    """Why *span* cannot be a span of *text*: its label, its range, or an edge inside a
    grapheme cluster (each edge checked on its neighbourhood: importers check many spans
    of a text edge by edge). Attributes are :func:`attrs_problems`."""
    if not isinstance(span.label, str) or (schema is not None and span.label not in schema):
        known = ", ".join(schema.names) if schema is not None else ""
        return f"label {span.label!r} is not in the schema ({known})"
    if not 0 <= span.start < span.end <= len(text):
        return (f"offsets [{span.start}, {span.end}) are out of range: not inside the document (the text has "
                f"{len(text)} characters; start must be < end)")
    for edge in (span.start, span.end):
        if not graphemes.is_grapheme_boundary(text, edge):
            return f"offset {edge} falls inside a grapheme cluster ({text[max(0, edge - 2) : edge + 2]!r})"
    return None


def attrs_problems(schema: LabelSchema | None, label: str, attrs: Mapping[str, Any],
                   entity_known: Callable[[str], bool] | None = None) -> list[str]:
    """Every problem with *attrs* on a span of *label*: names and values the schema
    refuses (:meth:`LabelSchema.validate_attrs`), entity ids that are not in the
    project (when *entity_known* is given), and strings no database can store."""
    if not isinstance(attrs, Mapping):
        return [f"attributes must be an object, not {attrs!r}"]
    if not attrs and (schema is None or label in schema):  # most spans: nothing to check
        return []
    problem = value_problem(dict(attrs))
    if problem:
        return [f"attributes: {problem}"]
    if schema is None:
        return []
    problems = schema.validate_attrs(label, attrs)
    if entity_known is not None and not problems:
        for name, value in attrs.items():
            adef = schema.attribute(label, name)
            if adef.kind == "entity" and isinstance(value, str) and not entity_known(value):
                problems.append(f"{label} {name}: no entity {value!r} in this project")
    return problems


def relation_problem(schema: LabelSchema | None, rel: Relation, labels: Mapping[str, str]) -> str | None:
    """Why *rel* cannot join spans whose labels are *labels* (span id -> label): an
    unknown type, a missing end, one span at both ends, or labels the type does not join."""
    if not isinstance(rel.type, str) or not rel.type:
        return f"type must be a non-empty string, not {rel.type!r}"
    rtype = None
    if schema is not None:
        try:
            rtype = schema.relation(rel.type)
        except KeyError:
            known = ", ".join(r.name for r in schema.relations) or "none"
            return f"relation type {rel.type!r} is not in the schema (known: {known})"
    for end_name, end in (("head", rel.head), ("tail", rel.tail)):
        if not isinstance(end, str) or end not in labels:
            return f"{end_name} {end!r} is not the id of a span of this document"
    if rel.head == rel.tail:
        return f"head and tail are the same span ({rel.head}): a relation joins two different spans"
    if rtype is not None and not rtype.allows(labels[rel.head], labels[rel.tail]):
        return (f"{rtype.name} goes from {' or '.join(rtype.head)} to {' or '.join(rtype.tail)}, "
                f"not from {labels[rel.head]} to {labels[rel.tail]}")
    if rel.attrs:
        problem = value_problem(dict(rel.attrs)) if isinstance(rel.attrs, Mapping) else "is not an object"
        if problem:
            return f"attributes: {problem}"
    return None


def link_problem(schema: LabelSchema | None, link: Link, source_label: str | None,
                 target_label: str | None) -> str | None:
    """Why *link* cannot join a span labelled *source_label* to one labelled
    *target_label* (None: the label is not known yet, checked later)."""
    ltype = None
    if schema is not None:
        try:
            ltype = schema.link_type(link.type)
        except KeyError:
            known = ", ".join(lt.name for lt in schema.links) or "none"
            return f"link type {link.type!r} is not in the schema (known: {known})"
    if link.source_doc == link.target_doc:
        return "a link joins spans of two different documents (inside one document, use a relation)"
    if ltype is not None and source_label is not None and target_label is not None \
            and not ltype.allows(source_label, target_label):
        return f"{ltype.name} links {' or '.join(ltype.labels)} spans, not {source_label} to {target_label}"
    return None


@dataclass(frozen=True)
class ItemProblem:
    """A problem of one item of a document: ``key`` is ``""`` for the document itself,
    ``"span:ID"`` or ``"relation:ID"`` (the keys of ``IncomingDocument.lines``); ``item``
    names it for people (``"span 3 (T3)"``)."""

    key: str
    item: str
    message: str

    def __str__(self) -> str:
        return f"{self.item}: {self.message}" if self.item else self.message


def document_problems(schema: LabelSchema | None, doc: IncomingDocument, limits: Limits = NO_LIMITS,
                      entity_known: Callable[[str], bool] | None = None,
                      spans_checked: bool = False) -> list[ItemProblem]:
    """Every problem of a document read from a file, one :class:`ItemProblem` each.

    The same checks as the window's commands (:func:`span_problem`,
    :func:`attrs_problems`, :func:`relation_problem`), plus ids, title, text and meta
    that every database can store. *spans_checked*: the reader already put every span
    through :func:`span_problem` with this schema and text (not done twice).
    """
    out: list[ItemProblem] = []
    for problem in (id_problem("the document id", doc.id, limits.document_id),
                    None if isinstance(doc.title, str) else f"the title must be a string, not {doc.title!r}",
                    None if not isinstance(doc.title, str) or string_problem(doc.title) is None
                    else f"the title {string_problem(doc.title)}",
                    string_problem(doc.text) and f"the text {string_problem(doc.text)}",
                    None if isinstance(doc.meta, dict) else "meta must be an object",
                    value_problem(doc.meta) and f"meta: {value_problem(doc.meta)}"):
        if problem:
            out.append(ItemProblem("", "", problem))
    if out:
        return out
    labels: dict[str, str] = {}
    for n, span in enumerate(doc.spans, start=1):  # an import checks every span: nothing made for a good one
        sid = span.id
        problem = id_problem("the span id", sid, limits.span_id)
        if problem is None and sid in labels:
            problem = "the span id is used twice in this document"
        if problem is None and not spans_checked:
            problem = span_problem(schema, doc.text, span)
        problems = [problem] if problem is not None else attrs_problems(schema, span.label, span.attrs, entity_known)
        if problems:
            item = f"span {n} ({sid})" if isinstance(sid, str) else f"span {n} ({sid!r})"
            out.extend(ItemProblem(f"span:{sid}", item, p) for p in problems if p)
        if isinstance(sid, str):
            labels.setdefault(sid, span.label)
    seen: set[str] = set()
    triples: dict[tuple[str, str, str], str] = {}
    for n, rel in enumerate(doc.relations, start=1):
        item = f"relation {n} ({rel.id})" if isinstance(rel.id, str) else f"relation {n} ({rel.id!r})"
        problem = id_problem("the relation id", rel.id, limits.relation_id)
        if problem is None and rel.id in seen:
            problem = "the relation id is used twice in this document"
        if problem is None:
            problem = relation_problem(schema, rel, labels)
        if problem is None:
            key = (rel.type, rel.head, rel.tail)
            if key in triples:
                problem = f"this {rel.type} relation is given twice ({triples[key]} and {rel.id})"
            triples.setdefault(key, rel.id)
        if problem:
            out.append(ItemProblem(f"relation:{rel.id}", item, problem))
        if isinstance(rel.id, str):
            seen.add(rel.id)
    return out


def entity_ids(docs: Iterable[IncomingDocument], schema: LabelSchema | None) -> set[str]:
    """The entity ids that spans of *docs* refer to (attributes of kind ``entity``)."""
    if schema is None:
        return set()
    kinds = {(a.label, a.name) for a in schema.attributes if a.kind == "entity"}
    return {value for doc in docs for span in doc.spans if isinstance(span.attrs, Mapping)
            for name, value in span.attrs.items() if (span.label, name) in kinds and isinstance(value, str)}
