"""Spans given as columns (labels as numbers, attribute rows with the distinct objects
once, as storage reads them) are prepared exactly as the same spans given as lists and
a mapping: the same arrays, the same figures."""

from __future__ import annotations

import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.agreement import AgreementCounter, Annotations
from annotator.core.agreement_arrays import AttributeRows, LabelCodes, LabelColumn, ValueIds, prepare
from annotator.core.token_index import word_token_bounds

TEXT = "قالت البلدية ١٥ آذار 2027 إن الطريق سيُعاد فتحه بحسب مصادر مطلعة في المدينة"
SCHEMA = ["CLAIM", "ACTOR", "DATE"]
OBJECTS = [{"value": "2027"}, {"value": 2027}, {"value": None}, {"value": [1, "a"]}, {"polarity": "x"}, {}]
ROWS = st.lists(st.tuples(st.integers(0, len(TEXT) - 1), st.integers(1, 12), st.sampled_from(SCHEMA),
                          st.none() | st.integers(0, len(OBJECTS) - 1)), max_size=25)


def as_columns(rows: list[tuple[int, int, str, int | None]], names: list[str]) -> Annotations:
    starts = np.array([r[0] for r in rows], dtype=np.int64)
    ends = np.array([min(r[0] + r[1], len(TEXT)) for r in rows], dtype=np.int64)
    ids = np.array([names.index(r[2]) for r in rows], dtype=np.int64)
    with_attrs = np.array([r[3] is not None for r in rows], dtype=bool)
    which = np.array([r[3] for r in rows if r[3] is not None], dtype=np.int64)
    order = np.flatnonzero(with_attrs)  # reading order: the row's place
    attrs = AttributeRows(starts[with_attrs], ends[with_attrs], ids[with_attrs], names, order, which, OBJECTS)
    return Annotations(starts, ends, LabelColumn(names, ids), attrs)


def as_lists(rows: list[tuple[int, int, str, int | None]]) -> Annotations:
    keys = [(r[0], min(r[0] + r[1], len(TEXT)), r[2]) for r in rows]
    attrs = {}
    for key, r in zip(keys, rows, strict=True):
        if r[3] is not None:
            attrs[key] = OBJECTS[r[3]]  # the latest row of a span wins
    return Annotations.from_rows(keys, attrs)


@settings(max_examples=150, deadline=None)
@given(ROWS, ROWS, st.permutations(SCHEMA))
def test_columns_and_lists_give_the_same_figures(rows_a: list, rows_b: list, names: list[str]) -> None:
    counters = []
    for make in (lambda r: as_columns(r, list(names)), as_lists):
        counter = AgreementCounter(["a", "b"], SCHEMA)
        counter.add_document(TEXT, {"a": make(rows_a), "b": make(rows_b)})
        counters.append(counter)
    assert counters[0] == counters[1]
    assert json.dumps(counters[0].report().to_json()) == json.dumps(counters[1].report().to_json())


def test_a_column_reads_as_its_labels_and_rows_as_their_mapping() -> None:
    column = as_columns([(0, 3, "DATE", 0), (0, 3, "DATE", 1), (4, 2, "ACTOR", None)], SCHEMA)
    assert list(column.labels) == ["DATE", "DATE", "ACTOR"] and column.labels[1:] == ["DATE", "ACTOR"]
    assert dict(column.attrs) == {(0, 3, "DATE"): {"value": 2027}}  # the later row of the span wins


def test_labels_listed_but_absent_are_not_met() -> None:
    """A label the column lists but no span has is not counted as met (its kappa stays undefined)."""
    tstarts, tends = word_token_bounds(TEXT)
    codes = LabelCodes(SCHEMA)
    p = prepare(as_columns([(0, 4, "DATE", None)], SCHEMA), tstarts, tends, len(TEXT) + 1, codes, ValueIds())
    assert set(p.by_label) == {3} and set(p.cover) == {3}
