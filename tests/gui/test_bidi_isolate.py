"""Arabic inside a Latin UI string: isolated, its ellipsis stays at its own (left) end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption

from annotator.gui.common.plain import isolate

# Written for this test: a cut-off claim, as the gold link dialog shows it.
EXCERPT = "قال الوزير إن الجسر سيفتتح في أيار 2026…"


def _x(text: str, index: int, font) -> float:  # type: ignore[no-untyped-def]
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(Qt.LayoutDirection.LayoutDirectionAuto)
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(4000)
    layout.endLayout()
    return line.cursorToX(index)[0]


def test_an_isolated_excerpt_keeps_its_ellipsis_and_number_at_its_left_end(qapp) -> None:
    font = qapp.font()
    plain_line = f"CLAIM «{EXCERPT}»"
    isolated = f"CLAIM «{isolate(EXCERPT)}»"
    # the first Arabic word is at the right end of the excerpt, the ellipsis at its left end
    first = isolated.index("ق") + 1
    dots = isolated.index("…")
    assert _x(isolated, dots, font) < _x(isolated, first, font)
    assert _x(isolated, 0, font) == 0  # "CLAIM" stays on the left: the line is still a Latin line
    # without the isolate the ellipsis lands at the right end, next to the closing quote
    assert _x(plain_line, plain_line.index("…"), font) > _x(plain_line, plain_line.index("ق") + 1, font)
    assert isolate("") == ""
