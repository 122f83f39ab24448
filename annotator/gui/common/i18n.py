"""The interface's language: Qt's translations, plural forms, and numbers and dates by locale.

Every string the window shows goes through :func:`translate` with a literal context and
source, which is what ``pyside6-lupdate`` reads (``make translations`` extracts them into
``resources/translations/annotator_ar.ts`` and compiles the ``.qm`` that ships; the ``.qm``
is never committed). Counts go through :func:`plural`: Python's lupdate cannot mark a
message as numerus, so a plural message holds its forms separated by ``|``: two in English
(one|other), six in Arabic (zero|one|two|few|many|other, CLDR's categories), and
:func:`plural` picks the form by the number of forms it was given.

Numbers, percentages and dates the interface shows follow the chosen locale (Arabic-Indic
digits with ``--lang ar`` unless the desktop's own Arabic locale uses Western ones); what is
stored and exported stays ISO with Western digits: these functions are for display only.

The language is chosen once, before the first window: ``--lang``, else the setting
(Preferences ▸ Language), else the desktop's locale. Arabic mirrors the whole layout
(``Qt.RightToLeft``); document text keeps its own direction, per document.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLibraryInfo, QLocale, Qt, QTime, QTranslator

LANGUAGES = ("en", "ar")  # what the interface is translated into ("en" is the source)
LANGUAGE_NAMES = {"en": "English", "ar": "العربية"}  # each in its own language, as language menus show them
SYSTEM = "system"  # the setting's value for "the desktop's language"

_current = "en"
_installed: list[QTranslator] = []


def translate(context: str, source: str, disambiguation: str | None = None) -> str:
    """*source* in the interface's language (itself when there is no translation).

    Call it with literal strings, ``translate("ExportDialog", "Export")``: lupdate reads the
    call, not the value. Placeholders are ``{name}``, filled by ``.format`` after translating.
    """
    return QCoreApplication.translate(context, source, disambiguation)


def plural_category(n: int, forms: int) -> int:
    """Which of *forms* plural forms fits *n*: CLDR's rules for English (2) and Arabic (6)."""
    n = abs(int(n))
    if forms == 6:  # zero, one, two, few (3-10), many (11-99), other (100, 101, 102, ...)
        if n == 0:
            return 0
        if n == 1:
            return 1
        if n == 2:
            return 2
        if 3 <= n % 100 <= 10:
            return 3
        if 11 <= n % 100 <= 99:
            return 4
        return 5
    if forms == 2:
        return 0 if n == 1 else 1
    return 0


def plural(n: int, forms: str, **values: object) -> str:
    """The form of the translated *forms* ("{n} document|{n} documents") that fits *n*, with
    ``{n}`` as a number of the locale and the other ``{name}`` placeholders filled."""
    options = forms.split("|")
    chosen = options[min(plural_category(n, len(options)), len(options) - 1)]
    return chosen.format(n=integer(n), **values)


def locale() -> QLocale:
    """The interface's locale (numbers, dates): the default, set by :func:`install`."""
    return QLocale()


def integer(n: int) -> str:
    """*n* with the locale's digits and grouping (١٬٢٣٤ in Arabic, 1,234 in English)."""
    return QLocale().toString(int(n))


def decimal(x: float, places: int = 2) -> str:
    """*x* with *places* decimals, the locale's digits and decimal separator."""
    return QLocale().toString(float(x), "f", places)


def percent(fraction: float, places: int = 0) -> str:
    """*fraction* (0.5) as a percentage of the locale (50%, ٥٠٪)."""
    loc = QLocale()
    return loc.toString(float(fraction) * 100, "f", places) + loc.percent()


def day(value: date | str) -> str:
    """A date (ISO string or :class:`date`) in the locale's short format."""
    d = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return QLocale().toString(QDate(d.year, d.month, d.day), QLocale.FormatType.ShortFormat)


def moment(value: datetime | str) -> str:
    """A date and time (ISO string or :class:`datetime`) in the locale's short format."""
    dt = datetime.fromisoformat(value) if isinstance(value, str) else value
    q = QDateTime(QDate(dt.year, dt.month, dt.day), QTime(dt.hour, dt.minute, dt.second))
    return QLocale().toString(q, QLocale.FormatType.ShortFormat)


def current_language() -> str:
    """The language :func:`install` chose ("en" before it ran)."""
    return _current


def choose_language(explicit: str | None, setting: str | None) -> str:
    """``--lang``, else the setting, else the desktop's locale; English when none is translated."""
    for wish in (explicit, setting):
        if wish and wish != SYSTEM:
            return wish if wish in LANGUAGES else "en"
    system = QLocale.system().name().split("_")[0]
    return system if system in LANGUAGES else "en"


def _interface_locale(language: str) -> QLocale:
    system = QLocale.system()
    if system.name().split("_")[0] == language:
        return system  # the desktop's own country (ar_MA keeps its Western digits)
    return QLocale("en_US" if language == "en" else language)


def translations_dir() -> Path:
    from annotator.resources import resources_dir

    return resources_dir() / "translations"


def compiled(language: str) -> Path | None:
    """The compiled translation (``annotator_<language>.qm``) to load.

    Built by ``make translations`` (and into the wheel and the bundle). A checkout without it
    (or with a ``.ts`` newer than it) has it compiled into the user's cache by
    ``pyside6-lrelease``, so running from sources never shows a stale translation.
    """
    folder = translations_dir()
    qm, ts = folder / f"annotator_{language}.qm", folder / f"annotator_{language}.ts"
    if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.is_file():
        return qm if qm.is_file() else None
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).with_name("pyside6-lrelease"))
    if not Path(lrelease).is_file():
        return qm if qm.is_file() else None
    import platformdirs

    cache = Path(platformdirs.user_cache_dir("annotator")) / "translations"
    cache.mkdir(parents=True, exist_ok=True)
    out = cache / f"annotator_{language}-{int(ts.stat().st_mtime_ns)}.qm"
    if not out.is_file():
        tmp = out.with_suffix(f".{os.getpid()}.tmp")
        done = subprocess.run([lrelease, "-silent", str(ts), "-qm", str(tmp)], capture_output=True, check=False)
        if done.returncode != 0 or not tmp.is_file():
            return qm if qm.is_file() else None
        tmp.replace(out)
    return out


def install(language: str) -> str:
    """Load *language* into the running application: Qt's own translations (its dialogs and
    buttons), the program's, the locale for numbers and dates, and the layout direction.
    Called again, it replaces the previous language. The language installed."""
    global _current
    app = QCoreApplication.instance()
    language = language if language in LANGUAGES else "en"
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, folder in (("qtbase", qt_dir), ("annotator", None)):
            translator = QTranslator(app)
            path = str(compiled(language) or "") if folder is None else f"{folder}/{name}_{language}.qm"
            if path and translator.load(path):
                QCoreApplication.installTranslator(translator)
                _installed.append(translator)
    QLocale.setDefault(_interface_locale(language))
    from PySide6.QtWidgets import QApplication

    if isinstance(app, QApplication):
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if language == "ar"
                               else Qt.LayoutDirection.LeftToRight)
    _current = language
    return language


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark *source* for extraction where it is defined (a module-level table) and translate it
    where it is shown, with ``translate(context, source)``: lupdate reads this call."""
    return source
