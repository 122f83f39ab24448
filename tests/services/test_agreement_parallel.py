"""Agreement computed in worker processes gives exactly the figures of one process."""

from __future__ import annotations

import json
import random

import pytest

from annotator.core.text import text_sha256
from annotator.core.values import Document, Span
from annotator.services import agreement as agr
from annotator.services.agreement import compute_agreement
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import documents as document_store
from annotator.storage import spans as span_store
from tests.conftest import ARABIC

NAMES = ["alice", "bob", "carol", "dave"]


@pytest.fixture
def stored(project: Project) -> list[str]:
    """Ten documents, annotators sometimes missing, spans with attributes."""
    labels = project.schema.names
    rnd = random.Random(5)
    doc_ids = []
    words = [i for i, ch in enumerate(ARABIC) if ch == " "]
    for d in range(10):
        text = f"{ARABIC} {d}"
        doc_id = f"doc{d}"
        with project.database.unit_of_work() as s:
            document_store.add_document(s, Document(doc_id, doc_id, text, text_sha256(text), "rtl"))
            s.flush()
            for name in NAMES:
                if rnd.random() < 0.25:
                    continue
                spans = []
                for k in range(rnd.randint(1, 12)):
                    i = rnd.randrange(len(words) - 4)
                    start, end = words[i] + 1, words[i + rnd.randint(1, 3)]
                    attrs = {"value": rnd.choice(["2027", "2027-03"])} if rnd.random() < 0.3 else {}
                    spans.append(Span(f"{name}{d}x{k}", start, end, rnd.choice(labels), attrs))
                row = set_store.get_or_create_set(s, doc_id, name)
                span_store.bulk_insert_spans(s, row.id, spans)
        doc_ids.append(doc_id)
    return doc_ids


@pytest.mark.slow
def test_two_workers_give_the_same_json_as_one_process(project: Project, stored: list[str]) -> None:
    seen: dict[int, list[str]] = {1: [], 2: []}
    reports = {n: compute_agreement(project, workers=n, progress=seen[n].append).to_json() for n in (1, 2)}
    assert json.dumps(reports[2]) == json.dumps(reports[1])
    assert reports[1]["documents"] == 10
    assert seen[1] == seen[2] == stored  # progress: each document once computed, in order


def test_small_projects_stay_in_process(project: Project, stored: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("no worker processes for a small project")

    monkeypatch.setattr(agr.multiprocessing, "get_context", no_pool)
    assert compute_agreement(project).documents == 10
    assert agr._choose_workers(None, 100, 10_000_000, project.database) >= 1
    assert agr._choose_workers(None, 7, 10_000_000, project.database) == 1
    assert agr._choose_workers(None, 100, 2_000_000, project.database) == 1
    assert agr._choose_workers(3, 2, 0, project.database) == 2  # never more processes than documents


@pytest.mark.slow
def test_cli_workers_option(project: Project, stored: list[str]) -> None:
    from click.testing import CliRunner

    from annotator.cli.main import cli

    db = project.database.url.database
    outs = [CliRunner().invoke(cli, ["agreement", "--db", db, "--format", "json", "--workers", n]) for n in "12"]
    assert all(o.exit_code == 0 for o in outs), [o.output for o in outs]
    assert outs[0].output == outs[1].output
