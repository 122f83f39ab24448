"""The kinds of annotation set (an annotator's work, the gold) and the reserved owner of
the gold, which no ordinary annotator may use."""

from __future__ import annotations

from annotator.core.errors import AnnotatorError

GOLD = "gold"

ANNOTATION = "annotation"

#: The reserved owner of every gold set (an annotator row nobody logs in as).
GOLD_OWNER = "gold"

class ReservedName(AnnotatorError):
    """The reserved name ``gold`` used for an ordinary annotator's work."""

def refuse_gold_owner(name: str) -> None:
    if name == GOLD_OWNER:
        raise ReservedName(f"{GOLD_OWNER!r} is reserved: it owns the adjudicated gold, which changes only through "
                           "adjudication; annotate under your own name")
