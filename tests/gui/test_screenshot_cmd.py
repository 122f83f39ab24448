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


def test_screenshot_in_arabic_is_mirrored(db_path, tmp_path, qapp) -> None:  # type: ignore[no-untyped-def]
    """--lang ar: the window in Arabic, its layout mirrored (the menus start at the right)."""
    from PySide6.QtGui import QImage

    from annotator.gui.common import i18n

    assert run("annotators", "add", "alice", "--db", str(db_path)).exit_code == 0
    shots = {}
    for lang in ("en", "ar"):
        out = tmp_path / f"{lang}.png"
        result = run("--db", str(db_path), "screenshot", "--out", str(out), "--as", "alice", "--lang", lang)
        assert result.exit_code == 0, result.output
        shots[lang] = QImage(str(out))
    assert i18n.current_language() == "ar"  # the last one installed Arabic (the fixture restores English)
    en, ar = shots["en"], shots["ar"]
    assert en.size() == ar.size()

    def ink(image, x0: int, x1: int) -> int:  # type: ignore[no-untyped-def]
        """Dark pixels in the menu bar's row between x0 and x1."""
        return sum(1 for x in range(x0, x1) for y in range(2, 18) if image.pixelColor(x, y).lightness() < 110)

    w = en.width()
    assert ink(en, 0, w // 4) > ink(en, 3 * w // 4, w)  # English menus on the left
    assert ink(ar, 3 * w // 4, w) > ink(ar, 0, w // 4)  # Arabic menus on the right
