"""The adjudication view and the agreement window in Arabic: every string of theirs translated,
counts and figures in the locale's digits, the layout mirrored (the first annotator's pane on the
right, the table's first column on the right, the agreement bars growing from the right)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QDockWidget, QStyleOptionViewItem, QWidget

from annotator.gui.adjudication.window import AdjudicationWindow
from annotator.gui.agreement.agreement_window import AgreementWindow, BarDelegate, bar_colour
from annotator.gui.annotation.editor import DocumentEditor
from annotator.gui.annotation.inspector import InspectorDock
from annotator.gui.docks.links_dock import LinksDock
from annotator.gui.docks.relations_dock import RelationsDock
from annotator.services import team
from annotator.services.project import Project
from tests.gui.conftest import add_documents
from tests.gui.untranslated import untranslated

# Written for this test.
TEXT = ("أعلنت وزيرة الصحة سلمى الحداد صباح الخميس أن المستشفى الجديد سيستقبل المرضى في تشرين الأول.\n"
        "وذكرت نقابة الأطباء أن نقص الممرضين قد يؤخر الافتتاح.")
NAMES = ("alice", "bob", "carol", "ACTOR", "DATE", "CLAIM", "ALL", "hospital")
ARABIC_INDIC = set("٠١٢٣٤٥٦٧٨٩")


def schema_data(project: Project) -> tuple[str, ...]:
    """The schema's names and descriptions: data (the shipped schema's are English), not interface."""
    schema = project.schema
    items = [*schema.labels, *schema.relations, *schema.links]
    return (*NAMES, *(i.name for i in items), *(i.description for i in items if i.description))


def at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


@pytest.fixture
def team_db(tmp_path: Path) -> Path:
    """alice and bob differ on a label, a boundary and a missing claim; carol adjudicates."""
    db = tmp_path / "team.sqlite"
    add_documents(db, [("hospital", "المستشفى الجديد", TEXT)])
    p = Project.open(db)
    try:
        team.add_annotator(p, "alice")
        team.add_annotator(p, "bob")
        team.add_annotator(p, "carol", "adjudicator")
        p.add_span("hospital", "alice", *at("نقابة الأطباء"), "ACTOR")
        p.add_span("hospital", "bob", *at("نقابة الأطباء"), "ACTOR")
        p.add_span("hospital", "alice", *at("سلمى الحداد"), "ACTOR")
        p.add_span("hospital", "bob", *at("وزيرة الصحة سلمى الحداد"), "ACTOR")
        p.add_span("hospital", "alice", *at("تشرين الأول"), "DATE")
        p.add_span("hospital", "bob", *at("تشرين الأول"), "CLAIM")
        p.add_span("hospital", "alice", *at("نقص الممرضين قد يؤخر الافتتاح"), "CLAIM")
    finally:
        p.close()
    return db


def own_widgets(window: QWidget) -> Iterable[QWidget]:
    """The window and what it builds itself: the docks' insides made by the annotation window's
    parts (the span inspector, the relations and links lists) and the editors' own menus are
    translated with those parts, and tested there; their docks' titles are this window's."""
    others = (InspectorDock, RelationsDock, LinksDock, DocumentEditor)
    for w in [window, *window.findChildren(QWidget)]:
        parent = w.parentWidget()
        inside_other = False
        while parent is not None and parent is not window:
            if isinstance(parent, others):
                inside_other = True
                break
            parent = parent.parentWidget()
        if not inside_other:
            yield w


def open_view(qtbot, db: Path) -> AdjudicationWindow:  # type: ignore[no-untyped-def]
    from annotator.gui.adjudication import open_adjudication

    win = open_adjudication(None, Project.open(db), "hospital", "carol", threaded=False)
    assert win is not None
    qtbot.addWidget(win)
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.loaded_state is not None, timeout=10000)
    return win


def test_adjudication_view_in_arabic(qtbot, arabic, team_db: Path) -> None:
    win = open_view(qtbot, team_db)
    assert win.isRightToLeft()
    assert untranslated(schema_data(win.project), own_widgets(win)) == {}
    # counts in Arabic with Arabic-Indic digits; the kinds, the gold column and the headers translated
    count = win.count_label.text()
    assert "خلافات" in count and "٣" in count and not set("0123456789") & set(count)
    assert [win.model.row_texts(i)[1] for i in range(win.model.rowCount())] == ["حدود", "وسم", "ناقص"]
    assert win.model.row_texts(0)[-1] == "لم يُحسم"
    assert win.model.headers[1:4] == ("النوع", "الموضع", "النص")
    assert set(win.model.row_texts(0)[2]) - {"–"} <= ARABIC_INDIC  # the position: an offset in Arabic digits
    assert win.windowTitle().startswith("التحكيم — ")
    assert "خلاف" in win.statusBar().currentMessage()
    # mirrored: the first annotator's pane on the right, gold on the left; the table's # column on the right
    first, gold = win.version_panes[0], win.gold_pane
    assert first.mapTo(win, first.rect().topLeft()).x() > gold.mapTo(win, gold.rect().topLeft()).x()
    assert first.title.text().startswith("١ · alice — ")
    first_cell, second_cell = win.table.visualRect(win.model.index(0, 0)), win.table.visualRect(win.model.index(0, 1))
    assert first_cell.x() > second_cell.x()
    # a decision: the gold column, the provenance (a time in the locale's digits) and the menus
    win.go_to(1)
    win.accept_version(1)
    assert win.model.row_texts(1)[-1] == "✓ قُبلت نسخة alice"
    gold_span = next(iter(win.gold.spans))
    win.gold_pane.editor.select_span(gold_span)
    provenance = win.provenance_label.text()
    assert provenance.startswith("المقطع الذهبي ") and "اقترحه alice" in provenance and ARABIC_INDIC & set(provenance)
    menu_titles = [m.title() for m in win.menuBar().findChildren(type(win.registry.menu("Gold")))]
    assert all(not t or not any("a" <= c.lower() <= "z" for c in t) for t in menu_titles)
    assert win.actions_by_id["adj.accept_1"].text() == "قبول نسخة الموسِّم ١"
    assert untranslated(schema_data(win.project), own_widgets(win)) == {}
    win.resize(1300, 760)
    win.grab().save("/tmp/adjudication-ar.png")


def test_refusals_in_arabic(qtbot, arabic, team_db: Path) -> None:
    from annotator.gui.adjudication import open_adjudication

    parent = QWidget()
    qtbot.addWidget(parent)
    project = Project.open(team_db)
    try:
        assert open_adjudication(parent, project, "hospital", "alice") is None
        box = parent.last_message  # type: ignore[attr-defined]
        assert box.windowTitle() == "التحكيم" and "المستخدم alice موسِّم" in box.text()
        assert untranslated(NAMES, [box, *box.findChildren(QWidget)]) == {}
        box.close()
    finally:
        project.close()


@pytest.fixture
def agreement_project(team_db: Path):  # type: ignore[no-untyped-def]
    p = Project.open(team_db)
    yield p
    p.close()


def test_agreement_window_in_arabic(qtbot, arabic, agreement_project: Project) -> None:
    win = AgreementWindow(agreement_project, threaded=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.report is not None, timeout=10000)
    assert win.isRightToLeft() and win.windowTitle() == "الاتفاق"
    assert win.model.headers[:2] == ("الوسم", "ألفا (كل الموسِّمين)")
    # the service's explanation of the method stays English for now (services are not translated)
    report = win.report
    assert report is not None
    assert untranslated((*NAMES, report.notes), own_widgets(win)) == {}
    summary = win.summary.text()
    assert summary.startswith("وثيقة واحدة، ") and "ألفا على كل الوسوم" in summary
    win.scope.setCurrentIndex(1)  # the pair alice and bob: figures and counts in Arabic digits
    assert win.scope.currentText().startswith("alice و bob")
    assert untranslated((*NAMES, report.notes), own_widgets(win)) == {}
    rows = [win.model.data(win.model.index(r, 4)) for r in range(win.model.rowCount())]
    assert all(set(text) <= ARABIC_INDIC for text in rows)
    figure_text = win.model.data(win.model.index(0, 1))
    assert "٫" in figure_text or figure_text == "–"
    win.resize(900, 420)
    win.grab().save("/tmp/adjudication-agreement-ar.png")


def test_bars_grow_from_the_reading_side(qtbot, arabic, agreement_project: Project) -> None:
    """A score of 0.5 fills the half of the cell where reading starts: the right half in Arabic."""
    win = AgreementWindow(agreement_project, threaded=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.report is not None, timeout=10000)
    row = next(r for r in range(win.model.rowCount()) if isinstance(win.model.rows[r][1], float))
    win.model.rows[row][1] = 0.5
    index = win.model.index(row, 1)
    for direction, filled, empty in ((Qt.LayoutDirection.RightToLeft, 190, 10),
                                     (Qt.LayoutDirection.LeftToRight, 10, 190)):
        image = QImage(200, 24, QImage.Format.Format_RGB32)
        image.fill(QColor("#ffffff"))
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, 200, 24)
        option.direction = direction
        painter = QPainter(image)
        BarDelegate().paint(painter, option, index)
        painter.end()
        assert image.pixelColor(filled, 4) == bar_colour(0.5)
        assert image.pixelColor(empty, 4) == QColor("#eeeeee")


def test_english_is_back(qtbot, team_db: Path) -> None:
    """After the Arabic tests the interface is English again (the fixture restores it)."""
    win = open_view(qtbot, team_db)
    assert not win.isRightToLeft() and QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert win.count_label.text().startswith("3 disagreements · 0 decided · 3 left")
    assert any(isinstance(d, QDockWidget) and d.windowTitle() == "Disagreements" for d in win.findChildren(QDockWidget))
