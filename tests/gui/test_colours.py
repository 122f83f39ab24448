"""Label colours: text stays readable on every highlight in the light and the dark scheme
(WCAG contrast), for the shipped schemas' colours and the colour-blind-safe palette; the
Preferences dialog keeps its choices and the window reopens with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from annotator.core.schema import load_schema
from annotator.gui.common import colours
from annotator.gui.common.settings import Settings
from annotator.resources import resources_dir
from tests.gui.conftest import add_documents, press

SCHEMES = [(colours.LIGHT_BASE, colours.LIGHT_TEXT, colours.TINT), (colours.DARK_BASE, colours.DARK_TEXT,
                                                                     colours.DARK_TINT)]


def every_colour() -> list[str]:
    found = [lab.color for path in sorted((resources_dir() / "schemas").glob("*.toml"))
             for lab in load_schema(path).labels]
    return sorted(set(found) | set(colours.COLOUR_BLIND_SAFE))


@pytest.mark.parametrize("colour", every_colour())
@pytest.mark.parametrize(("base", "text", "share"), SCHEMES, ids=["light", "dark"])
def test_text_reads_on_every_highlight_in_both_schemes(colour: str, base: QColor, text: QColor,
                                                       share: float) -> None:
    tinted = colours.highlight(QColor(colour), base, text, share)
    assert colours.contrast(tinted, text) >= colours.TEXT_CONTRAST
    assert tinted != base  # still a highlight, not the background itself


def test_contrast_is_wcag_s() -> None:
    assert colours.contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert colours.contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_preferences_keep_a_colour_blind_palette_and_dark_scheme(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.annotation.window import MainWindow

    db = tmp_path / "p.sqlite"
    add_documents(db, [("a", "أ", "أعلن الوزير أمس أن المعبر سيفتح.")])
    win = open_window(db)

    def answer() -> None:
        dialog = win.preferences_dialog
        assert dialog is not None
        dialog.palette_box.setCurrentIndex(dialog.palette_box.findData("colour-blind"))
        dialog.scheme.setCurrentIndex(dialog.scheme.findData("dark"))
        assert dialog.colour_buttons["CLAIM"].text().lower().startswith("#e69f00")
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        press(qtbot, dialog, Qt.Key.Key_Return)

    QTimer.singleShot(100, answer)
    press(qtbot, win.area.panes[0].editor, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    try:
        qtbot.waitUntil(lambda: any(isinstance(w, MainWindow) and w is not win and w.isVisible()
                                    for w in QApplication.topLevelWidgets()))
        [new] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        assert Settings().colour_palette == "colour-blind" and Settings().colour_scheme == "dark"
        assert new.colours.solid("CLAIM").name() == "#e69f00" and new.colours.dark
        assert colours.is_dark()
        background = new.colours.background("ACTOR")
        assert colours.contrast(background, QApplication.palette().color(QApplication.palette().ColorRole.Text)) >= 4.5
        new.close()
    finally:
        colours.apply_scheme("light")
        assert not colours.is_dark()
