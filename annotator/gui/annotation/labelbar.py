"""The label bar: one button per label of the schema, in its colour, with its key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from annotator.core.schema import LabelSchema
from annotator.gui.common.i18n import translate
from annotator.gui.common.plain import isolate


def swatch(colour: str, size: int = 16) -> QIcon:
    """A small square icon in a label's colour."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setBrush(QColor(colour))
    painter.setPen(QColor(colour).darker(140))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return QIcon(pix)


class LabelBar(QToolBar):
    """Buttons that tag the selection; the same QActions as the keys and menus."""

    def __init__(self, schema: LabelSchema, actions: dict[str, QAction], parent: QWidget | None = None,
                 colours: dict[str, str] | None = None) -> None:
        super().__init__(translate("LabelBar", "Labels"), parent)
        self.setObjectName("labelBar")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for lab in schema.labels:
            action = actions[f"label.{lab.name}"]
            action.setIcon(swatch((colours or {}).get(lab.name, lab.color)))  # the colours the window paints
            # each name isolated: in a right-to-left interface the key's brackets stay around the key
            # (a bare "CLAIM  (C)" would show its closing bracket at the far left)
            action.setIconText(f"{lab.name}  ({lab.key})" if not self.isRightToLeft()
                               else f"{isolate(lab.name)}  ({isolate(lab.key)})")
            self.addAction(action)
            button = self.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setObjectName(f"labelButton_{lab.name}")
                button.setAccessibleName(translate("LabelBar", "Tag {label}").format(label=lab.name))
        self.addSeparator()
        char_mode = actions["edit.char_mode"]
        char_mode.setIconText(translate("LabelBar", "Character precision"))
        self.addAction(char_mode)
