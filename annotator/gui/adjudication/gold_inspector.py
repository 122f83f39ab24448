"""The gold span inspector of the adjudication view: attributes of gold edited by hand.

The annotation window's :class:`~annotator.gui.annotation.inspector.InspectorDock` (one form per
label, the date proposal, entity completion) with its edits sent to gold:
:class:`GoldEditing` turns each into a ``SetGoldAttributes`` command on the gold undo
stack, so a value typed here is stored at once with "edited by" provenance, checked
against the schema, and undone by Ctrl+Z like every other decision. It shows the
gold span selected in the gold pane; Enter in the gold pane accepts a date's proposal,
F2 brings the keyboard here and Esc takes it back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer

from annotator.core.values import Entity, Span
from annotator.gui.annotation.inspector import InspectorDock
from annotator.gui.common.actions import ActionRegistry, ActionSpec
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, translate
from annotator.services.adjudication import SetGoldAttributes
from annotator.services.entities import attach_changes
from annotator.services.notes import SetGoldSpanNote

if TYPE_CHECKING:  # the window imports this module
    from annotator.gui.adjudication.window import AdjudicationWindow


class GoldEditing:
    """The inspector's edits, as gold commands of one adjudication window."""

    def __init__(self, window: AdjudicationWindow) -> None:
        self.window = window
        self.project = window.project

    def set_attributes(self, doc_id: str, span: Span, changes: dict[str, Any], description: str, done: str) -> bool:
        cmd = SetGoldAttributes(doc_id, self.window.adjudicator, span.id, changes=changes,
                                description=f"Gold: {description.lower()}" if description else "")
        return self.window.gold.run(cmd)

    def attach_entity(self, doc_id: str, span: Span, entity: Entity | None, done: str) -> bool:
        return self.set_attributes(doc_id, span, attach_changes(self.project, span, entity),
                                   "Attach to entity" if entity else "Detach from entity", done)

    def set_note(self, doc_id: str, span: Span, comment: str | None, unsure: bool | None, done: str) -> bool:
        return self.window.gold.run(SetGoldSpanNote(doc_id, self.window.adjudicator, span.id, comment, unsure))

    def say(self, text: str) -> None:
        self.window.say(text)

    @property
    def last_error(self) -> Exception | None:
        return self.window.gold.last_error


#: the inspector's keys: Enter in the gold pane, F2 anywhere in the view (marked in the view's context, which
#: the action registry translates them in)
GOLD_INSPECTOR_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("gold.accept_proposal",
               QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold: accept the date's proposed value"),
               "Gold", "accept_proposal", ("Return", "Enter"), scope="widget", separator_before=True),
    ActionSpec("gold.edit_attributes", QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold: edit the span's attributes"),
               "Gold", "edit_attributes", ("F2",)),
    ActionSpec("gold.unsure", QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold: flag the span as unsure"),
               "Gold", "toggle_unsure", ("Ctrl+U",),
               tip=QT_TRANSLATE_NOOP("AdjudicationWindow", "Flag the selected gold span as unsure, or clear its flag")),
    ActionSpec("gold.comment", QT_TRANSLATE_NOOP("AdjudicationWindow", "Gold: comment on the span"),
               "Gold", "edit_comment", ("Ctrl+Alt+C", "Shift+F2"),
               tip=QT_TRANSLATE_NOOP("AdjudicationWindow", "Move the keyboard to the gold span's comment "
                                                           "(Ctrl+Enter saves, Esc cancels)")),
)


class _InspectorKeys:
    """What the inspector's keys do."""

    def __init__(self, window, dock: InspectorDock) -> None:  # type: ignore[no-untyped-def]
        self.window, self.dock = window, dock

    def accept_proposal(self) -> None:
        self.dock.accept_proposal()

    def edit_attributes(self) -> None:
        if self.dock.span is not None:
            self.dock.focus_first()
        else:
            self.window.say(translate("AdjudicationWindow", "Select a gold span first (click it in the gold pane)"))

    def toggle_unsure(self) -> None:
        self.dock.toggle_unsure()

    def edit_comment(self) -> None:
        self.dock.edit_comment()


def make_gold_inspector(window, registry: ActionRegistry) -> InspectorDock:  # type: ignore[no-untyped-def]
    """The inspector dock beside the disagreement list, its keys (through the view's action registry),
    and its refreshing."""
    dock = InspectorDock(GoldEditing(window), window)
    dock.setWindowTitle(translate("AdjudicationWindow", "Gold span"))
    dock.setObjectName("goldInspectorDock")
    dock.describe = lambda _doc_id, span: window.structure.describe(
        window.structure.gold_structure, window.gold_pane.editor, span)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.splitDockWidget(window.dock, dock, Qt.Orientation.Horizontal)
    # the disagreement list keeps most of the width (sizes apply once the window is laid out)
    QTimer.singleShot(0, window, lambda: window.resizeDocks([window.dock, dock], [max(400, window.width() - 360), 340],
                                                            Qt.Orientation.Horizontal))
    editor = window.gold_pane.editor
    dock.leave.connect(editor.setFocus)
    editor.spanSelected.connect(lambda _sid: dock.show_span(editor.state, editor.selected_span()))
    registry.add(GOLD_INSPECTOR_ACTIONS, (_InspectorKeys(window, dock),), widget=editor)
    return dock
