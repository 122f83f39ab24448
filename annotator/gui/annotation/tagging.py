"""What the label keys, Delete and the edge shortcuts do in the active pane.

With a suggestion selected (``editor.suggestions``, see ``suggestions_view``) the same keys
decide it instead: a label key accepts it with that label, Delete rejects it, the edge
keys move its edges before it is accepted.

Selections are snapped here, in code points, by the core functions: to whole
words by default (``snap_to_words``: surrounding spaces and punctuation trimmed),
to grapheme clusters in character mode or when Alt was held while selecting
(``snap_to_graphemes``). Edges move in logical order (earlier/later in the text),
whatever the direction the text is shown in.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from annotator.core import graphemes, tokens
from annotator.gui.annotation.controller import Controller
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.common.i18n import translate

_GAP = regex.compile(r"[\s\p{Cf}]")


def _is_gap(ch: str) -> bool:
    return _GAP.match(ch) is not None


def moved_edge(text: str, start: int, end: int, edge: str, unit: str, step: int) -> int:
    """Where *edge* ("start" or "end") of ``[start, end)`` goes by one *unit* ("word" or "grapheme")."""
    pos = start if edge == "start" else end
    if unit == "grapheme":
        return graphemes.next_boundary(text, pos) if step > 0 else graphemes.previous_boundary(text, pos)
    move = tokens.next_word_boundary if step > 0 else tokens.previous_word_boundary
    limit = len(text) if step > 0 else 0
    while True:
        new = move(text, pos)
        if new in (pos, limit):
            return new
        pos = new
        if edge == "start" and not _is_gap(text[pos]):
            return pos  # a token starts here
        if edge == "end" and not _is_gap(text[pos - 1]):
            return pos  # a token ends here


class Tagger:
    """Tagging commands on the active pane's editor, run through the controller."""

    def __init__(self, controller: Controller, active_editor: Callable[[], DocumentEditor | None]) -> None:
        self.controller = controller
        self.active_editor = active_editor
        self.char_mode = False

    def _say(self, text: str) -> None:
        self.controller.message.emit(text)

    def tag(self, label: str) -> None:
        """Tag the selection with *label*; with no selection, relabel the selected span."""
        ed = self.active_editor()
        if ed is None or ed.state is None:
            return
        doc_id = ed.state.document.id
        selection = ed.selection_range()
        if selection is None and ed.suggestions is not None and ed.suggestions.has_selection():
            ed.suggestions.accept(label)
            return
        if selection is None:
            span = ed.selected_span()
            if span is None:
                self._say(translate("Tagger", "Select some text (or click a span) first"))
            elif span.label == label:
                self._say(translate("Tagger", "That span is already {label}").format(label=label))
            else:
                self.controller.relabel(doc_id, span.id, label)
            return
        text = ed.state.text
        precise = self.char_mode or ed.char_precision_once
        snapped = (tokens.snap_to_graphemes if precise else tokens.snap_to_words)(text, *selection)
        if snapped is None:
            self._say(translate("Tagger", "Nothing to tag: the selection holds only spaces or marks"))
            return
        for other in ed.state.spans.overlapping(*snapped):
            if (other.start, other.end, other.label) == (snapped[0], snapped[1], label):
                self._say(translate("Tagger", "That text is already tagged {label}").format(label=label))
                ed.select_span(other)
                return
        span_id = self.controller.tag(doc_id, snapped[0], snapped[1], label)
        ed.char_precision_once = False
        if span_id is not None:
            ed.select_span(ed.state.spans.get(span_id), scroll=False)

    def delete_span(self) -> None:
        ed = self.active_editor()
        if ed is not None and ed.suggestions is not None and ed.suggestions.has_selection():
            ed.suggestions.reject()
            return
        span = ed.selected_span() if ed is not None else None
        if ed is None or ed.state is None or span is None:
            self._say(translate("Tagger", "No span selected: click a span or press Tab first"))
            return
        self.controller.delete(ed.state.document.id, span.id)

    def move_edge(self, how: tuple[str, str, int]) -> None:
        """Move the selected span's start or end by one word or grapheme, earlier or later."""
        edge, unit, step = how
        ed = self.active_editor()
        if ed is not None and ed.suggestions is not None and ed.suggestions.has_selection():
            ed.suggestions.move_edge(how)
            return
        span = ed.selected_span() if ed is not None else None
        if ed is None or ed.state is None or span is None:
            self._say(translate("Tagger", "No span selected: click a span or press Tab first"))
            return
        new = moved_edge(ed.state.text, span.start, span.end, edge, unit, step)
        start, end = (new, span.end) if edge == "start" else (span.start, new)
        if start >= end:
            self._say(translate("Tagger", "A span cannot be shorter than one character"))
            return
        if (start, end) != (span.start, span.end):
            self.controller.move_edges(ed.state.document.id, span.id, start, end)

    def walk_spans(self, forward: bool) -> None:
        ed = self.active_editor()
        if ed is not None and ed.walk(forward) is None:
            walks_suggestions = ed.suggestions is not None and ed.suggestions.walkable()
            self._say(translate("Tagger", "No more spans or suggestions in this document") if walks_suggestions
                      else translate("Tagger", "No more spans in this document"))

    def set_char_mode(self, on: bool) -> None:
        self.char_mode = bool(on)
        self._say(translate("Tagger", "Character precision: tag exactly the selected characters") if on
                  else translate("Tagger", "Word mode: selections snap to whole words"))
