"""Colours the window paints with: each label's colour (the schema's, a colour-blind-safe
palette, or the user's own), the light tint spans are highlighted with, the light or dark
colour scheme, and the contrast that keeps text readable on every highlight.

Contrast is WCAG 2's: relative luminance of each colour, ``(L1 + 0.05) / (L2 + 0.05)``.
Text on a span's highlight keeps at least :data:`TEXT_CONTRAST` (4.5:1, WCAG AA) in both
schemes: the tint mixes the label colour into the scheme's base colour (white, or the dark
base), and is moved towards the base until the text reads. ``tests/gui/test_colours.py``
checks every label of the shipped schemas and of the palette, in both schemes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

#: the Okabe–Ito palette (Okabe & Ito 2008): told apart with each common colour-vision deficiency
COLOUR_BLIND_SAFE = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442", "#999999")
TEXT_CONTRAST = 4.5
LIGHT_BASE, LIGHT_TEXT = QColor("#ffffff"), QColor("#000000")
DARK_BASE, DARK_TEXT = QColor("#1e1f22"), QColor("#e8eaed")
TINT = 0.42  # share of the label colour in a highlight on a light base
DARK_TINT = 0.45  # on a dark base


def luminance(c: QColor) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(colour: QColor, base: QColor, share: float) -> QColor:
    """*share* of *colour* over *base*."""
    return QColor(round(base.red() + (colour.red() - base.red()) * share),
                  round(base.green() + (colour.green() - base.green()) * share),
                  round(base.blue() + (colour.blue() - base.blue()) * share))


def highlight(colour: QColor, base: QColor, text: QColor, share: float) -> QColor:
    """The tint of *colour* on *base*, lightened or darkened towards the base until *text*
    reads on it (at least :data:`TEXT_CONTRAST`)."""
    for step in range(21):
        tinted = mix(colour, base, share * (1 - step / 20))
        if contrast(tinted, text) >= TEXT_CONTRAST:
            return tinted
    return QColor(base)


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the window's colours are dark (its base darker than its text)."""
    p = palette or QGuiApplication.palette()
    return luminance(p.color(QPalette.ColorRole.Base)) < luminance(p.color(QPalette.ColorRole.Text))


def label_colours(labels: Sequence[tuple[str, str]], palette: str = "schema",
                  own: Mapping[str, str] | None = None) -> dict[str, QColor]:
    """Each label's colour: the schema's (*labels* gives name and schema colour), or the
    colour-blind-safe palette in label order, then the user's own choices on top."""
    out: dict[str, QColor] = {}
    for i, (name, schema_colour) in enumerate(labels):
        base = COLOUR_BLIND_SAFE[i % len(COLOUR_BLIND_SAFE)] if palette == "colour-blind" else schema_colour
        chosen = (own or {}).get(name)
        out[name] = QColor(chosen) if chosen and QColor(chosen).isValid() else QColor(base)
    return out


_OWN_DARK = False  # the application's palette is the dark one set here (not the desktop's)


def apply_scheme(choice: str) -> None:
    """*choice* "system" (follow the desktop: Qt 6.5+ reports its colour scheme), "light" or
    "dark": Qt's own colour scheme for the application (the Fusion style draws it)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    hints = app.styleHints()
    wanted = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(choice, Qt.ColorScheme.Unknown)
    global _OWN_DARK
    if hasattr(hints, "setColorScheme"):
        hints.setColorScheme(wanted)
    if choice == "dark" and not is_dark(app.palette()):  # a style that ignores the hint: a dark palette
        app.setPalette(dark_palette())
        _OWN_DARK = True
    elif choice != "dark" and _OWN_DARK:  # the dark palette set here goes with the choice
        app.setPalette(QPalette())
        _OWN_DARK = False


def dark_palette() -> QPalette:
    p = QPalette()
    roles = {QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e8eaed",
             QPalette.ColorRole.Base: DARK_BASE.name(), QPalette.ColorRole.AlternateBase: "#26282b",
             QPalette.ColorRole.Text: DARK_TEXT.name(), QPalette.ColorRole.Button: "#3c3f41",
             QPalette.ColorRole.ButtonText: "#e8eaed", QPalette.ColorRole.Highlight: "#3d6fb4",
             QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#3c3f41",
             QPalette.ColorRole.ToolTipText: "#e8eaed", QPalette.ColorRole.PlaceholderText: "#9aa0a6",
             QPalette.ColorRole.Link: "#8ab4f8"}
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    return p
