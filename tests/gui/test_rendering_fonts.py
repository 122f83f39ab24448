"""The bundled Arabic face: shipped in the wheel's data, and enough on a machine with no fonts at all."""

from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.gui.conftest import CLAIM_TEXT, SECOND_TEXT, add_documents

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from pathlib import Path
from PySide6.QtGui import QFontDatabase, QFontInfo
from annotator.gui import main_window
from annotator.gui.screenshot import render_window

window = main_window(sys.argv[1], annotator="probe")
print("pane:", QFontInfo(window.area.panes[0].editor.document().defaultFont()).family())
window.close()
render_window(sys.argv[1], Path(sys.argv[2]), None, annotator="probe", size=(900, 500), select=None)
print("families:", ",".join(QFontDatabase.families()))
"""


def test_resources_fonts_are_in_the_wheels_package_data() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["annotator._resources"]
    files = [p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources" / "fonts").iterdir()]
    assert {"fonts/NotoNaskhArabic-Regular.ttf", "fonts/NotoNaskhArabic-Bold.ttf", "fonts/OFL.txt"} <= set(files)
    for name in files:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


@pytest.mark.slow
def test_a_machine_without_fonts_shows_the_bundled_face_in_the_window_and_the_screenshot(tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "p.sqlite"
    add_documents(db, [("a", "أ", CLAIM_TEXT), ("b", "ب", SECOND_TEXT)])
    conf = tmp_path / "fonts.conf"  # fontconfig with no font folder: no system font at all
    conf.write_text('<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
                    f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n", encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    out = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-c", PROBE, str(db), str(out)], env=env, capture_output=True, check=False,
                            text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert lines["pane"] == "Noto Naskh Arabic"
    assert "Noto Naskh Arabic" in lines["families"].split(",")
    assert out.stat().st_size > 10_000
