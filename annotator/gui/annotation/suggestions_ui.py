"""Wires the panes' suggestions into the annotation window: the View menu's toggle and
recommender choice, Enter, "Accept all suggestions in selection", the status bar, and keeping
every pane's suggestions true after each step.

The window makes one :class:`SuggestionsUi` before its actions (its methods run some of them)
and calls ``attach_pane`` for each new pane and ``finish`` once the menus exist. Each pane gets
a :class:`~annotator.gui.annotation.suggestions_view.PaneSuggestions`, drawn over its text and
asked by the editor (Tab, a click) and the tagging keys (a label key, Delete, the edge keys).
The choices are remembered (:class:`~annotator.gui.common.settings.Settings`) and applied to
every pane at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from annotator.core.suggest import PROJECT
from annotator.core.values import Span
from annotator.gui.annotation.controller import Controller
from annotator.gui.annotation.document_pane import DocumentPane
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.highlighter import LabelColours
from annotator.gui.annotation.pane_area import PaneArea
from annotator.gui.annotation.suggestions_train import ModelTrainer
from annotator.gui.annotation.suggestions_view import PaneSuggestions, keys
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, plural, translate
from annotator.gui.common.plain import isolate
from annotator.gui.common.settings import Settings
from annotator.services.changes import RelationsLinksChanged
from annotator.services.project import Changed
from annotator.services.suggestions import DEFAULT_RECOMMENDERS, AcceptSuggestions, Choice, RejectSuggestions

#: View ▸ Suggestions from: the recommenders as the menu names them (translated there), in its order
RECOMMENDERS: tuple[tuple[str, str], ...] = (("dates", QT_TRANSLATE_NOOP("SuggestionsUi", "&Dates")),
                                             ("entities", QT_TRANSLATE_NOOP("SuggestionsUi", "Known &entities")),
                                             (PROJECT, QT_TRANSLATE_NOOP("SuggestionsUi", "&Project model")),
                                             ("stored", QT_TRANSLATE_NOOP("SuggestionsUi", "&Stored")))


class SuggestionsHost(Protocol):
    """What the suggestions part uses of the annotation window (``MainWindow``)."""

    controller: Controller
    colours: LabelColours
    settings: Settings
    area: PaneArea

    def active_editor(self) -> DocumentEditor | None: ...

    def suggestion_selected(self, pane: DocumentPane) -> None:
        """A pane's selected suggestion changed: the status bar says what is selected now."""
        ...


def accepted_text(accepted: int, skipped: int) -> str:
    """The status bar's message after "Accept all suggestions in selection"."""
    if skipped:
        return translate("SuggestionsUi", "{accepted}, {skipped} ({key} takes them all back)").format(
            accepted=plural(accepted, translate("SuggestionsUi", "Saved: {n} suggestion accepted|"
                                                                 "Saved: {n} suggestions accepted")),
            skipped=translate("SuggestionsUi", "{n} left out (they overlap a span of their label)").format(
                n=integer(skipped)),
            key=keys("Ctrl+Z"))
    return translate("SuggestionsUi", "{accepted} ({key} takes them all back)").format(
        accepted=plural(accepted, translate("SuggestionsUi", "Saved: {n} suggestion accepted|"
                                                             "Saved: {n} suggestions accepted")),
        key=keys("Ctrl+Z"))


def views(area: PaneArea, doc_id: str | None = None) -> list[PaneSuggestions]:
    """The suggestions of the panes (showing *doc_id*, if given)."""
    panes = area.panes if doc_id is None else area.panes_showing(doc_id)
    return [p.editor.suggestions for p in panes if isinstance(p.editor.suggestions, PaneSuggestions)]


class SuggestionsUi(QObject):
    """The window's suggestions: one :class:`PaneSuggestions` per pane, the actions and settings.

    *enter_otherwise* is what Enter does when no suggestion is selected (accept the selected DATE
    span's proposed value)."""

    def __init__(self, window: QMainWindow, host: SuggestionsHost, enter_otherwise: Callable[[], None]) -> None:
        super().__init__(window)
        self.host = host
        self.controller = c = host.controller
        self.settings = host.settings
        self.shown = self.settings.suggestions_shown
        self.recommenders = self.settings.suggestion_recommenders(DEFAULT_RECOMMENDERS)
        self.enter_otherwise = enter_otherwise
        self.recommender_actions: dict[str, QAction] = {}
        self.menu: QMenu | None = None
        self.trainer = ModelTrainer(self, c.project, lambda: c.annotator, self.settings, c.message.emit,
                                    self._model_trained)
        c.spansChanged.connect(self._spans_changed)
        c.spansLoaded.connect(self._spans_loaded)
        c.stepped.connect(self._stepped)
        c.applied.connect(self._applied)

    # -- hooks the window calls ------------------------------------------------------------------
    def attach_pane(self, pane: DocumentPane) -> PaneSuggestions:
        view = PaneSuggestions(pane.editor, self.controller, self.host.colours, self.recommenders, self.shown)
        pane.editor.suggestions = view
        pane.editor.decorations.append(view)
        view.selectionChanged.connect(lambda p=pane: self.host.suggestion_selected(p))
        return view

    def finish(self, actions: dict[str, QAction], menus: dict[str, QMenu]) -> None:
        """After the actions are built: the toggle's state, and View ▸ Suggestions from (after the toggle)."""
        toggle = actions["view.suggestions"]
        toggle.blockSignals(True)
        toggle.setChecked(self.shown)
        toggle.blockSignals(False)
        view_menu = menus["View"]
        menu = self.menu = QMenu(translate("SuggestionsUi", "Suggestions &from"), view_menu)
        menu.setObjectName("menuSuggestionsFrom")
        for name, text in RECOMMENDERS:
            action = menu.addAction(translate("SuggestionsUi", text))
            action.setObjectName(f"suggestions.from.{name}")
            action.setCheckable(True)
            action.setChecked(name in self.recommenders)
            action.toggled.connect(lambda on, n=name: self.use_recommender(n, on))
            self.recommender_actions[name] = action
        self.trainer.add_to(menu)
        listed = view_menu.actions()
        after = listed.index(toggle) + 1 if toggle in listed else len(listed)
        if after < len(listed):
            view_menu.insertMenu(listed[after], menu)
        else:
            view_menu.addMenu(menu)

    def selected_text(self, pane: DocumentPane) -> tuple[str, str]:
        """(the status bar's short label, its message) for *pane*'s selected suggestion, or ("", "")."""
        view = pane.editor.suggestions
        if not isinstance(view, PaneSuggestions):
            return "", ""
        sug = view.selected_suggestion()
        state = pane.editor.state
        if sug is None or state is None:
            return "", ""
        start, end = view.selected_range() or (sug.start, sug.end)
        body = " ".join(state.text[start:end].split())
        short = translate("SuggestionsUi", "Suggestion {label}: {text}").format(
            label=sug.label, text=isolate(body[:60] + ("…" if len(body) > 60 else "")))
        return short, view.status_text()

    # -- keeping every pane true ------------------------------------------------------------------
    def _spans_changed(self, doc_id: str, pairs: list[tuple[Span | None, Span | None]]) -> None:
        for view in views(self.host.area, doc_id):
            view.spans_changed(pairs)

    def _spans_loaded(self, doc_id: str) -> None:
        for view in views(self.host.area, doc_id):
            view.spans_loaded()

    def _stepped(self, command: object, undone: bool) -> None:
        """A step ran: the suggestions it accepted or rejected are decided (or not, when undone)."""
        for one in (*getattr(command, "commands", ()), command):  # a Batch holds several commands
            if isinstance(one, AcceptSuggestions):
                decided = [c.suggestion for c in one.choices]
            elif isinstance(one, RejectSuggestions):
                decided = list(one.suggestions)
            else:
                continue
            for view in views(self.host.area, one.document_id):
                view.decide(decided, not undone)

    def _applied(self, changed: Changed) -> None:
        """An entity was made, renamed or merged: the known entities' suggestions are asked again."""
        if isinstance(changed, RelationsLinksChanged) and changed.entity_ids and "entities" in self.recommenders:
            for view in views(self.host.area):
                if view.shown:
                    view.compute()
                else:
                    view.computed = False

    def _model_trained(self) -> None:
        """A new model is stored: the panes that show the project model's suggestions ask again."""
        if PROJECT not in self.recommenders:
            return
        for view in views(self.host.area):
            if view.shown:
                view.compute()
            else:
                view.computed = False

    def document_done(self) -> None:
        """The window marked a document done: retrain the model if that is due (in the background)."""
        self.trainer.document_done()

    # -- action handlers (names used in actions.ACTIONS) -------------------------------------------
    def _active_view(self) -> PaneSuggestions | None:
        ed = self.host.active_editor()
        view = ed.suggestions if ed is not None else None
        return view if isinstance(view, PaneSuggestions) else None

    def accept_selected(self) -> None:
        """Enter in a pane: accept the selected suggestion, else the selected DATE's proposed value."""
        view = self._active_view()
        if view is not None and view.has_selection():
            view.accept()
            return
        self.enter_otherwise()

    def accept_suggestions_in_selection(self) -> None:
        """Every suggestion shown wholly inside the text selection becomes a span, as one undoable step."""
        ed = self.host.active_editor()
        view = self._active_view()
        say = self.controller.message.emit
        if ed is None or ed.state is None or view is None:
            return
        if not view.shown:
            say(translate("SuggestionsUi", "Suggestions are hidden: View ▸ Suggestions shows them"))
            return
        selection = ed.selection_range()
        if selection is None:
            say(translate("SuggestionsUi", "Select the text whose suggestions to accept first ({key}: the whole "
                                           "document)").format(key=keys("Ctrl+A")))
            return
        inside = view.inside(*selection)
        if not inside:
            say(translate("SuggestionsUi", "No suggestions inside the selection") if view.computed
                else translate("SuggestionsUi", "No suggestions inside the selection yet (still being found)"))
            return
        command = AcceptSuggestions(ed.state.document.id, self.controller.annotator, [Choice(s) for s in inside])
        self.controller.run(command, lambda: accepted_text(len(command.span_ids), command.skipped))

    def show_suggestions(self, on: bool) -> None:
        """View ▸ Suggestions: draw and walk the suggestions in every pane, or not (remembered)."""
        self.shown = bool(on)
        self.settings.suggestions_shown = self.shown
        for view in views(self.host.area):
            view.set_shown(self.shown)
        self.controller.message.emit(translate("SuggestionsUi", "Suggestions are shown: Tab walks them with the spans")
                                     if on else translate("SuggestionsUi", "Suggestions are hidden"))

    def use_recommender(self, name: str, on: bool) -> None:
        """View ▸ Suggestions from: run recommender *name* or not, in every pane at once (remembered)."""
        chosen = [n for n, _text in RECOMMENDERS if (n == name and on) or (n != name and n in self.recommenders)]
        chosen += [n for n in self.recommenders if n not in dict(RECOMMENDERS)]  # a setting's other names stay
        self.recommenders = tuple(chosen)
        self.settings.set_suggestion_recommenders(self.recommenders)
        for view in views(self.host.area):
            view.set_recommenders(self.recommenders)
