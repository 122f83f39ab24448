"""The words :mod:`annotator.core.dates` knows, folded the way it folds its input.

Folding (``fold``) makes spelling variants meet: Arabic-Indic and Extended
Arabic-Indic digits become Western digits; harakat, tatweel and invisible format
characters go; alef forms become bare alef, alef maqsura becomes ya, ta marbuta
becomes ha. Every table below is written in ordinary spelling and folded once.
"""

from __future__ import annotations

import re
from typing import TypeVar

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_DROP = re.compile(r"[\u064b-\u065f\u0670\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def fold(text: str) -> str:
    """Digits, letters and marks folded for matching (see the module docstring)."""
    return _DROP.sub("", text.translate(_DIGITS)).translate(_LETTERS).lower()


_V = TypeVar("_V")


def _folded(table: dict[str, _V]) -> dict[str, _V]:
    return {fold(k): v for k, v in table.items()}


# Month names: Levantine / Iraqi, Egyptian / Gulf, and Maghrebi spellings.
MONTHS: dict[str, int] = _folded({
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7, "آب": 8,
    "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12,
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "مايو": 5, "يونيو": 6,
    "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10,
    "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
    "جانفي": 1, "فيفري": 2, "أفريل": 4, "ماي": 5, "جوان": 6, "جويلية": 7, "أوت": 8,
    "يوليوز": 7, "غشت": 8, "شتنبر": 9, "نونبر": 11, "دجنبر": 12,
})

# Python weekday numbers (Monday = 0).
WEEKDAYS: dict[str, int] = _folded({
    "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الثلثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4,
    "السبت": 5, "الأحد": 6,
})
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

HIJRI_MONTHS = frozenset(fold(w) for w in (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "ربيع الثاني", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان",
    "رمضان", "شوال", "ذو القعدة", "ذو الحجة", "هـ", "هجري", "هجرية", "للهجرة"))

# Ordinal words, masculine and feminine, 1..31 ("الحادي والعشرين" is built below).
_ORD_UNITS = {
    1: ("الأول", "الأولى", "الحادي", "الحادية"), 2: ("الثاني", "الثانية"), 3: ("الثالث", "الثالثة"),
    4: ("الرابع", "الرابعة"), 5: ("الخامس", "الخامسة"), 6: ("السادس", "السادسة"), 7: ("السابع", "السابعة"),
    8: ("الثامن", "الثامنة"), 9: ("التاسع", "التاسعة"), 10: ("العاشر", "العاشرة"),
}
_ORD_TENS = {20: ("العشرين",), 30: ("الثلاثين",)}


def _ordinals() -> dict[str, int]:
    table: dict[str, int] = {}
    for n, words in _ORD_UNITS.items():
        for w in words:
            if w not in ("الحادي", "الحادية"):
                table[w] = n
    for n in range(1, 10):
        for w in _ORD_UNITS[n]:
            if n == 1 and w in ("الأول", "الأولى"):
                continue
            table[f"{w} عشر"] = 10 + n
            table[f"{w} عشرة"] = 10 + n
            for tens, tws in _ORD_TENS.items():
                for tw in tws:
                    table[f"{w} و{tw}"] = tens + n
                    table[f"{w} و {tw}"] = tens + n
    for tens, tws in _ORD_TENS.items():
        for tw in tws:
            table[tw] = tens
    return _folded(table)


ORDINALS: dict[str, int] = _ordinals()

# Cardinal number words (for durations): units, teens and tens.
CARDINAL_UNITS: dict[str, int] = _folded({
    "واحد": 1, "واحدة": 1, "أحد": 1, "إحدى": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2,
    "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثلاث": 3, "ثلاثة": 3, "أربع": 4, "أربعة": 4, "خمس": 5, "خمسة": 5,
    "ست": 6, "ستة": 6, "سبع": 7, "سبعة": 7, "ثمان": 8, "ثماني": 8, "ثمانية": 8, "تسع": 9, "تسعة": 9,
})
CARDINAL_TEN = frozenset(fold(w) for w in ("عشر", "عشرة"))
CARDINAL_TENS: dict[str, int] = _folded({
    "عشر": 10, "عشرة": 10, "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "أربعون": 40, "أربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90, "مئة": 100, "مائة": 100,
})
VAGUE_QUANTITY = frozenset(fold(w) for w in ("بضعة", "بضع", "عدة", "بعض", "عدد من", "بضعه"))

# Duration units: folded word -> (ISO designator, count it implies: 1 singular, 2 dual, None plural).
# The designator is the ISO 8601 one; "T" prefixes time units; decades and centuries are years.
UNITS: dict[str, tuple[str, int | None]] = {}
_words: tuple[str, ...]
for _words, _unit in (
    (("يوم", "يوما", "يومًا"), "D"), (("أسبوع", "أسبوعا", "أسبوعًا"), "W"), (("شهر", "شهرا", "شهرًا"), "M"),
    (("عام", "عاما", "عامًا", "سنة", "سنه"), "Y"), (("عقد",), "10Y"), (("قرن",), "100Y"),
    (("ساعة",), "TH"), (("دقيقة",), "TM"),
):
    for _w in _words:
        UNITS[fold(_w)] = (_unit, 1)
for _words, _unit in (
    (("يومين", "يومان"), "D"), (("أسبوعين", "أسبوعان"), "W"), (("شهرين", "شهران"), "M"),
    (("عامين", "عامان", "سنتين", "سنتان"), "Y"), (("عقدين", "عقدان"), "10Y"), (("قرنين",), "100Y"),
    (("ساعتين", "ساعتان"), "TH"), (("دقيقتين", "دقيقتان"), "TM"),
):
    for _w in _words:
        UNITS[fold(_w)] = (_unit, 2)
for _words, _unit in (
    (("أيام",), "D"), (("أسابيع",), "W"), (("أشهر", "شهور"), "M"), (("أعوام", "سنوات", "سنين"), "Y"),
    (("عقود",), "10Y"), (("قرون",), "100Y"), (("ساعات",), "TH"), (("دقائق",), "TM"),
):
    for _w in _words:
        UNITS[fold(_w)] = (_unit, None)

UNIT_NAMES = {"D": "day", "W": "week", "M": "month", "Y": "year", "10Y": "decade", "100Y": "century",
              "TH": "hour", "TM": "minute"}

# Relative words.
PAST = frozenset(fold(w) for w in ("الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "السابق",
                                   "السابقة", "الأخير", "الأخيرة", "المنقضي"))
FUTURE = frozenset(fold(w) for w in ("المقبل", "المقبلة", "القادم", "القادمة", "التالي", "التالية", "الآتي"))
CURRENT = frozenset(fold(w) for w in ("الحالي", "الحالية", "الجاري", "الجارية", "الراهن", "الراهنة"))
THIS = frozenset(fold(w) for w in ("هذا", "هذه"))

YEAR_WORDS = frozenset(fold(w) for w in ("عام", "العام", "سنة", "السنة", "عامي", "سنتي"))
MONTH_WORDS = frozenset(fold(w) for w in ("شهر", "الشهر", "شهري"))
DAY_WORDS = frozenset(fold(w) for w in ("يوم",))

MOD_WORDS: dict[str, str] = _folded({
    "مطلع": "START", "بداية": "START", "بدايات": "START", "أوائل": "START", "مستهل": "START", "مطالع": "START",
    "بدء": "START", "منتصف": "MID", "أواسط": "MID", "نهاية": "END", "أواخر": "END", "آخر": "END",
    "ختام": "END", "نهايات": "END",
})
APPROX_WORDS = frozenset(fold(w) for w in ("نحو", "حوالي", "حوالى", "قرابة", "زهاء", "تقريبا", "تقريبًا"))

SEASONS: dict[str, str] = _folded({"الربيع": "SP", "الصيف": "SU", "الخريف": "FA", "الشتاء": "WI"})
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

DECADES: dict[str, int] = _folded({
    "الخمسينيات": 195, "الخمسينات": 195, "الستينيات": 196, "الستينات": 196, "السبعينيات": 197,
    "السبعينات": 197, "الثمانينيات": 198, "الثمانينات": 198, "التسعينيات": 199, "التسعينات": 199,
})

REFS: dict[str, str] = _folded({
    "الآن": "PRESENT_REF", "حاليا": "PRESENT_REF", "حاليًا": "PRESENT_REF", "الوقت الحالي": "PRESENT_REF",
    "الوقت الراهن": "PRESENT_REF", "الوقت الحاضر": "PRESENT_REF", "راهنا": "PRESENT_REF",
    "مؤخرا": "PAST_REF", "مؤخرًا": "PAST_REF", "الآونة الأخيرة": "PAST_REF", "الفترة الأخيرة": "PAST_REF",
    "الفترة الماضية": "PAST_REF", "السابق": "PAST_REF", "سابقا": "PAST_REF", "الماضي": "PAST_REF",
    "مستقبلا": "FUTURE_REF", "المستقبل": "FUTURE_REF", "الفترة المقبلة": "FUTURE_REF", "قريبا": "FUTURE_REF",
    "الفترة القادمة": "FUTURE_REF", "لاحقا": "FUTURE_REF", "المرحلة المقبلة": "FUTURE_REF",
})

# Sets: adverbs of frequency -> the period they repeat.
FREQUENCY: dict[str, str] = _folded({
    "يوميا": "P1D", "يومية": "P1D", "اليومية": "P1D", "أسبوعيا": "P1W", "أسبوعية": "P1W", "شهريا": "P1M",
    "شهرية": "P1M", "سنويا": "P1Y", "سنوية": "P1Y", "السنوية": "P1Y", "الشهرية": "P1M", "الأسبوعية": "P1W",
})

# Words that carry no value of their own inside a date expression.
SIGNALS = frozenset(fold(w) for w in (
    "في", "منذ", "حتى", "بحلول", "خلال", "طوال", "مع", "عند", "لغاية", "غضون", "على", "مدى", "اعتبارا", "اعتبارًا",
    "ابتداء", "ابتداءً", "من", "وذلك", "قبل", "بعد", "قبيل", "اثناء", "أثناء", "إبان", "ابان"))
FILLERS = frozenset(fold(w) for w in (
    "فقط", "إضافية", "إضافي", "أخرى", "آخر", "كاملة", "كامل", "متتالية", "متواصلة", "الميلادي", "ميلادي",
    "ميلادية", "م"))
TIME_OF_DAY = frozenset(fold(w) for w in ("صباح", "مساء", "ليلة", "ظهر", "عصر", "فجر"))
CLITICS = ("و", "ف", "ب", "ل", "ك")
