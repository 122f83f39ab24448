"""The team part of the main window: blind work, time spent, the queue, and the
doors to adjudication, agreement and assignment.

Kept out of ``window.py``: the window builds one :class:`TeamUi` and the rest
happens here. It sees the window only as a Qt window (status bar, parent of its
dialogs) and through :class:`TeamHost`, the few things it asks of the annotation
window. Actions are declared as data (:data:`TEAM_ACTIONS`, the same
:class:`~annotator.gui.common.actions.ActionSpec` as the window's) and built by the
window's :class:`~annotator.gui.common.actions.ActionRegistry` into a Team menu.

Blind work is enforced by the services (an annotator's queries never return
another annotator's set); here the window *says* so in the status bar, and gold
is shown to an annotator only through :func:`gold_vs_annotator`, which refuses
until their own work on the document is marked done.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QMainWindow, QWidget

from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.values import Role
from annotator.gui.common import plain
from annotator.gui.common.actions import ActionRegistry, ActionSpec
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, translate
from annotator.services import team
from annotator.services.project import Project

if TYPE_CHECKING:
    from annotator.gui.annotation.controller import Controller
    from annotator.gui.docks.document_span_docks import DocumentDock

# texts and tips marked in the context "TeamUi" (the class whose methods run them), translated where
# the QActions are made (TeamUi._build_actions)
TEAM_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("team.next_assigned", QT_TRANSLATE_NOOP("TeamUi", "Next &assigned document"), "Team", "next_assigned",
               ("Ctrl+Shift+PgDown",),
               tip=QT_TRANSLATE_NOOP("TeamUi", "The next document assigned to you that is not done (your queue)")),
    ActionSpec("team.gold_diff", QT_TRANSLATE_NOOP("TeamUi", "How &gold differs from my work…"), "Team",
               "show_gold_diff",
               tip=QT_TRANSLATE_NOOP("TeamUi", "For a document you marked done: where the adjudicated gold differs "
                                               "from your annotations")),
    ActionSpec("team.adjudicate", QT_TRANSLATE_NOOP("TeamUi", "A&djudicate document…"), "Team", "adjudicate",
               ("Ctrl+Shift+J",),
               tip=QT_TRANSLATE_NOOP("TeamUi", "Compare every annotator's version of the active document and build "
                                               "its gold (adjudicators and managers)"), separator_before=True),
    ActionSpec("team.agreement", QT_TRANSLATE_NOOP("TeamUi", "A&greement…"), "Team", "show_agreement",
               ("Ctrl+Shift+G",),
               tip=QT_TRANSLATE_NOOP("TeamUi", "Agreement between annotators, per label and overall, per pair and "
                                               "for all")),
    ActionSpec("team.assign", QT_TRANSLATE_NOOP("TeamUi", "A&ssign documents…"), "Team", "assign_documents",
               tip=QT_TRANSLATE_NOOP("TeamUi", "Assign documents to annotators, add annotators and roles (managers)")),
)

#: the team's roles as the interface names them (the stored value stays English)
ROLE_NAMES = {
    Role.ANNOTATOR.value: QT_TRANSLATE_NOOP("TeamUi", "annotator"),
    Role.ADJUDICATOR.value: QT_TRANSLATE_NOOP("TeamUi", "adjudicator"),
    Role.MANAGER.value: QT_TRANSLATE_NOOP("TeamUi", "manager"),
}


def role_name(role: str) -> str:
    """*role* ("annotator", "adjudicator", "manager") in the interface's language."""
    return translate("TeamUi", ROLE_NAMES[role]) if role in ROLE_NAMES else role


#: the status bar's blind label in English (tests compare it; shown translated)
BLIND_TEXT = QT_TRANSLATE_NOOP("TeamUi", "Blind: only your annotations are shown")
SAVE_EVERY_MS = 30_000
CHECK_EVERY_MS = 1_000


class TeamHost(Protocol):
    """What the Team part uses of the annotation window (``MainWindow`` provides it)."""

    project: Project
    controller: Controller
    registry: ActionRegistry
    documents_dock: DocumentDock
    text_font: QFont

    def active_document_id(self) -> str | None:
        """The document of the active pane, if any."""
        ...

    def show_document(self, doc_id: str) -> None:
        """Open *doc_id* in the pane documents open in, and give it the keyboard."""
        ...


class TimeTracker(QObject):
    """Counts the time a document is open in the active pane while the window is active.

    It checks every second which document that is (no database work), and stores
    the time (``team.add_time_spent``, one small transaction) every 30 seconds, when
    the document changes, when the window loses the focus, and when it closes.
    Whole seconds are stored; the remainder is carried over.
    """

    def __init__(self, window: QMainWindow, host: TeamHost, on_saved: Callable[[str, int], None]) -> None:
        super().__init__(window)
        self.window = window
        self.host = host
        self.on_saved = on_saved
        self.clock: Callable[[], float] = time.monotonic
        self.doc_id: str | None = None
        self.since = 0.0
        self.pending = 0.0
        self.last_saved = 0.0
        self.enabled = True
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if obj is self.window and e.type() == QEvent.Type.ActivationChange:
            self.check(force_save=not self.window.isActiveWindow())
        return False

    def current(self) -> str | None:
        """The document being worked on now: the active pane's, if the window is active."""
        if not self.window.isActiveWindow():
            return None
        return self.host.active_document_id() or None

    def check(self, force_save: bool = False) -> None:
        now = self.clock()
        if self.doc_id is not None:
            self.pending += max(0.0, now - self.since)
        self.since = now
        doc = self.current() if self.enabled else None
        if doc != self.doc_id or force_save or now - self.last_saved >= SAVE_EVERY_MS / 1000:
            self.save()
            self.last_saved = now
        self.doc_id = doc

    def save(self) -> None:
        """Store the time counted for the current document (whole seconds)."""
        whole = int(self.pending)
        if self.doc_id is None or whole < 1:
            return
        self.pending -= whole
        try:
            total = team.add_time_spent(self.host.project, self.doc_id, self.host.controller.annotator, whole)
        except AnnotatorError:
            return  # someone not (yet) in the team: nothing to record against
        self.on_saved(self.doc_id, total)

    def stop(self) -> None:
        """Store what was counted (the window closes)."""
        self.check(force_save=True)
        self.enabled = False
        self._timer.stop()


class TeamUi:
    """Blind label, time spent, queue and team actions of one main window.

    *window* is the Qt window it lives in (its status bar, the parent of its dialogs);
    *host* what it asks of the annotation window.
    """

    def __init__(self, window: QMainWindow, host: TeamHost) -> None:
        self.window = window
        self.host = host
        self.project = host.project
        self.annotator: str = host.controller.annotator
        try:
            self.role: Role | None = team.role_of(self.project, self.annotator)
        except NotFound:
            self.role = None  # not in the team list yet: works as an annotator
        self.blind = self.role in (None, Role.ANNOTATOR)
        shown = (translate("TeamUi", BLIND_TEXT) if self.blind or self.role is None
                 else translate("TeamUi", "Role: {role}").format(role=role_name(self.role.value)))
        self.blind_label = plain.plain_label(shown, window)
        self.blind_label.setObjectName("blindLabel")
        self.blind_label.setToolTip(plain.tooltip(
            translate("TeamUi", "Others' annotations of these documents are hidden while you annotate; the gold of "
                                "a document becomes visible to you (Team ▸ How gold differs from my work) once you "
                                "mark it done.")
            if self.blind else translate("TeamUi", "Adjudicators and managers may see everyone's work "
                                                   "(Team ▸ Adjudicate document).")))
        window.statusBar().addPermanentWidget(self.blind_label)
        self.actions = self._build_actions()
        self.tracker = TimeTracker(window, host, host.documents_dock.model.set_time_spent)
        self.load_times()

    def _build_actions(self) -> dict[str, QAction]:
        """The Team menu, through the window's action registry (so F1 lists its keys too)."""
        actions = self.host.registry.add(TEAM_ACTIONS, (self,))
        for spec in TEAM_ACTIONS:  # in this class's context (the registry may have translated them already)
            action = actions[spec.id]
            action.setText(translate("TeamUi", spec.text))
            if spec.tip:
                action.setStatusTip(translate("TeamUi", spec.tip))
        self.menu = self.host.registry.menu("Team")
        self.menu.setTitle(translate("TeamUi", "&Team"))
        return actions

    def load_times(self) -> None:
        """The annotator's time spent per document and assignments, into the document list.

        An annotator with assignments sees only them at first ("Assigned to me"; the
        list's scope box shows all documents again); adjudicators and managers see all.
        """
        dock = self.host.documents_dock
        assigned = set()
        for p in team.progress(self.project, annotators=[self.annotator]):
            dock.model.set_time_spent(p.document_id, p.time_spent_seconds)
            if p.assigned:
                assigned.add(p.document_id)
        dock.set_assigned(frozenset(assigned), only_mine=self.blind)

    def close(self) -> None:
        """The window closes: store the time counted, close the windows opened from it that are still open."""
        self.tracker.stop()
        for win in self.windows:
            win.close()

    @property
    def windows(self) -> list[QWidget]:
        """The windows and dialogs opened from the main window and not closed yet, oldest first.

        Nothing keeps a list of them: each is a child of the main window that deletes
        itself when closed (``WA_DeleteOnClose``, which Qt clears as it closes it), so
        the ones still open are the main window's child windows that still carry it.
        """
        return [w for w in self.window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                if w.isWindow() and w.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)]

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 8000)

    # -- handlers ----------------------------------------------------------------------
    def next_assigned(self) -> None:
        try:
            doc_id = team.next_in_queue(self.project, self.annotator, after=self.host.active_document_id())
        except NotFound:
            doc_id = None
        if doc_id is None:
            self._say(translate("TeamUi", "Your queue is empty: nothing assigned to you is waiting"))
            return
        self.tracker.check()
        self.host.show_document(doc_id)
        self.tracker.check()

    def show_gold_diff(self) -> None:
        from annotator.gui.adjudication import polite_message
        from annotator.gui.team.team_dialogs import GoldDiffDialog
        from annotator.services.adjudication import gold_vs_annotator  # here: it brings numpy

        doc_id = self.host.active_document_id()
        if not doc_id:
            self._say(translate("TeamUi", "Open a document first"))
            return
        try:
            comparison = gold_vs_annotator(self.project, doc_id, self.annotator, self.annotator)
        except AnnotatorError as exc:
            polite_message(self.window, translate("TeamUi", "How gold differs from my work"), str(exc))
            return
        text = self.host.controller.open_document(doc_id).text
        GoldDiffDialog(comparison, text, self.window).show()  # deleted when closed, like every window opened here

    def adjudicate(self) -> None:
        from annotator.gui.adjudication import open_adjudication

        doc_id = self.host.active_document_id()
        if not doc_id:
            self._say(translate("TeamUi", "Open the document to adjudicate first"))
            return
        open_adjudication(self.window, self.project, doc_id, self.annotator, font=self.host.text_font)

    def show_agreement(self) -> None:
        from annotator.gui.agreement.agreement_window import AgreementWindow
        from annotator.gui.common.memory import released_on_close

        released_on_close(lambda: AgreementWindow(self.project, self.window)).show()  # it reads every set

    def assign_documents(self) -> None:
        from annotator.gui.adjudication import polite_message
        from annotator.gui.team.team_dialogs import AssignDialog

        if self.role is not Role.MANAGER:
            if self.role is None:
                text = translate("TeamUi", "Assigning documents is for managers, and {name} is not in the team "
                                           "list.").format(name=self.annotator)
            else:
                text = translate("TeamUi", "Assigning documents is for managers, and {name} is an {role}.").format(
                    name=self.annotator, role=role_name(self.role.value))
            polite_message(self.window, translate("TeamUi", "Assign documents"), text)
            return
        doc_id = self.host.active_document_id()
        chosen = [doc_id] if doc_id else []
        AssignDialog(self.project, self.annotator, chosen, self.window).show()
