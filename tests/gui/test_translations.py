"""The translation itself: the committed annotator_ar.ts holds every string the code marks, each
translated, with its placeholders and six plural forms; it compiles; and the language machinery
(plural rules, locale numbers, Qt's own Arabic, the layout direction) does what the window needs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import regex
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from annotator.gui.common import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402 - packaging/translations.py


def keys(path: Path) -> set[tuple[str, str]]:
    return {(context, message.findtext("source") or "") for context, message in translations.messages(ET.parse(path))}


def test_the_committed_translation_is_current_and_complete(tmp_path: Path) -> None:
    """lupdate over today's code finds exactly the committed messages, and every one is translated:
    a string marked since (or changed) without `make translations` and its Arabic fails here."""
    fresh = tmp_path / "annotator_ar.ts"
    shutil.copy(translations.ts_path("ar"), fresh)
    subprocess.run([translations.qt_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    "-target-language", "ar", *translations.sources(), "-ts", str(fresh)], cwd=ROOT, check=True)
    assert keys(fresh) == keys(translations.ts_path("ar")), "run `make translations` and translate the new strings"
    assert translations.problems(path=fresh) == []
    assert len(keys(fresh)) > 500


def test_it_compiles_and_translates_through_qt(tmp_path: Path, qapp: QApplication) -> None:
    qm = translations.release("ar", tmp_path / "annotator_ar.qm")
    assert qm.stat().st_size > 10_000
    i18n.install("ar")
    try:
        assert i18n.translate("PreferencesDialog", "Preferences") == "التفضيلات"
        assert i18n.translate("NoSuchContext", "Not a message") == "Not a message"  # no translation: the source
    finally:
        i18n.install("en")
    assert i18n.translate("PreferencesDialog", "Preferences") == "Preferences"


@pytest.mark.parametrize(("n", "form"), [(0, 0), (1, 1), (2, 2), (3, 3), (10, 3), (11, 4), (99, 4), (100, 5),
                                         (102, 5), (103, 3), (111, 4), (1000, 5)])
def test_arabic_plural_forms_follow_cldr(n: int, form: int) -> None:
    assert i18n.plural_category(n, 6) == form


def test_english_plural_and_numbers(qapp: QApplication) -> None:
    i18n.install("en")
    assert i18n.plural(1, "{n} document|{n} documents") == "1 document"
    assert i18n.plural(1234, "{n} document|{n} documents") == "1,234 documents"
    assert i18n.decimal(0.5, 2) == "0.50"


def test_arabic_numbers_dates_direction_and_qts_own_buttons(qapp: QApplication) -> None:
    i18n.install("ar")
    try:
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert i18n.integer(1234) == "١٬٢٣٤"
        assert i18n.decimal(0.947, 3) == "٠٫٩٤٧"
        assert i18n.plural(2, "{n} document|{n} documents") == "٢ documents"  # no translation: English's forms
        forms = "لا وثائق|وثيقة واحدة|وثيقتان|{n} وثائق|{n} وثيقة|{n} وثيقة"
        assert [i18n.plural(n, forms) for n in (0, 1, 2, 3, 11, 100)] == [
            "لا وثائق", "وثيقة واحدة", "وثيقتان", "٣ وثائق", "١١ وثيقة", "١٠٠ وثيقة"]
        assert "١٢" in i18n.day("2026-12-04") and "٢٠٢٦" in i18n.day("2026-12-04")
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.buttons()[0].text() not in ("Cancel", "&Cancel")  # Qt's own Arabic (qtbase_ar.qm)
        assert QLocale().language() == QLocale.Language.Arabic
    finally:
        i18n.install("en")
    assert QApplication.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"


def test_choose_language(qapp: QApplication) -> None:
    assert i18n.choose_language("ar", "en") == "ar"  # --lang first
    assert i18n.choose_language(None, "ar") == "ar"  # then the setting
    assert i18n.choose_language(None, "system") in i18n.LANGUAGES  # then the desktop's, if translated
    assert i18n.choose_language("fr", None) == "en"


def test_the_glossary_terms_are_used_consistently() -> None:
    """A handful of the glossary's central terms: where the English says it, the Arabic says it."""
    terms = {"adjudicat": ("تحكيم", "محكم", "حكم"), "claim": ("ادعاء",), "gold": ("ذهبي",),
             "suggestion": ("اقتراح",), "annotator": ("موسم",)}
    diacritics = regex.compile(r"[\u064B-\u0652&\u0640]")  # harakat, shadda, sukun; accelerators; tatweel
    # not the terms: commands, the file extension, link type names
    not_the_term = regex.compile(r"\*\.annotator|annotator [a-z]+|[a-z_]*claim[a-z_]*_[a-z_]*|same_claim")
    bad = []
    tree = ET.parse(translations.ts_path("ar"))
    for context, message in translations.messages(tree):
        source = not_the_term.sub(" ", (message.findtext("source") or "").lower())
        text = diacritics.sub("", message.findtext("translation") or "")
        for english, arabic in terms.items():
            if english in source and not any(a in text for a in arabic):
                bad.append(f"{context}: {source!r} -> {text!r} (glossary: {english} = {arabic[0]})")
    assert bad == [], "\n".join(bad)


def test_the_agreement_notes_the_window_translates_are_cores_words(qapp: QApplication) -> None:
    """The window keeps its own copy of core's NOTES to translate it: in English the two are equal."""
    from annotator.core.agreement import NOTES
    from annotator.gui.agreement.agreement_window import AgreementWindow

    assert AgreementWindow.shown_notes(NOTES) == NOTES
    i18n.install("ar")
    try:
        assert AgreementWindow.shown_notes(NOTES) != NOTES
    finally:
        i18n.install("en")


def test_steps_are_named_in_the_interfaces_language(qapp: QApplication) -> None:
    """The Undo menu and "Saved: …" name a step through gui/common/steps.py: in English the same
    words as the command's own text, in Arabic the translation; every class it names exists."""
    import annotator.services.adjudication
    import annotator.services.attributes
    import annotator.services.entities
    import annotator.services.gold.commands
    import annotator.services.links
    import annotator.services.notes
    import annotator.services.relations
    import annotator.services.spans
    import annotator.services.suggestions
    from annotator.gui.common.steps import STEPS, step_text
    from annotator.services.entities import CreateEntity
    from annotator.services.links import AddLink
    from annotator.services.notes import SetSpanNote
    from annotator.services.relations import AddRelation
    from annotator.services.spans import AddSpan, UpdateSpan

    services = {cls.__name__ for module in (annotator.services.adjudication, annotator.services.attributes,
                                            annotator.services.entities,
                                            annotator.services.gold.commands, annotator.services.links,
                                            annotator.services.notes, annotator.services.relations,
                                            annotator.services.spans, annotator.services.suggestions)
                for cls in vars(module).values() if isinstance(cls, type)}
    assert set(STEPS) <= services, set(STEPS) - services
    commands = [AddSpan("d", "a", 0, 4, "CLAIM"), UpdateSpan("d", "a", "s", label="ACTOR", description="Relabel ACTOR"),
                UpdateSpan("d", "a", "s", start=1, description="Move edge"), AddRelation("d", "a", "SOURCE", "x", "y"),
                AddLink("a", "SAME_CLAIM", "d", "x", "e", "y"), CreateEntity("a", name="ن"),
                SetSpanNote("d", "a", "s", unsure=True), SetSpanNote("d", "a", "s", comment="")]
    assert [step_text(c) for c in commands] == [c.text for c in commands]
    i18n.install("ar")
    try:
        arabic = [step_text(c) for c in commands]
    finally:
        i18n.install("en")
    assert arabic[0] == "وسم CLAIM" and arabic[3] == "إضافة علاقة SOURCE"
    assert all(a != c.text for a, c in zip(arabic, commands))
