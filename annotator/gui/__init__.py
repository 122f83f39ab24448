"""The annotation window (PySide6). Nothing outside this package imports Qt.

``main_window(db_url, docs=None)`` builds the window without showing it or
entering the event loop; the tests and ``annotator screenshot`` use it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.gui.annotation.window import MainWindow

ANNOTATOR_ENV = "ANNOTATOR_USER"


def main_window(db_url: str | os.PathLike[str] | None, docs: list[str] | None = None, *,
                annotator: str | None = None, lang: str | None = None) -> MainWindow:
    """Open the project at *db_url* and build its window with *docs* side by side.

    *docs* defaults to the documents open last time, else the first two. Closing the
    window deletes it and gives back its memory (see :func:`annotator.gui.app.new_main_window`). The
    annotator is *annotator*, else ``$ANNOTATOR_USER``, else the name kept in
    the settings, else the login name (not remembered). A QApplication is
    created if there is none. *lang* ("ar", "en") installs that interface language first;
    without it the language in place is kept (English unless one was installed).
    """
    from annotator.gui.app import ensure_application, new_main_window, resolve_annotator
    from annotator.gui.common.memory import released_on_close
    from annotator.gui.common.settings import Settings
    from annotator.services.project import Project

    ensure_application()
    settings = Settings()
    if lang is not None:
        from annotator.gui.app import install_language

        install_language(lang, settings)
    name = resolve_annotator(annotator, settings)
    if name is None:
        import getpass

        name = getpass.getuser() or "annotator"
    def build() -> MainWindow:
        from annotator.services.team_server import connected_user

        project = Project.open(db_url)
        try:
            # on a team server the connection's login is who acts, whatever name was given
            return new_main_window(project, connected_user(project) or name, settings, docs)  # deleted when closed
        except BaseException:
            project.close()
            raise

    return released_on_close(build)  # what the window and its project read is given back once it is closed


__all__ = ["ANNOTATOR_ENV", "main_window"]
