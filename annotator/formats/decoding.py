"""Reading input files as UTF-8 text, with errors that name file, line and byte."""

from __future__ import annotations

from pathlib import Path

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
