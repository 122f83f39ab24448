"""Hugging Face JSONL: the datasets library loads it, tags are the label list's ints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.bio import label_list, spans_from_tags
from annotator.formats import hf
from annotator.formats.base import ProjectData
from tests.export_samples import doc_a, doc_b, settings

#: datasets (pyarrow, pandas) takes seconds to import: these tests run on one xdist worker,
#: which imports it when the first of them runs (not every worker while collecting)
pytestmark = pytest.mark.xdist_group("datasets")


@pytest.fixture(autouse=True)
def _offline(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    cache = tmp_path_factory.mktemp("hf-cache")
    monkeypatch.setenv("HF_HOME", str(cache))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(cache / "datasets"))


@pytest.fixture
def datasets():  # type: ignore[no-untyped-def]
    return pytest.importorskip("datasets")


def export(folder: Path, **kw: object):  # type: ignore[no-untyped-def]
    st = settings(folder, splits=("train", "dev"), **kw)
    w = hf.Writer(st)
    w.add(doc_a(), "train")
    w.add(doc_b(), "dev")
    facts = w.close(ProjectData())
    return st, facts


@pytest.mark.parametrize("scheme", ["iob2", "bioes"])
def test_datasets_loads_the_jsonl_and_the_tags_hold_the_spans(datasets, tmp_path: Path, scheme: str) -> None:
    st, facts = export(tmp_path, scheme=scheme)
    names = (tmp_path / "labels.txt").read_text(encoding="utf-8").split()
    assert names == label_list(["CLAIM", "ACTOR", "DATE"], scheme) == facts["label_list"]
    ds = datasets.load_dataset("json", data_files={"train": str(tmp_path / "train.jsonl"),
                                                   "dev": str(tmp_path / "dev.jsonl")}, cache_dir=str(tmp_path / "c"))
    assert ds["train"].num_rows == facts["examples"]["all"]["train"]
    found = []
    for row in ds["train"]:
        tags = [names[i] for i in row["ner_tags"]]
        assert len(tags) == len(row["tokens"]) and row["document"] == "doc-a"
        found += [(" ".join(row["tokens"][i:j + 1]), lab) for i, j, lab in spans_from_tags(tags)]
    assert ("وزيرة الصحة ليلى حدّاد", "ACTOR") in found and ("يوم الأحد", "DATE") in found
    assert len(found) == sum(st.log.written["train"].values())
    assert "🏥" in ds["train"][0]["tokens"]


def test_the_card_declares_class_labels_that_datasets_reads(datasets, tmp_path: Path) -> None:
    export(tmp_path)
    ds = datasets.load_dataset(str(tmp_path), cache_dir=str(tmp_path / "c"))
    assert set(ds) == {"train", "dev"}
    feature = ds["train"].features["ner_tags"]
    inner = getattr(feature, "feature", None)
    assert inner is not None and inner.names == (tmp_path / "labels.txt").read_text(encoding="utf-8").split()
    info = json.loads((tmp_path / "dataset_info.json").read_text(encoding="utf-8"))
    features = datasets.Features.from_dict(info["features"])
    assert features["ner_tags"].feature.names == inner.names
    assert info["splits"]["dev"]["num_examples"] == ds["dev"].num_rows


def test_per_label_datasets(datasets, tmp_path: Path) -> None:
    _st, _facts = export(tmp_path, layer="per-label")
    for label in ("CLAIM", "ACTOR", "DATE"):
        assert (tmp_path / label / "labels.txt").read_text(encoding="utf-8").split() == ["O", f"B-{label}",
                                                                                         f"I-{label}"]
        ds = datasets.load_dataset("json", data_files=str(tmp_path / label / "train.jsonl"),
                                   cache_dir=str(tmp_path / "c"))
        assert ds["train"].num_rows > 0
