"""Span highlights painted over the text: per-paragraph formats, applied lazily.

A span never becomes characters in the document (invariant 6). Each paragraph
(``QTextBlock``) gets a list of ``QTextLayout.FormatRange`` computed from the span
index, the way ``QSyntaxHighlighter`` does it, but only for the paragraphs that
are about to be painted: opening a 1,000,000-character document with 20,000 spans
formats one screen, not the whole text. A paragraph remembers the generation it
was formatted for in ``QTextBlock.userState()``.

How nesting stays visible (one format per run of characters covered by the same
spans):

* the innermost span colours the background (a light tint of its label colour);
* the span that encloses it draws an underline in its own colour (wavy when three
  or more spans cover the run);
* every span's start and end get a bar in its label colour, painted by the editor
  over the text, shorter for each level of nesting (see ``DocumentEditor``).

The matches of the pane's find bar (``find_bar.py``) are formats of the same pass:
a background laid over the spans' (their underlines stay), one colour for every
match and a stronger one for the current match. Only colours change, never the
font, so the letters on either side of a match's edge are shaped together and stay
joined.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from annotator.core.offsets import Utf16Map
from annotator.core.schema import LabelSchema
from annotator.core.values import Span
from annotator.gui.annotation.spanindex import SpanIndex

TINT = 0.42  # share of the label colour in a background (the rest is white)
FIND_MATCH = "#ffe36e"  # a find bar's match: yellow
FIND_CURRENT = "#ff9b3d"  # the current match: orange


class FoundRanges(Protocol):
    """What a find bar has found (code points): the highlighter asks it per paragraph."""

    def overlapping(self, start: int, end: int) -> Iterable[tuple[int, int, bool]]:
        """``(start, end, is_current)`` of each match overlapping ``[start, end)``, in order."""
        ...


def tint(colour: str, share: float = TINT) -> QColor:
    """The label colour mixed with white: readable black text on it."""
    c = QColor(colour)
    return QColor(
        round(255 - (255 - c.red()) * share),
        round(255 - (255 - c.green()) * share),
        round(255 - (255 - c.blue()) * share),
    )


class LabelColours:
    """Label name -> colours: the schema's, or the colour-blind-safe palette, or the user's
    own (Preferences, ``common/settings.py``); the highlight a tint on the scheme's base
    that keeps the text readable (``common/colours.py``). Grey for a label it does not know."""

    def __init__(self, schema: LabelSchema, palette: str = "schema", own: Mapping[str, str] | None = None,
                 dark: bool | None = None) -> None:
        from annotator.gui.common import colours

        dark = colours.is_dark() if dark is None else dark
        base, text = (colours.DARK_BASE, colours.DARK_TEXT) if dark else (colours.LIGHT_BASE, colours.LIGHT_TEXT)
        share = colours.DARK_TINT if dark else colours.TINT
        self._solid = colours.label_colours([(lab.name, lab.color) for lab in schema.labels], palette, own)
        self._tint = {name: colours.highlight(c, base, text, share) for name, c in self._solid.items()}
        self.dark = dark

    def solid(self, label: str) -> QColor:
        return self._solid.get(label, QColor("#888888"))

    def background(self, label: str) -> QColor:
        return self._tint.get(label, QColor("#dddddd"))


class SpanHighlighter:
    """Applies span formats to the paragraphs of one document, on demand."""

    def __init__(self, document: QTextDocument, spans: SpanIndex, u16: Utf16Map, colours: LabelColours) -> None:
        self.document = document
        self.spans = spans
        self.u16 = u16
        self.colours = colours
        self.generation = 1
        self._formats: dict[tuple[str, ...], QTextCharFormat] = {}
        #: a find bar's matches, painted over the spans (None: no find)
        self.found: FoundRanges | None = None
        self._found_formats = (_background(FIND_MATCH), _background(FIND_CURRENT))

    def invalidate_all(self) -> None:
        """Forget every paragraph's formats (colours or spans replaced)."""
        self.generation += 1
        self._formats.clear()

    def is_current(self, block: QTextBlock) -> bool:
        return block.userState() == self.generation

    def _format(self, cover: list[Span]) -> QTextCharFormat:  # outermost first
        key = (*tuple(s.label for s in cover[-3:]), str(len(cover)))
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setBackground(self.colours.background(cover[-1].label))
            if len(cover) >= 2:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline if len(cover) >= 3
                                      else QTextCharFormat.UnderlineStyle.SingleUnderline)
                fmt.setUnderlineColor(self.colours.solid(cover[-2].label))
            self._formats[key] = fmt
        return fmt

    def format_block(self, block: QTextBlock) -> None:
        """Compute and apply the formats of one paragraph, then mark it for relayout."""
        pos = block.position()
        length = block.length() - 1
        lo = self.u16.to_code_point(pos)
        hi = self.u16.to_code_point(pos + length)
        ranges = []
        for a, b, cover in self.spans.runs(lo, hi):
            r = QTextLayout.FormatRange()
            ua, ub = self.u16.to_utf16(a), self.u16.to_utf16(b)
            r.start = ua - pos
            r.length = ub - ua
            r.format = self._format(cover)
            ranges.append(r)
        if self.found is not None:  # after the spans' ranges: Qt merges them in order, so this background wins
            for a, b, current in self.found.overlapping(lo, hi):
                a, b = max(a, lo), min(b, hi)
                if b > a:
                    r = QTextLayout.FormatRange()
                    ua, ub = self.u16.to_utf16(a), self.u16.to_utf16(b)
                    r.start = ua - pos
                    r.length = ub - ua
                    r.format = self._found_formats[current]
                    ranges.append(r)
        layout = block.layout()
        had_formats = bool(layout.formats())
        block.setUserState(self.generation)
        if ranges or had_formats:
            layout.setFormats(ranges)
            self.document.markContentsDirty(pos, block.length())

    def refresh_range(self, start: int, end: int) -> list[int]:
        """Re-format now the paragraphs that hold code points ``[start, end)``; returns their numbers."""
        u_start, u_end = self.u16.to_utf16(start), self.u16.to_utf16(max(start, end))
        block = self.document.findBlock(u_start)
        numbers = []
        while block.isValid() and block.position() <= u_end:
            self.format_block(block)
            numbers.append(block.blockNumber())
            block = block.next()
        return numbers


def _background(colour: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(colour))
    return fmt
