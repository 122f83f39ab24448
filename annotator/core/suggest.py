"""Suggestions: spans a recommender proposes, never an annotation until someone accepts one.

A :class:`Suggestion` is a range of a document (code points), a label of the schema,
the attributes the recommender proposes (a DATE's ``value``), a score (0..1) and the
recommender that made it (``dates``, ``entities``, ``project``, ``spacy:NAME``). What an
annotator decided about one is remembered by its :attr:`~Suggestion.key` (the recommender,
range, label and attributes): a rejected suggestion stays hidden for that annotator and
document until its recommender's answer changes (another range, label or value).

Pure functions here: :func:`visible` (what an annotator is shown, given their spans and
their decisions), :func:`entity_suggestions` (the entity registry's names and aliases
found as whole words, Arabic-aware, proclitics left outside the span) and
:func:`date_suggestions` (the date finder's expressions).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from annotator.core.search import SearchOptions, compile_query, find_in_folded, fold_text
from annotator.core.values import Entity, Span

#: the recommenders the program has (a spaCy pipeline is ``spacy:`` + its name)
RULES = ("dates", "entities")
PROJECT = "project"
SPACY = "spacy:"
#: what each decision about a suggestion is called in the acceptance log
ACCEPTED, EDITED, REJECTED = "accepted", "edited", "rejected"


@dataclass(frozen=True)
class Suggestion:
    """A span a recommender proposes for a document."""

    document_id: str
    start: int
    end: int
    label: str
    recommender: str
    attrs: Mapping[str, Any] = field(default_factory=dict, hash=False)
    score: float = 1.0
    #: the recommender's version (rules' version, the model's), for the log
    version: str = ""

    @property
    def key(self) -> str:
        """What identifies this answer of its recommender (decisions are remembered by it)."""
        return suggestion_key(self.recommender, self.start, self.end, self.label, self.attrs)

    @property
    def provenance(self) -> dict[str, Any]:
        """What an accepted span keeps of where it came from."""
        return {"suggested_by": self.recommender, "version": self.version, "score": round(self.score, 4)}


def suggestion_key(recommender: str, start: int, end: int, label: str, attrs: Mapping[str, Any]) -> str:
    return json.dumps([recommender, start, end, label, dict(sorted(attrs.items()))], ensure_ascii=False,
                      separators=(",", ":"))


def visible(suggestions: Iterable[Suggestion], spans: Sequence[Span], decided: set[str]) -> list[Suggestion]:
    """What an annotator is shown: not where they already have a span of the same range
    (any label) or an overlapping span of the same label, not what they decided about
    (:attr:`Suggestion.key`), and one suggestion per range and label (the best score;
    ties: the first recommender given). In reading order."""
    exact = {(s.start, s.end) for s in spans}
    by_label: dict[str, list[tuple[int, int]]] = {}
    for s in spans:
        by_label.setdefault(s.label, []).append((s.start, s.end))
    # per label: the ranges sorted, and the longest, so an overlap is a bisect away (a
    # document of 20,000 spans and 5,000 suggestions is not 10^8 comparisons)
    longest = {label: max(b - a for a, b in ranges) for label, ranges in by_label.items()}
    for ranges in by_label.values():
        ranges.sort()
    best: dict[tuple[int, int, str], Suggestion] = {}
    for sug in suggestions:
        if sug.key in decided or (sug.start, sug.end) in exact:
            continue
        same = by_label.get(sug.label)
        if same:
            lo = bisect.bisect_left(same, (sug.start - longest[sug.label], -1))
            hi = bisect.bisect_left(same, (sug.end, -1))
            if any(b > sug.start for _a, b in same[lo:hi]):
                continue
        k = (sug.start, sug.end, sug.label)
        if k not in best or sug.score > best[k].score:
            best[k] = sug
    return sorted(best.values(), key=lambda s: (s.start, -s.end, s.label))


def entity_suggestions(document_id: str, text: str, entities: Sequence[Entity], label: str,
                       version: str = "1") -> list[Suggestion]:
    """Where a known entity's name or an alias is written, as whole words, Arabic-aware
    (harakat, tatweel, alef forms, ى/ي, ة/ه, digits, case: :mod:`annotator.core.search`),
    after proclitics (و ف ب ك ل ال) that stay outside the span. The longest name wins
    where two overlap; each suggestion carries the entity (``attrs["entity"]``)."""
    options = SearchOptions(mode="word", clitics=True)
    folded = fold_text(text, options)
    found: list[tuple[int, int, Entity]] = []
    for ent in entities:
        for name in dict.fromkeys(n for n in ent.names if n and n.strip()):
            pattern = compile_query(name, options)
            if pattern is None:
                continue
            found.extend((h.start, h.end, ent) for h in find_in_folded(folded, pattern, text))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    out: list[Suggestion] = []
    for start, end, ent in found:
        if any(a < end and start < b for a, b in taken):
            continue
        taken.append((start, end))
        out.append(Suggestion(document_id, start, end, label, "entities", {"entity": ent.id}, 1.0, version))
    return sorted(out, key=lambda s: s.start)


def date_suggestions(document_id: str, text: str, label: str, anchor: date | None, *, with_value: bool,
                     with_mod: bool, version: str = "1") -> list[Suggestion]:
    """Every date expression of *text* the date normaliser reads (the longest wins), with
    its proposed ``value`` (and ``mod``) when the label has those attributes."""
    from annotator.core.date_finder import find_dates

    out: list[Suggestion] = []
    for m in find_dates(text, anchor):
        attrs: dict[str, Any] = {}
        if m.value is not None and with_value:
            attrs["value"] = m.value.value
            if with_mod and m.value.mod:
                attrs["mod"] = m.value.mod
        out.append(Suggestion(document_id, m.start, m.end, label, "dates", attrs, 1.0, version))
    return out
