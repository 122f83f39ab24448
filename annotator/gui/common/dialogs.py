"""Small dialogs: who is annotating, the sample articles, the shortcut table.

Every string that comes from data (names, titles, file names, errors) is shown as
plain text: message boxes get ``Qt.PlainText``, tables get plain items.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.common import plain
from annotator.gui.common.i18n import translate
from annotator.resources import samples_dir
from annotator.services.project import Project


def ask_annotator(parent: QWidget | None = None, suggestion: str = "") -> str | None:
    """Ask the annotator's name once; None if they cancel."""
    name, ok = plain.ask_text(
        parent, translate("AnnotatorNameDialog", "Who is annotating?"),
        translate("AnnotatorNameDialog", "Your name (every change you make is recorded under it):"), suggestion)
    name = name.strip()
    return name if ok and name else None


def _message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
             buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok) -> QMessageBox:
    return plain.message_box(parent, icon, title, text, buttons)


def sample_paths() -> list[Path]:
    folder = samples_dir()
    return sorted(p for p in folder.glob("*.txt")) if folder.is_dir() else []


def import_sample_articles(project: Project) -> list[str]:
    """Import the sample articles; returns the new document ids (service call, no dialog)."""
    from annotator.services.imports.documents import import_paths

    paths = sample_paths()
    if not paths:
        return []
    report = import_paths(project, paths, annotator=None, skip_bad=True)
    return list(report.imported)


def import_samples(parent: QWidget | None, project: Project) -> bool:
    """Import the sample articles and say what happened; True if any were added."""
    try:
        imported = import_sample_articles(project)
    except Exception as exc:  # noqa: BLE001 - the user must see any failure
        _message(
            parent, QMessageBox.Icon.Warning, translate("SampleArticles", "Sample articles"),
            translate("SampleArticles", "The samples could not be imported:\n{error}").format(error=exc)).exec()
        return False
    if not imported:
        _message(parent, QMessageBox.Icon.Information, translate("SampleArticles", "Sample articles"),
                 translate("SampleArticles", "No new sample articles: they are already in this project.")).exec()
        return False
    return True


def offer_samples(parent: QWidget | None, project: Project) -> bool:
    """On an empty project, offer the sample articles; True if they were imported."""
    if not sample_paths():
        return False
    box = _message(parent, QMessageBox.Icon.Question, translate("SampleArticles", "An empty project"),
                   translate("SampleArticles", "This project has no documents yet.\n\nImport the sample articles "
                                               "that come with the program to try it out? (You can import your own "
                                               "with `{command}`.)").format(command="annotator import"),
                   QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    return import_samples(parent, project)


def shortcut_dialog(parent: QWidget | None, rows: list[tuple[str, str]]) -> QDialog:
    """A window with the table of keyboard shortcuts (generated from the window's action registry).

    Both columns are as wide as their longest text, and the dialog as wide as the table
    (up to the screen's width; past it, the Action column wraps its lines instead of
    cutting them).
    """
    dialog = QDialog(parent)
    dialog.setObjectName("shortcutDialog")
    dialog.setWindowTitle(translate("ShortcutDialog", "Keyboard shortcuts"))
    table = QTableWidget(len(rows), 2, dialog)
    table.setObjectName("shortcutTable")
    table.setHorizontalHeaderLabels([translate("ShortcutDialog", "Keys"), translate("ShortcutDialog", "Action")])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    for i, (keys, what) in enumerate(rows):
        table.setItem(i, 0, QTableWidgetItem(keys))  # items show plain text
        table.setItem(i, 1, QTableWidgetItem(what))
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    margins = layout.contentsMargins()
    needed = (table.columnWidth(0) + table.columnWidth(1) + 2 * table.frameWidth()
              + table.verticalScrollBar().sizeHint().width() + margins.left() + margins.right() + 4)
    screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
    available = screen.availableGeometry().width() - 40 if screen is not None else needed
    tall = (table.horizontalHeader().height() + sum(table.rowHeight(r) for r in range(len(rows)))
            + 2 * table.frameWidth() + buttons.sizeHint().height() + layout.spacing() + margins.top()
            + margins.bottom() + 4)
    room = screen.availableGeometry().height() - 80 if screen is not None else tall
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # the dialog's width, narrower too
    # on a narrow screen the Action column gets less than its text: its rows grow to wrap it
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    dialog.resize(min(needed, available), max(300, min(tall, room)))
    return dialog
