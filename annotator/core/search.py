"""Finding words in documents the way an Arabic reader means them.

A query and a text are both *folded* (:func:`fold_text`), the query is looked for in the
folded text, and every hit is mapped back to **code points of the original text**: the
folded copy is only ever a search key, never shown or stored as data.

What folding does, each switchable (:class:`SearchOptions`; :meth:`SearchOptions.exact`
turns every one off):

- ``marks``: harakat (U+064B-U+065F), the superscript alef (U+0670) and tatweel (U+0640)
  are ignored, so «مُؤْتَمَر» and «مؤتمـر» are found by «مؤتمر» and the other way round;
- ``alef``: أ إ آ ٱ match ا;
- ``ya_ta``: ى matches ي, and ة matches ه (ة is only ever written at a word's end);
- ``digits``: Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits match 0-9;
- ``case``: Latin (and every other cased script) case-insensitive, one character for one.

Every fold is one character for one, or one for none (the marks). So the map back to the
original needs only where characters were removed: :class:`Folded` keeps their folded
positions and maps a folded offset with one binary search. A hit ends after the marks
that follow its last letter (they belong to that letter's cluster), and a hit never
starts or ends inside a grapheme cluster (:mod:`annotator.core.graphemes`).

Three ways to match (``mode``): ``text`` (anywhere, as Ctrl+F in an editor), ``word``
(whole words only; with ``clitics`` a word also matches after the proclitics و ف, ب ك ل
and the article ال, so «الاتفاق» finds «والاتفاق», «بالاتفاق» and «للاتفاق», and the hit
is the word without the proclitics before it) and ``regex`` (the ``regex`` module's
syntax, run over the folded text).
"""

from __future__ import annotations

import bisect
import importlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, Literal

import regex

from annotator.core.errors import AnnotatorError
from annotator.core.graphemes import is_grapheme_boundary, snap_down, snap_up

SearchMode = Literal["text", "word", "regex"]
MODES: tuple[SearchMode, ...] = ("text", "word", "regex")

MARKS = frozenset(chr(cp) for cp in (*range(0x064B, 0x0660), 0x0670, 0x0640))
_ALEF = {ord(c): "ا" for c in "أإآٱ"}
_YA_TA = {ord("ى"): "ي", ord("ة"): "ه"}
_DIGITS = {cp: str((cp - 0x0660) % 0x90) for cp in (*range(0x0660, 0x066A), *range(0x06F0, 0x06FA))}
_REMOVED = regex.compile("[" + "".join(sorted(MARKS)) + "]")

# proclitics: a conjunction, then a preposition (or the contracted لل of ل + ال)
_CONJUNCTION = "[وف]"
_PREPOSITION = "[بكل]"
_ARTICLE = "ال"


class SearchError(AnnotatorError):
    """A query that cannot be searched for (empty, or a regular expression that does not compile)."""


@dataclass(frozen=True)
class SearchOptions:
    """How a query matches: the mode and each Arabic-aware fold (all on by default)."""

    mode: SearchMode = "text"
    marks: bool = True
    alef: bool = True
    ya_ta: bool = True
    digits: bool = True
    case: bool = True
    clitics: bool = False

    @classmethod
    def exact(cls, mode: SearchMode = "text") -> SearchOptions:
        """Character for character: no fold at all."""
        return cls(mode=mode, marks=False, alef=False, ya_ta=False, digits=False, case=False)

    def with_mode(self, mode: SearchMode) -> SearchOptions:
        return replace(self, mode=mode)

    @property
    def folds(self) -> tuple[bool, bool, bool, bool, bool]:
        return (self.marks, self.alef, self.ya_ta, self.digits, self.case)


class _CaseTable(dict[int, str]):
    """A translate table that folds case one character for one, filled as characters are met."""

    def __init__(self, base: dict[int, str], case: bool) -> None:
        super().__init__(base)
        self._case = case

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        if self._case:
            folded = ch.casefold()
            if len(folded) != 1:  # ß -> ss and the like: lower case if that is one character
                folded = ch.lower() if len(ch.lower()) == 1 else ch
        else:
            folded = ch
        self[cp] = folded
        return folded


_TABLES: dict[tuple[bool, ...], _CaseTable] = {}


def _table(options: SearchOptions) -> _CaseTable:
    key = options.folds
    table = _TABLES.get(key)
    if table is None:
        base: dict[int, str] = {}
        if options.alef:
            base |= _ALEF
        if options.ya_ta:
            base |= _YA_TA
        if options.digits:
            base |= _DIGITS
        if options.marks:
            base |= {ord(c): "" for c in MARKS}
        table = _TABLES[key] = _CaseTable(base, options.case)
    return table


@dataclass(frozen=True)
class Folded:
    """A text's folded copy and the way back to the original's code points."""

    text: str
    original_length: int
    removed_at: tuple[int, ...]  # folded position of each removed character, ascending

    def to_original(self, pos: int) -> int:
        """The original offset of folded offset *pos*, after the characters removed at *pos*.

        As a start that is the folded character itself (the marks before it belong to the
        letter before); as an end, after the marks of the last letter's cluster."""
        return pos + bisect.bisect_right(self.removed_at, pos)


def fold_text(text: str, options: SearchOptions | None = None) -> Folded:
    """*text* folded as *options* say (default: every fold), with the map back."""
    options = options or SearchOptions()
    folded = text.translate(_table(options))
    if len(folded) == len(text):
        return Folded(folded, len(text), ())
    removed = tuple(m.start() - i for i, m in enumerate(_REMOVED.finditer(text)))
    return Folded(folded, len(text), removed)


def fold_query(query: str, options: SearchOptions | None = None) -> str:
    """The query as it is looked for (folded like the text)."""
    return fold_text(query, options).text


@dataclass(frozen=True)
class Hit:
    """One match: code points of the original text, half-open."""

    start: int
    end: int


def _pattern(query: str, options: SearchOptions) -> regex.Pattern[str] | None:
    if options.mode == "regex":  # folded without case (case-folding would turn \W into \w): a flag instead
        try:
            flags = regex.V1 | (regex.IGNORECASE if options.case else 0)
            return regex.compile(fold_query(query, replace(options, case=False)), flags)
        except regex.error as exc:
            raise SearchError(f"not a regular expression: {query!r}: {exc}") from exc
    folded = fold_query(query, options)
    if not folded.strip():
        return None
    words = regex.escape(folded)
    if options.mode == "text":
        return regex.compile(words)
    if options.clitics:
        if folded.startswith(_ARTICLE) and len(folded) > len(_ARTICLE):
            stem = regex.escape(folded[len(_ARTICLE):])
            # و/ف, then ب/ك + ال, or the contracted لل (ل + ال): the hit keeps the article
            body = f"(?:{_CONJUNCTION}?{'[بك]'}?(?P<hit>{_ARTICLE}{stem})|{_CONJUNCTION}?ل(?P<hit>ل{stem}))"
        else:
            body = (f"(?:{_CONJUNCTION}?{_PREPOSITION}?(?P<hit>(?:{_ARTICLE})?{words})"
                    f"|{_CONJUNCTION}?ل(?P<hit>ل{words}))")
        return regex.compile(rf"(?<!\w){body}(?!\w)", regex.V1)
    return regex.compile(rf"(?<!\w){words}(?!\w)")


def compile_query(query: str, options: SearchOptions | None = None) -> regex.Pattern[str] | None:
    """The pattern *query* is looked for with over folded text (None: nothing to look for).

    Raises :class:`SearchError` for a regular expression that does not compile."""
    return _pattern(query, options or SearchOptions())


def find_in_folded(folded: Folded, pattern: regex.Pattern[str], original: str) -> Iterator[Hit]:
    """Every non-empty match of *pattern* in *folded*, as whole clusters of *original*."""
    grouped = "hit" in pattern.groupindex
    for match in pattern.finditer(folded.text):
        start, end = match.span("hit") if grouped and match.group("hit") is not None else match.span()
        if end <= start:
            continue
        first, last = folded.to_original(start), folded.to_original(end)
        if not is_grapheme_boundary(original, first):  # the check answers at once between plain letters
            first = snap_down(original, first)
        if not is_grapheme_boundary(original, last):
            last = snap_up(original, last)
        if last > first:
            yield Hit(first, last)


def find(text: str, query: str, options: SearchOptions | None = None) -> list[Hit]:
    """Every hit of *query* in *text*, in order, never overlapping."""
    options = options or SearchOptions()
    pattern = compile_query(query, options)
    if pattern is None:
        return []
    return list(find_in_folded(fold_text(text, options), pattern, text))


@dataclass(frozen=True)
class Context:
    """A hit in its context, for a keyword-in-context line: left, the match, right."""

    left: str
    match: str
    right: str
    left_cut: bool
    right_cut: bool


def context(text: str, hit: Hit, width: int = 40) -> Context:
    """About *width* characters either side of *hit*, cut at a word's edge, on one line
    (each run of white space one space; a space next to the hit is kept, so a hit inside
    a word, or before a full stop, shows as it stands)."""

    def flat(s: str) -> str:
        return " ".join(s.split())

    lo = max(0, hit.start - width)
    if lo > 0:
        space = text.find(" ", lo, hit.start)
        lo = space + 1 if space != -1 else lo
    hi = min(len(text), hit.end + width)
    if hi < len(text):
        space = text.rfind(" ", hit.end, hi)
        hi = space if space != -1 else hi
    lo, hi = snap_down(text, lo), snap_up(text, hi)
    before, after = text[lo:hit.start], text[hit.end:hi]
    left = flat(before) + (" " if before[-1:].isspace() else "")
    right = (" " if after[:1].isspace() else "") + flat(after)
    return Context(left.lstrip(), text[hit.start:hit.end], right.rstrip(), lo > 0, hi < len(text))


# -- searching a corpus: what a search asks of the index, and what it answers ----------------

#: every fold on: what the corpus index (``document_search.folded``) holds of each text
ALL_FOLDS = SearchOptions()


_INDEX_TABLE: list[Any] = []  # the all-folds map of every BMP code point (numpy, made on first use)
_GONE = 0xFFFFFFFF


def index_text(text: str) -> str:
    """The all-folds copy of *text* the corpus index holds: ``fold_text(text).text``, made
    through a lookup table of every BMP code point (numpy; ten times faster than
    ``str.translate`` on Arabic text, which an import pays for every document). Text
    with an astral character goes through ``fold_text``."""
    import numpy as np

    if not _INDEX_TABLE:
        table = _table(ALL_FOLDS)
        lut = np.empty(0x10000, dtype=np.uint32)
        for cp in range(0x10000):
            mapped = table[cp]
            lut[cp] = _GONE if mapped == "" else ord(mapped)
        _INDEX_TABLE.append(lut)
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    if points.size == 0 or int(points.max()) >= 0x10000:
        return fold_text(text, ALL_FOLDS).text
    folded = _INDEX_TABLE[0][points]
    return str(folded[folded != _GONE].tobytes().decode("utf-32-le", "surrogatepass"))


#: regular-expression syntax of the ``regex`` module that the standard library's parser
#: would read differently (nested sets and set operations, fuzzy matching): no literal is
#: taken from a pattern holding one, every document is a candidate
_NOT_STDLIB = regex.compile(r"\[\[|&&|\|\||~~|--|\{[^}]*[eisd]\s*[<=]")
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}


def regex_literals(query: str, options: SearchOptions | None = None) -> tuple[str, ...]:
    """Strings of at least three characters that every match of the regular expression
    *query* holds, folded as the all-folds copy of a text is: runs of plain characters
    outside alternatives and optional parts (``الاتفاق\\s+\\d+`` holds ``الاتفاق``). Empty
    when nothing is sure (a pattern of classes only, or syntax read only by ``regex``), so
    every text stays a candidate. The index needs no more than a superset: the pattern
    itself is checked afterwards."""
    options = options or SearchOptions()
    if options.mode != "regex":
        return ()
    source = fold_query(query, replace(options, case=False))
    if _NOT_STDLIB.search(source):
        return ()
    try:
        sre: Any = importlib.import_module("re._parser")  # the standard library's own reader of patterns
        parsed = sre.parse(source)
    except Exception:  # noqa: BLE001 - what the stdlib cannot read simply gives no literal
        return ()
    runs: list[str] = []

    def walk(items: Any) -> None:
        run: list[str] = []
        for op, arg in items:
            name = str(op)
            if name == "LITERAL":
                run.append(chr(arg))
                continue
            runs.append("".join(run))
            run = []
            if name == "SUBPATTERN":
                walk(arg[-1])
            elif name == "ATOMIC_GROUP":
                walk(arg)
            elif name in _REPEATS and arg[0] >= 1:
                walk(arg[2])
        runs.append("".join(run))

    walk(parsed)
    out: list[str] = []
    for run in runs:
        if options.case and any(c.casefold() != c.lower() for c in run):
            return ()  # full case folding (ß matches SS) is more than the folded copy's lower case
        folded = fold_query(run, ALL_FOLDS)
        if len(folded) >= 3 and folded.strip() and folded not in out:
            out.append(folded)
    return tuple(out)


def index_needles(query: str, options: SearchOptions | None = None) -> tuple[str, ...]:
    """What the all-folds copy of every text with a hit of *query* holds: the needle of a
    text or word query, the sure literals of a regular expression (:func:`regex_literals`),
    or nothing (every text is a candidate)."""
    options = options or SearchOptions()
    if options.mode == "regex":
        return regex_literals(query, options)
    needle = index_needle(query, options)
    return () if needle is None else (needle,)


def index_needle(query: str, options: SearchOptions | None = None) -> str | None:
    """What the all-folds copy of every text with a hit of *query* contains (None: nothing
    can be said in advance, as for a regular expression: every text is a candidate).

    Each fold is a character-for-character map (or a removal) and applying every fold
    after some of them gives every fold, so a text whose partly folded copy holds the
    partly folded query holds the all-folds query in its all-folds copy: the index
    answers a superset for any options, checked afterwards with the query's own. With
    clitics, a query with the article is found as the contracted لل + stem too, so
    only the stem is sure to be there."""
    options = options or SearchOptions()
    if options.mode == "regex":
        return None
    needle = fold_query(query, ALL_FOLDS)
    if not needle.strip():
        return None
    own = fold_query(query, options)
    if options.mode == "word" and options.clitics and own.startswith(_ARTICLE) and len(own) > len(_ARTICLE):
        needle = needle[len(_ARTICLE):]
    return needle


@dataclass(frozen=True)
class SearchFilter:
    """Which documents, and which hits in them, a corpus search keeps.

    ``annotator`` is whose spans ``inside_label`` and ``outside_spans`` look at and whose
    set ``status`` is (None: the person searching; ``gold``: the adjudicated gold).
    ``published_from``/``published_to`` are ISO dates compared with the first ten
    characters of ``meta["published"]``, both ends included; ``outlet`` and ``meta``
    match metadata values exactly."""

    documents: tuple[str, ...] = ()
    inside_label: str | None = None
    outside_spans: bool = False
    annotator: str | None = None
    status: str | None = None
    outlet: str | None = None
    published_from: str | None = None
    published_to: str | None = None
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def reads_spans(self) -> bool:
        return self.inside_label is not None or self.outside_spans


@dataclass(frozen=True)
class SearchHit:
    """One hit of a corpus search: code points of the document's text, and its context."""

    start: int
    end: int
    context: Context


@dataclass(frozen=True)
class DocumentHits:
    """A document's hits (in text order) as a corpus search returns them."""

    document_id: str
    title: str
    hits: tuple[SearchHit, ...]

    @property
    def count(self) -> int:
        return len(self.hits)


@dataclass(frozen=True)
class SearchResult:
    """One page of a corpus search.

    ``complete``: every candidate was looked at (False: the page stopped at its limit of
    documents, and ``cursor`` continues after the last document with hits). ``candidates``
    is how many candidate documents were read for this page."""

    query: str
    options: SearchOptions
    documents: tuple[DocumentHits, ...]
    complete: bool
    cursor: int | None
    candidates: int

    @property
    def hit_count(self) -> int:
        return sum(d.count for d in self.documents)
