"""The adjudication view: every annotator's version side by side, gold being built, the disagreements.

Opening is quick on long documents: the panes show the text at once (with no
spans), the versions are read and diffed in a worker thread (:mod:`loader`), and
then each pane gets its spans and the table its rows. The table computes a row's
texts only when it is shown (:mod:`model`).

Keys (declared in :data:`ADJ_ACTIONS`, built by one
:class:`~annotator.gui.common.actions.ActionRegistry` that also lists them on F1): N / F8 next disagreement,
P / Shift+F8 previous, Alt+1..Alt+9 accept annotator k's version, Ctrl+Shift+A accept all
agreed (threshold chosen in the bar), label keys tag the selection (in any pane)
into gold or relabel the selected gold span, Delete removes it, Ctrl+Z / Ctrl+Y.
Relations and links are drawn in every pane and added to gold by hand with the
relation keys and Ctrl+L (:mod:`structure`); the selected gold span's attributes are
edited in the Gold span inspector (F2; Enter accepts a date's proposal,
:mod:`gold_inspector`).
"""

from __future__ import annotations

import contextlib
import gc
import time
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core import tokens
from annotator.core.adjudication import Disagreement, Kind, Progress, Threshold, gc_paused
from annotator.core.offsets import Utf16Map
from annotator.core.schema import LabelSchema
from annotator.core.values import SetStatus, Span
from annotator.gui.adjudication.disagreement_model import DisagreementModel, kind_name, position
from annotator.gui.adjudication.gold import GoldBook, describe_decision, describe_provenance, threshold_name
from annotator.gui.adjudication.gold_inspector import make_gold_inspector
from annotator.gui.adjudication.loader import Loaded, LoadRelay, LoadTask, load
from annotator.gui.adjudication.relations_links import AdjudicationRelationsLinks
from annotator.gui.adjudication.version_pane import VersionPane
from annotator.gui.annotation.controller import OpenDocument
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.highlighter import LabelColours
from annotator.gui.annotation.spanindex import SpanIndex
from annotator.gui.annotation.tagging import moved_edge
from annotator.gui.common import plain
from annotator.gui.common.actions import ActionRegistry, ActionSpec, label_actions
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, decimal, integer, plural, translate
from annotator.services.adjudication import AcceptAgreed, AcceptVersion, AddGoldSpan, DeleteGoldSpan, UpdateGoldSpan
from annotator.services.entities import entities
from annotator.services.project import Project

MAX_ACCEPT_KEYS = 9


# The texts are marked in this window's context: the action registry translates them when it makes the
# actions, the menus and the F1 table (it tries the context of the window it builds).
ADJ_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("adj.next", QT_TRANSLATE_NOOP("AdjudicationWindow", "&Next disagreement"),
               "Adjudication", "next_disagreement", ("N", "F8")),
    ActionSpec("adj.previous", QT_TRANSLATE_NOOP("AdjudicationWindow", "&Previous disagreement"),
               "Adjudication", "previous_disagreement", ("P", "Shift+F8")),
    # their text in the interface's language is set when they are made (AdjudicationWindow._make_actions)
    *(ActionSpec(f"adj.accept_{k}", f"Accept annotator {k}'s version", "Adjudication", "accept_version",
                 (f"Alt+{k}",), arg=k) for k in range(1, MAX_ACCEPT_KEYS + 1)),
    ActionSpec("adj.accept_agreed", QT_TRANSLATE_NOOP("AdjudicationWindow", "Accept all &agreed"),
               "Adjudication", "accept_agreed", ("Ctrl+Shift+A",)),
    ActionSpec("adj.close", QT_TRANSLATE_NOOP("AdjudicationWindow", "&Close"),
               "Adjudication", "close", ("Ctrl+W",), separator_before=True),
    ActionSpec("edit.undo", QT_TRANSLATE_NOOP("AdjudicationWindow", "&Undo"), "Edit", "undo", ("Ctrl+Z",)),
    ActionSpec("edit.redo", QT_TRANSLATE_NOOP("AdjudicationWindow", "&Redo"),
               "Edit", "redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("gold.delete", QT_TRANSLATE_NOOP("AdjudicationWindow", "&Delete gold span"),
               "Gold", "delete_gold_span", ("Delete", "Backspace"), separator_before=True),
    ActionSpec("gold.start_earlier", QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold span starts one word earlier"),
               "Gold", "move_gold_edge", ("Ctrl+[",), arg=("start", "word", -1)),
    ActionSpec("gold.start_later", QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold span starts one word later"),
               "Gold", "move_gold_edge", ("Ctrl+]",), arg=("start", "word", 1)),
    ActionSpec("gold.end_earlier", QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold span ends one word earlier"),
               "Gold", "move_gold_edge", ("Ctrl+;",), arg=("end", "word", -1)),
    ActionSpec("gold.end_later", QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold span ends one word later"),
               "Gold", "move_gold_edge", ("Ctrl+'",), arg=("end", "word", 1)),
    ActionSpec("help.keys", QT_TRANSLATE_NOOP("AdjudicationWindow", "&Keyboard shortcuts"),
               "Help", "show_shortcuts", ("F1",)),
)

#: the menus of the adjudication view, in menu-bar order
ADJ_MENUS = ("Adjudication", "Edit", "Gold", "View", "Help")

#: keys of the adjudication view that are not actions, for its F1 table
ADJ_HELP_ROWS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("AdjudicationWindow", "Up/Down, 1–9, Enter / Esc"),
     QT_TRANSLATE_NOOP("AdjudicationWindow", "Pick the other end of a gold relation / cancel (after its key)")),
    (QT_TRANSLATE_NOOP("AdjudicationWindow", "Delete (in the Gold relations or Gold links tab)"),
     QT_TRANSLATE_NOOP("AdjudicationWindow", "Delete the chosen gold relation or link")),
    (QT_TRANSLATE_NOOP("AdjudicationWindow", "Esc (in the Gold span inspector)"),
     QT_TRANSLATE_NOOP("AdjudicationWindow", "Back to the gold text")),
)

#: an annotator's progress on the document, as a version pane's title says it
STATUS_NAMES = {
    SetStatus.NEW: QT_TRANSLATE_NOOP("AdjudicationWindow", "new"),
    SetStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("AdjudicationWindow", "in progress"),
    SetStatus.DONE: QT_TRANSLATE_NOOP("AdjudicationWindow", "done"),
}

#: the label keys in the Gold menu ("Tag {label}" becomes this; the registry fills in the label)
GOLD_LABEL_TEXT = QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold: {label}")


def gold_label_actions(schema: LabelSchema) -> list[ActionSpec]:
    """The label keys, tagging the selection into gold (or relabelling the selected gold span)."""
    specs = []
    for i, s in enumerate(label_actions(schema)):
        # "Tag ACTOR" -> "Gold: ACTOR"; a registry that translates a text made from data by its template
        # ("Tag {label}") is given this one's
        template: dict[str, Any] = {"template": GOLD_LABEL_TEXT} if getattr(s, "template", "") else {}
        specs.append(replace(s, text=s.text.replace("Tag", "Gold:"), menu="Gold", handler="tag_gold", context=False,
                             separator_before=i == 0, **template))
    return specs


class AdjudicationWindow(QMainWindow):
    """Adjudicate one document: compare the versions, decide, build gold."""

    loaded = Signal()

    def __init__(self, project: Project, doc_id: str, adjudicator: str, annotators: Sequence[str],
                 *, font: QFont | None = None, threaded: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("adjudicationWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closing frees it (nothing keeps a list of windows)
        self.started = time.perf_counter()
        self.load_seconds: float | None = None
        self.project = project
        self.adjudicator = adjudicator
        self.document = project.document(doc_id)
        self.setWindowTitle(translate("AdjudicationWindow", "Adjudicate — {title}").format(
            title=self.document.title or doc_id))
        self.colours = LabelColours(project.schema)
        self.u16 = Utf16Map(self.document.text)
        self.loaded_state: Loaded | None = None
        self.current: int | None = None  # the index of the disagreement shown (in the diff's list)
        self.progress = Progress(0, 0)
        self._entity_names: dict[str, str] | None = None
        self._following_table = True
        self.gold = GoldBook(project, doc_id, adjudicator, self)
        self.gold.spansChanged.connect(self._gold_changed)
        self.gold.spansReset.connect(self._gold_reset)
        self.gold.message.connect(self.say)
        self._relay = LoadRelay()
        self._relay.finished.connect(self._loaded)
        self._relay.failed.connect(self._load_failed)  # a method, not a lambda: a lambda would keep the view alive
        args = (project, doc_id, adjudicator, list(annotators))
        if threaded:
            QThreadPool.globalInstance().start(LoadTask(self._relay, *args))
        else:
            QTimer.singleShot(0, self, lambda: self._loaded(load(*args)))
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        self.panes: list[VersionPane] = []
        self._make_panes(annotators, font)
        self.model = DisagreementModel(self)
        self._make_dock()
        self.actions_by_id = self._make_actions()
        self.inspector = make_gold_inspector(self, self.registry)  # beside the list (before the tabs)
        self.structure = AdjudicationRelationsLinks(self)
        self.structure.make_actions(self.registry)
        self._make_view_menu()
        self.gold.undo_stack.canUndoChanged.connect(self.actions_by_id["edit.undo"].setEnabled)
        self.gold.undo_stack.canRedoChanged.connect(self.actions_by_id["edit.redo"].setEnabled)
        self.actions_by_id["edit.undo"].setEnabled(False)
        self.actions_by_id["edit.redo"].setEnabled(False)
        self.resize(1500, 900)
        self.statusBar().showMessage(translate("AdjudicationWindow", "Reading and comparing the versions…"))

    # -- building ------------------------------------------------------------------------
    def _make_panes(self, annotators: Sequence[str], font: QFont | None) -> None:
        for k, name in enumerate([*annotators, None]):
            pane = VersionPane(name or "gold", None if name is None else k + 1, self.colours, self.splitter)
            pane.editor.show_document(OpenDocument(self.document, self.u16, SpanIndex()))
            if font is not None:
                pane.editor.set_text_font(font)
            self.splitter.addWidget(pane)
            self.panes.append(pane)
        self.gold_pane.editor.spanSelected.connect(self._gold_span_selected)
        self.gold_pane.editor.setFocus()

    @property
    def gold_pane(self) -> VersionPane:
        return self.panes[-1]

    @property
    def version_panes(self) -> list[VersionPane]:
        return self.panes[:-1]

    def _make_dock(self) -> None:
        dock = QDockWidget(translate("AdjudicationWindow", "Disagreements"), self)
        dock.setObjectName("disagreementDock")
        body = QWidget(dock)
        bar = QHBoxLayout()
        self.count_label = plain.plain_label("", body)
        self.count_label.setObjectName("disagreementCount")
        self.threshold = QComboBox(body)
        self.threshold.setObjectName("agreedThreshold")
        self.threshold.setAccessibleName(translate("AdjudicationWindow", "Agreement threshold"))
        self.threshold.addItem(translate("AdjudicationWindow", "Unanimous (every annotator)"),
                               Threshold.UNANIMOUS.value)
        self.threshold.addItem(translate("AdjudicationWindow", "Majority (more than half)"), Threshold.MAJORITY.value)
        self.agreed_button = QPushButton(translate("AdjudicationWindow", "Accept all agreed"), body)
        self.agreed_button.setObjectName("acceptAgreed")
        self.agreed_button.clicked.connect(self.accept_agreed)
        self.only_undecided = QCheckBox(translate("AdjudicationWindow", "Show only undecided"), body)
        self.only_undecided.setObjectName("onlyUndecided")
        self.only_undecided.toggled.connect(self._filter)
        bar.addWidget(self.count_label, 1)
        bar.addWidget(self.only_undecided)
        bar.addWidget(plain.plain_label(translate("AdjudicationWindow", "Agreed means:"), body))
        bar.addWidget(self.threshold)
        bar.addWidget(self.agreed_button)
        self.table = QTableView(body)
        self.table.setObjectName("disagreementTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)
        self.provenance_label = plain.plain_label(
            translate("AdjudicationWindow", "Select a gold span to see where it came from"), body)
        self.provenance_label.setObjectName("goldProvenance")
        self.provenance_label.setWordWrap(True)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.provenance_label)
        dock.setWidget(body)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        self.dock = dock

    def _make_actions(self) -> dict[str, QAction]:
        """Every command of this view through one registry (the gold inspector and relation keys add theirs)."""
        self.registry = ActionRegistry(self, ADJ_MENUS, ADJ_HELP_ROWS)
        self.menus = self.registry.menus
        self.registry.add([*ADJ_ACTIONS, *gold_label_actions(self.project.schema)], (self,))
        for k in range(1, MAX_ACCEPT_KEYS + 1):  # a number in the text: in the locale's digits
            self.registry.actions[f"adj.accept_{k}"].setText(
                translate("AdjudicationWindow", "Accept annotator {number}'s version").format(number=integer(k)))
        return self.registry.actions

    def show_shortcuts(self) -> None:
        self.registry.show_shortcuts()

    def _make_view_menu(self) -> None:
        """View: one check box per annotator's pane (five versions side by side get narrow), and the docks."""
        menu = self.registry.menu("View")
        for pane in self.version_panes:
            shown = translate("AdjudicationWindow", "{number} · {name}'s version")
            action = QAction(shown.format(number=integer(pane.number or 0), name=pane.name.replace("&", "&&")),
                             self)  # && : no mnemonic
            action.setToolTip(
                plain.tooltip(shown.format(number=integer(pane.number or 0), name=pane.name))
            )  # by default its text, as rich text
            action.setObjectName(f"view.pane_{pane.number}")
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(pane.setVisible)
            menu.addAction(action)
        menu.addSeparator()
        for dock in (self.dock, self.inspector, self.structure.relations_dock, self.structure.links_dock):
            menu.addAction(dock.toggleViewAction())

    # -- loading -----------------------------------------------------------------------
    def _loaded(self, result: Loaded) -> None:
        with gc_paused():  # many small objects at once: no collection rescanning the versions meanwhile
            self._show_loaded(result)

    def _show_loaded(self, result: Loaded) -> None:
        self.loaded_state = result
        state = result.state
        if list(state.annotators) != [p.name for p in self.version_panes]:
            self.say(translate("AdjudicationWindow", "The annotators changed while opening; showing the ones found"))
        for pane in self.version_panes:
            index = result.versions.get(pane.name, SpanIndex())
            pane.editor.show_spans(index)
            status = state.status.get(pane.name)
            work = translate("AdjudicationWindow", STATUS_NAMES[status]) if status else \
                translate("AdjudicationWindow", "no work")
            pane.set_title(plural(len(state.versions[pane.name].spans),
                                  translate("AdjudicationWindow", "{n} span · {work}|{n} spans · {work}"), work=work))
        self.gold.attach(result.gold, state.gold_provenance, list(state.gold.relations), list(state.gold.links),
                         state.accepted)
        self.gold_pane.editor.show_spans(result.gold)
        self.structure.versions_loaded(state)
        self._gold_title()
        self.model.set_diff(state.disagreements, [p.name for p in self.version_panes], self.document.text,
                            lambda d: describe_decision(self.gold.decision(d, state.diff)), self._attr_text,
                            {k: v for k, v in result.notes.items() if k[0] in state.annotators})
        self._size_columns()
        self._refresh_progress()
        self.load_seconds = time.perf_counter() - self.started
        self.say(plural(len(state.disagreements),
                        translate("AdjudicationWindow", "{n} disagreement between {annotators} annotators (read and "
                                                        "compared in {seconds} s)|{n} disagreements between "
                                                        "{annotators} annotators (read and compared in {seconds} s)"),
                        annotators=integer(len(state.annotators)), seconds=decimal(result.seconds, 2)))
        if state.disagreements:
            self.go_to(0)
        self.loaded.emit()

    def _count(self) -> None:
        p = self.progress
        text = plural(p.total, translate("AdjudicationWindow", "{n} disagreement · {decided} decided · {left} left|"
                                                       "{n} disagreements · {decided} decided · {left} left"),
                      decided=integer(p.decided), left=integer(p.left))
        if self.current is not None:
            text += translate("AdjudicationWindow", " · at {number}").format(number=integer(self.current + 1))
        self.count_label.setText(text)

    def _refresh_progress(self, ranges: list[tuple[int, int]] | None = None, links: bool = False) -> None:
        """Decided and left from what gold holds now (the core's rule): the label, the tint, the filter.

        *ranges*: only the disagreements overlapping these gold ranges (and, with *links*, the link
        disagreements) can have changed: a long document's 17,000 rows are not all asked again
        after each decision. None: ask every row.
        """
        if self.loaded_state is None:
            return
        diff = self.loaded_state.state.diff
        if ranges is None or len(self.model.decided) != len(self.disagreements):
            self.progress, flags = self.gold.progress(self.disagreements, diff)
        else:
            flags = list(self.model.decided)
            for i in self._overlapping(ranges, links):
                flags[i] = self.gold.is_decided(self.disagreements[i], diff)
            self.progress = Progress(len(flags), sum(flags))
        self.model.set_decided(flags)
        if self.only_undecided.isChecked():
            self._filter(True)
        self._count()

    def _overlapping(self, ranges: list[tuple[int, int]], links: bool) -> set[int]:
        """Indices of the disagreements that overlap one of *ranges* (or are about links, with *links*)."""
        starts, longest, link_rows = self._layout
        out: set[int] = set(link_rows) if links else set()
        ds = self.disagreements
        for lo, hi in ranges:
            for i in range(bisect_left(starts, lo - longest), bisect_right(starts, hi)):
                if ds[i].start <= hi and ds[i].end >= lo:
                    out.add(i)
        return out

    @cached_property
    def _layout(self) -> tuple[list[int], int, list[int]]:
        """The disagreements' starts (sorted), the longest one's length, the link disagreements."""
        ds = self.disagreements
        return ([d.start for d in ds], max((d.end - d.start for d in ds), default=0),
                [i for i, d in enumerate(ds) if d.kind is Kind.LINK])

    def _filter(self, on: bool) -> None:
        """List only the undecided disagreements (the current one stays until another is chosen)."""
        self._following_table = False
        try:
            self.model.filter_undecided(on, keep=self.current)
        finally:
            self._following_table = True
        if self.current is not None:
            self._select_row(self.model.row_of(self.current))

    def _size_columns(self) -> None:
        """#, kind and position as wide as their usual texts; the text, each annotator's version and
        gold share the rest equally (so gold never takes the annotators' room)."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        fm = self.table.fontMetrics()
        pad = 2 * fm.horizontalAdvance("  ")
        widths = (fm.horizontalAdvance(integer(max(len(self.disagreements), 1)) + "0") + pad,
                  fm.horizontalAdvance(f"{kind_name(Kind.BOUNDARY)}, {kind_name(Kind.MISSING)}") + pad,
                  fm.horizontalAdvance(position(88888, 88888)) + pad)
        for col in range(self.model.columnCount()):
            if col < len(widths):
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(col, widths[col])
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)

    def _attr_text(self, label: str, name: str, value: Any) -> str:
        """An attribute value as the table shows it: an entity's name for its id (the id if unknown)."""
        try:
            is_entity = self.project.schema.attribute(label, name).kind == "entity"
        except KeyError:
            is_entity = False
        if not is_entity or not isinstance(value, str):
            return str(value)
        if self._entity_names is None:
            self._entity_names = {e.id: e.name for e in entities(self.project)}
        entity_name = self._entity_names.get(value)
        return value if entity_name is None else plain.isolate(entity_name)  # a name inside "ACTOR entity=…"

    def _gold_title(self) -> None:
        self.gold_pane.set_title(plural(len(self.gold.spans), translate("AdjudicationWindow", "{n} span|{n} spans")))

    # -- showing a disagreement ----------------------------------------------------------
    @property
    def disagreements(self) -> list[Disagreement]:
        return self.loaded_state.state.disagreements if self.loaded_state else []

    def go_to(self, index: int) -> None:
        """Show disagreement *index* (of the diff's list) in every pane and select its row."""
        if not 0 <= index < len(self.disagreements):
            return
        row = self.model.row_of(index)
        if row is None:  # filtered out: show it anyway, as the current one
            self.show_disagreement(index)
            self._filter(True)
            return
        self._select_row(row)

    def _select_row(self, row: int | None) -> None:
        if row is not None and 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)

    def _row_chosen(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if self._following_table and current.isValid():
            self.show_disagreement(self.model.disagreement_index(current.row()))

    def show_disagreement(self, index: int) -> None:
        if not 0 <= index < len(self.disagreements):
            return
        self.current = index
        d = self.disagreements[index]
        for pane in self.panes:
            pane.editor.mark_range(d.start, d.end)
        self.structure.show_disagreement(d)
        self._count()

    def next_disagreement(self) -> None:
        """The next listed disagreement (with *only undecided*: the next undecided one)."""
        if not self.model.rowCount():
            self.say(translate("AdjudicationWindow", "No disagreements") if not self.disagreements
                     else translate("AdjudicationWindow", "Every disagreement is decided"))
            return
        row = 0 if self.current is None else self.model.row_after(self.current)
        if row is None:
            self.say(translate("AdjudicationWindow", "That was the last disagreement"))
        else:
            self._select_row(row)

    def previous_disagreement(self) -> None:
        row = None if self.current is None else self.model.row_before(self.current)
        if row is not None:
            self._select_row(row)
        elif self.disagreements:
            self.say(translate("AdjudicationWindow", "This is the first disagreement"))

    # -- decisions ----------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def accept_version(self, k: int) -> None:
        """Make gold equal the k-th annotator's version of the current disagreement, then go on."""
        if self.loaded_state is None or self.current is None:
            self.say(translate("AdjudicationWindow", "Choose a disagreement first"))
            return
        if not 1 <= k <= len(self.version_panes):
            self.say(translate("AdjudicationWindow", "There is no annotator {number} here").format(number=integer(k)))
            return
        name = self.version_panes[k - 1].name
        d = self.disagreements[self.current]
        if self.gold.run(AcceptVersion(self.document.id, self.adjudicator, d, name, diff=self.loaded_state.state.diff)):
            self.next_disagreement()

    def accept_agreed(self) -> None:
        if self.loaded_state is None:
            return
        threshold = Threshold(self.threshold.currentData())
        cmd = AcceptAgreed(self.document.id, self.adjudicator, threshold, diff=self.loaded_state.state.diff)
        self.say(translate("AdjudicationWindow", "Accepting everything agreed ({threshold})…").format(
            threshold=threshold_name(threshold.value)))
        self.statusBar().repaint()  # a long document takes a second or two: say so before it starts
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            stored = self.gold.run(cmd)
        finally:
            QApplication.restoreOverrideCursor()
        if stored:
            s = cmd.summary
            self.say(translate("AdjudicationWindow",
                               "Gold: {spans} added, {values} set, {relations}, {links} ({threshold})").format(
                spans=plural(s.spans_added, translate("AdjudicationWindow", "{n} agreed span|{n} agreed spans")),
                values=plural(s.attributes_set, translate("AdjudicationWindow", "{n} value|{n} values")),
                relations=plural(s.relations_added, translate("AdjudicationWindow", "{n} relation|{n} relations")),
                links=plural(s.links_added, translate("AdjudicationWindow", "{n} link|{n} links")),
                threshold=threshold_name(threshold.value)))

    def undo(self) -> None:
        self.gold.undo()

    def redo(self) -> None:
        self.gold.redo()

    # -- editing gold by hand ----------------------------------------------------------
    def _focused_editor(self) -> DocumentEditor:
        for pane in self.panes:
            if pane.editor.hasFocus() and pane.editor.selection_range() is not None:
                return pane.editor
        return next((p.editor for p in self.panes if p.editor.selection_range() is not None), self.gold_pane.editor)

    def tag_gold(self, label: str) -> None:
        """Tag the selection (in any pane: the text is the same) into gold, or relabel the selected gold span."""
        editor = self._focused_editor()
        selection = editor.selection_range()
        gold_editor = self.gold_pane.editor
        if selection is None:
            span = gold_editor.selected_span()
            if span is None:
                self.say(translate("AdjudicationWindow", "Select some text, or click a gold span, first"))
            elif span.label != label:
                self.gold.run(UpdateGoldSpan(self.document.id, self.adjudicator, span.id, label=label))
            return
        snap = tokens.snap_to_graphemes if editor.char_precision_once else tokens.snap_to_words
        snapped = snap(self.document.text, *selection)
        if snapped is None:
            self.say(translate("AdjudicationWindow", "Nothing to tag: the selection holds only spaces or marks"))
            return
        cmd = AddGoldSpan(self.document.id, self.adjudicator, snapped[0], snapped[1], label)
        if self.gold.run(cmd):
            gold_editor.select_span(self.gold.spans.get(cmd.span_id), scroll=False)

    def delete_gold_span(self) -> None:
        span = self.gold_pane.editor.selected_span()
        if span is None:
            self.say(translate("AdjudicationWindow", "No gold span selected: click one in the gold pane"))
            return
        self.gold.run(DeleteGoldSpan(self.document.id, self.adjudicator, span.id))

    def move_gold_edge(self, how: tuple[str, str, int]) -> None:
        span = self.gold_pane.editor.selected_span()
        if span is None:
            self.say(translate("AdjudicationWindow", "No gold span selected: click one in the gold pane"))
            return
        edge, unit, step = how
        new = moved_edge(self.document.text, span.start, span.end, edge, unit, step)
        start, end = (new, span.end) if edge == "start" else (span.start, new)
        if start < end and (start, end) != (span.start, span.end):
            self.gold.run(UpdateGoldSpan(self.document.id, self.adjudicator, span.id, start=start, end=end))

    def _gold_changed(self, pairs: list[tuple[Span | None, Span | None]]) -> None:
        self.gold_pane.editor.refresh_spans(pairs)
        self.model.gold_changed()
        self._refresh_progress(self.gold.changed_ranges, self.gold.links_changed)
        self._gold_title()
        self._gold_span_selected(self.gold_pane.editor.selected_span_id or "")
        self.inspector.refresh()

    def _gold_reset(self) -> None:
        self.gold_pane.editor.show_spans(self.gold.spans)
        self._gold_changed([])

    def _gold_span_selected(self, span_id: str) -> None:
        span = self.gold.spans.get(span_id) if span_id else None
        if span is None:
            self.provenance_label.setText(
                translate("AdjudicationWindow", "Select a gold span to see where it came from"))
            return
        body = " ".join(span.text_in(self.document.text).split())
        body = body if len(body) <= 60 else body[:60] + "…"
        self.provenance_label.setText(translate("AdjudicationWindow", "Gold {label} «{text}»: {provenance}").format(
            label=span.label, text=plain.isolate(body),
            provenance=describe_provenance(self.gold.provenance(span.id))))

    def _load_failed(self, text: str) -> None:
        self.say(translate("AdjudicationWindow", "Could not open the versions: {error}").format(error=text))

    def closeEvent(self, e: QCloseEvent) -> None:
        with contextlib.suppress(RuntimeError, TypeError):
            self._relay.finished.disconnect()
        gc.unfreeze()  # the versions read on opening were frozen (loader.load): collectable again
        super().closeEvent(e)
