"""At 200% (a HiDPI screen, device pixel ratio 2) the window is drawn at twice the pixels,
crisp: not the 100% picture blown up. ``annotator screenshot --scale 2`` in a fresh
program (the ratio is set before Qt starts), compared with ``--scale 1`` scaled up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from annotator.resources import samples_dir


def shot(db: Path, out: Path, scale: str) -> QImage:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(out.parent)}
    env.pop("QT_SCALE_FACTOR", None)
    subprocess.run([sys.executable, "-m", "annotator", "--db", str(db), "screenshot", "--docs", "01-alrased",
                    "--size", "600x400", "--scale", scale, "--out", str(out)], env=env, check=True,
                   capture_output=True, timeout=300)
    return QImage(str(out))


def test_the_window_at_200_percent_is_drawn_crisp_at_twice_the_pixels(tmp_path: Path) -> None:
    db = tmp_path / "p.sqlite"
    subprocess.run([sys.executable, "-m", "annotator", "import", str(samples_dir()), "--db", str(db)],
                   check=True, capture_output=True, timeout=300)
    one = shot(db, tmp_path / "one.png", "1")
    two = shot(db, tmp_path / "two.png", "2")
    assert (one.width(), one.height()) == (600, 400)
    assert (two.width(), two.height()) == (1200, 800)
    blown = one.scaled(1200, 800, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation)
    # where the 100% picture blown up has a hard 2x2 block, the 200% one has finer detail:
    # many pixels differ (text edges, borders), though the layout is the same
    step = 3
    differ = sum(two.pixel(x, y) != blown.pixel(x, y) for x in range(0, 1200, step) for y in range(0, 800, step))
    assert differ > 0.03 * (1200 // step) * (800 // step)
    # and the 200% picture has 1-pixel detail: two neighbouring columns differ inside a 2x2 block somewhere
    assert any(two.pixel(x, y) != two.pixel(x + 1, y) for x in range(0, 1198, 2) for y in range(100, 800, 7))
