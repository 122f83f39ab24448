"""Guidelines Markdown read as plain structured text (never HTML)."""

from __future__ import annotations

from annotator.core.guidelines import Block, read_markdown, section_of

SOURCE = """# إرشادات الوسم

عام: **لا** تضع فعل القول داخل الادعاء. انظر [الدليل](https://example.org/g) و `a *b*`.

## CLAIM

- الادعاء هو *المحتوى* المنقول
  ويستمر هنا
1. أولا
2. ثانيا

> <b>not bold</b> <script>alert(1)</script>

```
<i>code</i>
```

---
### ACTOR (الفاعل)
نص
"""


def test_blocks_keep_every_character_of_raw_html_as_text() -> None:
    blocks = read_markdown(SOURCE)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "heading", "item", "item", "item", "quote",
                                        "code", "rule", "heading", "paragraph"]
    assert blocks[6].text == "<b>not bold</b> <script>alert(1)</script>"
    assert blocks[7].text == "<i>code</i>"


def test_inline_markdown_is_reduced_to_its_text_with_emphasis_ranges() -> None:
    intro = read_markdown(SOURCE)[1]
    assert intro.text == "عام: لا تضع فعل القول داخل الادعاء. انظر الدليل (https://example.org/g) و a *b*."
    [(start, end)] = intro.emphasis
    assert intro.text[start:end] == "لا"
    item = read_markdown(SOURCE)[3]
    assert item.text == "الادعاء هو المحتوى المنقول ويستمر هنا"  # the continuation line joined
    assert [item.text[a:b] for a, b in item.emphasis] == ["المحتوى"]


def test_headings_levels_and_numbered_items() -> None:
    blocks = read_markdown(SOURCE)
    assert (blocks[0].level, blocks[2].level, blocks[9].level) == (1, 2, 3)
    assert [b.number for b in blocks if b.kind == "item"] == [None, 1, 2]


def test_a_label_section_is_the_heading_that_names_it_as_a_word() -> None:
    blocks = read_markdown(SOURCE)
    assert section_of(blocks, "CLAIM") == 2
    assert section_of(blocks, "actor") == 9
    assert section_of(blocks, "DATE") is None
    assert section_of([Block("heading", "CLAIMS and more")], "CLAIM") is None  # a word, not a prefix
