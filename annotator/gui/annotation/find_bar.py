"""Find in a pane (Ctrl+F): a bar between the pane's header and its text.

The matching is :mod:`annotator.core.search` (Arabic-aware folding, whole words with
clitics, regular expressions); this module only asks it and shows the answer:

* find as you type: the search starts :data:`FIND_DELAY_MS` after the last key, and
  runs in slices of :data:`SLICE_SECONDS` between events (a one-letter query over a
  1,000,000-character document has 160,000 matches and takes about half a second):
  typing is never held up by more than one slice, and the count says "…" until the
  search has gone through the whole text. The folded copy of the text is made once per
  document and set of folds;
* the matches are painted by the pane's highlighter, like spans (never inserted), from
  :class:`FindMarks` (code points, no Qt): every match one colour, the current one a
  stronger one;
* the current match is selected in the pane (an exact selection: a label key tags
  exactly it, not the whole words around it) and scrolled into view;
* Enter / Shift+Enter in the query, F3 / Shift+F3 anywhere in the window (the
  window's actions, :class:`PaneFinder`), the buttons: next / previous, around the end;
  Esc closes the bar, removes the matches and gives the keyboard back to the text.

Each pane has its own bar (made on first use); a document shown in the pane clears the
matches and, while the bar is open, searches the new one.
"""

from __future__ import annotations

import bisect
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget

from annotator.core.search import (
    Folded,
    Hit,
    SearchError,
    SearchMode,
    SearchOptions,
    compile_query,
    find_in_folded,
    fold_text,
)
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.common import plain
from annotator.gui.common.elide import ElidedLabel
from annotator.gui.common.i18n import integer, plural, translate

#: how long typing must pause before the search runs (milliseconds)
FIND_DELAY_MS = 150
#: how long one slice of a running search may take before events are handled again
SLICE_SECONDS = 0.015
#: a selection longer than this (or over several lines) does not become the query on Ctrl+F
SEED_LIMIT = 100


class FindMarks:
    """The matches of one pane's find, in code points, sorted and never overlapping (no Qt)."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.current = -1

    def __len__(self) -> int:
        return len(self.starts)

    def clear(self) -> None:
        self.starts.clear()
        self.ends.clear()
        self.current = -1

    def add(self, hit: Hit) -> None:
        self.starts.append(hit.start)
        self.ends.append(hit.end)

    def at(self, i: int) -> tuple[int, int]:
        return self.starts[i], self.ends[i]

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, bool]]:
        """``(start, end, is_current)`` of each match overlapping ``[start, end)``, in order."""
        i = bisect.bisect_right(self.ends, start)
        while i < len(self.starts) and self.starts[i] < end:
            yield self.starts[i], self.ends[i], i == self.current
            i += 1


class FindBar(QFrame):
    """The find bar of one pane: the query, the count, next/previous, the options."""

    focused = Signal()  # the query got the keyboard: this pane is the one F3 means

    def __init__(self, editor: DocumentEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.editor = editor
        self.marks = FindMarks()
        self.anchor = 0  # matches are counted from the first at or after this code point
        self._folded: tuple[tuple[str, tuple[bool, ...]], Folded] | None = None
        self._running: Iterator[Hit] | None = None
        self.query = QLineEdit(self)
        self.query.setObjectName("findQuery")
        self.query.setAccessibleName(translate("FindBar", "Find in this document"))
        self.query.setPlaceholderText(translate("FindBar", "Find in this document"))
        self.query.installEventFilter(self)
        self.count = ElidedLabel("", self, max_chars=36, min_chars=6)
        self.count.setObjectName("findCount")
        self.previous_button = self._button("▲", translate("FindBar", "Previous match"),
                                            translate("FindBar", "Previous match ({keys})").format(
                                                keys=_keys("Shift+Enter", "Shift+F3")), "findPrevious")
        self.next_button = self._button("▼", translate("FindBar", "Next match"),
                                        translate("FindBar", "Next match ({keys})").format(keys=_keys("Enter", "F3")),
                                        "findNext")
        # the options in a small menu (four panes leave a bar little room); the button names those on
        self.options_button = self._button("", translate("FindBar", "Find options"), "", "findOptions")
        self.options_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.options_button)
        self.fold_option = self._option(menu, translate("FindBar", "&Arabic-aware: harakat and tatweel ignored, "
                                                                   "أ إ آ ٱ = ا, ى = ي, ة = ه, ٠١٢ = 012, any case"),
                                        "findFolding", True)
        self.word_option = self._option(menu, translate("FindBar", "&Whole words only"), "findWholeWord", False)
        self.clitic_option = self._option(menu, translate("FindBar", "&Clitics: with whole words, also after "
                                                                     "و ف ب ك ل and ال («الاتفاق» finds «والاتفاق»)"),
                                          "findClitics", False)
        self.regex_option = self._option(menu, translate("FindBar", "&Regular expression"), "findRegex", False)
        self.options_button.setMenu(menu)
        self.close_button = self._button("✕", translate("FindBar", "Close"),
                                         translate("FindBar", "Close ({keys})").format(keys=_keys("Esc")), "findClose")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.close_bar)
        self.word_option.toggled.connect(lambda on: self._exclusive(on, self.regex_option))
        self.regex_option.toggled.connect(lambda on: self._exclusive(on, self.word_option))
        for option in (self.fold_option, self.word_option, self.clitic_option, self.regex_option):
            option.toggled.connect(self._options_changed)
        self._options_changed()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.query, 1)
        layout.addWidget(self.count)
        for button in (self.previous_button, self.next_button, self.options_button, self.close_button):
            layout.addWidget(button)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(FIND_DELAY_MS)
        self._typing.timeout.connect(self.search)
        self._slices = QTimer(self)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._next_slice)
        self.query.textChanged.connect(lambda _text: self._typing.start())  # typed, pasted or deleted
        editor.documentShown.connect(self._document_shown)
        self.hide()

    def _button(self, text: str, name_read: str, tip: str, name: str) -> QToolButton:
        """A small button: its symbol, the name a screen reader says, its tool tip (with its keys)."""
        button = QToolButton(self)
        button.setText(text)
        button.setObjectName(name)
        button.setToolTip(plain.tooltip(tip) if tip else "")
        button.setAccessibleName(name_read)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        return button

    @staticmethod
    def _option(menu: QMenu, text: str, name: str, checked: bool) -> QAction:
        option = menu.addAction(text)
        option.setObjectName(name)
        option.setCheckable(True)
        option.setChecked(checked)
        return option

    # -- options ---------------------------------------------------------------------------
    def options(self) -> SearchOptions:
        """What the toggles say: Arabic-aware or exact; text, whole words (with clitics) or regex."""
        mode: SearchMode = ("regex" if self.regex_option.isChecked()
                            else "word" if self.word_option.isChecked() else "text")
        base = SearchOptions() if self.fold_option.isChecked() else SearchOptions.exact()
        options = base.with_mode(mode)
        return replace(options, clitics=mode == "word" and self.clitic_option.isChecked())

    @staticmethod
    def _exclusive(on: bool, other: QAction) -> None:
        if on:
            other.setChecked(False)

    def _options_changed(self) -> None:
        self.clitic_option.setEnabled(self.word_option.isChecked())  # clitics only mean something for words
        options = self.options()
        names = [translate("FindBar", "Arabic-aware") if options.marks else translate("FindBar", "Exact characters"),
                 {"text": translate("FindBar", "anywhere"), "word": translate("FindBar", "whole words"),
                  "regex": translate("FindBar", "regular expression")}[options.mode]]
        if options.clitics:
            names.append(translate("FindBar", "with clitics"))
        # "ab": whole words (a symbol of the button, like ".*" for a regular expression)
        short = {"text": "", "word": " " + translate("FindBar", "ab"), "regex": " .*"}[options.mode] \
            + ("+" if options.clitics else "")
        self.options_button.setText(("ا≈أ" if options.marks else "=") + short)
        self.options_button.setToolTip(plain.tooltip(translate("FindBar", "Options: {names}").format(
            names=translate("FindBar", ", ").join(names))))
        if self.isVisible():
            self.search()

    # -- opening and closing -----------------------------------------------------------
    def open(self, seed: str = "") -> None:
        """Show the bar with the keyboard in the query (*seed* replaces it); counted from the selection."""
        was_open = self.isVisible()
        if not was_open:
            self.anchor = self._selection_start()
            self.editor.set_found(self.marks)
            self.show()
        if seed and seed != self.query.text():
            self.query.setText(seed)
            self.anchor = self._selection_start()
            self.search()
        elif not was_open:
            self.search()
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def close_bar(self) -> None:
        """Esc: the matches go, the bar hides, the text has the keyboard (the current match stays selected)."""
        self._stop()
        self.marks.clear()
        self.editor.set_found(None)
        self.hide()
        self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _selection_start(self) -> int:
        selection = self.editor.selection_range()
        if selection is not None:
            return selection[0]
        state = self.editor.state
        return state.u16.to_code_point(self.editor.textCursor().position()) if state is not None else 0

    def _document_shown(self) -> None:
        self._stop()
        self.marks.clear()
        self._folded = None
        self.anchor = 0
        if self.isVisible():
            self.search()

    # -- searching ---------------------------------------------------------------------
    def _stop(self) -> None:
        self._typing.stop()
        self._slices.stop()
        self._running = None

    def _say(self, text: str) -> None:
        self.count.setText(text)

    def _fold(self) -> Folded | None:
        state = self.editor.state
        if state is None:
            return None
        options = self.options()
        key = (state.document.id, options.folds)
        if self._folded is None or self._folded[0] != key:
            self._folded = (key, fold_text(state.text, options))
        return self._folded[1]

    def search(self) -> None:
        """Look for the query again from the start (typing paused, an option changed, another document)."""
        self._stop()
        self.marks.clear()
        self.editor.repaint_all()
        try:
            pattern = compile_query(self.query.text(), self.options())
        except SearchError as exc:
            self._say(_bad_regex(str(exc)))
            return
        folded = self._fold()
        state = self.editor.state
        if pattern is None or folded is None or state is None:
            self._say("")
            return
        self._running = find_in_folded(folded, pattern, state.text)
        self._next_slice()

    def _next_slice(self) -> None:
        """Take matches for one slice of time; the first at or after the anchor becomes current."""
        running = self._running
        if running is None:
            return
        marks = self.marks
        deadline = time.perf_counter() + SLICE_SECONDS
        found = len(marks)
        done = True
        for n, hit in enumerate(running):
            marks.add(hit)
            if marks.current < 0 and hit.start >= self.anchor:
                self._make_current(len(marks) - 1)
            if n % 64 == 63 and time.perf_counter() > deadline:
                done = False
                break
        if done:
            self._running = None
            self._slices.stop()
            if marks.current < 0 and len(marks):
                self._make_current(0)  # none after the anchor: around the end to the first
            self.editor.repaint_all()
        elif not self._slices.isActive():
            self._slices.start()
        if found == 0 and len(marks):
            self.editor.repaint_all()  # the first matches: paint those on screen now
        self._show_count()

    def finish(self) -> None:
        """Go through the rest of the text now (a step past the matches found so far)."""
        while self._running is not None:
            self._next_slice()

    def _show_count(self) -> None:
        marks = self.marks
        more = "…" if self._running is not None else ""
        if not len(marks):
            self._say(translate("FindBar", "Searching") + more if more
                      else (translate("FindBar", "No match") if self.query.text().strip() else ""))
        elif marks.current < 0:
            self._say(plural(len(marks), translate("FindBar", "{n} match|{n} matches")) + more)
        else:
            self._say(translate("FindBar", "{current} of {total}").format(
                current=integer(marks.current + 1), total=integer(len(marks))) + more)

    def _make_current(self, i: int) -> None:
        marks = self.marks
        before = marks.current
        marks.current = i
        start, end = marks.at(i)
        self.editor.select_range(start, end, exact=True)
        changed = [marks.at(i)] + ([marks.at(before)] if 0 <= before < len(marks) and before != i else [])
        self.editor.repaint_ranges(changed)

    def step(self, direction: int) -> None:
        """The next (1) or previous (-1) match, around the end; a search still waiting runs first."""
        if not self.isVisible():
            return
        if self._typing.isActive():  # Enter right after typing: the first match is the answer
            self.search()
            return
        marks = self.marks
        if not len(marks) and self._running is None:
            return
        i = marks.current + direction
        if i >= len(marks) or i < 0:
            self.finish()  # the last or first of all: every match must be known
            i %= max(1, len(marks))
        if len(marks):
            self._make_current(i)
            self.anchor = marks.at(i)[0]
        self._show_count()

    # -- keys in the query -----------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        elif watched is self.query and event.type() == QEvent.Type.FocusIn:
            self.focused.emit()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Escape:  # on one of the buttons
            self.close_bar()
            return
        super().keyPressEvent(e)


def _keys(*sequences: str) -> str:
    """Shortcuts as the desktop writes them (Qt translates the key names), for a tool tip."""
    return translate("FindBar", ", ").join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText)
                                           for s in sequences)


def _bad_regex(message: str) -> str:
    """The regex module's complaint, without the query repeated (it is in the field)."""
    reason = message.rsplit(": ", 1)[-1]
    return translate("FindBar", "Not a regular expression: {reason}").format(reason=reason)


class FindHost(Protocol):
    """A pane, as the find actions see it."""

    editor: DocumentEditor

    def find_bar(self) -> FindBar: ...


class PaneFinder:
    """The window's find actions (Ctrl+F, F3, Shift+F3), on the pane they mean (the active one)."""

    def __init__(self, target: Callable[[], FindHost]) -> None:
        self.target = target

    def find_in_pane(self) -> None:
        """Ctrl+F: open the pane's bar (a short selection, not the current match, becomes the query)."""
        pane = self.target()
        bar = pane.find_bar()
        ed = pane.editor
        seed = ""
        selection = ed.selection_range()
        if selection is not None and ed.state is not None:
            current = bar.marks.at(bar.marks.current) if bar.marks.current >= 0 else None
            chosen = ed.state.text[selection[0]:selection[1]]
            if selection != current and len(chosen) <= SEED_LIMIT and "\n" not in chosen:
                seed = chosen
        bar.open(seed)

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        """F3 / Shift+F3: the next or previous match (a closed bar opens again with its query)."""
        bar = self.target().find_bar()
        if bar.isVisible():
            bar.step(direction)
            return
        selection = bar.editor.selection_range()
        bar.open()
        bar.finish()
        marks = bar.marks
        if marks.current >= 0 and (direction < 0 or marks.at(marks.current) == selection):
            bar.step(direction)  # from the match selected when the bar closed, not onto it again
