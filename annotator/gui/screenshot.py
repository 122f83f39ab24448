"""Render the main window to a PNG without a screen (``annotator screenshot``)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from annotator.core.errors import AnnotatorError
from annotator.gui import main_window

#: how long a screenshot waits for the Search dock's results (seconds)
SEARCH_WAIT_S = 30
#: how long it waits for the panes' suggestions, found in the background (seconds)
SUGGESTIONS_WAIT_S = 30


def render_window(db: str | None, out: Path, docs: list[str] | None, *, annotator: str | None,
                  size: tuple[int, int], select: str | None, search: str | None = None,
                  lang: str | None = None) -> tuple[int, int]:
    """Build the window with *docs* side by side, optionally select a span or show the Search
    dock's concordance of a query, save a PNG.

    Returns the picture's width and height; raises AnnotatorError with a message for
    the user when the span is not shown or the file cannot be written.
    """
    window = main_window(db, docs, annotator=annotator, lang=lang)
    try:
        window.resize(*size)
        window.show()
        for _ in range(3):
            QApplication.processEvents()
        _wait_for_suggestions(window)
        if select:
            shown = [p for p in window.area.panes if p.editor.state is not None and select in p.editor.state.spans]
            if not shown:
                raise AnnotatorError(f"no span {select!r} in the documents shown")
            doc_id = shown[0].document_id
            assert doc_id is not None  # the pane shows a document (its state is set)
            window.show_span(doc_id, select)
            for _ in range(3):
                QApplication.processEvents()
        if search:
            window.search_corpus()
            dock = window.search_dock
            assert dock is not None  # search_corpus made it
            dock.query.setText(search)
            dock.run()
            searching = dock.summary.text()  # what it says while it searches, in any language
            deadline = time.monotonic() + SEARCH_WAIT_S
            while dock.summary.text() in ("", searching) and time.monotonic() < deadline:
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            for _ in range(3):
                QApplication.processEvents()
        image = window.grab()
        out.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(out), "PNG"):
            raise AnnotatorError(f"could not write {out}")
        return image.width(), image.height()
    finally:
        window.close()


def _wait_for_suggestions(window) -> None:  # type: ignore[no-untyped-def]
    """Until every pane's suggestions are found (when View ▸ Suggestions shows them), or a while."""
    from annotator.gui.annotation.suggestions_ui import views

    deadline = time.monotonic() + SUGGESTIONS_WAIT_S
    while any(v.shown and v.document_id and not v.computed for v in views(window.area)) \
            and time.monotonic() < deadline:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    for _ in range(3):
        QApplication.processEvents()
