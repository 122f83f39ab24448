"""Agreement reads spans packed, a batch of documents at a time (storage/agreement.py):
the figures are exactly those of the same spans given to the core in memory, whatever
the sets hold (the same span twice with other attributes, labels the schema does not
list, empty sets, JSON null attributes, gold), in one process and in workers."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import numpy as np
import pytest

from annotator.core.agreement import AgreementCounter, Annotations
from annotator.core.agreement_arrays import AttributeRows, LabelColumn
from annotator.core.text import text_sha256
from annotator.core.values import Document, SetStatus, Span
from annotator.services import agreement as agr
from annotator.services.agreement import compute_agreement
from annotator.services.project import Project
from annotator.storage import agreement as agreement_store
from annotator.storage import annotation_sets as set_store
from annotator.storage import documents as document_store
from annotator.storage import gold as gold_store
from annotator.storage import spans as span_store
from annotator.storage.kinds import GOLD_OWNER
from tests.conftest import ARABIC

NAMES = ["alice", "bob", "carol"]
VALUES = [{"value": "2027"}, {"value": "2027-03"}, {"value": 2027}, {"value": None}, {"value": ["a", 1]},
          {"polarity": "hedged", "value": "2027"}, {}]


def store(project: Project, seed: int, extra_labels: float) -> dict[str, dict[str, list[Span]]]:
    """Eight documents; returns each document's spans per annotator in the order the set's
    (start, span) index reads them: start, then insertion."""
    rnd = random.Random(seed)
    labels = [*project.schema.names, "EXTRA", "LATE"]
    words = [i for i, ch in enumerate(ARABIC) if ch == " "]
    stored: dict[str, dict[str, list[Span]]] = {}
    for d in range(8):
        text = f"{ARABIC} {d}"
        doc_id = f"doc{d}"
        stored[doc_id] = {}
        with project.database.unit_of_work() as s:
            document_store.add_document(s, Document(doc_id, doc_id, text, text_sha256(text), "rtl"))
            s.flush()
            for name in [*NAMES, GOLD_OWNER]:
                spans = []
                for k in range(rnd.randint(0, 14)):
                    i = rnd.randrange(len(words) - 4)
                    start, end = words[i] + 1, words[i + rnd.randint(1, 3)]
                    label = rnd.choice(labels if rnd.random() < extra_labels else labels[:3])
                    attrs = rnd.choice(VALUES) if rnd.random() < 0.5 else {}
                    spans.append(Span(f"{name}{k}", start, end, label, attrs))
                    if rnd.random() < 0.2:  # the same span again, maybe with other attributes
                        spans.append(Span(f"{name}{k}again", start, end, label, rnd.choice(VALUES)))
                if name == GOLD_OWNER:
                    spans = list({(x.start, x.end, x.label): x for x in spans}.values())
                    if spans:
                        gold_store.insert_gold_spans(s, gold_store.gold_set_id(s, doc_id, create=True) or 0,
                                                     [(x, {}) for x in spans])
                else:
                    set_id = set_store.get_or_create_set(s, doc_id, name).id
                    if spans:
                        span_store.bulk_insert_spans(s, set_id, spans)
                order = sorted(range(len(spans)), key=lambda j, spans=spans: (spans[j].start, j))
                stored[doc_id][name] = [spans[j] for j in order]
        if d == 3:
            project.set_status(doc_id, "carol", SetStatus.DONE)  # carol's empty set, marked done
    return stored


def expected(project: Project, stored: dict[str, dict[str, list[Span]]], names: list[str]) -> str:
    """The report of the core fed the same spans in memory: a set counts when it has
    spans or is marked done (carol's empty set of doc3)."""
    counter = AgreementCounter(names, list(project.schema.names))
    for doc_id in sorted(stored):
        counts = [n for n in names if stored[doc_id][n] or (doc_id, n) == ("doc3", "carol")]
        if counts:
            text = project.document(doc_id).text
            counter.add_document(text, {n: Annotations.from_spans(stored[doc_id][n]) for n in counts}, doc_id=doc_id)
    return json.dumps(counter.report().to_json())


@pytest.mark.parametrize("extra_labels", [0.0, 0.15])
def test_stored_spans_give_the_figures_of_the_same_spans_in_memory(project: Project, extra_labels: float) -> None:
    stored = store(project, seed=3, extra_labels=extra_labels)
    for names in (NAMES, ["bob", GOLD_OWNER], ["carol", "alice"]):
        got = compute_agreement(project, annotators=names, workers=1)
        assert json.dumps(got.to_json()) == expected(project, stored, names)


@pytest.mark.slow
def test_workers_read_the_same(project: Project) -> None:
    store(project, seed=8, extra_labels=0.1)
    one = compute_agreement(project, annotators=NAMES, workers=1)
    two = compute_agreement(project, annotators=NAMES, workers=2)
    assert json.dumps(one.to_json()) == json.dumps(two.to_json())


def test_packed_sets_read_as_their_rows(project: Project) -> None:
    """Packed, a set holds the spans, labels and attributes (the latest of a span given twice)
    that reading its rows gives, in the same order."""
    store(project, seed=5, extra_labels=0.0)
    labels = list(project.schema.names)
    with project.database.unit_of_work() as s:
        read = agreement_store.read_documents(s, [(f"doc{d}", NAMES) for d in range(8)], False, labels)
        for set_id, doc_id, name in [(i.set_id, i.document_id, i.annotator) for i in set_infos(s)]:
            packed = read[doc_id][1][name]
            rows = agreement_store._set_from_rows(s, set_id)
            if len(rows.labels):
                assert isinstance(packed.labels, LabelColumn) and isinstance(packed.attrs, AttributeRows)
            assert np.array_equal(packed.starts, rows.starts) and np.array_equal(packed.ends, rows.ends)
            assert list(packed.labels) == list(rows.labels)
            assert dict(packed.attrs) == dict(rows.attrs)


def set_infos(session):  # type: ignore[no-untyped-def]
    from annotator.storage import team as team_store

    return team_store.set_infos(session, annotators=NAMES)


def test_one_statement_reads_a_batch_of_documents(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """The spans of many documents come in one statement, not one per set or per document."""
    store(project, seed=2, extra_labels=0.0)
    calls: list[int] = []
    packed = agreement_store._packed_sets

    def counting(session, set_ids, *args):  # type: ignore[no-untyped-def]
        calls.append(len(set_ids))
        return packed(session, set_ids, *args)

    monkeypatch.setattr(agreement_store, "_packed_sets", counting)
    documents = compute_agreement(project, annotators=NAMES, workers=1).documents
    assert len(calls) == 1 and calls[0] >= 2 * documents
    monkeypatch.setattr(agr, "BATCH_SPANS", 1)  # a batch per document when each is large
    calls.clear()
    compute_agreement(project, annotators=NAMES, workers=1)
    assert len(calls) == documents


PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")


@pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_POSTGRES_URL to run against PostgreSQL")
def test_postgresql_reads_the_same_figures(tmp_path: Path) -> None:
    """The packed read is written for PostgreSQL too (string_agg, hex by encode): the same JSON."""
    from tests.conftest import fresh_postgres

    assert PG_URL
    reports = []
    for url in (fresh_postgres(PG_URL), tmp_path / "p.sqlite"):
        project = Project.open(url)
        try:
            stored = store(project, seed=4, extra_labels=0.1)
            got = json.dumps(compute_agreement(project, annotators=NAMES, workers=1).to_json())
            assert got == expected(project, stored, NAMES)
            reports.append(got)
        finally:
            project.close()
    assert reports[0] == reports[1]
