"""The date normaliser's parser: ranges, signals, modifiers and absolute dates;
relative rules come from :class:`annotator.core.date_relative.RelativeRules`."""

from __future__ import annotations

import re
from datetime import date, timedelta

from annotator.core import date_words as W
from annotator.core.date_common import NoMatch, NoValue, R, iso_week, shift_month, strip_edges
from annotator.core.date_relative import RelativeRules


class Parser(RelativeRules):
    def __init__(self, anchor: date | None) -> None:
        self.anchor = anchor
        self.relative = False

    def need_anchor(self, what: str) -> date:
        if self.anchor is None:
            raise NoValue(what)
        self.relative = True
        return self.anchor

    # -- entry --------------------------------------------------------------------------
    def parse(self, toks: list[str]) -> R | None:
        toks = strip_edges(toks)
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
    def _range(self, toks: list[str]) -> R | None:
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
                r_right = R("..", "date", "now (no publication date: an open end)")
            else:
                r_right = R(self.need_anchor("").isoformat(), "date", f"now, the publication date {self.anchor}")
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
            r_left = R(f"{int(r_left.value[:4]) - 1:04d}{r_left.value[4:]}", "date", r_left.explanation)
        value = f"{r_left.value}/{r_right.value}"
        return R(value, "range", f"from {r_left.explanation} to {r_right.explanation}")

    def _borrow(self, left: list[str], right_value: str) -> R | None:
        """The left side of a range takes what it lacks from the right: 15 (- 20 أيلول 2025)."""
        parts = right_value.split("-")
        if len(parts) == 3:
            day = self._day_at(left, 0)
            if day and day[1] == len(left):
                return R(f"{parts[0]}-{parts[1]}-{day[0]:02d}", "date", f"day {day[0]} of the same month")
        if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():  # not 2026-W39, 2026-Q4
            month = self._month_at(left, 0)
            if month and month[1] == len(left):
                year = int(parts[0]) - (1 if month[0] > int(parts[1]) else 0)
                return R(f"{year:04d}-{month[0]:02d}", "date", f"month {month[0]} of the same year")
        return None

    # -- signals and modifiers ------------------------------------------------------------
    def _signal(self, toks: list[str]) -> R | None:
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

    def _shifted(self, dur: R, sign: int) -> R:
        """قبل أسبوع / بعد ثلاثة أشهر: a date that far from the anchor, at the unit's precision."""
        m = re.fullmatch(r"P(T?)(\d+|X)([YMWDHM])", dur.value)
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        if m is None or m[2] == "X":
            return R(ref, "date", f"{'before' if sign < 0 else 'after'} the publication date, unspecified")
        anchor = self.need_anchor("relative to the publication date")
        n, unit, time = int(m[2]) * sign, m[3], m[1]
        word = "earlier" if sign < 0 else "later"
        if time:
            return R(anchor.isoformat(), "date", f"{abs(n)} {'hours' if unit == 'H' else 'minutes'} {word}: "
                                                  "the publication day")
        if unit == "D":
            return R((anchor + timedelta(days=n)).isoformat(), "date", f"{abs(n)} day(s) {word} than {anchor}")
        if unit == "W":
            return R(iso_week(anchor + timedelta(weeks=n)), "date",
                     f"{abs(n)} week(s) {word} than the week of {anchor}")
        if unit == "M":
            y, mo = shift_month(anchor.year, anchor.month, n)
            return R(f"{y}-{mo:02d}", "date", f"{abs(n)} month(s) {word} than {anchor:%Y-%m}")
        return R(f"{anchor.year + n:04d}", "date", f"{abs(n)} year(s) {word} than {anchor.year}")

    def _mod(self, toks: list[str]) -> R | None:
        head = toks[0]
        if head in W.APPROX_WORDS and len(toks) > 1:
            r = self.parse(toks[1:])
            return None if r is None else R(r.value, r.kind, f"about {r.explanation}", "APPROX")
        mod = W.MOD_WORDS.get(head)
        if mod is None or len(toks) < 2 or (toks[1] in ("امس", "من") and len(toks) == 2):
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
            return R(f"{r.value}-WE", "date", f"the weekend of {r.explanation}")
        return R(r.value, "date", f"{name} of {r.explanation}", mod)

    # -- fixed phrases -------------------------------------------------------------------
    def _whole_phrase(self, toks: list[str]) -> R | None:
        phrase = " ".join(toks)
        if phrase in W.REFS:
            ref = W.REFS[phrase]
            return R(ref, "date", {"PRESENT_REF": "now", "PAST_REF": "the past, unspecified",
                                    "FUTURE_REF": "the future, unspecified"}[ref])
        if phrase in W.DECADES:
            d = W.DECADES[phrase]
            return R(str(d), "date", f"the decade {d}0s")
        return None

    # -- numbers -------------------------------------------------------------------------
    @staticmethod
    def _year_token(tok: str) -> int | None:
        if re.fullmatch(r"\d{4}", tok) and 1000 <= int(tok) <= 2999:
            return int(tok)
        return None

    def _numeric(self, toks: list[str]) -> R | None:
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
            return R(f"{m[1]}/{m[2]}", "range", f"the years {m[1]} to {m[2]}")
        m = re.fullmatch(r"(\d{1,2})[/\-](\d{4})", tok)
        if m and 1 <= int(m[1]) <= 12:
            return R(f"{m[2]}-{int(m[1]):02d}", "date", "month/year")
        year = self._year_token(tok)
        if year is not None:
            return R(f"{year:04d}", "date", f"the year {year}")
        return None

    @staticmethod
    def _ymd(y: int, m: int, d: int, how: str) -> R | None:
        try:
            return R(date(y, m, d).isoformat(), "date", how)
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
            raise NoMatch
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

    def _day_month(self, toks: list[str]) -> R | None:
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
        except NoMatch:
            return None
        if tail is None:
            if self.anchor is None:
                return R(f"XXXX-{mo:02d}-{d:02d}", "date", "day and month without a year")
            y, how = self._nearest(mo, d)
        else:
            y, how = tail
        r = self._ymd(y, mo, d, f"day {d}, month {mo}, {how}")
        if r is not None and weekday is not None and date.fromisoformat(r.value).weekday() != weekday:
            r = R(r.value, "date", f"{r.explanation} (note: that day is not a {W.WEEKDAY_NAMES[weekday]})")
        return r

    def _month(self, toks: list[str]) -> R | None:
        month = self._month_at(toks, 0)
        if month is None:
            return None
        mo, i = month
        rest = [t for t in toks[i:] if t not in W.FILLERS]
        if len(rest) == 1 and rest[0] in W.FUTURE | W.PAST:  # أيار المقبل، أيلول الماضي
            anchor = self.need_anchor("a month called next or last")
            if rest[0] in W.FUTURE:
                y, how = (anchor.year if mo > anchor.month else anchor.year + 1), "the first such month after"
            else:
                y, how = (anchor.year if mo < anchor.month else anchor.year - 1), "the last such month before"
            return R(f"{y:04d}-{mo:02d}", "date", f"month {mo}, {how} the publication date {anchor}")
        try:
            tail = self._year_tail(toks[i:])
        except NoMatch:
            return None
        if tail is None:
            if self.anchor is None:
                return R(f"XXXX-{mo:02d}", "date", "a month without a year")
            y, how = self._nearest(mo, None)
        else:
            y, how = tail
        return R(f"{y:04d}-{mo:02d}", "date", f"month {mo}, {how}")

    def _year(self, toks: list[str]) -> R | None:
        """عام 2026، العام 2017، العام الفائت (2024): an explicit year wins over a relative word."""
        years = [self._year_token(t) for t in toks]
        found = [y for y in years if y is not None]
        if len(found) != 1:
            return None
        others = [t for t, y in zip(toks, years) if y is None]
        if all(t in W.YEAR_WORDS | W.PAST | W.FUTURE | W.CURRENT | W.THIS | W.FILLERS for t in others):
            return R(f"{found[0]:04d}", "date", f"the year {found[0]}")
        return None

    # -- relative expressions ------------------------------------------------------------
