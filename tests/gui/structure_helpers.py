"""Texts and helpers for the relation, inspector, link and claim table tests.

The two articles are invented for these tests (a dam, its spokesman, a building
company); each has a publication date in its meta, so relative dates resolve.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from annotator.core.text import detect_direction, text_sha256
from annotator.core.values import Document, Link, Relation
from annotator.services.links import links_of_documents
from annotator.services.project import Project
from annotator.services.relations import relations_of
from annotator.storage import documents as document_store
from tests.gui.conftest import press, select_text

DAM_TEXT = (
    "أكد المتحدث باسم وزارة المياه هاني الزعتري يوم الجمعة أن السد الجديد سيبدأ التشغيل في أيار المقبل.\n"
    "وأضاف هاني الزعتري أن كلفة المشروع بلغت 40 مليون دولار، وأن شركة الرافدين للإنشاءات تأخرت في التسليم."
)
COMPANY_TEXT = (
    "نفت شركة الرافدين للإنشاءات ما أعلنه هاني الزعتري، وقالت إن السد لن يعمل قبل نهاية العام المقبل.\n"
    "وأشارت الشركة في بيان يوم السبت إلى أن الأعمال متوقفة منذ آذار بسبب نقص التمويل."
)
OTHER_TEXT = "قال مزارعون في القرى المجاورة إن منسوب المياه انخفض خلال الصيف."

DAM, COMPANY, OTHER = "d-dam", "e-company", "f-farmers"
DAM_TITLE, COMPANY_TITLE, OTHER_TITLE = "السد الجديد", "بيان الشركة", "المزارعون"


def make_project(path: Path) -> Path:
    """A project with the three articles (the first two with a publication date)."""
    project = Project.open(path)
    try:
        with project.database.unit_of_work() as s:
            for doc_id, title, text, meta in (
                    (DAM, DAM_TITLE, DAM_TEXT, {"published": "2026-09-03"}),
                    (COMPANY, COMPANY_TITLE, COMPANY_TEXT, {"published": "2026-09-05"}),
                    (OTHER, OTHER_TITLE, OTHER_TEXT, {})):
                document_store.add_document(
                    s, Document(doc_id, title, text, text_sha256(text), detect_direction(text), meta)
                )
    finally:
        project.close()
    return path


def pane(window, doc_id: str):  # type: ignore[no-untyped-def]
    return next(p for p in window.area.panes if p.document_id == doc_id)


def tag(qtbot, editor, needle: str, key: Qt.Key, occurrence: int = 0):  # type: ignore[no-untyped-def]
    """Select *needle*, press a label key; returns the new span (now selected)."""
    select_text(editor, needle, occurrence)
    press(qtbot, editor, key)
    span = editor.selected_span()
    assert span is not None and span.text_in(editor.state.text) == needle
    return span


def choose(qtbot, editor, span) -> None:  # type: ignore[no-untyped-def]
    """Select *span* in its pane as a click would, with the keyboard focus in the text."""
    window = editor.window()
    if QApplication.activeWindow() is not window:  # e.g. after a modal dialog closed
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    editor.setFocus()
    editor.select_span(span, scroll=False)
    qtbot.waitUntil(lambda: editor.hasFocus())


def stored_relations(db: Path, doc_id: str, annotator: str = "alice") -> list[Relation]:
    project = Project.open(db)
    try:
        return relations_of(project, doc_id, annotator)
    finally:
        project.close()


def stored_links(db: Path, annotator: str = "alice") -> list[Link]:
    project = Project.open(db)
    try:
        return links_of_documents(project, None, annotator)
    finally:
        project.close()


def stored_attrs(db: Path, doc_id: str, span_id: str, annotator: str = "alice") -> dict | None:
    project = Project.open(db)
    try:
        return next((dict(s.attrs) for s in project.spans(doc_id, annotator) if s.id == span_id), None)
    finally:
        project.close()


def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type *text* into *widget* one character at a time, as an Arabic keyboard layout sends it
    (QTest's keyClicks only knows ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
