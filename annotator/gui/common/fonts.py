"""The Arabic face the program ships: registered with Qt at start-up.

``resources/fonts/`` holds Noto Naskh Arabic (regular and bold, SIL Open Font
License, ``OFL.txt`` beside it), so the window looks the same on a machine that
has no Arabic font of its own. ``register_fonts()`` adds them to Qt's font
database once per process; the window (``app.ensure_application``, used by the
GUI, ``main_window`` and ``annotator screenshot``) calls it before any text is
laid out, and ``settings.default_family`` then picks the face unless the user chose
another in View ▸ Font.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase

from annotator.resources import resources_dir

BUNDLED_FAMILY = "Noto Naskh Arabic"
FONT_FILES = ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")

_registered: list[str] | None = None


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> list[str]:
    """Add the bundled font files to Qt's font database (once); returns the families they hold.

    Needs a QGuiApplication. A file that is missing or that Qt refuses is skipped
    (the window then falls back to an installed font), never fatal.
    """
    global _registered
    if _registered is None:
        families: list[str] = []
        for name in FONT_FILES:
            path = fonts_dir() / name
            font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
            if font_id >= 0:
                families += [f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families]
        _registered = families
    return list(_registered)
