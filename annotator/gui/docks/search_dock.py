"""Search every document from the window (Ctrl+Shift+F): a concordance, grouped by document.

The Search dock asks :func:`annotator.services.search.search` (the same search as
``annotator search``) in a pool thread as the query is typed (after a short pause) or at
Enter, so the window never waits for it. Each document with hits is a row with its
title and count; under it, one keyword-in-context line per hit, the match between «»,
laid out in the text's own direction (right to left for Arabic). Moving in the list shows
the hit in a pane (the document is opened there if no pane shows it); Enter or a double
click also puts the keyboard in that pane, with the hit selected, ready for a label key.

Tagging from the results: select hits (or whole documents: every hit in them) and press
a label's key; every selected hit becomes a span of that label for the annotator, only
where they have none of that label yet, as one undoable step
(:class:`~annotator.services.spans.TagRanges` per document, the command "Tag other
mentions" uses, in one :class:`~annotator.gui.common.batch.Batch`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Protocol

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.schema import LabelSchema
from annotator.core.search import SearchFilter, SearchMode, SearchOptions, SearchResult
from annotator.core.text import detect_direction
from annotator.core.values import SetStatus
from annotator.gui.annotation.controller import Controller
from annotator.gui.common import plain
from annotator.gui.common.batch import Batch
from annotator.gui.common.elide import ElidingDelegate
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, plural, translate
from annotator.gui.docks.list_models import status_text
from annotator.services.search import search
from annotator.services.spans import TagRanges

#: milliseconds of no typing before the query is searched
TYPING_PAUSE_MS = 250
#: documents with hits read per page ("More results" reads the next)
PAGE_DOCUMENTS = 50

DOC_ROLE = Qt.ItemDataRole.UserRole + 1
START_ROLE = Qt.ItemDataRole.UserRole + 2
END_ROLE = Qt.ItemDataRole.UserRole + 3

_MODES: tuple[tuple[str, SearchMode], ...] = ((QT_TRANSLATE_NOOP("SearchDock", "Anywhere in words"), "text"),
                                              (QT_TRANSLATE_NOOP("SearchDock", "Whole words"), "word"),
                                              (QT_TRANSLATE_NOOP("SearchDock", "Regular expression"), "regex"))
_ARABIC_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)}


def _hits() -> str:
    """The plural forms of "{n} hits" (a document's row and the summary)."""
    return translate("SearchDock", "{n} hit|{n} hits")


class SearchHost(Protocol):
    """What the dock needs of the window."""

    controller: Controller

    def show_range(self, doc_id: str, start: int, end: int, focus: bool) -> None: ...
    def selected_words(self) -> str: ...


class _Relay(QObject):
    """Brings a result from the pool thread back to the dock's thread (no parent: it lives
    while the dock or a running search holds it)."""

    found = Signal(int, object)  # generation, SearchResult
    failed = Signal(int, str)  # generation, message


class _Search(QRunnable):
    def __init__(self, relay: _Relay, work: Callable[[], SearchResult], generation: int,
                 current: Callable[[], int]) -> None:
        super().__init__()
        self.relay, self.work, self.generation, self.current = relay, work, generation, current

    def run(self) -> None:
        if self.current() != self.generation:  # typed on since: this search is not wanted
            return
        try:
            result = self.work()
        except AnnotatorError as exc:
            self.relay.failed.emit(self.generation, str(exc))
            return
        except Exception:  # a pool thread: the dock says so, the log says why
            logging.getLogger(__name__).warning("searching failed", exc_info=True)
            self.relay.failed.emit(self.generation, translate("SearchDock", "The search failed (the log says why)"))
            return
        self.relay.found.emit(self.generation, result)


class ResultsView(QTreeView):
    """The concordance; a label's key tags the selected hits (instead of the window's shortcut)."""

    tagRequested = Signal(str)

    def __init__(self, schema: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys = {lab.key: lab.name for lab in schema.labels}
        self.keys |= {a: self.keys[w] for a, w in _ARABIC_DIGITS.items() if w in self.keys}

    def _label_of(self, event: QKeyEvent) -> str | None:
        if event.modifiers() & ~(Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier):
            return None
        return self.keys.get(event.text())

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) and self._label_of(e):
            e.accept()  # the key comes here as a key press, not to the window's "tag the pane's selection"
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        label = self._label_of(e)
        if label is not None:
            self.tagRequested.emit(label)
            return
        super().keyPressEvent(e)


class SearchDock(QDockWidget):
    """Query, how it matches, filters; the concordance below."""

    def __init__(self, host: SearchHost, parent: QWidget | None = None) -> None:
        super().__init__(translate("SearchDock", "Search"), parent)
        self.setObjectName("searchDock")
        self.host = host
        self.project = host.controller.project
        self.generation = 0
        #: a search is running (the summary says "Searching…"): compare this, not the summary's text
        self.searching = False
        self.result: SearchResult | None = None
        self._relay = _Relay()
        self._relay.found.connect(self._found)
        self._relay.failed.connect(self._failed)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(TYPING_PAUSE_MS)
        self._pause.timeout.connect(self.run)

        body = QWidget(self)
        self.query = QLineEdit(body)
        self.query.setObjectName("searchQuery")
        self.query.setPlaceholderText(translate("SearchDock", "Search every document (harakat, alef forms, digits do "
                                                              "not matter)"))
        self.query.setClearButtonEnabled(True)
        self.query.textChanged.connect(lambda _t: self._pause.start())
        self.query.returnPressed.connect(self.run)
        self.query.installEventFilter(self)
        self.mode = QComboBox(body)
        self.mode.setObjectName("searchMode")
        for text, mode in _MODES:
            self.mode.addItem(translate("SearchDock", text), mode)
        self.arabic = QCheckBox(translate("SearchDock", "Arabic-aware"), body)
        self.arabic.setObjectName("searchArabic")
        self.arabic.setChecked(True)
        self.arabic.setToolTip(plain.tooltip(translate("SearchDock", "Ignore harakat and tatweel; أ إ آ ٱ match ا, "
                                                                     "ى matches ي, ة matches ه, Arabic-Indic digits "
                                                                     "match 0-9, letter case does not matter")))
        self.clitics = QCheckBox(translate("SearchDock", "After و ف ب ك ل ال"), body)
        self.clitics.setObjectName("searchClitics")
        self.clitics.setToolTip(plain.tooltip(translate("SearchDock", "Whole words: also after the proclitics, so "
                                                                      "الاتفاق finds والاتفاق and بالاتفاق (the hit "
                                                                      "is the word without them)")))
        self.more_filters = QToolButton(body)
        self.more_filters.setObjectName("searchFiltersButton")
        self.more_filters.setText(translate("SearchDock", "Filters"))
        self.more_filters.setCheckable(True)

        self.filters = QWidget(body)
        self.filters.setObjectName("searchFilters")
        self.where = QComboBox(self.filters)
        self.where.setObjectName("searchWhere")
        self.where.addItem(translate("SearchDock", "Anywhere in the text"), None)
        for lab in self.project.schema.labels:
            self.where.addItem(translate("SearchDock", "Inside {label} spans").format(label=lab.name),
                               f"inside:{lab.name}")
        self.where.addItem(translate("SearchDock", "Outside all spans"), "outside")
        self.whose = QComboBox(self.filters)
        self.whose.setObjectName("searchWhose")
        self.whose.setToolTip(plain.tooltip(translate("SearchDock", "Whose spans and status the filters look at (an "
                                                                    "annotator working blind: their own, and gold on "
                                                                    "the documents they have done)")))
        self.whose.addItem(translate("SearchDock", "Mine"), None)
        self.whose.addItem(translate("SearchDock", "Gold"), "gold")
        me = host.controller.annotator
        for name in self.project.annotators():
            if name not in (me, "gold"):
                self.whose.addItem(name, name)
        self.status = QComboBox(self.filters)
        self.status.setObjectName("searchStatus")
        self.status.addItem(translate("SearchDock", "Any status"), None)
        for st in SetStatus:
            self.status.addItem(status_text(st), st.value)
        self.outlet = QLineEdit(self.filters)
        self.outlet.setObjectName("searchOutlet")
        self.outlet.setPlaceholderText(translate("SearchDock", "as in the documents' meta"))
        self.published_from = QLineEdit(self.filters)
        self.published_from.setObjectName("searchFrom")
        self.published_from.setPlaceholderText("2026-01-01")
        self.published_to = QLineEdit(self.filters)
        self.published_to.setObjectName("searchTo")
        self.published_to.setPlaceholderText("2026-12-31")
        form = QFormLayout(self.filters)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(translate("SearchDock", "Where:"), self.where)
        form.addRow(translate("SearchDock", "Whose:"), self.whose)
        form.addRow(translate("SearchDock", "Status:"), self.status)
        form.addRow(translate("SearchDock", "Outlet:"), self.outlet)
        published = QHBoxLayout()
        published.addWidget(self.published_from)
        published.addWidget(plain.plain_label(translate("SearchDock", "to"), self.filters))
        published.addWidget(self.published_to)
        form.addRow(translate("SearchDock", "Published:"), published)
        self.filters.setVisible(False)
        self.more_filters.toggled.connect(self.filters.setVisible)
        for box in (self.mode, self.where, self.whose, self.status):
            box.currentIndexChanged.connect(lambda _i: self.run())
        for check in (self.arabic, self.clitics):
            check.toggled.connect(lambda _on: self.run())
        for edit in (self.outlet, self.published_from, self.published_to):
            edit.returnPressed.connect(self.run)
        self.mode.currentIndexChanged.connect(lambda _i: self._update_clitics())
        self._update_clitics()

        self.summary = plain.plain_label("", body)
        self.summary.setObjectName("searchSummary")
        self.summary.setWordWrap(True)
        self.model = QStandardItemModel(self)
        self.view = ResultsView(self.project.schema, body)
        self.view.setObjectName("searchResults")
        self.view.setModel(self.model)
        self.view.setHeaderHidden(True)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.delegate = ElidingDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.view.activated.connect(lambda index: self._show(index, focus=True))
        self.view.selectionModel().currentChanged.connect(lambda index, _old: self._show(index, focus=False))
        self.view.tagRequested.connect(self.tag_selected)
        self.more = QPushButton(translate("SearchDock", "More results"), body)
        self.more.setObjectName("searchMore")
        self.more.setVisible(False)
        self.more.clicked.connect(self.run_more)

        row = QHBoxLayout()
        row.addWidget(self.mode)
        row.addWidget(self.arabic)
        row.addWidget(self.clitics)
        row.addStretch(1)
        row.addWidget(self.more_filters)
        layout = QVBoxLayout(body)
        layout.addWidget(self.query)
        layout.addLayout(row)
        layout.addWidget(self.filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.more)
        self.setWidget(body)

    # -- what is asked -------------------------------------------------------------------------
    def _update_clitics(self) -> None:
        self.clitics.setEnabled(self.mode.currentData() == "word")

    def options(self) -> SearchOptions:
        mode: SearchMode = self.mode.currentData()
        options = SearchOptions(mode=mode) if self.arabic.isChecked() else SearchOptions.exact(mode)
        return replace(options, clitics=mode == "word" and self.clitics.isChecked())

    def search_filter(self) -> SearchFilter:
        where: str = self.where.currentData() or ""
        inside = where.partition(":")[2] if where.startswith("inside:") else None
        outside = where == "outside"
        return SearchFilter(inside_label=inside, outside_spans=outside, annotator=self.whose.currentData(),
                            status=self.status.currentData(),
                            outlet=self.outlet.text().strip() or None,
                            published_from=self.published_from.text().strip() or None,
                            published_to=self.published_to.text().strip() or None)

    def start(self) -> None:
        """Ctrl+Shift+F: the dock shown, the keyboard in the query (the words selected in the
        active pane put there first, if any)."""
        self.show()
        self.raise_()
        words = self.host.selected_words()
        if words:
            self.query.setText(words)
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()
        self.run()

    # -- running -------------------------------------------------------------------------------
    def run(self, after: int | None = None) -> None:
        """Search now (a new search clears the results; *after*: the next page of the last one)."""
        self._pause.stop()
        self.generation += 1
        query = self.query.text()
        if after is None:
            self.model.clear()
            self.result = None
            self.more.setVisible(False)
        if not query.strip():
            self.searching = False
            self.summary.setText("")
            return
        options, filters = self.options(), self.search_filter()
        annotator = self.host.controller.annotator
        project = self.project

        def work() -> SearchResult:
            return search(project, query, options, filters, viewer=annotator, after=after,
                          limit_documents=PAGE_DOCUMENTS)

        self.searching = True
        self.summary.setText(translate("SearchDock", "Searching…"))
        QThreadPool.globalInstance().start(_Search(self._relay, work, self.generation, lambda: self.generation))

    def run_more(self) -> None:
        if self.result is not None and self.result.cursor is not None:
            self.run(after=self.result.cursor)

    def _failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.searching = False
            self.summary.setText(message)

    def _found(self, generation: int, result: SearchResult) -> None:
        if generation != self.generation:
            return
        rtl = Qt.LayoutDirection.RightToLeft
        for doc in result.documents:
            title = doc.title or doc.document_id
            # the count isolated: after an Arabic title its digits would otherwise join the title's run
            top = QStandardItem(f"{title} — {plain.isolate(plural(doc.count, _hits()))}")
            top.setData(doc.document_id, DOC_ROLE)
            top.setToolTip(plain.tooltip(f"{title} ({doc.document_id})"))
            for hit in doc.hits:
                ctx = hit.context
                line = (("… " if ctx.left_cut else "") + ctx.left + "«" + ctx.match + "»" + ctx.right
                        + (" …" if ctx.right_cut else ""))
                item = QStandardItem(line)
                item.setData(doc.document_id, DOC_ROLE)
                item.setData(hit.start, START_ROLE)
                item.setData(hit.end, END_ROLE)
                item.setToolTip(plain.tooltip(translate("SearchDock", "{title}, characters {start}–{end}").format(
                    title=title, start=integer(hit.start), end=integer(hit.end))))
                top.appendRow(item)
            self.model.appendRow(top)
        self.view.expandAll()
        previous = self.result
        documents = (previous.documents if previous is not None else ()) + result.documents
        self.result = SearchResult(result.query, result.options, documents, result.complete, result.cursor,
                                   (previous.candidates if previous is not None else 0) + result.candidates)
        hits = sum(d.count for d in documents)
        self.searching = False
        if not documents:
            self.summary.setText(translate("SearchDock", "No match") if result.complete
                                 else translate("SearchDock", "No match yet: More results looks further"))
        elif result.complete:
            self.summary.setText(translate("SearchDock", "{hits} in {documents}").format(
                hits=plural(hits, _hits()),
                documents=plural(len(documents), translate("SearchDock", "{n} document|{n} documents"))))
        else:  # more to read: at least this many
            self.summary.setText(translate("SearchDock", "{hits} in {documents}").format(
                hits=translate("SearchDock", "{n}+ hits").format(n=integer(hits)),
                documents=translate("SearchDock", "{n}+ documents").format(n=integer(len(documents)))))
        self.more.setVisible(not result.complete)
        first = self.model.index(0, 0, self.model.index(0, 0))
        if first.isValid():  # the concordance in the direction of its lines (Arabic: from the right)
            rtl_lines = detect_direction(str(first.data())) == "rtl"
            self.view.setLayoutDirection(rtl if rtl_lines else Qt.LayoutDirection.LeftToRight)
        if previous is None and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))

    # -- using the results ---------------------------------------------------------------------
    def _show(self, index: QModelIndex, focus: bool) -> None:
        if not index.isValid():
            return
        doc_id = index.data(DOC_ROLE)
        start, end = index.data(START_ROLE), index.data(END_ROLE)
        if start is None:  # a document row: its first hit
            child = self.model.index(0, 0, index)
            start, end = child.data(START_ROLE), child.data(END_ROLE)
        if doc_id is not None and start is not None:
            self.host.show_range(str(doc_id), int(start), int(end), focus)

    def selected_hits(self) -> dict[str, list[tuple[int, int]]]:
        """The selected hits by document (a selected document row: all of its hits)."""
        out: dict[str, list[tuple[int, int]]] = {}
        for index in self.view.selectionModel().selectedRows():
            rows = [index] if index.parent().isValid() else \
                [self.model.index(r, 0, index) for r in range(self.model.rowCount(index))]
            for row in rows:
                hit = (int(row.data(START_ROLE)), int(row.data(END_ROLE)))
                places = out.setdefault(str(row.data(DOC_ROLE)), [])
                if hit not in places:
                    places.append(hit)
        return out

    def tag_selected(self, label: str) -> bool:
        by_doc = self.selected_hits()
        if not by_doc:
            self.host.controller.message.emit(translate("SearchDock", "Select hits in the search results first, then "
                                                                      "press a label's key"))
            return False
        who = self.host.controller.annotator
        commands = [TagRanges(doc, who, sorted(places), label) for doc, places in by_doc.items()]
        total = sum(len(c.ranges) for c in commands)

        def done() -> str:
            tagged = sum(len(c.span_ids) for c in commands)
            skipped = sum(c.skipped for c in commands)
            docs = sum(1 for c in commands if c.span_ids)
            already = translate("SearchDock", " ({skipped} already tagged {label})").format(
                skipped=integer(skipped), label=label) if skipped else ""
            return plural(docs, translate("SearchDock", "Saved: tagged {tagged} × {label} in {n} document|"
                                                        "Saved: tagged {tagged} × {label} in {n} documents"),
                          tagged=integer(tagged), label=label) + already

        command = commands[0] if len(commands) == 1 else Batch(commands, plural(
            total, translate("SearchDock", "Tag {n} search hit as {label}|Tag {n} search hits as {label}"),
            label=label))
        return self.host.controller.run(command, done)  # type: ignore[arg-type]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # Down goes to the results
            return True
        return super().eventFilter(watched, event)
