"""Direction of documents and paragraphs as an Arabic reader expects it (core.text)."""

from __future__ import annotations

import pytest

from annotator.core.text import detect_direction, paragraph_direction


@pytest.mark.parametrize(
    ("text", "direction"),
    [("🇯🇴 أعلنت الحكومة خطة جديدة", "rtl"),  # a flag is not a letter
     ("Reuters — قال المتحدث باسم الوزارة إن الخطة جاهزة", "rtl"),  # most letters are Arabic
     ("The minister said «الاتفاق نهائي» on Monday", "ltr"),
     ("Ⓐ قال", "rtl"),  # a circled letter is a symbol too
     ("\u200fNorthGate", "rtl"), ("\u200eقال الوزير", "ltr"),  # an explicit mark decides
     ("2027/03/21", "ltr")],
)
def test_document_direction_is_that_of_most_letters(text: str, direction: str) -> None:
    assert detect_direction(text) == direction


@pytest.mark.parametrize(
    ("paragraph", "rtl_doc", "ltr_doc"),
    [("2027/03/21", "rtl", "ltr"),  # no letter: the document's direction
     ("🙂 🇯🇴", "rtl", "ltr"),
     ("🇯🇴 أعلنت الحكومة خطة جديدة", "rtl", "rtl"),
     ("Reuters — قال المتحدث باسم الوزارة", "rtl", "ltr"),  # starts in the document's direction in an English one
     ("This paragraph is in English only.", "ltr", "ltr"),  # a paragraph in the other direction keeps its own
     ("قالت منظمة Human Rights Watch for the Middle East", "rtl", "ltr"),  # starts in the document's: stays
     ("\u2067NorthGate\u2069 قال الوزير", "rtl", "rtl"),  # inside an isolate: not the first letter
     ("\u200fNorthGate", "rtl", "rtl")],
)
def test_paragraph_direction_follows_the_document_unless_the_paragraph_is_in_the_other(
        paragraph: str, rtl_doc: str, ltr_doc: str) -> None:
    assert paragraph_direction(paragraph, "rtl") == rtl_doc
    assert paragraph_direction(paragraph, "ltr") == ltr_doc
