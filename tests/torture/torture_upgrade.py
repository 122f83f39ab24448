"""Torture: kill -9 a schema upgrade at random moments; the project still opens, nothing lost.

    python tests/torture/torture_upgrade.py --runs 12 [--spans 20000] [--db-url URL] [--seed 0]

Each run builds a project at revision 0002 (alembic to that revision, then the rows of
tests/storage/test_gold_unique_keys.py's ``seed_duplicates``, whose gold 0003 merges, and
*spans* more of alice's spans so the upgrade takes a while), starts ``annotator db upgrade``
or ``annotator info`` (which upgrades on open) on it, and sends SIGKILL after a random
delay between 0 and the length of a whole upgrade. Then the revision is read (the old one,
or the newest), the project is opened as the window would (upgrading it if it is still
old) and its rows compared with those of a project upgraded without a kill.
Counts: tried (kills), traceback (in the killed process or at the next open), wrong data
stored (rows that differ or a revision that is neither), lost (rows missing); also how
many were still at the old revision, with a SQLite backup beside, or upgraded, and the
backup files left beside the project that are not a whole copy (a kill during the backup).
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from torture_common import ROOT, Counts, add_arguments, child_env, fresh_url, is_postgres, report

sys.path.insert(0, str(ROOT / "tests" / "storage"))
OLD = "0002"
NOW = datetime(2026, 11, 30, 10, tzinfo=UTC)


def build_old(url: str, spans: int) -> None:
    import sqlalchemy as sa
    import test_gold_unique_keys as gold

    db = gold.at_revision(sa.make_url(url), OLD)
    gold.seed_duplicates(db)
    with db.engine.begin() as conn:
        gold.insert(conn, "spans", *(gold.span(1000 + i, 1, f"bulk{i}", i % 30, i % 30 + 3, "CLAIM")
                                     for i in range(spans)))
    db.close()


def dump(url: str) -> dict[str, set[tuple[Any, ...]]]:
    import sqlalchemy as sa

    queries = {"documents": "SELECT id, sha256, text FROM documents",
               "annotators": "SELECT name, role FROM annotators",
               "sets": "SELECT id, document_id, annotator_id, kind, status FROM annotation_sets",
               "spans": "SELECT set_id, uid, start_offset, end_offset, label FROM spans",
               "relations": "SELECT set_id, uid, type FROM relations",
               "links": "SELECT uid, type FROM links"}
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {name: {tuple(r) for r in conn.execute(sa.text(q))} for name, q in queries.items()}
    finally:
        engine.dispose()


def revision(url: str) -> str | None:
    import sqlalchemy as sa
    from alembic.runtime.migration import MigrationContext

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def open_project(url: str) -> None:
    from annotator.services.project import Project

    logging.getLogger("annotator.migrations").setLevel(logging.ERROR)  # the merge notice, expected here
    Project.open(url).close()


def whole_backup(path: Path) -> bool:
    """A backup beside the project that is a whole copy of it at the old revision."""
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            return ok and con.execute("SELECT version_num FROM alembic_version").fetchone() == (OLD,)
        finally:
            con.close()
    except sqlite3.Error:
        return False


def argv(url: str, which: str) -> list[str]:
    return [sys.executable, "-m", "annotator", *(["db", "upgrade"] if which == "upgrade" else ["info"]), "--db", url]


def torture(runs: int, db_url: str | None = None, seed: int = 0, spans: int = 20000,
            verbose: bool = False) -> Counts:
    from annotator.storage import migrate

    counts = Counts("upgrade killed")
    counts.extra.update({"still old": 0, "with a backup beside": 0, "upgraded": 0, "partial backup left": 0})
    rnd = random.Random(seed)
    head = migrate.head_revision()
    work = Path(tempfile.mkdtemp(prefix="torture-upgrade-"))
    try:
        url = fresh_url(db_url, work)
        build_old(url, spans)
        start = time.monotonic()
        subprocess.run(argv(url, "upgrade"), check=True, capture_output=True, env=child_env())
        length = time.monotonic() - start
        reference = dump(url)
        for run in range(runs):
            url = fresh_url(db_url, work)
            for p in work.glob("project.backup-*"):
                p.unlink()
            build_old(url, spans)
            counts.tried += 1
            which = ("upgrade", "info")[run % 2]
            delay = rnd.uniform(0.0, length * 1.05)
            proc = subprocess.Popen(argv(url, which), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                    env=child_env())
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            if "Traceback" in err:
                counts.problem("traceback", f"run {run}: the killed {which}:\n{err[-2000:]}")
            rev = revision(url)
            backups = [] if is_postgres(db_url) else list(work.glob("project.backup-*"))
            counts.extra["partial backup left"] += sum(not whole_backup(b) for b in backups)
            if rev == OLD:
                counts.extra["still old"] += 1
                counts.extra["with a backup beside"] += bool(backups)
            elif rev == head:
                counts.extra["upgraded"] += 1
            else:
                counts.problem("wrong", f"run {run}: revision {rev} after the kill")
            try:
                open_project(url)
            except Exception:  # noqa: BLE001 - what the torture counts
                counts.problem("traceback", f"run {run}: opening after the kill:\n{traceback.format_exc()}")
                continue
            got = dump(url)
            for table, rows in reference.items():
                if rows - got[table]:
                    counts.problem("lost", f"run {run}: {len(rows - got[table])} row(s) of {table} missing")
                if got[table] - rows:
                    counts.problem("wrong", f"run {run}: {len(got[table] - rows)} row(s) of {table} not expected")
            if verbose:
                print(f"run {run:3d}: {which} killed at {delay:5.2f}s of {length:.2f}s, revision {rev}, "
                      f"backups {len(backups)}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def main(argv_: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser, runs=12)
    parser.add_argument("--spans", type=int, default=20000)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv_)
    return report(torture(args.runs, args.db_url, args.seed, args.spans, args.verbose), args.db_url)


if __name__ == "__main__":
    sys.exit(main())
