"""The window's remembered settings, typed, over QSettings.

The settings file is per user (organisation and application ``annotator`` in
Qt's usual place); the tests set other names and point Qt at a temporary folder. Nothing here is project data: spans and
statuses live in the project database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QFont, QFontDatabase

ORGANISATION = "annotator"
APPLICATION = "annotator"
DEFAULT_POINT_SIZE = 14
MIN_POINT_SIZE, MAX_POINT_SIZE = 6, 72
PREFERRED_FAMILIES = ("Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "DejaVu Sans")


class Settings:
    """Typed access to the keys the window uses."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        # The application's names (set in app.ensure_application; the tests set their own).
        self.q = qsettings or QSettings()

    # -- who is annotating --------------------------------------------------------
    @property
    def annotator(self) -> str:
        return str(self.q.value("annotator/name", "") or "")

    @annotator.setter
    def annotator(self, name: str) -> None:
        self.q.setValue("annotator/name", name)

    # -- language -----------------------------------------------------------------------
    @property
    def language(self) -> str:
        """Preferences ▸ Language: "system" (the desktop's), "ar" or "en"; read at start."""
        value = str(self.q.value("interface/language", "system"))
        return value if value in ("system", "ar", "en") else "system"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("interface/language", value)

    # -- colours ----------------------------------------------------------------------
    @property
    def colour_palette(self) -> str:
        """Preferences ▸ Label colours: "schema" (the schema's) or "colour-blind" (Okabe–Ito)."""
        value = str(self.q.value("colours/palette", "schema"))
        return value if value in ("schema", "colour-blind") else "schema"

    @colour_palette.setter
    def colour_palette(self, value: str) -> None:
        self.q.setValue("colours/palette", value)

    def own_colours(self) -> dict[str, str]:
        """The label colours the user chose, by label name."""
        self.q.beginGroup("colours/own")
        try:
            return {k: str(self.q.value(k)) for k in self.q.childKeys()}
        finally:
            self.q.endGroup()

    def set_own_colours(self, colours: dict[str, str]) -> None:
        self.q.remove("colours/own")
        for label, colour in colours.items():
            self.q.setValue(f"colours/own/{label}", colour)

    @property
    def colour_scheme(self) -> str:
        """Preferences ▸ Colour scheme: "system" (follow the desktop), "light" or "dark"."""
        value = str(self.q.value("colours/scheme", "system"))
        return value if value in ("system", "light", "dark") else "system"

    @colour_scheme.setter
    def colour_scheme(self, value: str) -> None:
        self.q.setValue("colours/scheme", value)

    # -- recent projects ------------------------------------------------------------
    #: how many File ▸ Open Recent lists
    RECENT = 10

    @property
    def recent_projects(self) -> list[str]:
        """The projects opened last, newest first (file paths, or URLs without a password)."""
        value = self.q.value("projects/recent", [])
        items = [value] if isinstance(value, str) else list(cast(list[str], value or []))
        return [str(v) for v in items if str(v).strip()]

    def add_recent_project(self, where: str) -> None:
        items = [where, *(p for p in self.recent_projects if p != where)][: self.RECENT]
        self.q.setValue("projects/recent", items)

    def clear_recent_projects(self) -> None:
        self.q.setValue("projects/recent", [])

    # -- text ---------------------------------------------------------------------
    def font(self) -> QFont:
        family = str(self.q.value("text/family", "") or "") or default_family()
        size = _int(self.q.value("text/size", DEFAULT_POINT_SIZE), DEFAULT_POINT_SIZE)
        font = QFont(family)
        font.setPointSize(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size)))
        return font

    def set_font(self, font: QFont) -> None:
        self.q.setValue("text/family", font.family())
        self.q.setValue("text/size", font.pointSize())

    @property
    def char_mode(self) -> bool:
        return str(self.q.value("text/char_mode", "false")).lower() == "true"

    @char_mode.setter
    def char_mode(self, on: bool) -> None:
        self.q.setValue("text/char_mode", "true" if on else "false")

    # -- suggestions --------------------------------------------------------------
    @property
    def suggestions_shown(self) -> bool:
        """View ▸ Suggestions: the recommenders' suggestions are drawn (and walked) in the panes."""
        return str(self.q.value("suggestions/shown", "true")).lower() == "true"

    @suggestions_shown.setter
    def suggestions_shown(self, on: bool) -> None:
        self.q.setValue("suggestions/shown", "true" if on else "false")

    def suggestion_recommenders(self, default: Iterable[str]) -> tuple[str, ...]:
        """View ▸ Suggestions from: the recommenders that run (*default* until one is chosen)."""
        value = self.q.value("suggestions/recommenders")
        if value is None:
            return tuple(default)
        if isinstance(value, str):  # QSettings gives one value back as a string, none as ""
            value = [value] if value else []
        return tuple(str(v) for v in cast(Iterable[object], value))

    @property
    def suggestion_retrain_every(self) -> int:
        """View ▸ Retrain the suggestion model: after every N documents marked done (0: never by itself)."""
        try:
            return max(0, int(str(self.q.value("suggestions/retrain_every", "10"))))
        except ValueError:
            return 10

    @suggestion_retrain_every.setter
    def suggestion_retrain_every(self, n: int) -> None:
        self.q.setValue("suggestions/retrain_every", str(int(n)))

    def set_suggestion_recommenders(self, names: Iterable[str]) -> None:
        names = list(names)
        # an empty list reads back as None from an INI file: "none" is stored as one empty name
        self.q.setValue("suggestions/recommenders", names or "")

    # -- layout -------------------------------------------------------------------
    def pane_documents(self, db_key: str) -> list[str]:
        value = self.q.value(f"layout/{_key(db_key)}/documents", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in cast(Iterable[object], value or [])]

    def set_pane_documents(self, db_key: str, doc_ids: list[str]) -> None:
        self.q.setValue(f"layout/{_key(db_key)}/documents", list(doc_ids))

    def bytes(self, name: str) -> QByteArray | None:
        value = self.q.value(f"layout/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, name: str, value: QByteArray) -> None:
        self.q.setValue(f"layout/{name}", value)

    def sync(self) -> None:
        self.q.sync()


def default_family() -> str:
    """The first installed font of a list that renders Arabic well."""
    families = set(QFontDatabase.families())
    for family in PREFERRED_FAMILIES:
        if family in families:
            return family
    return QFont().family()


def _int(value: object, default: int) -> int:
    try:
        number: int = int(value)  # type: ignore[call-overload]  # QSettings: str, int or None; bad ones caught below
        return number
    except (TypeError, ValueError):
        return default


def _key(db_key: str) -> str:
    """A settings key for one project: its URL with separators replaced."""
    return "".join(ch if ch.isalnum() else "_" for ch in db_key)[-120:]
