"""Benchmark: a cold start, from a new Python process to the first painted window, against a
bare PySide6 window with the same two texts (issue 13). Prints figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_cold_start.py [--runs 7]

Each run is a new process (the parent times it from spawn to exit; the child exits right
after its window's first paint). The floor: ``QApplication`` + a ``QMainWindow`` with two
``QPlainTextEdit`` showing the same two texts. annotator: the program's own start-up path
(``app.ensure_application``, ``Startup``: open the project, build the window, show it) on
a project with those two documents. Target: within 3x the floor. Also printed: the
child's import time alone and how many SQL statements the start compiled.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"

BARE = r"""
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow, QPlainTextEdit, QSplitter
texts = [open(p, encoding="utf-8").read() for p in sys.argv[1:3]]
app = QApplication(sys.argv[:1])
win = QMainWindow()
split = QSplitter()
for t in texts:
    ed = QPlainTextEdit()
    ed.setPlainText(t)
    split.addWidget(ed)
win.setCentralWidget(split)
win.resize(1400, 850)
win.show()
win.grab()
"""

ANNOTATOR = r"""
import sys, time
t0 = time.perf_counter()
from annotator.gui.app import Startup, ensure_application
from annotator.gui.common.settings import Settings
from PySide6.QtCore import QSettings
import annotator.gui.annotation.window, annotator.services.project, annotator.gui.common.project_error
t_import = time.perf_counter() - t0
app = ensure_application()
compiled = []
from sqlalchemy import event
from sqlalchemy.engine import Engine
event.listen(Engine, "before_cursor_execute", lambda *a: compiled.append(1))
settings = Settings(QSettings(sys.argv[2], QSettings.Format.IniFormat))
settings.annotator = "alice"
startup = Startup(sys.argv[1], settings)
startup.start()
startup.window.grab()
print(f"{t_import:.4f} {len(compiled)}", file=sys.stderr)
"""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, str]:
    t = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    return time.perf_counter() - t, out.stderr.strip().splitlines()[-1] if out.stderr.strip() else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    files = sorted(p for p in CORPUS.glob("*") if p.is_file())[:2]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
           "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user's Python: bytecode cached after the first run
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "two.sqlite"
        subprocess.run([sys.executable, "-m", "annotator", "import", *map(str, files), "--db", str(db)],
                       check=True, capture_output=True, env=env)
        ini = str(Path(tmp) / "settings.ini")
        env["HOME"] = tmp
        bare, ours, imports, statements = [], [], [], []
        run([sys.executable, "-c", ANNOTATOR, str(db), ini], env)  # not timed: writes the bytecode caches
        for _ in range(args.runs):
            seconds, _ = run([sys.executable, "-c", BARE, *map(str, files)], env)
            bare.append(seconds)
            seconds, line = run([sys.executable, "-c", ANNOTATOR, str(db), ini], env)
            ours.append(seconds)
            if line:
                imported, n = line.split()
                imports.append(float(imported))
                statements.append(int(n))
    b, a = statistics.median(bare), statistics.median(ours)
    print(f"cold start to the first painted window, median of {args.runs} runs (min / max):")
    print(f"  bare PySide6, two QPlainTextEdit: {b * 1000:7.0f} ms ({min(bare) * 1000:.0f} / {max(bare) * 1000:.0f})")
    print(f"  annotator, the same two texts:    {a * 1000:7.0f} ms ({min(ours) * 1000:.0f} / {max(ours) * 1000:.0f})"
          f"  -> {a / b:.2f}x (target <= 3x)")
    if imports:
        print(f"  of which importing annotator's window: {statistics.median(imports) * 1000:.0f} ms; "
              f"SQL statements run by the start: {statistics.median(statements):.0f}")


if __name__ == "__main__":
    main()
