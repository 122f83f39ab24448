"""A relation between two spans of one label (a claim CONTRADICTS a claim), in the window
with the keyboard: the key opens the picker of the other claims (never the claim itself),
Enter stores it, the panel lists it and the adjudication view can take it into gold."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.core.schema import load_schema
from annotator.gui.annotation.picker import SpanPicker
from annotator.resources import resources_dir
from annotator.services import schema as schema_service
from annotator.services.project import Project
from tests.gui.conftest import press
from tests.gui.structure_helpers import COMPANY, DAM, choose, make_project, pane, stored_relations, tag

FIRST = "السد الجديد سيبدأ التشغيل في أيار المقبل"
SECOND = "كلفة المشروع بلغت 40 مليون دولار"


def fact_checking_project(path: Path) -> Path:
    make_project(path)
    project = Project.open(path)
    schema_service.set_schema(project, load_schema(resources_dir() / "schemas" / "fact-checking.toml"))
    project.close()
    return path


def test_a_claim_contradicts_a_claim_of_the_same_article_with_the_keyboard(qtbot, open_window,
                                                                           tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = fact_checking_project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    first = tag(qtbot, ed, FIRST, Qt.Key.Key_1)
    second = tag(qtbot, ed, SECOND, Qt.Key.Key_1)
    choose(qtbot, ed, first)
    press(qtbot, ed, Qt.Key.Key_C)
    [picker] = [p for p in ed.findChildren(SpanPicker) if p.isVisible()]
    assert picker.candidate_ids() == [second.id]  # the other claim, never the claim itself
    assert "CLAIM" in picker.list.item(0).text()
    press(qtbot, picker.list, Qt.Key.Key_Return)
    rels = stored_relations(db, DAM)
    assert [(r.type, r.head, r.tail) for r in rels] == [("CONTRADICTS", first.id, second.id)]
    model = win.structure.relations_dock.model
    assert [model.index(0, c).data() for c in range(3)] == ["CONTRADICTS", FIRST, SECOND]
    # the same key on the second claim offers the first (the other way round), not the pair again
    choose(qtbot, ed, second)
    press(qtbot, ed, Qt.Key.Key_C)
    [picker] = [p for p in ed.findChildren(SpanPicker) if p.isVisible()]
    assert picker.candidate_ids() == [first.id]
    press(qtbot, picker.list, Qt.Key.Key_Escape)
    # with only the pair there, the first claim has nothing left to contradict
    choose(qtbot, ed, first)
    press(qtbot, ed, Qt.Key.Key_C)
    assert not [p for p in ed.findChildren(SpanPicker) if p.isVisible()]
    assert "No CLAIM left" in win.statusBar().currentMessage()
