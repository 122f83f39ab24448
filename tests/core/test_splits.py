"""Splits: deterministic on any machine, grouped, stratified, and honest about limits."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.splits import Group, SplitSpecError, assign_splits, order_key, outlet_of, parse_split_spec

RATIOS = {"train": 0.8, "dev": 0.1, "test": 0.1}


def docs(n: int, rare_every: int = 0) -> list[Group]:
    out = []
    for i in range(n):
        counts = {"CLAIM": 1 + i % 5, "ACTOR": 2 + i % 3}
        if rare_every and i % rare_every == 0:
            counts["DATE"] = 1
        out.append(Group(f"document:d{i:04d}", (f"d{i:04d}",), counts))
    return out


def test_parse_split_spec_keeps_order_and_checks_everything() -> None:
    assert list(parse_split_spec("train=0.8,dev=0.1,test=0.1")) == ["train", "dev", "test"]
    assert parse_split_spec(" a=0.5 , b=0.5 ") == {"a": 0.5, "b": 0.5}
    for bad, msg in [("train=0.8,dev=0.1", "add up to 0.9"), ("train", "NAME=RATIO"), ("train=x,dev=1", "not a number"),
                     ("a=0.5,a=0.5", "twice"), ("1a=1", "split name"), ("a=-0.5,b=1.5", ">= 0"), ("", "no splits")]:
        with pytest.raises(SplitSpecError, match=msg):
            parse_split_spec(bad)


def test_same_seed_and_data_give_the_same_split_whatever_the_input_order() -> None:
    groups = docs(300)
    first = assign_splits(groups, RATIOS, seed=7).split_of
    again = assign_splits(list(reversed(groups)), RATIOS, seed=7).split_of
    assert first == again
    other = assign_splits(groups, RATIOS, seed=8).split_of
    assert other != first  # the seed matters


@pytest.mark.slow
def test_the_split_does_not_depend_on_the_process_hash_seed() -> None:
    code = (
        "import json\nfrom annotator.core.splits import Group, assign_splits\n"
        "g=[Group(f'k{i}', (f'd{i}',), {'CLAIM': i % 4, 'DATE': i % 2}) for i in range(200)]\n"
        "print(json.dumps(assign_splits(g, {'train': .8, 'dev': .1, 'test': .1}, 11).split_of, sort_keys=True))\n"
    )
    outs = set()
    for hash_seed in ("1", "2", "random"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        outs.add(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                check=True).stdout)
    assert len(outs) == 1
    # pinned: this exact split on every machine (SHA-256 order, IEEE doubles); a change of
    # the algorithm changes this digest, and must be a deliberate, documented change
    out = outs.pop()
    assert (
        hashlib.sha256(out.encode()).hexdigest() == "fcf780ac2abbeccb39842a2e54f3f48316a774d7c7758bc50f0ffb5bee246ae4"
    )
    assert Counter(json.loads(out).values()) == {"train": 161, "dev": 20, "test": 19}
    assert order_key(11, "k0") == hashlib.sha256(b"11:k0").digest()


def test_document_shares_follow_the_ratios_and_labels_are_stratified() -> None:
    result = assign_splits(docs(1000, rare_every=25), RATIOS, seed=1)
    assert result.documents == {"train": 800, "dev": 100, "test": 100}
    rare = {s: result.label_counts[s]["DATE"] for s in result.names}
    assert sum(rare.values()) == 40
    assert abs(rare["train"] - 32) <= 2 and abs(rare["dev"] - 4) <= 1 and abs(rare["test"] - 4) <= 1
    total_claims = sum(result.label_counts[s]["CLAIM"] for s in result.names)
    assert abs(result.label_counts["dev"]["CLAIM"] / total_claims - 0.1) < 0.01


def test_groups_are_never_split_and_big_groups_go_whole() -> None:
    groups = [Group(f"outlet:{o}", tuple(f"{o}-{i}" for i in range(n)), {"CLAIM": n})
              for o, n in [("a", 40), ("b", 30), ("c", 10), ("d", 8), ("e", 7), ("f", 5)]]
    result = assign_splits(groups, RATIOS, seed=3)
    for g in groups:
        assert len({result.split_of[d] for d in g.documents}) == 1
    assert sum(result.documents.values()) == 100 and result.documents["train"] >= 70


def test_a_zero_ratio_gets_nothing_and_a_document_in_two_groups_is_refused() -> None:
    result = assign_splits(docs(50), {"train": 0.9, "dev": 0.0, "test": 0.1}, seed=0)
    assert result.documents["dev"] == 0
    with pytest.raises(ValueError, match="in two groups"):
        assign_splits([Group("x", ("d1",)), Group("y", ("d1",))], RATIOS)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.integers(0, 6)), min_size=1, max_size=60), st.integers(0, 10**6))
def test_every_document_gets_exactly_one_split(sizes: list[tuple[int, int]], seed: int) -> None:
    groups = [Group(f"g{i}", tuple(f"g{i}-{k}" for k in range(n)), {"CLAIM": c}) for i, (n, c) in enumerate(sizes)]
    result = assign_splits(groups, RATIOS, seed)
    assert sorted(result.split_of) == sorted(d for g in groups for d in g.documents)
    assert sum(result.documents.values()) == len(result.split_of)
    for g in groups:
        assert len({result.split_of[d] for d in g.documents}) == 1


def test_outlet_rules() -> None:
    assert outlet_of("d", {"outlet": "الراصد"}, "/x/y.txt") == ("outlet:الراصد", "meta.outlet")
    assert outlet_of("d", {}, "/corpus/alrased/a.txt") == ("folder:/corpus/alrased", "folder")
    assert outlet_of("d", {}, "/dumps/alrased.jsonl", file_holds_several=True) == ("file:/dumps/alrased.jsonl", "file")
    assert outlet_of("d", {"outlet": "  "}, None) == ("document:d", "document")
    assert outlet_of("d", None, "a.txt") == ("document:d", "document")
