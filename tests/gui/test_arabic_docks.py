"""The docks, the find bar, the claim table and the entities window with the interface in Arabic:
nothing English left but data (titles, ids, the schema's names), counts in the locale's digits and
plural forms, and the layout mirrored (the find bar's query on the right, its count to its left)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from annotator.gui.annotation.picker import SpanPicker
from annotator.gui.common.i18n import current_language, plural, translate
from annotator.services.entities import CreateEntity
from tests.gui.conftest import press
from tests.gui.structure_helpers import COMPANY, DAM, OTHER, choose, make_project, pane, tag
from tests.gui.untranslated import english_left, untranslated

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DAM_CLAIM = "السد الجديد سيبدأ التشغيل في أيار المقبل"
COMPANY_CLAIM = "السد لن يعمل قبل نهاية العام المقبل"
ARABIC_DIGIT = re.compile("[٠-٩]")


def _with_children(*widgets: QWidget) -> list[QWidget]:
    found: list[QWidget] = []
    for w in widgets:
        found.append(w)
        found.extend(w.findChildren(QWidget))
    return found


def _data_names(win) -> set[str]:  # type: ignore[no-untyped-def]
    """What the windows may show in Latin letters because it is data (the schema's names and values,
    document ids, annotators) or a name that stays as it is (Markdown)."""
    schema = win.project.schema
    names = {*schema.names, *(r.name for r in schema.relations), *(lk.name for lk in schema.links),
             *schema.entity_types(), DAM, COMPANY, OTHER, "alice", "Markdown"}
    for lab in schema.labels:
        for adef in schema.attributes_of(lab.name):
            names.add(adef.name)
            names.update(adef.values)
    return {n for n in names if n}


def test_docks_and_windows_in_arabic(arabic, qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert current_language() == "ar"
    win = open_window(make_project(tmp_path / "p.sqlite"), [DAM, COMPANY])
    assert win.isRightToLeft()
    left, right = pane(win, DAM).editor, pane(win, COMPANY).editor
    claim = tag(qtbot, left, DAM_CLAIM, Qt.Key.Key_1)
    tag(qtbot, left, "هاني الزعتري", Qt.Key.Key_2)
    choose(qtbot, left, claim)
    press(qtbot, left, Qt.Key.Key_S)  # SOURCE: the actor
    next(p for p in left.findChildren(SpanPicker) if p.isVisible()).pick_row(0)
    other = tag(qtbot, right, COMPANY_CLAIM, Qt.Key.Key_1)
    choose(qtbot, left, claim)
    choose(qtbot, right, other)
    win.structure.links.choose = lambda _parent, options: 1
    press(qtbot, right, Qt.Key.Key_L, CTRL)
    spokesman = CreateEntity("alice", "هاني الزعتري", win.project.schema.entity_types()[0])
    spokesman.do(win.project)
    win.area.set_active(pane(win, DAM))
    win.structure.links.note_active(pane(win, DAM))
    choose(qtbot, left, claim)

    # the find bar: "1 of 2" in Arabic words and digits; the query on the right of the count
    press(qtbot, left, Qt.Key.Key_F, CTRL)
    bar = pane(win, DAM).find_bar()
    qtbot.waitUntil(bar.query.hasFocus)
    bar.query.setText("السد")  # typed (QTest types ASCII only)
    qtbot.waitUntil(lambda: " من " in bar.count.text())
    assert ARABIC_DIGIT.search(bar.count.text()) and not english_left(bar.count.text()), bar.count.text()
    assert bar.isRightToLeft()
    assert bar.query.geometry().center().x() > bar.count.geometry().center().x()
    assert bar.count.geometry().center().x() > bar.close_button.geometry().center().x()

    # the Search dock: its summary in Arabic plural forms, its state not read from the text
    win.search_corpus()
    dock = win.search_dock
    assert dock is not None
    dock.query.setText("السد")
    dock.run()
    qtbot.waitUntil(lambda: not dock.searching)
    hits = sum(d.count for d in dock.result.documents)
    assert dock.summary.text() == translate("SearchDock", "{hits} in {documents}").format(
        hits=plural(hits, translate("SearchDock", "{n} hit|{n} hits")),
        documents=plural(2, translate("SearchDock", "{n} document|{n} documents")))
    assert "وثيقتين" in dock.summary.text()
    # mirrored: the Filters button (after the stretch) at the left, the mode box at the right
    assert dock.more_filters.geometry().x() < dock.mode.geometry().x()

    # the Guidelines dock: its own headings laid out from the right, the schema's names inside them
    win.show_guidelines()
    guide = win.guidelines_dock
    document = guide.view.document()
    heading = next(document.findBlockByNumber(i) for i in range(document.blockCount())
                   if document.findBlockByNumber(i).text().startswith("CLAIM — "))
    assert heading.text().startswith("CLAIM — المفتاح")
    assert heading.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft

    # the claim table and the entities window
    table = win.structure.show_claim_table()
    qtbot.waitUntil(table.isVisible)
    assert table.isRightToLeft() and table.view.horizontalHeader().isRightToLeft()
    assert table.count.text() == "٢ من ادعاءين", table.count.text()  # two of two claims
    entities = win.structure.show_entities()
    qtbot.waitUntil(entities.isVisible)
    assert entities.model.rowCount() == 1 and entities.isRightToLeft()

    docks = (win.documents_dock, win.spans_dock, win.structure.relations_dock, win.structure.links_dock, dock, guide)
    for d in docks:
        d.show()
        assert d.isRightToLeft() and not english_left(d.windowTitle()), d.windowTitle()
    assert win.structure.relations_dock.model.rowCount() == 1
    assert win.structure.links_dock.model.rowCount() == 1
    assert win.spans_dock.model.headerData(0, Qt.Orientation.Horizontal) == "الوسم"
    statuses = [win.documents_dock.status_filter.itemText(i) for i in range(win.documents_dock.status_filter.count())]
    assert statuses == ["الكل", "جديدة", "قيد العمل", "منجزة"]

    allowed = _data_names(win) | {spokesman.entity_id}
    left_over = untranslated(allowed, _with_children(bar, *docks, table, entities))
    assert left_over == {}, left_over

    QApplication.processEvents()
    win.grab().save("/tmp/docks-ar.png")
    table.grab().save("/tmp/docks-claims-ar.png")
    entities.grab().save("/tmp/docks-entities-ar.png")
