"""Rules of the date normaliser for relative expressions, parts of the year,
seasons, frequencies and durations (mixed into :class:`annotator.core.date_parser.Parser`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from annotator.core import date_words as W
from annotator.core.date_common import NoMatch, R, iso_week, shift_month


class RelativeRules:
    """Rules that need the anchor or read durations; the parser supplies the rest."""

    anchor: date | None

    def need_anchor(self, what: str) -> date:
        raise NotImplementedError

    def parse(self, toks: list[str]) -> R | None:
        raise NotImplementedError

    def _year_tail(self, toks: list[str]) -> tuple[int, str] | None:
        raise NotImplementedError

    def _day_at(self, toks: list[str], i: int) -> tuple[int, int] | None:
        raise NotImplementedError

    def _relative_unit(self, toks: list[str]) -> R | None:
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
            return R(f"{anchor.year + delta:04d}", "date", f"the year {where} the publication date {anchor}")
        if unit == "M":
            y, m = shift_month(anchor.year, anchor.month, delta)
            return R(f"{y:04d}-{m:02d}", "date", f"the month {where} the publication date {anchor}")
        return R(iso_week(anchor + timedelta(weeks=delta)), "date",
                  f"the ISO week {where} the publication date {anchor}")

    def _relative_day(self, toks: list[str]) -> R | None:
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
            return R(day.isoformat(), "date", f"{how} ({anchor})")
        return None

    def _weekday(self, toks: list[str]) -> R | None:
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
            return R(f"XXXX-WXX-{wd + 1}", "date", f"a {name} (no publication date to place it)")
        anchor = self.need_anchor("")
        if direction > 0:
            day = anchor + timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1)
            return R(day.isoformat(), "date", f"the next {name} after the publication date {anchor}")
        if direction < 0:
            day = anchor - timedelta(days=(anchor.weekday() - wd - 1) % 7 + 1)
            return R(day.isoformat(), "date", f"the {name} before the publication date {anchor}")
        day = anchor - timedelta(days=(anchor.weekday() - wd) % 7)
        return R(day.isoformat(), "date", f"the {name} on or before the publication date {anchor}")

    def _part_year(self, toks: list[str]) -> tuple[int, str]:
        """The year of ``من 2026`` / ``من العام المقبل`` after a quarter or half; the anchor's if none."""
        tail = self._year_tail(toks)
        if tail is not None:
            return tail
        anchor = self.need_anchor("a part of an unnamed year")
        return anchor.year, f"the year of the publication date {anchor}"

    def _part_of_year(self, toks: list[str]) -> R | None:
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
                return R(f"{y:04d}-{code}", "date", f"{'quarter' if first == 'الربع' else 'half'} {n} of {how}")
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
                    return R(f"{y:04d}-{named}", "date",
                             f"the {'first' if first_months else 'last'} {n} months of {how}")
                a, b = (1, n) if first_months else (13 - n, 12)
                return R(f"{y:04d}-{a:02d}/{y:04d}-{b:02d}", "range", f"months {a} to {b} of {how}")
        except NoMatch:
            return None
        return None

    def _season(self, toks: list[str]) -> R | None:
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
            except NoMatch:
                return None
            assert tail is not None
            return R(f"{tail[0]:04d}-{code}", "date", f"season {code} of {tail[1]}")
        if generic and direction is None:
            return R(f"XXXX-{code}", "date", "the season in general")
        anchor = self.need_anchor("a season without a year")
        start_month = W.SEASON_START_MONTH[code]
        begun = [y for y in (anchor.year + 1, anchor.year, anchor.year - 1, anchor.year - 2)
                 if date(y, start_month, 1) <= anchor]
        latest = begun[0]
        if direction == -1:
            ended = [y for y in begun if shift_month(y, start_month, 3) <= (anchor.year, anchor.month)]
            latest = ended[0]
        elif direction == 1:
            latest = latest + 1
        return R(f"{latest:04d}-{code}", "date", f"season {code} nearest the publication date {anchor}")

    def _frequency(self, toks: list[str]) -> R | None:
        mod = None
        if toks[0] == "شبه" and len(toks) > 1:
            mod, toks = "APPROX", toks[1:]
        phrase = " ".join(toks)
        if phrase in W.FREQUENCY:
            return R(W.FREQUENCY[phrase], "set", f"every {W.FREQUENCY[phrase][1:]}", mod)
        if toks[0] == "كل" and len(toks) >= 2:
            rest = toks[1:]
            if rest[0] in W.DAY_WORDS and len(rest) == 2 and rest[1] in W.WEEKDAYS:
                rest = rest[1:]
            if len(rest) == 1 and ("ال" + rest[0] in W.WEEKDAYS or rest[0] in W.WEEKDAYS):
                wd = W.WEEKDAYS.get("ال" + rest[0], W.WEEKDAYS.get(rest[0]))
                assert wd is not None
                return R(f"XXXX-WXX-{wd + 1}", "set", f"every {W.WEEKDAY_NAMES[wd]}", mod)
            dur = self._duration(rest)
            if dur is not None and "X" not in dur.value:
                return R(dur.value, "set", f"every {dur.explanation}", mod)
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

    def _duration(self, toks: list[str]) -> R | None:
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
        return R(value, "duration", how, mod)

    def _plural_relative(self, toks: list[str]) -> R | None:
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
        return R(value, "duration", f"the {when} {count} {W.UNIT_NAMES[unit]}(s)")
