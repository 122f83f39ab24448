"""Arabic test documents for the export and import formats, written for these tests.

Astral characters on purpose: an emoji (U+1F3E5) and a mathematical digit (U+1D7DA)
before spans, a ZWJ sequence and a flag inside the text, so UTF-16 and code-point
offsets differ; nested spans (an ACTOR inside a CLAIM) and one crossing pair.
"""

from __future__ import annotations

from hypothesis import strategies as st

from annotator.core import graphemes
from annotator.core.dataset import DatasetDocument, ExportLog, RelationRecord
from annotator.core.schema import load_schema
from annotator.core.text import text_sha256
from annotator.core.values import Document, Span
from annotator.formats.base import WriterSettings
from annotator.resources import default_schema_path

SCHEMA = load_schema(default_schema_path())

TEXT_A = (
    "🏥 قالت وزيرة الصحة ليلى حدّاد يوم الأحد إن المستشفى الجديد سيُفتتح في أيار 2027.\n"
    "وأضاف مدير المشروع 𝟚 سليم عبّود أن «الكلفة لن تتجاوز ٣٫٥ مليون دينار» 👩‍⚕️ هذا العام.\n"
)
TEXT_B = "أكد المتحدث باسم بلدية 🇯🇴 الرمثا أن الطريق سيُعاد فتحه الأسبوع المقبل، ونفى وجود أي تأخير؟ لا."


def span_of(text: str, needle: str, label: str, sid: str, nth: int = 0, **attrs: object) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(sid, start, start + len(needle), label, dict(attrs))


def doc_a() -> DatasetDocument:
    t = TEXT_A
    spans = [
        span_of(t, "وزيرة الصحة ليلى حدّاد", "ACTOR", "a1", type="person", entity="e-haddad"),
        span_of(t, "ليلى حدّاد", "ACTOR", "a2"),  # nested in a1 (same label)
        span_of(t, "يوم الأحد", "DATE", "d1", value="2027-04-04"),
        span_of(t, "المستشفى الجديد سيُفتتح في أيار 2027", "CLAIM", "c1", factuality="predicted",
                check_worthy=True),
        span_of(t, "أيار 2027", "DATE", "d2", value="2027-05"),  # nested in c1
        span_of(t, "سليم عبّود", "ACTOR", "a3"),
        span_of(t, "«الكلفة لن تتجاوز ٣٫٥ مليون دينار»", "CLAIM", "c2", factuality="asserted"),
        span_of(t, "هذا العام", "DATE", "d3", value="2027"),
    ]
    rels = [RelationRecord("r1", "SOURCE", "c1", "a1"), RelationRecord("r2", "TIME", "c1", "d2"),
            RelationRecord("r3", "SOURCE", "c2", "a3")]
    return make(doc_id="doc-a", text=t, spans=spans, relations=rels)


def doc_b() -> DatasetDocument:
    t = TEXT_B
    spans = [
        span_of(t, "المتحدث باسم بلدية 🇯🇴 الرمثا", "ACTOR", "b1"),
        span_of(t, "بلدية 🇯🇴 الرمثا", "ACTOR", "b2"),
        span_of(t, "الطريق سيُعاد فتحه الأسبوع المقبل", "CLAIM", "b3"),
        span_of(t, "فتحه الأسبوع المقبل، ونفى", "CLAIM", "b4"),  # crosses b3
        span_of(t, "الأسبوع المقبل", "DATE", "b5"),
        span_of(t, "نفى", "CLAIM", "b6"),  # a sub-word span: no token starts at its start
    ]
    return make(doc_id="doc-b", text=t, spans=spans)


def make(doc_id: str, text: str, spans: list[Span], relations: list[RelationRecord] | None = None,
         meta: dict | None = None) -> DatasetDocument:
    doc = Document(doc_id, text.split("\n")[0][:30], text, text_sha256(text), "rtl", meta or {}, None, None)
    return DatasetDocument(doc, sorted(spans, key=lambda s: (s.start, -s.end, s.id)), relations or [])


def settings(folder, splits=("all",), **kw) -> WriterSettings:  # type: ignore[no-untyped-def]
    return WriterSettings(folder=folder, schema=SCHEMA, splits=tuple(splits), log=ExportLog(), **kw)


PIECES = ["قال", "الوزير", "🙂", "𝟚", "«نعم»", "حدّاد", "\n", " ", "👩\u200d⚕️", "٢٠٢٧"]


@st.composite
def documents(draw: st.DrawFn) -> DatasetDocument:
    """Any text made of Arabic words, emoji, a mathematical digit, a ZWJ sequence and line
    breaks, with spans on grapheme boundaries (nested and crossing ones included)."""
    words = [p for p in PIECES if p.strip()]  # documents are never only white space (import refuses them)
    text = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=10))) + draw(st.sampled_from(words)) + \
        "".join(draw(st.lists(st.sampled_from(PIECES), max_size=10)))
    bounds = graphemes.grapheme_boundaries(text)
    spans = []
    for k in range(draw(st.integers(0, 6))):
        a, b = sorted(draw(st.lists(st.sampled_from(bounds), min_size=2, max_size=2, unique=True)))
        if text[a:b].strip() and not text[a].isspace() and not text[b - 1].isspace():
            attrs = draw(st.sampled_from([{}, {"factuality": "hedged"}, {"value": "2026-Q4"},
                                          {"note": "قيمة فيها مسافة و%"}, {"n": 3, "ok": False}]))
            spans.append(Span(f"s{k}", a, b, draw(st.sampled_from(SCHEMA.names)), attrs))
    return make("doc", text, spans)
