"""The suggestions of one pane: read in the background, drawn as dashed outlines, walked, decided.

A :class:`PaneSuggestions` belongs to one pane's editor. When the pane shows a document it
asks :func:`~annotator.services.suggestions.suggestions_for` (the recommenders chosen in
View ▸ Suggestions from, for the window's annotator) in a pool thread, so opening,
painting and tagging never wait for it; when the answer comes, what the annotator did
meanwhile is taken into account and the pane is repainted.

What is shown is kept true locally after every step, without asking the database: the
suggestions the document opened with (:attr:`base`), less those
:func:`~annotator.core.suggest.visible` hides given the spans now (a span of the same range,
or of the same label overlapping) and the decisions taken in this window (accepted,
rejected; an undo takes a decision back and the suggestion returns). Only the suggestions
near a change are looked at again.

Drawn like a span but unmistakably different: a dashed outline in the label's colour round
each line of the range, no fill and no format (the letters keep their shapes and joins), and
nothing inserted into the text; the selected suggestion's outline is thicker. Tab and
Shift+Tab walk spans and suggestions together in reading order; with a suggestion selected,
Enter accepts it (:class:`~annotator.services.suggestions.AcceptSuggestions`, provenance
written by the service), Delete rejects it, a label key accepts it with that label and the
edge keys move its edges here, on the window's word or grapheme boundaries, before it is
accepted (the decision is then ``edited``).
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QObject, QRect, QRectF, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPainter, QPen, QTextBlock, QTextCursor

from annotator.core.errors import AnnotatorError
from annotator.core.suggest import Suggestion, visible
from annotator.core.values import Span
from annotator.gui.annotation.controller import Controller
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.highlighter import LabelColours
from annotator.gui.annotation.overlay import block_tops, range_rects
from annotator.gui.annotation.tagging import moved_edge
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, decimal, translate
from annotator.gui.common.plain import isolate
from annotator.services.project import Project
from annotator.services.suggestions import AcceptSuggestions, Choice, RejectSuggestions, suggestions_for

#: the outline's width (pixels), and the selected suggestion's
OUTLINE_WIDTH = 2
SELECTED_WIDTH = 4
#: how much of a suggestion's text the status bar shows
EXCERPT = 60
#: what the status bar's message about a selected suggestion ends with (the keys; translated where shown)
KEYS_TEXT = QT_TRANSLATE_NOOP("PaneSuggestions", "Enter accepts, Delete rejects, a label key relabels")
#: why no suggestions are shown when a recommender failed for another reason than the services give
_FAILED = QT_TRANSLATE_NOOP("PaneSuggestions", "the recommenders failed (the log says why)")
#: the built-in recommenders as the status bar names them (a stored suggestion's recommender is data: as it is)
RECOMMENDER_NAMES = {
    "dates": QT_TRANSLATE_NOOP("PaneSuggestions", "dates"),
    "entities": QT_TRANSLATE_NOOP("PaneSuggestions", "entities"),
    "project": QT_TRANSLATE_NOOP("PaneSuggestions", "project"),
}


def recommender_name(name: str) -> str:
    """A recommender's name as the interface shows it."""
    return translate("PaneSuggestions", RECOMMENDER_NAMES[name]) if name in RECOMMENDER_NAMES else name


def keys(sequence: str) -> str:
    """A key sequence ("Ctrl+Z") as the interface names it (Qt translates Ctrl, Shift, ...)."""
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


#: from this many characters on, the part a pane shows is asked for first
FIRST_PART_FROM = 60_000


class _Relay(QObject):
    """Brings the pool thread's answer back to the pane's thread (no parent: the running task
    holds it while the pane may already be gone)."""

    found = Signal(int, object, bool)  # generation, list[Suggestion], whether it is the whole document's
    failed = Signal(int, str)  # generation, message


class _Compute(QRunnable):
    def __init__(self, relay: _Relay, generation: int, project: Project, doc_id: str, viewer: str,
                 recommenders: tuple[str, ...], current: Callable[[], int],
                 first: tuple[int, int] | None = None) -> None:
        super().__init__()
        self.relay, self.generation, self.current = relay, generation, current
        self.args = (project, doc_id, viewer, recommenders)
        self.first = first

    def run(self) -> None:
        if self.current() != self.generation:  # another document (or setting) since: not wanted
            return
        try:
            if self.first is not None:  # a long document: what the pane shows first, then the rest
                self.relay.found.emit(self.generation, suggestions_for(*self.args, within=self.first), False)
                if self.current() != self.generation:
                    return
            found = suggestions_for(*self.args)
        except AnnotatorError as exc:
            self.relay.failed.emit(self.generation, str(exc))
            return
        except Exception:  # a pool thread: the window says so, the log says why
            logging.getLogger(__name__).warning("suggestions failed", exc_info=True)
            self.relay.failed.emit(self.generation, "")  # translated in the pane's thread
            return
        self.relay.found.emit(self.generation, found, True)


def _key(sug: Suggestion) -> tuple[int, int, str]:
    return (sug.start, -sug.end, sug.label)


class PaneSuggestions(QObject):
    """The visible suggestions of one pane's document for the window's annotator (see the module)."""

    #: the selected suggestion changed (or none is selected now)
    selectionChanged = Signal()
    #: the suggestions of the document shown have been computed and are drawn
    ready = Signal()

    def __init__(self, editor: DocumentEditor, controller: Controller, colours: LabelColours,
                 recommenders: Sequence[str], shown: bool) -> None:
        super().__init__(editor)
        self.editor = editor
        self.controller = controller
        self.colours = colours
        self.recommenders = tuple(recommenders)
        self.shown = shown
        #: the document the suggestions are of (None: none shown, or not computed yet)
        self.document_id: str | None = None
        #: every suggestion the document opened with, in reading order; :attr:`hidden` those not shown now
        self.base: list[Suggestion] = []
        self.hidden: set[int] = set()
        #: keys of the suggestions decided in this window (an undo takes its decision back)
        self.decided: set[str] = set()
        self.selected: int | None = None
        #: the selected suggestion's edges as moved by the edge keys (None: its own)
        self.draft: tuple[int, int] | None = None
        #: the suggestions of the shown document have been computed (for the recommenders now chosen)
        self.computed = False
        self.generation = 0
        #: what the last paint drew, for tests and automation: (suggestion, viewport rectangles, selected)
        self.painted: list[tuple[Suggestion, list[QRectF], bool]] = []
        self._keys: list[tuple[int, int]] = []
        self._max_len = 0
        self._waiting_for_spans = False
        #: ranges whose spans or decisions changed while the recommenders ran (looked at again on their answer)
        self._dirty: list[tuple[int, int]] = []
        self._relay = _Relay()
        self._relay.found.connect(self._found)
        self._relay.failed.connect(self._failed)
        editor.documentShown.connect(self._document_shown)

    # -- computing ---------------------------------------------------------------------------
    def _document_shown(self) -> None:
        state = self.editor.state
        doc_id = state.document.id if state is not None else None
        if doc_id != self.document_id:
            self.decided = set()
        self.document_id = doc_id
        self._set_base([])
        self.selected, self.draft = None, None
        self.computed = False
        self.generation += 1
        if self.shown:
            self.compute()

    def compute(self) -> None:
        """Ask the recommenders again for the document shown, in a pool thread (what is drawn now stays
        until the answer comes). A long document's spans are read first: the window reads them right
        after its first paint, and a pool thread running Python meanwhile would slow that reading
        down several times over (both need the interpreter)."""
        self.generation += 1
        self.computed = False
        self._waiting_for_spans = False
        self._dirty = []
        if self.document_id is None:
            return
        state = self.editor.state
        if state is not None and not state.spans.complete:
            self._waiting_for_spans = True  # spans_loaded starts it
            return
        names = tuple(self.recommenders)
        if not names:
            self._found(self.generation, [], True)
            return
        QThreadPool.globalInstance().start(_Compute(self._relay, self.generation, self.controller.project,
                                                    self.document_id, self.controller.annotator, names,
                                                    lambda: self.generation, self._first_part()))

    def _first_part(self) -> tuple[int, int] | None:
        """What a long document shows in the pane, and as much again either side: its suggestions
        are found first (a 1,000,000-character document's all take a second or more)."""
        state = self.editor.state
        if state is None or len(state.text) < FIRST_PART_FROM:
            return None
        view = self.editor.viewport().rect()
        top = self.editor.cursorForPosition(view.topLeft()).position()
        bottom = self.editor.cursorForPosition(view.bottomRight()).position()
        lo, hi = sorted((state.u16.to_code_point(top), state.u16.to_code_point(bottom)))
        extra = max(hi - lo, 2000)
        return max(0, lo - extra), min(len(state.text), hi + extra)

    def spans_loaded(self) -> None:
        """The document's spans have all been read: the recommenders may run now, if they wait for it
        (once the window has done with the spans too: it lists them all right after)."""
        if self._waiting_for_spans:
            self._waiting_for_spans = False
            QTimer.singleShot(0, self, self.compute)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.controller.message.emit(translate("PaneSuggestions", "Suggestions not shown: {reason}").format(
                reason=message or translate("PaneSuggestions", _FAILED)))

    def _found(self, generation: int, found: list[Suggestion], whole: bool = True) -> None:
        if generation != self.generation or self.editor.state is None or (not whole and self.computed):
            return
        chosen = self.selected_suggestion()
        self._set_base(found)
        self.selected = None
        if chosen is not None:  # asked again (an entity was added): the same suggestion stays selected
            self.selected = next((i for i, s in enumerate(self.base) if s.key == chosen.key), None)
            if self.selected is None:
                self.draft = None
                self.selectionChanged.emit()
        # the answer left out what the annotator had tagged and decided when it was asked; what they did
        # while the recommenders ran (tags, undos, decisions) is taken into account here
        dirty = self._dirty
        if whole:
            self._dirty = []
        for a, b in dirty:
            self._refilter(a, b)
        if self.shown:
            self.editor.viewport().update()
        if whole:  # the first part's answer is drawn; the whole document's replaces it
            self.computed = True
            self.ready.emit()

    def _set_base(self, found: list[Suggestion]) -> None:
        self.base = sorted(found, key=_key)
        self._keys = [(s.start, -s.end) for s in self.base]
        self._max_len = max((s.end - s.start for s in self.base), default=0)
        self.hidden = set()

    # -- what is shown -----------------------------------------------------------------------
    def _indexes(self, lo: int, hi: int) -> range:
        """Indexes of :attr:`base` that may overlap ``[lo, hi)`` (check ``end > lo``)."""
        return range(bisect_left(self._keys, (lo - self._max_len, -(1 << 62))),
                     bisect_left(self._keys, (hi, -(1 << 62))))

    def overlapping(self, lo: int, hi: int) -> list[tuple[int, Suggestion]]:
        """The suggestions shown now that overlap code points ``[lo, hi)``, in reading order."""
        return [(i, self.base[i]) for i in self._indexes(lo, hi)
                if i not in self.hidden and self.base[i].end > lo and self.base[i].start < hi]

    def shown_suggestions(self) -> list[Suggestion]:
        """Every suggestion shown now (whether drawn or not: see :attr:`shown`), in reading order."""
        return [s for i, s in enumerate(self.base) if i not in self.hidden]

    def _refilter(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Decide again which suggestions overlapping ``[lo, hi)`` are shown (given the spans now
        and the decisions); returns the ranges of those that came or went."""
        state = self.editor.state
        if state is None or not self.base:
            return []
        candidates = [i for i in self._indexes(lo, hi) if self.base[i].end > lo and self.base[i].start < hi]
        if not candidates:
            return []
        a = min(self.base[i].start for i in candidates)
        b = max(self.base[i].end for i in candidates)
        kept = {id(s) for s in visible((self.base[i] for i in candidates), state.spans.overlapping(a, b),
                                       self.decided)}
        changed = []
        for i in candidates:
            hide = id(self.base[i]) not in kept
            if hide != (i in self.hidden):
                (self.hidden.add if hide else self.hidden.discard)(i)
                changed.append((self.base[i].start, self.base[i].end))
                if hide and i == self.selected:
                    self.deselect()
        return changed

    def _repaint(self, ranges: list[tuple[int, int]], done: Sequence[tuple[int, int]] = ()) -> None:
        """Repaint the paragraphs of *ranges* (not those of *done*, repainted already)."""
        todo = [r for r in ranges if not any(a <= r[0] and r[1] <= b for a, b in done)]
        if todo and self.shown:
            self.editor.repaint_ranges(todo)

    def spans_changed(self, pairs: list[tuple[Span | None, Span | None]]) -> None:
        """Spans of the document were added, changed or removed (a tag, an undo): look again near them."""
        ranges = [(s.start, s.end) for pair in pairs for s in pair if s is not None]
        if not self.computed:
            self._dirty += ranges
        changed = [r for a, b in ranges for r in self._refilter(a, b)]
        self._repaint(changed, ranges)

    def decide(self, suggestions: Iterable[Suggestion], decided: bool) -> None:
        """Suggestions were accepted or rejected (*decided*), or that was undone: look again at them."""
        ranges = []
        for sug in suggestions:
            (self.decided.add if decided else self.decided.discard)(sug.key)
            ranges.append((sug.start, sug.end))
        if not self.computed:
            self._dirty += ranges
        self._repaint([r for a, b in ranges for r in self._refilter(a, b)])

    def set_shown(self, on: bool) -> None:
        """View ▸ Suggestions: draw and walk them, or neither (computed the first time they are shown)."""
        self.shown = on
        if not on:
            self.deselect()
        elif not self.computed:
            self.compute()
        self.editor.viewport().update()

    def set_recommenders(self, names: Sequence[str]) -> None:
        self.recommenders = tuple(names)
        if self.shown:
            self.compute()
        else:
            self.computed = False

    # -- the selected suggestion ------------------------------------------------------------
    def has_selection(self) -> bool:
        return self.selected is not None

    def selected_suggestion(self) -> Suggestion | None:
        return self.base[self.selected] if self.selected is not None else None

    def selected_range(self) -> tuple[int, int] | None:
        """The selected suggestion's range as it would be accepted (its edges moved, if they were)."""
        sug = self.selected_suggestion()
        if sug is None:
            return None
        return self.draft or (sug.start, sug.end)

    def select(self, index: int) -> Suggestion:
        """Make suggestion *index* of :attr:`base` the selected one (a span selected is let go), the
        caret at its start, scrolled into view."""
        ed = self.editor
        before = self.selected_range()
        ed.select_span(None, scroll=False)
        self.selected, self.draft = index, None
        sug = self.base[index]
        if ed.state is not None:
            cursor = QTextCursor(ed.document())
            cursor.setPosition(ed.state.u16.to_utf16(sug.start))
            ed.setTextCursor(cursor)
            ed.ensureCursorVisible()
        self._repaint([r for r in (before, (sug.start, sug.end)) if r is not None])
        self.selectionChanged.emit()
        return sug

    def deselect(self) -> None:
        """No suggestion selected (a span or text was selected, Esc, it was decided)."""
        if self.selected is None:
            return
        before = self.selected_range()
        self.selected, self.draft = None, None
        if before is not None:
            self._repaint([before])
        self.selectionChanged.emit()

    def select_at(self, pos: int) -> bool:
        """A click at code point *pos* where no span is: select the innermost suggestion there."""
        if not self.shown:
            return False
        found = [(s.end - s.start, i) for i, s in self.overlapping(pos, pos + 1)]
        if not found:
            return False
        self.select(min(found)[1])
        return True

    def status_text(self) -> str:
        """What the status bar says of the selected suggestion (plain text, the excerpt isolated)."""
        sug = self.selected_suggestion()
        state = self.editor.state
        if sug is None or state is None:
            return ""
        start, end = self.selected_range() or (sug.start, sug.end)
        body = " ".join(state.text[start:end].split())
        body = body if len(body) <= EXCERPT else body[:EXCERPT - 1] + "…"
        score = decimal(sug.score, 2)
        if self.draft is not None:
            score = translate("PaneSuggestions", "{score}, edges moved").format(score=score)
        return translate("PaneSuggestions", "Suggestion {label} «{text}» from {recommender} ({score}): {keys}").format(
            label=sug.label, text=isolate(body), recommender=recommender_name(sug.recommender), score=score,
            keys=translate("PaneSuggestions", KEYS_TEXT))

    # -- walking ---------------------------------------------------------------------------------
    def walkable(self) -> bool:
        """Tab walks the suggestions too (they are shown)."""
        return self.shown

    def walk(self, forward: bool) -> Span | Suggestion | None:
        """Select the next (or previous) span or suggestion in reading order: by start, the longer
        first, a span before a suggestion of the same range; None when there is none."""
        ed = self.editor
        state = ed.state
        if state is None:
            return None
        spans = state.spans
        span, sug_at = ed.selected_span(), self.selected
        pos = state.u16.to_code_point(ed.textCursor().position())
        lowest = -(1 << 62)
        key: tuple[int, int, int]
        if sug_at is not None:
            here = self.base[sug_at]
            key = (here.start, -here.end, 1)
        elif span is not None:
            key = (span.start, -span.end, 0)
        else:
            key = (pos, lowest, -1) if forward else (pos, lowest, 2)
        # the neighbouring span
        other: Span | None
        if span is not None:
            other = spans.next_span(span, pos) if forward else spans.previous_span(span, pos)
        elif forward:
            other = spans.next_span(None, key[0])
            while other is not None and (other.start, -other.end, 0) <= key:
                other = spans.next_span(other, 0)
        else:
            other = spans.previous_span(None, key[0] + 1)
            while other is not None and (other.start, -other.end, 0) >= key:
                other = spans.previous_span(other, 0)
        # the neighbouring suggestion (indexes of base are in reading order)
        index: int | None = None
        if self.base:
            if sug_at is not None:
                i = sug_at + 1 if forward else sug_at - 1
            else:
                at = bisect_left(self._keys, key[:2])
                i = at if forward else at - 1
                if not forward and key[2] == 2:  # from the caret: those starting before it
                    i = bisect_left(self._keys, (pos, lowest)) - 1
            step = 1 if forward else -1
            while 0 <= i < len(self.base) and i in self.hidden:
                i += step
            index = i if 0 <= i < len(self.base) else None
        if index is not None and other is not None:
            sug_key = (self.base[index].start, -self.base[index].end, 1)
            span_key = (other.start, -other.end, 0)
            if (span_key < sug_key) == forward:
                index = None
            else:
                other = None
        if index is not None:
            return self.select(index)
        if other is not None:
            ed.select_span(other)
        return other

    # -- deciding ----------------------------------------------------------------------------------
    def _say(self, text: str) -> None:
        self.controller.message.emit(text)

    def accept(self, label: str | None = None) -> bool:
        """Enter (no *label*) or a label key: the selected suggestion becomes the annotator's span, with
        its edges as moved; True if it was stored."""
        sug = self.selected_suggestion()
        state = self.editor.state
        if sug is None or state is None:
            return False
        start, end = self.selected_range() or (sug.start, sug.end)
        label = label or sug.label
        clash = [s for s in state.spans.overlapping(start, end) if s.label == label]
        if clash:
            self._say(translate("PaneSuggestions", "Not accepted: it overlaps your {label} span «{text}»").format(
                label=label, text=isolate(clash[0].text_in(state.text)[:40])))
            return False
        choice = Choice(sug, label=None if label == sug.label else label,
                        start=None if start == sug.start else start, end=None if end == sug.end else end)
        command = AcceptSuggestions(state.document.id, self.controller.annotator, [choice])
        if choice.decision == "accepted":
            done = translate("PaneSuggestions", "Saved: suggestion accepted as {label} ({key} takes it back)")
        else:
            done = translate("PaneSuggestions", "Saved: suggestion accepted as {label} (edited) ({key} takes it back)")
        stored = self.controller.run(command, done.format(label=label, key=keys("Ctrl+Z")))
        if stored and command.span_ids:
            new = state.spans.get(command.span_ids[0])
            self.editor.select_span(new, scroll=False)
        return stored

    def reject(self) -> bool:
        """Delete: the selected suggestion is rejected (it stays hidden for this annotator and document
        until its recommender's answer changes)."""
        sug = self.selected_suggestion()
        state = self.editor.state
        if sug is None or state is None:
            return False
        self.deselect()
        return self.controller.run(RejectSuggestions(state.document.id, self.controller.annotator, [sug]),
                                   translate("PaneSuggestions", "Saved: {label} suggestion rejected ({key} brings it "
                                                                "back)").format(label=sug.label, key=keys("Ctrl+Z")))

    def move_edge(self, how: tuple[str, str, int]) -> None:
        """An edge key: move the selected suggestion's start or end by a word or a grapheme (here only;
        stored when it is accepted)."""
        edge, unit, step = how
        state = self.editor.state
        current = self.selected_range()
        if state is None or current is None:
            return
        start, end = current
        new = moved_edge(state.text, start, end, edge, unit, step)
        start, end = (new, end) if edge == "start" else (start, new)
        if start >= end:
            self._say(translate("PaneSuggestions", "A span cannot be shorter than one character"))
            return
        sug = self.base[self.selected]  # type: ignore[index]
        self.draft = None if (start, end) == (sug.start, sug.end) else (start, end)
        self._repaint([current, (start, end)])
        self.selectionChanged.emit()

    def inside(self, start: int, end: int) -> list[Suggestion]:
        """The suggestions shown wholly inside code points ``[start, end)``, in reading order."""
        return [s for _i, s in self.overlapping(start, end) if start <= s.start and s.end <= end]

    # -- painting (a decoration of the editor) ----------------------------------------------------
    def draws_anything(self) -> bool:
        return False  # outlines stay on their own lines: repainting the changed paragraphs is enough

    def paint(self, blocks: list[QTextBlock]) -> None:
        """Dashed outlines in the label's colour round each suggestion's lines, no fill."""
        self.painted = []
        ed = self.editor
        if not self.shown or ed.state is None or not blocks or not self.base:
            return
        u16 = ed.state.u16
        last = blocks[-1]
        lo = u16.to_code_point(blocks[0].position())
        hi = u16.to_code_point(last.position() + last.length() - 1) + 1
        items = self.overlapping(lo, hi)
        if self.selected is not None and self.draft is not None and all(i != self.selected for i, _s in items):
            a, b = self.draft
            if a < hi and b > lo:
                items.append((self.selected, self.base[self.selected]))
        if not items:
            return
        tops = block_tops(ed, blocks)
        painter = QPainter(ed.viewport())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for i, sug in items:
            selected = i == self.selected
            start, end = (self.draft or (sug.start, sug.end)) if selected else (sug.start, sug.end)
            rects = range_rects(ed, start, end, blocks, tops)
            pen = QPen(self.colours.solid(sug.label), SELECTED_WIDTH if selected else OUTLINE_WIDTH,
                       Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for r in rects:
                painter.drawRect(outline_rect(r))
            self.painted.append((sug, rects, selected))
        painter.end()


def outline_rect(line_rect: QRectF) -> QRect:
    """Where a suggestion's outline is drawn round one of its line rectangles: just beyond its ends,
    in the gap above the line and on the line's last rows (below the descenders): beside the
    letters, not through them, and inside the paragraph, so repainting the paragraph clears it."""
    return line_rect.toAlignedRect().adjusted(-2, -2, 2, -2)
