"""File formats: one module per format, registered by name; pure functions
between files and core objects (no database, no Qt)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

from annotator.core.errors import Problem
from annotator.core.schema import LabelSchema
from annotator.core.values import IncomingDocument

Reader = Callable[[Path, LabelSchema], list[IncomingDocument]]

#: Export formats: name -> module with a ``Writer(settings)`` class (see formats/base.py).
EXPORTERS: dict[str, str] = {
    "jsonl": "annotator.formats.jsonl_dataset",
    "conll": "annotator.formats.conll",
    "brat": "annotator.formats.brat",
    "spacy": "annotator.formats.spacy_docbin",
    "hf": "annotator.formats.hf",
    "doccano": "annotator.formats.doccano",
    "labelstudio": "annotator.formats.labelstudio",
}

#: Import formats: name -> (module with ``read(path, schema)``, file suffixes).
IMPORTERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "txt": ("annotator.formats.plaintext", (".txt",)),
    "jsonl": ("annotator.formats.jsonl", (".jsonl",)),
    "conll": ("annotator.formats.conll", (".conll", ".iob", ".iob2", ".bio", ".bioes")),
    "brat": ("annotator.formats.brat", (".ann",)),
    "doccano": ("annotator.formats.doccano", (".jsonl",)),
    "labelstudio": ("annotator.formats.labelstudio", (".json",)),
    "spacy": ("annotator.formats.spacy_docbin", (".spacy",)),
}

def exporter(name: str) -> ModuleType:
    """The module of export format *name* (imported on use: spaCy only when asked)."""
    if name not in EXPORTERS:
        raise KeyError(f"unknown export format {name!r} (known: {', '.join(EXPORTERS)})")
    return importlib.import_module(EXPORTERS[name])


def importer(name: str) -> Reader:
    """The reader of import format *name*."""
    if name not in IMPORTERS:
        raise KeyError(f"unknown import format {name!r} (known: {', '.join(IMPORTERS)})")
    return importlib.import_module(IMPORTERS[name][0]).read  # type: ignore[no-any-return]


def _jsonl(path: Path, schema: LabelSchema) -> list[IncomingDocument]:
    """``.jsonl``: the canonical format, unless the file is a doccano export (which the
    canonical reader would take as documents without spans, losing the labels)."""
    from annotator.formats import doccano, jsonl

    if doccano.file_looks_like_doccano(path):
        return doccano.read(path, schema)
    return jsonl.read(path, schema)


def readers(format: str | None = None) -> dict[str, Reader]:
    """File suffix -> reader. A reader raises InputError listing every problem.

    With *format* (``annotator import --format NAME``) just that format's suffixes and
    reader are offered; an unknown name is a KeyError.
    """
    if format is not None:
        reader = importer(format)
        return dict.fromkeys(IMPORTERS[format][1], reader)
    out: dict[str, Reader] = {}
    for name, (_, suffixes) in IMPORTERS.items():
        if name == "doccano":
            continue  # shares .jsonl: recognised by content in _jsonl
        for suffix in suffixes:
            out[suffix] = importer(name)
    out[".jsonl"] = _jsonl
    return out


def document_stream(reader: Reader, path: Path, schema: LabelSchema,
                    read: Callable[[int], None] | None = None) -> Iterator[IncomingDocument | Problem]:
    """What *reader* (one of :func:`readers`) reads from *path*, a document at a time, with
    each problem as it is found; a problem that stops the reading raises InputError (then
    the problems yielded before it do not count, as when the reader raises). A canonical
    JSONL file is read a line at a time (:func:`annotator.formats.jsonl.stream`, telling
    *read* the bytes read so far); other formats are read whole by their reader."""
    from annotator.formats import jsonl

    if is_streamed(reader, path):
        yield from jsonl.stream(path, schema, read)
    else:
        yield from reader(path, schema)


def is_streamed(reader: Reader, path: Path) -> bool:
    """Whether :func:`document_stream` reads *path* a line at a time: the canonical JSONL
    reader (which also checks each span's label, range and edges as it reads)."""
    from annotator.formats import doccano, jsonl

    return reader is jsonl.read or (reader is _jsonl and not doccano.file_looks_like_doccano(path))
