"""How far a long command is, on the terminal: one line rewritten in place.

``annotator import`` shows "importing 52.4/108.0 MB · 11.2 MB/s · 5 s left" (the bytes of
its files read: it reads, checks and writes in one pass). Only on a terminal (stderr a TTY): a pipe or a log
gets the command's result lines alone, as before.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from annotator.services.imports.progress import progress_line, remaining

# the words are services/imports/progress.py's (the window's progress dialog says the same)
__all__ = ["TerminalProgress", "remaining"]


class TerminalProgress:
    """A progress callback ``(phase, done, total)`` that rewrites one line at most every
    *every* seconds (and always at a phase's end)."""

    def __init__(self, stream: TextIO | None = None, *, force: bool = False, every: float = 0.2,
                 clock: Callable[[], float] | None = None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.shown = force or self.stream.isatty()
        self.every = every
        self.clock = clock or time.monotonic
        self._phase = ""
        self._started = 0.0
        self._last = -1.0
        self._width = 0

    def line(self, phase: str, done: int, total: int, elapsed: float) -> str:
        return progress_line(phase, done, total, elapsed)

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.shown:
            return
        now = self.clock()
        if phase != self._phase:
            self._phase, self._started, self._last = phase, now, -1.0
        if done < total and now - self._last < self.every:
            return
        self._last = now
        text = self.line(phase, done, total, now - self._started)
        self.stream.write("\r" + text.ljust(self._width))
        self._width = len(text)
        if done >= total:
            self.stream.write("\n")
            self._width = 0
        self.stream.flush()

    def close(self) -> None:
        """End a line left open (an import that stopped half way)."""
        if self.shown and self._width:
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0
