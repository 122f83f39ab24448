"""A 20,000-document project in the window (issue 13): it opens reading a page of the list,
and the list and the pane's finder filter, sort, choose and open as on a small project."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.core.text import text_sha256
from annotator.core.values import Document
from annotator.gui.annotation.document_finder import DocumentFinder
from annotator.gui.annotation.document_pane import FIND_TEXT
from annotator.services.project import Project
from tests.many_documents import write_sqlite

N = 20_000
WORDS = ["اتفاق", "الحدود", "وزير", "الخارجية", "مؤتمر", "صحفي", "الأمن", "إعلان", "الحكومة", "بيان", "جلسة",
         "البرلمان", "الموازنة", "قمة", "عربية", "مفاوضات", "Budget", "2026", "٢٠٢٧"]
#: the one document the tests look for: harakat and tatweel in its title
NEEDLE_ID, NEEDLE_TITLE = "doc-13579", "مُؤْتَمَرُ الـــسلام الخاصّ"


def titles() -> dict[str, str]:
    rnd = random.Random(20_000)
    out = {f"doc-{i:05d}": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 6))) for i in range(N)}
    out[NEEDLE_ID] = NEEDLE_TITLE
    return out


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 short documents, written in one transaction (the import path is tested elsewhere)."""
    path = tmp_path_factory.mktemp("many") / "many.sqlite"
    Project.open(path).close()
    docs = []
    for doc_id, title in titles().items():
        text = f"نص قصير للوثيقة {doc_id}."
        docs.append(Document(doc_id, title, text, text_sha256(text), "rtl", source_path=f"/corpus/{doc_id}.txt"))
    write_sqlite(path, docs)
    return path


def test_the_window_opens_reading_only_what_it_shows(qtbot, open_window, big_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(big_db)
    model = win.documents_dock.model
    qtbot.waitUntil(lambda: model.rowCount() == N)  # the first page at once, the count right after
    assert model.pages_held() <= 2  # the rows on screen, not 20,000
    first = sorted(titles())[:2]
    assert [p.document_id for p in win.area.panes] == first
    delegate = win.documents_dock.title_delegate
    win.documents_dock.view.viewport().repaint()
    assert delegate.painted[(0, 0)].text == titles()[first[0]]  # the first title is drawn
    chooser = win.area.panes[0].chooser
    assert chooser.count() <= win.CHOICES_FROM_LIST + 4 + win.RECENT + 2  # a few documents, not all of them
    assert chooser.itemText(chooser.count() - 1) == FIND_TEXT


def test_the_list_filters_without_harakat_and_sorts_in_the_database(qtbot, open_window, big_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(big_db)
    dock = win.documents_dock
    dock.filter_edit.setText("مؤتمر السلام")  # typed without harakat, shadda or tatweel
    assert dock.model.rowCount() == 1
    assert dock.model.index(0, 0).data() == NEEDLE_TITLE
    dock.filter_edit.setText("budget")  # any case
    want = sorted((t, d) for d, t in titles().items() if "budget" in t.lower())
    qtbot.waitUntil(lambda: dock.model.exact)
    assert dock.model.rowCount() == len(want) > dock.model.PAGE
    dock.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [dock.model.index(r, 0).data() for r in range(3)] == [t for t, _d in want[:3]]
    dock.view.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert [dock.model.index(r, 0).data() for r in range(3)] == [t for t, _d in want[::-1][:3]]
    dock.filter_edit.clear()
    qtbot.waitUntil(lambda: dock.model.rowCount() == N)
    last = dock.model.index(N - 1, 0).data()  # a page at the far end, read when asked for
    assert last == min(titles().values())
    # activating a row opens it in the active pane
    dock.filter_edit.setText("مؤتمر السلام")
    dock.view.activated.emit(dock.model.index(0, 0))
    assert win.area.active.document_id == NEEDLE_ID


def test_the_pane_finder_chooses_any_document(qtbot, open_window, big_db: Path) -> None:  # type: ignore[no-untyped-def]
    win = open_window(big_db)
    pane = win.area.panes[1]
    seen: dict[str, object] = {}

    def answer() -> None:  # runs inside the finder's own event loop: errors are kept, then it is closed
        finder = QApplication.activeModalWidget()
        if not isinstance(finder, DocumentFinder):
            seen["error"] = f"no finder: {finder!r}"
            return
        try:
            fill(finder)
        except Exception as exc:  # noqa: BLE001
            seen["error"] = repr(exc)
            finder.reject()

    def fill(finder: DocumentFinder) -> None:
        seen["first"] = finder.count.text()
        qtbot.waitUntil(lambda: finder.model.exact)
        seen["before"] = finder.count.text()
        finder.edit.insert("الـسلام الخاص")  # as typed (QTest types ASCII only)
        seen["after"] = finder.count.text()
        seen["rows"] = finder.model.rowCount()
        finder.grab()  # painted as a screen would show it
        seen["painted"] = finder.title_delegate.painted[(0, 0)].text
        qtbot.keyClick(finder.edit, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    pane.chooser.activated.emit(pane.chooser.count() - 1)  # "Find a document…"
    assert "error" not in seen, seen["error"]
    assert seen["first"] == f"{win.documents_dock.model.PAGE}+ documents"  # counted once typing pauses
    assert seen["before"] == f"{N:,} documents"
    assert (seen["rows"], seen["after"], seen["painted"]) == (1, "1 document match", NEEDLE_TITLE)
    assert pane.document_id == NEEDLE_ID
    assert pane.chooser.currentText() == NEEDLE_TITLE  # and the chooser offers it from now on


def test_the_assign_dialog_reads_a_page_and_checks_what_a_filter_lists(qtbot, big_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from annotator.gui.common.i18n import integer
    from annotator.gui.team.team_dialogs import AssignDialog
    from annotator.services import team

    db = tmp_path / "copy.sqlite"  # the other tests' project stays without a team
    with sqlite3.connect(big_db) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    project = Project.open(db)
    try:
        team.add_annotator(project, "meg", "manager")
        team.add_annotator(project, "alice")
        dialog = AssignDialog(project, "meg", [NEEDLE_ID])
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        model = dialog.doc_model
        assert model.pages_held() <= 2  # not 20,000 rows
        qtbot.waitUntil(lambda: dialog.doc_count.text() == f"{integer(N)} listed · 1 checked")
        dialog.grab()
        assert dialog.documents.itemDelegate().painted[(0, 0)].text == titles()["doc-00000"]
        # a filter as typed, without harakat or tatweel: the database lists it
        dialog.doc_filter.setText("مؤتمر السلام")
        assert model.rowCount() == 1 and model.item(0).id == NEEDLE_ID
        assert model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked  # kept by id
        dialog.doc_filter.setText("قمة")
        qtbot.waitUntil(lambda: model.exact)
        listed = model.rowCount()
        expected = sorted(d for d, t in titles().items() if "قمة" in t)
        assert listed == len(expected) > model.PAGE  # more than the pages read
        qtbot.mouseClick(dialog.check_all, Qt.MouseButton.LeftButton)
        assert sorted(model.checked_ids()) == sorted({*expected, NEEDLE_ID})
        assert dialog.doc_count.text() == f"{integer(listed)} listed · {integer(listed + 1)} checked"
        alice = next(dialog.annotators.item(i) for i in range(dialog.annotators.count())
                     if dialog.annotators.item(i).data(Qt.ItemDataRole.UserRole) == "alice")
        alice.setCheckState(Qt.CheckState.Checked)
        qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
        assert dialog.result_label.text() == f"Assigned: {integer(listed + 1)} new, 0 already there"
        assert sorted(team.assignments(project)) == sorted({*expected, NEEDLE_ID})
        qtbot.mouseClick(dialog.uncheck_all, Qt.MouseButton.LeftButton)
        assert model.checked_ids() == [NEEDLE_ID]
        dialog.close()
    finally:
        project.close()
