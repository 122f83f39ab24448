"""The rules of an export that ``annotator export`` and the Export dialog share (no Qt, no SQL).

Both only call these: the choices each option offers, when the output is one ``.jsonl``
file rather than a folder, what needs a folder, and the command line written into the
manifest. The tagging schemes and nesting layers are ``core/bio.py``'s, which the token
writers check against.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.core.bio import LAYERS, SCHEMES
from annotator.core.values import SetStatus
from annotator.formats import EXPORTERS

if TYPE_CHECKING:
    from annotator.services.export.datasets import ExportOptions

#: ``--format``: every registered export format, the canonical one first.
FORMATS: tuple[str, ...] = tuple(EXPORTERS)
#: ``--source`` besides an annotator's name: the adjudicated sets, or everyone's each in its own folder.
GOLD = "gold"
ALL = "all"
#: ``--status``: only documents whose set has this status.
STATUSES: tuple[str, ...] = tuple(s.value for s in SetStatus)
#: ``--group-by``: what stays whole within one split.
GROUP_BY: tuple[str, ...] = ("document", "source")
#: ``--scheme`` and ``--layer`` are core/bio.py's SCHEMES and LAYERS; these formats' tags follow them.
TAGGING_FORMATS: tuple[str, ...] = ("conll", "hf")

__all__ = ["ALL", "FORMATS", "GOLD", "GROUP_BY", "LAYERS", "SCHEMES", "STATUSES", "TAGGING_FORMATS",
           "command_for", "command_line", "is_file_target", "needs_a_folder"]


def is_file_target(fmt: str, out: Path) -> bool:
    """``--format jsonl --out X.jsonl`` writes one file, as before; anything else a folder."""
    return fmt == "jsonl" and out.suffix.lower() == ".jsonl"


def needs_a_folder(split: object | None, status: str | None, source: str | None) -> bool:
    """A split, a status filter and the source ``all`` write a folder (never one .jsonl file)."""
    return split is not None or status is not None or source == ALL


# The manifest's command line: the options in the order ``annotator export --help`` lists them.
_ORDER = ("fmt", "out", "source", "annotator", "docs", "status", "split", "seed", "group_by", "scheme", "layer",
          "force")
_FLAGS = {"fmt": "--format", "group_by": "--group-by"}


def command_line(params: Mapping[str, Any]) -> list[str]:
    """``annotator export`` with *params* (the command's parameter names; never --db, which may
    hold a password): None, False and () are left out, True is a flag, a tuple repeats its option."""
    out = ["annotator", "export"]
    for name in _ORDER:
        value = params.get(name)
        flag = _FLAGS.get(name, "--" + name.replace("_", "-"))
        if value is None or value is False or value == ():
            continue
        if value is True:
            out.append(flag)
        elif isinstance(value, tuple):
            for v in value:
                out += [flag, str(v)]
        else:
            out += [flag, str(value)]
    return out


def command_for(out: Path, options: ExportOptions) -> list[str]:
    """The ``annotator export`` command that makes the export *options* describe (the dialog's
    manifest): seed and grouping only with a split, scheme and layer only for a tagging format."""
    split = options.split
    tags = options.format in TAGGING_FORMATS
    return command_line({
        "fmt": options.format, "out": out, "source": options.source, "docs": tuple(options.documents or ()),
        "status": options.status,
        "split": ",".join(f"{k}={v:g}" for k, v in split.items()) if split is not None else None,
        "seed": options.seed if split is not None else None, "group_by": options.by if split is not None else None,
        "scheme": options.scheme if tags else None, "layer": options.layer if tags else None,
        "force": options.force})
