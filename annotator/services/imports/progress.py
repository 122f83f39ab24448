"""How far an import is, said in words: the pure part shared by the terminal's line
(``cli/progress.py``) and the window's progress dialog (no Qt, no terminal here).

An import reports ``(phase, done, total)`` (:data:`annotator.services.imports.files.Progress`);
``importing`` counts bytes of the files read, other phases count what :data:`UNITS` says.
"""

from __future__ import annotations

#: what each phase counts (``importing``: bytes, shown in kB or MB)
UNITS = {"reading": "files", "writing": "documents", "importing": "bytes"}


def remaining(seconds: float) -> str:
    """"12 s", "3 min 05 s", "1 h 02 min"."""
    s = int(seconds + 0.5)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60:02d} s"
    return f"{s // 3600} h {s % 3600 // 60:02d} min"


def _bytes_unit(total: int) -> tuple[float, str]:
    if total >= 1_000_000:
        return 1e6, "MB"
    if total >= 1_000:
        return 1e3, "kB"
    return 1.0, "bytes"


def amount(phase: str, done: int, total: int) -> str:
    """``done/total`` with the phase's unit: "1,234/100,000 files", "52.4/108.0 MB"."""
    unit = UNITS.get(phase, "")
    if unit == "bytes":
        scale, name = _bytes_unit(total)
        if scale == 1.0:
            return f"{done:,}/{total:,} {name}"
        return f"{done / scale:,.1f}/{total / scale:,.1f} {name}"
    return f"{done:,}/{total:,} {unit}".rstrip()


def rate(phase: str, done: int, elapsed: float, total: int) -> str:
    """How fast: "850/s", "11.2 MB/s" (empty before anything is done)."""
    if elapsed <= 0 or not done:
        return ""
    per_second = done / elapsed
    if UNITS.get(phase) == "bytes":
        scale, name = _bytes_unit(total)
        return f"{per_second:,.0f} {name}/s" if scale == 1.0 else f"{per_second / scale:,.1f} {name}/s"
    return f"{per_second:,.0f}/s"


def time_left(done: int, total: int, elapsed: float) -> str:
    """"3 s left" at the rate so far (empty when unknown or done)."""
    if elapsed <= 0 or not done or done >= total:
        return ""
    return f"{remaining((total - done) / (done / elapsed))} left"


def progress_line(phase: str, done: int, total: int, elapsed: float) -> str:
    """"importing 52.4/108.0 MB · 11.2 MB/s · 5 s left": the phase, how far, the rate,
    the time left (the parts known so far)."""
    parts = [f"{phase} {amount(phase, done, total)}", rate(phase, done, elapsed, total),
             time_left(done, total, elapsed)]
    return " · ".join(p for p in parts if p)
