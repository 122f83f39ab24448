"""Text is never markup, checked on screen: a project with markup in every name and text,
every window, dock, dialog and message box opened, and everything Qt holds walked.

The walk is generic: ``QApplication.allWidgets()`` (labels, message boxes, buttons, group
boxes, window titles, tool tips, actions, tab bars) and the model of every item view and
combo box (display and tool tip of every row), so a window added later is covered as soon
as a test opens it. What it requires:

* a label (message boxes are labels inside) whose text ``Qt.mightBeRichText`` must have
  ``Qt.PlainText``;
* a tool tip or What's This that Qt would render as rich text must be escaped: only the
  wrapper of ``plain.tooltip`` (and ``<br>``, ``<b>`` of the span tool tip) are tags in it,
  so the data in it shows as its characters.

Modal dialogs (the merge confirmation, the mentions list, the link type chooser, F1, the
input dialog) are walked while they are open: a timer finds the active modal widget,
walks, and closes it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from annotator.core.schema import parse_schema
from annotator.core.text import detect_direction, text_sha256
from annotator.core.values import Document, SetStatus
from annotator.resources import default_schema_path
from annotator.services import team
from annotator.services.entities import CreateEntity
from annotator.services.gold.commands import AddGoldLink, AddGoldSpan
from annotator.services.links import AddLink
from annotator.services.notes import SetGoldSpanNote, SetSpanNote
from annotator.services.project import Project
from annotator.services.relations import AddRelation
from annotator.storage import documents as document_store
from tests.gui.modals import ModalWalker

# -- a project with markup everywhere (texts written for this test) ------------------------------
HOSTILE = "<b>bold</b> <img src=x> <font size=7 color=red>big</font> &amp;"
MARKERS = ("<img src=x>", "<font size=7 color=red>", "<b>bold</b>")
NAME = "ليلى حداد"
TEXT1 = (f"قال المتحدث باسم البلدية {HOSTILE} إن السوق الجديد سيفتح في أيار 2027.\n"
         f"وأكدت {NAME} أن العمل سيبدأ بعد العيد، وكررت {NAME} ذلك في المساء.")
TEXT2 = (f"نفت وزارة المالية {HOSTILE} أن تكون الضرائب سترتفع هذا العام.\n"
         f"وقالت {NAME} إن القرار لم يتخذ بعد.")
DOC1, DOC2 = "d1-<b>bold</b>", "d2-<img src=x>"
MANAGER = "مدير <b>bold</b>"
ANNOTATOR = "alice <img src=x>"
ADJUDICATOR = "carol <font size=7 color=red>"

CLAIM1 = TEXT1[: TEXT1.index(" إن السوق")].split("قال ")[1]  # the spokesman ... with the markup
CLAIM2 = TEXT2[: TEXT2.index(" أن تكون")]


def at(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def hostile_schema():  # type: ignore[no-untyped-def]
    """The default schema with markup in a description, a choice value and a free-text attribute."""
    source = default_schema_path().read_text(encoding="utf-8")
    source = source.replace(
        'values = ["asserted", "denied", "hedged", "predicted"]',
        'values = ["asserted", "denied", "hedged", "predicted", "<font size=7 color=red>big</font>"]',
    )
    source = source.replace(
        'description = "A statement that someone', 'description = "<b>bold</b> <img src=x> A statement that someone'
    )
    source = source.replace('description = "A free note on this claim: ',
                            'description = "A note <img src=x> <font size=7 color=red>big</font>: ')
    source = source.replace('examples = ["ستنخفض', 'examples = ["<b>bold</b> ستنخفض')
    schema = parse_schema(source, "hostile")
    assert schema.attribute("CLAIM", "note").kind == "text"
    return schema


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "hostile.sqlite"
    p = Project.open(db)
    try:
        with p.database.unit_of_work() as s:
            document_store.set_active_schema(s, hostile_schema())
            for doc_id, title, text in ((DOC1, f"عنوان {HOSTILE}", TEXT1), (DOC2, f"<img src=x> {NAME}", TEXT2)):
                document_store.add_document(s, Document(doc_id, title, text, text_sha256(text), detect_direction(text),
                                              meta={"source": HOSTILE, "author": "<font size=7 color=red>x"}))
    finally:
        p.close()
    p = Project.open(db)
    try:
        team.add_annotator(p, MANAGER, "manager")
        team.add_annotator(p, ANNOTATOR)
        team.add_annotator(p, ADJUDICATOR, "adjudicator")
        for who in (MANAGER, ANNOTATOR):
            claim = p.add_span(DOC1, who, *at(TEXT1, CLAIM1), "CLAIM",
                               {"note": HOSTILE, "factuality": "<font size=7 color=red>big</font>"})
            actor = p.add_span(DOC1, who, *at(TEXT1, NAME), "ACTOR", {"type": "person"})
            p.add_span(DOC1, who, *at(TEXT1, "أيار 2027"), "DATE" if who == MANAGER else "CLAIM")
            AddRelation(DOC1, who, "SOURCE", claim.id, actor.id).do(p)
            SetSpanNote(DOC1, who, claim.id, comment=f"{HOSTILE}\n{HOSTILE}", unsure=True).do(p)
            if who == MANAGER:
                ent = CreateEntity(who, f"{NAME} <font size=7 color=red>", "person", aliases=(NAME, HOSTILE),
                                      document_id=DOC1, span_id=actor.id)
                ent.do(p)
                CreateEntity(who, "<img src=x> حداد", "person", aliases=("<b>bold</b>",)).do(p)
                claim2 = p.add_span(DOC2, who, *at(TEXT2, CLAIM2), "CLAIM", {"note": HOSTILE})
                AddLink(who, "SAME_CLAIM", DOC1, claim.id, DOC2, claim2.id).do(p)
        gold = {}
        for doc, text, needle in ((DOC1, TEXT1, CLAIM1), (DOC2, TEXT2, CLAIM2)):
            cmd = AddGoldSpan(doc, ADJUDICATOR, *at(text, needle), "CLAIM", {"note": HOSTILE})
            cmd.do(p)
            gold[doc] = cmd.span_id
        AddGoldSpan(DOC1, ADJUDICATOR, *at(TEXT1, "أيار 2027"), "DATE").do(p)
        SetGoldSpanNote(DOC1, ADJUDICATOR, gold[DOC1], comment=HOSTILE, unsure=True).do(p)
        AddGoldLink(DOC1, ADJUDICATOR, "SAME_CLAIM", gold[DOC1], DOC2, gold[DOC2]).do(p)
        p.set_status(DOC1, MANAGER, SetStatus.DONE)
    finally:
        p.close()
    return db


# -- the walk ----------------------------------------------------------------------------------------
TOOLTIP_WRAPPER = re.compile(r"^<p style='white-space:pre-wrap'>(.*)</p>$", re.DOTALL)
ALLOWED_TAGS = re.compile(r"<br>|<b>|</b>")
ALLOWED_ENTITIES = {"&lt;", "&gt;", "&amp;", "&quot;", "&#x27;", "&nbsp;"}


def rich(text: str) -> bool:
    return bool(text) and GuiQt.mightBeRichText(text)


def tooltip_problem(tip: str) -> str | None:
    """Why *tip* would show markup from data (None: it shows its characters)."""
    if not rich(tip):
        return None  # Qt shows it as plain text
    m = TOOLTIP_WRAPPER.match(tip)
    if m is None:
        return "rich text that is not an escaped tool tip"
    inner = ALLOWED_TAGS.sub("", m.group(1))
    if "<" in inner or ">" in inner:
        return "a tag inside an escaped tool tip"
    bad = [e for e in re.findall(r"&[^;\s]*;?", inner) if e not in ALLOWED_ENTITIES]
    return f"unescaped entities {bad}" if bad else None


def shown(tip: str) -> str:
    """The characters a tool tip shows."""
    if not rich(tip):
        return tip
    doc = QTextDocument()
    doc.setHtml(tip)
    return doc.toPlainText()


def columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model: its columnCount is private in PySide
        return 1 if not parent.isValid() else 0


class Walk:
    """Problems found and where the markup was seen (to prove the walk reached the data)."""

    def __init__(self) -> None:
        self.problems: dict[str, str] = {}
        self.seen: dict[str, set[str]] = defaultdict(set)
        self.windows: set[str] = set()

    def note(self, kind: str, text: str) -> None:
        for marker in MARKERS:
            if marker in text:
                self.seen[kind].add(marker)

    def problem(self, where: str, what: str, text: str) -> None:
        self.problems.setdefault(f"{where}: {what}", text[:120])

    def tip(self, where: str, tip: str | None) -> None:
        if not tip:
            return
        why = tooltip_problem(tip)
        if why is not None:
            self.problem(where, f"tool tip: {why}", tip)
        self.note("tool tip", shown(tip))

    def label(self, where: str, label: QLabel) -> None:
        text = label.text()
        if label.objectName() == "qtooltip_label":  # the tool tip on screen
            self.tip(where, text)
            return
        if label.textFormat() == Qt.TextFormat.MarkdownText or (
                rich(text) and label.textFormat() != Qt.TextFormat.PlainText):
            self.problem(where, f"label shown as {label.textFormat().name}", text)
        self.note("message box" if isinstance(label.window(), QMessageBox) else "label", text)

    def model(self, where: str, model: QAbstractItemModel | None) -> None:
        if model is None:
            return
        for section in range(columns(model, QModelIndex())):
            self.note("item", str(model.headerData(section, Qt.Orientation.Horizontal) or ""))
            self.tip(f"{where} header {section}",
                     model.headerData(section, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))

        def rows(parent: QModelIndex, depth: int) -> None:
            for r in range(min(model.rowCount(parent), 2000)):
                for c in range(columns(model, parent)):
                    index = model.index(r, c, parent)
                    display = model.data(index, Qt.ItemDataRole.DisplayRole)
                    if isinstance(display, str):
                        self.note("item", display)
                    for role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.WhatsThisRole):
                        value = model.data(index, role)
                        if isinstance(value, str):
                            self.tip(f"{where} row {r} column {c}", value)
                child = model.index(r, 0, parent)
                if depth < 3 and child.isValid() and model.rowCount(child) > 0:
                    rows(child, depth + 1)

        rows(QModelIndex(), 0)

    def widget(self, w: QWidget) -> None:
        where = (f"{type(w).__name__}({w.objectName() or '?'}) in {type(w.window()).__name__}"
                 f"({w.window().objectName() or w.window().windowTitle()[:40]})")
        if w.isWindow():
            self.windows.add(w.objectName() or type(w).__name__)
            self.note("window title", w.windowTitle())
        self.tip(where, w.toolTip())
        self.tip(f"{where} What's This", w.whatsThis())
        if isinstance(w, QLabel):
            self.label(where, w)
        if isinstance(w, QMessageBox):
            for text in (w.text(), w.informativeText()):
                if rich(text) and w.textFormat() != Qt.TextFormat.PlainText:
                    self.problem(where, f"message box text shown as {w.textFormat().name}", text)
                self.note("message box", text)
        if isinstance(w, QAbstractButton):
            self.note("button", w.text())
        if isinstance(w, QGroupBox):
            self.note("group box", w.title())
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                self.note("tab", w.tabText(i))
                self.tip(f"{where} tab {i}", w.tabToolTip(i))
        if isinstance(w, QAbstractItemView):
            self.model(where, w.model())
        if isinstance(w, QComboBox):
            self.model(f"{where} items", w.model())
        for action in w.actions():
            self.note("action", action.text())
            self.tip(f"{where} action {action.objectName() or action.text()}", action.toolTip())
            self.tip(f"{where} action What's This", action.whatsThis())

    def all(self) -> None:
        for w in QApplication.allWidgets():
            self.widget(w)


@pytest.fixture
def walk(qtbot) -> Iterator[tuple[Walk, Callable[[Callable[[], object]], list[str]]]]:  # type: ignore[no-untyped-def]
    """The walk, and ``modal(trigger)``: run *trigger*, walk every modal widget it opens, close it."""
    result = Walk()

    def look(_w: QWidget) -> None:
        try:
            result.all()
        except Exception as exc:  # noqa: BLE001 - reported by the test, the dialog must still close
            result.problem("walk", f"failed: {exc!r}", "")

    modal = ModalWalker(look)
    yield result, modal
    modal.timer.stop()


def span_point(editor, needle: str) -> QPoint:  # type: ignore[no-untyped-def]
    cursor = editor.document().find(needle)
    assert not cursor.isNull()
    cursor.setPosition(cursor.selectionStart() + 2)
    return editor.cursorRect(cursor).center()


def test_every_window_dialog_and_message_box_shows_markup_as_characters(
        open_window, hostile_db: Path, qtbot, walk) -> None:  # type: ignore[no-untyped-def]
    result, modal = walk
    win = open_window(hostile_db, [DOC1, DOC2], annotator=MANAGER)
    win.structure.flush()
    pane1, pane2 = win.area.panes[:2]
    state1, state2 = pane1.editor.state, pane2.editor.state
    claim1 = next(s for s in state1.spans if s.label == "CLAIM")
    actor = next(s for s in state1.spans if s.label == "ACTOR")
    claim2 = next(s for s in state2.spans if s.label == "CLAIM")

    # the main window: docks, inspector (attributes of the claim), relations, links, hover tool tip
    pane1.editor.select_span(claim1)
    qtbot.waitUntil(lambda: win.structure.inspector.span is not None)
    editor = pane1.editor
    point = span_point(editor, "المتحدث")
    QApplication.sendEvent(editor.viewport(), QHelpEvent(QEvent.Type.ToolTip, point,
                                                         editor.viewport().mapToGlobal(point)))
    result.all()
    assert any(marker in result.seen["tool tip"] for marker in MARKERS)
    # the claim's comment: a plain-text field in the inspector, its characters as typed
    comment = win.structure.inspector.comment
    assert isinstance(comment, QPlainTextEdit) and comment.toPlainText() == f"{HOSTILE}\n{HOSTILE}"
    assert comment.document().toPlainText() == f"{HOSTILE}\n{HOSTILE}"
    assert win.structure.inspector.unsure.isChecked()

    # the relation picker (press the relation's key with the claim selected)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_S)
    result.all()
    qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_Escape)

    # the find bar (Ctrl+F), looking for the markup itself: its count and buttons
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = pane1.find_bar()
    qtbot.waitUntil(bar.query.hasFocus)
    qtbot.keyClicks(bar.query, "<b>bold</b>")
    qtbot.waitUntil(lambda: bar.count.text().endswith(" of 1"))
    result.all()
    qtbot.keyClick(bar.query, Qt.Key.Key_Escape)

    # the Search dock (Ctrl+Shift+F) over every document, looking for the markup: titles and lines
    qtbot.keyClick(editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dock = win.search_dock
    qtbot.waitUntil(dock.query.hasFocus)
    dock.query.setText("<b>bold</b>")
    dock.run()
    qtbot.waitUntil(lambda: dock.summary.text() not in ("", "Searching…"))
    assert dock.model.rowCount() >= 1, dock.summary.text()
    dock.view.grab()
    result.all()

    # the Guidelines dock (Shift+F1) with markup in the project's guidelines: shown as characters
    from annotator.services.guidelines import SetGuidelines

    SetGuidelines("## CLAIM\n" + "\n".join(f"- {m}" for m in MARKERS) + "\n", MANAGER).do(win.project)
    qtbot.keyClick(editor, Qt.Key.Key_F1, Qt.KeyboardModifier.ShiftModifier)
    shown = win.guidelines_dock.view.toPlainText()
    assert all(m in shown for m in MARKERS), shown
    result.all()

    # the link type chooser (a claim in each pane: several link types fit)
    pane2.editor.select_span(claim2)
    win.area.set_active(pane2)
    win.structure.links.note_active(pane2)
    win.area.set_active(pane1)
    win.structure.links.note_active(pane1)
    pane1.editor.select_span(claim1)
    assert modal(win.actions_by_id["link.add"].trigger)

    # tag other mentions of the entity (the name occurs again, untagged)
    pane1.editor.select_span(actor)
    assert modal(win.structure.entities.tag_mentions_here) == ["mentionsDialog"]

    # the entities window and the merge confirmation (the bug of issue 11, item 7)
    ew = win.structure.show_entities()
    ids = [ew.model.rows[i].id for i in range(ew.model.rowCount())]
    ew.select(ids)
    assert len(modal(lambda: ew.merge_selected(confirm=True))) == 1
    assert ew.model.rowCount() == 2  # answered No: nothing merged

    win.structure.show_claim_table()
    win.export_dataset()
    win.show_schema()  # File > Schema: descriptions and examples, as characters
    win.team.show_agreement()
    agreement = win.team.windows[-1]
    qtbot.waitUntil(lambda: agreement.report is not None if hasattr(agreement, "report") else True, timeout=10000)
    win.team.assign_documents()
    win.team.show_gold_diff()  # the manager marked the first document done; gold exists
    win.team.adjudicate()
    adjudication = win.team.windows[-1]
    qtbot.waitUntil(lambda: adjudication.loaded_state is not None, timeout=10000)
    gold = next(s for s in adjudication.gold_pane.editor.state.spans if s.label == "CLAIM")
    adjudication.gold_pane.editor.select_span(gold)
    adjudication.structure.link_gold_span()
    modal(win.show_shortcuts)  # F1 (walked whether it is modal or not)
    result.all()

    # the input dialog and the message boxes that carry no data
    from annotator.gui.common import dialogs

    assert modal(lambda: dialogs.ask_annotator(win, HOSTILE))
    assert modal(lambda: dialogs.offer_samples(win, win.project))
    result.all()

    assert not result.problems, "\n".join(f"{k}  <<{v}>>" for k, v in result.problems.items())
    # the walk reached the data everywhere it is shown
    for kind in ("label", "message box", "tool tip", "item", "window title"):
        assert result.seen[kind], (kind, dict(result.seen))
    for kind in ("label", "tool tip", "item"):
        assert result.seen[kind] == set(MARKERS), (kind, dict(result.seen))
    assert {"<img src=x>", "<font size=7 color=red>"} <= result.seen["message box"]  # the merge confirmation


def test_refusals_name_the_annotator_in_plain_text(open_window, hostile_db: Path, qtbot, walk) -> None:  # type: ignore[no-untyped-def]
    """An annotator's name (markup) in the polite refusals: adjudication, assignment, gold before done."""
    result, _modal = walk
    win = open_window(hostile_db, [DOC2, DOC1], annotator=ANNOTATOR)
    for trigger in (win.team.adjudicate, win.team.assign_documents, win.team.show_gold_diff):
        trigger()
        box = win.last_message
        assert isinstance(box, QMessageBox) and box.isVisible()
        result.all()
        box.close()
    assert not result.problems, "\n".join(f"{k}  <<{v}>>" for k, v in result.problems.items())
    assert result.seen["message box"] >= {"<img src=x>"}
