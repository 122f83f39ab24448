"""Linux desktop integration, checked by the tools made for it: the desktop entry
(desktop-file-validate), the AppStream metadata (appstreamcli), the MIME type of a
project file, and the icon set the package ships (SVG and the usual PNG sizes)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (.ci/run installs it: apt-get install desktop-file-utils appstream)")
    return found


def test_the_desktop_entry_validates_and_opens_project_files() -> None:
    entry = PACKAGING / "annotator.desktop"
    result = subprocess.run([_tool("desktop-file-validate"), str(entry)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "error" not in result.stdout.lower(), result.stdout + result.stderr
    text = entry.read_text(encoding="utf-8")
    assert "Exec=annotator-gui %f" in text and "MimeType=application/x-annotator-project;" in text
    assert "Icon=annotator" in text


def test_the_appstream_metadata_validates() -> None:
    result = subprocess.run([_tool("appstreamcli"), "validate", "--no-net",
                             str(PACKAGING / "io.github.annotator.metainfo.xml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_mime_type_names_the_glob_and_the_icon() -> None:
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    root = ET.parse(PACKAGING / "annotator-mime.xml").getroot()
    [kind] = root.findall("m:mime-type", ns)
    assert kind.get("type") == "application/x-annotator-project"
    assert [g.get("pattern") for g in kind.findall("m:glob", ns)] == ["*.annotator"]
    assert kind.find("m:sub-class-of", ns).get("type") == "application/vnd.sqlite3"  # type: ignore[union-attr]


def test_the_icon_set_is_there_at_every_size() -> None:
    from PySide6.QtGui import QImage

    assert (ICONS / "annotator.svg").is_file()
    for size in SIZES:
        image = QImage(str(ICONS / f"annotator-{size}.png"))
        assert (image.width(), image.height()) == (size, size), size
        assert image.hasAlphaChannel()


def test_the_window_carries_the_icon(qapp) -> None:  # type: ignore[no-untyped-def]
    from annotator.gui.app import application_icon, ensure_application

    icon = application_icon()
    assert not icon.isNull() and {s.width() for s in icon.availableSizes()} >= {16, 32, 48, 256}
    assert not ensure_application().windowIcon().isNull()
