"""Every command of every window, declared as data and built into menus in one place.

An :class:`ActionSpec` names the action, its menu, shortcuts and the handler
method that runs it. A window's :class:`ActionRegistry` turns specs into QActions,
connects each one to the first handler object that has the method, and fills the
menus in declaration order: the main window, its Team menu (``team_ui``), the
adjudication view and its gold inspector and relation keys all add theirs there.
The F1 table is generated from the same registry, so it lists every key that
exists in that window and cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QWidget

from annotator.core.schema import LabelSchema

#: the main window's menus, in menu-bar order (Team is added by the team part of the window)
MENUS = ("File", "Edit", "Span", "Relations", "Document", "View", "Team", "Help")

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


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("file.new_project", "&New project…", "File", "new_project", ("Ctrl+N",),
               tip="A new, empty project file (*.annotator), opened in a new window"),
    ActionSpec("file.open_project", "Open &project…", "File", "open_project_file", ("Ctrl+Alt+O",),
               tip="Open another project file in a new window (File ▸ Open Recent lists the last ones)"),
    ActionSpec("file.import_files", "&Import files…", "File", "import_files", ("Ctrl+O",), separator_before=True,
               tip="Import .txt, .jsonl and other tools' files into this project (the same as annotator import)"),
    ActionSpec("file.import_folder", "Import &folder…", "File", "import_folder", ("Ctrl+Shift+O",),
               tip="Import every file of a known kind in a folder and its subfolders"),
    ActionSpec("file.samples", "Import &sample articles", "File", "import_samples",
               tip="Add the sample articles that come with the program"),
    ActionSpec("file.export", "&Export dataset…", "File", "export_dataset", ("Ctrl+Shift+S",),
               tip="Export documents and spans for training and other tools (the same as annotator export)"),
    ActionSpec("file.schema", "Sche&ma…", "File", "show_schema", separator_before=True,
               tip="The project's labels, attributes, relations and links; load another schema from a file, "
                   "or export it (the same as annotator schema)"),
    ActionSpec("file.quit", "&Quit", "File", "close", ("Ctrl+Q",), separator_before=True),
    ActionSpec("edit.undo", "&Undo", "Edit", "undo", ("Ctrl+Z",)),
    ActionSpec("edit.redo", "&Redo", "Edit", "redo", ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("edit.preferences", "&Preferences…", "Edit", "show_preferences", ("Ctrl+,",),
               tip="Font, selecting by characters, suggestions, label colours (a colour-blind-safe palette, "
                   "or your own), light or dark"),
    ActionSpec("find.open", "&Find in this document…", "Edit", "find_in_pane", ("Ctrl+F",), separator_before=True,
               tip="Find as you type in the active pane, Arabic-aware (harakat ignored, alef forms alike); "
                   "the matches are painted, the current one selected"),
    ActionSpec("find.next", "Find &next", "Edit", "find_next", ("F3",),
               tip="The next match in the active pane (Enter in the find bar)"),
    ActionSpec("find.previous", "Find &previous", "Edit", "find_previous", ("Shift+F3",),
               tip="The previous match in the active pane (Shift+Enter in the find bar)"),
    ActionSpec("edit.char_mode", "&Character precision", "Edit", "set_char_mode", ("Ctrl+E",),
               tip="Tag exactly the selected characters (clitics such as و or ب) instead of whole words; "
                   "holding Alt while selecting does the same once", checkable=True, separator_before=True),
    ActionSpec("span.delete", "&Delete span", "Span", "delete_span", ("Delete", "Backspace"), context=True,
               separator_before=True),
    ActionSpec("span.start_earlier_word", "Start one word earlier", "Span", "move_edge", ("Ctrl+[",),
               arg=("start", "word", -1), context=True, separator_before=True),
    ActionSpec("span.start_later_word", "Start one word later", "Span", "move_edge", ("Ctrl+]",),
               arg=("start", "word", 1), context=True),
    ActionSpec("span.end_earlier_word", "End one word earlier", "Span", "move_edge", ("Ctrl+;",),
               arg=("end", "word", -1), context=True),
    ActionSpec("span.end_later_word", "End one word later", "Span", "move_edge", ("Ctrl+'",),
               arg=("end", "word", 1), context=True),
    ActionSpec("span.start_earlier_char", "Start one character earlier", "Span", "move_edge", ("Alt+[",),
               arg=("start", "grapheme", -1)),
    ActionSpec("span.start_later_char", "Start one character later", "Span", "move_edge", ("Alt+]",),
               arg=("start", "grapheme", 1)),
    ActionSpec("span.end_earlier_char", "End one character earlier", "Span", "move_edge", ("Alt+;",),
               arg=("end", "grapheme", -1)),
    ActionSpec("span.end_later_char", "End one character later", "Span", "move_edge", ("Alt+'",),
               arg=("end", "grapheme", 1)),
    ActionSpec("span.next", "Next span", "Span", "walk_spans", ("Ctrl+Down",), arg=True,
               tip="Tab in the text does the same", separator_before=True),
    ActionSpec("span.previous", "Previous span", "Span", "walk_spans", ("Ctrl+Up",), arg=False,
               tip="Shift+Tab in the text does the same"),
    ActionSpec("span.accept_date", "&Accept suggestion or date proposal", "Span", "accept_selected",
               ("Return", "Enter"),
               tip="Accept the selected suggestion as your span; with a DATE span selected, store its proposed "
                   "normalised value (Enter in the text)",
               context=True, separator_before=True, scope="pane"),
    ActionSpec("suggestion.accept_all", "Accept all suggestions in selection", "Span",
               "accept_suggestions_in_selection", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"),
               tip="Every suggestion inside the selected text becomes your span, as one step (Ctrl+Z takes them "
                   "all back)", context=True),
    ActionSpec("span.attributes", "Edit &attributes", "Span", "edit_attributes", ("F2",),
               tip="Move the keyboard to the span inspector (Esc comes back to the text)"),
    ActionSpec("span.unsure", "Flag as &unsure", "Span", "toggle_unsure", ("Ctrl+U",),
               tip="Flag the selected span as unsure, or clear its flag (a ? beside it in the text)",
               context=True, separator_before=True),
    ActionSpec("span.comment", "&Comment on span…", "Span", "edit_comment", ("Ctrl+Alt+C", "Shift+F2"),
               tip="Move the keyboard to the selected span's comment in the inspector "
                   "(Ctrl+Enter saves, Esc cancels)", context=True),
    ActionSpec("entity.create", "Create &entity from span", "Span", "create_entity", ("Ctrl+Shift+E",),
               tip="A project-wide entity named after the selected actor span, with the span attached",
               context=True, separator_before=True),
    ActionSpec("entity.tag_here", "Tag other &mentions in this document…", "Span", "tag_mentions_here",
               ("Ctrl+Shift+M",), tip="Propose the untagged mentions of the span's entity here, to confirm"),
    ActionSpec("entity.tag_open", "Tag other mentions in the &open documents…", "Span", "tag_mentions_open",
               ("Ctrl+Alt+M",), tip="Propose the untagged mentions of the span's entity in every open document"),
    ActionSpec("entity.list", "Entities (rename, &merge)…", "Span", "show_entities", ("Ctrl+Shift+U",),
               tip="Every entity of the project with its mentions: rename one, merge duplicates into it"),
    ActionSpec("relation.delete", "&Delete chosen relation", "Relations", "delete_relation",
               tip="Delete the relation chosen in the Relations panel (Delete there does the same)",
               separator_before=True),
    ActionSpec("link.add", "&Link with span in other pane…", "Relations", "link_spans", ("Ctrl+L",),
               tip="Link the span selected here with the span selected in another pane (SAME_CLAIM, "
                   "CONTRADICTS, SUPPORTS, SAME_DATE)", context=True, separator_before=True),
    ActionSpec("link.add_any", "Link with span in &any document…", "Relations", "link_to_document",
               ("Ctrl+Shift+L",), tip="Link the selected span with a span of a document that need not be open: "
                                      "find the document, then choose the span", context=True),
    ActionSpec("doc.done_next", "Mark &done and go to next", "Document", "done_and_next",
               ("Ctrl+Return", "Ctrl+Enter")),
    ActionSpec("doc.done", "&Mark done", "Document", "mark_done", ("Ctrl+D",)),
    ActionSpec("doc.reopen", "Mark &in progress", "Document", "mark_in_progress", ("Ctrl+Shift+D",)),
    ActionSpec("doc.next", "&Next document not done", "Document", "next_document", ("Ctrl+PgDown",)),
    ActionSpec("doc.find", "&Find a document…", "Document", "find_document", ("Ctrl+P",),
               tip="Open any document in the active pane: type part of its title, id or file name"),
    ActionSpec("doc.search", "&Search every document…", "Document", "search_corpus", ("Ctrl+Shift+F",),
               tip="Find words in every document (Arabic-aware); the hits as a concordance, tagged with a "
                   "label's key"),
    ActionSpec("view.add_pane", "&Add pane", "View", "add_pane", ("Ctrl+Shift+N",)),
    ActionSpec("view.close_pane", "&Close pane", "View", "close_pane", ("Ctrl+W",)),
    ActionSpec("view.swap", "&Swap pane with next", "View", "swap_panes", ("Ctrl+Shift+X",)),
    ActionSpec("view.next_pane", "Focus ne&xt pane", "View", "focus_pane_step", ("F6",), arg=1,
               tip="Move the keyboard to the next pane's text (a link's two ends without the mouse)",
               separator_before=True),
    ActionSpec("view.previous_pane", "Focus pre&vious pane", "View", "focus_pane_step", ("Shift+F6",), arg=-1),
    *(ActionSpec(f"view.pane_{n}", f"Focus pane {n}", "View", "focus_pane", (f"Ctrl+{n}",), arg=n - 1)
      for n in range(1, 5)),
    ActionSpec("view.zoom_in", "Zoom &in", "View", "zoom", ("Ctrl++", "Ctrl+="), arg=1, separator_before=True),
    ActionSpec("view.zoom_out", "Zoom &out", "View", "zoom", ("Ctrl+-",), arg=-1),
    ActionSpec("view.zoom_reset", "&Reset zoom", "View", "zoom", ("Ctrl+0",), arg=0),
    ActionSpec("view.font", "&Font…", "View", "choose_font"),
    ActionSpec("view.all_arcs", "Show all relation &arcs", "View", "show_all_arcs", ("Ctrl+Shift+R",),
               tip="Draw every relation whose two ends are on screen, not only the selected span's",
               checkable=True, separator_before=True),
    ActionSpec("view.suggestions", "&Suggestions", "View", "show_suggestions", ("Ctrl+Shift+H",),
               tip="Draw the recommenders' suggestions in the panes (dashed outlines) and walk them with Tab",
               checkable=True, separator_before=True),
    ActionSpec("view.claims", "&Claim table", "View", "show_claim_table", ("Ctrl+Shift+T",), separator_before=True,
               tip="Every claim with its source, time, target and linked claims"),
    ActionSpec("help.keys", "&Keyboard shortcuts", "Help", "show_shortcuts", ("F1",)),
    ActionSpec("help.guidelines", "&Guidelines", "Help", "show_guidelines", ("Shift+F1",),
               tip="What each label means (the schema) and the project's own guidelines, at the selected "
                   "span's label"),
)


def label_actions(schema: LabelSchema) -> list[ActionSpec]:
    """One tagging action per label of the schema: its key (and the Arabic-Indic digit)."""
    specs = []
    for lab in schema.labels:
        keys = (lab.key,) + ((_ARABIC_DIGITS[lab.key],) if lab.key in _ARABIC_DIGITS else ())
        specs.append(ActionSpec(f"label.{lab.name}", f"Tag {lab.name}", "Span", "tag", keys,
                                tip=lab.description, arg=lab.name, context=True))
    return specs


def relation_actions(schema: LabelSchema) -> list[ActionSpec]:
    """One action per relation type of the schema: its key (and the Arabic-layout letter), in the panes."""
    specs = []
    for rel in schema.relations:
        keys = (rel.key,) + ((_ARABIC_LETTERS[rel.key.lower()],) if rel.key.lower() in _ARABIC_LETTERS else ())
        specs.append(ActionSpec(f"relation.{rel.name}", f"Add {rel.name} relation…", "Relations", "add_relation",
                                keys, tip=rel.description, arg=rel.name, context=True, scope="pane"))
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

    def menu(self, name: str) -> QMenu:
        """The menu *name*, made on first use and placed by *menu_order* among those made."""
        if name in self.menus:
            return self.menus[name]
        bar = self.window.menuBar()
        menu = QMenu(f"&{name}", bar)
        menu.setObjectName(f"menu{name}")
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
        for spec in specs:
            if spec.scope == "widget" and widget is None:
                raise ValueError(f"action {spec.id} works in one widget: give it")
            action = QAction(spec.text, widget if spec.scope == "widget" else self.window)
            action.setObjectName(spec.id)
            if spec.shortcuts:
                action.setShortcuts([QKeySequence(k) for k in spec.shortcuts])
            if spec.tip:
                action.setStatusTip(spec.tip)
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
        """(keys, what they do) of every action added, in menu order, then the other keys."""
        rank = {name: i for i, name in enumerate(self.menu_order)}
        specs = sorted((s for s in self.specs if s.shortcuts), key=lambda s: rank.get(s.menu, len(rank)))
        return [(keys_text(s.shortcuts), s.text.replace("&", "")) for s in specs] + self.help_rows

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
    """Shortcuts as the platform writes them ("Ctrl+Shift+Z, Ctrl+Y")."""
    return ", ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in shortcuts)


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
    ("Tab / Shift+Tab", "Next / previous span (in the text)"),
    ("Tab / Shift+Tab (suggestions shown)", "Next / previous span or suggestion"),
    ("Delete (a suggestion selected)", "Reject the suggestion (it does not come back)"),
    ("1–9 (a suggestion selected)", "Accept the suggestion with that label"),
    ("Edge keys (a suggestion selected)", "Move its edges, then Enter accepts it"),
    ("Up/Down, 1–9, Enter / Esc", "Pick the other end of a relation / cancel (after its key)"),
    ("Delete (in the Relations or Links panel)", "Delete the chosen relation or link"),
    ("Esc (in the span inspector)", "Back to the text"),
    ("Enter / Shift+Enter (in the find bar)", "Next / previous match"),
    ("Esc (in the find bar)", "Close it: the matches go, the current one stays selected"),
    ("Shift+arrows", "Select text (add Alt for character precision)"),
)
