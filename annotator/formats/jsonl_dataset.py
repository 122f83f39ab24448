"""The canonical JSONL as a dataset: ``<split>.jsonl`` per split, and the project file.

Each line is the record of :mod:`annotator.formats.jsonl` (``id, title, text, meta,
spans``) plus ``"relations": [{"id", "type", "head", "tail"[, "attrs"]}]`` when the
document has relations (head and tail are span ids). The project file holds the
project-level data, ``{"entities": [{"id", "name", "type", "aliases"}], "links": [{"id",
"type", "source": {"doc", "span"}, "target": {"doc", "span"}}]}`` (the links among the
exported documents): ``all.project.json`` beside ``all.jsonl`` without a split (the
sidecar that importing ``all.jsonl`` reads), ``project.json`` with splits (links may
join documents of two splits). Nothing is dropped: this format holds everything.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from annotator.core.dataset import DatasetDocument, RelationRecord
from annotator.formats import jsonl
from annotator.formats.base import UNSPLIT, ProjectData, WriterSettings, open_output

NAME = "jsonl"
SUFFIX = ".jsonl"
PROJECT_FILE = "project.json"
SIDECAR_SUFFIX = ".project.json"


def relation_record(rel: RelationRecord) -> dict[str, Any]:
    out: dict[str, Any] = {"id": rel.id, "type": rel.type, "head": rel.head, "tail": rel.tail}
    if rel.attrs:
        out["attrs"] = rel.attrs
    return out


def record(doc: DatasetDocument) -> dict[str, Any]:
    """The canonical record of one document, with its relations when it has any."""
    rec = jsonl.document_record(doc.document, doc.spans)
    if doc.relations:
        rec["relations"] = [relation_record(r) for r in doc.relations]
    return rec


def write_project_file(path: Any, project: ProjectData) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump({"entities": project.entities, "links": project.links}, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


class Writer:
    def __init__(self, settings: WriterSettings) -> None:
        self.settings = settings
        self.files = {s: open_output(settings.folder / f"{s}{SUFFIX}") for s in settings.splits}
        self._dumps = json.JSONEncoder(ensure_ascii=False).encode

    def add(self, doc: DatasetDocument, split: str) -> None:
        fh = self.files[split]
        fh.write(self._dumps(record(doc)))
        fh.write("\n")
        self.settings.log.kept_all(split, Counter([x.label for x in doc.spans]))

    def abort(self) -> None:
        for fh in self.files.values():
            fh.close()

    def close(self, project: ProjectData) -> dict[str, Any]:
        self.abort()
        splits = self.settings.splits
        name = f"{splits[0]}{SIDECAR_SUFFIX}" if splits == (UNSPLIT,) else PROJECT_FILE
        write_project_file(self.settings.folder / name, project)
        return {"files": [f"{s}{SUFFIX}" for s in splits] + [name], "entities": len(project.entities),
                "links": len(project.links)}
