"""What every dataset writer gets and gives: the contract between the export service
and one format module. Writers are pure (no database): documents in, files out."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TextIO

from annotator.core.bio import Layer, Scheme
from annotator.core.dataset import DatasetDocument, ExportLog
from annotator.core.schema import LabelSchema

#: The split name of an export without ``--split``.
UNSPLIT = "all"


@dataclass(frozen=True)
class KnownAhead:
    """What the export service tells a writer before the first document, for a format
    whose every file depends on the whole export (Label Studio: task numbers run across
    the splits, and each task names the attribute controls of the whole export), so that
    it can write each document as it comes instead of holding them all."""

    documents: dict[str, int]  # split -> how many documents the writer will be given
    #: attribute name -> label -> the values the exported spans carry, in export order
    #: (each string once; of other values, the first)
    span_attributes: dict[str, dict[str, list[Any]]]


@dataclass
class WriterSettings:
    """Where and how one writer writes one annotation source's documents."""

    folder: Path
    schema: LabelSchema
    splits: tuple[str, ...]
    log: ExportLog
    scheme: Scheme = "iob2"
    layer: Layer = "outermost"
    name: str = "annotator-export"
    #: given by the export service to the writers of formats that set ``NEEDS_AHEAD``
    ahead: KnownAhead | None = None
    #: SHA-256 of files written whole with :func:`write_text_file`, by path (the manifest
    #: then need not read them again: a brat export holds two files per document)
    hashes: dict[str, str] = field(default_factory=dict)


@dataclass
class ProjectData:
    """Project-level data: canonical entities and cross-document links among the
    exported documents (span ids refer to the exported annotation sets)."""

    entities: list[dict[str, Any]] = field(default_factory=list)
    links: list[dict[str, Any]] = field(default_factory=list)


class DatasetWriter(Protocol):
    """Receives documents in document-id order, each with its split; writes files."""

    def add(self, doc: DatasetDocument, split: str) -> None: ...

    def close(self, project: ProjectData) -> dict[str, Any]:
        """Finish the files; return format facts for the manifest."""
        ...


def open_output(path: Path) -> TextIO:
    """A file a streaming writer keeps open across ``add`` calls (UTF-8, LF line ends);
    the writer closes it in ``close`` or ``abort``."""
    return open(path, "w", encoding="utf-8", newline="\n")


def write_text_file(path: str, content: str, hashes: dict[str, str]) -> None:
    """Write *content* to *path* in UTF-8 exactly as it is (no line-end translation), and
    note its SHA-256 in *hashes*."""
    data = content.encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(data)
    hashes[path] = hashlib.sha256(data).hexdigest()


_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_file_stem(name: str, taken: set[str]) -> str:
    """A file name made from a document id: letters (any script), digits, ``_ . -``;
    never hidden, never ``..``, unique among *taken* (case-insensitively)."""
    stem = _UNSAFE.sub("_", name).strip(".") or "document"
    stem = stem[:150]
    candidate, n = stem, 2
    while candidate.lower() in taken:
        candidate = f"{stem}-{n}"
        n += 1
    taken.add(candidate.lower())
    return candidate
