"""The team part and the suggestions in Arabic: the Team menu, the blind label, the assign and
gold dialogs, View ▸ Suggestions from (and its retrain menu), the status bar's messages of
suggestions, and the column titles of every list (``RowTableModel``): nothing left in English
but data (names, labels, keys), numbers in Arabic-Indic digits, and the layout mirrored."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QWidget

from annotator.core.suggest import Suggestion
from annotator.core.values import SetStatus
from annotator.gui.annotation.suggestions_ui import accepted_text
from annotator.gui.annotation.suggestions_view import PaneSuggestions
from annotator.gui.common import i18n
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP
from annotator.gui.common.settings import Settings
from annotator.gui.common.tables import RowTableModel
from annotator.services import team
from annotator.services.adjudication import AcceptVersion, adjudication_state
from annotator.services.entities import CreateEntity
from annotator.services.project import Project
from annotator.storage import suggestions as suggestion_store
from tests.gui import untranslated as untranslated_module
from tests.gui.conftest import add_documents, press
from tests.gui.untranslated import english_left, untranslated

# data of these tests, which stays as it is in any language
NAMES = ("meg", "alice", "bob", "carol", "a-claims", "b-wheat", "c-vote")
ARABIC_DIGITS = set("٠١٢٣٤٥٦٧٨٩")


@pytest.fixture(autouse=True)
def _rich_text_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """untranslated.py as first committed asks QtCore's ``Qt`` for ``mightBeRichText`` (QtGui's has
    it); until its fix (``GuiQt``) is in, it is given QtGui's here."""
    if not hasattr(untranslated_module, "GuiQt"):
        from PySide6.QtGui import Qt as GuiQt

        monkeypatch.setattr(untranslated_module, "Qt", GuiQt)


def everything(*roots: QWidget) -> list[QWidget]:
    """*roots* and every widget inside them (menus' submenus included)."""
    found: list[QWidget] = []
    for root in roots:
        found.append(root)
        found += root.findChildren(QWidget)
    return found


def english(widgets: Iterable[QWidget], allowed: Iterable[str] = ()) -> dict[str, str]:
    return untranslated(allowed=(*NAMES, *allowed), widgets=widgets)


@pytest.fixture
def team_db(db_path: Path) -> Path:
    p = Project.open(db_path)
    try:
        team.add_annotator(p, "meg", "manager")
        team.add_annotator(p, "alice")
        team.add_annotator(p, "bob")
        team.add_annotator(p, "carol", "adjudicator")
        text = p.document("a-claims").text
        s = text.index("سامر عويدات")
        p.add_span("a-claims", "alice", s, s + len("سامر عويدات"), "ACTOR")
        p.add_span("a-claims", "bob", s, s + len("سامر عويدات"), "CLAIM")
    finally:
        p.close()
    return db_path


def test_team_menu_blind_label_and_assign_dialog_in_arabic(arabic, open_window, team_db: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(team_db, ["a-claims"], annotator="meg")
    assert win.isRightToLeft()
    menu = win.team.menu
    assert english(everything(menu)) == {}
    assert menu.title() == "ال&فريق"
    assert win.team.actions["team.assign"].text() == "إ&سناد الوثائق…"
    label = win.findChild(QLabel, "blindLabel")
    assert label.text() == "الدور: مدير" and not english_left(label.toolTip())
    win.team.actions["team.assign"].trigger()
    dialog = win.team.windows[-1]
    assert dialog.objectName() == "assignDialog"
    qtbot.waitExposed(dialog)
    dialog.new_name.setText("نور")
    dialog.new_role.setCurrentIndex(dialog.new_role.findData("adjudicator"))
    assert dialog.new_role.currentText() == "محكِّم"
    dialog.add_annotator()
    assert dialog.result_label.text() == "أُضيف نور بدور محكِّم"
    dialog.assign()
    assert dialog.result_label.text().startswith("أُسند: ")
    # "Title": the document list's column title (list_models.py, translated with the docks)
    assert english(everything(dialog), allowed=("Title",)) == {}
    count = dialog.findChild(QLabel, "assignDocumentCount").text()
    assert "٣" in count and not set("0123456789") & set(count)  # the locale's digits
    # mirrored: the documents' column is on the right, the annotators' on its left
    assert dialog.isRightToLeft()
    documents = dialog.documents.mapTo(dialog, QPoint(0, 0)).x()
    annotators = dialog.annotators.mapTo(dialog, QPoint(0, 0)).x()
    assert documents > annotators
    add = dialog.findChild(QPushButton, "addAnnotator").mapTo(dialog, QPoint(0, 0)).x()
    assert add < dialog.new_name.mapTo(dialog, QPoint(0, 0)).x()  # the button after the name, leftwards
    dialog.grab().save("/tmp/team-ar.png")
    dialog.close()


def test_queue_and_refusals_in_arabic(arabic, open_window, team_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(team_db, ["a-claims"], annotator="alice")
    label = win.findChild(QLabel, "blindLabel")
    assert label.text() == "توسيم معمًّى: لا يُعرض إلا توسيمك" and not english_left(label.toolTip())
    win.team.actions["team.assign"].trigger()
    assert win.last_message.text() == "إسناد الوثائق للمديرين، أما alice فدوره موسِّم."
    assert not english_left(win.last_message.windowTitle())
    win.last_message.close()
    p = Project.open(team_db)
    try:
        for doc in ("a-claims", "b-wheat", "c-vote"):
            team.assign(p, [doc], ["alice"], by="meg")
            p.set_status(doc, "alice", SetStatus.DONE)
    finally:
        p.close()
    win.team.actions["team.next_assigned"].trigger()
    assert win.statusBar().currentMessage() == "قائمة عملك فارغة: لا شيء مُسنَد إليك ينتظر"


def test_gold_difference_dialog_in_arabic(arabic, open_window, team_db: Path) -> None:  # type: ignore[no-untyped-def]
    p = Project.open(team_db)
    try:
        state = adjudication_state(p, "a-claims", "carol")
        d = next(x for x in state.disagreements if x.kind.value == "label")
        AcceptVersion("a-claims", "carol", d, "bob", diff=state.diff).do(p)
    finally:
        p.close()
    win = open_window(team_db, ["a-claims"], annotator="alice")
    win.controller.set_status("a-claims", SetStatus.DONE)
    win.team.actions["team.gold_diff"].trigger()
    dialog = win.team.windows[-1]
    assert dialog.objectName() == "goldDiffDialog"
    summary = dialog.summary.text()
    assert summary.startswith("الوثيقة ") and "لك مقطع واحد" in summary and "الوسم: ١" in summary
    # the table's columns and rows are the disagreement list's (translated with the adjudication view)
    assert english([w for w in everything(dialog) if w is not dialog.table and dialog.table not in _parents(w)]) == {}
    assert dialog.isRightToLeft()
    dialog.grab().save("/tmp/team-ar-gold.png")
    dialog.close()


def _parents(w: QWidget) -> list[QWidget]:
    found = []
    while w.parentWidget() is not None:
        w = w.parentWidget()
        found.append(w)
    return found


DOC = "d-budget"
TEXT = "أعلن وزير المالية كريم الساعدي أن الموازنة ستقر، وقال مكتب كريم الساعدي ذلك في 12 آذار 2026."
NAME = "كريم الساعدي"


@pytest.fixture
def sug_db(tmp_path: Path) -> Path:
    path = tmp_path / "suggest.sqlite"
    add_documents(path, [(DOC, "الموازنة", TEXT)])
    p = Project.open(path)
    try:
        CreateEntity(None, NAME, "person").do(p)
        start = TEXT.index("12 آذار 2026")
        with p.database.unit_of_work() as s:
            suggestion_store.replace_suggestions(s, "dates", [DOC], None, [
                Suggestion(DOC, start, start + len("12 آذار 2026"), "DATE", "dates", {"value": "2026-03-12"}, 1.0,
                           "1")])
    finally:
        p.close()
    return path


def test_suggestions_menus_and_messages_in_arabic(arabic, open_window, sug_db: Path, qtbot) -> None:  # type: ignore[no-untyped-def]
    Settings().set_suggestion_recommenders(("entities", "stored"))
    Settings().suggestions_shown = True
    win = open_window(sug_db, [DOC])
    menu = win.suggestions.menu
    assert isinstance(menu, QMenu)
    assert english(everything(menu)) == {}
    retrain = menu.findChild(QMenu, "menuRetrain")
    assert [a.text() for a in retrain.actions()][1] == "بعد كل ٥ وثائق منجزة"
    ed = win.area.panes[0].editor
    view = ed.suggestions
    assert isinstance(view, PaneSuggestions)
    qtbot.waitUntil(lambda: view.computed, timeout=10000)
    ed.setFocus()
    qtbot.waitUntil(ed.hasFocus)
    ed.select_span(None, scroll=False)
    press(qtbot, ed, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, ed, Qt.Key.Key_Tab)
    assert view.selected_suggestion() is not None
    message = win.statusBar().currentMessage()
    assert message.startswith(f"اقتراح ACTOR «\u2068{NAME}\u2069» من الكيانات (١٫٠٠): ")
    assert not english_left(message) and not english_left(win.selected_info.text())
    press(qtbot, ed, Qt.Key.Key_Delete)
    assert win.statusBar().currentMessage().startswith("حُفِظ: رُفض اقتراح ACTOR")
    win.suggestions.show_suggestions(False)
    assert win.statusBar().currentMessage() == "الاقتراحات مخفية"
    win.suggestions.accept_suggestions_in_selection()
    assert win.statusBar().currentMessage() == "الاقتراحات مخفية: عرض ▸ الاقتراحات يُظهرها"
    # the six Arabic forms of a count
    assert accepted_text(1, 0).startswith("حُفِظ: قُبل اقتراح واحد (")
    assert accepted_text(2, 0).startswith("حُفِظ: قُبل اقتراحان (")
    assert accepted_text(3, 1).startswith("حُفِظ: قُبلت ٣ اقتراحات، واستُبعد ١ (")
    assert accepted_text(11, 0).startswith("حُفِظ: قُبل ١١ اقتراحًا (")


class TeamUi(RowTableModel):  # named as a context that is translated: its titles are the Team part's
    HEADERS = (QT_TRANSLATE_NOOP("TeamUi", "Open a document first"), "no such message")

    def __init__(self) -> None:
        super().__init__()
        self.rows = []


class Subclass(TeamUi):
    """Inherits the titles: they are translated in the context of the class that defines them."""


def test_column_titles_are_translated_in_the_context_that_defines_them(arabic) -> None:  # type: ignore[no-untyped-def]
    for model in (TeamUi(), Subclass()):
        assert model.titles_context() == "TeamUi"
        assert model.headerData(0, Qt.Orientation.Horizontal) == "افتح وثيقة أولًا"
        assert model.headerData(1, Qt.Orientation.Horizontal) == "no such message"  # none: as it is
    i18n.install("en")
    assert Subclass().headerData(0, Qt.Orientation.Horizontal) == "Open a document first"
