"""Plain text for Qt: what keeps document text away from rich-text detection.

Qt shows a tool tip, a QLabel or a message box as rich text when the string
*looks* like HTML (``Qt.AutoText``), and rich text can load ``<img src=...>``.
Labels are set to ``Qt.PlainText``; tool tips, which have no such switch, are
built here as escaped HTML so their content can only ever show as characters.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def tooltip(text: str) -> str:
    """A tool tip that shows *text* literally (escaped, line breaks kept)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"


def isolate(text: str) -> str:
    """*text* as a bidi isolate (FSI ... PDI): its direction comes from its own first strong
    letter, and it cannot reorder what surrounds it. For document text put inside a Latin
    UI string ("CLAIM · <Arabic>", "SOURCE → <Arabic>"): without it, the quotes, the
    ellipsis and numbers at the ends of an Arabic excerpt land on the wrong side."""
    return f"\u2068{text}\u2069" if text else text


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that never interprets its text as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label
