"""Write a file or a folder so that it appears whole or not at all, and clean up after a run
that was killed (no Qt, no SQL: plain files, for every writer of the program).

The rule (ARCHITECTURE.md, "Writing files"):

* A writer of TARGET puts everything beside it, under names of its own: ``.TARGET.XXXXXXXX.part``
  for what it is writing, ``.TARGET.XXXXXXXX.old/previous`` for the output it is replacing
  while ``force`` swaps it (between the two renames).
* It holds an exclusive ``flock`` on ``.TARGET.lock`` from before it looks for leftovers until
  its own temporaries are gone; the file holds its process id, for the message a second
  writer gets. The kernel releases the lock however the process ends (``kill -9``
  included), so the holder knows that every ``.TARGET.*.part`` and ``.old`` belongs to a
  run that is over: it restores ``previous`` when TARGET is missing (a replacement that
  never finished; the old output comes back), then removes every other leftover, and says
  what it did through *notice*. Leftovers of the versions without a lock have the same
  names and are cleaned up the same way.
* A second writer of the same TARGET while the first is alive is refused at once
  (:class:`TargetBusy`, naming the process) and touches nothing of the first one's.
* Created files and folders get ``0666``/``0777`` less the umask, like any file the user
  makes (``mkstemp``/``mkdtemp`` would give ``0600``/``0700``).

``ANNOTATOR_TEST_EXPORT_HOOK`` is a hook for the crash tests only (tests/services/
test_export_recovery.py, tests/torture/torture_exports.py): unset, it costs one dictionary
look-up per call of :func:`crash_test_hook`. Its value is ``;``-separated entries
``POINT[@N]:ACTION``; POINT is ``part`` (the temporary exists), ``document`` (after each
document written; ``@N`` after the N-th), ``swap`` (between the two renames of ``force``);
ACTION is ``kill`` (the process sends itself SIGKILL), ``sleep=SECONDS``, or ``pause=PATH``
(create PATH, then wait until it is removed).
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TextIO

from annotator.core.errors import AnnotatorError

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

Notice = Callable[[str], None]
HOOK_VARIABLE = "ANNOTATOR_TEST_EXPORT_HOOK"

_log = logging.getLogger(__name__)


class AtomicError(AnnotatorError):
    """A target that cannot be written (exists, busy, not a folder); the message is for the user."""


class TargetBusy(AtomicError):
    """Another live process is writing the same target."""


# -- names ---------------------------------------------------------------------------------

def _folder_of(target: Path) -> Path:
    return target.parent if str(target.parent) else Path(".")


def lock_path(target: Path) -> Path:
    return _folder_of(target) / f".{target.name}.lock"


def _pattern(target: Path) -> re.Pattern[str]:
    # the 8 characters never hold a dot, so the leftovers of "set.v2" never match "set"
    return re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.(part|old)")


def leftovers(target: Path) -> list[Path]:
    """The temporaries of *target* in its folder (``.TARGET.XXXXXXXX.part`` / ``.old``),
    whoever made them; sorted by name."""
    folder = _folder_of(target)
    pattern = _pattern(target)
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / n for n in sorted(names) if pattern.fullmatch(n)]


def _fresh(target: Path, suffix: str, make: Callable[[Path], None]) -> Path:
    """Make a new ``.TARGET.XXXXXXXX.SUFFIX`` with *make*, which must fail if it exists."""
    for _ in range(100):
        path = _folder_of(target) / f".{target.name}.{secrets.token_hex(4)}.{suffix}"
        try:
            make(path)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free temporary name beside {target}")


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


# -- the lock ------------------------------------------------------------------------------

def _holder(path: Path) -> str:
    try:
        pid = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


@contextmanager
def target_lock(target: Path, *, error: type[Exception] = AtomicError) -> Iterator[bool]:
    """Hold ``.TARGET.lock`` (see the module docstring); refuse with *error* (a
    :class:`TargetBusy` when *error* is the default) if a live process holds it. The
    lock file is removed on release. Yields False on a file system without ``flock``
    (or without fcntl): then nobody can tell a leftover from a live temporary, and the
    caller must leave them alone."""
    path = lock_path(target)
    busy = TargetBusy if error is AtomicError else error
    held = fcntl is not None
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise error(f"cannot write in {_folder_of(target)}: {exc.strerror or exc}") from None
        try:
            if held:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise busy(f"another export to {target} is running{_holder(path)}: wait until it has finished, "
                       "or choose another name") from None
        except OSError as exc:  # ENOLCK, EOPNOTSUPP: some network file systems
            _log.warning("cannot lock %s (%s): leftovers of interrupted exports are left alone", path,
                         exc.strerror or exc)
            held = False
        except BaseException:
            os.close(fd)
            raise
        # The holder before us may have removed the file between our open and our lock:
        # then we hold a lock on a file nobody else will open again; start over.
        try:
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield held
    finally:
        with suppress(OSError):
            path.unlink()  # still ours: nobody else holds the lock
        os.close(fd)


# -- recovery ------------------------------------------------------------------------------

def _size(path: Path) -> int:
    if path.is_symlink() or not path.is_dir():
        try:
            return path.lstat().st_size
        except OSError:
            return 0
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            with suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


def _human(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} bytes"


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _say(notice: Notice | None, message: str) -> None:
    if notice is None:
        _log.warning("%s", message)
    else:
        notice(message)


def _recover_locked(target: Path, notice: Notice | None) -> list[str]:
    """With the lock held: put back a replaced output that never got its successor, then
    remove the other leftovers. Returns the messages (also given to *notice*)."""
    said: list[str] = []
    found = leftovers(target)
    if not found:
        return said
    if not _exists(target):
        saved = [p for p in found if p.name.endswith(".old") and _exists(p / "previous")]
        if saved:
            newest = max(saved, key=lambda p: p.lstat().st_mtime_ns)
            os.replace(newest / "previous", target)
            said.append(f"recovered the previous export of {target} left by an interrupted run "
                        "(its replacement had not finished)")
    rest = [p for p in found if _exists(p)]
    sizes = {p: _size(p) for p in rest}
    folders = {p for p in rest if p.is_dir() and not p.is_symlink()}
    for p in rest:
        _remove(p)
    gone = [p for p in rest if not _exists(p)]
    if gone:
        n_folders = len(folders.intersection(gone))
        kind = "folder" if n_folders == len(gone) else "file" if n_folders == 0 else ""
        noun = (kind if len(gone) == 1 else kind + "s") if kind else "files and folders"
        said.append(f"removed {len(gone)} leftover temporary {noun} ({_human(sum(sizes[p] for p in gone))}) "
                    f"of an interrupted export of {target}")
    if len(gone) < len(rest):
        said.append(f"could not remove {', '.join(p.name for p in rest if p not in gone)} in "
                    f"{_folder_of(target)}: remove it by hand")
    for message in said:
        _say(notice, message)
    return said


def recover(target: Path, *, notice: Notice | None = None) -> list[str]:
    """Clean up after interrupted writers of *target* now (taking its lock for the moment);
    does nothing while a live process is writing it. Returns what it did, in words."""
    target = Path(target)
    if not _folder_of(target).is_dir() or not leftovers(target):
        return []
    try:
        with target_lock(target) as held:
            return _recover_locked(target, notice) if held else []
    except TargetBusy:
        return []


# -- writing -------------------------------------------------------------------------------

def _start(target: Path, held: bool, force: bool, notice: Notice | None, error: type[Exception],
           make: Callable[[Path], None]) -> Path:
    """What both writers do with the lock held: recovery first (a restored output counts
    as existing), then refuse an existing target without *force*, then make the temporary."""
    if held:
        _recover_locked(target, notice)
    if _exists(target) and not force:
        raise error(f"{target} already exists: choose another name or use --force to replace it")
    try:
        return _fresh(target, "part", make)
    except OSError as exc:
        raise error(f"cannot write in {_folder_of(target)}: {exc.strerror or exc}") from None


def _check_folder(target: Path, error: type[Exception]) -> None:
    if not _folder_of(target).is_dir():
        raise error(f"{_folder_of(target)} is not a folder")


@contextmanager
def folder(target: Path, *, force: bool = False, notice: Notice | None = None,
           error: type[Exception] = AtomicError) -> Iterator[Path]:
    """A temporary folder beside *target*, renamed to *target* when the block succeeds
    (replacing it only with *force*) and removed when it fails. Refusals raise *error*."""
    target = Path(target)
    _check_folder(target, error)
    with target_lock(target, error=error) as held:
        tmp = _start(target, held, force, notice, error, lambda p: os.mkdir(p, 0o777))
        try:
            crash_test_hook("part")
            yield tmp
            if _exists(target):
                old = _fresh(target, "old", lambda p: os.mkdir(p, 0o777))
                os.replace(target, old / "previous")
                try:
                    crash_test_hook("swap")
                    os.replace(tmp, target)
                except BaseException:
                    os.replace(old / "previous", target)
                    raise
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise


@contextmanager
def text_file(target: Path, *, force: bool = False, notice: Notice | None = None,
              error: type[Exception] = AtomicError) -> Iterator[TextIO]:
    """A UTF-8 text file (``\\n`` line ends) written beside *target* and renamed into place
    when the block succeeds (replacing it only with *force*); removed when it fails."""
    target = Path(target)
    _check_folder(target, error)
    with target_lock(target, error=error) as held:
        fds: list[int] = []
        tmp = _start(target, held, force, notice, error,
                     lambda p: fds.append(os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)))
        try:
            with os.fdopen(fds[0], "w", encoding="utf-8", newline="\n") as fh:
                crash_test_hook("part")
                yield fh
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise


# -- the crash tests' hook -----------------------------------------------------------------

def crash_test_hook(point: str, count: int | None = None) -> None:
    """Act as ``ANNOTATOR_TEST_EXPORT_HOOK`` says at *point* (see the module docstring).
    For the crash tests only; does nothing when the variable is unset."""
    spec = os.environ.get(HOOK_VARIABLE)
    if not spec:
        return
    for entry in spec.split(";"):
        where, _, action = entry.strip().partition(":")
        name, _, nth = where.partition("@")
        if name != point or (nth and (count is None or int(nth) != count)):
            continue
        verb, _, arg = action.partition("=")
        if verb == "kill":
            os.kill(os.getpid(), signal.SIGKILL)
        elif verb == "sleep":
            time.sleep(float(arg))
        elif verb == "pause":
            flag = Path(arg)
            flag.write_text(str(os.getpid()), encoding="ascii")
            while flag.exists():
                time.sleep(0.02)
