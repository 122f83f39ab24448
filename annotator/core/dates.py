"""Normalise Arabic date expressions to ISO 8601 / TIMEX3-style values.

``normalise_date(text, anchor)`` reads the text of a DATE span and proposes a value:

===================================  =============  ==========================================
value                                kind           examples
===================================  =============  ==========================================
``2026`` ``2026-09`` ``2024-09-27``  date           عام 2026، أيلول/سبتمبر 2026، ٢٧ أيلول ٢٠٢٤
``2026-Q4`` ``2026-H1``              date           الربع الأخير من 2026، النصف الأول من العام
``2026-W40`` ``2026-W40-WE``         date           الأسبوع المقبل، نهاية الأسبوع
``2023-FA`` ``XXXX-SU``              date           الخريف الماضي، فصل الصيف (in general)
``199``                              date           التسعينيات (a decade)
``XXXX-09`` ``XXXX-WXX-5``           date           أيلول، الجمعة (when there is no anchor)
``2024/2026`` ``2025-09-15/2025-09-20``  range      بين عامي 2024 و2026، من 15 إلى 20 أيلول 2025
``P6M`` ``P2W`` ``PXM`` ``PT2H``     duration       ستة أشهر، أسبوعين، منذ شهور، ساعتين
``P1D`` ``XXXX-WXX-5``               set            يوميًا، كل جمعة
``PRESENT_REF`` ``PAST_REF``         date           الآن، مؤخرًا، في السابق
===================================  =============  ==========================================

A range is written ``start/end`` as in ISO 8601 (``..`` for an open end). Where an
expression names part of a period (مطلع، منتصف، نهاية، أواخر) the value is the
period and ``mod`` is TIMEX3's ``START``, ``MID`` or ``END``; نحو / حوالي give
``APPROX``. Signal words around the expression (في، منذ، بحلول، حتى، خلال) are
not part of the value.

Relative expressions (أمس، الجمعة، العام الماضي، الأسبوع المقبل، نهاية العام) are
resolved against *anchor*, the document's publication date, and the result says
``relative=True``. Without an anchor they give no value (``None``), except that a
weekday or a month without a year gives the TIMEX3 placeholder (``XXXX-WXX-5``,
``XXXX-09``). Choices where the text alone cannot decide:

* a bare weekday is the most recent such day on or before the anchor (news
  reports the past); with المقبل / القادم it is the next one after it, with
  الماضي the one before it;
* a month or day without a year takes the year that puts it nearest the anchor
  (ties go to the past): أغسطس in January 2024 is 2023-08, آذار is 2024-03;
* a season without a year is the latest one that has begun by the anchor; seasons
  are named by the year they begin in (winter 2023 is December 2023 to February 2024);
* ``قبل`` + a duration is a date that far before the anchor, at the unit's precision
  (قبل أسبوع = the previous ISO week); ``بعد`` likewise after it; ``منذ`` / ``خلال``
  + a duration give the duration;
* numeric dates are day/month/year (27/9/2024) unless only month/day/year fits.

Hijri dates are not normalised (``None``). Every function here is pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from annotator.core import date_words as W
from annotator.core.date_words import fold

DateKind = Literal["date", "duration", "range", "set"]

_DATE = (r"(?:\d{4}|\d{3}|\d{2}|XXXX)(?:-(?:(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?"
         r"|Q[1-4]|H[12]|W(?:0[1-9]|[1-4]\d|5[0-3]|XX)(?:-[1-7]|-WE)?|SP|SU|FA|WI))?")
#: Values a DATE span's ``value`` attribute may take (the default schema holds the same pattern).
TIMEX_PATTERN = (rf"(?!\.\.(?:/\.\.)?$)(?:{_DATE}|\.\.)(?:/(?:{_DATE}|\.\.))?"
                 r"|P(?:(?:\d+|X)[YMWD])+(?:T(?:(?:\d+|X)[HMS])+)?|PT(?:(?:\d+|X)[HMS])+"
                 r"|PRESENT_REF|PAST_REF|FUTURE_REF")
_TIMEX = re.compile(TIMEX_PATTERN)


@dataclass(frozen=True)
class DateValue:
    """A proposed normalisation: ``value`` (TIMEX3), its ``kind``, how it was found."""

    value: str
    kind: DateKind
    explanation: str
    mod: str | None = None
    relative: bool = False

    def attrs(self) -> dict[str, str]:
        """The DATE span attributes this proposal sets (``value`` and, if any, ``mod``)."""
        return {"value": self.value, **({"mod": self.mod} if self.mod else {})}


def is_timex_value(value: str) -> bool:
    """Whether *value* is a well-formed value (pattern, and a real calendar day)."""
    if not _TIMEX.fullmatch(value):
        return False
    for part in value.split("/"):
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", part)
        if m:
            try:
                date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return False
    return True


def anchor_from_meta(meta: Mapping[str, Any] | None) -> date | None:
    """The publication date in a document's ``meta["published"]`` (ISO date or date-time), else None."""
    raw = (meta or {}).get("published")
    if isinstance(raw, date):
        return raw if not isinstance(raw, datetime) else raw.date()
    if not isinstance(raw, str) or not raw.strip():
        return None
    text = raw.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            return None


def normalise_date(text: str, anchor: date | None = None) -> DateValue | None:
    """Propose a TIMEX3 value for the Arabic date expression *text* (see the module doc)."""
    toks = _merge_month_pairs(_tokens(text))
    if not toks or any(t in W.HIJRI_MONTHS for t in toks) or _has_two_word_hijri(toks):
        return None
    parser = _Parser(anchor)
    try:
        r = parser.parse(toks)
    except _NoValue:
        return None
    if r is None or not is_timex_value(r.value):
        return None
    return DateValue(r.value, r.kind, r.explanation, r.mod, parser.relative)


def needs_anchor(text: str) -> bool:
    """Whether the expression is relative: its value depends on the publication date."""
    v = normalise_date(text, date(2000, 1, 5))
    return v is not None and v.relative


# -- tokens -----------------------------------------------------------------------------

_EXTRA_WORDS = (
    "اليوم", "امس", "الامس", "البارحه", "غدا", "الغد", "اول", "بين", "الي", "حتي", "الربع", "النصف", "فصل",
    "كل", "شبه", "الاسبوع", "الشهر", "العام", "السنه", "الاشهر", "الشهور", "الفتره", "الاخير", "الاخيره",
    "الاولي", "الاول", "عطله", "القرن", "وقت", "الوقت", "الاونه", "المرحله", "يوم", "غد", "لاحق",
)


def _vocabulary() -> frozenset[str]:
    words: set[str] = set(_EXTRA_WORDS)
    for table in (W.MONTHS, W.WEEKDAYS, W.ORDINALS, W.CARDINAL_UNITS, W.CARDINAL_TENS, W.UNITS, W.MOD_WORDS,
                  W.SEASONS, W.DECADES, W.REFS, W.FREQUENCY):
        for key in table:
            words.update(key.split())
    for group in (W.PAST, W.FUTURE, W.CURRENT, W.THIS, W.YEAR_WORDS, W.MONTH_WORDS, W.SIGNALS, W.FILLERS,
                  W.APPROX_WORDS, W.VAGUE_QUANTITY, W.HIJRI_MONTHS):
        for key in group:
            words.update(key.split())
    return frozenset(words)


_VOCAB = _vocabulary()
_NUMERIC = re.compile(r"\d+(?:[./\-]\d+)*")


def _known(word: str) -> bool:
    return word in _VOCAB or _NUMERIC.fullmatch(word) is not None


def _split_clitics(word: str) -> list[str]:
    """``وفي`` -> و في, ``بنهاية`` -> ب نهاية, ``للعام`` -> ل العام, ``و2026`` -> و 2026."""
    if _known(word):
        return [word]
    for n in (1, 2):
        head, rest = word[:n], word[n:]
        if not rest or not all(c in W.CLITICS for c in head):
            continue
        if _known(rest):
            return [*head, rest]
        if head.endswith("ل") and rest.startswith("ل") and _known("ا" + rest):
            return [*head, "ا" + rest]
    return [word]


def _tokens(text: str) -> list[str]:
    s = fold(text)
    s = re.sub(r"(?<=\d)م(?!\w)", "", s)                      # 2026م (ميلادي)
    s = re.sub(r"(?<=\d)\.(?=\d)", "\x00", s)
    s = re.sub(r"(?<!\d)([/\-])|([/\-])(?!\d)", lambda m: f" {m.group(0)} ", s)
    s = re.sub(r"[^\w\s/\-\x00]", " ", s).replace("\x00", ".").replace("_", " ")
    out: list[str] = []
    for word in s.split():
        out.extend(_split_clitics(word))
    return out


def _merge_month_pairs(toks: list[str]) -> list[str]:
    """``أيلول / سبتمبر`` and ``كانون الثاني - يناير`` name one month: keep the first name."""
    out = list(toks)
    i = 0
    while i < len(out):
        first = next(((n, W.MONTHS[" ".join(out[i : i + n])]) for n in (2, 1)
                      if len(out[i : i + n]) == n and " ".join(out[i : i + n]) in W.MONTHS), None)
        if first is None:
            i += 1
            continue
        j = i + first[0]
        if j < len(out) and out[j] in ("/", "-"):
            second = next(((n, W.MONTHS[" ".join(out[j + 1 : j + 1 + n])]) for n in (2, 1)
                           if len(out[j + 1 : j + 1 + n]) == n and " ".join(out[j + 1 : j + 1 + n]) in W.MONTHS), None)
            if second is not None and second[1] == first[1]:
                del out[j : j + 1 + second[0]]
        i = j
    return out


def _has_two_word_hijri(toks: list[str]) -> bool:
    return any(f"{a} {b}" in W.HIJRI_MONTHS for a, b in zip(toks, toks[1:]))


# -- the parser -----------------------------------------------------------------------------

class _NoValue(Exception):
    """The expression is understood but has no value here (e.g. relative, no anchor)."""


@dataclass(frozen=True)
class _R:
    value: str
    kind: DateKind
    explanation: str
    mod: str | None = None


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + delta
    return n // 12, n % 12 + 1


def _strip_edges(toks: list[str]) -> list[str]:
    """Drop clitics, signal words and fillers at the edges (not قبل / بعد / من before a range)."""
    toks = list(toks)
    while toks and toks[-1] in W.FILLERS | set(W.CLITICS) | {"/", "-"}:
        toks.pop()
    while toks and (toks[0] in W.CLITICS or toks[0] in {"/", "-"} or toks[0] in W.TIME_OF_DAY):
        toks.pop(0)
    return toks


class _Parser:
    def __init__(self, anchor: date | None) -> None:
        self.anchor = anchor
        self.relative = False

    def need_anchor(self, what: str) -> date:
        if self.anchor is None:
            raise _NoValue(what)
        self.relative = True
        return self.anchor

    # -- entry --------------------------------------------------------------------------
    def parse(self, toks: list[str]) -> _R | None:
        toks = _strip_edges(toks)
        if not toks:
            return None
        for rule in (self._range, self._relative_day, self._signal, self._mod, self._whole_phrase, self._numeric,
                     self._day_month,
                     self._month, self._year, self._relative_unit, self._weekday,
                     self._part_of_year, self._season, self._frequency, self._plural_relative, self._duration):
            r = rule(toks)
            if r is not None:
                return r
        return None

    # -- ranges ------------------------------------------------------------------------
    def _range(self, toks: list[str]) -> _R | None:
        i = 0
        while i < len(toks) and toks[i] in {"في", "الفتره", "خلال", "ما", "مدى", "طوال"}:
            i += 1
        rest = toks[i:]
        left = right = None
        if rest and rest[0] == "بين" and "و" in rest[2:]:
            k = rest.index("و", 2)
            left, right = rest[1:k], rest[k + 1 :]
            if left and left[0] in ("عامي", "سنتي"):
                left = left[1:]
        else:
            start = 1 if rest and rest[0] in ("من", "منذ") else 0
            for k in range(start + 1, len(rest) - 1):
                if rest[k] in ("الي", "حتي", "-", "/"):
                    left, right = rest[start:k], rest[k + 1 :]
                    if rest[k] == "/" and not (len(left) == len(right) == 1 and left[0].isdigit()):
                        left = right = None  # أيلول / سبتمبر is one month, not a range
                        continue
                    break
            if left is None and start == 0 and len(rest) >= 1:
                m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", rest[0])
                if m and len(rest) > 1:
                    left, right = [m[1]], [m[2], *rest[1:]]
        if not left or not right:
            return None
        r_right = self.parse(right)
        if r_right is not None and r_right.value == "PRESENT_REF":
            if self.anchor is None:
                r_right = _R("..", "date", "now (no publication date: an open end)")
            else:
                r_right = _R(self.need_anchor("").isoformat(), "date", f"now, the publication date {self.anchor}")
        if r_right is None or r_right.kind != "date" or r_right.value.endswith("_REF"):
            return None
        r_left = None
        if not any(self._year_token(t) for t in left):
            r_left = self._borrow(left, r_right.value)
        if r_left is None:
            r_left = self.parse(left)
        if r_left is None or r_left.kind != "date" or r_left.value == r_right.value:
            return None
        if r_left.value > r_right.value and re.match(r"\d{4}-", r_left.value) and not any(
                self._year_token(t) for t in left):
            # منذ 17 تشرين الأول حتى الآن: a start without a year lies before the end
            r_left = _R(f"{int(r_left.value[:4]) - 1:04d}{r_left.value[4:]}", "date", r_left.explanation)
        value = f"{r_left.value}/{r_right.value}"
        return _R(value, "range", f"from {r_left.explanation} to {r_right.explanation}")

    def _borrow(self, left: list[str], right_value: str) -> _R | None:
        """The left side of a range takes what it lacks from the right: 15 (- 20 أيلول 2025)."""
        parts = right_value.split("-")
        if len(parts) == 3:
            day = self._day_at(left, 0)
            if day and day[1] == len(left):
                return _R(f"{parts[0]}-{parts[1]}-{day[0]:02d}", "date", f"day {day[0]} of the same month")
        if len(parts) >= 2 and parts[0].isdigit():
            month = self._month_at(left, 0)
            if month and month[1] == len(left):
                year = int(parts[0]) - (1 if month[0] > int(parts[1]) else 0)
                return _R(f"{year:04d}-{month[0]:02d}", "date", f"month {month[0]} of the same year")
        return None

    # -- signals and modifiers ------------------------------------------------------------
    def _signal(self, toks: list[str]) -> _R | None:
        head = toks[0]
        if head not in W.SIGNALS and head not in ("ما",):
            return None
        rest = toks[1:]
        if head in ("قبل", "بعد", "قبيل") and rest:
            dur = self._duration(rest)
            if dur is not None and "من" not in rest:
                return self._shifted(dur, -1 if head in ("قبل", "قبيل") else 1)
            if dur is not None:
                return dur
        return self.parse(rest)

    def _shifted(self, dur: _R, sign: int) -> _R:
        """قبل أسبوع / بعد ثلاثة أشهر: a date that far from the anchor, at the unit's precision."""
        m = re.fullmatch(r"P(T?)(\d+|X)([YMWDHM])", dur.value)
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        if m is None or m[2] == "X":
            return _R(ref, "date", f"{'before' if sign < 0 else 'after'} the publication date, unspecified")
        anchor = self.need_anchor("relative to the publication date")
        n, unit, time = int(m[2]) * sign, m[3], m[1]
        word = "earlier" if sign < 0 else "later"
        if time:
            return _R(anchor.isoformat(), "date", f"{abs(n)} {'hours' if unit == 'H' else 'minutes'} {word}: "
                                                  "the publication day")
        if unit == "D":
            return _R((anchor + timedelta(days=n)).isoformat(), "date", f"{abs(n)} day(s) {word} than {anchor}")
        if unit == "W":
            return _R(_iso_week(anchor + timedelta(weeks=n)), "date", f"{abs(n)} week(s) {word} than the week of {anchor}")
        if unit == "M":
            y, mo = _shift_month(anchor.year, anchor.month, n)
            return _R(f"{y}-{mo:02d}", "date", f"{abs(n)} month(s) {word} than {anchor:%Y-%m}")
        return _R(f"{anchor.year + n:04d}", "date", f"{abs(n)} year(s) {word} than {anchor.year}")

    def _mod(self, toks: list[str]) -> _R | None:
        head = toks[0]
        if head in W.APPROX_WORDS and len(toks) > 1:
            r = self.parse(toks[1:])
            return None if r is None else _R(r.value, r.kind, f"about {r.explanation}", "APPROX")
        mod = W.MOD_WORDS.get(head)
        if mod is None or len(toks) < 2 or toks[1] in ("امس", "من") and len(toks) == 2:
            return None
        rest = toks[1:]
        if rest[0] == "من":
            rest = rest[1:]
        if rest and rest[0] in ("ايام", "شهر") and len(rest) > 1:
            rest = rest[1:]
        r = self.parse(rest)
        if r is None or r.kind != "date" or r.value.endswith("_REF"):
            return None
        name = {"START": "the start", "MID": "the middle", "END": "the end"}[mod]
        if mod == "END" and re.fullmatch(r"\d{4}-W\d{2}", r.value):
            return _R(f"{r.value}-WE", "date", f"the weekend of {r.explanation}")
        return _R(r.value, "date", f"{name} of {r.explanation}", mod)

    # -- fixed phrases -------------------------------------------------------------------
    def _whole_phrase(self, toks: list[str]) -> _R | None:
        phrase = " ".join(toks)
        if phrase in W.REFS:
            ref = W.REFS[phrase]
            return _R(ref, "date", {"PRESENT_REF": "now", "PAST_REF": "the past, unspecified",
                                    "FUTURE_REF": "the future, unspecified"}[ref])
        if phrase in W.DECADES:
            d = W.DECADES[phrase]
            return _R(str(d), "date", f"the decade {d}0s")
        return None

    # -- numbers -------------------------------------------------------------------------
    @staticmethod
    def _year_token(tok: str) -> int | None:
        if re.fullmatch(r"\d{4}", tok) and 1000 <= int(tok) <= 2999:
            return int(tok)
        return None

    def _numeric(self, toks: list[str]) -> _R | None:
        i = 1 if toks[0] in W.YEAR_WORDS | W.DAY_WORDS else 0
        if len(toks) != i + 1:
            return None
        tok = toks[i]
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", tok)
        if m:
            return self._ymd(int(m[1]), int(m[2]), int(m[3]), "ISO date")
        m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", tok)
        if m:
            d, mo, y = int(m[1]), int(m[2]), int(m[3])
            if mo > 12 and d <= 12:
                return self._ymd(y, d, mo, "month/day/year (the day cannot be the month)")
            return self._ymd(y, mo, d, "day/month/year")
        m = re.fullmatch(r"(\d{4})[/\-](\d{4})", tok)
        if m and int(m[1]) < int(m[2]):
            return _R(f"{m[1]}/{m[2]}", "range", f"the years {m[1]} to {m[2]}")
        m = re.fullmatch(r"(\d{1,2})[/\-](\d{4})", tok)
        if m and 1 <= int(m[1]) <= 12:
            return _R(f"{m[2]}-{int(m[1]):02d}", "date", "month/year")
        year = self._year_token(tok)
        if year is not None:
            return _R(f"{year:04d}", "date", f"the year {year}")
        return None

    @staticmethod
    def _ymd(y: int, m: int, d: int, how: str) -> _R | None:
        try:
            return _R(date(y, m, d).isoformat(), "date", how)
        except ValueError:
            return None

    def _day_at(self, toks: list[str], i: int) -> tuple[int, int] | None:
        if i < len(toks) and re.fullmatch(r"\d{1,2}", toks[i]) and 1 <= int(toks[i]) <= 31:
            return int(toks[i]), i + 1
        for n in (4, 3, 2, 1):
            key = " ".join(toks[i : i + n])
            if len(toks[i : i + n]) == n and key in W.ORDINALS:
                return W.ORDINALS[key], i + n
        return None

    def _month_at(self, toks: list[str], i: int) -> tuple[int, int] | None:
        """A month name, possibly doubled (أيلول/سبتمبر, كانون الثاني (يناير))."""
        def one(j: int) -> tuple[int, int] | None:
            for n in (2, 1):
                key = " ".join(toks[j : j + n])
                if len(toks[j : j + n]) == n and key in W.MONTHS:
                    return W.MONTHS[key], j + n
            return None

        if i < len(toks) and toks[i] in W.MONTH_WORDS:
            i += 1
        first = one(i)
        if first is None:
            return None
        month, j = first
        k = j + 1 if j < len(toks) and toks[j] in ("/", "-", "او") else j
        second = one(k) if k < len(toks) else None
        if second is not None and second[0] == month:
            j = second[1]
        return month, j

    def _year_tail(self, toks: list[str]) -> tuple[int, str] | None:
        """The year named by what follows a month or day (``2024``, ``من العام الماضي``); None if nothing."""
        toks = [t for t in toks if t not in W.FILLERS]
        if not toks:
            return None
        if toks[0] == "من":
            toks = toks[1:]
        r = self.parse(toks)
        if r is None or not re.fullmatch(r"\d{4}", r.value):
            raise _NoMatch
        return int(r.value), r.explanation

    def _nearest(self, month: int, day: int | None) -> tuple[int, str]:
        anchor = self.need_anchor("a date without a year")
        best: tuple[int, int] | None = None
        for y in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                when = date(y, month, day or 15)
            except ValueError:
                continue
            dist = abs((when - anchor).days) if day else abs((y * 12 + month) - (anchor.year * 12 + anchor.month))
            if best is None or dist < best[0] or (dist == best[0] and y < best[1]):
                best = (dist, y)
        assert best is not None
        return best[1], f"the year that puts it nearest the publication date {anchor}"

    def _day_month(self, toks: list[str]) -> _R | None:
        i = 0
        weekday = None
        if toks[i] in W.DAY_WORDS:
            i += 1
        if i < len(toks) and toks[i] in W.WEEKDAYS:
            weekday = W.WEEKDAYS[toks[i]]
            i += 1
        day = self._day_at(toks, i)
        if day is None:
            return None
        d, i = day
        if i < len(toks) and toks[i] == "من":
            i += 1
        month = self._month_at(toks, i)
        if month is None:
            return None
        mo, i = month
        try:
            tail = self._year_tail(toks[i:])
        except _NoMatch:
            return None
        if tail is None:
            if self.anchor is None:
                return _R(f"XXXX-{mo:02d}-{d:02d}", "date", "day and month without a year")
            y, how = self._nearest(mo, d)
        else:
            y, how = tail
        r = self._ymd(y, mo, d, f"day {d}, month {mo}, {how}")
        if r is not None and weekday is not None and date.fromisoformat(r.value).weekday() != weekday:
            r = _R(r.value, "date", f"{r.explanation} (note: that day is not a {W.WEEKDAY_NAMES[weekday]})")
        return r

    def _month(self, toks: list[str]) -> _R | None:
        month = self._month_at(toks, 0)
        if month is None:
            return None
        mo, i = month
        try:
            tail = self._year_tail(toks[i:])
        except _NoMatch:
            return None
        if tail is None:
            if self.anchor is None:
                return _R(f"XXXX-{mo:02d}", "date", "a month without a year")
            y, how = self._nearest(mo, None)
        else:
            y, how = tail
        return _R(f"{y:04d}-{mo:02d}", "date", f"month {mo}, {how}")

    def _year(self, toks: list[str]) -> _R | None:
        """عام 2026، العام 2017، العام الفائت (2024): an explicit year wins over a relative word."""
        years = [self._year_token(t) for t in toks]
        found = [y for y in years if y is not None]
        if len(found) != 1:
            return None
        others = [t for t, y in zip(toks, years) if y is None]
        if all(t in W.YEAR_WORDS | W.PAST | W.FUTURE | W.CURRENT | W.THIS | W.FILLERS for t in others):
            return _R(f"{found[0]:04d}", "date", f"the year {found[0]}")
        return None

    # -- relative expressions ------------------------------------------------------------
    def _relative_unit(self, toks: list[str]) -> _R | None:
        """(هذا) العام / الشهر / الأسبوع (الماضي | المقبل | الحالي), العام قبل الماضي."""
        i = 1 if toks[0] in W.THIS else 0
        if i >= len(toks):
            return None
        unit = {"العام": "Y", "السنه": "Y", "عام": "Y", "الشهر": "M", "شهر": "M", "الاسبوع": "W"}.get(toks[i])
        if unit is None:
            return None
        rest = toks[i + 1 :]
        if rest[:2] == ["قبل", "الماضي"] or rest[:2] == ["قبل", "الماضيه"]:
            delta, rest = -2, rest[2:]
        elif rest and rest[0] in W.PAST:
            delta, rest = -1, rest[1:]
        elif rest and rest[0] in W.FUTURE:
            delta, rest = 1, rest[1:]
        elif rest and rest[0] in W.CURRENT:
            delta, rest = 0, rest[1:]
        else:
            delta = 0
            if toks[i] in ("عام", "شهر") and i == 0:
                return None
        if any(t not in W.FILLERS for t in rest):
            return None
        anchor = self.need_anchor("relative to the publication date")
        where = {-2: "two before", -1: "before", 0: "of", 1: "after"}[delta]
        if unit == "Y":
            return _R(f"{anchor.year + delta:04d}", "date", f"the year {where} the publication date {anchor}")
        if unit == "M":
            y, m = _shift_month(anchor.year, anchor.month, delta)
            return _R(f"{y:04d}-{m:02d}", "date", f"the month {where} the publication date {anchor}")
        return _R(_iso_week(anchor + timedelta(weeks=delta)), "date",
                  f"the ISO week {where} the publication date {anchor}")

    def _relative_day(self, toks: list[str]) -> _R | None:
        """اليوم، أمس، أول أمس، غدًا، بعد غد (optionally with the weekday: أمس الثلاثاء)."""
        phrase_days = {("اليوم",): 0, ("امس",): -1, ("الامس",): -1, ("البارحه",): -1, ("امس", "الاول"): -2,
                       ("اول", "امس"): -2, ("اول", "من", "امس"): -2, ("غدا",): 1, ("الغد",): 1,
                       ("بعد", "غد"): 2, ("بعد", "الغد"): 2}
        for words, delta in sorted(phrase_days.items(), key=lambda kv: -len(kv[0])):
            n = len(words)
            if tuple(toks[:n]) != words:
                continue
            rest = [t for t in toks[n:] if t not in W.FILLERS and t not in W.DAY_WORDS]
            weekday = None
            if rest and rest[0] in W.WEEKDAYS and len(rest) == 1:
                weekday = W.WEEKDAYS[rest[0]]
            elif rest:
                return None
            anchor = self.need_anchor("relative to the publication date")
            day = anchor + timedelta(days=delta)
            how = {0: "the publication date", -1: "the day before the publication date",
                   -2: "two days before the publication date", 1: "the day after the publication date",
                   2: "two days after the publication date"}[delta]
            if weekday is not None and day.weekday() != weekday:
                shift = (weekday - day.weekday() + 3) % 7 - 3
                day = day + timedelta(days=shift)
                how += f", moved to the nearest {W.WEEKDAY_NAMES[weekday]} named in the text"
            return _R(day.isoformat(), "date", f"{how} ({anchor})")
        return None

    def _weekday(self, toks: list[str]) -> _R | None:
        i = 1 if toks[0] in W.DAY_WORDS else 0
        if i >= len(toks) or toks[i] not in W.WEEKDAYS:
            return None
        wd = W.WEEKDAYS[toks[i]]
        rest = [t for t in toks[i + 1 :] if t not in W.FILLERS]
        direction = 0
        if rest and rest[0] in W.PAST:
            direction, rest = -1, rest[1:]
        elif rest and rest[0] in W.FUTURE:
            direction, rest = 1, rest[1:]
        elif rest and rest[0] in W.THIS | W.CURRENT:
            rest = rest[1:]
        if rest:
            return None
        name = W.WEEKDAY_NAMES[wd]
        if self.anchor is None:
            return _R(f"XXXX-WXX-{wd + 1}", "date", f"a {name} (no publication date to place it)")
        anchor = self.need_anchor("")
        if direction > 0:
            day = anchor + timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
            return _R(day.isoformat(), "date", f"the next {name} after the publication date {anchor}")
        if direction < 0:
            day = anchor - timedelta(days=(anchor.weekday() - wd - 1) % 7 + 1)
            return _R(day.isoformat(), "date", f"the {name} before the publication date {anchor}")
        day = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
        return _R(day.isoformat(), "date", f"the {name} on or before the publication date {anchor}")

    def _part_year(self, toks: list[str]) -> tuple[int, str]:
        """The year of ``من 2026`` / ``من العام المقبل`` after a quarter or half; the anchor's if none."""
        tail = self._year_tail(toks)
        if tail is not None:
            return tail
        anchor = self.need_anchor("a part of an unnamed year")
        return anchor.year, f"the year of the publication date {anchor}"

    def _part_of_year(self, toks: list[str]) -> _R | None:
        """الربع الأخير من 2026، النصف الأول من العام، الأشهر الستة الأولى من عام 2024."""
        first, rest = toks[0], toks[1:]
        try:
            if first in ("الربع", "النصف") and rest:
                if rest[0] in ("الاخير", "الاخيره"):
                    n, k = (4 if first == "الربع" else 2), 1
                else:
                    o = self._day_at(rest, 0)
                    if o is None or o[0] > (4 if first == "الربع" else 2):
                        return None
                    n, k = o
                y, how = self._part_year(rest[k:])
                code = f"Q{n}" if first == "الربع" else f"H{n}"
                return _R(f"{y:04d}-{code}", "date", f"{'quarter' if first == 'الربع' else 'half'} {n} of {how}")
            if first in ("الاشهر", "الشهور") and len(rest) >= 2:
                num = self._number_at([t[2:] if t.startswith("ال") else t for t in rest], 0)
                if num is None or num[1] >= len(rest) or not 1 <= num[0] <= 12:
                    return None
                n, k = num
                which = rest[k]
                if which not in ("الاولي", "الاول", "الاخيره", "الاخير"):
                    return None
                y, how = self._part_year(rest[k + 1 :])
                first_months = which.startswith("الاول")
                named = {(6, True): "H1", (6, False): "H2", (3, True): "Q1", (3, False): "Q4"}.get((n, first_months))
                if named:
                    return _R(f"{y:04d}-{named}", "date", f"the {'first' if first_months else 'last'} {n} months of {how}")
                a, b = (1, n) if first_months else (13 - n, 12)
                return _R(f"{y:04d}-{a:02d}/{y:04d}-{b:02d}", "range", f"months {a} to {b} of {how}")
        except _NoMatch:
            return None
        return None

    def _season(self, toks: list[str]) -> _R | None:
        generic = toks[0] == "فصل"
        i = 1 if generic else 0
        if i >= len(toks) or toks[i] not in W.SEASONS:
            return None
        code = W.SEASONS[toks[i]]
        rest = [t for t in toks[i + 1 :] if t not in W.FILLERS and t not in ("الحار", "البارد", "القارس")]
        direction = None
        if rest and rest[0] in W.PAST | W.FUTURE | W.CURRENT | W.THIS:
            direction = -1 if rest[0] in W.PAST else 1 if rest[0] in W.FUTURE else 0
            rest = rest[1:]
        if rest:
            try:
                tail = self._year_tail(rest)
            except _NoMatch:
                return None
            assert tail is not None
            return _R(f"{tail[0]:04d}-{code}", "date", f"season {code} of {tail[1]}")
        if generic and direction is None:
            return _R(f"XXXX-{code}", "date", "the season in general")
        anchor = self.need_anchor("a season without a year")
        start_month = W.SEASON_START_MONTH[code]
        begun = [y for y in (anchor.year + 1, anchor.year, anchor.year - 1, anchor.year - 2)
                 if date(y, start_month, 1) <= anchor]
        latest = begun[0]
        if direction == -1:
            ended = [y for y in begun if _shift_month(y, start_month, 3) <= (anchor.year, anchor.month)]
            latest = ended[0]
        elif direction == 1:
            latest = latest + 1
        return _R(f"{latest:04d}-{code}", "date", f"season {code} nearest the publication date {anchor}")

    def _frequency(self, toks: list[str]) -> _R | None:
        mod = None
        if toks[0] == "شبه" and len(toks) > 1:
            mod, toks = "APPROX", toks[1:]
        phrase = " ".join(toks)
        if phrase in W.FREQUENCY:
            return _R(W.FREQUENCY[phrase], "set", f"every {W.FREQUENCY[phrase][1:]}", mod)
        if toks[0] == "كل" and len(toks) >= 2:
            rest = toks[1:]
            if rest[0] in W.DAY_WORDS and len(rest) == 2 and rest[1] in W.WEEKDAYS:
                rest = rest[1:]
            if len(rest) == 1 and ("ال" + rest[0] in W.WEEKDAYS or rest[0] in W.WEEKDAYS):
                wd = W.WEEKDAYS.get("ال" + rest[0], W.WEEKDAYS.get(rest[0]))
                assert wd is not None
                return _R(f"XXXX-WXX-{wd + 1}", "set", f"every {W.WEEKDAY_NAMES[wd]}", mod)
            dur = self._duration(rest)
            if dur is not None and "X" not in dur.value:
                return _R(dur.value, "set", f"every {dur.explanation}", mod)
        return None

    # -- durations -----------------------------------------------------------------------
    def _number_at(self, toks: list[str], i: int) -> tuple[int, int] | None:
        """A cardinal in digits or words at *i*: ستة، خمسة عشر، خمسة وعشرين، 18."""
        if i >= len(toks):
            return None
        if re.fullmatch(r"\d+", toks[i]):
            return int(toks[i]), i + 1
        unit = W.CARDINAL_UNITS.get(toks[i])
        if unit is not None:
            if i + 1 < len(toks) and toks[i + 1] in W.CARDINAL_TEN:
                return 10 + unit, i + 2
            if i + 2 < len(toks) and toks[i + 1] == "و" and toks[i + 2] in W.CARDINAL_TENS:
                return W.CARDINAL_TENS[toks[i + 2]] + unit, i + 3
            return unit, i + 1
        if toks[i] in W.CARDINAL_TENS:
            return W.CARDINAL_TENS[toks[i]], i + 1
        return None

    @staticmethod
    def _duration_value(n: int | None, unit: str) -> str:
        q = "X" if n is None else str(n)
        if unit == "10Y":
            return "PXY" if n is None else f"P{n * 10}Y"
        if unit == "100Y":
            return "PXY" if n is None else f"P{n * 100}Y"
        if unit.startswith("T"):
            return f"PT{q}{unit[1]}"
        return f"P{q}{unit}"

    def _duration(self, toks: list[str]) -> _R | None:
        """ستة أشهر، أسبوعين، عامين، سنة إضافية، 18 شهرًا، بضعة أيام، شهور."""
        i, n = 0, None
        vague = False
        mod = None
        if toks and toks[0] in W.APPROX_WORDS:
            mod, i = "APPROX", 1
        num = self._number_at(toks, i)
        if num is not None:
            n, i = num
        elif i < len(toks) and toks[i] in W.VAGUE_QUANTITY:
            vague, i = True, i + 1
        if i >= len(toks) or toks[i] not in W.UNITS:
            return None
        unit, implied = W.UNITS[toks[i]]
        i += 1
        tail = [t for t in toks[i:] if t not in W.FILLERS]
        if tail and tail[0] in ("واحد", "واحده") and n is None:
            n, tail = 1, tail[1:]
        if tail and tail[0] == "من":
            tail = []  # ثلاثة أشهر من الانتخابات: the duration, measured from an event
        if tail:
            return None
        if n is None and not vague:
            n = implied  # يوم، أسبوعين; a bare plural (أشهر) stays unspecified
        if vague:
            n = None
        value = self._duration_value(n, unit)
        name = W.UNIT_NAMES[unit]
        how = f"{'an unspecified number of' if n is None else n} {name}(s)"
        return _R(value, "duration", how, mod)

    def _plural_relative(self, toks: list[str]) -> _R | None:
        """الأشهر الأخيرة، الأسابيع المقبلة، الأيام الثلاثة الماضية: a duration next to the anchor."""
        if len(toks) < 2 or not toks[0].startswith("ال") or toks[0][2:] not in W.UNITS:
            return None
        unit, implied = W.UNITS[toks[0][2:]]
        rest = toks[1:]
        n = implied
        stripped = [t[2:] if t.startswith("ال") else t for t in rest]
        num = self._number_at(stripped, 0)
        if num is not None:
            n, k = num
            rest = rest[k:]
        if len(rest) != 1 or rest[0] not in W.PAST | W.FUTURE:
            return None
        when = "past" if rest[0] in W.PAST else "coming"
        value = self._duration_value(n, unit)
        count = "some" if n is None else str(n)
        return _R(value, "duration", f"the {when} {count} {W.UNIT_NAMES[unit]}(s)")


class _NoMatch(Exception):
    """A sub-expression did not match (internal to the parser)."""
