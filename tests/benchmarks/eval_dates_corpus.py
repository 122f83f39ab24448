"""How often ``normalise_date`` proposes the right value on the real articles.

Run: ``.venv/bin/python tests/benchmarks/eval_dates_corpus.py [CORPUS_DIR]``
(default ``../shared/corpus`` beside the checkout). Skips (exit 0) if the folder
is missing: the articles are not part of the project.

The gold table below is one annotator's reading of every date expression in the
five articles. It holds only the date expressions themselves, which occurrence
of the expression in the file is meant (counted on word boundaries), and the
gold value; no sentence of the articles is copied here. The articles carry no
publication date, so each file's anchor was read from its content (the events
it reports as "today", "yesterday" or "next week") and is listed in ANCHORS.

Span extents follow the annotation guideline: the time expression without the
signal words around it (في، منذ، بحلول، حتى، خلال); a clitic written on the
word stays (بنهاية، بالعام، لسنة); منذ is kept where it means "ago".
Not counted: times of day (وقت الفجر) and periods named by an event (خلال عهد ...).

Categories: ``abs`` absolute, ``rel`` relative to the publication date, ``dur``
duration, ``ref`` PRESENT_REF / PAST_REF, ``set`` frequency, ``ana`` anaphoric
(refers to a date named elsewhere in the text, out of reach of a span-only rule).
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotator.core.dates import normalise_date  # noqa: E402

ANCHORS = {
    "000_10bca86c1f370460.txt": date(2024, 9, 20),  # a Friday briefing; the deal "next week" came on 27 Sep 2024
    "001_0f655f892f1e31e8.txt": date(2021, 7, 26),  # "today, Monday": the Biden-Kadhimi meeting
    "002_9faea2139f5b08b6.txt": date(2024, 1, 24),  # strikes "on Tuesday" 23 Jan; talks announced later that week
    "003_3b195fb9a505a563.txt": date(2025, 10, 1),  # "yesterday, Tuesday": the Pentagon statement of 30 Sep 2025
    "004_4b4caf4e8909dd36.txt": date(2024, 1, 25),  # the committee formed "at the start of this month" (Jan 2024)
}

# (file prefix, expression, occurrence on word boundaries (1-based), gold value, gold mod, category)
GOLD: list[tuple[str, str, int, str, str | None, str]] = [
    ("000", "عام 2026", 1, "2026", None, "abs"),
    ("000", "الأسبوع المقبل", 1, "2024-W39", None, "rel"),
    ("000", "نهاية عام 2026", 1, "2026", "END", "abs"),
    ("000", "الجمعة", 1, "2024-09-20", None, "rel"),
    ("000", "العام الماضي", 1, "2023", None, "rel"),
    ("000", "الأسبوع المقبل", 2, "2024-W39", None, "rel"),
    ("000", "كانون الثاني", 1, "2025-01", None, "rel"),
    ("000", "يوم الخميس", 1, "2024-09-19", None, "rel"),
    ("000", "الأشهر الأخيرة", 1, "PXM", None, "dur"),
    ("000", "هذا الأسبوع", 1, "2024-W38", None, "rel"),
    ("000", "مؤخرًا", 1, "PAST_REF", None, "ref"),
    ("000", "عام 2014", 1, "2014", None, "abs"),
    ("000", "عام 2026", 3, "2026", None, "abs"),
    ("000", "السابق", 1, "PAST_REF", None, "ref"),
    ("000", "هذا العام", 1, "2024", None, "rel"),
    ("000", "هذا العام", 2, "2024", None, "rel"),
    ("000", "بالعام الماضي", 1, "2023", None, "rel"),
    ("000", "الأشهر الستة الأولى من عام 2024", 1, "2024-H1", None, "abs"),
    ("000", "العام الماضي", 2, "2023", None, "rel"),
    ("000", "نيسان", 1, "2024-04", None, "rel"),

    ("001", "نهاية العام", 1, "2021", "END", "rel"),
    ("001", "بنهاية العام الحالي", 1, "2021", "END", "rel"),
    ("001", "نهاية العام", 2, "2021", "END", "rel"),
    ("001", "اليوم الاثنين", 1, "2021-07-26", None, "rel"),
    ("001", "29 يونيو/حزيران", 1, "2021-06-29", None, "rel"),
    ("001", "ثلاثة أشهر", 1, "P3M", None, "dur"),
    ("001", "قبل أسبوع", 1, "2021-W29", None, "rel"),
    ("001", "الاثنين", 2, "2021-07-26", None, "rel"),
    ("001", "نهاية العام", 3, "2021", "END", "rel"),
    ("001", "نهاية العام 2021", 1, "2021", "END", "abs"),
    ("001", "الأحد", 1, "2021-07-25", None, "rel"),
    ("001", "العام 2017", 1, "2017", None, "abs"),
    ("001", "العام 2014", 1, "2014", None, "abs"),
    ("001", "عام 2014", 1, "2014", None, "abs"),
    ("001", "عام 2015", 1, "2015", None, "abs"),
    ("001", "مؤخرا", 1, "PAST_REF", None, "ref"),
    ("001", "فصل الصيف", 1, "XXXX-SU", None, "abs"),
    ("001", "أغسطس/اب 2020", 1, "2020-08", None, "abs"),
    ("001", "مطلع العام", 1, "2021", "START", "rel"),
    ("001", "السبت", 1, "2021-07-24", None, "rel"),
    ("001", "قبل بضعة أيام", 1, "PAST_REF", None, "ref"),
    ("001", "نهاية العام", 5, "2021", "END", "rel"),

    ("002", "الأسابيع المقبلة", 1, "PXW", None, "dur"),
    ("002", "وقت لاحق هذا الأسبوع", 1, "2024-W04", None, "rel"),
    ("002", "حاليًا", 1, "PRESENT_REF", None, "ref"),
    ("002", "17 أكتوبر", 1, "2023-10-17", None, "rel"),
    ("002", "يوم الثلاثاء", 1, "2024-01-23", None, "rel"),
    ("002", "4 كانون الثاني/يناير", 1, "2024-01-04", None, "rel"),
    ("002", "4 كانون الثاني/يناير", 2, "2024-01-04", None, "rel"),
    ("002", "يوم واحد", 1, "P1D", None, "dur"),
    ("002", "5 كانون الثاني (يناير)", 1, "2024-01-05", None, "rel"),
    ("002", "يوم 4 كانون الثاني/يناير", 1, "2024-01-04", None, "rel"),
    ("002", "شهر أغسطس/آب", 1, "2023-08", None, "rel"),
    ("002", "أغسطس", 2, "2023-08", None, "rel"),
    ("002", "أغسطس 2023", 1, "2023-08", None, "abs"),
    ("002", "ذلك الوقت", 1, "2023-08", None, "ana"),

    ("003", "أمس الثلاثاء", 1, "2025-09-30", None, "rel"),
    ("003", "27 سبتمبر 2024", 1, "2024-09-27", None, "abs"),
    ("003", "عام 2026", 1, "2026", None, "abs"),
    ("003", "الفترة الماضية", 1, "PAST_REF", None, "ref"),
    ("003", "سبتمبر 2025", 1, "2025-09", None, "abs"),
    ("003", "2026", 2, "2026", None, "abs"),
    ("003", "العام الفائت (2024)", 1, "2024", None, "abs"),
    ("003", "لسنة إضافية", 1, "P1Y", None, "dur"),
    ("003", "عام 2017", 1, "2017", None, "abs"),
    ("003", "منذ سنة", 1, "2024", None, "rel"),

    ("004", "2014", 1, "2014", None, "abs"),
    ("004", "7 أكتوبر 2023", 1, "2023-10-07", None, "abs"),
    ("004", "شهور", 1, "PXM", None, "dur"),
    ("004", "الخريف", 1, "2023-FA", None, "rel"),
    ("004", "الآن", 1, "PRESENT_REF", None, "ref"),
    ("004", "أكتوبر 2023", 2, "2023-10", None, "abs"),
    ("004", "مؤخرا", 1, "PAST_REF", None, "ref"),
    ("004", "مطلع الشهر الجاري", 1, "2024-01", "START", "rel"),
    ("004", "شبه يومية", 1, "P1D", "APPROX", "set"),
    ("004", "أكتوبر", 3, "2023-10", None, "rel"),
]


def occurrence(text: str, expr: str, n: int) -> int | None:
    """Offset of the *n*-th occurrence of *expr* in *text* that starts and ends on word boundaries."""
    found = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(expr)}(?!\w)", text)]
    return found[n - 1] if 0 < n <= len(found) else None


def main(corpus: Path) -> int:
    if not corpus.is_dir():
        print(f"skipped: no corpus at {corpus}")
        return 0
    files = {p.name[:3]: p for p in corpus.glob("*.txt")}
    by_cat: Counter[str] = Counter()
    right_cat: Counter[str] = Counter()
    right = value_right = 0
    misses = []
    for prefix, expr, n, gold, gold_mod, cat in GOLD:
        path = files.get(prefix)
        if path is None:
            print(f"skipped: {prefix}* is not in {corpus}")
            return 0
        text = path.read_text(encoding="utf-8")
        offset = occurrence(text, expr, n)
        if offset is None:
            raise SystemExit(f"{path.name}: occurrence {n} of {expr!r} not found: the gold table is out of date")
        got = normalise_date(text[offset : offset + len(expr)], ANCHORS[path.name])
        value, mod = (got.value, got.mod) if got else (None, None)
        by_cat[cat] += 1
        if value == gold:
            value_right += 1
        if value == gold and mod == gold_mod:
            right += 1
            right_cat[cat] += 1
        else:
            misses.append(f"  {path.name[:3]} @{offset:<5} {expr:<32} gold {gold}{'/' + gold_mod if gold_mod else ''}"
                          f"  got {value}{'/' + mod if mod else ''}")
    total = len(GOLD)
    print(f"date expressions: {total} in {len(files)} articles")
    print(f"exact (value and mod): {right}/{total} = {right / total:.1%}")
    print(f"value only:            {value_right}/{total} = {value_right / total:.1%}")
    for cat in sorted(by_cat):
        print(f"  {cat:<4} {right_cat[cat]}/{by_cat[cat]}")
    if misses:
        print("misses:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    default = ROOT.parent / "shared" / "corpus"
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else default))
