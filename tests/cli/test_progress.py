"""Import progress on a terminal (issue 13): bytes read of the files, rate and time left."""

from __future__ import annotations

import io
import json
from pathlib import Path

from annotator.cli.progress import TerminalProgress, remaining
from annotator.services.imports.documents import import_paths
from annotator.services.imports.progress import progress_line
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


def test_an_import_reports_the_bytes_of_each_file_read(tmp_path: Path, db_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text(f"عنوان {i}\n\nنص الخبر رقم {i}.", encoding="utf-8")
    (tmp_path / "same.txt").write_text("عنوان 0\n\nنص الخبر رقم 0.", encoding="utf-8")  # a duplicate: not written
    seen: list[tuple[str, int, int]] = []
    project = Project.open(db_path)
    try:
        import_paths(project, [tmp_path], progress=lambda *a: seen.append(a))
    finally:
        project.close()
    sizes = [f.stat().st_size for f in sorted(tmp_path.glob("*.txt"))]
    assert seen == [("importing", sum(sizes[:i]), sum(sizes)) for i in range(1, 7)]


def test_a_jsonl_file_reports_its_bytes_as_its_lines_are_read(tmp_path: Path, db_path: Path) -> None:
    f = tmp_path / "many.jsonl"
    lines = [json.dumps({"id": f"d{i}", "text": f"نص الخبر رقم {i}."}, ensure_ascii=False) + "\n" for i in range(5)]
    f.write_text("".join(lines), encoding="utf-8")
    seen: list[tuple[str, int, int]] = []
    project = Project.open(db_path)
    try:
        import_paths(project, [f], progress=lambda *a: seen.append(a))
    finally:
        project.close()
    ends = [len("".join(lines[:i]).encode()) for i in range(1, 6)]
    assert seen == [("importing", end, ends[-1]) for end in ends]  # the end once: the line ends once


def test_the_bytes_read_are_said_in_kilobytes_or_megabytes() -> None:
    assert progress_line("importing", 52_400_000, 108_000_000, 4.0) == "importing 52.4/108.0 MB · 13.1 MB/s · 4 s left"
    assert progress_line("importing", 2_000, 8_000, 1.0) == "importing 2.0/8.0 kB · 2.0 kB/s · 3 s left"
    assert progress_line("importing", 0, 300, 0.0) == "importing 0/300 bytes"
