"""The reliability suite, small: the torture scripts of tests/torture/ at a few runs each.

``make torture`` runs them at full size and prints the counts (README, "Reliability");
here each runs a few kills, rounds or steps and must count no traceback, no wrong data
stored, nothing lost and no duplicate. On SQLite, and on PostgreSQL too when
ANNOTATOR_TEST_POSTGRES_URL is set (its public schema is dropped: a throwaway database).
The hostile-file sample is tests/test_fuzz_importers.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "torture"))

import torture_annotation
import torture_imports
import torture_races
import torture_undo
import torture_upgrade
from torture_common import Counts

PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + ([PG_URL] if PG_URL else [])


def clean(counts: Counts) -> None:
    assert counts.tried
    assert counts.bad() == 0, counts.line() + "\n" + "\n".join(counts.problems)


@pytest.fixture(params=BACKENDS, ids=lambda u: "sqlite" if u == "sqlite" else "postgresql")
def db_url(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.mark.slow
def test_annotating_killed_three_times_loses_no_acknowledged_edit(db_url: str) -> None:
    counts = torture_annotation.torture(3, db_url, seed=1)
    clean(counts)
    assert counts.extra["edits acknowledged"] > 0


@pytest.mark.slow
def test_an_import_killed_three_times_is_all_or_nothing_and_runs_again(db_url: str) -> None:
    clean(torture_imports.torture(3, db_url, seed=1, files=120, same=False))


@pytest.mark.slow
def test_files_of_the_same_name_from_three_folders_all_import(db_url: str, tmp_path: Path) -> None:
    counts = Counts("same names")
    torture_imports.same_names(counts, db_url, tmp_path)
    clean(counts)


@pytest.mark.slow
def test_two_rounds_of_every_race_store_nothing_twice(db_url: str) -> None:
    clean(torture_races.torture(2, db_url))


@pytest.mark.slow
def test_an_upgrade_killed_once_still_opens_with_every_row(db_url: str) -> None:
    clean(torture_upgrade.torture(1, db_url, seed=2, spans=2000))


def test_three_hundred_undo_redo_steps_match_the_model(db_url: str) -> None:
    counts = torture_undo.torture(300, db_url, seed=1)
    clean(counts)
    assert counts.extra["spans at the end"] > 0 and counts.extra["relations at the end"] > 0
