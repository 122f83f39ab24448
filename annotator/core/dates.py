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
from datetime import date, datetime
from typing import Any

from annotator.core import date_words as W
from annotator.core.date_common import DateKind, NoValue, has_two_word_hijri, merge_month_pairs, tokens
from annotator.core.date_parser import Parser

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
    return normalise_tokens(tokens(text), anchor)


def normalise_tokens(toks: list[str], anchor: date | None = None) -> DateValue | None:
    """:func:`normalise_date` on text already split by ``date_common.tokens`` (the date finder
    splits each word once and reads many windows of them)."""
    toks = merge_month_pairs(toks)
    if not toks or any(t in W.HIJRI_MONTHS for t in toks) or has_two_word_hijri(toks):
        return None
    parser = Parser(anchor)
    try:
        r = parser.parse(toks)
    except NoValue:
        return None
    if r is None or not is_timex_value(r.value):
        return None
    return DateValue(r.value, r.kind, r.explanation, r.mod, parser.relative)


def needs_anchor(text: str) -> bool:
    """Whether the expression is relative: its value depends on the publication date."""
    v = normalise_date(text, date(2000, 1, 5))
    return v is not None and v.relative
