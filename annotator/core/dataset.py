"""What an export writes: documents with one annotation set's spans and relations,
and the log of what each format kept, dropped and why."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from annotator.core.values import Document, Span

MAX_LISTED_DROPS = 1000


@dataclass(frozen=True)
class RelationRecord:
    """A typed relation from span ``head`` to span ``tail`` (span ids) of one document."""

    id: str
    type: str
    head: str
    tail: str
    attrs: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass
class DatasetDocument:
    """One document of an export with the spans and relations of one annotation set."""

    document: Document
    spans: list[Span]
    relations: list[RelationRecord] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.document.id

    @property
    def text(self) -> str:
        return self.document.text


@dataclass
class ExportLog:
    """Counts of what a format wrote and dropped, per split and label; nothing dropped
    goes unrecorded. The first :data:`MAX_LISTED_DROPS` drops are listed one by one."""

    read: dict[str, Counter[str]] = field(default_factory=dict)  # spans of the source, per split and label
    written: dict[str, Counter[str]] = field(default_factory=dict)
    dropped: dict[str, Counter[str]] = field(default_factory=dict)
    dropped_by_label: dict[str, Counter[str]] = field(default_factory=dict)
    items: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    not_held: dict[str, int] = field(default_factory=dict)
    total_dropped: int = 0

    def kept(self, split: str, label: str, n: int = 1) -> None:
        self.written.setdefault(split, Counter())[label] += n

    def kept_all(self, split: str, labels: Counter[str]) -> None:
        """Count many written spans at once (``Counter`` of labels)."""
        self.written.setdefault(split, Counter()).update(labels)

    def drop_all(self, split: str, doc_id: str, dropped: list[Any], per_layer: bool = False) -> None:
        """Record a document's dropped spans (objects with ``span``, ``reason``, ``detail``)."""
        if not dropped:
            return
        if len(self.items) < MAX_LISTED_DROPS:
            for d in dropped:
                self.drop(split, doc_id, d.span, d.reason, d.detail, d.span.label if per_layer else None)
            return
        self.total_dropped += len(dropped)
        self.dropped.setdefault(split, Counter()).update([d.reason for d in dropped])
        pairs = Counter([(d.reason, d.span.label) for d in dropped])
        for (reason, label), n in pairs.items():
            self.dropped_by_label.setdefault(reason, Counter())[label] += n

    def drop(self, split: str, doc_id: str, span: Span, reason: str, detail: str = "",
             layer: str | None = None) -> None:
        self.total_dropped += 1
        self.dropped.setdefault(split, Counter())[reason] += 1
        self.dropped_by_label.setdefault(reason, Counter())[span.label] += 1
        if len(self.items) < MAX_LISTED_DROPS:
            item = {"split": split, "document": doc_id, "span": span.id, "label": span.label, "start": span.start,
                    "end": span.end, "reason": reason, "detail": detail}
            if layer is not None:
                item["layer"] = layer
            self.items.append(item)

    def lost(self, what: str, n: int = 1) -> None:
        """Count *n* items that the format cannot hold at all (e.g. "relations (conll
        has no relations)"): the manifest lists them under ``not_held``."""
        if n:
            self.not_held[what] = self.not_held.get(what, 0) + n

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def summary(self) -> dict[str, Any]:
        reasons: Counter[str] = Counter()
        for c in self.dropped.values():
            reasons.update(c)
        return {
            "total": self.total_dropped,
            "by_reason": dict(sorted(reasons.items())),
            "by_reason_and_label": {r: dict(sorted(c.items())) for r, c in sorted(self.dropped_by_label.items())},
            "by_split": {s: dict(sorted(c.items())) for s, c in self.dropped.items()},
            "not_held": dict(sorted(self.not_held.items())),
            "listed": len(self.items),
            "items": self.items,
        }
