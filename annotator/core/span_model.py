"""The project's own span model: a CRF sequence tagger (python-crfsuite) over word tokens.

Trained on a project's gold (and documents marked done), it proposes spans for the
annotator to accept or reject (issue 15). Pure computation: no database, no Qt; the
caller stores :meth:`SpanModel.to_bytes` wherever it keeps models.

**Tokens** are those of :mod:`annotator.core.tokens` (the ones selections snap to), found
through :func:`annotator.core.bio.tokenize`, which gives exactly the same tokens several
times faster (property-tested there). Offsets are code points, half-open, as everywhere.

**Tags**: IOB2 per token. A training span whose edges are not token edges is snapped to
the tokens it covers; spans of labels not asked for are ignored; of overlapping spans the
outermost (earliest, then longest) is kept, as a single BIO layer can hold only one.

**Sequences**: a document is tagged sentence by sentence (a sentence ends after . ! ? ؟ ۔
… ، or at a line break, and after at most :data:`MAX_SENTENCE` tokens), so a
1,000,000-character document is many short sequences, never one giant one. In training a
sentence is never cut inside a gold span.

**Features** (:func:`token_features`), Arabic-aware: the folded word (the search folding of
:mod:`annotator.core.search`: harakat, tatweel, alef forms, ى/ي, ة/ه, digits, case), the word
without its proclitics (و ف, ب ك ل, ال, and لل), prefixes and suffixes of 1-3 characters,
the shape (digits, Latin, Arabic, punctuation, mixed), whether it is a month, weekday,
number or other date word (the tables of :mod:`annotator.core.date_words`) or a year,
the folded neighbours ±2 with their classes, and the sentence's beginning and end.
Training makes every feature; a trained model is passed only the features it has weights
for (:class:`Features` with the model's attributes: the same tags and probabilities,
half the strings), each distinct word's computed once and cached.

**Scores**: a predicted span's score is the smallest marginal probability (0..1) of its
tags (``B-`` on the first token, ``I-`` on the others) under the model: how sure the
model is of the least sure part of the span.

**Bytes** (:meth:`SpanModel.to_bytes`): :data:`MAGIC`, a 4-byte big-endian length, a UTF-8
JSON header (``format``: :data:`FORMAT`, ``labels``, ``info``), then crfsuite's own model
file. A tagger is not safe to share between threads: give each thread its own model
(``SpanModel.from_bytes``).
"""

from __future__ import annotations

import json
import os
import struct
import tempfile
import time
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pycrfsuite  # type: ignore[import-untyped]  # python-crfsuite ships no types

from annotator.core import date_words
from annotator.core.bio import tokenize
from annotator.core.errors import AnnotatorError
from annotator.core.search import fold_text

#: a text and its spans ``(start, end, label)``, code points
Example = tuple[str, Sequence[tuple[int, int, str]]]

MAGIC = b"ANNOTATOR-SPAN-MODEL\n"
FORMAT = 1  # the layout of to_bytes; a reader refuses a newer one
FEATURES = 1  # the feature set's version, recorded in info (a model is read only by the features it was trained on)
MAX_SENTENCE = 120  # tokens: a longer run without sentence punctuation is cut here
OUTSIDE = "O"

_SENTENCE_END = frozenset({".", "!", "?", "\u061f", "\u06d4", "\u2026", "\u060c"})  # . ! ? ؟ ۔ … ،


class SpanModelError(AnnotatorError):
    """A model that cannot be read or trained; the message says what is wrong."""


@dataclass(frozen=True)
class Predicted:
    """A proposed span: code points, half-open, and the model's confidence (0..1)."""

    start: int
    end: int
    label: str
    score: float


# -- features -------------------------------------------------------------------------------

def _words_of(*tables: Iterable[str]) -> frozenset[str]:
    """Every single word of the (folded) entries of *tables*."""
    return frozenset(w for table in tables for entry in table for w in entry.split())


_MONTHS = _words_of(date_words.MONTHS, date_words.HIJRI_MONTHS) - {"الاول", "الثاني", "الاخر", "الاخره", "الاولي",
                                                                   "ذو"}
_WEEKDAYS = _words_of(date_words.WEEKDAYS)
_NUMBERS = _words_of(date_words.ORDINALS, date_words.CARDINAL_UNITS, date_words.CARDINAL_TENS) - {"و"}
_DATE_WORDS = _words_of(date_words.YEAR_WORDS, date_words.MONTH_WORDS, date_words.DAY_WORDS, date_words.MOD_WORDS,
                        date_words.UNITS, date_words.PAST, date_words.FUTURE, date_words.CURRENT,
                        date_words.SEASONS, date_words.APPROX_WORDS)


def fold_word(word: str) -> str:
    """*word* folded as the corpus search folds it (every fold on)."""
    return fold_text(word).text


def strip_proclitics(folded: str) -> str:
    """The folded word without the proclitics before it: a conjunction (و ف), then a
    preposition (ب ك ل), then the article ال (or the ل left of it in لل); a stem keeps at
    least two letters, so short words are left alone."""
    w = folded
    if len(w) > 3 and w[0] in "وف":
        w = w[1:]
    if len(w) > 3 and w[0] in "بكل":
        if w[0] == "ل" and w[1] == "ل" and len(w) > 3:  # لل: ل + ال
            return w[2:]
        w = w[1:]
    if len(w) > 3 and w.startswith("ال"):
        w = w[2:]
    return w


def _shape(word: str) -> str:
    kinds = set()
    for ch in word:
        if ch.isdigit():
            kinds.add("9")
        elif "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufeff":
            kinds.add("ع" if ch.isalpha() or ch == "\u0640" or "\u064b" <= ch <= "\u065f" else ".")
        elif ch.isalpha():
            kinds.add("a")
        else:
            kinds.add(".")
    return "".join(sorted(kinds)) if kinds else "."


def _classes(folded: str, stem: str) -> list[str]:
    """The word classes of a folded word (and its stem): month, weekday, number, date word, year."""
    out = []
    if folded in _MONTHS or stem in _MONTHS:
        out.append("month")
    if folded in _WEEKDAYS or stem in _WEEKDAYS:
        out.append("weekday")
    if folded in _NUMBERS or stem in _NUMBERS or folded.isdigit():
        out.append("number")
    if folded in _DATE_WORDS or stem in _DATE_WORDS:
        out.append("dateword")
    if len(folded) == 4 and folded.isdigit() and folded[0] in "12":
        out.append("year")
    return out


@dataclass(frozen=True)
class _Word:
    """A word's features, computed once per distinct word: its own, and those it gives
    the token before it (``+1``/``+2``: it is that token's next word) and after it (``-1``/``-2``)."""

    folded: str
    own: tuple[str, ...]
    prev1: tuple[str, ...]  # for the token after it: "-1w=", "-1c="
    prev2: tuple[str, ...]
    next1: tuple[str, ...]  # for the token before it: "+1w=", "+1c="
    next2: tuple[str, ...]


class Features:
    """Makes the features of a sentence's tokens, with a cache of each distinct word's.

    ``Features()`` makes every feature (training); ``Features(known)`` only those in
    *known*, the attributes a trained model has weights for (prediction: crfsuite ignores
    the others, so leaving them out changes no tag and no probability, and saves building
    and passing on more than half of the strings)."""

    CACHE_LIMIT = 200_000  # distinct words kept; the cache is emptied when it is full

    def __init__(self, known: frozenset[str] | None = None) -> None:
        self.known = known
        self._words: dict[str, _Word] = {}

    def _keep(self, features: Iterable[str]) -> tuple[str, ...]:
        known = self.known
        return tuple(features) if known is None else tuple(f for f in features if f in known)

    def word(self, word: str) -> _Word:
        got = self._words.get(word)
        if got is not None:
            return got
        folded = fold_word(word)
        stem = strip_proclitics(folded)
        classes = _classes(folded, stem)
        own = [f"w={folded}", f"st={stem}", f"sh={_shape(word)}", f"len={min(len(folded), 8)}"]
        for k in (1, 2, 3):
            if len(folded) > k:
                own.append(f"p{k}={folded[:k]}")
                own.append(f"s{k}={folded[-k:]}")
        if stem != folded:
            own.append("clitic")
        own.extend(f"c={c}" for c in classes)
        got = _Word(folded, self._keep(own),
                    self._keep(["-1w=" + folded, *("-1c=" + c for c in classes)]), self._keep(["-2w=" + folded]),
                    self._keep(["+1w=" + folded, *("+1c=" + c for c in classes)]), self._keep(["+2w=" + folded]))
        if len(self._words) >= self.CACHE_LIMIT:
            self._words.clear()
        self._words[word] = got
        return got

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """The features of each token of one sentence (its words, in order): the word's own
        (folded word, stem, affixes, shape, classes), its neighbours' ±2 (folded, with their
        classes for ±1), the previous word with it (``-1|w=``) and the sentence's edges."""
        info = [self.word(w) for w in words]
        known = self.known
        bos = known is None or "BOS" in known
        eos = known is None or "EOS" in known
        n = len(words)
        out: list[list[str]] = []
        for k in range(n):
            me = info[k]
            f = list(me.own)
            if k == 0:
                if bos:
                    f.append("BOS")
            else:
                before = info[k - 1]
                f.extend(before.prev1)
                pair = "-1|w=" + before.folded + "|" + me.folded
                if known is None or pair in known:
                    f.append(pair)
                if k > 1:
                    f.extend(info[k - 2].prev2)
            if k == n - 1:
                if eos:
                    f.append("EOS")
            else:
                f.extend(info[k + 1].next1)
                if k < n - 2:
                    f.extend(info[k + 2].next2)
            out.append(f)
        return out


_ALL_FEATURES = Features()


def token_features(words: Sequence[str]) -> list[list[str]]:
    """Every feature of each token of one sentence (see :meth:`Features.sentence`)."""
    return _ALL_FEATURES.sentence(words)


# -- sentences and tags ------------------------------------------------------------------------

def _sentences(text: str, starts: Sequence[int], words: Sequence[str],
               keep_together: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """``(first, end)`` token ranges of the sentences; never cut inside a ``(first, last)``
    range of *keep_together* (unless it is longer than :data:`MAX_SENTENCE` tokens)."""
    n = len(words)
    breaks = [False] * (n + 1)
    nl = text.find("\n")
    while nl >= 0:
        k = bisect_left(starts, nl)
        if 0 < k < n:
            breaks[k] = True
        nl = text.find("\n", nl + 1)
    for k, w in enumerate(words):
        if w in _SENTENCE_END:
            breaks[k + 1] = True
    inside = [False] * (n + 1)  # inside[k]: a span holds tokens k-1 and k
    for first, last in keep_together:
        for k in range(first + 1, last + 1):
            inside[k] = True
    out = []
    begin = 0
    for k in range(1, n + 1):
        if k == n or (breaks[k] and not inside[k]) or (k - begin >= MAX_SENTENCE and not inside[k]) \
                or k - begin >= 4 * MAX_SENTENCE:
            if k > begin:
                out.append((begin, k))
            begin = k
    return out


def _token_range(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int] | None:
    """``(first, last)`` token indexes that ``[start, end)`` covers, or None."""
    first = bisect_left(ends, start + 1)  # the first token ending after start
    last = bisect_left(starts, end) - 1  # the last token starting before end
    if first > last:
        return None
    return first, last


def _one_layer(ranges: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Token ranges that do not overlap: earliest first, then longest, each kept unless it
    overlaps one kept before it."""
    kept: list[tuple[int, int, str]] = []
    last_end = -1
    for first, last, label in sorted(set(ranges), key=lambda r: (r[0], -r[1], r[2])):
        if first > last_end:
            kept.append((first, last, label))
            last_end = last
    return kept


def _tags(n: int, layer: Iterable[tuple[int, int, str]]) -> list[str]:
    tags = [OUTSIDE] * n
    for first, last, label in layer:
        tags[first] = "B-" + label
        for k in range(first + 1, last + 1):
            tags[k] = "I-" + label
    return tags


# -- the model ---------------------------------------------------------------------------------

@dataclass
class SpanModel:
    """A trained tagger: :meth:`predict` proposes spans, :meth:`to_bytes` stores it.

    ``info`` records what it is: ``model`` ("crf"), ``version`` (:data:`FORMAT`), ``features``
    (:data:`FEATURES`), ``trained_at`` (UTC, ISO 8601),
    ``n_documents``, ``n_sentences``, ``n_tokens``, ``n_spans`` (per label), ``params``,
    ``seconds`` (training), and whatever the caller passed (the ids of the data it saw)."""

    labels: tuple[str, ...]
    info: dict[str, Any]
    model: bytes = field(repr=False)
    _tagger: pycrfsuite.Tagger = field(init=False, repr=False, compare=False)
    _features: Features = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._tagger = pycrfsuite.Tagger()
        try:
            self._tagger.open_inmemory(self.model)
            known = frozenset(attr for attr, _label in self._tagger.info().state_features)
        except (ValueError, OSError) as err:
            raise SpanModelError(f"span model: crfsuite cannot read the model ({err})") from err
        self._features = Features(known)

    def predict(self, text: str) -> list[Predicted]:
        """Proposed spans of *text*, in text order, on token edges, never overlapping."""
        toks = tokenize(text)
        starts, ends, words = toks.starts, toks.ends, toks.words
        out: list[Predicted] = []
        tagger = self._tagger
        features = self._features.sentence
        for begin, stop in _sentences(text, starts, words):
            tagger.set(features(words[begin:stop]))
            tags = tagger.tag()
            k = 0
            n = len(tags)
            while k < n:
                tag = tags[k]
                if tag == OUTSIDE:
                    k += 1
                    continue
                label = tag[2:]
                score = tagger.marginal(tag, k)
                j = k + 1
                inside = "I-" + label
                while j < n and tags[j] == inside:
                    score = min(score, tagger.marginal(inside, j))
                    j += 1
                out.append(Predicted(starts[begin + k], ends[begin + j - 1], label, float(score)))
                k = j
        return out

    def to_bytes(self) -> bytes:
        """The model as one blob: :data:`MAGIC`, the header's length, the JSON header, crfsuite's model."""
        header = json.dumps({"format": FORMAT, "labels": list(self.labels), "info": self.info},
                            ensure_ascii=False, sort_keys=True).encode("utf-8")
        return MAGIC + struct.pack(">I", len(header)) + header + self.model

    @classmethod
    def from_bytes(cls, data: bytes) -> SpanModel:
        """A model written by :meth:`to_bytes`; :class:`SpanModelError` says what is wrong otherwise."""
        if not data.startswith(MAGIC):
            raise SpanModelError("span model: not a model of this program (the first bytes are not its mark)")
        at = len(MAGIC)
        if len(data) < at + 4:
            raise SpanModelError("span model: cut short in its header")
        (size,) = struct.unpack(">I", data[at:at + 4])
        at += 4
        if len(data) < at + size:
            raise SpanModelError(f"span model: cut short (header of {size} bytes, {len(data) - at} left)")
        try:
            header = json.loads(data[at:at + size].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise SpanModelError(f"span model: unreadable header ({err})") from err
        if not isinstance(header, dict) or not isinstance(header.get("format"), int):
            raise SpanModelError("span model: the header names no format")
        if header["format"] > FORMAT:
            raise SpanModelError(f"span model: format {header['format']} is newer than this program's ({FORMAT})")
        info = header.get("info") or {}
        if info.get("features", FEATURES) != FEATURES:
            raise SpanModelError(f"span model: trained on features version {info.get('features')}, "
                                 f"this program has {FEATURES}: train it again")
        return cls(tuple(header.get("labels", ())), dict(info), data[at + size:])


def training_sequences(example: Example, labels: Sequence[str]) -> list[tuple[list[list[str]], list[str]]]:
    """The ``(features, tags)`` sequences of one document, sentence by sentence."""
    text, spans = example
    toks = tokenize(text)
    starts, ends, words = toks.starts, toks.ends, toks.words
    wanted = set(labels)
    ranges = []
    for start, end, label in spans:
        if label in wanted:
            r = _token_range(starts, ends, start, end)
            if r is not None:
                ranges.append((r[0], r[1], label))
    layer = _one_layer(ranges)
    tags = _tags(len(words), layer)
    return [(token_features(words[b:e]), tags[b:e])
            for b, e in _sentences(text, starts, words, [(f, la) for f, la, _ in layer])]


def train(examples: Sequence[Example], labels: Sequence[str], *, info: Mapping[str, Any] | None = None,
          max_iterations: int = 100, c1: float = 0.1, c2: float = 0.01) -> SpanModel:
    """A model trained on *examples* (each a text and its spans) for *labels*.

    *info* is recorded in the model (e.g. ``{"documents": [ids]}``: the data it saw);
    ``c1``/``c2`` are the L1/L2 penalties of L-BFGS training. Deterministic: the same
    examples and parameters give the same model."""
    if not labels:
        raise SpanModelError("span model: no label to learn")
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    params = {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_transitions": True}
    trainer.set_params(params)
    n_sentences = n_tokens = 0
    n_spans = dict.fromkeys(labels, 0)
    for example in examples:
        for xseq, yseq in training_sequences(example, labels):
            trainer.append(xseq, yseq)
            n_sentences += 1
            n_tokens += len(yseq)
            for tag in yseq:
                if tag.startswith("B-"):
                    n_spans[tag[2:]] += 1
    if n_tokens == 0:
        raise SpanModelError("span model: the examples hold no token to learn from")
    fd, path = tempfile.mkstemp(suffix=".crfsuite")
    os.close(fd)
    try:
        trainer.train(path)
        with open(path, "rb") as f:
            model = f.read()
    finally:
        os.unlink(path)
    record: dict[str, Any] = {
        "model": "crf", "version": FORMAT, "features": FEATURES,
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "n_documents": len(examples), "n_sentences": n_sentences, "n_tokens": n_tokens, "n_spans": n_spans,
        "params": {"algorithm": "lbfgs", **params}, "seconds": round(time.perf_counter() - t0, 3),
    }
    record.update(info or {})
    try:
        json.dumps(record)
    except (TypeError, ValueError) as err:
        raise SpanModelError(f"span model: the info to record is not JSON ({err})") from err
    return SpanModel(tuple(labels), record, model)
