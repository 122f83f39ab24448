"""Find the date expressions of running text: every span the date normaliser can read.

``find_dates(text, anchor)`` returns :class:`DateMatch` es, sorted, never overlapping, each
on token edges (:mod:`annotator.core.tokens`, so never inside a word or a grapheme
cluster) with the value :func:`annotator.core.dates.normalise_date` gives the span's
text. It is the rule recommender's engine ("dates by rule", issue 15).

How a span is chosen:

* **Longest match wins.** Within a run of words the normaliser knows (see below), the
  leftmost start is taken with the longest window of at most *max_tokens* words that
  reads as a date: «نهاية عام 2026», not «عام 2026»; «بين عامي 2024 و2026» as one range.
* **Signal words stay outside when they change nothing.** A leading في، منذ، بحلول، حتى،
  خلال، قبل، بعد … (a whole word, with or without a clitic: «وفي») is left out of the span
  when the rest reads as the same value, kind and mod, as the annotation guideline asks
  (the time expression without its signal words): «بحلول نهاية عام 2026» gives «نهاية
  عام 2026», «وفي 2026» gives «2026», «خلال ستة أشهر» gives «ستة أشهر». A signal that
  changes the value stays: «قبل أسبوع» (a date, not the duration «أسبوع»); so do من، منذ،
  بين، ما opening a range («من 15 إلى 20 أيلول»). Trailing signal words are dropped the
  same way, and a duration ends before من («ثلاثة أشهر من بداية العام» is «ثلاثة أشهر»
  and «بداية العام»: the normaliser ignores what follows من).
* **Edges.** A span never starts with an adjective of the word before it (المقبل، الحالي،
  الأخيرة …) nor ends with a signal, هذا، نحو، مطلع، كل، بضعة or a number word: such windows
  are not read (the normaliser would read «الحالي 2026» as 2026).
* **A clitic written on a word stays with it** («بنهاية العام»، «للعام المقبل»، «و2026»):
  a span starts and ends on token edges, the edges an annotator's word-snapped selection
  has, and the guideline keeps such clitics in the span.
* **Windows.** A window is a run of word tokens every one of which the normaliser knows
  after splitting its clitics (``date_common.is_known_word``: month, weekday, unit, number
  words, signals, numbers …), joined only by spaces or ``/ - ( )``; any other punctuation,
  a line break, an unknown word, or two numbers, weekdays or different months side by side
  end it (a ``)`` closing a ``(`` of the span joins it: «كانون الثاني (يناير)»). A window
  must hold a *trigger*: a month or weekday name, a year word, a unit, a relative-day
  word, a season, decade, frequency or "now/recently" word, or a number with four
  digits. So the normaliser is only asked about the few words around triggers; a first
  pass with Python's ``re`` finds them.
* **No junk.** A match whose only content word (ignoring clitics, signal words, نحو /
  حوالي and fillers) is one of these is refused unless a signal word stands right before
  it or inside the span:

  - a bare four-digit number, and only from 1900 to 2099 («في 2026» yes, «2000 شخص»,
    «نحو 2500» and «في 1500 حالة» no; also kept in parentheses «(2019)» and after «و» right
    after another date: «في 2024 و2026»);
  - a singular or plural unit (عام، يوم، ساعة، أيام، سنوات …): only after خلال، منذ، طوال،
    غضون، مدى، قبل، بعد or with the clitic ل («لسنة إضافية»), so «بشكل عام» is not a date;
  - العام، السنة، الشهر، الأسبوع alone, الماضي، السابق، المستقبل، الغد («الرئيس السابق»،
    «تيار المستقبل»), a season alone, a month name that is also a common word or name
    (مارس، ماي، نيسان، آب، أوت، جوان): after في، منذ، حتى، بحلول، خلال …, and not followed
    by an unknown word with ال, an adjective that makes it something else («بعد الربيع
    العربي»، «في العام الدراسي»).

  Adjectives of frequency (يومية، السنوية، الشهرية …) alone are never proposed (يوميًا،
  سنويًا are), nor anything followed by هـ، هجري، للهجرة («عام 1445 هـ»: the normaliser
  gives Hijri dates no value). Numbers that are not years (12، 3، 2,500) are not triggers.

Without an anchor, relative expressions are still found (read with a stand-in anchor, as
``needs_anchor`` does) and their ``value`` is what the normaliser gives without one:
``None``, or a placeholder such as ``XXXX-WXX-5`` for a weekday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from annotator.core import date_words as W
from annotator.core import graphemes
from annotator.core.date_common import is_known_word, tokens
from annotator.core.dates import DateValue, normalise_tokens
from annotator.core.tokens import iter_tokens

#: The anchor relative expressions are recognised with when the caller has none (as ``needs_anchor``).
STAND_IN_ANCHOR = date(2000, 1, 5)


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a text: ``text[start:end]`` (code points) and its value."""

    start: int
    end: int
    value: DateValue | None


# -- the words ------------------------------------------------------------------------------

def _f(*words: str) -> frozenset[str]:
    return frozenset(W.fold(w) for w in words)


# Words the normaliser reads but does not list in its vocabulary: ما بين، الصيف الحار، كل جمعة,
# and with ال a unit or a number (الأسابيع المقبلة، الأشهر الستة الأولى، الأيام الثلاثة الماضية).
_ALSO_KNOWN = (_f("ما", "الحار", "البارد", "القارس", "جمعة", "اثنين", "ثلاثاء", "أربعاء", "خميس", "سبت", "أحد",
                  *W.CLITICS)
               | frozenset("ال" + w for table in (W.UNITS, W.CARDINAL_UNITS, W.CARDINAL_TENS) for w in table))


def _triggers() -> frozenset[str]:
    words: set[str] = set()
    for table in (W.MONTHS, W.WEEKDAYS, W.UNITS, W.SEASONS, W.DECADES, W.FREQUENCY):
        for key in table:
            words.add(key.split()[0])  # كانون (الثاني), تشرين (الأول)
    words.update(W.YEAR_WORDS | W.MONTH_WORDS | W.DAY_WORDS)
    words.update("ال" + unit for unit in W.UNITS)  # الأشهر (الأخيرة)، الأيام (الثلاثة الماضية)
    for key in W.REFS:
        words.add(key.split()[0])  # الآن، مؤخرًا، الوقت (الحالي)، الفترة (الماضية)
    words.update(_f("اليوم", "أمس", "الأمس", "البارحة", "غدا", "الغد", "الأسبوع", "الشهر", "العام", "السنة",
                    "الربع", "النصف", "فصل", "الأشهر", "الشهور"))
    return frozenset(words)


TRIGGERS = _triggers()
_YEARISH = re.compile(r"\d{4}")
_BARE_YEAR = re.compile(r"\d{4}")

# Words that carry no content of their own in a span (for the junk rule).
_CLITICS = frozenset(W.CLITICS)
_NOT_CONTENT = W.SIGNALS | W.APPROX_WORDS | W.FILLERS | _CLITICS | _f("ما")
# Signals that may open a span or be dropped from its edges when they change nothing.
_LEAD = W.SIGNALS | _CLITICS | _f("ما")
_TRAIL = W.SIGNALS | _CLITICS | _f("ما", "بين", "إلى", "حتى", "فقط", "الحار", "البارد", "القارس")
_RANGE_OPENERS = _f("من", "منذ", "بين", "ما")
# Words no expression starts with (and signals the parser reads past: «في X» is X) ...
_SKIP_START = ((W.SIGNALS - _f("قبل", "بعد", "قبيل", "من", "منذ")) | _CLITICS | W.FUTURE | W.CURRENT
               | (W.PAST - W.REFS.keys()))
# ... and words none ends with (but من: «ثلاثة أشهر من …»; not a number word that names a weekday after كل)
_SKIP_END = ((W.SIGNALS - _f("من")) | W.THIS | _CLITICS | W.APPROX_WORDS | (W.MOD_WORDS.keys() - W.FILLERS)
             | W.VAGUE_QUANTITY | _f("بين", "إلى", "حتى", "كل", "شبه", "ما")
             | frozenset(w for w in W.CARDINAL_UNITS.keys() | W.CARDINAL_TENS.keys() if "ال" + w not in W.WEEKDAYS))

# Signals that make a bare year, month, season or "the year" a date (not من، على، مع، عند: «أكثر من 2000»).
_PLACE_SIGNALS = _f("في", "منذ", "حتى", "بحلول", "خلال", "طوال", "لغاية", "غضون", "قبل", "بعد", "قبيل", "أثناء",
                    "إبان", "اعتبارا", "ابتداء")
_DURATION_SIGNALS = _f("خلال", "منذ", "طوال", "غضون", "مدى", "قبل", "بعد", "قبيل", "ل")  # «لسنة إضافية»
_BARE_UNITS = frozenset(w for w, (_, implied) in W.UNITS.items() if implied != 2)  # not the duals
_NEED_PLACE_SIGNAL = (_f("العام", "السنة", "الشهر", "الأسبوع", "الماضي", "السابق", "المستقبل", "الغد",
                         "مارس", "ماي", "نيسان", "آب", "أوت", "جوان") | frozenset(W.SEASONS))
_NEVER_ALONE = frozenset(w for w in W.FREQUENCY if not w.endswith("يا"))  # يومية، السنوية: adjectives

# A word for the first pass (letters, digits, marks, tatweel), and what may join two words of a window.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u0300-\u036f]+")
_SOFT_GAP = re.compile(r"[ \t\u00a0\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff/\-()]*")
_SOFT_PUNCT = frozenset("/-()")
_NEXT_WORD = re.compile(r"[ \u00a0\u200f\u200e]+([\w\u064b-\u065f\u0670\u0640]+)")


@lru_cache(maxsize=1 << 16)
def _split(word: str) -> tuple[str, ...]:
    """The normaliser's tokens of one word (folded, clitics split off)."""
    return tuple(tokens(word))


_KINDS: dict[str, int] = {}


def _kind(word: str) -> int:
    """0: a word the normaliser does not know; 1: known; 2: known and a trigger (remembered:
    the first pass asks about every word of the text)."""
    kind = _KINDS.get(word)
    if kind is None:
        toks = _split(word)
        if not toks or not all(is_known_word(t) or t in _ALSO_KNOWN for t in toks):
            kind = 0
        else:
            kind = 2 if any(t in TRIGGERS or _YEARISH.search(t) for t in toks) else 1
        if len(_KINDS) >= 1 << 18:
            _KINDS.clear()
        _KINDS[word] = kind
    return kind


# -- finding ----------------------------------------------------------------------------------

def _islands(text: str) -> list[tuple[int, int]]:
    """Character ranges of runs of known words (joined by soft gaps) that hold a trigger."""
    out: list[tuple[int, int]] = []
    start = end = -1
    trigger = False
    for m in _WORD.finditer(text):
        k = _kind(m.group())
        if k == 0:
            if trigger:
                out.append((start, end))
            start, trigger = -1, False
            continue
        s, e = m.span()
        if start >= 0 and _SOFT_GAP.fullmatch(text, end, s) is not None:
            end = e
            trigger = trigger or k == 2
            continue
        if trigger:
            out.append((start, end))
        start, end, trigger = s, e, k == 2
    if trigger:
        out.append((start, end))
    return out


@dataclass
class _Unit:
    """A word token of a window: its edges and the normaliser's tokens of it (with any ``/`` or
    ``-`` token written between it and the word before)."""

    start: int
    end: int
    toks: tuple[str, ...]
    trigger: bool
    joiner: tuple[str, ...] = ()
    plain: bool = False  # only whitespace between it and the word before (no joiner, no format character)
    skip_start: bool = False
    skip_end: bool = False

    def __post_init__(self) -> None:
        # the parser reads «في X» as X: a window starting with such a signal is the window after it
        # (not so قبل / بعد, which shift the value, nor من / منذ, which open ranges); no rule reads
        # a window that starts with المقبل or ends with في، هذا، نحو، مطلع، ستة …
        self.skip_start = all(t in _SKIP_START for t in self.toks)
        self.skip_end = all(t in _SKIP_END for t in self.toks)


def _runs(text: str, lo: int, hi: int) -> list[list[_Unit]]:
    """The exact tokens of ``text[lo:hi]`` cut into runs of known words joined by soft gaps."""
    runs: list[list[_Unit]] = []
    run: list[_Unit] = []
    joiner: list[str] = []
    prev_end = lo
    for tok in iter_tokens(text, lo, hi):
        piece = text[tok.start : tok.end]
        broken = "\n" in text[prev_end : tok.start] or "\u2029" in text[prev_end : tok.start]
        prev_end = tok.end
        if broken and run:
            runs.append(run)
            run, joiner = [], []
        if not tok.is_word:
            if piece in _SOFT_PUNCT:
                joiner.extend(_split(piece))
                continue
            if run:
                runs.append(run)
            run, joiner = [], []
            continue
        k = _kind(piece)
        if k == 0:
            if run:
                runs.append(run)
            run, joiner = [], []
            continue
        toks = _split(piece)
        if run and not joiner and _never_adjacent(run[-1].toks, toks):
            runs.append(run)
            run = []
        gap = text[run[-1].end : tok.start] if run else ""
        run.append(_Unit(tok.start, tok.end, toks, k == 2, tuple(joiner) if run else (),
                         gap.isspace() and not joiner))
        joiner = []
    if run:
        runs.append(run)
    return [r for r in runs if any(u.trigger for u in r)]


def _never_adjacent(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether no expression the normaliser reads holds word *a* right before word *b*: two
    numbers, two weekdays or two different months with nothing between them. Cutting runs
    there keeps tables («2019 2020 2021 …», «يناير فبراير مارس …») from costing eight
    readings a word."""
    if len(a) != 1 or len(b) != 1:
        return False
    x, y = a[0], b[0]
    if x[0].isdigit() and y[0].isdigit():
        return True
    if x in W.WEEKDAYS and y in W.WEEKDAYS:
        return True
    return x in W.MONTHS and y in W.MONTHS and W.MONTHS[x] != W.MONTHS[y]


def _window(run: list[_Unit], i: int, j: int) -> list[str]:
    toks: list[str] = list(run[i].toks)
    for u in run[i + 1 : j]:
        toks.extend(u.joiner)
        toks.extend(u.toks)
    return toks


def _same(a: DateValue, b: DateValue) -> bool:
    return (a.value, a.kind, a.mod) == (b.value, b.kind, b.mod)


def _trim(run: list[_Unit], i: int, j: int, r: DateValue, anchor: date) -> tuple[int, int, DateValue]:
    """Drop signal words at the edges of ``run[i:j]`` while the rest reads the same; the
    edges left and the reading of what is left."""
    while j - i > 1 and all(t in _LEAD for t in run[i].toks):
        if r.kind == "range" and any(t in _RANGE_OPENERS for t in run[i].toks):
            break
        shorter = normalise_tokens(_window(run, i + 1, j), anchor)
        if shorter is None or not _same(shorter, r):
            break
        i, r = i + 1, shorter
    if r.kind == "duration":  # the normaliser reads «ثلاثة أشهر من …» as the duration, whatever follows من
        cut = next((k for k in range(i + 1, j) if run[k].toks[0] == "من"), None)
        shorter = None if cut is None else normalise_tokens(_window(run, i, cut), anchor)
        if cut is not None and shorter is not None and _same(shorter, r):
            j, r = cut, shorter
    while j - i > 1 and all(t in _TRAIL for t in run[j - 1].toks):
        shorter = normalise_tokens(_window(run, i, j - 1), anchor)
        if shorter is None or not _same(shorter, r):
            break
        j, r = j - 1, shorter
    return i, j, r


def _acceptable(text: str, run: list[_Unit], i: int, j: int, after: int) -> bool:
    """The junk rule (module docstring): is ``run[i:j]`` a date on its own, or has it a signal?

    *after* is where the previous match in the run ended (-1 if none)."""
    return _alone_or_signalled(text, run, i, j, after) and not _hijri_follows(text, run[j - 1].end)


def _alone_or_signalled(text: str, run: list[_Unit], i: int, j: int, after: int) -> bool:
    words = [t for u in run[i:j] for t in u.toks]
    content = [t for t in words if t not in _NOT_CONTENT]
    if len(content) != 1:
        return True
    word = content[0]
    if word in _NEVER_ALONE:
        return False
    bare_year = _BARE_YEAR.fullmatch(word) is not None
    if bare_year and not 1900 <= int(word) <= 2099:  # «في 1500 حالة»; «عام 1258» has its year word
        return False
    if not bare_year and word not in _BARE_UNITS and word not in _NEED_PLACE_SIGNAL:
        return True
    signals = {t for t in words if t in W.SIGNALS or t == "ل"}
    if i > 0:
        signals.update(t for t in run[i - 1].toks if t in W.SIGNALS)
    if bare_year:
        if signals & _PLACE_SIGNALS:
            return True
        start, end = run[i].start, run[j - 1].end
        if text[max(0, start - 8) : start].rstrip().endswith("(") and text[end : end + 8].lstrip().startswith(")"):
            return True
        # «في 2024 و2026»، «في 2024 و 2026»: right after another date, joined by و
        if run[i].toks[0] == "و" and i > 0 and after == run[i - 1].end:
            return True
        return i > 1 and run[i - 1].toks == ("و",) and after == run[i - 2].end
    if word in _BARE_UNITS:
        return bool(signals & _DURATION_SIGNALS)
    return bool(signals & _PLACE_SIGNALS) and not _adjective_follows(text, run[j - 1].end)


def _hijri_follows(text: str, end: int) -> bool:
    """Whether هـ / هجري / للهجرة follows: «عام 1445 هـ» is a Hijri year (the normaliser gives none)."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and W.fold(m[1]) in W.HIJRI_MONTHS


def _adjective_follows(text: str, end: int) -> bool:
    """Whether an unknown word with ال follows: «الربيع العربي»، «العام الدراسي» name something else."""
    m = _NEXT_WORD.match(text, end)
    return m is not None and W.fold(m[1]).startswith("ال") and _kind(m[1]) == 0


def _close_paren(text: str, start: int, end: int) -> int:
    """*end*, or past the ``)`` that closes a ``(`` of the span: «كانون الثاني (يناير)»."""
    span = text[start:end]
    if span.count("(") <= span.count(")"):
        return end
    pos = end
    while pos < len(text) and pos - end < 4 and text[pos] in " \u00a0\u200f\u200e":
        pos += 1
    return graphemes.next_boundary(text, pos) if pos < len(text) and text[pos] == ")" else end


#: A match in a run: its edges, the normaliser's tokens of its words, their reading, and whether
#: those are the span's tokens for sure (its words are separated by whitespace only).
_Found = tuple[int, int, list[str], DateValue, bool]


def _find_in_run(text: str, run: list[_Unit], anchor: date, max_tokens: int) -> list[_Found]:
    """Leftmost-longest matches of one run, signal words trimmed, junk refused."""
    found: list[_Found] = []
    after = -1
    i, n = 0, len(run)
    while i < n:
        top = min(n, i + max_tokens)
        first = next((k for k in range(i, top) if run[k].trigger), None)
        hit = None
        if first is not None and not run[i].skip_start:
            for j in range(top, first, -1):
                if run[j - 1].skip_end or (j == i + 1 and not _acceptable(text, run, i, j, after)):
                    continue  # a window no rule reads, or one word that would be refused anyway
                r = normalise_tokens(_window(run, i, j), anchor)
                if r is not None:
                    hit = (j, r)
                    break
        if hit is None:
            i += 1
            continue
        a, b, reading = _trim(run, i, hit[0], hit[1], anchor)
        if not _acceptable(text, run, a, b, after):
            i += 1
            continue
        end = _close_paren(text, run[a].start, run[b - 1].end)
        plain = end == run[b - 1].end and all(u.plain for u in run[a + 1 : b])
        found.append((run[a].start, end, _window(run, a, b), reading, plain))
        after = run[b - 1].end
        i = b
    return found


def find_dates(text: str, anchor: date | None = None, *, max_tokens: int = 8) -> list[DateMatch]:
    """Every date expression of *text* the normaliser reads, longest first, never overlapping
    (see the module docstring for the rules); ``value`` is ``normalise_date(span, anchor)``."""
    reading_anchor = anchor or STAND_IN_ANCHOR
    out: list[DateMatch] = []
    for lo, hi in _regions(text):
        for run in _runs(text, lo, hi):
            for s, e, toks, reading, plain in _find_in_run(text, run, reading_anchor, max_tokens):
                span = text[s:e]
                if not plain and tokens(span) != toks:  # read word by word, the span reads otherwise
                    toks = tokens(span)
                    if normalise_tokens(toks, reading_anchor) is None:
                        continue
                elif anchor is not None:
                    out.append(DateMatch(s, e, reading))  # normalise_date(span, anchor): the same tokens
                    continue
                value = normalise_tokens(toks, anchor)
                if value is None and anchor is not None:
                    continue
                out.append(DateMatch(s, e, value))
    return out


def _regions(text: str) -> list[tuple[int, int]]:
    """The islands widened to the whitespace around them (so that they hold whole tokens and
    start on a cluster boundary), overlapping ones merged."""
    out: list[tuple[int, int]] = []
    for lo, hi in _islands(text):
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        lo = graphemes.snap_down(text, lo)
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out
