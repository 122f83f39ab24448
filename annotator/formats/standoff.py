"""Helpers shared by the stand-off readers (brat, doccano, Label Studio): span checks
that name the place, and lossless tokens for values that must not hold spaces. (The
import normalisation that keeps offsets on the same characters is
:func:`annotator.core.text.normalise_with_shift`.)"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from annotator.core import validation
from annotator.core.dataset import RelationRecord
from annotator.core.errors import InputError, Problem
from annotator.core.schema import LabelSchema
from annotator.core.values import IncomingDocument, Span
from annotator.formats.decoding import parse_json


def span_problem(text: str, start: int, end: int, label: object, schema: LabelSchema | None,
                 given_text: str | None = None) -> str | None:
    """Why ``[start, end)`` with *label* cannot be a span of *text*, or None: the
    window's check (:func:`annotator.core.validation.span_problem`), and *given_text*."""
    problem = validation.span_problem(schema, text, Span("", start, end, label))  # type: ignore[arg-type]
    if problem:
        return problem
    if given_text is not None and given_text != text[start:end]:
        return f"its text {given_text!r} differs from the document's text at [{start}, {end}): {text[start:end]!r}"
    return None


_ESCAPE = re.compile(r"[%\s]")
#: what a JSON text can start with, after its white space (json.loads: strings, objects, arrays,
#: null, true, false, NaN, Infinity, numbers)
_MAY_START_JSON = frozenset('"{[ntfNI-0123456789')
_UNESCAPE = re.compile(r"%([0-9A-F]{2,6});")


def value_token(value: Any) -> str:
    """A value as one token without white space, reversible by :func:`token_value`:
    plain strings stay as they are (Arabic included); other values are JSON; ``%``
    and white space become ``%HEX;``."""
    if isinstance(value, str) and value:
        try:
            if value.lstrip(" \t\n\r")[:1] not in _MAY_START_JSON:
                raise ValueError  # json.loads would refuse it: without building its error (most values)
            json.loads(value)
        except ValueError:
            text = value
        else:
            text = json.dumps(value, ensure_ascii=False)  # "2026", "true": keep them strings
    else:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return _ESCAPE.sub(lambda m: f"%{ord(m.group()):02X};", text)


def _unescape(m: re.Match[str]) -> str:
    code = int(m.group(1), 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise ValueError(f"{m.group()} is not a Unicode character (U+{code:04X}: "
                         + ("beyond U+10FFFF)" if code > 0x10FFFF else "a surrogate, not a character)"))
    return chr(code)


def token_value(token: str) -> Any:
    """The value written by :func:`value_token`; ValueError names an escape that is not
    a character (``%FFFFFF;``, a surrogate ``%D800;``)."""
    text = _UNESCAPE.sub(_unescape, token)
    try:
        return parse_json(text, "")
    except InputError:
        return text


def incoming(where: str, *, relations: list[RelationRecord], **fields: Any) -> IncomingDocument:
    """An IncomingDocument with its relations, if the core model can carry relations.

    Until it can, a file with relations is refused with a clear problem rather than
    imported without them (nothing is lost silently).
    """
    names = {f.name for f in dataclasses.fields(IncomingDocument)}
    if "relations" in names:
        try:
            from annotator.core.values import Relation
        except ImportError:
            fields["relations"] = relations
        else:
            fields["relations"] = [Relation(r.id, r.type, r.head, r.tail) for r in relations]
    elif relations:
        raise InputError([Problem(where, f"document {fields.get('id')!r} has {len(relations)} relation(s), and this "
                                         "version cannot import relations yet: remove them from the file to "
                                         "import its spans")])
    return IncomingDocument(**fields)
