"""The Entities window: rename an entity, merge a duplicate into it, undo; from the keyboard shortcut."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from annotator.services.entities import AttachEntity, CreateEntity, entity
from annotator.services.project import Project
from tests.gui.conftest import CLAIM_TEXT

MINISTER = "وزير النقل سامر عويدات"


def test_rename_and_merge_entities_with_undo(open_window, db_path: Path, qtbot) -> None:
    p = Project.open(db_path)
    try:
        i = CLAIM_TEXT.index(MINISTER)
        span = p.add_span("a-claims", "alice", i, i + len(MINISTER), "ACTOR")
        keep = CreateEntity("alice", "سامر عويدات", "person", document_id="a-claims", span_id=span.id)
        keep.do(p)
        twin = CreateEntity("alice", "الوزير عويدات", "person")
        twin.do(p)
        k = CLAIM_TEXT.index("الوزير بالقول")
        other = p.add_span("a-claims", "alice", k, k + len("الوزير"), "ACTOR").id
        AttachEntity("a-claims", "alice", other, twin.entity_id).do(p)
        bobs = CreateEntity("bob", "عويدات", "person")  # an entity only bob's span refers to
        bobs.do(p)
        p.add_span("a-claims", "bob", i, i + len(MINISTER), "ACTOR", {"entity": bobs.entity_id})  # bob's: hidden
    finally:
        p.close()
    win = open_window(db_path, ["a-claims"], annotator="alice")
    qtbot.keyClick(win.area.panes[0].editor, Qt.Key.Key_U,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ew = win.structure.entities_window
    assert ew is not None and ew.isVisible() and ew.model.rowCount() == 3
    assert ew.model.counts == {keep.entity_id: 1, twin.entity_id: 1}  # alice works blind: not bob's mention
    assert ew.model.headerData(3, Qt.Orientation.Horizontal) == "My mentions"

    # rename the kept one, keeping an alias
    ew.select([keep.entity_id])
    ew.name_edit.setText("سامر عويدات (وزير النقل)")
    ew.aliases_edit.setText("عويدات، أبو سامر")
    qtbot.keyClick(ew.name_edit, Qt.Key.Key_Return)
    assert entity(win.project, keep.entity_id).aliases == ("عويدات", "أبو سامر")
    assert entity(win.project, keep.entity_id).name == "سامر عويدات (وزير النقل)"

    # merge the twin into it: the twin's mention (in the open pane) now refers to the kept entity
    ew.select([keep.entity_id, twin.entity_id])
    assert ew.merge_selected(confirm=False)
    assert ew.model.rowCount() == 2 and ew.model.counts == {keep.entity_id: 2}
    pane_span = win.area.panes[0].editor.state.spans.get(other)
    assert pane_span.attrs["entity"] == keep.entity_id  # the open document shows it at once
    assert "الوزير عويدات" in entity(win.project, keep.entity_id).aliases

    # Ctrl+Z in the text undoes the merge, then the rename
    editor = win.area.panes[0].editor
    win.activateWindow()
    qtbot.waitUntil(lambda: win.isActiveWindow())
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ew.model.rowCount() == 3
    assert editor.state.spans.get(other).attrs["entity"] == twin.entity_id
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entity(win.project, keep.entity_id).name == "سامر عويدات"
    # merging nothing says how
    ew.select([keep.entity_id])
    assert not ew.merge_selected(confirm=False) and "Ctrl+click" in ew.message.text()
    # an entity another annotator's span refers to is not alice's to rename (the blind rule)
    ew.activateWindow()
    qtbot.waitUntil(lambda: ew.isActiveWindow())
    ew.select([bobs.entity_id])
    ew.name_edit.setFocus()
    ew.name_edit.setText("اسم آخر")
    qtbot.keyClick(ew.name_edit, Qt.Key.Key_Return)
    assert entity(win.project, bobs.entity_id).name == "عويدات"
    assert "they change only their own spans" in ew.message.text()
