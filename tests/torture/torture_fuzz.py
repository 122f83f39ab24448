"""Torture: the hostile files of tests/test_fuzz_importers.py at full size, counted.

    python tests/torture/torture_fuzz.py --runs 1400 [--db-url URL] [--seed 20261203]

One project; *runs* generated files, round robin over the seven importers (txt, jsonl,
conll, brat, doccano, labelstudio, spacy), each mutated with hostile values (lone
surrogates, NUL, over-long ids, markup, unknown labels and relations, JSON nested 1,000
deep, ...). Each is imported alone. Counts: tried, refused cleanly (InputError with
problems that name the file, and the database's rows unchanged), traceback (any other
exception), wrong data stored (an imported file whose stored data the window's checks
refuse, or a refusal that changed the database or did not name the file).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import traceback
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from torture_common import Counts, add_arguments, fresh_url, report

SEED = 20261203


def row_counts(project: Any) -> dict[str, int]:
    """Rows per table (works on every database): a refused file must leave them as they were."""
    import sqlalchemy as sa

    from annotator.storage.tables import Base

    with project.database.engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables}


def torture(runs: int, db_url: str | None = None, seed: int = SEED) -> Counts:
    from annotator.core.errors import InputError
    from annotator.services.imports.documents import import_paths
    from annotator.services.project import Project
    from tests.test_fuzz_importers import KINDS, make_file, stored_problems

    counts = Counts("hostile files imported")
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="torture-fuzz-"))
    try:
        project = Project.open(fresh_url(db_url, work, "fuzz.sqlite"))
        try:
            for n in range(runs):
                kind = KINDS[n % len(KINDS)]
                folder = work / f"case{n}"
                folder.mkdir()
                path = make_file(kind, rng, folder, n)
                before = row_counts(project)
                counts.tried += 1
                try:
                    rep = import_paths(project, [path], annotator="fuzz", format=kind)
                except InputError as exc:
                    named = all(p.source.startswith(str(path.with_suffix(""))) and p.message.strip()
                                for p in exc.problems)
                    if not exc.problems or not named:
                        counts.problem("wrong", f"{kind} case {n}: a refusal that does not name the file")
                    elif row_counts(project) != before:
                        counts.problem("wrong", f"{kind} case {n}: a refused file changed the database")
                    else:
                        counts.refused += 1
                except Exception as exc:  # noqa: BLE001 - what the torture counts
                    where = traceback.extract_tb(exc.__traceback__)
                    inside = [f for f in where if "/annotator/" in f.filename][-1:]
                    at = f" (at {inside[0].filename.split('/annotator/')[-1]}:{inside[0].lineno})" if inside else ""
                    counts.problem("traceback", f"{kind} case {n} ({path.name}): "
                                                f"{traceback.format_exception_only(exc)[-1].splitlines()[0]}{at}")
                else:
                    bad = stored_problems(project, rep.imported + rep.attached, "fuzz")
                    if bad:
                        counts.problem("wrong", f"{kind} case {n}: stored what the window refuses: {bad[:2]}")
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            project.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    counts.extra["imported"] = counts.tried - counts.refused - counts.bad()
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser, runs=1400)
    parser.set_defaults(seed=SEED)
    args = parser.parse_args(argv)
    return report(torture(args.runs, args.db_url, args.seed), args.db_url)


if __name__ == "__main__":
    sys.exit(main())
