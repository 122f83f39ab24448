"""Plain UTF-8 articles: the first non-empty line is the title, the whole file
(after import normalisation) is the text; the id is derived from the file name."""

from __future__ import annotations

from pathlib import Path

from annotator.core.errors import InputError, Problem
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction, first_line_title, normalise_text
from annotator.core.values import IncomingDocument
from annotator.formats.decoding import read_utf8


def read(path: Path, schema: LabelSchema | None = None) -> list[IncomingDocument]:
    text = normalise_text(read_utf8(path))
    if not text.strip():
        raise InputError([Problem(str(path), "the file holds only whitespace: there is no text to annotate")])
    return [IncomingDocument(
        id=path.stem, title=first_line_title(text), text=text, meta={}, spans=[],
        source_path=str(path), direction=detect_direction(text),
    )]
