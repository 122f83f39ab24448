"""Torture: the race scenarios of tests/services/test_gold_race.py, many rounds, counted.

    python tests/torture/torture_races.py --runs 20 [--db-url URL]

Two real processes released together at a barrier, each round: (1) two adjudicators
``accept agreed`` on a document whose gold already holds some spans; (2) two adjudicators
make the first gold (no gold set, no gold owner yet); (3) one folder of 40 files imported
by two processes. Counts: tried (rounds x scenarios x 2 processes), refused cleanly,
traceback (in either process), wrong data stored (gold not the agreed spans, or what the
processes say they added not summing to it), lost (a file not imported), duplicates (a
gold span or a document stored twice).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from torture_common import ROOT, Counts, add_arguments, child_env, fresh_url, report

sys.path.insert(0, str(ROOT / "tests" / "services"))
import test_gold_race as race

FILES = 40


def _run(counts: Counts, label: str, target: Any, args: list[tuple[Any, ...]], rounds: int,
         between: Any) -> list[list[tuple[Any, ...]]]:
    try:
        by_round = race.run_race(target, args, rounds, between)
    except Exception as exc:  # noqa: BLE001 - a worker that died is what the torture counts
        counts.problem("traceback", f"{label}: {type(exc).__name__}: {exc}")
        return []
    for r, results in enumerate(by_round):
        for (_r, _w, kind, out) in results:
            counts.tried += 1
            if kind != "ok":
                counts.problem("traceback", f"{label} round {r}:\n{out[-2000:]}")
    return by_round


def gold_rounds(counts: Counts, url: str, rounds: int, first: bool) -> None:
    label = "first gold" if first else "accept agreed"
    base = 0 if first else race.ALREADY_IN_GOLD
    race.make_project(url)
    after: list[list[tuple[int, int, str]]] = []

    def between(r: int) -> None:
        if r:
            after.append(race.gold_keys(url))
        race.reset_gold(url, base=base, drop_owner=first)

    by_round = _run(counts, label, race.accept_agreed_worker, [(url, "carol"), (url, "omar")], rounds, between)
    if by_round:
        after.append(race.gold_keys(url))
    for r, (results, keys) in enumerate(zip(by_round, after)):
        dupes = sum(n - 1 for n in Counter(keys).values() if n > 1)
        if dupes:
            counts.problem("duplicates", f"{label} round {r}: {dupes} gold span(s) stored twice")
        if sorted(set(keys)) != sorted(race.AGREED):
            counts.problem("wrong", f"{label} round {r}: gold is not the agreed spans")
        added = sorted(out for (_r, _w, kind, out) in results if kind == "ok")
        if len(added) == 2 and added != [0, len(race.AGREED) - base]:
            counts.problem("wrong", f"{label} round {r}: the two said they added {added}")


def import_rounds(counts: Counts, url: str, rounds: int, work: Path) -> None:
    from annotator.services.project import Project

    Project.open(url).close()
    folder = work / "in"
    for r in range(rounds):
        (folder / str(r)).mkdir(parents=True, exist_ok=True)
        for i in range(FILES):
            body = f"خبر {r}-{i}\n" + race.LINE.format(n=f"{r}٫{i}") * 30
            (folder / str(r) / f"{r}-{i:03}.txt").write_text(body, encoding="utf-8")
    by_round = _run(counts, "same folder", race.import_worker, [(url, str(folder)), (url, str(folder))], rounds,
                    lambda r: None)
    for r, results in enumerate(by_round):
        outs = sorted(out for (_r, _w, kind, out) in results if kind == "ok")
        if len(outs) == 2 and outs != [(0, FILES), (FILES, 0)]:
            counts.problem("wrong", f"same folder round {r}: (imported, already there) {outs}")
    project = Project.open(url)
    try:
        docs = project.documents()
        shas = Counter(project.document(d.id).sha256 for d in docs)
    finally:
        project.close()
    dupes = sum(n - 1 for n in shas.values() if n > 1)
    if dupes:
        counts.problem("duplicates", f"same folder: {dupes} document(s) stored twice")
    if len(shas) < len(by_round) * FILES:
        counts.problem("lost", f"same folder: {len(shas)} documents, {len(by_round) * FILES} files")


def torture(runs: int, db_url: str | None = None, seed: int = 0) -> Counts:
    import os

    os.environ["PYTHONPATH"] = child_env()["PYTHONPATH"]  # the spawned workers import this checkout
    counts = Counts("races of two processes")
    work = Path(tempfile.mkdtemp(prefix="torture-races-"))
    try:
        gold_rounds(counts, fresh_url(db_url, work, "gold.sqlite"), runs, first=False)
        gold_rounds(counts, fresh_url(db_url, work, "first.sqlite"), runs, first=True)
        import_rounds(counts, fresh_url(db_url, work, "import.sqlite"), runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser, runs=20)
    args = parser.parse_args(argv)
    return report(torture(args.runs, args.db_url, args.seed), args.db_url)


if __name__ == "__main__":
    sys.exit(main())
