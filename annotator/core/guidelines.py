"""A project's annotation guidelines: Markdown read as structured plain text.

The guidelines document is the project's own (``annotator guidelines set FILE``), written in
Markdown by whoever runs the study. It is never shown as HTML: :func:`read_markdown` turns it
into :class:`Block` values (headings, paragraphs, list items, quotes, code) whose text is
plain characters, and the window builds its view from those with text formats, so a ``<b>``
or a ``<script>`` in the file is shown as those characters. Inline Markdown is reduced to
its text: ``**bold**`` and ``*em*`` lose their stars (and are kept as *emphasis* runs),
``[text](url)`` becomes ``text (url)``, `` `code` `` keeps its characters.

:func:`section_of` finds the heading a label's guidelines start at: the first heading whose
words include the label's name (``## CLAIM``, ``### Claims (CLAIM)``), so the Guidelines dock
can open at the selected span's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "quote", "code", "rule"]

#: the longest guidelines document a project keeps (characters)
MAX_GUIDELINES = 200_000

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(\s*)(?:[-*+]|(\d{1,3})[.)])\s+(.*)$")
_RULE = re.compile(r"^\s*(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"!?\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\3(?![\w*])")
_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Block:
    """One block of the guidelines: its kind, its plain text, and for headings their level
    (1-6), for list items their depth (0 at the margin) and number (None: a bullet).
    ``emphasis`` lists the [start, end) ranges of the text that were bold or emphasised."""

    kind: BlockKind
    text: str
    level: int = 0
    number: int | None = None
    emphasis: tuple[tuple[int, int], ...] = ()


def _inline(text: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Inline Markdown reduced to plain text, and where emphasis was."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})" if m.group(2) and m.group(2) != m.group(1)
                     else m.group(1), text)
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:  # code is not emphasis: set aside while stars are read
        codes.append(m.group(1))
        return f"\x00{len(codes) - 1}\x00"

    text = _CODE.sub(keep_code, text)
    out: list[str] = []
    ranges: list[tuple[int, int]] = []
    at = 0
    length = 0
    for m in _EMPHASIS.finditer(text):
        before = text[at:m.start()]
        out.append(before)
        length += len(before)
        inner = m.group(2) if m.group(2) is not None else m.group(4)
        out.append(inner)
        ranges.append((length, length + len(inner)))
        length += len(inner)
        at = m.end()
    out.append(text[at:])
    plain = "".join(out)
    if codes:  # put the code back (its placeholder is three characters; ranges after it shift)
        pieces = re.split(r"\x00(\d+)\x00", plain)
        rebuilt: list[str] = []
        shift_at: list[tuple[int, int]] = []
        pos = 0
        for i, piece in enumerate(pieces):
            if i % 2:
                code = codes[int(piece)]
                shift_at.append((pos, len(code) - (len(piece) + 2)))
                rebuilt.append(code)
                pos += len(piece) + 2
            else:
                rebuilt.append(piece)
                pos += len(piece)
        plain = "".join(rebuilt)
        ranges = [(a + sum(d for p, d in shift_at if p < a), b + sum(d for p, d in shift_at if p < b))
                  for a, b in ranges]
    return plain, tuple(ranges)


def read_markdown(source: str) -> list[Block]:
    """The blocks of a Markdown document (CommonMark's common part: ATX headings, paragraphs,
    bullet and numbered lists, block quotes, fenced code, rules). Raw HTML is text."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    kind: BlockKind = "paragraph"
    lines = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    def flush() -> None:
        nonlocal paragraph, kind
        if paragraph:
            text, emphasis = _inline(" ".join(p.strip() for p in paragraph))
            blocks.append(Block(kind, text, emphasis=emphasis))
        paragraph = []
        kind = "paragraph"

    i = 0
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
            code: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence.group(1)):
                code.append(lines[i])
                i += 1
            blocks.append(Block("code", "\n".join(code)))
            i += 1
            continue
        if not line.strip():
            flush()
        elif heading := _HEADING.match(line):
            flush()
            text, emphasis = _inline(heading.group(2))
            blocks.append(Block("heading", text, level=len(heading.group(1)), emphasis=emphasis))
        elif _RULE.match(line):
            flush()
            blocks.append(Block("rule", ""))
        elif item := _ITEM.match(line):
            flush()
            text, emphasis = _inline(item.group(3))
            number = int(item.group(2)) if item.group(2) else None
            blocks.append(Block("item", text, level=len(item.group(1).expandtabs(4)) // 2, number=number,
                                emphasis=emphasis))
        elif line.lstrip().startswith(">"):
            if kind != "quote":
                flush()
                kind = "quote"
            paragraph.append(line.lstrip()[1:])
        elif blocks and blocks[-1].kind == "item" and not paragraph and line.startswith((" ", "\t")):
            last = blocks.pop()  # a list item's continuation line
            more, emphasis = _inline(line.strip())
            shift = len(last.text) + 1
            blocks.append(Block("item", f"{last.text} {more}", level=last.level, number=last.number,
                                emphasis=last.emphasis + tuple((a + shift, b + shift) for a, b in emphasis)))
        else:
            if kind == "quote":
                flush()
            paragraph.append(line)
        i += 1
    flush()
    return blocks


def section_of(blocks: list[Block], label: str) -> int | None:
    """The index of the first heading that names *label* as a word (None: no such heading)."""
    word = re.compile(rf"(?<![\w]){re.escape(label)}(?![\w])", re.IGNORECASE)
    for i, block in enumerate(blocks):
        if block.kind == "heading" and word.search(block.text):
            return i
    return None
