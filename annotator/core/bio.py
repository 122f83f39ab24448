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
:func:`tokenize` finds exactly the same tokens several times faster: text made only of
letters, digits, punctuation, symbols, non-spacing marks after them and spaces (white
space of every kind, no-break spaces included, and invisible format characters such as
bidi marks: nearly all news text) is cut by one regular expression, and anything else (ZWJ
sequences, flags, emoji modifiers, viramas ...) paragraph by paragraph the exact, slower way. Fuzzed and
property-tested against core.tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from operator import itemgetter
from typing import Any, Literal, NamedTuple

import regex

from annotator.core import tokens as _tokens
from annotator.core.values import Span

Scheme = Literal["iob2", "bioes"]
Layer = Literal["outermost", "innermost", "per-label"]
SCHEMES: tuple[Scheme, ...] = ("iob2", "bioes")
LAYERS: tuple[Layer, ...] = ("outermost", "innermost", "per-label")

# A text made only of these characters is clustered simply (a base character and the
# non-spacing marks after it; a space alone), so the fast tokenizers below give exactly
# the tokens of core.tokens; any other paragraph (ZWJ, flags, Hangul, viramas ...) goes
# the slow, exact way. Property-tested against core.tokens.
# "Spaces": what core.tokens skips (white space and invisible format characters: the
# no-break spaces of real news, bidi marks, the soft hyphen) among the characters that
# never join a neighbour into a cluster (cluster class Other, Control, CR or LF; not the
# joiners, which extend, nor the prepended marks): each is a cluster of its own and ends a token.
_SPACE_CLASS = r"[[\s\p{Cf}]&&[\p{GCB=Other}\p{GCB=Control}\p{GCB=CR}\p{GCB=LF}]]"
_SIMPLE_CLASS = (rf"[{_SPACE_CLASS}[[\p{{L}}\p{{Nd}}\p{{P}}\p{{S}}]&&\p{{GCB=Other}}]"  # spaces, base characters,
                 r"[\p{Mn}&&\p{GCB=Extend}--\p{InCB=Linker}]]")  # and the marks that extend them
_SIMPLE = regex.compile(rf"(?V1){_SIMPLE_CLASS}*+")
_MARK_AFTER_SPACE = regex.compile(rf"(?V1)(?:^|{_SPACE_CLASS})\p{{Mn}}")
_ASTRAL = regex.compile(r"[\U00010000-\U0010FFFF]")
_FAST_TOKEN = regex.compile(  # one capturing group: see _scan
    r"(?V1)([\p{L}\p{Nd}\p{Mn}]+(?:(?<=\p{Nd})[.,\u066b\u066c/:\-](?=\p{Nd})[\p{L}\p{Nd}\p{Mn}]+)*"
    rf"|[^\p{{L}}\p{{Nd}}\p{{Mn}}{_SPACE_CLASS}]\p{{Mn}}*)"
)
_SENTENCE_END = frozenset({".", "!", "?", "\u061f", "\u06d4", "\u2026"})
_CLOSERS = frozenset({"\u00bb", "\u201d", "\u2019", ")", "]", "}", '"', "'", "\u203a"})


class _Bmp(NamedTuple):
    simple: re.Pattern[str]
    tokens: re.Pattern[str]


#: the BMP without the surrogates, in two runs of consecutive code points: (first, characters)
_BMP_RUNS = ((0, "".join(map(chr, range(0xD800)))), (0xE000, "".join(map(chr, range(0xE000, 0x10000)))))


def _bmp_class(cls: str) -> str:
    """A ``re`` character class body holding the BMP characters that match *cls* in
    the ``regex`` module, so both engines agree on every character (found as runs of
    consecutive characters in one scan per run of the BMP, not a match per character)."""
    runs = regex.compile(f"(?:{cls})+")
    out: list[str] = []
    for first, chars in _BMP_RUNS:
        for m in runs.finditer(chars):
            a, b = first + m.start(), first + m.end() - 1
            out.append(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))))
    return "".join(out)


@lru_cache(maxsize=1)
def _bmp() -> _Bmp:
    """The simple-text check and the fast tokenizer for text within the Basic
    Multilingual Plane, with the standard library's faster engine (built once, about a
    third of a second). "Simple": spaces, and runs that start with a base character
    followed by base characters and marks (so no mark follows a space)."""
    base = _bmp_class(r"(?V1)[[\p{L}\p{Nd}\p{P}\p{S}]&&\p{GCB=Other}]")
    extend = _bmp_class(r"(?V1)[\p{Mn}&&\p{GCB=Extend}--\p{InCB=Linker}]")
    space = _bmp_class(rf"(?V1){_SPACE_CLASS}")
    punct, marks, digits = _bmp_class(r"[\p{P}\p{S}]"), _bmp_class(r"\p{Mn}"), _bmp_class(r"\p{Nd}")
    word = f"[^{space}{punct}]"
    return _Bmp(
        re.compile(f"[{space}]*+(?:[{base}][{base}{extend}]*+[{space}]*+)*+"),  # possessive: no backtracking
        re.compile(f"({word}+(?:(?<=[{digits}])[.,\u066b\u066c/:\\-](?=[{digits}]){word}+)*|[{punct}][{marks}]*)"),
    )


class Tokens(NamedTuple):
    """The tokens of a text as three parallel sequences."""

    starts: Sequence[int]
    ends: Sequence[int]
    words: list[str]


def _scan(pattern: Any, text: str) -> Tokens:
    """Tokens of *text* by *pattern* (one capturing group around the whole token)
    without a match object per token: ``split`` gives the gaps and the tokens
    interleaved, and their lengths are summed in C."""
    parts = pattern.split(text)
    pos = list(accumulate(map(len, parts)))
    return Tokens(pos[0:-1:2], pos[1::2], parts[1::2])


def tokenize(text: str) -> Tokens:
    """Every token of *text*, exactly as :func:`core.tokens.tokens` finds them."""
    if not _ASTRAL.search(text):
        bmp = _bmp()
        if bmp.simple.fullmatch(text):
            return _scan(bmp.tokens, text)
    elif _SIMPLE.fullmatch(text) and not _MARK_AFTER_SPACE.search(text):
        return _scan(_FAST_TOKEN, text)
    out: list[tuple[int, int]] = []
    pos = 0
    for para in text.split("\n"):
        if para:
            if _SIMPLE.fullmatch(para) and not _MARK_AFTER_SPACE.search(para):
                out.extend((pos + m.start(), pos + m.end()) for m in _FAST_TOKEN.finditer(para))
            else:
                out.extend((t.start, t.end) for t in _tokens.iter_tokens(text, pos, pos + len(para)))
        pos += len(para) + 1
    if not out:
        return Tokens([], [], [])
    starts, ends = zip(*out)
    return Tokens(starts, ends, list(map(text.__getitem__, map(slice, starts, ends))))


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every token of *text*, exactly as :func:`core.tokens.tokens`."""
    t = tokenize(text)
    return list(zip(t.starts, t.ends))


_RELATION = {"nested": "inside", "duplicate": "same as", "contains": "holds", "crossing": "crosses"}


class Dropped(NamedTuple):
    """A span that a tag sequence cannot hold, and why (``other``: the kept span it is
    inside, holds, crosses or repeats; ``edge``: which edge is off the tokens). A named
    tuple: an export of a million spans may make half a million of them."""

    span: Span
    reason: str
    other: Span | None = None
    edge: str = ""

    @property
    def detail(self) -> str:
        if self.reason == "misaligned":
            return f"its {self.edge or 'start or end'} is inside a token or on a space"
        if self.other is None:
            return ""
        o = self.other
        return f"{_RELATION.get(self.reason, self.reason)} {o.id} ({o.label} [{o.start}, {o.end}))"


@dataclass
class Tagged:
    """One document as tokens and tag sequences.

    ``tags`` maps the layer name to its tags: ``None`` for ``outermost``/``innermost``,
    the label for ``per-label``. ``kept`` are the spans the tags hold, per layer.
    """

    starts: Sequence[int]  # the tokens' starts and ends (``tokens`` pairs them when asked)
    ends: Sequence[int]
    words: list[str]
    tags: dict[str | None, list[str]]
    kept: dict[str | None, list[Span]]
    dropped: list[Dropped]
    sentence_starts: list[int]

    @property
    def tokens(self) -> list[tuple[int, int]]:
        """``(start, end)`` of every token."""
        return list(zip(self.starts, self.ends))


# An aligned span: (span, first token, last token, -first, -last); the negated indexes
# let C-level sort keys order spans longer-first.
Aligned = tuple[Span, int, int, int, int]
_OUTER_FIRST = itemgetter(1, 4)  # by first token, then longer first
_INNER_FIRST = itemgetter(2, 3)  # by last token, then shorter first


class _TokenIndex(NamedTuple):
    starts: Sequence[int]  # sorted token starts
    ends: Sequence[int]  # sorted token ends


def _index(token_bounds: Sequence[tuple[int, int]]) -> _TokenIndex:
    if not token_bounds:
        return _TokenIndex((), ())
    starts, ends = zip(*token_bounds)
    return _TokenIndex(starts, ends)


def _positions(offsets: Sequence[int]) -> dict[int, int]:
    """Token index by offset (token starts, or ends: each strictly increasing)."""
    return dict(zip(offsets, range(len(offsets))))


def align(spans: Iterable[Span], token_bounds: Sequence[tuple[int, int]],
          index: _TokenIndex | None = None, first: dict[int, int] | None = None
          ) -> tuple[list[Aligned], list[Dropped]]:
    """Spans whose edges are token edges, with their first and last token index
    (*first*: the token index by start offset, when the caller has it)."""
    starts, ends = index if index is not None else _index(token_bounds)
    first = first if first is not None else _positions(starts)
    last = _positions(ends)
    aligned: list[Aligned] = []
    dropped: list[Dropped] = []
    for span in spans:
        i = first.get(span.start)
        j = last.get(span.end)
        if i is not None and j is not None and i <= j:
            aligned.append((span, i, j, -i, -j))
        else:
            dropped.append(Dropped(span, "misaligned", edge="start" if i is None else "end"))
    return aligned, dropped


def _outermost(aligned: list[Aligned]) -> tuple[list[Aligned], list[Dropped]]:
    kept: list[Aligned] = []
    dropped: list[Dropped] = []
    end = -1
    outer: Span | None = None
    for item in sorted(aligned, key=_OUTER_FIRST):  # stable: equal ranges keep their given order
        span = item[0]
        if span.start >= end:
            kept.append(item)
            outer, end = span, span.end
            continue
        if span.end <= end:
            same = span.end == end and span.start == outer.start and span.label == outer.label  # type: ignore[union-attr]
            dropped.append(Dropped(span, "duplicate" if same else "nested", outer))
        else:
            dropped.append(Dropped(span, "crossing", outer))
    return kept, dropped


def _innermost(aligned: list[Aligned]) -> tuple[list[Aligned], list[Dropped]]:
    kept: list[Aligned] = []
    dropped: list[Dropped] = []
    end = -1
    for item in sorted(aligned, key=_INNER_FIRST):
        span = item[0]
        if span.start >= end:
            kept.append(item)
            end = span.end
            continue
        inner = kept[-1][0]
        if (span.start, span.end, span.label) == (inner.start, inner.end, inner.label):
            dropped.append(Dropped(span, "duplicate", inner))
        elif span.start <= inner.start:
            dropped.append(Dropped(span, "contains", inner))
        else:
            dropped.append(Dropped(span, "crossing", inner))
    kept.sort(key=itemgetter(1))
    return kept, dropped


def one_layer(spans: Iterable[Span], token_bounds: Sequence[tuple[int, int]], layer: Layer = "outermost"
              ) -> tuple[list[Span], list[Dropped]]:
    """The spans of one non-overlapping layer, ``outermost`` or ``innermost`` (the
    rule of a tag sequence, for a consumer such as spaCy's ``doc.ents`` that cannot
    hold overlapping spans), in text order, and the rest with the reason each is not
    in the layer (``misaligned`` for spans off the tokens)."""
    if layer not in ("outermost", "innermost"):
        raise ValueError(f"one layer is outermost or innermost, not {layer!r}")
    aligned, dropped = align(spans, token_bounds)
    kept, lost = (_outermost if layer == "outermost" else _innermost)(aligned)
    return [a[0] for a in kept], dropped + lost


def _tags(n: int, kept: Iterable[Aligned], scheme: Scheme) -> list[str]:
    tags = ["O"] * n
    bioes = scheme == "bioes"
    for span, i, j, _, _ in kept:
        lab = span.label
        if bioes:
            if i == j:
                tags[i] = "S-" + lab
                continue
            tags[j] = "E-" + lab
            tags[i + 1 : j] = ["I-" + lab] * (j - i - 1)
        else:
            tags[i + 1 : j + 1] = ["I-" + lab] * (j - i)
        tags[i] = "B-" + lab
    return tags


_END_CHAR = re.compile("[" + "".join(sorted(c for c in "".join(_SENTENCE_END) if len(c) == 1)) + "]")


def sentence_starts(text: str, token_bounds: Sequence[tuple[int, int]],
                    keep_together: Iterable[tuple[int, int]] = (), words: Sequence[str] | None = None,
                    index: _TokenIndex | None = None, first: dict[int, int] | None = None) -> list[int]:
    """Token indexes where sentences start: at line breaks and after Arabic or Latin
    sentence punctuation (. ! ? ؟ ۔ …, with the closing quotes and brackets attached
    after it), but never inside a span given in *keep_together* as ``(first, last)``
    token indexes, so no span is cut in two."""
    starts, ends = index if index is not None else _index(token_bounds)
    n = len(starts)
    if not n:
        return []
    if words is None:
        words = [text[s:e] for s, e in zip(starts, ends)]
    breaks: set[int] = set()
    nl = text.find("\n")
    while nl >= 0:
        k = bisect_left(starts, nl)
        if 0 < k < n:
            breaks.add(k)
        nl = text.find("\n", nl + 1)
    first = first if first is not None else _positions(starts)
    for m in _END_CHAR.finditer(text):
        j = first.get(m.start())
        if j is None or words[j] not in _SENTENCE_END:
            continue
        k = j + 1
        while k < n and words[k] in _CLOSERS and ends[k - 1] == starts[k]:
            k += 1  # a closing quote or bracket attached to the full stop stays with it
        if k < n:
            breaks.add(k)
    if not breaks:
        return [0]
    diff = [0] * (n + 1)
    for i, j in keep_together:
        if j > i:
            diff[i + 1] += 1
            diff[j + 1] -= 1
    depth = list(accumulate(diff))  # depth[k] > 0: a span covers tokens k-1 and k
    return [0, *sorted(k for k in breaks if depth[k] == 0)]


def tag_document(text: str, spans: Iterable[Span], *, scheme: Scheme = "iob2", layer: Layer = "outermost",
                 labels: Sequence[str] | None = None, token_bounds: Sequence[tuple[int, int]] | None = None) -> Tagged:
    """Tokens, sentence starts and tag sequences of one document, and what was dropped.

    *labels* (the schema's) names the per-label sequences, so every label gets one even
    when a document has no span of it. Spans with the same range keep the order given
    (the export gives them by id), so the result is the same for the same input.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown tagging scheme {scheme!r} (use {', '.join(SCHEMES)})")
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r} (use {', '.join(LAYERS)})")
    if token_bounds is not None:
        index = _index(list(token_bounds))
        words = list(map(text.__getitem__, map(slice, index.starts, index.ends)))
    else:
        found = tokenize(text)
        index = _TokenIndex(found.starts, found.ends)
        words = found.words
    first = _positions(index.starts)
    aligned, dropped = align(spans, (), index, first)
    kept_by_layer: dict[str | None, list[Aligned]] = {}
    if layer == "per-label":
        names = list(labels) if labels is not None else []
        names += sorted({a[0].label for a in aligned} - set(names))
        for lab in names:
            kept, lost = _outermost([a for a in aligned if a[0].label == lab])
            kept_by_layer[lab] = kept
            dropped.extend(lost)
    else:
        kept, lost = (_outermost if layer == "outermost" else _innermost)(aligned)
        kept_by_layer[None] = kept
        dropped.extend(lost)
    n = len(index.starts)
    return Tagged(
        starts=index.starts,
        ends=index.ends,
        words=words,
        tags={k: _tags(n, v, scheme) for k, v in kept_by_layer.items()},
        kept={k: [a[0] for a in v] for k, v in kept_by_layer.items()},
        dropped=dropped,
        sentence_starts=sentence_starts(text, (), [(a[1], a[2]) for a in aligned], words, index, first),
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
    cur: tuple[int, int, str] | None = None  # (first, last, label) of the open span
    for k, tag in enumerate(tags):
        if tag == "O":
            if cur is not None:
                out.append(cur)
                cur = None
            continue
        prefix, dash, label = tag.partition("-")
        if not dash or prefix not in ("B", "I", "E", "S") or not label:
            raise TagError(k, tag)
        if prefix in ("B", "S") or cur is None or cur[2] != label:
            if cur is not None:
                out.append(cur)
            cur = (k, k, label)
        else:
            cur = (cur[0], k, label)
        if prefix in ("E", "S"):
            out.append(cur)
            cur = None
    if cur is not None:
        out.append(cur)
    return out


def label_list(labels: Sequence[str], scheme: Scheme) -> list[str]:
    """``O`` then each label's tags in schema order: the ``ner_tags`` integer mapping."""
    prefixes = ("B", "I") if scheme == "iob2" else ("B", "I", "E", "S")
    return ["O"] + [f"{p}-{lab}" for lab in labels for p in prefixes]
