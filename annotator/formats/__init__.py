"""File formats: one module per format, registered by name; pure functions
between files and core objects (no database, no Qt)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from annotator.core.model import IncomingDocument
from annotator.core.schema import LabelSchema

Reader = Callable[[Path, LabelSchema], list[IncomingDocument]]


def readers() -> dict[str, Reader]:
    """File suffix -> reader. A reader raises InputError listing every problem."""
    from annotator.formats import jsonl, plaintext

    return {".txt": plaintext.read, ".jsonl": jsonl.read}
