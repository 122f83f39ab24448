"""Import progress on a terminal (issue 13): files read, documents written, rate and time left."""

from __future__ import annotations

import io
from pathlib import Path

from annotator.cli.progress import TerminalProgress, remaining
from annotator.services.imports.documents import import_paths
from annotator.services.project import Project


def test_the_line_says_done_total_rate_and_time_left() -> None:
    now = [0.0]
    out = io.StringIO()
    bar = TerminalProgress(out, force=True, every=0.5, clock=lambda: now[0])
    bar("reading", 0, 1000)
    now[0] = 2.0
    bar("reading", 400, 1000)
    now[0] = 2.1
    bar("reading", 450, 1000)  # within 0.5 s of the last line: not written
    now[0] = 4.0
    bar("reading", 1000, 1000)  # a phase's end is always written, then a new line
    lines = out.getvalue().split("\r")
    assert lines[2].strip() == "reading 400/1,000 files · 200/s · 3 s left"
    assert lines[3].endswith("\n")  # padded with spaces over the longer line it replaces
    assert lines[3].rstrip() == "reading 1,000/1,000 files · 250/s" and len(lines[3]) - 1 >= len(lines[2])
    assert remaining(185) == "3 min 05 s" and remaining(3720) == "1 h 02 min"


def test_nothing_is_written_where_stderr_is_not_a_terminal() -> None:
    out = io.StringIO()
    bar = TerminalProgress(out)
    bar("writing", 1, 2)
    bar.close()
    assert out.getvalue() == ""


def test_an_import_reports_each_file_read_and_each_document_written(tmp_path: Path, db_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"عنوان {i}\n\nنص الخبر رقم {i}.", encoding="utf-8")
    (tmp_path / "same.txt").write_text("عنوان 0\n\nنص الخبر رقم 0.", encoding="utf-8")  # a duplicate: not written
    seen: list[tuple[str, int, int]] = []
    project = Project.open(db_path)
    try:
        import_paths(project, [tmp_path], progress=lambda *a: seen.append(a))
    finally:
        project.close()
    assert seen == [("reading", i, 6) for i in range(1, 7)] + [("writing", i, 5) for i in range(1, 6)]
