"""Memory comes back when a window closes.

A closed window deletes itself (``WA_DeleteOnClose``): its Qt objects go at once. What
its Python side read (a document's versions, spans, the diff: tens of MB) hangs off
objects in reference cycles (parts keep their window), which only a full collection
frees, and the collector runs one rarely once those objects are old. Memory freed to
the C allocator then mostly stays in the process: glibc gives back the top of its heap
only.

So a window that reads much is built by :func:`released_on_close`: what existed before
is moved out of the collector's sight (``gc.freeze``, which costs nothing), and once the
window is destroyed and the event loop is back, one collection scans only what was
made since (a few ms, not the 50–100 ms of the whole heap here, 0.1–0.5 s in a test
process), the rest becomes collectable again (``gc.unfreeze``), and glibc is asked to
return its free pages (``malloc_trim``; nothing on other C libraries). However many
windows close at once, that happens once.

The adjudication view freezes everything it read while it is open and unfreezes it when
it closes (``core.adjudication.gc_paused``); the collection after it then scans the whole
heap, as it must.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QTimer

W = TypeVar("W", bound=QObject)

_pending = False
_trim: Callable[[int], int] | None = None
_trim_looked_up = False


def _malloc_trim() -> Callable[[int], int] | None:
    """glibc's ``malloc_trim`` (None elsewhere: other allocators give memory back themselves)."""
    global _trim, _trim_looked_up
    if not _trim_looked_up:
        _trim_looked_up = True
        if sys.platform.startswith("linux"):
            try:
                _trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
            except (OSError, AttributeError):  # musl and other C libraries without it
                _trim = None
    return _trim


def release_memory() -> None:
    """Collect what closed windows left (the objects made since the last freeze), make the rest
    collectable again and give the free heap back to the system."""
    global _pending
    _pending = False
    gc.collect()
    gc.unfreeze()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _soon() -> None:  # no argument: the object passed with destroyed is half gone
    global _pending
    if not _pending and QCoreApplication.instance() is not None:
        _pending = True
        QTimer.singleShot(0, release_memory)  # after the deferred deletes of the same close


def released_on_close(build: Callable[[], W]) -> W:
    """The window *build* makes, whose memory is released soon after it is destroyed (see above)."""
    gc.freeze()
    try:
        window = build()
    except BaseException:
        gc.unfreeze()
        raise
    window.destroyed.connect(_soon)
    return window
