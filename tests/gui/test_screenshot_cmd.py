"""``annotator screenshot`` renders the window to a PNG without a screen."""

from __future__ import annotations

from click.testing import CliRunner
from PySide6.QtGui import QImage

from annotator.cli.main import cli


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), obj={})


def test_screenshot_writes_a_png_of_the_window(db_path, tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "new" / "shot.png"
    assert run("annotators", "add", "alice", "--db", str(db_path)).exit_code == 0
    result = run("--db", str(db_path), "screenshot", "--out", str(out), "--docs", "c-vote", "a-claims", "--as", "alice",
                 "--size", "1000x600")
    assert result.exit_code == 0, result.output
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 600)


def test_screenshot_errors_are_one_line_with_exit_2(db_path, tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    """What is found only once the window is built (the rest: tests/cli/test_conventions.py)."""
    out = tmp_path / "shot.png"
    result = run("screenshot", "--out", str(out), "--select", "s-nowhere", "--db", str(db_path))
    assert result.exit_code == 2 and result.output == "error: no span 's-nowhere' in the documents shown\n"
    assert not out.exists()
