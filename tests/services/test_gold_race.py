"""Two processes writing at the same moment: gold accepted twice, the first gold made
twice, one folder imported twice. Real processes (spawned), started together at a
barrier, repeated; on SQLite and, when ANNOTATOR_TEST_POSTGRES_URL is set, PostgreSQL.

Every round must end with no duplicate in gold, no traceback in either process, and
what the two processes report adding summing to what gold holds.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, select

from annotator.core.adjudication import Threshold
from annotator.core.text import text_sha256
from annotator.core.values import Document, Role, SetStatus, Span
from tests.conftest import fresh_postgres

ROUNDS = int(os.environ.get("ANNOTATOR_RACE_ROUNDS", "4"))
PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])
TIMEOUT = 120  # seconds a round may take before the test calls it a hang

# Written for this test: a municipal spokesperson, a numbered bridge, a promise.
LINE = "قال المتحدث باسم البلدية رقم {n} إن الجسر سيُفتتح قبل نهاية الشهر.\n"
LINES = 120


def build_text() -> tuple[str, list[tuple[int, int, str]]]:
    """The document's text and the spans both annotators agree on (an actor and a claim per line)."""
    parts, spans, at = [], [], 0
    for n in range(1, LINES + 1):
        line = LINE.format(n=n)
        actor = "المتحدث باسم البلدية رقم " + str(n)
        claim = "إن الجسر سيُفتتح قبل نهاية الشهر"
        a, c = line.index(actor), line.index(claim)
        spans.append((at + a, at + a + len(actor), "ACTOR"))
        spans.append((at + c, at + c + len(claim), "CLAIM"))
        parts.append(line)
        at += len(line)
    return "".join(parts), spans


TEXT, AGREED = build_text()
ALREADY_IN_GOLD = 10  # gold already holds the first spans when the race starts


@pytest.fixture(params=BACKENDS)
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'race.sqlite'}"
    assert PG_URL
    return fresh_postgres(PG_URL)


def make_project(url: str) -> None:
    from annotator.services import team
    from annotator.services.project import Project
    from annotator.storage import annotation_sets as set_store
    from annotator.storage import documents as document_store
    from annotator.storage import spans as span_store

    p = Project.open(url)
    with p.database.unit_of_work() as s:
        document_store.add_document(s, Document("d1", "الجسر", TEXT, text_sha256(TEXT), "rtl"))
    for name in ("alice", "bob"):
        team.add_annotator(p, name)
        with p.database.unit_of_work() as s:
            row = set_store.get_or_create_set(s, "d1", name)
            span_store.bulk_insert_spans(
                s, row.id, [Span(f"{name}{i}", a, b, lab) for i, (a, b, lab) in enumerate(AGREED)]
            )
            set_store.set_status(s, row, SetStatus.DONE)
    team.add_annotator(p, "carol", Role.ADJUDICATOR)
    team.add_annotator(p, "omar", Role.ADJUDICATOR)
    p.close()


def reset_gold(url: str, *, base: int, drop_owner: bool) -> None:
    """Gold of d1 back to its first *base* agreed spans (none: no gold set at all)."""
    from annotator.services.gold.patch import new_gold_uid
    from annotator.storage import gold as gold_store
    from annotator.storage.database import open_database
    from annotator.storage.tables import AnnotationSetRow, AnnotatorRow, ChangeRow, LinkRow

    db = open_database(url)
    with db.unit_of_work() as s:
        s.execute(delete(LinkRow).where(LinkRow.kind == "gold"))
        s.execute(delete(AnnotationSetRow).where(AnnotationSetRow.kind == "gold"))
        if drop_owner:
            owner = s.scalar(select(AnnotatorRow.id).where(AnnotatorRow.name == "gold"))
            if owner is not None:
                s.execute(delete(ChangeRow).where(ChangeRow.annotator_id == owner))
                s.execute(delete(AnnotatorRow).where(AnnotatorRow.id == owner))
        if base:
            set_id = gold_store.gold_set_id(s, "d1", create=True)
            assert set_id is not None
            gold_store.insert_gold_spans(s, set_id, [(Span(new_gold_uid(), a, b, lab), {"method": "seed"})
                                                    for a, b, lab in AGREED[:base]])
    db.close()


def gold_keys(url: str) -> list[tuple[int, int, str]]:
    from annotator.storage.database import open_database
    from annotator.storage.tables import AnnotationSetRow, SpanRow

    db = open_database(url)
    with db.unit_of_work() as s:
        keys = list(s.execute(select(SpanRow.start, SpanRow.end, SpanRow.label)
                              .join(AnnotationSetRow, AnnotationSetRow.id == SpanRow.set_id)
                              .where(AnnotationSetRow.kind == "gold")))
    db.close()
    return [tuple(k) for k in keys]  # type: ignore[misc]


# -- the workers (run in spawned processes) ------------------------------------------------------

def accept_agreed_worker(url: str, who: str, rounds: int, barrier: Any, results: Any) -> None:
    from annotator.services.adjudication import AcceptAgreed
    from annotator.services.project import Project

    project = Project.open(url)
    try:
        for r in range(rounds):
            barrier.wait(TIMEOUT)  # the parent has reset gold
            try:
                cmd = AcceptAgreed("d1", who, Threshold.UNANIMOUS)
                cmd.do(project)
                results.put((r, who, "ok", cmd.summary.spans_added))
            except BaseException:  # noqa: BLE001 - any traceback is what the test looks for
                results.put((r, who, "traceback", traceback.format_exc()))
            barrier.wait(TIMEOUT)  # round over
    finally:
        project.close()


def import_worker(url: str, folder: str, rounds: int, barrier: Any, results: Any) -> None:
    from annotator.services.imports.documents import import_paths
    from annotator.services.project import Project

    project = Project.open(url)
    try:
        for r in range(rounds):
            barrier.wait(TIMEOUT)
            try:
                report = import_paths(project, [Path(folder) / str(r)])
                results.put((r, os.getpid(), "ok", (len(report.imported), len(report.duplicates))))
            except BaseException:  # noqa: BLE001
                results.put((r, os.getpid(), "traceback", traceback.format_exc()))
            barrier.wait(TIMEOUT)
    finally:
        project.close()


def run_race(target: Any, args: list[tuple[Any, ...]], rounds: int, between: Any) -> list[list[tuple[Any, ...]]]:
    """Start one process per *args*, release them together each round (after *between(r)*)."""
    # forkserver, this module preloaded: each racer forks from a process that has imported the
    # program once (a spawned one imports it again, about a second each), and never from this
    # one, which may hold Qt and open connections
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    barrier = ctx.Barrier(len(args) + 1)
    results = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*a, rounds, barrier, results)) for a in args]
    for p in procs:
        p.start()
    by_round: list[list[tuple[Any, ...]]] = []
    try:
        for r in range(rounds):
            between(r)
            barrier.wait(TIMEOUT)  # go
            barrier.wait(TIMEOUT)  # both done
            by_round.append([results.get(timeout=TIMEOUT) for _ in args])
    finally:
        for p in procs:
            p.join(TIMEOUT)
            if p.is_alive():
                p.kill()
    assert all(p.exitcode == 0 for p in procs), [p.exitcode for p in procs]
    return by_round


def assert_clean(by_round: list[list[tuple[Any, ...]]]) -> None:
    tracebacks = [out for results in by_round for (_r, _w, kind, out) in results if kind != "ok"]
    assert not tracebacks, tracebacks[0]


# -- the races ---------------------------------------------------------------------------------

@pytest.mark.slow
def test_two_adjudicators_accepting_agreed_gold_at_once_never_duplicate_it(url: str) -> None:
    make_project(url)
    rounds: list[list[tuple[Any, ...]]] = []
    gold_after: list[list[tuple[int, int, str]]] = []

    def between(r: int) -> None:
        if r:
            gold_after.append(gold_keys(url))
        reset_gold(url, base=ALREADY_IN_GOLD, drop_owner=False)

    rounds = run_race(accept_agreed_worker, [(url, "carol"), (url, "omar")], ROUNDS, between)
    gold_after.append(gold_keys(url))
    assert_clean(rounds)
    for results, keys in zip(rounds, gold_after):
        dupes = [k for k, n in Counter(keys).items() if n > 1]
        assert not dupes, f"{len(dupes)} gold span(s) stored twice, e.g. {dupes[0]}"
        assert sorted(keys) == sorted(AGREED)
        added = sorted(out for (_r, _w, _k, out) in results)
        assert added == [0, len(AGREED) - ALREADY_IN_GOLD]  # one did it all, the other found it done


@pytest.mark.slow
def test_two_adjudicators_making_the_first_gold_at_once_both_succeed(url: str) -> None:
    """No gold set and no gold owner yet: both processes create them (annotators.name,
    annotation_sets unique); the loser waits or re-reads, never a traceback."""
    make_project(url)
    gold_after: list[list[tuple[int, int, str]]] = []

    def between(r: int) -> None:
        if r:
            gold_after.append(gold_keys(url))
        reset_gold(url, base=0, drop_owner=True)

    rounds = run_race(accept_agreed_worker, [(url, "carol"), (url, "omar")], ROUNDS, between)
    gold_after.append(gold_keys(url))
    assert_clean(rounds)
    for results, keys in zip(rounds, gold_after):
        assert sorted(keys) == sorted(AGREED)
        assert sorted(out for (_r, _w, _k, out) in results) == [0, len(AGREED)]


@pytest.mark.slow
def test_one_folder_imported_by_two_processes_at_once_is_imported_once(url: str, tmp_path: Path) -> None:
    from annotator.services.project import Project

    Project.open(url).close()
    folder = tmp_path / "in"
    files = 40
    for r in range(ROUNDS):
        for i in range(files):
            body = f"خبر {r}-{i}\n" + LINE.format(n=f"{r}٫{i}") * 30
            (folder / str(r)).mkdir(parents=True, exist_ok=True)
            (folder / str(r) / f"{r}-{i:03}.txt").write_text(body, encoding="utf-8")

    rounds = run_race(import_worker, [(url, str(folder)), (url, str(folder))], ROUNDS, lambda r: None)
    assert_clean(rounds)
    for results in rounds:
        imported = sorted(out for (_r, _w, _k, out) in results)
        assert imported == [(0, files), (files, 0)]  # one imported all, the other found all already there
    p = Project.open(url)
    assert len(p.documents()) == ROUNDS * files
    p.close()


@pytest.mark.slow
def test_the_command_line_accepting_from_two_processes_reports_both_and_stores_once(url: str) -> None:
    """The issue's own steps: ``adjudicate --accept-agreed`` twice at once on a document with gold."""
    import subprocess
    import sys

    make_project(url)
    for _round in range(2):
        reset_gold(url, base=ALREADY_IN_GOLD, drop_owner=False)
        procs = [subprocess.Popen([sys.executable, "-m", "annotator", "adjudicate", "--db", url, "--docs", "d1",
                                   "--accept-agreed", "--as", who], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
                 for who in ("carol", "omar")]
        outs = [p.communicate(timeout=TIMEOUT) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], outs
        assert not any("Traceback" in err for _out, err in outs), outs
        assert sorted(gold_keys(url)) == sorted(AGREED)
        added = sorted(int(out.split("accepted ")[1].split(" ")[0]) for out, _err in outs)
        assert added == [0, len(AGREED) - ALREADY_IN_GOLD]


def add_annotator_worker(url: str, rounds: int, barrier: Any, results: Any) -> None:
    from annotator.core.errors import AnnotatorError
    from annotator.services import team
    from annotator.services.project import Project

    project = Project.open(url)
    try:
        for r in range(rounds):
            barrier.wait(TIMEOUT)
            try:
                team.add_annotator(project, f"zaid{r}")
                results.put((r, os.getpid(), "ok", "added"))
            except AnnotatorError as exc:
                results.put((r, os.getpid(), "ok", str(exc)))
            except BaseException:  # noqa: BLE001
                results.put((r, os.getpid(), "traceback", traceback.format_exc()))
            barrier.wait(TIMEOUT)
    finally:
        project.close()


@pytest.mark.slow
def test_one_annotator_added_by_two_managers_at_once_is_added_once(url: str) -> None:
    from annotator.services.project import Project

    Project.open(url).close()
    rounds = run_race(add_annotator_worker, [(url,), (url,)], ROUNDS, lambda r: None)
    assert_clean(rounds)
    for r, results in enumerate(rounds):
        outs = sorted(out for (_r, _w, _k, out) in results)
        assert outs == ["added", (f"there is already an annotator named 'zaid{r}' "
                                 f"(change a role with: annotator annotators role zaid{r} ROLE)")]
