"""The claim table window: source, time, target and linked claims; sorting, filtering, jumping."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from annotator.gui.annotation.picker import SpanPicker
from annotator.gui.claims.claims_window import ClaimTableWindow
from tests.gui.conftest import press
from tests.gui.structure_helpers import COMPANY, COMPANY_TITLE, DAM, DAM_TITLE, choose, make_project, pane, tag

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DAM_CLAIM = "السد الجديد سيبدأ التشغيل في أيار المقبل"
COMPANY_CLAIM = "السد لن يعمل قبل نهاية العام المقبل"



def iso(text: str) -> str:
    """Arabic inside a Latin cell is a bidi isolate, so its ends stay where they belong."""
    return f"\u2068{text}\u2069"

def _relate(qtbot, ed, claim, key: Qt.Key, row: int = 0) -> None:  # type: ignore[no-untyped-def]
    choose(qtbot, ed, claim)
    press(qtbot, ed, key)
    picker = next(p for p in ed.findChildren(SpanPicker) if p.isVisible())
    picker.pick_row(row)


def _row(table: ClaimTableWindow, claim_text: str) -> int:
    model = table.model
    return next(i for i in range(model.rowCount()) if model.cell(i, 1) == claim_text)


def test_claim_table_shows_source_time_target_and_linked_claims(qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = make_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    left, right = pane(win, DAM).editor, pane(win, COMPANY).editor
    claim = tag(qtbot, left, DAM_CLAIM, Qt.Key.Key_1)
    tag(qtbot, left, "هاني الزعتري", Qt.Key.Key_2)
    tag(qtbot, left, "أيار المقبل", Qt.Key.Key_3)
    friday = tag(qtbot, left, "يوم الجمعة", Qt.Key.Key_3)
    press(qtbot, left, Qt.Key.Key_Return)  # accept its proposed value, 2026-08-28
    company = tag(qtbot, left, "شركة الرافدين للإنشاءات", Qt.Key.Key_2)
    _relate(qtbot, left, claim, Qt.Key.Key_S)  # the nearest actor: the spokesman
    _relate(qtbot, left, claim, Qt.Key.Key_T, row=1)  # the date inside the claim comes first; then Friday
    _relate(qtbot, left, claim, Qt.Key.Key_A, row=1)  # the company, further away
    other = tag(qtbot, right, COMPANY_CLAIM, Qt.Key.Key_1)
    year_end = tag(qtbot, right, "نهاية العام المقبل", Qt.Key.Key_3)
    _relate(qtbot, right, other, Qt.Key.Key_T)
    choose(qtbot, left, claim)
    choose(qtbot, right, other)
    win.structure.links.choose = lambda _parent, options: 1  # CONTRADICTS
    press(qtbot, right, Qt.Key.Key_L, CTRL)

    press(qtbot, right, Qt.Key.Key_T, CTRL | SHIFT)  # View > Claim table
    table = win.structure.claims
    assert isinstance(table, ClaimTableWindow)
    qtbot.waitUntil(table.isVisible)
    model = table.model
    assert model.rowCount() == 2
    r = _row(table, DAM_CLAIM)
    assert model.cell(r, 0) == DAM_TITLE
    assert model.cell(r, 2) == "هاني الزعتري"
    assert model.cell(r, 3) == f"2026-08-28 · {iso('يوم الجمعة')}"
    assert model.cell(r, 4) == "شركة الرافدين للإنشاءات"
    assert model.cell(r, 7) == f"CONTRADICTS ← {iso(COMPANY_TITLE)}: {iso(COMPANY_CLAIM)}"
    r2 = _row(table, COMPANY_CLAIM)
    assert model.cell(r2, 3) == f"2027 END (proposed) · {iso('نهاية العام المقبل')}"  # not accepted: the proposal
    assert model.cell(r2, 7) == f"CONTRADICTS {iso(DAM_TITLE)}: {iso(DAM_CLAIM)}"
    assert friday.id and company.id and year_end.id

    # sortable: by the claim column, both ways
    table.view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    first = table.proxy.index(0, 1).data()
    table.view.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert table.proxy.index(0, 1).data() != first
    # filterable: text in one column or any, and only linked claims
    table.filter_edit.setText("الزعتري")
    assert table.proxy.rowCount() == 1 and table.proxy.index(0, 1).data() == DAM_CLAIM
    table.column.setCurrentIndex(table.column.findData(1))  # the claim column only: no actor name there
    assert table.proxy.rowCount() == 0
    table.filter_edit.setText("")
    table.linked.setChecked(True)
    assert table.proxy.rowCount() == 2
    assert table.count.text() == "2 of 2 claims"

    # a change while it is shown is read again
    table.linked.setChecked(False)
    extra = tag(qtbot, left, "كلفة المشروع بلغت 40 مليون دولار", Qt.Key.Key_1)
    qtbot.waitUntil(lambda: model.rowCount() == 3)

    # double click (or Enter) on a row shows the claim in its pane
    left.select_span(None)
    row = next(i for i in range(table.proxy.rowCount()) if table.proxy.index(i, 1).data() == DAM_CLAIM)
    index: QModelIndex = table.proxy.index(row, 1)
    table._activated(index)
    assert win.area.active is pane(win, DAM)
    assert left.selected_span().id == claim.id
    assert extra.id in left.state.spans
