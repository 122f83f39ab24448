"""Edit ▸ Preferences…: the window's settings in one dialog, kept in QSettings
(``common/settings.py``): the text's font and size, selecting by characters or whole words,
suggestions (shown, retraining), the interface's language (the desktop's, Arabic or English),
the label colours (the schema's, a colour-blind-safe palette, or your own per label) and the
colour scheme (the desktop's, light or dark).

OK stores them; the window then reopens on the same documents, since its panes, label bar
and highlights are built from them (as after a schema change), in the language chosen.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFontComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.schema import LabelSchema
from annotator.gui.annotation.suggestions_train import EVERY
from annotator.gui.common import i18n
from annotator.gui.common.colours import label_colours
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, plural, translate
from annotator.gui.common.plain import isolate
from annotator.gui.common.settings import MAX_POINT_SIZE, MIN_POINT_SIZE, Settings

PALETTES = (("schema", QT_TRANSLATE_NOOP("PreferencesDialog", "The schema's colours")),
            ("colour-blind", QT_TRANSLATE_NOOP("PreferencesDialog", "Colour-blind-safe (Okabe–Ito)")))
SCHEMES = (("system", QT_TRANSLATE_NOOP("PreferencesDialog", "Follow the desktop")),
           ("light", QT_TRANSLATE_NOOP("PreferencesDialog", "Light")),
           ("dark", QT_TRANSLATE_NOOP("PreferencesDialog", "Dark")))


def _swatch(colour: QColor) -> QIcon:
    pix = QPixmap(18, 18)
    pix.fill(colour)
    return QIcon(pix)


class PreferencesDialog(QDialog):
    """The settings of the window, for one project's labels."""

    def __init__(self, settings: Settings, schema: LabelSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(translate("PreferencesDialog", "Preferences"))
        self.settings, self.schema = settings, schema
        self.own = dict(settings.own_colours())
        font = settings.font()
        self.family = QFontComboBox(self)
        self.family.setObjectName("prefFont")
        self.family.setCurrentFont(font)
        self.point_size = QSpinBox(self)
        self.point_size.setObjectName("prefSize")
        self.point_size.setRange(MIN_POINT_SIZE, MAX_POINT_SIZE)
        self.point_size.setValue(font.pointSize())
        self.point_size.setSuffix(translate("PreferencesDialog", " pt"))
        self.chars = QCheckBox(translate("PreferencesDialog", "Select by characters (not whole words)"), self)
        self.chars.setObjectName("prefChars")
        self.chars.setChecked(settings.char_mode)
        self.suggestions = QCheckBox(translate("PreferencesDialog", "Show suggestions in the panes"), self)
        self.suggestions.setObjectName("prefSuggestions")
        self.suggestions.setChecked(settings.suggestions_shown)
        self.retrain = QComboBox(self)
        self.retrain.setObjectName("prefRetrain")
        for n in EVERY:
            self.retrain.addItem(translate("PreferencesDialog", "Only when asked") if n == 0 else
                                 plural(n, translate("PreferencesDialog",
                                                     "After every document done|After every {n} documents done")), n)
        self.retrain.setCurrentIndex(max(0, self.retrain.findData(settings.suggestion_retrain_every)))
        self.palette_box = QComboBox(self)
        self.palette_box.setObjectName("prefPalette")
        for key, text in PALETTES:
            self.palette_box.addItem(translate("PreferencesDialog", text), key)
        self.palette_box.setCurrentIndex(max(0, self.palette_box.findData(settings.colour_palette)))
        self.palette_box.currentIndexChanged.connect(self._show_colours)
        self.scheme = QComboBox(self)
        self.scheme.setObjectName("prefScheme")
        for key, text in SCHEMES:
            self.scheme.addItem(translate("PreferencesDialog", text), key)
        self.scheme.setCurrentIndex(max(0, self.scheme.findData(settings.colour_scheme)))
        self.language = QComboBox(self)
        self.language.setObjectName("prefLanguage")
        self.language.addItem(translate("PreferencesDialog", "The desktop's language"), i18n.SYSTEM)
        for code in i18n.LANGUAGES:
            self.language.addItem(i18n.LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.colour_buttons: dict[str, QPushButton] = {}
        colours_box = QGroupBox(translate("PreferencesDialog", "Label colours"), self)
        colours_form = QFormLayout(colours_box)
        colours_form.addRow(translate("PreferencesDialog", "Palette"), self.palette_box)
        for lab in schema.labels:
            button = QPushButton(self)
            button.setObjectName(f"prefColour_{lab.name}")
            button.setAccessibleName(translate("PreferencesDialog", "{label} colour").format(label=lab.name))
            button.clicked.connect(lambda _on=False, n=lab.name: self._choose(n))
            self.colour_buttons[lab.name] = button
            colours_form.addRow(lab.name, button)
        reset = QPushButton(translate("PreferencesDialog", "Use the palette's colours"), self)
        reset.setObjectName("prefResetColours")
        reset.clicked.connect(self._reset)
        colours_form.addRow("", reset)
        colours_form.addRow(translate("PreferencesDialog", "Colour scheme"), self.scheme)
        text_box = QGroupBox(translate("PreferencesDialog", "Text"), self)
        text_form = QFormLayout(text_box)
        row = QHBoxLayout()
        row.addWidget(self.family, 1)
        row.addWidget(self.point_size)
        text_form.addRow(translate("PreferencesDialog", "Font"), row)
        text_form.addRow("", self.chars)
        text_form.addRow(translate("PreferencesDialog", "Language of the interface"), self.language)
        sug_box = QGroupBox(translate("PreferencesDialog", "Suggestions"), self)
        sug_form = QFormLayout(sug_box)
        sug_form.addRow("", self.suggestions)
        sug_form.addRow(translate("PreferencesDialog", "Retrain the model"), self.retrain)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for box in (text_box, sug_box, colours_box):
            layout.addWidget(box)
        layout.addWidget(buttons)
        self._show_colours()

    def chosen_colours(self) -> dict[str, QColor]:
        labels = [(lab.name, lab.color) for lab in self.schema.labels]
        return label_colours(labels, str(self.palette_box.currentData()), self.own)

    def _show_colours(self) -> None:
        for name, colour in self.chosen_colours().items():
            button = self.colour_buttons[name]
            button.setIcon(_swatch(colour))
            # the hex name read left to right in a mirrored dialog too ("#f2b134", not "f2b134#")
            shown = isolate(colour.name()) if self.isRightToLeft() else colour.name()
            button.setText(shown + (translate("PreferencesDialog", "  (your own)") if name in self.own else ""))

    def _choose(self, label: str) -> None:
        colour = QColorDialog.getColor(self.chosen_colours()[label], self,
                                       translate("PreferencesDialog", "Colour of {label}").format(label=label))
        if colour.isValid():
            self.own[label] = colour.name()
            self._show_colours()

    def _reset(self) -> None:
        self.own = {}
        self._show_colours()

    def store(self) -> None:
        """Keep what the dialog shows in the settings."""
        s = self.settings
        font = self.family.currentFont()
        font.setPointSize(self.point_size.value())
        s.set_font(font)
        s.char_mode = self.chars.isChecked()
        s.suggestions_shown = self.suggestions.isChecked()
        s.suggestion_retrain_every = int(self.retrain.currentData())
        s.colour_palette = str(self.palette_box.currentData())
        s.set_own_colours(self.own)
        s.colour_scheme = str(self.scheme.currentData())
        language = str(self.language.currentData())
        if language != s.language:  # the window reopens after this: in the new language
            s.language = language
            i18n.install(i18n.choose_language(None, language))
        s.sync()
