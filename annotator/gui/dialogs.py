"""Small dialogs: who is annotating, the sample articles, the shortcut list.

Every string that comes from data (names, titles, file names, errors) is shown as
plain text: message boxes get ``Qt.PlainText``, tables get plain items.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui import plain
from annotator.resources import samples_dir
from annotator.services.project import Project


def ask_annotator(parent: QWidget | None = None, suggestion: str = "") -> str | None:
    """Ask the annotator's name once; None if they cancel."""
    name, ok = plain.ask_text(parent, "Who is annotating?",
                              "Your name (every change you make is recorded under it):", suggestion)
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
    from annotator.services.importing import import_paths

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
        _message(parent, QMessageBox.Icon.Warning, "Sample articles", f"The samples could not be imported:\n{exc}").exec()
        return False
    if not imported:
        _message(parent, QMessageBox.Icon.Information, "Sample articles",
                 "No new sample articles: they are already in this project.").exec()
        return False
    return True


def offer_samples(parent: QWidget | None, project: Project) -> bool:
    """On an empty project, offer the sample articles; True if they were imported."""
    if not sample_paths():
        return False
    box = _message(parent, QMessageBox.Icon.Question, "An empty project",
                   "This project has no documents yet.\n\nImport the sample articles that come with the program "
                   "to try it out? (You can import your own with `annotator import`.)",
                   QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    return import_samples(parent, project)


def show_shortcuts(parent: QWidget | None, rows: list[tuple[str, str]]) -> None:
    """A table of the keyboard shortcuts, generated from the action table."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    table = QTableWidget(len(rows), 2, dialog)
    table.setHorizontalHeaderLabels(["Keys", "Action"])
    for i, (keys, what) in enumerate(rows):
        table.setItem(i, 0, QTableWidgetItem(keys))
        table.setItem(i, 1, QTableWidgetItem(what))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(520, 560)
    dialog.exec()
