"""Opening the window's project, and what the user sees when it cannot be opened.

A project that cannot be opened (a folder that does not exist, a file that is not a
database, a server that does not answer, a newer program's project) is named in a
message box, in plain text, with two ways on: choose another project (a file
dialog, where a new file name starts a new project) or quit. Nothing blocks: the
box and the file dialog are opened with ``open()`` and answer through signals, so
the event loop (and a test) keeps running while they are shown.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.common.i18n import translate
from annotator.gui.common.settings import APPLICATION
from annotator.services.project import Project


def project_filters() -> list[str]:
    """What the file dialog lists."""
    return [translate("ProjectErrorBox", "Projects (*.sqlite *.db)"), translate("ProjectErrorBox", "All files (*)")]


class ProjectErrorBox(QMessageBox):
    """Why the project could not be opened; "Choose another project…" or "Quit"."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(QMessageBox.Icon.Critical,
                         translate("ProjectErrorBox", "{program}: the project could not be opened").format(
                             program=APPLICATION), "",
                         QMessageBox.StandardButton.NoButton, parent)
        self.setObjectName("projectErrorBox")
        self.setTextFormat(Qt.TextFormat.PlainText)  # a path or a server's words are never markup
        self.setText(translate("ProjectErrorBox", "The project could not be opened:\n\n{error}\n\nChoose another "
                                                  "project (or type a new file name to start one), or quit.").format(
            error=message))
        self.choose_button = self.addButton(translate("ProjectErrorBox", "Choose another project…"),
                                            QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = self.addButton(translate("ProjectErrorBox", "Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.choose_button)
        self.setEscapeButton(self.quit_button)


def _start_folder(db: str | os.PathLike[str] | None) -> str:
    """The nearest existing folder of the project that failed, else the home folder."""
    if db is not None and "://" not in os.fspath(db):
        for folder in Path(os.fspath(db)).expanduser().absolute().parents:
            if folder.is_dir():
                return str(folder)
    return str(Path.home())


class ProjectOpener(QObject):
    """Opens a project for the window; on failure asks for another one until one opens
    (``opened``) or the user quits (``gave_up``). The window's project may be created:
    a new file name is a new project."""

    opened = Signal(object)  # the Project
    gave_up = Signal()

    def __init__(self, db: str | os.PathLike[str] | None, parent: QObject | None = None, *,
                 open_project: Callable[[str | os.PathLike[str] | None], Project] = Project.open) -> None:
        super().__init__(parent)
        self.db = db
        self._open = open_project
        self.box: ProjectErrorBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.message = ""

    def start(self) -> None:
        self.try_open(self.db)

    def try_open(self, db: str | os.PathLike[str] | None) -> None:
        self.db = db
        try:
            project = self._open(db)
        except AnnotatorError as exc:
            self.message = str(exc)
            print(f"error: {self.message}", file=sys.stderr, flush=True)  # noqa: T201 for a terminal, the CLI's one line
            self.show_error()
            return
        self.opened.emit(project)

    def show_error(self) -> None:
        box = self.box = ProjectErrorBox(self.message)
        box.finished.connect(self._answered)
        box.open()

    def _answered(self, _result: int) -> None:
        box = self.box
        if box is not None and box.clickedButton() is box.choose_button:
            self.choose()
        else:
            self.gave_up.emit()

    def choose(self) -> None:
        dialog = self.file_dialog = QFileDialog(None, translate("ProjectErrorBox", "Open or start a project"),
                                                 _start_folder(self.db))
        dialog.setObjectName("chooseProjectDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)  # an existing project, or a new name
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, translate("ProjectErrorBox", "Open"))
        dialog.setNameFilters(project_filters())
        dialog.setDefaultSuffix("sqlite")
        dialog.fileSelected.connect(self.try_open)
        dialog.rejected.connect(self.show_error)  # cancelled: the same choice again
        dialog.open()
