"""Start the program: the application object, the annotator's name, the window."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from annotator import __version__
from annotator.gui.common.fonts import register_fonts
from annotator.gui.common.settings import APPLICATION, ORGANISATION, Settings

if TYPE_CHECKING:
    from annotator.gui.annotation.window import MainWindow
    from annotator.services.project import Project

_APP: QApplication | None = None


def scale_before_start(factor: float) -> bool:
    """Render every window at *factor* device pixels per pixel (a HiDPI screen at 200%: 2),
    as Qt's own QT_SCALE_FACTOR does; only before the application exists (False after)."""
    if QApplication.instance() is not None:
        return False
    os.environ["QT_SCALE_FACTOR"] = f"{factor:g}"
    return True


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
    if isinstance(app, QApplication) and app.windowIcon().isNull():
        app.setWindowIcon(application_icon())
    return app  # type: ignore[return-value]


def application_icon() -> QIcon:
    """The program's icon at every size it ships (resources/icons), for windows and the task bar."""
    from annotator.resources import resources_dir

    icon = QIcon()
    folder = resources_dir() / "icons"
    for png in sorted(folder.glob("annotator-*.png")):
        icon.addFile(str(png))
    if icon.isNull() and (folder / "annotator.svg").is_file():
        icon.addFile(str(folder / "annotator.svg"))
    return icon


def resolve_annotator(explicit: str | None, settings: Settings) -> str | None:
    """The annotator's name: given, else $ANNOTATOR_USER, else remembered, else None."""
    from annotator.gui import ANNOTATOR_ENV

    for name in (explicit, os.environ.get(ANNOTATOR_ENV), settings.annotator):
        if name and name.strip():
            return name.strip()
    return None


def new_main_window(project: Project, annotator: str, settings: Settings,
                    docs: list[str] | None = None) -> MainWindow:
    """The annotation window of *project*, deleted when it is closed.

    Closing it deletes the Qt object, its children (the windows opened from it
    among them) and so every Qt connection that refers to it; the Python object
    goes with its last reference (whoever keeps one forgets it on ``destroyed``).
    Build it (and open its project) inside ``memory.released_on_close`` so that
    what it read is collected and given back right after.
    """
    from annotator.gui.annotation.window import MainWindow
    from annotator.gui.common.colours import apply_scheme

    apply_scheme(settings.colour_scheme)  # light, dark, or the desktop's, before anything is drawn
    window = MainWindow(project, annotator, settings, docs)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return window


class Startup:
    """What happens before the window: the project (or, when it cannot be opened, a
    message box offering another one), the annotator's name, the samples on an empty
    project. Event-driven, so the message box never blocks; ``exit_code`` is set when
    the program should end without a window."""

    def __init__(self, db: str | None, settings: Settings) -> None:
        from annotator.gui.common.project_error import ProjectOpener

        self.settings = settings
        self.window: MainWindow | None = None
        self.exit_code: int | None = None
        self.in_event_loop = False  # set by run() just before app.exec()
        self.opener = ProjectOpener(db)
        self.opener.opened.connect(self._opened)
        self.opener.gave_up.connect(lambda: self._finish(2))

    def start(self) -> None:
        # a message box closing before the window exists must not end the program
        QApplication.setQuitOnLastWindowClosed(False)
        self.opener.start()

    def _opened(self, project) -> None:  # type: ignore[no-untyped-def]
        from annotator.core.values import DocumentQuery
        from annotator.gui.common import dialogs
        from annotator.gui.common.memory import released_on_close
        from annotator.services.team_server import connected_user

        # on a team server the window acts as the connection's member, whatever name was remembered
        name = connected_user(project) or resolve_annotator(None, self.settings)
        if name is None:
            import getpass

            name = dialogs.ask_annotator(None, getpass.getuser())
            if name is None:
                project.close()
                self._finish(1)
                return
            self.settings.annotator = name
            self.settings.sync()
        if project.document_count(DocumentQuery()) == 0:  # one count, not every document read
            dialogs.offer_samples(None, project)
        self.window = released_on_close(lambda: new_main_window(project, name, self.settings))
        self.window.destroyed.connect(self._window_closed)
        self.window.show()
        QApplication.setQuitOnLastWindowClosed(True)

    def _window_closed(self) -> None:
        self.window = None  # closed and deleted: nothing keeps what it read

    def _finish(self, code: int) -> None:
        self.exit_code = code
        QApplication.setQuitOnLastWindowClosed(True)
        if self.in_event_loop:  # (an exit() with no loop running would end the next one at once)
            QCoreApplication.exit(code)


def install_language(explicit: str | None, settings: Settings) -> str:
    """The interface's language (``--lang``, else the setting, else the desktop's), installed
    before the first window: translations, locale, and a mirrored layout for Arabic."""
    from annotator.gui.common import i18n

    return i18n.install(i18n.choose_language(explicit, settings.language))


def run(db: str | None, lang: str | None = None) -> int:
    """Open the window on the project *db* and run until it is closed."""
    app = ensure_application()
    settings = Settings()
    install_language(lang, settings)
    startup = Startup(db, settings)
    startup.start()
    if startup.exit_code is not None:
        return startup.exit_code
    startup.in_event_loop = True
    return app.exec()
