"""``manifest.json``: what an export holds and how it was made, so a dataset builder can
trust it without re-checking: program version, schema, command, seed, documents and
spans per split and label, everything dropped and why, agreement of gold, file checksums.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.core.dataset import ExportLog
from annotator.core.errors import AnnotatorError
from annotator.core.text import text_sha256

if TYPE_CHECKING:
    from annotator.services.export.datasets import ExportOptions, ExportPlan
    from annotator.services.project import Project

MANIFEST_VERSION = 1


def agreement_figures(project: Project, document_ids: list[str], has_gold: bool) -> tuple[Any, str | None]:
    """Agreement of the annotators on the exported documents, when gold was adjudicated:
    :func:`annotator.services.agreement.compute_agreement` as JSON, or (None, why not)."""
    if not has_gold:
        return None, "the export holds no adjudicated gold set, so there is no agreement to report"
    from annotator.services.agreement import compute_agreement  # numpy and the workers only when needed

    try:
        figures = compute_agreement(project, document_ids).to_json()
    except AnnotatorError as exc:  # e.g. fewer than two annotators on these documents
        return None, f"no agreement figures: {exc}"
    except Exception as exc:  # noqa: BLE001 (optional figures) reported in the manifest, not hidden
        return None, f"agreement could not be computed: {type(exc).__name__}: {exc}"
    return figures, None


def _file_hashes(folder: Path, known: Mapping[str, str]) -> dict[str, str]:
    """SHA-256 of every file under *folder*, by relative path in the order of the paths' parts
    (a brat export holds two files per document: one scan of each folder, no Path object per file);
    *known*: those the writers noted as they wrote them, by path, not read again."""
    found: list[tuple[str, ...]] = []

    def walk(path: str, rel: tuple[str, ...]) -> None:
        with os.scandir(path) as entries:
            for entry in entries:  # the folder entry's type: no stat per file
                if entry.is_dir() and not entry.is_symlink():  # as Path.rglob: links to folders not followed
                    walk(entry.path, (*rel, entry.name))
                elif entry.is_file():
                    found.append((*rel, entry.name))

    walk(str(folder), ())
    out: dict[str, str] = {}
    for parts in sorted(found):
        path = os.path.join(folder, *parts)
        noted = known.get(path)
        if noted is not None:
            out["/".join(parts)] = noted
            continue
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        out["/".join(parts)] = digest.hexdigest()
    return out


def _by_split(plan: ExportPlan, counts: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    return {s: dict(sorted(counts.get(s, Counter()).items())) for s in plan.split_names}


def build_manifest(project: Project, options: ExportOptions, plan: ExportPlan, logs: dict[str, ExportLog],
                   facts: dict[str, dict[str, Any]], folder: Path, known: Mapping[str, str] | None = None
                   ) -> dict[str, Any]:
    """The manifest of the export written in *folder*; *known*: SHA-256 of files by path, noted
    by the writers as they wrote them."""
    schema = project.schema
    sources: dict[str, Any] = {}
    total_written: dict[str, Counter[str]] = {}
    total_dropped: Counter[str] = Counter()
    for p in plan.sources:
        log = logs[p.name]
        docs = Counter(plan.split_of[d] for d in p.sets)
        summary = log.summary()
        total_dropped.update(summary["by_reason"])
        for split, c in log.written.items():
            total_written.setdefault(split, Counter()).update(c)
        sources[p.name] = {
            "folder": p.folder or ".",
            "documents": {s: docs.get(s, 0) for s in plan.split_names},
            "spans_in_source": _by_split(plan, log.read),
            "spans_written": _by_split(plan, log.written),
            "dropped": summary,
            "notes": log.notes,
            "format": facts.get(p.name, {}),
        }
    has_gold = any(p.name == "gold" for p in plan.sources)
    agreement, why = agreement_figures(project, plan.documents, has_gold)
    split_info = None
    if plan.split is not None and options.split is not None:
        split_info = {
            "ratios": dict(options.split), "seed": options.seed, "by": options.by,
            "groups": plan.split.groups,
            "method": "groups in SHA-256(seed:group) order, each placed whole where it best keeps the document "
                      "and per-label span shares near the ratios",
        }
        if options.by == "source":
            split_info["outlet_rules"] = dict(sorted(plan.outlet_rules.items()))
    return {
        "manifest_version": MANIFEST_VERSION,
        "program": {"name": "annotator", "version": __version__, "python": platform.python_version()},
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": list(options.command) if options.command is not None else None,
        "format": options.format,
        "options": {"source": options.source, "documents": list(options.documents) if options.documents else None,
                    "status": options.status, "scheme": options.scheme, "layer": options.layer, "by": options.by},
        "schema": {"name": schema.name, "version": schema.version, "sha256": text_sha256(schema.source),
                   "labels": [{"name": lab.name, "description": lab.description} for lab in schema.labels]},
        "offsets": "Unicode code points, half-open [start, end)",
        "split": split_info,
        "documents": plan.documents_per_split(),
        "document_ids": {s: sorted(d for d, x in plan.split_of.items() if x == s) for s in plan.split_names},
        "spans": _by_split(plan, total_written),
        "dropped": {"total": sum(total_dropped.values()), "by_reason": dict(sorted(total_dropped.items()))},
        "sources": sources,
        "warnings": plan.warnings,
        "agreement": agreement,
        "agreement_note": why,
        "files": _file_hashes(folder, known or {}),
    }


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
