"""The gold span inspector of the adjudication view: attributes of gold edited by hand.

The annotation window's :class:`~annotator.gui.inspector.InspectorDock` (one form per
label, the date proposal, entity completion) with its edits sent to gold:
:class:`GoldEditing` turns each into a ``SetGoldAttributes`` command on the gold undo
stack, so a value typed here is stored at once with "edited by" provenance, checked
against the schema, and undone by Ctrl+Z like every other decision. It shows the
gold span selected in the gold pane; Enter in the gold pane accepts a date's proposal,
F2 brings the keyboard here and Esc takes it back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from annotator.core.model import Span
from annotator.core.structure import Entity
from annotator.gui.inspector import InspectorDock
from annotator.services.adjudication import SetGoldAttributes
from annotator.services.structure_entities import attach_changes


class GoldEditing:
    """The inspector's edits, as gold commands of one adjudication window."""

    def __init__(self, window) -> None:  # type: ignore[no-untyped-def]  # AdjudicationWindow (no import cycle)
        self.window = window
        self.project = window.project

    def set_attributes(self, doc_id: str, span: Span, changes: dict[str, Any], description: str, done: str) -> bool:
        cmd = SetGoldAttributes(doc_id, self.window.adjudicator, span.id, changes=changes,
                                description=f"Gold: {description.lower()}" if description else "")
        return self.window.gold.run(cmd)

    def attach_entity(self, doc_id: str, span: Span, entity: Entity | None, done: str) -> bool:
        return self.set_attributes(doc_id, span, attach_changes(self.project, span, entity),
                                   "Attach to entity" if entity else "Detach from entity", done)

    def say(self, text: str) -> None:
        self.window.say(text)

    @property
    def last_error(self) -> Exception | None:
        return self.window.gold.last_error


def make_gold_inspector(window, menu) -> InspectorDock:  # type: ignore[no-untyped-def]
    """The inspector dock beside the disagreement list, its keys, and its refreshing."""
    dock = InspectorDock(GoldEditing(window), window)
    dock.setWindowTitle("Gold span")
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
    accept = QAction("Gold: accept the date's proposed value", editor)
    accept.setObjectName("gold.accept_proposal")
    accept.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
    accept.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    accept.triggered.connect(dock.accept_proposal)
    editor.addAction(accept)
    edit = QAction("Gold: edit the span's attributes", window)
    edit.setObjectName("gold.edit_attributes")
    edit.setShortcut(QKeySequence("F2"))
    edit.triggered.connect(lambda: dock.focus_first() if dock.span is not None
                           else window.say("Select a gold span first (click it in the gold pane)"))
    window.addAction(edit)
    for action in (accept, edit):
        menu.addAction(action)
    return dock
