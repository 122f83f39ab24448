"""Projects as files the way desktop programs have them: File ▸ New Project…, Open
Project…, Open Recent (the last ten, remembered), and files or folders dropped on the
window imported with the import dialog's progress.

A project is a file (SQLite, conventionally ``*.annotator``: the desktop's MIME type opens
it with the program) or a database URL; the recent list keeps file paths, and URLs
without their password. Opening another project opens a new window on it and closes this
one (the same way the window reopens after a schema change).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.gui.common import plain
from annotator.gui.common.i18n import translate
from annotator.gui.common.plain import isolate
from annotator.gui.common.settings import Settings

SUFFIX = ".annotator"


def project_filter() -> str:
    """What File ▸ New Project… and Open Project… list."""
    return translate("ProjectFiles", "annotator projects (*.annotator *.sqlite *.db);;All files (*)")


def project_key(url: Any) -> str:
    """How a project is remembered: a SQLite file's path, else the URL without a password."""
    if url.get_backend_name() == "sqlite" and url.database:
        return str(Path(url.database).resolve())
    return str(url.render_as_string(hide_password=True))


class ProjectFiles(QObject):
    """File ▸ New Project…, Open Project…, Open Recent, and drops, for one window."""

    def __init__(self, window: Any, settings: Settings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.recent_menu: QMenu | None = None
        settings.add_recent_project(project_key(window.project.database.url))
        window.setAcceptDrops(True)

    # -- the menu --------------------------------------------------------------------------
    def add_recent_menu(self, file_menu: QMenu, before: Any) -> None:
        menu = self.recent_menu = QMenu(translate("ProjectFiles", "Open &Recent"), file_menu)
        menu.setObjectName("menuOpenRecent")
        menu.aboutToShow.connect(self._fill_recent)
        file_menu.insertMenu(before, menu)
        self._fill_recent()

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        if menu is None:
            return
        menu.clear()
        current = project_key(self.window.project.database.url)
        recent = self.settings.recent_projects
        for n, where in enumerate(recent, start=1):
            label = Path(where).name if not where.count("://") else where
            action = menu.addAction(f"&{n % 10} {isolate(label)}")  # the key pressed: a Western digit
            action.setObjectName(f"recent.{n}")
            action.setToolTip(plain.tooltip(where))
            action.setStatusTip(where)
            action.setEnabled(where != current)
            action.triggered.connect(lambda _on=False, w=where: self.open_project(w))
        if not recent:
            empty = menu.addAction(translate("ProjectFiles", "(none yet)"))
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(translate("ProjectFiles", "&Clear the list"))
        clear.setObjectName("recent.clear")
        clear.triggered.connect(self._clear)

    def _clear(self) -> None:
        self.settings.clear_recent_projects()
        self.settings.add_recent_project(project_key(self.window.project.database.url))
        self._fill_recent()

    # -- new, open ---------------------------------------------------------------------------
    def new_project(self) -> None:
        """File ▸ New Project…: a new, empty project file, opened in a new window."""
        path, _ = QFileDialog.getSaveFileName(self.window, translate("ProjectFiles", "New project"), f"project{SUFFIX}",
                                              project_filter())
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(SUFFIX)
        if target.exists():
            plain.inform(self.window, translate("ProjectFiles", "New project"),
                         translate("ProjectFiles", "{path} exists already: open it with File ▸ Open Project…, or "
                                                   "choose another name.").format(path=target),
                         QMessageBox.Icon.Warning)
            return
        self.open_project(str(target), create=True)

    def choose_project(self) -> None:
        """File ▸ Open Project…: a project file, opened in a new window."""
        path, _ = QFileDialog.getOpenFileName(self.window, translate("ProjectFiles", "Open project"), "",
                                              project_filter())
        if path:
            self.open_project(path)

    def open_project(self, where: str, *, create: bool = False) -> Any:
        """Open the project *where* (a file or a URL) in a new window and close this one;
        a project that cannot be opened is named in a message and this window stays."""
        from annotator.gui.annotation.schema_dialog import keep_window
        from annotator.gui.app import new_main_window
        from annotator.gui.common.memory import released_on_close
        from annotator.services.project import Project

        try:
            project = Project.open(where, create=create)
        except AnnotatorError as exc:
            plain.inform(self.window, translate("ProjectFiles", "Open project"),
                         translate("ProjectFiles", "The project cannot be opened: {error}").format(error=exc),
                         QMessageBox.Icon.Warning)
            return None
        self.window.save_layout()
        window = released_on_close(lambda: new_main_window(project, self.window.controller.annotator,
                                                           self.settings))
        keep_window(window)
        window.show()
        self.window.close()
        return window

    # -- drops -------------------------------------------------------------------------------
    def drag_enter(self, event: QDragMoveEvent) -> None:  # QDragEnterEvent is one too
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def drop(self, event: QDropEvent) -> None:
        """Files and folders dropped on the window: imported with the import dialog's progress."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if not paths:
            return
        event.acceptProposedAction()
        self.window.import_paths(paths)
