"""Every command of every window, declared as data and built into menus in one place.

An :class:`ActionSpec` names the action, its menu, shortcuts and the handler
method that runs it. A window's :class:`ActionRegistry` turns specs into QActions,
connects each one to the first handler object that has the method, and fills the
menus in declaration order: the main window, its Team menu (``team_ui``), the
adjudication view and its gold inspector and relation keys all add theirs there.
The F1 table is generated from the same registry, so it lists every key that
exists in that window and cannot drift from what the keys do.

The texts are English in the specs, marked for translation where they are written
(``QT_TRANSLATE_NOOP``) and translated when the registry makes the QActions and menus
and the F1 table (:meth:`ActionRegistry.shown`): a spec's ``tr_context`` names the
context it was marked in ("ActionRegistry" for this module's table); the part of a
window that declares its own specs may mark them in its own class's context, which the
registry also tries (the class of the object that runs the action, then the window's).
Placeholders in a text (``"Tag {label}"``) are filled after translating, from ``values``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QPainter
from PySide6.QtWidgets import (
    QDialog,
    QMainWindow,
    QMenu,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionMenuItem,
    QWidget,
)

from annotator.core.schema import LabelSchema
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, translate

#: the main window's menus, in menu-bar order (Team is added by the team part of the window)
MENUS = ("File", "Edit", "Span", "Relations", "Document", "View", "Team", "Help")
#: the menus' titles as the menu bar shows them (the names above, and the adjudication view's), translated there
MENU_TITLES = {
    "File": QT_TRANSLATE_NOOP("ActionRegistry", "&File"),
    "Edit": QT_TRANSLATE_NOOP("ActionRegistry", "&Edit"),
    "Span": QT_TRANSLATE_NOOP("ActionRegistry", "&Span"),
    "Relations": QT_TRANSLATE_NOOP("ActionRegistry", "&Relations"),
    "Document": QT_TRANSLATE_NOOP("ActionRegistry", "&Document"),
    "View": QT_TRANSLATE_NOOP("ActionRegistry", "&View"),
    "Team": QT_TRANSLATE_NOOP("ActionRegistry", "&Team"),
    "Help": QT_TRANSLATE_NOOP("ActionRegistry", "&Help"),
    "Adjudication": QT_TRANSLATE_NOOP("ActionRegistry", "&Adjudication"),
    "Gold": QT_TRANSLATE_NOOP("ActionRegistry", "&Gold"),
}

# Arabic-Indic digits: the same physical keys on an Arabic keyboard layout.
_ARABIC_DIGITS = {str(d): chr(0x0660 + d) for d in range(10)}
# The letter each Latin key types on the Arabic (101) keyboard layout, for the relation keys.
_ARABIC_LETTERS = dict(zip("qwertyuiopasdfghjklzxcvnm", "ضصثقفغعهخحشسيبلاتنمئءؤرىة", strict=True))


@dataclass(frozen=True)
class ActionSpec:
    """One user command: id, menu text, shortcuts and the handler method name."""

    id: str
    text: str
    menu: str
    handler: str
    shortcuts: tuple[str, ...] = ()
    tip: str = ""
    arg: object = None
    checkable: bool = False
    context: bool = False  # also in the text's context menu
    separator_before: bool = False
    # "pane": the key works only while a pane's text has the focus; "widget": only in the widget
    # given to ActionRegistry.add (the adjudication view's gold pane)
    scope: str = "window"
    #: the translation context *text* and *tip* were marked in (QT_TRANSLATE_NOOP where they are written)
    tr_context: str = "ActionRegistry"
    #: a text made from data ("Tag ACTOR"): its form as marked for translation ("Tag {label}") and what
    #: fills its placeholders after translating (a label's name, a number); *text* is it in English
    template: str = ""
    values: tuple[tuple[str, str | int], ...] = ()

    def shown_text(self, shown: Callable[[str, str], str]) -> str:
        """*text* as the menu shows it: translated by *shown* (source, context), its placeholders filled."""
        if not self.template:
            return shown(self.text, self.tr_context)
        return shown(self.template, self.tr_context).format(
            **{k: integer(v) if isinstance(v, int) else v for k, v in self.values})


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("file.new_project", QT_TRANSLATE_NOOP("ActionRegistry", "&New project…"), "File", "new_project",
               ("Ctrl+N",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "A new, empty project file (*.annotator), opened in a new "
                                                       "window")),
    ActionSpec("file.open_project", QT_TRANSLATE_NOOP("ActionRegistry", "Open &project…"), "File", "open_project_file",
               ("Ctrl+Alt+O",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Open another project file in a new window (File ▸ Open "
                                                       "Recent lists the last ones)")),
    ActionSpec("file.import_files", QT_TRANSLATE_NOOP("ActionRegistry", "&Import files…"), "File", "import_files",
               ("Ctrl+O",), separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Import .txt, .jsonl and other tools' files into this "
                                                       "project (the same as annotator import)")),
    ActionSpec("file.import_folder", QT_TRANSLATE_NOOP("ActionRegistry", "Import &folder…"), "File", "import_folder",
               ("Ctrl+Shift+O",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Import every file of a known kind in a folder and its "
                                                       "subfolders")),
    ActionSpec("file.samples", QT_TRANSLATE_NOOP("ActionRegistry", "Import &sample articles"), "File", "import_samples",
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Add the sample articles that come with the program")),
    ActionSpec("file.export", QT_TRANSLATE_NOOP("ActionRegistry", "&Export dataset…"), "File", "export_dataset",
               ("Ctrl+Shift+S",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Export documents and spans for training and other tools "
                                                       "(the same as annotator export)")),
    ActionSpec("file.schema", QT_TRANSLATE_NOOP("ActionRegistry", "Sche&ma…"), "File", "show_schema",
               separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "The project's labels, attributes, relations and links; load "
                                                       "another schema from a file, or export it (the same as "
                                                       "annotator schema)")),
    ActionSpec("file.quit", QT_TRANSLATE_NOOP("ActionRegistry", "&Quit"), "File", "close", ("Ctrl+Q",),
               separator_before=True),
    ActionSpec("edit.undo", QT_TRANSLATE_NOOP("ActionRegistry", "&Undo"), "Edit", "undo", ("Ctrl+Z",)),
    ActionSpec("edit.redo", QT_TRANSLATE_NOOP("ActionRegistry", "&Redo"), "Edit", "redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("edit.preferences", QT_TRANSLATE_NOOP("ActionRegistry", "&Preferences…"), "Edit", "show_preferences",
               ("Ctrl+,",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Font, selecting by characters, suggestions, label colours "
                                                       "(a colour-blind-safe palette, or your own), light or dark")),
    ActionSpec("find.open", QT_TRANSLATE_NOOP("ActionRegistry", "&Find in this document…"), "Edit", "find_in_pane",
               ("Ctrl+F",), separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Find as you type in the active pane, Arabic-aware (harakat "
                                                       "ignored, alef forms alike); the matches are painted, the "
                                                       "current one selected")),
    ActionSpec("find.next", QT_TRANSLATE_NOOP("ActionRegistry", "Find &next"), "Edit", "find_next", ("F3",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "The next match in the active pane (Enter in the find bar)")),
    ActionSpec("find.previous", QT_TRANSLATE_NOOP("ActionRegistry", "Find &previous"), "Edit", "find_previous",
               ("Shift+F3",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "The previous match in the active pane (Shift+Enter in the "
                                                       "find bar)")),
    ActionSpec("edit.char_mode", QT_TRANSLATE_NOOP("ActionRegistry", "&Character precision"), "Edit", "set_char_mode",
               ("Ctrl+E",), checkable=True, separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Tag exactly the selected characters (clitics such as و or "
                                                       "ب) instead of whole words; holding Alt while selecting does "
                                                       "the same once")),
    ActionSpec("span.delete", QT_TRANSLATE_NOOP("ActionRegistry", "&Delete span"), "Span", "delete_span",
               ("Delete", "Backspace"), context=True, separator_before=True),
    ActionSpec("span.start_earlier_word", QT_TRANSLATE_NOOP("ActionRegistry", "Start one word earlier"), "Span",
               "move_edge", ("Ctrl+[",), arg=("start", "word", -1), context=True, separator_before=True),
    ActionSpec("span.start_later_word", QT_TRANSLATE_NOOP("ActionRegistry", "Start one word later"), "Span",
               "move_edge", ("Ctrl+]",), arg=("start", "word", 1), context=True),
    ActionSpec("span.end_earlier_word", QT_TRANSLATE_NOOP("ActionRegistry", "End one word earlier"), "Span",
               "move_edge", ("Ctrl+;",), arg=("end", "word", -1), context=True),
    ActionSpec("span.end_later_word", QT_TRANSLATE_NOOP("ActionRegistry", "End one word later"), "Span", "move_edge",
               ("Ctrl+'",), arg=("end", "word", 1), context=True),
    ActionSpec("span.start_earlier_char", QT_TRANSLATE_NOOP("ActionRegistry", "Start one character earlier"), "Span",
               "move_edge", ("Alt+[",), arg=("start", "grapheme", -1)),
    ActionSpec("span.start_later_char", QT_TRANSLATE_NOOP("ActionRegistry", "Start one character later"), "Span",
               "move_edge", ("Alt+]",), arg=("start", "grapheme", 1)),
    ActionSpec("span.end_earlier_char", QT_TRANSLATE_NOOP("ActionRegistry", "End one character earlier"), "Span",
               "move_edge", ("Alt+;",), arg=("end", "grapheme", -1)),
    ActionSpec("span.end_later_char", QT_TRANSLATE_NOOP("ActionRegistry", "End one character later"), "Span",
               "move_edge", ("Alt+'",), arg=("end", "grapheme", 1)),
    ActionSpec("span.next", QT_TRANSLATE_NOOP("ActionRegistry", "Next span"), "Span", "walk_spans", ("Ctrl+Down",),
               arg=True, separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Tab in the text does the same")),
    ActionSpec("span.previous", QT_TRANSLATE_NOOP("ActionRegistry", "Previous span"), "Span", "walk_spans",
               ("Ctrl+Up",), arg=False, tip=QT_TRANSLATE_NOOP("ActionRegistry", "Shift+Tab in the text does the same")),
    ActionSpec("span.accept_date", QT_TRANSLATE_NOOP("ActionRegistry", "&Accept suggestion or date proposal"), "Span",
               "accept_selected", ("Return", "Enter"), context=True, separator_before=True, scope="pane",
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Accept the selected suggestion as your span; with a DATE "
                                                       "span selected, store its proposed normalised value (Enter "
                                                       "in the text)")),
    ActionSpec("suggestion.accept_all", QT_TRANSLATE_NOOP("ActionRegistry", "Accept all suggestions in selection"),
               "Span", "accept_suggestions_in_selection", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), context=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Every suggestion inside the selected text becomes your "
                                                       "span, as one step (Ctrl+Z takes them all back)")),
    ActionSpec("span.attributes", QT_TRANSLATE_NOOP("ActionRegistry", "Edit &attributes"), "Span", "edit_attributes",
               ("F2",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Move the keyboard to the span inspector (Esc comes back to "
                                                       "the text)")),
    ActionSpec("span.unsure", QT_TRANSLATE_NOOP("ActionRegistry", "Flag as &unsure"), "Span", "toggle_unsure",
               ("Ctrl+U",), context=True, separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Flag the selected span as unsure, or clear its flag (a ? "
                                                       "beside it in the text)")),
    ActionSpec("span.comment", QT_TRANSLATE_NOOP("ActionRegistry", "&Comment on span…"), "Span", "edit_comment",
               ("Ctrl+Alt+C", "Shift+F2"), context=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Move the keyboard to the selected span's comment in the "
                                                       "inspector (Ctrl+Enter saves, Esc cancels)")),
    ActionSpec("entity.create", QT_TRANSLATE_NOOP("ActionRegistry", "Create &entity from span"), "Span",
               "create_entity", ("Ctrl+Shift+E",), context=True, separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "A project-wide entity named after the selected actor span, "
                                                       "with the span attached")),
    ActionSpec("entity.tag_here", QT_TRANSLATE_NOOP("ActionRegistry", "Tag other &mentions in this document…"), "Span",
               "tag_mentions_here", ("Ctrl+Shift+M",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Propose the untagged mentions of the span's entity here, to "
                                                       "confirm")),
    ActionSpec("entity.tag_open", QT_TRANSLATE_NOOP("ActionRegistry", "Tag other mentions in the &open documents…"),
               "Span", "tag_mentions_open", ("Ctrl+Alt+M",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Propose the untagged mentions of the span's entity in every "
                                                       "open document")),
    ActionSpec("entity.list", QT_TRANSLATE_NOOP("ActionRegistry", "Entities (rename, &merge)…"), "Span",
               "show_entities", ("Ctrl+Shift+U",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Every entity of the project with its mentions: rename one, "
                                                       "merge duplicates into it")),
    ActionSpec("relation.delete", QT_TRANSLATE_NOOP("ActionRegistry", "&Delete chosen relation"), "Relations",
               "delete_relation", separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Delete the relation chosen in the Relations panel (Delete "
                                                       "there does the same)")),
    ActionSpec("link.add", QT_TRANSLATE_NOOP("ActionRegistry", "&Link with span in other pane…"), "Relations",
               "link_spans", ("Ctrl+L",), context=True, separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Link the span selected here with the span selected in "
                                                       "another pane (SAME_CLAIM, CONTRADICTS, SUPPORTS, SAME_DATE)")),
    ActionSpec("link.add_any", QT_TRANSLATE_NOOP("ActionRegistry", "Link with span in &any document…"), "Relations",
               "link_to_document", ("Ctrl+Shift+L",), context=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Link the selected span with a span of a document that need "
                                                       "not be open: find the document, then choose the span")),
    ActionSpec("doc.done_next", QT_TRANSLATE_NOOP("ActionRegistry", "Mark &done and go to next"), "Document",
               "done_and_next", ("Ctrl+Return", "Ctrl+Enter")),
    ActionSpec("doc.done", QT_TRANSLATE_NOOP("ActionRegistry", "&Mark done"), "Document", "mark_done", ("Ctrl+D",)),
    ActionSpec("doc.reopen", QT_TRANSLATE_NOOP("ActionRegistry", "Mark &in progress"), "Document", "mark_in_progress",
               ("Ctrl+Shift+D",)),
    ActionSpec("doc.next", QT_TRANSLATE_NOOP("ActionRegistry", "&Next document not done"), "Document", "next_document",
               ("Ctrl+PgDown",)),
    ActionSpec("doc.find", QT_TRANSLATE_NOOP("ActionRegistry", "&Find a document…"), "Document", "find_document",
               ("Ctrl+P",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Open any document in the active pane: type part of its "
                                                       "title, id or file name")),
    ActionSpec("doc.search", QT_TRANSLATE_NOOP("ActionRegistry", "&Search every document…"), "Document",
               "search_corpus", ("Ctrl+Shift+F",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Find words in every document (Arabic-aware); the hits as a "
                                                       "concordance, tagged with a label's key")),
    ActionSpec("view.add_pane", QT_TRANSLATE_NOOP("ActionRegistry", "&Add pane"), "View", "add_pane",
               ("Ctrl+Shift+N",)),
    ActionSpec("view.close_pane", QT_TRANSLATE_NOOP("ActionRegistry", "&Close pane"), "View", "close_pane",
               ("Ctrl+W",)),
    ActionSpec("view.swap", QT_TRANSLATE_NOOP("ActionRegistry", "&Swap pane with next"), "View", "swap_panes",
               ("Ctrl+Shift+X",)),
    ActionSpec("view.next_pane", QT_TRANSLATE_NOOP("ActionRegistry", "Focus ne&xt pane"), "View", "focus_pane_step",
               ("F6",), arg=1, separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Move the keyboard to the next pane's text (a link's two "
                                                       "ends without the mouse)")),
    ActionSpec("view.previous_pane", QT_TRANSLATE_NOOP("ActionRegistry", "Focus pre&vious pane"), "View",
               "focus_pane_step", ("Shift+F6",), arg=-1),
    *(ActionSpec(f"view.pane_{n}", f"Focus pane {n}", "View", "focus_pane", (f"Ctrl+{n}",), arg=n - 1,
                 template=QT_TRANSLATE_NOOP("ActionRegistry", "Focus pane {n}"), values=(("n", n),))
      for n in range(1, 5)),
    ActionSpec("view.zoom_in", QT_TRANSLATE_NOOP("ActionRegistry", "Zoom &in"), "View", "zoom", ("Ctrl++", "Ctrl+="),
               arg=1, separator_before=True),
    ActionSpec("view.zoom_out", QT_TRANSLATE_NOOP("ActionRegistry", "Zoom &out"), "View", "zoom", ("Ctrl+-",), arg=-1),
    ActionSpec("view.zoom_reset", QT_TRANSLATE_NOOP("ActionRegistry", "&Reset zoom"), "View", "zoom", ("Ctrl+0",),
               arg=0),
    ActionSpec("view.font", QT_TRANSLATE_NOOP("ActionRegistry", "&Font…"), "View", "choose_font"),
    ActionSpec("view.all_arcs", QT_TRANSLATE_NOOP("ActionRegistry", "Show all relation &arcs"), "View", "show_all_arcs",
               ("Ctrl+Shift+R",), checkable=True, separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Draw every relation whose two ends are on screen, not only "
                                                       "the selected span's")),
    ActionSpec("view.suggestions", QT_TRANSLATE_NOOP("ActionRegistry", "&Suggestions"), "View", "show_suggestions",
               ("Ctrl+Shift+H",), checkable=True, separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Draw the recommenders' suggestions in the panes (dashed "
                                                       "outlines) and walk them with Tab")),
    ActionSpec("view.claims", QT_TRANSLATE_NOOP("ActionRegistry", "&Claim table"), "View", "show_claim_table",
               ("Ctrl+Shift+T",), separator_before=True,
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "Every claim with its source, time, target and linked claims")),
    ActionSpec("help.keys", QT_TRANSLATE_NOOP("ActionRegistry", "&Keyboard shortcuts"), "Help", "show_shortcuts",
               ("F1",)),
    ActionSpec("help.guidelines", QT_TRANSLATE_NOOP("ActionRegistry", "&Guidelines"), "Help", "show_guidelines",
               ("Shift+F1",),
               tip=QT_TRANSLATE_NOOP("ActionRegistry", "What each label means (the schema) and the project's own "
                                                       "guidelines, at the selected span's label")),
)


def label_actions(schema: LabelSchema) -> list[ActionSpec]:
    """One tagging action per label of the schema: its key (and the Arabic-Indic digit)."""
    specs = []
    for lab in schema.labels:
        keys = (lab.key,) + ((_ARABIC_DIGITS[lab.key],) if lab.key in _ARABIC_DIGITS else ())
        specs.append(ActionSpec(f"label.{lab.name}", f"Tag {lab.name}", "Span", "tag", keys,
                                tip=lab.description, arg=lab.name, context=True,
                                template=QT_TRANSLATE_NOOP("ActionRegistry", "Tag {label}"),
                                values=(("label", lab.name),)))
    return specs


def relation_actions(schema: LabelSchema) -> list[ActionSpec]:
    """One action per relation type of the schema: its key (and the Arabic-layout letter), in the panes."""
    specs = []
    for rel in schema.relations:
        keys = (rel.key,) + ((_ARABIC_LETTERS[rel.key.lower()],) if rel.key.lower() in _ARABIC_LETTERS else ())
        specs.append(ActionSpec(f"relation.{rel.name}", f"Add {rel.name} relation…", "Relations", "add_relation",
                                keys, tip=rel.description, arg=rel.name, context=True, scope="pane",
                                template=QT_TRANSLATE_NOOP("ActionRegistry", "Add {relation} relation…"),
                                values=(("relation", rel.name),)))
    return specs


def all_actions(schema: LabelSchema) -> list[ActionSpec]:
    """Label actions first in the Span menu, relation actions first in the Relations menu, then the fixed table."""
    fixed = list(ACTIONS)
    first_span = next(i for i, s in enumerate(fixed) if s.menu == "Span")
    fixed = fixed[:first_span] + label_actions(schema) + fixed[first_span:]
    first_rel = next((i for i, s in enumerate(fixed) if s.menu == "Relations"), len(fixed))
    return fixed[:first_rel] + relation_actions(schema) + fixed[first_rel:]


def _handler(spec: ActionSpec, targets: Sequence[object]) -> Callable[[], object]:
    for target in targets:
        method = getattr(target, spec.handler, None)
        if callable(method):
            handler: Callable[..., object] = method
            if spec.checkable or spec.arg is None:
                return handler

            def bound(m: Callable[[object], object] = handler, a: object = spec.arg) -> object:
                return m(a)
            return bound
    raise LookupError(f"no handler {spec.handler!r} for action {spec.id}")


class KeysLeftToRight(QProxyStyle):
    """The menus' style: right to left, a menu item's keys are drawn left to right ("Ctrl+[").

    QMenu draws an item's shortcut in the menu's direction, so in Arabic "Ctrl+[" came out as
    "]+Ctrl" (reordered, the bracket mirrored). The keys (after the tab of the item's text)
    are drawn as a left-to-right isolate instead, as the F1 table writes them (:func:`keys_text`).
    """

    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption, painter: QPainter,
                    widget: QWidget | None = None) -> None:
        if element == QStyle.ControlElement.CE_MenuItem and isinstance(option, QStyleOptionMenuItem) \
                and option.direction == Qt.LayoutDirection.RightToLeft and "\t" in option.text:
            item = QStyleOptionMenuItem(option)
            text, keys = item.text.split("\t", 1)
            item.text = f"{text}\t\u2066{keys}\u2069"
            super().drawControl(element, item, painter, widget)
            return
        super().drawControl(element, option, painter, widget)


class ActionRegistry:
    """Every command of one window: the specs, their QActions and menus, built in one place.

    Each part of a window (the window itself, the team menu, the adjudication view's
    gold inspector and relation keys) adds its specs here with the objects whose
    methods run them; the registry makes the QActions, puts them in the menus (in
    *menu_order*, whenever a part adds one) and generates the F1 table from
    everything added, so the table lists exactly what exists in that window.

    Scopes: ``window`` (the key works anywhere in the window), ``pane`` (only while a
    pane's text has the focus: the caller adds :meth:`pane_actions` to each pane) and
    ``widget`` (only while *widget*, given to :meth:`add`, has the focus).
    """

    def __init__(self, window: QMainWindow, menu_order: Sequence[str],
                 help_rows: Sequence[tuple[str, str]] = ()) -> None:
        self.window = window
        self.menu_order = tuple(menu_order)
        self.help_rows = list(help_rows)  # keys that are not actions (Tab in the text, keys of a picker)
        self.specs: list[ActionSpec] = []
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, QMenu] = {}
        self.shortcuts_dialog: QDialog | None = None
        #: translation contexts tried after a spec's own: the classes of the objects that run actions, the window's
        self._contexts: list[str] = []
        self._add_context(window)
        self.menu_style = KeysLeftToRight()  # kept here: a widget does not own the style it is given
        self.menu_style.setParent(window)

    def _add_context(self, owner: object) -> None:
        name = type(owner).__name__
        if name not in self._contexts:
            self._contexts.append(name)

    def shown(self, source: str, context: str = "ActionRegistry") -> str:
        """*source* (a spec's text or tip, a menu's name, a row of the F1 table) in the interface's
        language: translated in *context* or, if it has no translation there, in the context of a
        part of this window (the class that marked it)."""
        for ctx in (context, "ActionRegistry", *self._contexts):
            text = translate(ctx, source)
            if text != source:
                return text
        return source

    def menu(self, name: str) -> QMenu:
        """The menu *name*, made on first use and placed by *menu_order* among those made."""
        if name in self.menus:
            return self.menus[name]
        bar = self.window.menuBar()
        menu = QMenu(self.shown(MENU_TITLES.get(name, f"&{name}")), bar)
        menu.setObjectName(f"menu{name}")
        menu.setStyle(self.menu_style)
        rank = self.menu_order.index(name) if name in self.menu_order else len(self.menu_order)
        after = [m for n, m in self.menus.items() if n in self.menu_order and self.menu_order.index(n) > rank]
        following = min(after, key=lambda m: bar.actions().index(m.menuAction()), default=None)
        if following is not None:
            bar.insertMenu(following.menuAction(), menu)
        else:
            bar.addMenu(menu)
        self.menus[name] = menu
        return menu

    def add(self, specs: Sequence[ActionSpec], targets: Sequence[object],
            widget: QWidget | None = None) -> dict[str, QAction]:
        """Create the QActions of *specs* (handlers looked up on *targets*) and put them in their menus."""
        made: dict[str, QAction] = {}
        for target in targets:
            self._add_context(target)
        for spec in specs:
            if spec.scope == "widget" and widget is None:
                raise ValueError(f"action {spec.id} works in one widget: give it")
            action = QAction(spec.shown_text(self.shown),
                             widget if spec.scope == "widget" else self.window)
            action.setObjectName(spec.id)
            if spec.shortcuts:
                action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
            if spec.tip:
                action.setStatusTip(self.shown(spec.tip, spec.tr_context))
            action.setCheckable(spec.checkable)
            handler = _handler(spec, targets)
            if spec.checkable:
                action.toggled.connect(handler)
            else:
                action.triggered.connect(lambda _checked=False, h=handler: h())
            menu = self.menu(spec.menu)
            if spec.separator_before and menu.actions():
                menu.addSeparator()
            menu.addAction(action)
            if spec.scope == "pane":
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # see pane_actions
            elif spec.scope == "widget":
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                widget.addAction(action)  # type: ignore[union-attr]
            else:
                self.window.addAction(action)
            self.specs.append(spec)
            self.actions[spec.id] = action
            made[spec.id] = action
        return made

    def pane_actions(self) -> list[QAction]:
        """The actions whose keys work only in a pane's text (plain letters, Enter); each pane adds them."""
        return pane_actions(self.specs, self.actions)

    def context_actions(self) -> list[QAction | None]:
        """The actions of the text's context menu, None where a separator goes."""
        return context_actions(self.specs, self.actions)

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(keys, what they do) of every action added, in menu order, then the other keys: as shown
        (the actions' texts, the other rows translated)."""
        rank = {name: i for i, name in enumerate(self.menu_order)}
        specs = sorted((s for s in self.specs if s.shortcuts), key=lambda s: rank.get(s.menu, len(rank)))
        return [(keys_text(s.shortcuts), self.actions[s.id].text().replace("&", "")) for s in specs] + \
            [(self.shown(keys), self.shown(what)) for keys, what in self.help_rows]

    def show_shortcuts(self) -> None:
        """F1: the table of this window's keys (a window of its own, kept beside the work)."""
        from annotator.gui.common.dialogs import shortcut_dialog  # dialogs imports nothing from here

        if self.shortcuts_dialog is not None:
            self.shortcuts_dialog.close()
            self.shortcuts_dialog.deleteLater()
        self.shortcuts_dialog = shortcut_dialog(self.window, self.shortcut_table())
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()


def keys_text(shortcuts: Sequence[str]) -> str:
    """Shortcuts as the platform writes them ("Ctrl+Shift+Z, Ctrl+Y"), in the interface's language.

    Right to left each key sequence is a left-to-right isolate (LRI ... PDI): a key combination
    is written left to right on any keyboard ("Ctrl+," not ",+Ctrl", "Ctrl+[" not "[+Ctrl"),
    and the list of them reads right to left like the rest of the window."""
    texts = [QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in shortcuts]
    if QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        texts = [f"\u2066{t}\u2069" for t in texts]
    return translate("ActionRegistry", ", ").join(texts)


def pane_actions(specs: Sequence[ActionSpec], actions: dict[str, QAction]) -> list[QAction]:
    """The actions of *specs* whose keys work only in a pane's text; each pane adds them."""
    return [actions[s.id] for s in specs if s.scope == "pane"]


def context_actions(specs: Sequence[ActionSpec], actions: dict[str, QAction]) -> list[QAction | None]:
    """The actions of the text's context menu, None where a separator goes."""
    out: list[QAction | None] = []
    for spec in specs:
        if spec.context:
            if spec.separator_before and out:
                out.append(None)
            out.append(actions[spec.id])
    return out


#: the main window's keys that are not actions, for its F1 table
MAIN_HELP_ROWS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("ActionRegistry", "Next / previous span (in the text)")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Tab / Shift+Tab (suggestions shown)"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Next / previous span or suggestion")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Delete (a suggestion selected)"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Reject the suggestion (it does not come back)")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "1–9 (a suggestion selected)"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Accept the suggestion with that label")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Edge keys (a suggestion selected)"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Move its edges, then Enter accepts it")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Up/Down, 1–9, Enter / Esc"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Pick the other end of a relation / cancel (after its key)")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Delete (in the Relations or Links panel)"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Delete the chosen relation or link")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Esc (in the span inspector)"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Back to the text")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Enter / Shift+Enter (in the find bar)"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Next / previous match")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Esc (in the find bar)"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Close it: the matches go, the current one stays selected")),
    (QT_TRANSLATE_NOOP("ActionRegistry", "Shift+arrows"),
     QT_TRANSLATE_NOOP("ActionRegistry", "Select text (add Alt for character precision)")),
)
