"""The adjudication view (see :mod:`annotator.gui.adjudication.window`).

:func:`open_adjudication` is what the main window's "Adjudicate document…"
action calls: it checks the role first and says politely why not, otherwise it
builds and shows the view.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox, QWidget

from annotator.core.errors import NotFound
from annotator.core.values import SetStatus
from annotator.gui.common import plain
from annotator.gui.common.i18n import plural, translate
from annotator.gui.common.memory import released_on_close
from annotator.services import team
from annotator.services.gold.commands import ADJUDICATING_ROLES
from annotator.services.project import Project

if TYPE_CHECKING:  # imported when a view is opened (the window module is large)
    from annotator.gui.adjudication.window import AdjudicationWindow


def polite_message(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A plain-text information box, shown without blocking (the last one kept on the parent for tests),
    deleted when closed (each would otherwise stay a child of the window)."""
    box = plain.message_box(parent, QMessageBox.Icon.Information, title, text)
    box.setObjectName("politeMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    if parent is not None:
        parent.last_message = box  # type: ignore[attr-defined]
        # Weak references: a parent or box freed from here, inside the box's deletion, would be deleted twice.
        parent_ref, box_ref = weakref.ref(parent), weakref.ref(box)

        def forget() -> None:
            owner = parent_ref()
            if owner is not None and getattr(owner, "last_message", None) is box_ref():
                owner.last_message = None  # type: ignore[attr-defined]

        box.destroyed.connect(forget)
    return box


def annotators_with_work(project: Project, doc_id: str) -> list[str]:
    """Who has spans on the document or marked it done (the versions to compare)."""
    return [p.annotator for p in team.progress(project, [doc_id]) if p.spans > 0 or p.status is SetStatus.DONE]


def open_adjudication(parent: QWidget | None, project: Project, doc_id: str, adjudicator: str,
                      font: QFont | None = None, threaded: bool = True) -> AdjudicationWindow | None:
    """Open the adjudication view of *doc_id*, or say why not (role, too few versions). None if refused."""
    from annotator.gui.adjudication.window import AdjudicationWindow

    try:
        role = team.role_of(project, adjudicator)
    except NotFound:
        role = None
    if role not in ADJUDICATING_ROLES:
        polite_message(parent, translate("AdjudicationWindow", "Adjudication"),
                       translate("AdjudicationWindow", "Adjudication is for adjudicators and managers, and {name} "
                                 "is an annotator here. A manager can change your role in Team ▸ Annotators and "
                                 "roles.").format(name=adjudicator))
        return None
    names = annotators_with_work(project, doc_id)
    if len(names) < 2:
        polite_message(parent, translate("AdjudicationWindow", "Adjudication"),
                       plural(len(names), translate("AdjudicationWindow", "This document has work from {n} annotator: "
                                                    "adjudication compares two or more versions.|This document has "
                                                    "work from {n} annotators: adjudication compares two or more "
                                                    "versions.")))
        return None
    window = released_on_close(lambda: AdjudicationWindow(project, doc_id, adjudicator, names, font=font,
                                                           threaded=threaded, parent=parent))
    window.show()
    return window
