"""The installed window on a real X server (Xvfb): what the offscreen platform hides — the
xcb plugin and the X libraries it needs — fails here. The installed ``annotator-gui`` is
started on a project, its window is waited for, photographed with the X tools (ImageMagick's
``import``), and closed with Ctrl+Q; the program must then end cleanly.

Needs Debian's xvfb, xdotool and imagemagick and Qt's xcb libraries (.ci/run installs them);
skipped without them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOOLS = ("Xvfb", "xdotool", "import")


def _need() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed (.ci/run: apt-get install xvfb xdotool imagemagick)")


@pytest.fixture
def display(tmp_path: Path):  # type: ignore[no-untyped-def]
    _need()
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    with os.fdopen(read, "rb") as pipe:
        while not number.endswith(b"\n"):
            chunk = pipe.read(1)
            if not chunk:
                break
            number += chunk
    if not number.strip():
        server.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number.decode().strip()}"
    server.terminate()
    server.wait(timeout=30)


def test_the_installed_window_opens_draws_and_closes_on_a_real_x_server(display: str, tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent
    gui = bin_dir / "annotator-gui"
    cli = bin_dir / "annotator"
    assert gui.is_file() and cli.is_file(), "the entry points are installed with the package"
    project = tmp_path / "p.annotator"
    from annotator.resources import samples_dir

    subprocess.run([str(cli), "import", str(samples_dir()), "--db", str(project)], check=True,
                   capture_output=True, timeout=120)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "DISPLAY": display,
           "QT_QPA_PLATFORM": "xcb", "ANNOTATOR_USER": "alice", "XDG_RUNTIME_DIR": str(tmp_path)}
    window = subprocess.Popen([str(gui), str(project)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        found = subprocess.run(["xdotool", "search", "--sync", "--onlyvisible", "--name", "^annotator"],
                               env=env, capture_output=True, text=True, timeout=60)
        assert found.returncode == 0 and found.stdout.strip(), (found.stdout, found.stderr)
        wid = found.stdout.split()[0]
        time.sleep(1.0)  # its first paint
        shot = tmp_path / "window.png"
        subprocess.run(["import", "-window", wid, str(shot)], env=env, check=True, timeout=60)
        from PySide6.QtGui import QImage

        image = QImage(str(shot))
        assert image.width() >= 600 and image.height() >= 400
        colours = {image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)}
        assert len(colours) > 20, "the window drew something (text, spans, panels), not one flat colour"
        subprocess.run(["xdotool", "windowfocus", "--sync", wid, "key", "--clearmodifiers", "ctrl+q"],  # no WM: focus
                       env=env, check=True, timeout=60)
        code = window.wait(timeout=60)
        output = window.stdout.read().decode("utf-8", "replace") if window.stdout else ""
        assert code == 0, output
        assert "Could not load the Qt platform plugin" not in output
    finally:
        if window.poll() is None:
            window.kill()
            window.wait(timeout=30)
