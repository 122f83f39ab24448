"""The date finder: date expressions found in running text, with exact spans and values.

The sentences are written for these tests (news style, not taken from any corpus). The
anchor (publication date) is Wednesday 2026-09-23, ISO week 2026-W39, as in test_dates.py.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.date_finder import STAND_IN_ANCHOR, DateMatch, find_dates
from annotator.core.dates import normalise_date
from annotator.core.tokens import tokens

ANCHOR = date(2026, 9, 23)


def found(text: str, anchor: date | None = ANCHOR) -> list[tuple[str, str | None, str | None]]:
    """(span text, value, mod) of every match, checking that the offsets give that text."""
    out = []
    for m in find_dates(text, anchor):
        assert isinstance(m, DateMatch)
        out.append((text[m.start : m.end], m.value.value if m.value else None, m.value.mod if m.value else None))
    return out


# (sentence, [(span, value, mod)]) with the anchor
SENTENCES: list[tuple[str, list[tuple[str, str | None, str | None]]]] = [
    # longest wins; a signal word that changes nothing stays outside; «وفي 2026» gives «2026»
    ("أعلنت الوزارة أن المشروع سينجز بحلول نهاية عام 2026، وفي 2027 يبدأ تشغيله.",
     [("نهاية عام 2026", "2026", "END"), ("2027", "2027", None)]),
    # relative day with its weekday; numbers that are not years are not dates
    ("قال الناطق أمس الثلاثاء إن 12 شخصا قتلوا وإن 3 ملايين نزحوا منذ 2014.",
     [("أمس الثلاثاء", "2026-09-22", None), ("2014", "2014", None)]),
    # a range, one span with بين
    ("ارتفعت الأسعار بين عامي 2024 و2026 بنسبة كبيرة.", [("بين عامي 2024 و2026", "2024/2026", None)]),
    ("تجري الانتخابات من 15 إلى 20 أيلول 2025 في كل المحافظات.",
     [("من 15 إلى 20 أيلول 2025", "2025-09-15/2025-09-20", None)]),
    # a duration: خلال and the trailing من are left out
    ("ستنسحب القوات خلال ستة أشهر من توقيع الاتفاق.", [("ستة أشهر", "P6M", None)]),
    # part of a relative period
    ("تبدأ المفاوضات مطلع الشهر المقبل في جنيف.", [("مطلع الشهر المقبل", "2026-10", "START")]),
    # a clitic written on the first word stays in the span
    ("وبنهاية العام الحالي تنتهي المهلة.", [("وبنهاية العام الحالي", "2026", "END")]),
    # قبل changes the value (a date, not a duration): it stays
    ("وصل الوفد قبل أسبوع إلى العاصمة.", [("قبل أسبوع", "2026-W38", None)]),
    # Arabic-Indic digits and a doubled month name
    ("وُقّع الاتفاق في ٢٧ أيلول/سبتمبر ٢٠٢٤ بعد مفاوضات طويلة.", [("٢٧ أيلول/سبتمبر ٢٠٢٤", "2024-09-27", None)]),
    # harakat inside the words of the date
    ("انتهت الحربُ في العامِ الماضِي وعادَ اللاجئون.", [("العامِ الماضِي", "2025", None)]),
    # the month named twice, the second in parentheses: the closing one is in the span
    ("عقد الاجتماع يوم 5 كانون الثاني (يناير) 2026 في بغداد.",
     [("يوم 5 كانون الثاني (يناير) 2026", "2026-01-05", None)]),
    ("صدر التقرير في العام الفائت (2024) عن الأمم المتحدة.", [("العام الفائت (2024)", "2024", None)]),
    # two dates side by side, the second with و
    ("أجريت الانتخابات في 2022 و2026 في موعدها.", [("2022", "2022", None), ("و2026", "2026", None)]),
    # a year in parentheses
    ("نشر الكاتب روايته الأولى (2019) ثم توقف.", [("2019", "2019", None)]),
    # several kinds in one sentence
    ("تراجع الإنتاج في الربع الأخير من 2025 كما في التسعينيات، ويصدر التقرير أسبوعيا.",
     [("الربع الأخير من 2025", "2025-Q4", None), ("التسعينيات", "199", None), ("أسبوعيا", "P1W", None)]),
    ("نحو عامين مرا على الاتفاق، والوضع الآن أفضل مما كان عليه مؤخرًا.",
     [("نحو عامين", "P2Y", "APPROX"), ("الآن", "PRESENT_REF", None), ("مؤخرًا", "PAST_REF", None)]),
    # words with ال the normaliser reads (a unit, a number); a weather adjective left out; ل before a unit
    ("تصاعدت الهجمات في الأسابيع المقبلة بعد هدوء في الأشهر الستة الأولى من عام 2024.",
     [("الأسابيع المقبلة", "PXW", None), ("الأشهر الستة الأولى من عام 2024", "2024-H1", None)]),
    ("تتوقف الأعمال في فصل الصيف الحار، وتمدد المهمة لسنة إضافية.",
     [("فصل الصيف", "XXXX-SU", None), ("لسنة إضافية", "P1Y", None)]),
    # a duration ends before من (the normaliser reads «ثلاثة أشهر من X» as the duration whatever X is)
    ("تنتهي المهمة خلال ثلاثة أشهر من بداية العام الماضي.",
     [("ثلاثة أشهر", "P3M", None), ("بداية العام الماضي", "2025", "START")]),
    # a range whose end is a week (the normaliser used to fail on it)
    ("استمرت الهدنة من أيلول حتى الأسبوع المقبل.", [("من أيلول حتى الأسبوع المقبل", "2026-09/2026-W40", None)]),
    # a weekday, and a date written with slashes
    ("أعلن الجيش الجمعة أن الهجوم وقع في 27/9/2026 فجرا.",
     [("الجمعة", "2026-09-18", None), ("27/9/2026", "2026-09-27", None)]),
]

JUNK = [
    "أكد الأمين العام أن 2000 شخص و12 طفلا أصيبوا، وقال الرئيس السابق إن تيار المستقبل مارس ضغوطا بشكل عام.",
    "وصل نحو 2500 لاجئ إلى المخيم، وتوزع الصحيفة اليومية 3 ملايين نسخة على أكثر من 1500 نقطة بيع.",
    "شدد المدعي العام على الرأي العام بعد الربيع العربي.",
    "عام\n2026",  # a line break ends an expression
    "سجلت في 1500 حالة إصابة، وصدر الكتاب عام 1445 هـ وفي 1440 هجري.",  # not a likely year; Hijri years
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences(text: str, expected: list[tuple[str, str | None, str | None]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", JUNK)
def test_no_junk(text: str) -> None:
    assert found(text) == []


def test_longest_match_wins_and_matches_do_not_overlap() -> None:
    text = "بحلول نهاية عام 2026"
    assert [(m.start, m.end) for m in find_dates(text, ANCHOR)] == [(6, len(text))]
    # the normaliser does not read the four words together: the longest readable run first, then the next
    assert found("في الأسبوع الماضي الثلاثاء") == [("الأسبوع الماضي", "2026-W38", None),
                                                  ("الثلاثاء", "2026-09-22", None)]
    assert found("الأسبوع الماضي أمس الأول الجمعة") == [("الأسبوع الماضي", "2026-W38", None),
                                                       ("أمس الأول الجمعة", "2026-09-18", None)]
    assert found("في 2024 و 2026") == [("2024", "2024", None), ("2026", "2026", None)]


def test_relative_expressions_are_found_without_an_anchor() -> None:
    text = "زار الوفد دمشق الأسبوع الماضي ثم عاد أمس، ويعود الجمعة المقبلة."
    assert found(text, None) == [("الأسبوع الماضي", None, None), ("أمس", None, None),
                                 ("الجمعة المقبلة", "XXXX-WXX-5", None)]
    assert found(text) == [("الأسبوع الماضي", "2026-W38", None), ("أمس", "2026-09-22", None),
                           ("الجمعة المقبلة", "2026-09-25", None)]
    # absolute values do not need one
    assert found("في ٢٠٢٦ مثلا", None) == [("٢٠٢٦", "2026", None)]


def test_offsets_are_code_points_after_an_emoji() -> None:
    text = "🇸🇾 اجتماع يوم الخميس المقبل 👍"
    (m,) = find_dates(text, ANCHOR)
    assert (m.start, m.end) == (text.index("يوم"), text.index(" 👍"))
    assert m.start == 10  # two code points for the flag (four UTF-16 units), a space, اجتماع, a space
    assert m.value is not None and m.value.value == "2026-09-24"


def test_max_tokens_bounds_a_match() -> None:
    text = "نهاية الربع الأخير من 2025"
    assert found(text) == [(text, "2025-Q4", "END")]
    # four words at most: the year is cut off (and «من 2025» alone is no date: من is not a signal that counts)
    assert [(text[m.start : m.end], m.value and m.value.value) for m in find_dates(text, ANCHOR, max_tokens=4)] == [
        ("نهاية الربع الأخير", "2026-Q4")]


def test_value_is_what_the_normaliser_gives_the_span() -> None:
    text = SENTENCES[0][0] + " " + SENTENCES[1][0]
    for m in find_dates(text, ANCHOR):
        assert m.value == normalise_date(text[m.start : m.end], ANCHOR)


# -- property ---------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "عام", "العام", "2026", "٢٠٢٤", "12", "1500", "في", "وفي", "منذ", "بحلول", "خلال", "قبل", "من", "إلى", "بين",
    "عامي", "و2025", "أيلول", "/", "سبتمبر", "(", ")", "يناير", "الماضي", "المقبل", "الأسبوع", "الشهر", "نهاية",
    "مطلع", "ستة", "أشهر", "أيام", "أمس", "الجمعة", "يوم", "الآن", "مؤخرًا", "27/9/2024", "15", "الأول", "حتى",
    "الحكومة", "قال", "شخصا", "،", ".", "\n", "😀", "\U0001F1F8\U0001F1FE", "\u064e", "\u0640", "\u200f", "بالعام",
    "للعام", "التسعينيات", "الربع", "الأخير", "يوميا", "نحو", "الصيف", "مارس",
])
_TEXT = st.lists(st.tuples(_PIECES, st.sampled_from([" ", " ", " ", ""])), max_size=30).map(
    lambda parts: "".join(p + sep for p, sep in parts))


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.sampled_from([ANCHOR, None]))
def test_every_match_is_on_token_edges_sorted_and_readable(text: str, anchor: date | None) -> None:
    toks = tokens(text)
    starts, ends = {t.start for t in toks}, {t.end for t in toks}
    matches = find_dates(text, anchor)
    last = 0
    for m in matches:
        assert m.start in starts and m.end in ends, (text, m)
        assert last <= m.start < m.end
        last = m.end
        span = text[m.start : m.end]
        assert normalise_date(span, anchor or STAND_IN_ANCHOR) is not None
        assert m.value == normalise_date(span, anchor)
