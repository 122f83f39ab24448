"""Reading input files as UTF-8 text, with errors that name file, line and byte."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import Any

from annotator.core.errors import InputError, Problem


def read_utf8(path: Path) -> str:
    """The file's text, strictly decoded; empty, binary or invalid files raise."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), f"cannot read the file: {exc.strerror or exc}")]) from exc
    if not data:
        raise InputError([Problem(str(path), "the file is empty")])
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError([Problem(str(path), "contains a NUL byte: this looks like a binary file, not UTF-8 text",
                                  line=line, byte=nul)])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start : exc.start + 4].hex(" ")
        raise InputError([Problem(str(path), f"not valid UTF-8 (bytes {bad}): {exc.reason}",
                                  line=line, byte=exc.start)]) from exc


def utf8_lines(path: Path, read: Callable[[int], None] | None = None) -> Iterator[tuple[int, str]]:
    """``(line number, line)`` of the file, read a line at a time (lines split at LF
    only, the LF left out, as ``read_utf8(path).split("\\n")``), so a large file is
    never held whole. Raises as :func:`read_utf8` does, naming the same line and byte;
    a caller that collected other problems meanwhile drops them, like ``read_utf8``
    raising first. *read*, when given, is told the bytes read so far before each line
    is yielded (how far a long file is)."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below; a generator holds it between lines)
    except OSError as exc:
        raise InputError([Problem(str(path), f"cannot read the file: {exc.strerror or exc}")]) from exc
    with fh:
        offset = 0
        lineno = 0
        try:
            for raw in fh:
                lineno += 1
                nul = raw.find(b"\x00")
                if nul >= 0:
                    raise InputError([Problem(str(path), "contains a NUL byte: this looks like a binary file, "
                                                         "not UTF-8 text", line=lineno, byte=offset + nul)])
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    bad = raw[exc.start: exc.start + 4].hex(" ")
                    raise InputError([Problem(str(path), f"not valid UTF-8 (bytes {bad}): {exc.reason}",
                                              line=lineno, byte=offset + exc.start)]) from exc
                offset += len(raw)
                if read is not None:
                    read(offset)
                yield lineno, line[:-1] if line.endswith("\n") else line
        except OSError as exc:
            raise InputError([Problem(str(path), f"cannot read the file: {exc.strerror or exc}")]) from exc
        if lineno == 0:
            raise InputError([Problem(str(path), "the file is empty")])
        if offset and raw.endswith(b"\n"):
            yield lineno + 1, ""  # split("\n") gives an empty last line after a final LF


#: How deep JSON input may nest (objects and lists); deeper input is refused before it is used.
MAX_JSON_DEPTH = 64


def parse_json(text: str, where: str, line: int | None = None) -> Any:
    """*text* parsed as JSON, or InputError naming *where* and *line*: malformed JSON,
    numbers Python will not read, and nesting deeper than :data:`MAX_JSON_DEPTH`
    (checked before parsing, so no reader ever recurses into it)."""
    # no deeper than the brackets it holds: counted in C, the scan is for the few that hold many
    depth = _max_depth(text) if text.count("[") + text.count("{") > MAX_JSON_DEPTH else 0
    if depth > MAX_JSON_DEPTH:
        raise InputError([Problem(where, f"JSON nested {depth} levels deep: the limit is {MAX_JSON_DEPTH}",
                                  line=line)])
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if line is not None or exc.lineno == 1 else f"line {exc.lineno}, column {exc.colno}"
        raise InputError([Problem(where, f"malformed JSON at {at}: {exc.msg}",
                                  line=line if line is not None else exc.lineno)]) from None
    except (ValueError, RecursionError) as exc:  # an integer of more than 4,300 digits, ...
        raise InputError([Problem(where, f"JSON that cannot be read: {exc}", line=line)]) from None


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"?', re.DOTALL)  # an unclosed string runs to the end: linear
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def _max_depth(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings (malformed JSON is left to the parser)."""
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))  # strings out, then all but brackets
    return max(0, max(accumulate(map(_STEP.__getitem__, brackets)), default=0))
