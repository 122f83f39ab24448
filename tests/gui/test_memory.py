"""Closed windows are freed: the Qt object is destroyed and nothing keeps the Python object.

Each window is opened as a user opens it, closed with ``close()`` (what the title bar's
button does), then the event loop's deferred deletes run and the garbage collector
collects; a weak reference to the window must then be dead and its ``destroyed``
signal must have fired. Before, every adjudication view, agreement window and Team
dialog stayed in a list of the main window (~79 MB for an adjudication view of long
documents), and a closed main window stayed whole (~26 MB).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from annotator.services import team
from annotator.services.project import Project
from tests.gui.conftest import add_documents

# Written for this test.
TEXT = ("أكد مدير الميناء حسان الرفاعي صباح السبت أن الرصيف الشمالي سيعود إلى العمل في نيسان 2027.\n"
        "وقال اتحاد الصيادين إن الإصلاحات تأخرت بسبب العواصف المتكررة هذا الشتاء.")


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    """Two annotators' versions of one document (they disagree) and a manager, carol."""
    db = tmp_path / "memory.sqlite"
    add_documents(db, [("port", "الرصيف الشمالي", TEXT), ("other", "خبر قصير", "نص قصير آخر للتجربة.")])
    p = Project.open(db)
    try:
        team.add_annotator(p, "alice")
        team.add_annotator(p, "bob")
        team.add_annotator(p, "carol", "manager")
        p.add_span("port", "alice", *at("حسان الرفاعي"), "ACTOR")
        p.add_span("port", "bob", *at("مدير الميناء حسان الرفاعي"), "ACTOR")
        p.add_span("port", "alice", *at("نيسان 2027"), "DATE")
        p.add_span("port", "bob", *at("نيسان 2027"), "DATE")
    finally:
        p.close()
    return db


def settle(collect: bool = True) -> None:
    """What follows a close in a running program: deferred deletes, then (*collect*) a collection."""
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if collect:
            gc.collect()


class Watch:
    """A weak reference to a window and whether its Qt object was destroyed (holds neither)."""

    def __init__(self, obj: QObject) -> None:
        self.ref = weakref.ref(obj)
        self.name = obj.objectName() or type(obj).__name__
        self.destroyed: list[bool] = []
        obj.destroyed.connect(lambda: self.destroyed.append(True))

    def freed(self, collect: bool = True) -> bool:
        settle(collect)
        return self.ref() is None and self.destroyed == [True]

    def __repr__(self) -> str:
        python = "alive" if self.ref() is not None else "freed"
        return f"<{self.name}: Python object {python}, Qt object {'destroyed' if self.destroyed else 'alive'}>"


def open_main(qtbot, db: Path, annotator: str = "carol"):  # type: ignore[no-untyped-def]
    """The main window on *db*, shown and active (pytest-qt holds only a weak reference)."""
    from annotator.gui import main_window

    win = main_window(db, ["port"], annotator=annotator)
    qtbot.addWidget(win)
    win.resize(1200, 760)
    win.show()
    qtbot.waitExposed(win)
    return win


def open_from_team_menu(qtbot, main, action: str) -> QWidget:  # type: ignore[no-untyped-def]
    """Trigger a Team menu action and return the window it opened, ready (figures computed, versions read)."""
    before = set(map(id, main.team.windows))
    main.team.actions[action].trigger()
    [win] = [w for w in main.team.windows if id(w) not in before]
    if hasattr(win, "loaded_state"):
        qtbot.waitUntil(lambda: win.loaded_state is not None, timeout=10000)
    if hasattr(win, "report"):
        qtbot.waitUntil(lambda: win.report is not None, timeout=10000)
    return win


def test_a_closed_main_window_is_freed(qtbot, team_db: Path) -> None:
    def open_and_close() -> Watch:
        win = open_main(qtbot, team_db)
        watch = Watch(win)
        win.close()
        return watch

    watch = open_and_close()
    assert watch.freed(), watch


@pytest.mark.parametrize(("action", "name"), [("team.adjudicate", "adjudicationWindow"),
                                              ("team.agreement", "agreementWindow"),
                                              ("team.assign", "assignDialog")])
def test_a_window_opened_from_the_team_menu_is_freed_when_closed(qtbot, team_db: Path, action: str,
                                                                 name: str) -> None:
    main = open_main(qtbot, team_db)

    def open_and_close() -> Watch:
        win = open_from_team_menu(qtbot, main, action)
        assert win.objectName() == name and win.isVisible()
        watch = Watch(win)
        win.close()
        return watch

    watches = [open_and_close() for _ in range(2)]
    assert all(w.freed() for w in watches), watches
    assert main.team.windows == []  # the main window forgets them too
    main.close()


@pytest.mark.parametrize("opener", ["show_entities", "show_claim_table"])
def test_the_entities_window_and_the_claim_table_are_freed_when_closed_and_open_again(qtbot, team_db: Path,
                                                                                      opener: str) -> None:
    main = open_main(qtbot, team_db)
    show: Callable[[], QWidget] = getattr(main.structure, opener)

    def open_and_close() -> Watch:
        win = show()
        assert win.isVisible()
        watch = Watch(win)
        win.close()
        return watch

    first = open_and_close()
    assert first.freed(), first
    again = show()  # a new one, as good as the first
    assert again.isVisible()
    watch = Watch(again)
    del again
    main.close()  # closed with the main window
    assert watch.freed(), watch


def test_a_closed_message_box_is_freed(qtbot, team_db: Path) -> None:
    """A refusal (adjudication is for adjudicators) is a message box of the main window: gone once closed."""
    main = open_main(qtbot, team_db, annotator="alice")

    def refuse_and_close() -> Watch:
        main.team.actions["team.adjudicate"].trigger()
        box = main.last_message
        assert box.isVisible() and "adjudicators and managers" in box.text()
        watch = Watch(box)
        box.close()
        return watch

    watches = [refuse_and_close() for _ in range(2)]
    assert all(w.freed() for w in watches), watches
    assert main.team.windows == []
    main.close()


def test_closing_the_main_window_closes_and_frees_the_windows_opened_from_it(qtbot, team_db: Path) -> None:
    gc.unfreeze()  # the adjudication view freezes what it read (gc.freeze) and unfreezes it when closed

    def open_all() -> list[Watch]:
        main = open_main(qtbot, team_db)
        opened = [open_from_team_menu(qtbot, main, a) for a in ("team.adjudicate", "team.agreement", "team.assign")]
        assert gc.get_freeze_count() > 0
        watches = [Watch(main), *map(Watch, opened), Watch(main.structure.show_entities())]
        main.close()
        return watches

    watches = open_all()
    assert all(w.freed() for w in watches), watches
    assert gc.get_freeze_count() == 0  # the adjudication view was closed, not only deleted


def test_the_program_itself_collects_what_a_closed_main_window_adjudication_view_or_agreement_window_held(
        qtbot, team_db: Path) -> None:
    """They sit in reference cycles that only a full collection frees: the program runs one (over what
    was made since the window opened) once the window is deleted; here nothing but the event loop runs."""
    def open_and_close(main, action: str) -> Watch:  # type: ignore[no-untyped-def]
        win = open_from_team_menu(qtbot, main, action)
        watch = Watch(win)
        win.close()
        return watch

    def main_window_only() -> Watch:
        main = open_main(qtbot, team_db)
        for action in ("team.adjudicate", "team.agreement"):
            watch = open_and_close(main, action)
            assert watch.freed(collect=False), watch
        main_watch = Watch(main)
        main.close()
        return main_watch

    watch = main_window_only()
    assert watch.freed(collect=False), watch
