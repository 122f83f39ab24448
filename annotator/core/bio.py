"""Token tags from spans (IOB2 and BIOES) and spans from tags, with nothing dropped silently.

A BIO sequence holds one layer of non-overlapping, token-aligned spans. Everything else
is *dropped and reported* (:class:`Dropped`, with a reason):

* ``misaligned``: an edge of the span is not a token edge (a sub-word span such as a
  clitic ``و`` or ``ال``), so no tag sequence can say where it starts or ends;
* ``nested``: inside a span that the chosen layer keeps (layer ``outermost``);
* ``contains``: holds a span that the chosen layer keeps (layer ``innermost``);
* ``crossing``: overlaps a kept span without either holding the other;
* ``duplicate``: same range and label as a kept span.

Layers: ``outermost`` keeps spans that no other span holds, ``innermost`` keeps spans
that hold no other span, ``per-label`` makes one sequence per label (each label's own
outermost layer), so spans of different labels may overlap.

Tokens are those of :mod:`annotator.core.tokens` (the ones selections snap to);
:func:`token_spans` computes the same tokens several times faster for common text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import regex

from annotator.core import tokens as _tokens
from annotator.core.model import Span

Scheme = Literal["iob2", "bioes"]
Layer = Literal["outermost", "innermost", "per-label"]
SCHEMES: tuple[Scheme, ...] = ("iob2", "bioes")
LAYERS: tuple[Layer, ...] = ("outermost", "innermost", "per-label")

# A paragraph made only of these characters is clustered simply (a base character and
# the non-spacing marks after it), so the fast tokenizer below gives exactly the tokens
# of core.tokens; any other paragraph (ZWJ, bidi marks, flags, Hangul, ...) goes the slow way.
_SIMPLE = regex.compile(r"(?V1)[ \t[[\p{L}\p{Nd}\p{P}\p{S}]&&\p{GCB=Other}][\p{Mn}&&\p{GCB=Extend}--\p{InCB=Linker}]]*+")
_MARK_AFTER_SPACE = regex.compile(r"(?:^|[ \t])\p{Mn}")
_FAST_TOKEN = regex.compile(
    r"[\p{L}\p{Nd}\p{Mn}]+(?:(?<=\p{Nd})[.,\u066b\u066c/:\-](?=\p{Nd})[\p{L}\p{Nd}\p{Mn}]+)*"
    r"|[^\p{L}\p{Nd}\p{Mn}\s]\p{Mn}*"
)
_SENTENCE_END = frozenset({".", "!", "?", "\u061f", "\u06d4", "\u2026", "!?", "?!"})
_CLOSERS = frozenset({"\u00bb", "\u201d", "\u2019", ")", "]", "}", '"', "'", "\u203a"})


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every token of *text*, exactly as :func:`core.tokens.tokens`."""
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        if para:
            if _SIMPLE.fullmatch(para) and not _MARK_AFTER_SPACE.search(para):
                out.extend((pos + m.start(), pos + m.end()) for m in _FAST_TOKEN.finditer(para))
            else:
                out.extend((t.start, t.end) for t in _tokens.iter_tokens(text, pos, pos + len(para)))
        pos += len(para) + 1
    return out


@dataclass(frozen=True)
class Dropped:
    """A span that a tag sequence cannot hold, and why."""

    span: Span
    reason: str
    detail: str = ""


@dataclass
class Tagged:
    """One document as tokens and tag sequences.

    ``tags`` maps the layer name to its tags: ``None`` for ``outermost``/``innermost``,
    the label for ``per-label``. ``kept`` are the spans the tags hold, per layer.
    """

    tokens: list[tuple[int, int]]
    tags: dict[str | None, list[str]]
    kept: dict[str | None, list[Span]]
    dropped: list[Dropped]
    sentence_starts: list[int]


def _describe(span: Span) -> str:
    return f"{span.id} ({span.label} [{span.start}, {span.end}))"


def align(spans: Iterable[Span], token_bounds: Sequence[tuple[int, int]]
          ) -> tuple[list[tuple[Span, int, int]], list[Dropped]]:
    """Spans whose edges are token edges, with their first and last token index."""
    first = {s: i for i, (s, _) in enumerate(token_bounds)}
    last = {e: i for i, (_, e) in enumerate(token_bounds)}
    aligned: list[tuple[Span, int, int]] = []
    dropped: list[Dropped] = []
    for span in spans:
        i, j = first.get(span.start), last.get(span.end)
        if i is None or j is None or j < i:
            edge = "start" if i is None else "end"
            dropped.append(Dropped(span, "misaligned", f"its {edge} is inside a token or on a space"))
        else:
            aligned.append((span, i, j))
    return aligned, dropped


def _outermost(aligned: list[tuple[Span, int, int]]) -> tuple[list[tuple[Span, int, int]], list[Dropped]]:
    kept: list[tuple[Span, int, int]] = []
    dropped: list[Dropped] = []
    for item in sorted(aligned, key=lambda a: (a[0].start, -a[0].end, a[0].label, a[0].id)):
        span = item[0]
        if not kept or span.start >= kept[-1][0].end:
            kept.append(item)
            continue
        outer = kept[-1][0]
        if span.end <= outer.end:
            reason = "duplicate" if (span.start, span.end, span.label) == (outer.start, outer.end, outer.label) else "nested"
            dropped.append(Dropped(span, reason, f"inside {_describe(outer)}"))
        else:
            dropped.append(Dropped(span, "crossing", f"crosses {_describe(outer)}"))
    return kept, dropped


def _innermost(aligned: list[tuple[Span, int, int]]) -> tuple[list[tuple[Span, int, int]], list[Dropped]]:
    kept: list[tuple[Span, int, int]] = []
    dropped: list[Dropped] = []
    for item in sorted(aligned, key=lambda a: (a[0].end, -a[0].start, a[0].label, a[0].id)):
        span = item[0]
        if not kept or span.start >= kept[-1][0].end:
            kept.append(item)
            continue
        inner = kept[-1][0]
        if (span.start, span.end, span.label) == (inner.start, inner.end, inner.label):
            dropped.append(Dropped(span, "duplicate", f"same as {_describe(inner)}"))
        elif span.start <= inner.start:
            dropped.append(Dropped(span, "contains", f"holds {_describe(inner)}"))
        else:
            dropped.append(Dropped(span, "crossing", f"crosses {_describe(inner)}"))
    kept.sort(key=lambda a: a[0].start)
    return kept, dropped


def _tags(n: int, kept: Iterable[tuple[Span, int, int]], scheme: Scheme) -> list[str]:
    tags = ["O"] * n
    for span, i, j in kept:
        lab = span.label
        if scheme == "bioes":
            if i == j:
                tags[i] = "S-" + lab
                continue
            tags[j] = "E-" + lab
        else:
            tags[j] = "I-" + lab
        tags[i] = "B-" + lab
        for k in range(i + 1, j):
            tags[k] = "I-" + lab
    return tags


def sentence_starts(text: str, token_bounds: Sequence[tuple[int, int]],
                    keep_together: Iterable[tuple[int, int]] = ()) -> list[int]:
    """Token indexes where sentences start: at line breaks and after Arabic or Latin
    sentence punctuation (. ! ? ؟ ۔ …, with the closing quotes and brackets attached
    after it), but never inside a span given in *keep_together* as ``(first, last)``
    token indexes, so no span is cut in two."""
    n = len(token_bounds)
    if not n:
        return []
    diff = [0] * (n + 1)
    for i, j in keep_together:
        if j > i:
            diff[i + 1] += 1
            diff[j + 1] -= 1
    words = [text[s:e] for s, e in token_bounds]

    def closer(k: int) -> bool:  # a closing mark attached to the token before it
        return words[k] in _CLOSERS and token_bounds[k - 1][1] == token_bounds[k][0]

    starts = [0]
    depth = 0
    for k in range(1, n):
        depth += diff[k]
        if depth > 0:
            continue  # a span covers tokens k-1 and k
        if "\n" in text[token_bounds[k - 1][1]:token_bounds[k][0]]:
            starts.append(k)
            continue
        if closer(k):
            continue
        j = k - 1
        while j > 0 and closer(j):
            j -= 1
        if words[j] in _SENTENCE_END:
            starts.append(k)
    return starts


def tag_document(text: str, spans: Iterable[Span], *, scheme: Scheme = "iob2", layer: Layer = "outermost",
                 labels: Sequence[str] | None = None, token_bounds: Sequence[tuple[int, int]] | None = None) -> Tagged:
    """Tokens, sentence starts and tag sequences of one document, and what was dropped.

    *labels* (the schema's) names the per-label sequences, so every label gets one even
    when a document has no span of it.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tagging scheme {scheme!r} (use {', '.join(SCHEMES)})")
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r} (use {', '.join(LAYERS)})")
    toks = list(token_bounds) if token_bounds is not None else token_spans(text)
    aligned, dropped = align(spans, toks)
    kept_by_layer: dict[str | None, list[tuple[Span, int, int]]] = {}
    if layer == "per-label":
        names = list(labels) if labels is not None else []
        names += sorted({s.label for s, _, _ in aligned} - set(names))
        for lab in names:
            kept, lost = _outermost([a for a in aligned if a[0].label == lab])
            kept_by_layer[lab] = kept
            dropped.extend(lost)
    else:
        kept, lost = (_outermost if layer == "outermost" else _innermost)(aligned)
        kept_by_layer[None] = kept
        dropped.extend(lost)
    n = len(toks)
    return Tagged(
        tokens=toks,
        tags={k: _tags(n, v, scheme) for k, v in kept_by_layer.items()},
        kept={k: [a[0] for a in v] for k, v in kept_by_layer.items()},
        dropped=dropped,
        sentence_starts=sentence_starts(text, toks, [(i, j) for _, i, j in aligned]),
    )


class TagError(ValueError):
    """A tag that is not ``O`` or ``B-``/``I-``/``E-``/``S-`` followed by a label."""

    def __init__(self, position: int, tag: str) -> None:
        self.position = position
        self.tag = tag
        super().__init__(f"tag {position + 1}: {tag!r} is not O or B-/I-/E-/S- and a label")


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """``(first token, last token, label)`` of the spans a tag sequence holds.

    Reads IOB2, BIOES and IOB1 (where ``I-`` may start a span and ``B-`` only separates
    two adjacent spans of one label): an ``I-``/``E-`` tag that does not continue a span
    of its label starts a new one. Raises :class:`TagError` naming the position.
    """
    out: list[tuple[int, int, str]] = []
    cur: list = []  # [first, last, label]
    for k, tag in enumerate(tags):
        if tag == "O":
            if cur:
                out.append((cur[0], cur[1], cur[2]))
                cur = []
            continue
        prefix, dash, label = tag.partition("-")
        if not dash or prefix not in ("B", "I", "E", "S") or not label:
            raise TagError(k, tag)
        if prefix in ("B", "S") or not cur or cur[2] != label:
            if cur:
                out.append((cur[0], cur[1], cur[2]))
            cur = [k, k, label]
        else:
            cur[1] = k
        if prefix in ("E", "S"):
            out.append((cur[0], cur[1], cur[2]))
            cur = []
    if cur:
        out.append((cur[0], cur[1], cur[2]))
    return out


def label_list(labels: Sequence[str], scheme: Scheme) -> list[str]:
    """``O`` then each label's tags in schema order: the ``ner_tags`` integer mapping."""
    prefixes = ("B", "I") if scheme == "iob2" else ("B", "I", "E", "S")
    return ["O"] + [f"{p}-{lab}" for lab in labels for p in prefixes]
