"""``annotator screenshot`` renders the window to a PNG without a screen."""

from __future__ import annotations

from click.testing import CliRunner
from PySide6.QtGui import QImage

from annotator.cli.main import cli


def test_screenshot_writes_a_png_of_the_window(db_path, tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "shot.png"
    result = CliRunner().invoke(cli, ["--db", str(db_path), "screenshot", "--out", str(out), "--docs", "c-vote",
                                      "a-claims", "--annotator", "alice", "--size", "1000x600"], obj={})
    assert result.exit_code == 0, result.output
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 600)
