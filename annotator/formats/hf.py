"""Hugging Face token classification: ``<split>.jsonl``, ``labels.txt``,
``dataset_info.json`` and a ``README.md`` dataset card.

One line per sentence: ``{"id": "<doc>#<n>", "document": "<doc>", "tokens": [...],
"ner_tags": [ints]}``; ``ner_tags`` index ``labels.txt`` (line *i* is tag *i*: ``O``, then
``B-``/``I-`` (IOB2) or ``B-``/``I-``/``E-``/``S-`` (BIOES) for each label in schema order).
Tokens and sentences are those of the CoNLL export, and so is what is dropped (one layer
of spans, token-aligned). With ``--layer per-label`` each label gets its own folder
``<LABEL>/`` holding a complete dataset. ``datasets.load_dataset("json",
data_files=...)`` reads the JSONL; ``datasets.load_dataset("<folder>")`` also reads the
card, which declares ``ner_tags`` as class labels.
"""

from __future__ import annotations

import json
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any, TextIO

from annotator.core.bio import label_list, tag_document
from annotator.core.dataset import DatasetDocument
from annotator.formats.base import UNSPLIT, ProjectData, WriterSettings, open_output

NAME = "hf"
SUFFIX = ".jsonl"


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def card(name: str, names: list[str], splits: dict[str, int], scheme: str, layer: str) -> str:
    """The dataset card (README.md) with its YAML header (configs, features)."""
    hf_split = {s: ("train" if s == UNSPLIT else s) for s in splits}
    lines = ["---", "task_categories:", "- token-classification", "task_ids:", "- named-entity-recognition",
             "configs:", "- config_name: default", "  data_files:"]
    for s in splits:
        lines += [f"  - split: {hf_split[s]}", f"    path: {_yaml_str(s + SUFFIX)}"]
    lines += ["dataset_info:", "  features:", "  - name: id", "    dtype: string", "  - name: document",
              "    dtype: string", "  - name: tokens", "    sequence: string", "  - name: ner_tags", "    sequence:",
              "      class_label:", "        names:"]
    lines += [f"          '{i}': {_yaml_str(n)}" for i, n in enumerate(names)]
    lines += ["  splits:"]
    for s, n in splits.items():
        lines += [f"  - name: {hf_split[s]}", f"    num_examples: {n}"]
    lines += ["---", "", f"# {name}", "",
              ("Token classification data exported by annotator: one example per sentence, "
               f"tags in {scheme.upper()} ({layer} layer of spans), tokens as the annotator tokenises them."), "",
              "Label ids (`ner_tags`) follow `labels.txt`: " + ", ".join(f"{i} = {n}" for i, n in enumerate(names))
              + ".", "",
              ("See `manifest.json` in the export folder for the exact command, seed, counts per split and "
               "label, and every span that could not be represented."), ""]
    return "\n".join(lines)


def dataset_info(name: str, names: list[str], splits: dict[str, int]) -> dict[str, Any]:
    """``dataset_info.json`` in the layout of the datasets library."""
    string = {"dtype": "string", "_type": "Value"}
    return {
        "dataset_name": name,
        "description": "Token classification data exported by annotator (one example per sentence).",
        "features": {
            "id": string, "document": string,
            "tokens": {"feature": string, "_type": "Sequence"},
            "ner_tags": {"feature": {"names": names, "_type": "ClassLabel"}, "_type": "Sequence"},
        },
        "splits": {("train" if s == UNSPLIT else s): {"name": "train" if s == UNSPLIT else s, "num_examples": n}
                   for s, n in splits.items()},
    }


class _Dataset:
    """One dataset folder (the export, or one label's folder with per-label)."""

    def __init__(self, folder: Path, splits: tuple[str, ...], names: list[str]) -> None:
        folder.mkdir(exist_ok=True)
        self.folder = folder
        self.names = names
        self.index = {n: i for i, n in enumerate(names)}
        self.files: dict[str, TextIO] = {s: open_output(folder / f"{s}{SUFFIX}") for s in splits}
        self.examples: Counter[str] = Counter()
        self._dumps = json.JSONEncoder(ensure_ascii=False).encode

    def write(self, split: str, doc_id: str, words: list[str], tags: list[str], starts: list[int]) -> None:
        bounds = [*starts, len(words)]
        ids = list(map(self.index.__getitem__, tags))
        dumps = self._dumps
        self.files[split].write("".join([
            dumps({"id": f"{doc_id}#{n}", "document": doc_id, "tokens": words[a:b], "ner_tags": ids[a:b]}) + "\n"
            for n, (a, b) in enumerate(pairwise(bounds))]))
        self.examples[split] += len(bounds) - 1

    def close(self, name: str, splits: tuple[str, ...], scheme: str, layer: str) -> None:
        for fh in self.files.values():
            fh.close()
        counts = {s: self.examples[s] for s in splits}
        (self.folder / "labels.txt").write_text("".join(n + "\n" for n in self.names), encoding="utf-8")
        (self.folder / "dataset_info.json").write_text(
            json.dumps(dataset_info(name, self.names, counts), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        (self.folder / "README.md").write_text(card(name, self.names, counts, scheme, layer), encoding="utf-8")


class Writer:
    def __init__(self, settings: WriterSettings) -> None:
        self.settings = settings
        self.labels = settings.schema.names
        self.known_labels = frozenset(self.labels)
        self.per_label = settings.layer == "per-label"
        self.datasets: dict[str | None, _Dataset] = {}
        if self.per_label:
            for lab in self.labels:
                self.datasets[lab] = _Dataset(settings.folder / lab, settings.splits,
                                              label_list([lab], settings.scheme))
        else:
            self.datasets[None] = _Dataset(settings.folder, settings.splits, label_list(self.labels, settings.scheme))

    def add(self, doc: DatasetDocument, split: str) -> None:
        st = self.settings
        known = [s for s in doc.spans if s.label in self.known_labels]
        if len(known) < len(doc.spans):
            for s in doc.spans:
                if s.label not in self.known_labels:
                    st.log.drop(split, doc.id, s, "unknown-label", "the label is not in the schema's label list")
        tagged = tag_document(doc.text, known, scheme=st.scheme, layer=st.layer, labels=self.labels)
        st.log.drop_all(split, doc.id, tagged.dropped, self.per_label)
        words = tagged.words
        for layer, kept in tagged.kept.items():
            st.log.kept_all(split, Counter([x.label for x in kept]))
            self.datasets[layer].write(split, doc.id, words, tagged.tags[layer], tagged.sentence_starts)
        st.log.lost("span attributes (ner_tags hold labels only)", sum([len(s.attrs) for s in doc.spans if s.attrs]))
        st.log.lost("relations (token tags have no relations)", len(doc.relations))

    def abort(self) -> None:
        for ds in self.datasets.values():
            for fh in ds.files.values():
                fh.close()

    def close(self, project: ProjectData) -> dict[str, Any]:
        st = self.settings
        for layer, ds in self.datasets.items():
            ds.close(st.name if layer is None else f"{st.name} ({layer})", st.splits, st.scheme, st.layer)
        st.log.lost("cross-document links (token tags have no links)", len(project.links))
        first = next(iter(self.datasets.values()))
        return {"scheme": st.scheme, "layer": st.layer, "unit": "sentence",
                "label_list": first.names if not self.per_label else {k: v.names for k, v in self.datasets.items()},
                "examples": {str(k) if k else "all": dict(v.examples) for k, v in self.datasets.items()}}
