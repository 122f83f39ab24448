"""The agreement counter merged from worker processes (each computes one document in a
counter of its own, pickled back) equals the counter that added every document in one
process: the same sums, not only the same report."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.agreement import AgreementCounter
from annotator.services import agreement as agr
from annotator.services.project import Project

NAMES = ["alice", "bob", "carol", "dave"]
WORDS = ("قال", "الوزير", "إن", "الاتفاق", "سيُوقَّع", "في", "أيار", "2027", "بحسب", "مصادر", "مطلعة", "وأكد",
         "المتحدث", "باسم", "البلدية", "أن", "الطريق", "سيُعاد", "فتحه", "الأسبوع", "المقبل", "١٥", "آذار")


def annotation_record(rnd: random.Random, doc_id: str, text: str) -> dict:
    """Claims with an actor inside and a SOURCE relation, dates with values: the same places for
    everyone (seeded by the document), with this annotator's changes (*rnd*): spans left out,
    labels and edges changed, other values."""
    base = random.Random(doc_id)
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    spans: list[dict] = []
    relations: list[dict] = []
    for k in range(base.randint(2, 5)):
        i = base.randrange(len(words) - 5)
        last = i + base.randint(2, 3) + (rnd.random() < 0.2)
        claim = {"id": f"C{k}", "start": words[i][0], "end": words[last][1], "label": "CLAIM",
                 "attrs": {"factuality": rnd.choice(["asserted", "asserted", "hedged"])}}
        actor = {"id": f"A{k}", "start": words[i + 1][0], "end": words[i + 1][1],
                 "label": "ACTOR" if rnd.random() < 0.85 else "DATE"}
        if rnd.random() < 0.9:
            spans += [claim, actor]
            if actor["label"] == "ACTOR":
                relations.append({"id": f"R{k}", "type": "SOURCE", "head": claim["id"], "tail": actor["id"]})
        j = base.randrange(len(words))
        spans.append({"id": f"D{k}", "start": words[j][0], "end": words[j][1], "label": "DATE",
                      "attrs": {"value": rnd.choice(["2027", "2027", "2027-03"])}})
    unique = {(s["start"], s["end"], s["label"]): s for s in spans}  # one span per range and label
    spans = list(unique.values())
    kept = {s["id"] for s in spans}
    for s in spans:
        s["text"] = text[s["start"]:s["end"]]
    relations = [r for r in relations if r["head"] in kept and r["tail"] in kept]
    return {"id": doc_id, "text": text, "spans": spans, "relations": relations}


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    """Ten documents; each annotator annotated most of them (so 2, 3 or 4 coders per document)."""
    rnd = random.Random(11)
    db = tmp_path / "workers.sqlite"
    texts = {f"doc{d}": " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(20, 40))) for d in range(10)}
    docs = tmp_path / "docs.jsonl"
    docs.write_text("".join(json.dumps({"id": k, "title": k, "text": t}, ensure_ascii=False) + "\n"
                            for k, t in texts.items()), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["--db", str(db), "import", str(docs)])
    assert result.exit_code == 0, result.output
    for name in NAMES:
        mine = tmp_path / f"{name}.jsonl"
        mine.write_text("".join(json.dumps(annotation_record(rnd, k, t), ensure_ascii=False) + "\n"
                                for k, t in texts.items() if rnd.random() < 0.8), encoding="utf-8")
        result = runner.invoke(cli, ["--db", str(db), "import", str(mine), "--annotator", name])
        assert result.exit_code == 0, result.output
    return db


def test_the_counter_merged_from_worker_processes_equals_the_one_process_counter(
        stored: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counters: list[AgreementCounter] = []

    class Kept(AgreementCounter):
        """The service's own counter (in this process), kept when the report is made."""

        def report(self):  # type: ignore[no-untyped-def]
            counters.append(self)
            return super().report()

    monkeypatch.setattr(agr, "AgreementCounter", Kept)
    project = Project.open(stored)
    try:
        assert agr._choose_workers(2, 10, 0, project.database) == 2
        one = agr.compute_agreement(project, annotators=NAMES, workers=1)
        two = agr.compute_agreement(project, annotators=NAMES, workers=2)
    finally:
        project.close()
    sequential, merged = counters
    assert merged == sequential
    assert json.dumps(two.to_json()) == json.dumps(one.to_json())
    pair = one.pair("alice", "bob")  # the data exercise every figure
    assert pair.documents >= 5 and pair.relations["SOURCE"].both and pair.attributes["value"].items
    assert one.alpha_documents >= 8 and one.alpha["ALL"] is not None
