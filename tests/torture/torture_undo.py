"""Torture: random edits, undos and redos through the services against an in-memory model.

    python tests/torture/torture_undo.py --runs 4005 [--db-url URL] [--seed 0]

One process, one document, one annotator: each step is a random operation (tag, delete a
span with its relations, add or delete a relation, change the status, undo, redo) made with
the services' commands (annotator/services/spans.py, structure.py) and applied to the
model of annotation_model.py. After every step the stored spans, relations and status must
equal the model's, and at the end the change log must replay to the stored data.
Counts: tried (steps), refused cleanly (a command refused with a message), traceback
(any other exception), wrong data stored (a step after which the database and the model
differ, or a log that does not replay), lost (a modelled span or relation not stored).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import annotation_model as am
from torture_common import Counts, add_arguments, fresh_url, report


def torture(runs: int, db_url: str | None = None, seed: int = 0) -> Counts:
    from annotator.core.bio import token_spans
    from annotator.core.errors import AnnotatorError
    from annotator.services.project import Project

    counts = Counts("undo/redo against a model")
    rnd = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="torture-undo-"))
    try:
        url = fresh_url(db_url, work)
        am.make_project(url)
        project = Project.open(url)
        try:
            tokens = token_spans(am.TEXT)
            model, driver = am.Model(), am.Driver(project)
            for n in range(runs):
                op = am.choose(rnd, model, tokens, n)
                counts.tried += 1
                try:
                    driver.do(op)
                except AnnotatorError:
                    counts.refused += 1
                    continue
                except Exception:  # noqa: BLE001 - what the torture counts
                    counts.problem("traceback", f"step {n} {op}:\n{traceback.format_exc()}")
                    model.state = am.stored(project)
                    model.new_session()
                    driver = am.Driver(project)
                    continue
                model.apply(op)
                got = am.stored(project)
                if got.as_tuple() != model.state.as_tuple():
                    kind = "lost" if am.lost_something(model.state, got) else "wrong"
                    counts.problem(kind, f"step {n} {op}: {am.difference(model.state, got)}")
                    model.state = got  # go on from what is stored
            log = am.replayed(project)
            final = am.stored(project)
            if log.as_tuple() != final.as_tuple():
                counts.problem("wrong", f"the change log does not replay to the data: {am.difference(final, log)}")
            counts.extra["spans at the end"] = len(final.spans)
            counts.extra["relations at the end"] = len(final.rels)
        finally:
            project.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser, runs=4005)
    args = parser.parse_args(argv)
    return report(torture(args.runs, args.db_url, args.seed), args.db_url)


if __name__ == "__main__":
    sys.exit(main())
