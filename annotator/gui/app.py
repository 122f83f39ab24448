"""Start the program: the application object, the annotator's name, the window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from annotator import __version__
from annotator.gui.fonts import register_fonts
from annotator.gui.settings import APPLICATION, ORGANISATION, Settings

_APP: QApplication | None = None


def ensure_application() -> QApplication:
    """The running QApplication, created (with the program's names) if needed."""
    global _APP
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
        app = _APP = QApplication(sys.argv[:1])
    app.setApplicationVersion(__version__)
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORGANISATION)
        QCoreApplication.setApplicationName(APPLICATION)
    register_fonts()  # the bundled Arabic face, before any text is laid out
    return app  # type: ignore[return-value]


def resolve_annotator(explicit: str | None, settings: Settings) -> str | None:
    """The annotator's name: given, else $ANNOTATOR_USER, else remembered, else None."""
    from annotator.gui import ANNOTATOR_ENV

    for name in (explicit, os.environ.get(ANNOTATOR_ENV), settings.annotator):
        if name and name.strip():
            return name.strip()
    return None


def run(db: str | None) -> int:
    """Open the window on the project *db* and run until it is closed."""
    from annotator.gui import dialogs
    from annotator.gui.window import MainWindow
    from annotator.services.project import Project

    app = ensure_application()
    settings = Settings()
    name = resolve_annotator(None, settings)
    if name is None:
        import getpass

        name = dialogs.ask_annotator(None, getpass.getuser())
        if name is None:
            return 1
        settings.annotator = name
        settings.sync()
    project = Project.open(db)
    if not project.documents():
        dialogs.offer_samples(None, project)
    window = MainWindow(project, name, settings)
    window.show()
    return app.exec()
