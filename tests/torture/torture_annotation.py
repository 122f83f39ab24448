"""Torture: kill -9 a process that is annotating, then check nothing acknowledged is lost.

    python tests/torture/torture_annotation.py --runs 70 [--db-url URL] [--seed 0]

Each run starts a child (this script with ``--child``) that opens the project and makes
random edits through the services' commands as fast as it can (tag, delete a span with
its relations, add or delete a relation, change the status, undo, redo; see
annotation_model.py). Before each it prints ``try {op}``, after the commit ``ack {op}``,
flushed. The parent sends SIGKILL at a random moment, then checks the database against a
model replay of every acknowledged operation of every run: what is stored must be that,
or that plus the one operation tried and not yet acknowledged (committed just before the
kill). At the end the change log must replay to the stored data.
Counts: tried (kills), refused cleanly (edits the child was refused with a message),
traceback, wrong data stored, lost (an acknowledged span or relation not stored);
also the operations acknowledged and the kills that fell between a commit and its ack.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import annotation_model as am
from torture_common import Counts, add_arguments, child_env, fresh_url, report


def child(url: str, seed: int) -> None:
    from annotator.core.bio import token_spans
    from annotator.core.errors import AnnotatorError
    from annotator.services.project import Project

    project = Project.open(url)
    rnd = random.Random(seed)
    tokens = token_spans(am.TEXT)
    model = am.Model(am.stored(project))
    driver = am.Driver(project)
    print("ready", flush=True)
    n = 0
    while True:
        op = am.choose(rnd, model, tokens, n)
        n += 1
        print("try " + json.dumps(op), flush=True)
        try:
            driver.do(op)
        except AnnotatorError as exc:
            print("refused " + json.dumps(str(exc)), flush=True)
            continue
        model.apply(op)
        print("ack " + json.dumps(op), flush=True)


def torture(runs: int, db_url: str | None = None, seed: int = 0, verbose: bool = False) -> Counts:
    from annotator.services.project import Project

    counts = Counts("annotation killed")
    counts.extra.update({"edits acknowledged": 0, "killed between commit and ack": 0})
    rnd = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="torture-annotation-"))
    try:
        url = fresh_url(db_url, work)
        am.make_project(url)
        model = am.Model()
        for run in range(runs):
            counts.tried += 1
            proc = subprocess.Popen([sys.executable, __file__, "--child", url, str(seed * 100003 + run)],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env())
            assert proc.stdout is not None
            first = proc.stdout.readline()  # ready: the kill falls among the edits
            time.sleep(rnd.uniform(0.0, 1.5))
            proc.send_signal(signal.SIGKILL)
            out, err = proc.communicate()
            if first.strip() != "ready" or "Traceback" in err:
                counts.problem("traceback", f"run {run}: {first.strip()} {err.strip()[-2000:]}")
            model.new_session()
            pending = None
            for line in out.splitlines():
                word, _, rest = line.partition(" ")
                try:
                    value = json.loads(rest)
                except ValueError:
                    continue  # the last line, cut by the kill
                if word == "try":
                    pending = value
                elif word == "ack":
                    model.apply(value)
                    counts.extra["edits acknowledged"] += 1
                    pending = None
                elif word == "refused":
                    counts.refused += 1
                    pending = None
            project = Project.open(url)
            try:
                got = am.stored(project)
            finally:
                project.close()
            if got.as_tuple() == model.state.as_tuple():
                note = "as acknowledged"
            elif pending is not None and (with_pending := _applied(model, pending)).state.as_tuple() == got.as_tuple():
                model = with_pending
                counts.extra["killed between commit and ack"] += 1
                note = "with the edit tried when killed"
            else:
                kind = "lost" if am.lost_something(model.state, got) else "wrong"
                counts.problem(kind, f"run {run}: {am.difference(model.state, got)} (pending {pending})")
                model = am.Model(got)
                note = kind
            if verbose:
                print(f"run {run:3d}: {len(out.splitlines())} lines, {note}", flush=True)
        project = Project.open(url)
        try:
            final, log = am.stored(project), am.replayed(project)
        finally:
            project.close()
        if final.as_tuple() != log.as_tuple():
            counts.problem("wrong", f"the change log does not replay to the data: {am.difference(final, log)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return counts


def _applied(model: am.Model, op: dict) -> am.Model:  # type: ignore[type-arg]
    m = model.copy()
    try:
        m.apply(op)
    except (KeyError, IndexError):
        traceback.print_exc()
    return m


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1], int(argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_arguments(parser, runs=70)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    return report(torture(args.runs, args.db_url, args.seed, args.verbose), args.db_url)


if __name__ == "__main__":
    sys.exit(main())
