"""Run every torture script and print one table of their counts.

    python tests/torture/run_all.py [--scale 1.0] [--db-url URL] [--only NAME ...]

Full size by default (70 annotation kills, 44 import kills, 12 upgrade kills, 28 export
kills, three folders holding a 000.txt each, 20 rounds of each race, 1,400 hostile files, 4,005 undo/redo
steps); ``--scale`` multiplies every size (``make torture TORTURE_ARGS=--scale=0.1`` for a quick look).
Exits 1 unless traceback, wrong data stored, lost and duplicates are 0 everywhere.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import torture_annotation
import torture_exports
import torture_fuzz
import torture_imports
import torture_races
import torture_undo
import torture_upgrade
from torture_common import Counts, backend

FULL = {
    "annotation": 70,
    "imports": 44,
    "same names": 3,
    "upgrade": 12,
    "exports": 28,
    "races": 20,
    "fuzz": 1400,
    "undo": 4005,
}


def exports(runs: int, db_url: str | None, seed: int) -> Counts:
    """torture_exports.py's counts in the table's columns (SQLite only: it exports a file project)."""
    c = torture_exports.torture(runs, seed=seed)
    counts = Counts("exports killed")
    counts.tried, counts.traceback, counts.wrong, counts.lost = c.tried, c.tracebacks, c.corrupted, c.missing
    counts.extra["leftovers after the next export"] = c.leftovers
    counts.wrong += c.leftovers
    counts.problems = c.problems
    return counts


def same_names(_runs: int, db_url: str | None, _seed: int) -> Counts:
    import shutil
    import tempfile

    counts = Counts("same file names")
    work = Path(tempfile.mkdtemp(prefix="torture-same-names-"))
    try:
        torture_imports.same_names(counts, db_url, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


SCRIPTS = {
    "annotation": lambda n, url, seed: torture_annotation.torture(n, url, seed),
    "imports": lambda n, url, seed: torture_imports.torture(n, url, seed, same=False),
    "same names": same_names,
    "upgrade": lambda n, url, seed: torture_upgrade.torture(n, url, seed),
    "exports": exports,
    "races": lambda n, url, seed: torture_races.torture(n, url, seed),
    "fuzz": lambda n, url, seed: torture_fuzz.torture(n, url, torture_fuzz.SEED + seed),
    "undo": lambda n, url, seed: torture_undo.torture(n, url, seed),
}
SQLITE_ONLY = {"exports"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--db-url", default="sqlite")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", nargs="*", choices=sorted(SCRIPTS), default=sorted(SCRIPTS, key=list(FULL).index))
    args = parser.parse_args(argv)
    where = backend(args.db_url)
    print(f"torture on {where}, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()} "
          f"({platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}), "
          f"scale {args.scale}, seed {args.seed}", flush=True)
    rows: list[tuple[str, Counts, float]] = []
    for name in args.only:
        if name in SQLITE_ONLY and where != "sqlite":
            continue
        n = max(1, round(FULL[name] * args.scale))
        if name == "same names":
            n = 3  # three folders, one import each
        start = time.monotonic()
        counts = SCRIPTS[name](n, args.db_url, args.seed)
        rows.append((name, counts, time.monotonic() - start))
        print(counts.line(args.db_url), flush=True)
        for p in counts.problems[:10]:
            print("  " + p.replace("\n", "\n    "), flush=True)
    head = ("script", "tried", "refused cleanly", "traceback", "wrong data", "lost", "duplicates", "seconds")
    table = [head] + [(name, str(c.tried), str(c.refused), str(c.traceback), str(c.wrong), str(c.lost),
                       str(c.duplicates), f"{s:.0f}") for name, c, s in rows]
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    print(f"\n{where}:")
    for r in table:
        print("  " + "  ".join(v.ljust(w) if i == 0 else v.rjust(w) for i, (v, w) in enumerate(zip(r, widths))))
    bad = sum(c.bad() for _, c, _ in rows)
    print(f"  {'all clean' if not bad else f'{bad} bad result(s)'}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
