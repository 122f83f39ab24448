"""The document panes in Arabic: the inspector, the label bar, the panes' headers and span tool
tips, the relation picker, the link and mention dialogs and the document finder show no English
left (but data: the schema's names, the documents), and their layout is mirrored where it is
interface (the picker over an English document still runs right to left; the label bar starts
at the right).

The window's actions (menus, the label bar's tool tips) and the documents' statuses are other
modules' strings: their English texts are allowed here, as data would be.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QToolButton, QWidget

from annotator.core.text import detect_direction, text_sha256
from annotator.core.values import Document, MentionProposal, SetStatus
from annotator.gui.annotation.document_finder import DocumentFinder
from annotator.gui.annotation.editor import span_tooltip
from annotator.gui.annotation.entity_tool import MentionsDialog
from annotator.gui.annotation.link_tool import LinkTargetDialog, LinkTypeChooser
from annotator.gui.annotation.picker import SpanPicker
from annotator.gui.docks.list_models import status_text
from annotator.services.project import Project
from annotator.storage import documents as document_store
from tests.gui.conftest import press
from tests.gui.structure_helpers import (
    COMPANY,
    COMPANY_TITLE,
    DAM,
    DAM_TITLE,
    OTHER,
    OTHER_TITLE,
    choose,
    make_project,
    pane,
    tag,
)
from tests.gui.untranslated import untranslated

CTRL = Qt.KeyboardModifier.ControlModifier
ENGLISH, ENGLISH_TITLE = "g-english", "Bridge"
ENGLISH_TEXT = "The minister said on Monday that the new bridge will open in May."




def _project(path: Path) -> Path:
    make_project(path)
    project = Project.open(path)
    try:
        with project.database.unit_of_work() as s:
            document_store.add_document(s, Document(ENGLISH, ENGLISH_TITLE, ENGLISH_TEXT, text_sha256(ENGLISH_TEXT),
                                                    detect_direction(ENGLISH_TEXT), {}))
    finally:
        project.close()
    return path


def _allowed(win) -> list[str]:  # type: ignore[no-untyped-def]
    """Data (the schema's names and descriptions, the documents' titles) and other modules' strings."""
    schema = win.project.schema
    names: list[str] = [DAM_TITLE, COMPANY_TITLE, OTHER_TITLE, ENGLISH_TITLE, *ENGLISH_TEXT.rstrip(".").split(),
                        DAM, COMPANY, OTHER, ENGLISH]
    for lab in schema.labels:
        names += [lab.name, lab.description or ""]
        for adef in schema.attributes_of(lab.name):
            names += [adef.name, adef.name.replace("_", " ").capitalize(), adef.description or ""]
            names += [str(v) for v in adef.values]
    for rel in schema.relations:
        names += [rel.name, rel.description or ""]
    for link in schema.links:
        names += [link.name, link.description or ""]
    for action in win.findChildren(QAction):  # the actions module's (menus, label bar tool tips)
        names += [action.text().replace("&", ""), action.toolTip(), action.statusTip()]
    names += [status_text(s) for s in SetStatus]  # the document list's
    return [n for n in names if n]


def _tree(*widgets: QWidget) -> list[QWidget]:
    return [x for w in widgets for x in (w, *w.findChildren(QWidget))]


def _english(win, *widgets: QWidget, also: tuple[str, ...] = ()) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return untranslated([*_allowed(win), *also], _tree(*widgets))


def test_the_panes_and_their_tools_in_arabic(arabic, qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    db = _project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    ed = pane(win, DAM).editor
    claim = tag(qtbot, ed, "السد الجديد سيبدأ التشغيل في أيار المقبل", Qt.Key.Key_1)
    actor = tag(qtbot, ed, "هاني الزعتري", Qt.Key.Key_2)
    inspector = win.structure.inspector
    # the inspector and the panes: Arabic, mirrored; the span's numbers in Arabic digits
    assert inspector.windowTitle() == "لوحة الخصائص" and inspector.isRightToLeft()
    assert inspector.title.text().startswith("مقطع ACTOR") and "٠" <= inspector.title.text()[-1] <= "٩"
    assert inspector.unsure.text() == "غير متأكد (Ctrl+U)"
    assert not _english(win, inspector, *win.area.panes), _english(win, inspector, *win.area.panes)
    assert pane(win, DAM).chooser.itemText(pane(win, DAM).chooser.count() - 1) == "البحث عن وثيقة…"
    # the label bar: Arabic, laid out from the right, each "NAME  (key)" isolated so its brackets hold
    bar = win.label_bar
    assert bar.windowTitle() == "الوسوم" and bar.isRightToLeft()
    buttons = [b for b in bar.findChildren(QToolButton) if b.objectName().startswith("labelButton_")]
    first, last = buttons[0], buttons[-1]
    assert first.x() > last.x()  # the first label at the right
    assert first.text().startswith("\u2068") and first.accessibleName().startswith("وسم ")
    assert not _english(win, bar), _english(win, bar)
    # the span tool tip runs right to left, its words Arabic (the label's name is data)
    inspector.toggle_unsure()
    tip = span_tooltip([ed.state.spans.get(actor.id)], ed.state.text)
    assert "dir='rtl'" in tip and "غير متأكد" in tip
    # a status message of the tools: Arabic
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_S)
    [picker] = [p for p in ed.findChildren(SpanPicker) if p.isVisible()]
    assert picker.isRightToLeft() and picker.list.item(0).text().endswith("(قبله)")
    assert not _english(win, picker), _english(win, picker)
    win.grab().save(str(tmp_path / "panes-ar.png"))
    press(qtbot, picker.list, Qt.Key.Key_Return)
    assert win.statusBar().currentMessage() == "حُفِظ: أُضيفت علاقة SOURCE"
    assert inspector.links.text().startswith("علاقة SOURCE ← ")  # the arrow points on, to the left


def test_the_picker_over_an_english_document_follows_the_interface(arabic, qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = _project(tmp_path / "p.sqlite")
    win = open_window(db, [ENGLISH, DAM])
    ed = pane(win, ENGLISH).editor
    assert not ed.isRightToLeft()  # the document keeps its own direction
    claim = tag(qtbot, ed, "the new bridge will open in May", Qt.Key.Key_1)
    tag(qtbot, ed, "The minister", Qt.Key.Key_2)
    choose(qtbot, ed, claim)
    press(qtbot, ed, Qt.Key.Key_S)
    [picker] = [p for p in ed.findChildren(SpanPicker) if p.isVisible()]
    assert picker.isRightToLeft()
    assert picker.list.item(0).text().startswith("\u200f١. \u200fACTOR: ")  # a right-to-left row
    assert not _english(win, picker), _english(win, picker)
    picker.cancel()
    assert win.statusBar().currentMessage() == "لم تُضف أي علاقة"


def test_the_link_and_mention_dialogs_and_the_finder_in_arabic(arabic, qtbot, open_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = _project(tmp_path / "p.sqlite")
    win = open_window(db, [DAM, COMPANY])
    left, right = pane(win, DAM).editor, pane(win, COMPANY).editor
    a = tag(qtbot, left, "السد الجديد سيبدأ التشغيل في أيار المقبل", Qt.Key.Key_1)
    b = tag(qtbot, right, "السد لن يعمل قبل نهاية العام المقبل", Qt.Key.Key_1)
    choose(qtbot, left, a)
    choose(qtbot, right, b)
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, LinkTypeChooser)
            seen["rows"] = [dialog.list.item(i).text() for i in range(dialog.list.count())]
            seen["english"] = _english(win, dialog)
            seen["rtl"] = dialog.isRightToLeft()
            dialog.grab().save(str(tmp_path / "panes-ar-link-type.png"))
        finally:
            press(qtbot, dialog.list, Qt.Key.Key_2)

    QTimer.singleShot(0, answer)
    press(qtbot, right, Qt.Key.Key_L, CTRL)
    assert seen["rtl"] and seen["english"] == {}, seen
    assert seen["rows"] == ["\u200f١. SAME_CLAIM", "\u200f٢. CONTRADICTS", "\u200f٣. رابط SUPPORTS: هذا المقطع ← الآخر",
                            "\u200f٤. رابط SUPPORTS: المقطع الآخر ← هذا"]
    assert win.statusBar().currentMessage() == "حُفِظ: رابط من نوع CONTRADICTS (الرابط ١، معلَّم في اللوحتين)"
    assert left.describe_span(left.state.spans.get(a.id))[0].startswith("الرابط ١ CONTRADICTS ↔ ")
    # the link target dialog, the mentions dialog and the finder (opened as the tools open them)
    project = win.project
    target = LinkTargetDialog(project.schema, a, a.text_in(left.state.text), [(COMPANY, COMPANY_TITLE)],
                              lambda d: project.spans(d, "alice"), lambda d, s: s.text_in(right.state.text), parent=win)
    target.show()
    mentions = MentionsDialog("هاني الزعتري", [MentionProposal(DAM, 10, 22, "هاني الزعتري", "e1"),
                                               MentionProposal(COMPANY, 5, 12, "هاني الزعتري", "e1")],
                              lambda p: "…«هاني الزعتري»…",
                              lambda p: DAM_TITLE if p.document_id == DAM else COMPANY_TITLE, parent=win)
    mentions.show()
    finder = DocumentFinder(project, "alice", win)
    finder.show()
    qtbot.waitUntil(lambda: finder.model.exact)
    try:
        model = finder.model  # the document list's model: its headers are the document list's strings
        headers = tuple(str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount()))
        for dialog in (target, mentions, finder):
            assert dialog.isRightToLeft()
            assert not _english(win, dialog, also=headers), _english(win, dialog, also=headers)
        assert finder.count.text() == "٤ وثائق"
        assert mentions.list.headerItem().text(0) == "الإشارة في سياقها"
        target.grab().save(str(tmp_path / "panes-ar-link-target.png"))
        mentions.grab().save(str(tmp_path / "panes-ar-mentions.png"))
        finder.grab().save(str(tmp_path / "panes-ar-finder.png"))
    finally:
        for dialog in (target, mentions, finder):
            dialog.close()
