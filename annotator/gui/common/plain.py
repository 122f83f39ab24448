"""Plain text for Qt: what keeps document text away from rich-text detection.

Qt shows a tool tip, a QLabel or a message box as rich text when the string
*looks* like HTML (``Qt.AutoText``), and rich text can load ``<img src=...>``.
Labels are set to ``Qt.PlainText``; tool tips, which have no such switch, are
built here as escaped HTML so their content can only ever show as characters.
Message boxes and input dialogs are built here too, with plain text. The rest of
the GUI uses these helpers only: tests/gui/test_plain_rule.py reads the source
and refuses ``QLabel(``, the QMessageBox/QInputDialog static functions, a
``setToolTip`` without :func:`tooltip`, and rich-text calls anywhere else;
tests/gui/test_markup_walk.py opens every window with markup in every name.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QMessageBox, QWidget


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


# -- message boxes and input dialogs: the only way the GUI builds them -----------------------
# QMessageBox's static functions (question, warning, information, critical) and QInputDialog's
# (getText, getItem ...) show their text with Qt.AutoText: a name like ``<img src=x>`` in them
# becomes an image. tests/gui/test_plain_rule.py refuses them outside this module.

Button = QMessageBox.StandardButton
Icon = QMessageBox.Icon


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = Button.Ok, *, informative: str = "", detailed: str = "",
                default: QMessageBox.StandardButton | None = None) -> QMessageBox:
    """A message box whose text, informative and detailed text are all plain text (not shown yet)."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # also the informative text's format
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if detailed:
        box.setDetailedText(detailed)  # shown with setPlainText by Qt
    for label in box.findChildren(QLabel):  # the informative label, whatever Qt version made it
        label.setTextFormat(Qt.TextFormat.PlainText)
    if default is not None:
        box.setDefaultButton(default)
    return box


def ask(parent: QWidget | None, title: str, text: str,
        buttons: QMessageBox.StandardButton = Button.Yes | Button.No,
        default: QMessageBox.StandardButton | None = None) -> QMessageBox.StandardButton:
    """Ask a question in a plain-text message box (modal); the button pressed."""
    return Button(message_box(parent, Icon.Question, title, text, buttons, default=default).exec())


def inform(parent: QWidget | None, title: str, text: str, icon: QMessageBox.Icon = Icon.Information) -> None:
    """Say something in a plain-text message box (modal)."""
    message_box(parent, icon, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A plain-text warning box (modal)."""
    inform(parent, title, text, Icon.Warning)


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> tuple[str, bool]:
    """QInputDialog.getText with its label as plain text: (the text typed, whether OK was pressed)."""
    dialog = QInputDialog(parent)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    for child in dialog.findChildren(QLabel):
        child.setTextFormat(Qt.TextFormat.PlainText)
    ok = dialog.exec() == QDialog.DialogCode.Accepted
    value = dialog.textValue()
    dialog.deleteLater()
    return value, ok
