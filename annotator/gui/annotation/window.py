"""The main window: panes in the middle, document and span docks, label bar.

The window only wires parts together. Tagging is in :mod:`tagging`, commands
and undo in :mod:`controller` / :mod:`undo`, the actions in :mod:`actions`, the
painting in :mod:`editor` / :mod:`highlighter`. Every change is stored when it
happens; the status bar says so.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFontDialog, QMainWindow, QMessageBox, QWidget

from annotator.core.values import DocumentQuery, SetStatus, Span
from annotator.gui.annotation.controller import Controller
from annotator.gui.annotation.document_pane import DocumentPane
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.find_bar import PaneFinder
from annotator.gui.annotation.highlighter import LabelColours
from annotator.gui.annotation.labelbar import LabelBar
from annotator.gui.annotation.pane_area import PaneArea
from annotator.gui.annotation.project_files import ProjectFiles
from annotator.gui.annotation.relations_links_entities import RelationsLinksEntitiesUi
from annotator.gui.annotation.suggestions_ui import SuggestionsUi
from annotator.gui.annotation.tagging import Tagger
from annotator.gui.common import actions as action_table
from annotator.gui.common import dialogs, plain
from annotator.gui.common.elide import ElidedLabel
from annotator.gui.common.i18n import integer, plural, translate
from annotator.gui.common.settings import DEFAULT_POINT_SIZE, MAX_POINT_SIZE, MIN_POINT_SIZE, Settings
from annotator.gui.docks.document_span_docks import DocumentDock, SpanDock
from annotator.gui.docks.list_models import status_text
from annotator.gui.team.team_ui import TeamUi
from annotator.services.project import Project

if TYPE_CHECKING:
    from annotator.gui.docks.guidelines_dock import GuidelinesDock
    from annotator.gui.docks.search_dock import SearchDock
    from annotator.services.imports.documents import ImportReport

#: the Search dock's height when it first opens (pixels; a third of the window if that is more)
SEARCH_DOCK_MIN_HEIGHT = 220
#: how long after an edit the span list and the document list catch up (milliseconds). A tag
#: repaints its paragraph at once; the lists (whose rows all move when one is inserted) follow
#: in one update per burst of edits, so their repaint is not part of every tag's latency.
DOCK_DELAY_MS = 100

#: the widest the status bar's selected-span label gets, in average characters
SPAN_LABEL_CHARS = 48


class MainWindow(QMainWindow):
    """The annotation window of one project and one annotator."""

    def __init__(self, project: Project, annotator: str, settings: Settings | None = None,
                 docs: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.project = project
        self.settings = settings or Settings()
        self.db_key = project.database.display_url
        self.controller = Controller(project, annotator, self)
        self.colours = LabelColours(project.schema, self.settings.colour_palette, self.settings.own_colours())
        self.text_font = self.settings.font()
        self.area = PaneArea(self.colours, self)
        self.setCentralWidget(self.area)
        self.tagger = Tagger(self.controller, self.active_editor)
        self.finder = PaneFinder(self._target_pane)  # Ctrl+F, F3: the find bar of the active pane
        self.documents_dock = DocumentDock(project, annotator, self)
        #: documents opened in this window, latest first (the panes' choosers offer them)
        self.recent: list[str] = []
        self.spans_dock = SpanDock(project.schema.names, self)
        self.search_dock: SearchDock | None = None  # Ctrl+Shift+F makes it
        self.guidelines_dock: GuidelinesDock | None = None  # Shift+F1 makes it
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.documents_dock)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.spans_dock)
        self.structure = RelationsLinksEntitiesUi(self, self)  # relations, inspector, entities, links, claims
        self.suggestions = SuggestionsUi(self, self, self.structure.accept_date_proposal)  # drawn in each pane
        # every command of this window (the Team menu adds its own): menus, keys and the F1 table
        self.registry = action_table.ActionRegistry(self, action_table.MENUS, action_table.MAIN_HELP_ROWS)
        self.specs = action_table.all_actions(project.schema)
        self.registry.add(self.specs, (self.tagger, self.finder, self, *self.structure.handlers,
                                       self.structure.inspector, self.suggestions))
        self.actions_by_id, self.menus = self.registry.actions, self.registry.menus
        self.context_actions = self.registry.context_actions()
        for dock in (self.documents_dock, self.spans_dock):
            self.menus["View"].addAction(dock.toggleViewAction())
        self.structure.finish(self.actions_by_id, self.menus, self.specs)
        self.suggestions.finish(self.actions_by_id, self.menus)
        self.project_files = ProjectFiles(self, self.settings)  # New, Open, Open Recent, drops
        self.project_files.add_recent_menu(self.menus["File"], self.actions_by_id["file.import_files"])
        self.label_bar = LabelBar(project.schema, self.actions_by_id, self,
                                  {lab.name: self.colours.solid(lab.name).name() for lab in project.schema.labels})
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.label_bar)
        # The selected span, elided to a bounded width: the status bar's messages ("Saved: tagged
        # ACTOR", "Four panes at most") are painted left of it and must keep room to be seen.
        self.selected_info = ElidedLabel("", self, max_chars=SPAN_LABEL_CHARS)
        self.selected_info.setObjectName("selectedSpan")
        self._info_pane: DocumentPane | None = None
        self._keys_message = ""  # the selected suggestion's message (what its keys do), while the status bar shows it
        self.statusBar().addPermanentWidget(self.selected_info)
        self.who = plain.plain_label(translate("MainWindow", "Annotator: {name}").format(name=annotator), self)
        self.who.setObjectName("annotatorName")
        self.statusBar().addPermanentWidget(self.who)
        self.refresh_who()
        self.controller.teamChanged.connect(self.refresh_who)
        self._wire()
        self.actions_by_id["edit.char_mode"].setChecked(self.settings.char_mode)
        self.refresh_documents()
        self.team = TeamUi(self, self)  # blind label, time spent, queue; adjudication, agreement, assignment
        self._restore_layout(docs)
        self.setWindowTitle(f"annotator — {self.db_key}")
        self.statusBar().showMessage(translate("MainWindow", "Every change is saved as you make it"), 5000)

    # -- wiring ------------------------------------------------------------------------
    def _wire(self) -> None:
        c = self.controller
        c.spansChanged.connect(self._spans_changed)
        c.spansLoaded.connect(self._spans_loaded)
        c.statusChanged.connect(self._status_changed)
        c.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        stack = c.undo_stack
        stack.canUndoChanged.connect(self.actions_by_id["edit.undo"].setEnabled)
        stack.canRedoChanged.connect(self.actions_by_id["edit.redo"].setEnabled)
        self.actions_by_id["edit.undo"].setEnabled(False)
        self.actions_by_id["edit.redo"].setEnabled(False)
        self.area.documentChosen.connect(self.open_in)
        self.area.findRequested.connect(self.find_document_for)
        self.area.activeChanged.connect(lambda _pane: self._update_actions())
        self.area.activeChanged.connect(self.structure.active_changed)
        self.area.panesChanged.connect(self._save_layout_soon)
        self.area.panesChanged.connect(self._forget_closed_pane)
        self.area.splitterMoved.connect(self._save_layout_soon)
        self.documents_dock.documentActivated.connect(lambda doc_id: self.open_in(self._target_pane(), doc_id))
        self.spans_dock.spanActivated.connect(self.show_span)
        self._dock_queue: list[tuple[str, list[tuple[Span | None, Span | None]]]] = []
        self._dock_timer = QTimer(self)
        self._dock_timer.setSingleShot(True)
        self._dock_timer.setInterval(DOCK_DELAY_MS)
        self._dock_timer.timeout.connect(self._update_docks)
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(300)
        self._save_timer.timeout.connect(self.save_layout)

    def _new_pane(self) -> DocumentPane | None:
        pane = self.area.add_pane()
        if pane is not None:
            pane.editor.context_actions = self.context_actions
            pane.editor.set_text_font(self.text_font)
            pane.editor.spanSelected.connect(lambda sid, p=pane: self._span_selected(p, sid))
            self.structure.attach_pane(pane)
            self.suggestions.attach_pane(pane)
        return pane

    # -- documents and panes -------------------------------------------------------------
    def refresh_documents(self) -> None:
        """List the documents again (after an import); nothing here reads every document."""
        self.documents_dock.model.refresh()
        self._update_choices()

    #: how many documents a pane's chooser offers besides those open and opened lately
    CHOICES_FROM_LIST = 20
    RECENT = 12

    def _update_choices(self) -> None:
        """The panes' choosers: the documents open, opened lately and first in the list."""
        ids = [d for d in self.area.document_ids() if d] + self.recent \
            + self.documents_dock.model.first_ids(self.CHOICES_FROM_LIST)
        self.area.set_choices(self.project.list_items(self.controller.annotator, list(dict.fromkeys(ids))))

    def _first_documents(self, n: int) -> list[str]:
        """The first *n* documents of the list (an annotator's assigned ones first), then of all."""
        first = self.documents_dock.model.first_ids(n)
        if len(first) < n:
            everything = self.project.document_page(DocumentQuery(self.controller.annotator), 0, 2 * n)
            first += [d.id for d in everything if d.id not in first]
        return first[:n]

    def _restore_layout(self, docs: list[str] | None) -> None:
        known = self._first_documents(2)
        if docs is None:
            saved = self.settings.pane_documents(self.db_key)
            there = {d.id for d in self.project.list_items(self.controller.annotator, saved)}
            docs = [d for d in saved if d in there] or known[:2]
            if len(docs) < 2 and len(known) >= 2:
                docs = (docs + [k for k in known if k not in docs])[:2]
        for doc_id in list(docs)[:4] or [""]:
            pane = self._new_pane()
            if pane is not None and doc_id:
                self.open_in(pane, doc_id, save=False)
        if len(self.area.panes) == 1 and len(known) > 1 and docs is None:
            self._new_pane()
        self._update_choices()
        geometry = self.settings.bytes("window_geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 850)
        state = self.settings.bytes("window_state")
        if state is not None:
            self.restoreState(state)
        splitter = self.settings.bytes(f"splitter_{len(self.area.panes)}")
        if splitter is not None:
            self.area.restoreState(splitter)
        if self.area.panes:
            self.area.set_active(self.area.panes[0])

    def open_in(self, pane: DocumentPane, doc_id: str, save: bool = True) -> None:
        """Show document *doc_id* in *pane*."""
        state = self.controller.open_document(doc_id)
        summary = self.documents_dock.model.summary(doc_id)
        self.recent = [doc_id, *(d for d in self.recent if d != doc_id)][: self.RECENT]
        pane.show_document(state, status_text(summary.status) if summary else "")
        pane.editor.set_text_font(self.text_font)
        if pane is self._info_pane:
            self._show_selected_info(pane)
        self._refresh_span_list()
        self.controller.keep_only(set(self.area.document_ids()))  # a document no pane shows is let go
        self.area.set_active(pane)
        if save:
            self._save_layout_soon()
            self._update_choices()

    def find_document_for(self, pane: DocumentPane) -> None:
        """Search every document (the finder) and show the one chosen in *pane*."""
        from annotator.gui.annotation.document_finder import find_document  # local: opened on demand

        doc_id = find_document(self, self.project, self.controller.annotator)
        if doc_id:
            self.open_in(pane, doc_id)
            pane.editor.setFocus()

    def find_document(self) -> None:
        self.find_document_for(self._target_pane())

    def _refresh_span_list(self) -> None:
        self.flush_docks()  # queued rows first: the list is then rebuilt from the documents
        seen: dict[str, tuple[str, str, str, list[Span]]] = {}
        for pane in self.area.panes:
            if pane.editor.state is not None and pane.document_id not in seen:
                st = pane.editor.state
                seen[st.document.id] = (st.document.id, st.document.title or st.document.id, st.text, st.spans.loaded())
        self.spans_dock.set_documents(list(seen.values()))
        self.structure.documents_changed()

    def _spans_loaded(self, _doc_id: str) -> None:
        """A long document's other spans were read (after its first paint): list them all."""
        self._refresh_span_list()
        active = self.area.active
        if active is not None and active.document_id:
            self.spans_dock.show_span(active.document_id, active.editor.selected_span())

    def _target_pane(self) -> DocumentPane:
        return self.area.active or self.area.panes[0]

    def active_editor(self) -> DocumentEditor | None:
        pane = self.area.active
        return pane.editor if pane is not None else None

    def active_document_id(self) -> str | None:
        pane = self.area.active
        return pane.document_id if pane is not None else None

    def show_document(self, doc_id: str) -> None:
        """Open *doc_id* in the pane documents open in (the active one), and give it the keyboard."""
        self.open_in(self._target_pane(), doc_id)
        self._target_pane().editor.setFocus()

    def document_title(self, doc_id: str) -> str:
        summary = self.documents_dock.model.summary(doc_id)
        return summary.title if summary is not None else doc_id

    def works_blind(self) -> bool:
        """Others' work is hidden from this annotator (the Team part knows their role)."""
        return self.team.blind

    def show_guidelines(self) -> None:
        """Shift+F1: the Guidelines dock (made the first time), at the selected span's label."""
        if self.guidelines_dock is None:
            from annotator.gui.docks.guidelines_dock import GuidelinesDock  # local: made on first use

            self.guidelines_dock = GuidelinesDock(self.project, self.controller.annotator, self)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guidelines_dock)
            self.menus["View"].addAction(self.guidelines_dock.toggleViewAction())
            inspector = self.structure.inspector  # the right column shared half and half with it
            if inspector.isVisible() and self.dockWidgetArea(inspector) == Qt.DockWidgetArea.RightDockWidgetArea:
                half = max(1, self.area.height() // 2)
                self.resizeDocks([inspector, self.guidelines_dock], [half, half], Qt.Orientation.Vertical)
        self.guidelines_dock.show()
        self.guidelines_dock.raise_()
        editor = self.active_editor()
        span = editor.selected_span() if editor is not None else None
        self.guidelines_dock.show_label(span.label if span is not None else None)

    def search_corpus(self) -> None:
        """Ctrl+Shift+F: the Search dock (made the first time), the keyboard in its query."""
        if self.search_dock is None:
            from annotator.gui.docks.search_dock import SearchDock  # local: made on first use

            self.search_dock = SearchDock(self, self)
            # below the panes, as wide as the window: a concordance line wants width
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.search_dock)
            self.resizeDocks([self.search_dock], [max(SEARCH_DOCK_MIN_HEIGHT, self.height() // 3)],
                             Qt.Orientation.Vertical)
            self.menus["View"].addAction(self.search_dock.toggleViewAction())
        self.search_dock.start()

    def selected_words(self) -> str:
        """The text selected in the active pane, on one line (what Ctrl+Shift+F searches first)."""
        editor = self.active_editor()
        selection = editor.selection_range() if editor is not None and editor.state is not None else None
        if editor is None or editor.state is None or selection is None:
            return ""
        return " ".join(editor.state.text[selection[0]:selection[1]].split())

    def show_range(self, doc_id: str, start: int, end: int, focus: bool) -> None:
        """Show code points [start, end) of a document selected, in a pane that shows it (else
        in the active pane); *focus*: the keyboard goes there too."""
        panes = self.area.panes_showing(doc_id)
        pane = self.area.active if self.area.active in panes else (panes[0] if panes else None)
        if pane is None:
            pane = self._target_pane()
            self.open_in(pane, doc_id)
        pane.editor.select_range(start, end)
        if focus:
            self.area.set_active(pane)
            pane.editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_span(self, doc_id: str, span_id: str) -> None:
        """Show a span (chosen in the span list) in a pane that shows its document."""
        panes = self.area.panes_showing(doc_id)
        pane = self.area.active if self.area.active in panes else (panes[0] if panes else None)
        if pane is None:
            pane = self._target_pane()
            self.open_in(pane, doc_id)
        span = self.controller.open_document(doc_id).spans.get(span_id)
        if span is not None:
            self.area.set_active(pane)
            pane.editor.select_span(span)

    def _span_selected(self, pane: DocumentPane, span_id: str) -> None:
        self.area.set_active(pane)
        span = pane.editor.selected_span()
        if pane.document_id and not self._dock_queue:  # else the queued update selects its row
            self.spans_dock.show_span(pane.document_id, span)
        self._show_selected_info(pane)
        self.structure.span_selected(pane, span)
        if self.guidelines_dock is not None and self.guidelines_dock.isVisible() and span is not None:
            self.guidelines_dock.show_label(span.label)

    def _show_selected_info(self, pane: DocumentPane) -> None:
        """The status bar's span label: the label and text of *pane*'s selected span (or suggestion), or nothing."""
        span = pane.editor.selected_span()
        text = ""
        if span is not None and pane.editor.state is not None:
            body = " ".join(span.text_in(pane.editor.state.text).split())
            text = f"{span.label}: {plain.isolate(body[:80] + ('…' if len(body) > 80 else ''))}"
        elif span is None:
            text, message = self.suggestions.selected_text(pane)
            if message:  # what the keys do with it, beside what it is
                self.statusBar().showMessage(message)
                self._keys_message = message
        if not text and self._keys_message and self.statusBar().currentMessage() == self._keys_message:
            self.statusBar().clearMessage()  # a suggestion's keys, said while it was selected
        if not text:
            self._keys_message = ""
        self._info_pane = pane
        self.selected_info.setText(text)

    def suggestion_selected(self, pane: DocumentPane) -> None:
        """*pane*'s selected suggestion changed (Tab, a click, its edges moved, let go): the status bar
        says so. Only selecting one makes the pane the active one (another pane's step may let one go)."""
        view = pane.editor.suggestions
        if view is not None and view.has_selection():
            self.area.set_active(pane)
            self._show_selected_info(pane)
        elif pane is self._info_pane:
            self._show_selected_info(pane)

    def _forget_closed_pane(self) -> None:
        if self._info_pane is not None and self._info_pane not in self.area.panes:
            self._info_pane = None
            self.selected_info.setText("")

    # -- narrow refresh after a stored change --------------------------------------------
    def _spans_changed(self, doc_id: str, pairs: list[tuple[Span | None, Span | None]]) -> None:
        """Repaint the affected paragraphs now; update the docks right after (coalesced)."""
        for pane in self.area.panes_showing(doc_id):
            pane.editor.refresh_spans(pairs)
            if pane is self._info_pane:  # its span may be gone (undone, deleted) or relabelled
                self._show_selected_info(pane)
        self._dock_queue.append((doc_id, pairs))
        if not self._dock_timer.isActive():  # at most one list update per DOCK_DELAY_MS, never postponed
            self._dock_timer.start()

    def flush_docks(self) -> None:
        """Bring the span and document lists up to date now (edits still queued for them)."""
        self._dock_timer.stop()
        if self._dock_queue:
            self._update_docks()

    def _update_docks(self) -> None:
        queue, self._dock_queue = self._dock_queue, []
        edited: dict[str, None] = {}
        for doc_id, pairs in queue:
            self.spans_dock.apply(doc_id, pairs)
            summary = self.documents_dock.model.summary(doc_id)
            if summary is not None:
                delta = sum((after is not None) - (before is not None) for before, after in pairs)
                self.documents_dock.model.update(doc_id, span_count=summary.span_count + delta)
                edited[doc_id] = None
        for doc_id in edited:
            # An edit may change the status (the project starts a new document on its first edit):
            # the project says what it stored with the edit, the window never works it out itself.
            status = self.controller.status_after_edit(doc_id)
            summary = self.documents_dock.model.summary(doc_id)
            if summary is not None and status is not summary.status:
                self._show_status(doc_id, status)
        active = self.area.active
        if active is not None and active.document_id:
            self.spans_dock.show_span(active.document_id, active.editor.selected_span())

    def _status_changed(self, doc_id: str) -> None:
        self._show_status(doc_id, self.controller.status(doc_id))

    def _show_status(self, doc_id: str, status: SetStatus) -> None:
        self.documents_dock.model.update(doc_id, status=status)
        for pane in self.area.panes_showing(doc_id):
            pane.set_status(status_text(status))
        self.area.set_choice_status(doc_id, status)  # the choosers' tips name it

    def _update_actions(self) -> None:
        has_doc = self.active_editor() is not None and self.active_editor().state is not None  # type: ignore[union-attr]
        for key in ("doc.done", "doc.done_next", "doc.reopen"):
            self.actions_by_id[key].setEnabled(has_doc)

    # -- action handlers (names used in actions.ACTIONS) ---------------------------------
    def undo(self) -> None:
        self.controller.undo()

    def redo(self) -> None:
        self.controller.redo()

    def mark_done(self) -> None:
        doc_id = self.active_document_id()
        if doc_id and self.controller.set_status(doc_id, SetStatus.DONE):
            self.suggestions.document_done()

    def mark_in_progress(self) -> None:
        doc_id = self.active_document_id()
        if doc_id:
            self.controller.set_status(doc_id, SetStatus.IN_PROGRESS)

    def next_document(self) -> None:
        doc_id = self.active_document_id()
        nxt = self.project.next_document(self.controller.annotator, after=doc_id)
        if nxt is None:
            self.statusBar().showMessage(translate("MainWindow", "Every document is done"), 8000)
            return
        self.show_document(nxt)

    def done_and_next(self) -> None:
        doc_id = self.active_document_id()
        if doc_id and self.controller.set_status(doc_id, SetStatus.DONE):
            self.suggestions.document_done()
            self.next_document()

    def add_pane(self) -> None:
        pane = self._new_pane()
        if pane is None:
            self.statusBar().showMessage(translate("MainWindow", "Four panes at most"), 5000)
            return
        shown = set(self.area.document_ids())
        choice = next((d for d in self._first_documents(len(shown) + 1) if d not in shown), None)
        if choice:
            self.open_in(pane, choice)

    def close_pane(self) -> None:
        if self.area.active is not None:
            self.area.remove_pane(self.area.active)
            self._refresh_span_list()
            self.controller.keep_only(set(self.area.document_ids()))

    def swap_panes(self) -> None:
        if self.area.active is not None:
            self.area.swap_with_next(self.area.active)

    def focus_pane(self, index: int) -> None:
        """Ctrl+1..4: the keyboard to that pane's text (in reading order of the splitter)."""
        if 0 <= index < len(self.area.panes):
            pane = self.area.panes[index]
            self.area.set_active(pane)
            pane.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.statusBar().showMessage(
                translate("MainWindow", "There is no pane {n}").format(n=integer(index + 1)), 3000)

    def focus_pane_step(self, step: int) -> None:
        """F6 / Shift+F6: the keyboard to the next / previous pane's text, round the end."""
        panes = self.area.panes
        if panes:
            at = panes.index(self.area.active) if self.area.active in panes else 0
            self.focus_pane((at + step) % len(panes))

    def zoom(self, step: int) -> None:
        size = DEFAULT_POINT_SIZE if step == 0 else self.text_font.pointSize() + step
        self.text_font.setPointSize(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size)))
        self._apply_font()

    def choose_font(self) -> None:
        ok, font = QFontDialog.getFont(self.text_font, self, translate("MainWindow", "Text font"))
        if ok:
            self.text_font = font
            self._apply_font()

    def _apply_font(self) -> None:
        for pane in self.area.panes:
            pane.editor.set_text_font(self.text_font)
        self.settings.set_font(self.text_font)
        self.statusBar().showMessage(translate("MainWindow", "Text font: {family} {size} pt").format(
            family=self.text_font.family(), size=integer(self.text_font.pointSize())), 4000)

    def import_samples(self) -> None:
        if dialogs.import_samples(self, self.project):
            self._show_new_documents()

    def _show_new_documents(self) -> None:
        self.refresh_documents()
        if not any(self.area.document_ids()):
            for pane, doc_id in zip(self.area.panes, self._first_documents(len(self.area.panes))):
                self.open_in(pane, doc_id)

    def import_files(self, folder: bool = False) -> None:
        from annotator.gui.annotation.import_dialog import import_into_window  # local: opened on demand

        def done(report: ImportReport) -> None:
            self._show_new_documents()
            self.statusBar().showMessage(self.imported_text(report), 15000)

        import_into_window(self, folder, done)

    @staticmethod
    def imported_text(report: ImportReport) -> str:
        """The status bar's word after an import: how many documents came in."""
        return plural(len(report.imported), translate("MainWindow", "Imported {n} document|Imported {n} documents"))

    def import_folder(self) -> None:
        self.import_files(folder=True)

    def import_paths(self, paths: list[Path]) -> None:
        """Files and folders dropped on the window: imported with the import dialog's progress."""
        from annotator.gui.annotation.import_dialog import import_into_window

        def done(report: ImportReport) -> None:
            self._show_new_documents()
            self.statusBar().showMessage(self.imported_text(report), 15000)

        import_into_window(self, False, done, paths=paths)

    def show_preferences(self) -> MainWindow | None:
        """Edit ▸ Preferences…: on OK the settings are kept and the window reopens with them."""
        from annotator.gui.common.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.project.schema, self)
        self.preferences_dialog: PreferencesDialog | None = dialog
        try:
            if dialog.exec() != PreferencesDialog.DialogCode.Accepted:
                return None
            dialog.store()
        finally:
            self.preferences_dialog = None
            dialog.deleteLater()
        return self.reopen()

    def refresh_who(self) -> None:
        """The status bar's who: the annotator, their role in the project, and on a team server
        that the connection logs in as them ("Connected as alice (annotator)")."""
        from annotator.core.errors import AnnotatorError
        from annotator.services import team
        from annotator.services.team_server import connected_user

        name = self.controller.annotator
        try:
            role = team.role_of(self.project, name).value if name in self.project.annotators() else None
            on_server = connected_user(self.project) is not None
        except AnnotatorError:
            role, on_server = None, False
        roles = {"manager": translate("MainWindow", "manager"), "annotator": translate("MainWindow", "annotator"),
                 "adjudicator": translate("MainWindow", "adjudicator")}
        if role and on_server:
            text = translate("MainWindow", "Connected as {name} ({role})")
        elif on_server:
            text = translate("MainWindow", "Connected as {name}")
        elif role:
            text = translate("MainWindow", "Annotator: {name} ({role})")
        else:
            text = translate("MainWindow", "Annotator: {name}")
        self.who.setText(text.format(name=name, role=roles.get(role or "", role or "")))

    def new_project(self) -> None:
        self.project_files.new_project()

    def open_project_file(self) -> None:
        self.project_files.choose_project()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.project_files.drag_enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.project_files.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.project_files.drop(event)

    def export_dataset(self) -> None:
        from annotator.gui.export.export_dialog import show_export_dialog  # local: the window opens without it

        show_export_dialog(self)

    def show_shortcuts(self) -> None:
        self.registry.show_shortcuts()

    def show_schema(self) -> None:
        """File ▸ Schema…: the schema dialog; once it stores a new schema the window reopens."""
        from annotator.gui.annotation.schema_dialog import show_schema_dialog  # local: opened on demand

        dialog = show_schema_dialog(self, self.project, self.controller.annotator)
        dialog.changed.connect(lambda: QTimer.singleShot(0, self.reopen))

    def reopen(self) -> MainWindow:
        """A new window on this project and these documents (its labels, keys and colours read
        from the schema again), shown before this one closes."""
        from annotator.gui.annotation.schema_dialog import keep_window
        from annotator.gui.app import new_main_window
        from annotator.gui.common.memory import released_on_close

        self.save_layout()
        url, docs = self.project.database.url, [d for d in self.area.document_ids() if d]
        window = released_on_close(lambda: new_main_window(Project.open(url, create=False),
                                                           self.controller.annotator, self.settings, docs))
        keep_window(window)
        window.show()
        self.close()
        return window

    # -- layout memory -----------------------------------------------------------------
    def _save_layout_soon(self) -> None:
        self._save_timer.start()

    def save_layout(self) -> None:
        s = self.settings
        s.set_pane_documents(self.db_key, [d for d in self.area.document_ids() if d])
        s.set_bytes(f"splitter_{len(self.area.panes)}", self.area.saveState())
        s.set_bytes("window_geometry", self.saveGeometry())
        s.set_bytes("window_state", self.saveState())
        s.char_mode = self.tagger.char_mode
        s.sync()

    def may_close_with_unsaved_steps(self) -> bool:
        """Closing while steps wait for a locked database loses them: ask first, naming them."""
        pending = self.controller.runner.pending()
        if not pending:
            return True
        listed = "\n".join(f"• {what}" for what in pending[:10]) + ("\n…" if len(pending) > 10 else "")
        waiting = plural(len(pending), translate(
            "MainWindow", "{n} change is waiting for the database, which another program has locked, and is not "
                          "saved yet:|{n} changes are waiting for the database, which another program has locked, "
                          "and are not saved yet:"))
        answer = plain.ask(self, translate("MainWindow", "Not saved yet"),
                           translate("MainWindow", "{waiting}\n{listed}\n\nClose anyway and lose them?").format(
                               waiting=waiting, listed=listed),
                           default=QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, e: QCloseEvent) -> None:
        if not self.may_close_with_unsaved_steps():
            e.ignore()
            return
        self.team.close()
        self.save_layout()
        super().closeEvent(e)
        self.project.close()
