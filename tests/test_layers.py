"""Nothing below annotator.gui needs Qt: the CLI, core and a future server run headless."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import annotator


def test_no_module_below_gui_imports_pyside6() -> None:
    modules = [m.name for m in pkgutil.walk_packages(annotator.__path__, "annotator.")
               if not m.name.startswith("annotator.gui") and m.name != "annotator.__main__"]
    assert "annotator.core.offsets" in modules and "annotator.cli.import_cmd" in modules
    code = (
        "import importlib, json, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "print(json.dumps(sorted(k for k in sys.modules if k.startswith(('PySide6', 'shiboken')))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == []
