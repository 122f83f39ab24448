"""The whole interface in Arabic: every window, dock, dialog, menu and message box opened with
``--lang ar``, and every string Qt holds for them walked (tests/gui/untranslated.py). Any run
of Latin letters left is English that was not translated, unless it is data (the project's
documents, people and schema: its labels, attributes, values and descriptions are the
project's own words) or a name that stays as it is (formats, keys, measures).

The same project and the same path through the program as tests/gui/test_markup_walk.py, so
a window added there is walked here too. The layout is mirrored: the first pane on the
right, the menus from the right, the docks' sides swapped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import regex
from PySide6.QtWidgets import QApplication, QWidget

from annotator.core.schema import LabelSchema, parse_schema
from annotator.gui.common import i18n
from tests.gui import test_markup_walk as markup
from tests.gui.modals import ModalWalker
from tests.gui.untranslated import untranslated

# the markup walk's project (a claim, actor, date, relation, entity, link, notes, gold), with the
# people, documents and the schema's descriptions in Arabic: what is left in Latin is then the
# interface's, or one of the markup names below that the project keeps in entities and metadata
DOC1, DOC2 = "وثيقة-١", "وثيقة-٢"
MANAGER, ANNOTATOR, ADJUDICATOR = "مديرة المشروع", "ليلى", "سامي"
HOSTILE = "«عاجل» <b>"
DATA_WORDS = ("bold", "img", "src", "font", "size", "color", "red", "big", "x")
MARKUP_SCHEMA = markup.hostile_schema


def arabic_schema() -> LabelSchema:
    """The markup walk's schema (its markup value kept) with every description in Arabic."""
    source = regex.sub(r'description = "[^"]*"', 'description = "وصف بالعربية كتبه صاحب المشروع"',
                       MARKUP_SCHEMA().source)
    return parse_schema(source, "arabic")


@pytest.fixture
def arabic_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    text1 = (f"قال المتحدث باسم البلدية {HOSTILE} إن السوق الجديد سيفتح في أيار 2027.\n"
             f"وأكدت {markup.NAME} أن العمل سيبدأ بعد العيد، وكررت {markup.NAME} ذلك في المساء.")
    text2 = (f"نفت وزارة المالية {HOSTILE} أن تكون الضرائب سترتفع هذا العام.\n"
             f"وقالت {markup.NAME} إن القرار لم يتخذ بعد.")
    for name, value in (("HOSTILE", HOSTILE), ("TEXT1", text1), ("TEXT2", text2), ("DOC1", DOC1), ("DOC2", DOC2),
                        ("MANAGER", MANAGER), ("ANNOTATOR", ANNOTATOR), ("ADJUDICATOR", ADJUDICATOR),
                        ("CLAIM1", text1[: text1.index(" إن السوق")].split("قال ")[1]),
                        ("CLAIM2", text2[: text2.index(" أن تكون")]), ("hostile_schema", arabic_schema)):
        monkeypatch.setattr(markup, name, value)
    return markup.hostile_db.__wrapped__(tmp_path)  # type: ignore[attr-defined]


def schema_words(schema: LabelSchema) -> list[str]:
    """The schema's own words: shown as the project wrote them, in any interface language."""
    words: list[str] = [schema.name]
    for lab in schema.labels:
        words += [lab.name, *lab.examples]
    for attr in schema.attributes:
        words += [attr.name, attr.name.replace("_", " "), *attr.values]
    for group in (schema.relations, schema.links):
        words += [rel.name for rel in group]
    return [w for w in words if w]


class Untranslated:
    def __init__(self) -> None:
        self.found: dict[str, str] = {}
        self.allowed: list[str] = [DOC1, DOC2, MANAGER, ANNOTATOR, ADJUDICATOR, *DATA_WORDS]

    def walk(self, widgets: list[QWidget] | None = None) -> None:
        self.found.update(untranslated(self.allowed, widgets))


@pytest.fixture
def english_left(qtbot, arabic) -> Iterator[tuple[Untranslated, Callable[[Callable[[], object]], list[str]]]]:  # type: ignore[no-untyped-def]
    """What is left in English, and ``modal(trigger)``: run *trigger*, walk each modal widget it opens, close it."""
    result = Untranslated()
    modal = ModalWalker(lambda _w: result.walk())
    yield result, modal
    modal.timer.stop()


def report(found: dict[str, str]) -> str:
    return f"{len(found)} string(s) left in English:\n" + "\n".join(f"  {k}: {v!r}" for k, v in sorted(found.items()))


def test_every_window_dialog_and_menu_is_arabic_and_mirrored(open_window, arabic_db: Path, qtbot,
                                                              english_left) -> None:  # type: ignore[no-untyped-def]
    result, modal = english_left
    assert i18n.current_language() == "ar"
    win = open_window(arabic_db, [DOC1, DOC2], annotator=MANAGER)
    result.allowed += schema_words(win.project.schema)
    win.structure.flush()
    pane1, pane2 = win.area.panes[:2]

    # mirrored: the window, its first pane on the right, the menus starting from the right
    assert win.isRightToLeft() and QApplication.layoutDirection().name == "RightToLeft"
    first, second = pane1.mapTo(win, pane1.rect().center()), pane2.mapTo(win, pane2.rect().center())
    assert first.x() > second.x(), (first, second)
    menus = [a for a in win.menuBar().actions() if a.menu() is not None]
    geometry = [win.menuBar().actionGeometry(a) for a in menus]
    assert geometry[0].x() > geometry[-1].x()
    # document text keeps its own direction: an Arabic document is right-to-left in any interface
    assert pane1.editor.document().defaultTextOption().textDirection().name == "RightToLeft"

    state1, state2 = pane1.editor.state, pane2.editor.state
    claim1 = next(s for s in state1.spans if s.label == "CLAIM")
    actor = next(s for s in state1.spans if s.label == "ACTOR")
    claim2 = next(s for s in state2.spans if s.label == "CLAIM")
    pane1.editor.select_span(claim1)
    qtbot.waitUntil(lambda: win.structure.inspector.span is not None)
    result.walk()
    for menu_action in menus:  # every menu, opened
        menu = menu_action.menu()
        menu.popup(win.mapToGlobal(win.rect().center()))
        result.walk([menu, *menu.findChildren(QWidget)])
        menu.hide()

    editor = pane1.editor
    editor.setFocus()
    from PySide6.QtCore import Qt

    qtbot.keyClick(editor, Qt.Key.Key_S)  # the relation picker
    result.walk()
    qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_Escape)
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # the find bar
    bar = pane1.find_bar()
    qtbot.waitUntil(bar.query.hasFocus)
    qtbot.keyClicks(bar.query, "bold")
    qtbot.wait(200)
    result.walk()
    qtbot.keyClick(bar.query, Qt.Key.Key_Escape)

    win.search_corpus()  # Ctrl+Shift+F
    dock = win.search_dock
    dock.query.setText("المتحدث")
    dock.run()
    qtbot.waitUntil(lambda: dock.model.rowCount() >= 1, timeout=10000)
    qtbot.wait(100)
    result.walk()
    win.show_guidelines()  # Shift+F1: the guidelines dock
    result.walk()

    pane2.editor.select_span(claim2)
    win.area.set_active(pane2)
    win.structure.links.note_active(pane2)
    win.area.set_active(pane1)
    win.structure.links.note_active(pane1)
    pane1.editor.select_span(claim1)
    assert modal(win.actions_by_id["link.add"].trigger)  # the link type chooser
    pane1.editor.select_span(actor)
    assert modal(win.structure.entities.tag_mentions_here) == ["mentionsDialog"]
    ew = win.structure.show_entities()
    ew.select([ew.model.rows[i].id for i in range(ew.model.rowCount())])
    assert len(modal(lambda: ew.merge_selected(confirm=True))) == 1

    win.structure.show_claim_table()
    win.export_dataset()
    win.show_schema()
    win.team.show_agreement()
    agreement = win.team.windows[-1]
    qtbot.waitUntil(lambda: agreement.report is not None if hasattr(agreement, "report") else True, timeout=10000)
    win.team.assign_documents()
    win.team.show_gold_diff()
    win.team.adjudicate()
    adjudication = win.team.windows[-1]
    qtbot.waitUntil(lambda: adjudication.loaded_state is not None, timeout=10000)
    assert adjudication.isRightToLeft()
    gold = next(s for s in adjudication.gold_pane.editor.state.spans if s.label == "CLAIM")
    adjudication.gold_pane.editor.select_span(gold)
    adjudication.structure.link_gold_span()
    modal(win.show_shortcuts)
    result.walk()
    assert modal(win.show_preferences)  # Edit ▸ Preferences
    assert modal(win.find_document)  # Ctrl+P: the document finder

    from annotator.gui.common import dialogs

    assert modal(lambda: dialogs.ask_annotator(win, "ليلى"))
    assert modal(lambda: dialogs.offer_samples(win, win.project))
    result.walk()

    assert not result.found, report(result.found)
