"""What the interface shows that is not translated: every string Qt holds for the widgets
open now (window titles, labels, buttons, group boxes, tabs, tool tips, placeholders, menus
and their actions, combo box items, item views' headers and rows, the status bar), kept if
it still has English in it after the allowed names are taken out.

Used by tests/gui/test_arabic_walk.py with the interface in Arabic, where any run of two or
more Latin letters is English that was not translated, unless it is data (a document's
name, a schema label, a person) or a name that stays as it is (a format, a key, a metric):
``ALLOWED``, plus what a test adds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFontComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

# names that stay as they are in any language
ALLOWED = (
    # formats, tools, standards
    "JSONL", "JSON", "CoNLL", "CONLL", "conll", "brat", "spaCy", "spacy", "Hugging Face", "BIO", "BILOU", "IOB2", "IOB",
    "BIOES", "CSV", "TSV", "TOML", "SQLite", "PostgreSQL", "UTF-8", "ISO", "URL", "PNG", "TimeML", "TIMEX3", "CRF",
    "Okabe", "Ito", "WCAG", "Qt", "HTML", "Markdown", "txt", "jsonl", "json", "csv", "tsv", "ann", "toml", "sqlite",
    "annotator", "hf", "doccano", "labelstudio", "Label Studio", "DocBin", "README.md", "annotation.conf",
    "pip install",
    # agreement measures and their letters
    "Krippendorff", "Cohen", "Fleiss", "Kappa", "kappa", "F1", "F-score", "micro", "macro",
    # keys
    "Ctrl", "Shift", "Alt", "Meta", "Tab", "Enter", "Esc", "Del", "Delete", "Backspace", "Space", "Home", "End",
    "PgUp", "PgDown", "Return", "Ins", "F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
    # the schema's labels and values in the shipped schema (data, not interface)
    "CLAIM", "ACTOR", "DATE", "SOURCE", "TARGET", "ABOUT", "SAME_CLAIM", "SAME_ACTOR", "SAME_EVENT", "CONTRADICTS",
    "SUPPORTS",
    # each language's own name in a language menu
    "English",
)
LATIN = re.compile(r"[A-Za-z]{2,}")


def _shown(text: str) -> str:
    if text and GuiQt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def english_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The English words left in *text* once the allowed names are taken out (whole words, any
    case: a schema's ``type`` is shown as "Type"), both as stored and as shown (rich text)."""
    names = sorted({" ".join(n.split()) for n in (*ALLOWED, *allowed)} - {""}, key=len, reverse=True)
    pattern = re.compile("|".join(rf"(?<![A-Za-z]){re.escape(n)}(?![A-Za-z])" for n in names), re.IGNORECASE)

    def left(t: str) -> list[str]:
        t = " ".join(t.split())  # line breaks and wrapping are not words
        t = re.sub(r"\bannotator(?: [a-z]+)+", " ", t)  # a command line ("annotator export")
        t = re.sub(r"[\w.-]+\.(?:py|json|jsonl|txt|sqlite|annotator|toml|csv|png|conll|ann|conf|md)\b", " ", t)  # files
        t = re.sub(r"\b[0-9a-f]{8,}\b|#[0-9a-fA-F]{6}\b", " ", t)  # an identifier (an entity's, a span's), a colour
        t = pattern.sub(" ", t)  # the allowed names, before paths (a description may hold a slash)
        t = re.sub(r"https?://\S+|/\S+", " ", t)
        return LATIN.findall(t)

    raw = left(text or "")
    return left(_shown(text)) if raw and _shown(text) != text else raw


def english_left(text: str, allowed: Iterable[str] = ()) -> bool:
    """Whether *text* still has English in it once the allowed names are taken out."""
    return bool(english_words(text, allowed))


def _model_texts(model: QAbstractItemModel | None, rows: int = 200) -> Iterable[str]:
    if model is None:
        return
    try:
        cols = model.columnCount(QModelIndex())
    except TypeError:
        cols = 1
    for c in range(cols):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(c, Qt.Orientation.Horizontal, role)
            if isinstance(value, str):
                yield value
    for r in range(min(model.rowCount(QModelIndex()), rows)):
        for c in range(cols):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(model.index(r, c), role)
                if isinstance(value, str):
                    yield value


def _ancestors(w: QWidget) -> Iterable[QWidget]:
    parent = w.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def widget_texts(w: QWidget) -> Iterable[tuple[str, str]]:
    """(what, text) for everything *w* shows as interface."""
    name = f"{type(w).__name__}({w.objectName() or '?'}) in {type(w.window()).__name__}"
    if w.isWindow():
        yield f"{name} title", w.windowTitle()
    yield f"{name} tool tip", w.toolTip()
    yield f"{name} accessible name", w.accessibleName()
    if isinstance(w, QLabel):
        yield f"{name} text", w.text()
    if isinstance(w, QAbstractButton):
        yield f"{name} text", w.text()
    if isinstance(w, QGroupBox):
        yield f"{name} title", w.title()
    if isinstance(w, QLineEdit):
        yield f"{name} placeholder", w.placeholderText()
    if isinstance(w, (QPlainTextEdit, QTextEdit)):
        yield f"{name} placeholder", w.placeholderText()
    if isinstance(w, QTabBar):
        for i in range(w.count()):
            yield f"{name} tab {i}", w.tabText(i)
            yield f"{name} tab {i} tool tip", w.tabToolTip(i)
    if isinstance(w, QMenu):
        yield f"{name} menu title", w.title()
    if isinstance(w, QComboBox) and not isinstance(w, QFontComboBox):  # font names are the fonts' own
        for text in _model_texts(w.model()):
            yield f"{name} item", text
    in_font_box = any(isinstance(a, QFontComboBox) for a in _ancestors(w))  # font names are the fonts' own
    if isinstance(w, QAbstractItemView) and not in_font_box:
        for text in _model_texts(w.model()):
            yield f"{name} row", text
    for action in w.actions():
        label = f"{name} action {action.objectName() or '?'}"
        yield f"{label} text", action.text()
        yield f"{label} tool tip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
        yield f"{label} status tip", action.statusTip()
        if action.menu() is not None:
            yield f"{label} menu", action.menu().title()


def untranslated(allowed: Iterable[str] = (), widgets: Iterable[QWidget] | None = None) -> dict[str, str]:
    """{where: text} for every string of the open widgets with English left in it."""
    allowed = tuple(allowed)
    found: dict[str, str] = {}
    for w in widgets if widgets is not None else QApplication.allWidgets():
        for where, text in widget_texts(w):
            words = english_words(text, allowed) if text else []
            if words:
                found.setdefault(where, f"{' '.join(words[:6])}  <<{text[:140]}>>")
    return found
