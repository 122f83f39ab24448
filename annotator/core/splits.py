"""Deterministic, grouped, stratified train/dev/test splits.

* **Deterministic**: the only source of randomness is SHA-256 of ``"<seed>:<group key>"``
  (never Python's ``hash()``, which is salted per process, and never the order rows came
  from a database). The cost arithmetic is IEEE-754 double, the same on every platform
  CPython runs on. Same seed and same data give the same split on any machine.
* **Grouped**: a group (one document, or one outlet with ``--group-by source``) is placed as a
  whole, so its documents never land in two splits.
* **Stratified**: groups are visited in seeded hash order and each goes to the split where
  it most reduces the squared relative distance from the target share of documents and
  of every label's spans. With many small groups the shares come out close to the
  ratios; a few big groups can only be placed whole, and the manifest shows the result.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class SplitSpecError(ValueError):
    """A ``--split`` value that cannot be used (bad name, ratio or sum)."""


def parse_split_spec(spec: str) -> dict[str, float]:
    """Parse ``"train=0.8,dev=0.1,test=0.1"`` into an ordered ``{name: ratio}``.

    Ratios must be numbers >= 0 that sum to 1 (within 1e-6); names are letters, digits
    and ``_``, starting with a letter, each used once.
    """
    out: dict[str, float] = {}
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        name, eq, value = part.partition("=")
        name = name.strip()
        if not eq:
            raise SplitSpecError(f"{part!r}: write NAME=RATIO, e.g. train=0.8,dev=0.1,test=0.1")
        if not _NAME.match(name):
            raise SplitSpecError(f"{name!r}: a split name is letters, digits and _, starting with a letter")
        if name in out:
            raise SplitSpecError(f"split {name!r} is given twice")
        try:
            ratio = float(value)
        except ValueError:
            raise SplitSpecError(f"{part!r}: {value.strip()!r} is not a number") from None
        out[name] = ratio
    return check_ratios(out)


def check_ratios(ratios: Mapping[str, float]) -> dict[str, float]:
    """*ratios* as a dict, if the names and ratios are usable; else SplitSpecError."""
    if not ratios:
        raise SplitSpecError("no splits given: write e.g. train=0.8,dev=0.1,test=0.1")
    for name, ratio in ratios.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise SplitSpecError(f"{name!r}: a split name is letters, digits and _, starting with a letter")
        if isinstance(ratio, bool) or not isinstance(ratio, (int, float)) or not math.isfinite(ratio) or ratio < 0:
            raise SplitSpecError(f"{name}={ratio!r}: a ratio must be a number >= 0")
    total = sum(ratios.values())
    if abs(total - 1.0) > 1e-6:
        raise SplitSpecError(f"the ratios add up to {total:g}, not 1")
    return {name: float(r) for name, r in ratios.items()}


@dataclass(frozen=True)
class Group:
    """Documents that must stay together, with their spans counted per label."""

    key: str
    documents: tuple[str, ...]
    label_counts: Mapping[str, int] = field(default_factory=dict)


@dataclass
class SplitResult:
    """Where each document went, and what each split holds."""

    split_of: dict[str, str]
    names: tuple[str, ...]
    documents: dict[str, int]
    groups: dict[str, int]
    label_counts: dict[str, dict[str, int]]

    def documents_in(self, name: str) -> list[str]:
        return sorted(d for d, s in self.split_of.items() if s == name)


def order_key(seed: int | str, key: str) -> bytes:
    """The seeded, platform-independent sort key of a group."""
    return hashlib.sha256(f"{seed}:{key}".encode()).digest()


def assign_splits(groups: Sequence[Group], ratios: Mapping[str, float], seed: int | str = 0) -> SplitResult:
    """Place every group whole into one split; see the module docstring for how.

    Raises ValueError if a document appears in two groups.
    """
    names = tuple(ratios)
    if not names:
        raise SplitSpecError("no splits given")
    seen: dict[str, str] = {}
    for g in groups:
        for d in g.documents:
            if d in seen:
                raise ValueError(f"document {d!r} is in two groups ({seen[d]!r} and {g.key!r})")
            seen[d] = g.key
    labels = sorted({lab for g in groups for lab, n in g.label_counts.items() if n})
    n_docs = sum(len(g.documents) for g in groups)
    totals = {lab: sum(g.label_counts.get(lab, 0) for g in groups) for lab in labels}
    # dimension 0 is documents (weight 1); labels share a weight of 1 between them
    dims = ["\x00documents", *labels]
    total_of = [float(max(n_docs, 1))] + [float(max(totals[lab], 1)) for lab in labels]
    weight = [1.0] + [1.0 / len(labels)] * len(labels) if labels else [1.0]
    targets = [[ratios[s] * t for t in ([float(n_docs)] + [float(totals[lab]) for lab in labels])] for s in names]
    current = [[0.0] * len(dims) for _ in names]
    usable = [i for i, s in enumerate(names) if ratios[s] > 0]

    split_of: dict[str, str] = {}
    n_groups = dict.fromkeys(names, 0)
    for g in sorted(groups, key=lambda g: (order_key(seed, g.key), g.key)):
        amount = [float(len(g.documents))] + [float(g.label_counts.get(lab, 0)) for lab in labels]
        best, best_cost = usable[0], math.inf
        for i in usable:
            cost = 0.0
            for dim, a in enumerate(amount):
                if a:
                    cost += weight[dim] * a * (2.0 * (current[i][dim] - targets[i][dim]) + a) / (total_of[dim] ** 2)
            if cost < best_cost:
                best, best_cost = i, cost
        for dim, a in enumerate(amount):
            current[best][dim] += a
        n_groups[names[best]] += 1
        for doc in g.documents:
            split_of[doc] = names[best]

    label_counts = {s: {lab: int(current[i][1 + k]) for k, lab in enumerate(labels)} for i, s in enumerate(names)}
    documents = {s: int(current[i][0]) for i, s in enumerate(names)}
    return SplitResult(split_of, names, documents, n_groups, label_counts)


def outlet_of(doc_id: str, meta: Mapping[str, object] | None, source_path: str | None,
              file_holds_several: bool = False) -> tuple[str, str]:
    """The outlet a document comes from, for ``--group-by source``, and the rule that gave it.

    1. ``meta["outlet"]`` when it is a non-empty string (rule ``"meta.outlet"``);
    2. else, for a document imported from a file that held several documents (.jsonl,
       .conll, a Label Studio export ...), that file (rule ``"file"``);
    3. else, for a document imported from its own file (.txt, .ann), the folder that held
       it: collections are kept one folder per outlet (rule ``"folder"``);
    4. else the document itself (rule ``"document"``), so it is never merged with others.
    """
    outlet = (meta or {}).get("outlet")
    if isinstance(outlet, str) and outlet.strip():
        return "outlet:" + outlet.strip(), "meta.outlet"
    if source_path:
        path = source_path.replace("\\", "/")
        if file_holds_several:
            return "file:" + path, "file"
        folder = path.rsplit("/", 1)[0] if "/" in path else ""
        if folder:
            return "folder:" + folder, "folder"
    return "document:" + doc_id, "document"
