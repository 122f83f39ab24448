"""The interface's translations: extract, fill, check and compile (``make translations``).

    python packaging/translations.py extract          # lupdate: annotator/ -> resources/translations/annotator_ar.ts
    python packaging/translations.py fill PART.json   # set translations from {context: {source: arabic}}
    python packaging/translations.py check            # unfinished messages, placeholders, plural forms
    python packaging/translations.py release          # lrelease: the .ts -> annotator_ar.qm (not committed)

The .ts is the source of the translation (edit it with Qt Linguist, ``pyside6-linguist``, or
with ``fill``); the .qm is built from it for the wheel and the bundle. ``check`` is also what
the test suite runs (tests/gui/test_translations.py).

A plural message holds its forms separated by ``|`` (see annotator/gui/common/i18n.py): its
English source has two (one|other), its Arabic translation six (zero|one|two|few|many|other).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("ar",)
PLACEHOLDER = re.compile(r"\{[a-z_][a-z0-9_]*(?:[!:][^{}]*)?\}")


def ts_path(language: str) -> Path:
    return FOLDER / f"annotator_{language}.ts"


def qt_tool(name: str) -> str:
    """``pyside6-lupdate`` or ``pyside6-lrelease``: beside this Python, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.is_file() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6-Essentials)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "annotator" / "gui").rglob("*.py"))


def extract(language: str = "ar") -> None:
    subprocess.run([qt_tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
                    "-source-language", "en", "-target-language", language, *sources(),
                    "-ts", str(ts_path(language))], cwd=ROOT, check=True)


def messages(tree: ET.ElementTree) -> list[tuple[str, ET.Element]]:
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        found.extend((name, m) for m in context.iter("message"))
    return found


def fill(parts: list[Path], language: str = "ar") -> int:
    """Set the translations of *parts* ({context: {source: translation}}) in the .ts: how many."""
    wanted: dict[tuple[str, str], str] = {}
    for part in parts:
        for context, table in json.loads(part.read_text(encoding="utf-8")).items():
            for source, text in table.items():
                wanted[(context, source)] = text
    path = ts_path(language)
    tree = ET.parse(path)
    done = 0
    for context, message in messages(tree):
        key = (context, message.findtext("source") or "")
        if wanted.get(key):
            translation = message.find("translation")
            assert translation is not None
            translation.text = wanted[key]
            translation.attrib.pop("type", None)
            done += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    extract(language)  # lupdate writes it back in its own layout, translations kept
    return done


def problems(language: str = "ar", path: Path | None = None) -> list[str]:
    """What is wrong with the .ts: unfinished messages, placeholders that differ from the
    source, plural messages without the language's six forms."""
    tree = ET.parse(path or ts_path(language))
    found = []
    for context, message in messages(tree):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        text = (translation.text or "") if translation is not None else ""
        where = f"{context}: {source!r}"
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
            found.append(f"{where}: not translated")
            continue
        if sorted(PLACEHOLDER.findall(source.replace("|", " "))) and \
                set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(text)):
            found.append(f"{where}: placeholders {sorted(set(PLACEHOLDER.findall(text)))} in {text!r}")
        if "|" in source and len(source.split("|")) == 2 and len(text.split("|")) != 6:
            found.append(f"{where}: a plural needs six forms (zero|one|two|few|many|other), not {text!r}")
    return found


def release(language: str = "ar", out: Path | None = None) -> Path:
    out = out or FOLDER / f"annotator_{language}.qm"
    subprocess.run([qt_tool("pyside6-lrelease"), "-silent", str(ts_path(language)), "-qm", str(out)], check=True)
    return out


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("extract", "fill", "check", "release"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    for language in LANGUAGES:
        if command == "extract":
            extract(language)
        elif command == "fill":
            print(f"{fill([Path(p) for p in rest], language)} messages translated")
        elif command == "check":
            found = problems(language)
            for line in found:
                print(line)
            print(f"{ts_path(language).name}: {len(found)} problem(s)")
            if found:
                return 1
        else:
            print(f"wrote {release(language)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
