"""The export service: selection by source, status and documents, reproducible splits,
atomic folders, the manifest, progress and cancelling, and the agreement hook."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator.core.bio import token_spans
from annotator.core.values import SetStatus, Span
from annotator.services.export.datasets import (
    ExportCancelled,
    ExportError,
    ExportOptions,
    export_dataset,
    export_jsonl,
    plan_export,
)
from annotator.services.lookup import UnknownName
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import documents as document_store
from annotator.storage import spans as span_store
from annotator.storage import team as team_store
from annotator.storage.tables import DocumentRow, EntityRow, LinkRow, RelationRow, SpanRow
from tests.conftest import fresh_postgres
from tests.export_samples import TEXT_A, TEXT_B

OUTLETS = ["alrased", "aljisr", "maabir"]


def add_documents(project: Project, n: int = 12) -> list[str]:
    from annotator.core.text import text_sha256
    from annotator.core.values import Document

    ids = []
    with project.database.unit_of_work() as s:
        for i in range(n):
            text = (TEXT_A if i % 2 == 0 else TEXT_B) + f"\nالخبر رقم {i}."
            doc_id = f"doc-{i:02d}"
            document_store.add_document(s, Document(doc_id, f"خبر {i}", text, text_sha256(text), "rtl",
                                          {"outlet": OUTLETS[i % 3]}, f"/corpus/{OUTLETS[i % 3]}/{i}.txt", None))
            ids.append(doc_id)
    return ids


def annotate(project: Project, doc_id: str, who: str, kind: str = "annotation", status: SetStatus = SetStatus.DONE,
             relation: bool = False) -> None:
    text = project.document(doc_id).text
    toks = token_spans(text)
    k = [text[a:b] for a, b in toks].index("أن") + 1
    spans = [Span(f"{who}-c", toks[k][0], toks[k + 2][1], "CLAIM" if who != "bob" else "ACTOR"),
             Span(f"{who}-a", *toks[1], "ACTOR"),
             Span(f"{who}-n", *toks[k + 1], "DATE")]  # nested inside the claim
    with project.database.unit_of_work() as s:
        row = set_store.get_or_create_set(s, doc_id, who, kind)
        set_store.set_status(s, row, status)
        span_store.bulk_insert_spans(s, row.id, spans)
        if relation:
            pks = {u: pk for u, pk in s.execute(
                SpanRow.__table__.select().with_only_columns(SpanRow.uid, SpanRow.pk).where(SpanRow.set_id == row.id))}
            s.add(RelationRow(set_id=row.id, uid=f"{who}-r", type="SOURCE", head_pk=pks[f"{who}-c"],
                              tail_pk=pks[f"{who}-a"], attrs={}, provenance={}))


@pytest.fixture
def team(project: Project) -> Project:
    ids = add_documents(project)
    for i, doc_id in enumerate(ids):
        annotate(project, doc_id, "alice", status=SetStatus.DONE if i % 4 else SetStatus.IN_PROGRESS)
        if i % 2 == 0:
            annotate(project, doc_id, "bob")
        if i < 8:
            annotate(project, doc_id, "judge", kind="gold", relation=True)
    return project


def manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def test_gold_is_the_default_and_the_manifest_tells_everything(team: Project, tmp_path: Path) -> None:
    out = tmp_path / "gold"
    options = ExportOptions(format="conll", split={"train": 0.5, "dev": 0.25, "test": 0.25}, seed=5,
                            command=["annotator", "export", "--format", "conll"])
    result = export_dataset(team, out, options)
    m = manifest(out)
    assert result.documents == m["documents"] and sum(m["documents"].values()) == 8
    assert m["program"]["version"] and m["schema"]["name"] == team.schema.name and len(m["schema"]["sha256"]) == 64
    assert m["command"] == ["annotator", "export", "--format", "conll"] and m["split"]["seed"] == 5
    assert m["sources"]["gold"]["spans_in_source"]["train"]["DATE"] == m["documents"]["train"]
    assert m["dropped"] == {"total": 8, "by_reason": {"nested": 8}}
    assert m["sources"]["gold"]["dropped"]["not_held"] == {"relations (CoNLL has no relations)": 8}
    written = sum(sum(c.values()) for c in m["spans"].values())
    assert written == result.spans == 16
    assert set(m["files"]) == {"train.conll", "dev.conll", "test.conll"}
    assert (m["agreement"] is None) == bool(m["agreement_note"])  # figures, or the reason why not
    ids = [d for s in m["document_ids"].values() for d in s]
    assert sorted(ids) == [f"doc-{i:02d}" for i in range(8)]


def test_same_seed_same_files_other_seed_other_split(team: Project, tmp_path: Path) -> None:
    opts = {"format": "jsonl", "split": {"train": 0.5, "dev": 0.5}, "seed": 1}
    export_dataset(team, tmp_path / "a", ExportOptions(**opts))  # type: ignore[arg-type]
    export_dataset(team, tmp_path / "b", ExportOptions(**opts))  # type: ignore[arg-type]
    for name in ("train.jsonl", "dev.jsonl", "project.json"):  # with splits the project file is project.json
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert manifest(tmp_path / "a")["files"] == manifest(tmp_path / "b")["files"]
    seeds = {json.dumps(manifest(tmp_path / "a")["document_ids"])}
    for seed in range(2, 6):
        export_dataset(team, tmp_path / f"s{seed}", ExportOptions(**{**opts, "seed": seed}))  # type: ignore[arg-type]
        seeds.add(json.dumps(manifest(tmp_path / f"s{seed}")["document_ids"]))
    assert len(seeds) > 1


def test_by_source_keeps_an_outlet_in_one_split(team: Project, tmp_path: Path) -> None:
    plan = plan_export(team, ExportOptions(source="alice", split={"train": 0.34, "dev": 0.33, "test": 0.33},
                                           by="source", seed=2))
    with team.database.unit_of_work() as s:
        outlet = {r.id: r.meta["outlet"] for r in s.query(DocumentRow)}
    per_outlet: dict[str, set[str]] = {}
    for doc_id, split in plan.split_of.items():
        per_outlet.setdefault(outlet[doc_id], set()).add(split)
    assert all(len(v) == 1 for v in per_outlet.values()) and len(per_outlet) == 3
    assert plan.outlet_rules == {"meta.outlet": 12}


def test_jsonl_holds_relations_entities_and_links(team: Project, tmp_path: Path) -> None:
    with team.database.unit_of_work() as s:
        s.add(EntityRow(uid="e1", name="سامر الخطيب", type="person", aliases=["الخطيب"]))
        all_c = [pk for (pk,) in s.execute(SpanRow.__table__.select().with_only_columns(SpanRow.pk)
                                           .where(SpanRow.uid == "judge-c").order_by(SpanRow.pk))]
        s.add(LinkRow(uid="l1", type="SAME_CLAIM", source_pk=all_c[0], target_pk=all_c[1],
                      annotator_id=team_store.annotator_id(s, "judge"), kind="gold", provenance={}))
    export_dataset(team, tmp_path / "j", ExportOptions(format="jsonl", source="gold"))
    rec = json.loads((tmp_path / "j" / "all.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert rec["relations"] == [{"id": "judge-r", "type": "SOURCE", "head": "judge-c", "tail": "judge-a"}]
    assert [s["id"] for s in rec["spans"]] == ["judge-a", "judge-c", "judge-n"]
    project_file = json.loads((tmp_path / "j" / "all.project.json").read_text(encoding="utf-8"))
    assert project_file["entities"][0]["name"] == "سامر الخطيب"
    assert project_file["links"][0]["source"] == {"doc": "doc-00", "span": "judge-c"}
    export_jsonl(team, tmp_path / "gold.jsonl", gold=True)
    sidecar = json.loads((tmp_path / "gold.project.json").read_text(encoding="utf-8"))
    assert sidecar == project_file
    export_dataset(team, tmp_path / "c", ExportOptions(format="conll", source="gold"))
    assert manifest(tmp_path / "c")["sources"]["gold"]["dropped"]["not_held"][
        "cross-document links (CoNLL has no links)"] == 1


def test_source_all_writes_one_folder_per_source_with_the_same_split(team: Project, tmp_path: Path) -> None:
    out = tmp_path / "everyone"
    export_dataset(team, out, ExportOptions(format="jsonl", source="all", split={"train": 0.5, "test": 0.5}, seed=9))
    m = manifest(out)
    assert {k: v["folder"] for k, v in m["sources"].items()} == {
        "gold": "gold", "alice": "annotators/alice", "bob": "annotators/bob"}
    split_of = {d: s for s, ds in m["document_ids"].items() for d in ds}
    for folder in ("gold", "annotators/alice", "annotators/bob"):
        for split in ("train", "test"):
            for line in (out / folder / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
                assert split_of[json.loads(line)["id"]] == split
    assert sum(m["sources"]["bob"]["documents"].values()) == 6


def test_filters_by_status_and_documents(team: Project, tmp_path: Path) -> None:
    plan = plan_export(team, ExportOptions(source="alice", status="in_progress"))
    assert plan.documents == ["doc-00", "doc-04", "doc-08"]
    plan = plan_export(team, ExportOptions(source="bob", documents=["doc-00", "doc-01"]))
    assert plan.documents == ["doc-00"] and "doc-01" in plan.warnings[0]
    with pytest.raises(UnknownName, match="no document 'nope'"):
        plan_export(team, ExportOptions(source="bob", documents=["nope"]))
    with pytest.raises(UnknownName, match="no annotator 'carol'"):
        plan_export(team, ExportOptions(source="carol"))


def test_an_existing_folder_is_refused_and_replaced_only_with_force(team: Project, tmp_path: Path) -> None:
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    out = tmp_path / "set"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    with pytest.raises(ExportError, match="already exists"):
        export_dataset(team, out, ExportOptions(format="conll"))
    assert (out / "keep.txt").exists()
    export_dataset(team, out, ExportOptions(format="conll", force=True))
    assert not (out / "keep.txt").exists() and (out / "all.conll").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["set"]  # no temporary folders left


def test_a_failed_or_cancelled_export_leaves_nothing(team: Project, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()

    def cancel(done: int, total: int) -> None:
        calls.append((done, total))
        if done == 3:
            raise ExportCancelled("stopped by the user")

    out = tmp_path / "x"
    with pytest.raises(ExportCancelled):
        export_dataset(team, out, ExportOptions(format="hf"), progress=cancel)
    assert calls == [(1, 8), (2, 8), (3, 8)] and list(tmp_path.iterdir()) == []

    previous = tmp_path / "prev"
    export_dataset(team, previous, ExportOptions(format="brat"))
    before = sorted(p.relative_to(previous).as_posix() for p in previous.rglob("*"))
    from annotator.formats import brat

    def broken(self, doc, split):  # type: ignore[no-untyped-def]
        raise OSError("disk full")

    monkeypatch.setattr(brat.Writer, "add", broken)
    with pytest.raises(OSError, match="disk full"):
        export_dataset(team, previous, ExportOptions(format="brat", force=True))
    assert sorted(p.relative_to(previous).as_posix() for p in previous.rglob("*")) == before
    assert [p.name for p in tmp_path.iterdir()] == ["prev"]


def test_agreement_figures_are_the_agreement_services_on_the_exported_documents(team: Project,
                                                                               tmp_path: Path) -> None:
    from annotator.services.agreement import compute_agreement

    export_dataset(team, tmp_path / "g", ExportOptions(format="jsonl", source="gold"))
    m = manifest(tmp_path / "g")
    assert m["agreement_note"] is None
    ids = [f"doc-{i:02d}" for i in range(8)]
    assert m["agreement"] == json.loads(json.dumps(compute_agreement(team, ids).to_json()))
    assert "alice" in json.dumps(m["agreement"]) and "bob" in json.dumps(m["agreement"])
    export_dataset(team, tmp_path / "a", ExportOptions(format="jsonl", source="alice"))
    assert manifest(tmp_path / "a")["agreement"] is None


def test_without_gold_the_only_annotator_is_the_default_and_several_need_a_choice(project: Project,
                                                                                   tmp_path: Path) -> None:
    ids = add_documents(project, 3)
    annotate(project, ids[0], "alice")
    assert [p.name for p in plan_export(project, ExportOptions()).sources] == ["alice"]
    annotate(project, ids[1], "bob")
    with pytest.raises(ExportError, match="several annotators have spans"):
        plan_export(project, ExportOptions())
    with pytest.raises(ExportError, match="no gold sets"):
        plan_export(project, ExportOptions(source="gold"))


PG_URL = os.environ.get("ANNOTATOR_TEST_POSTGRES_URL")


@pytest.mark.skipif(not PG_URL, reason="set ANNOTATOR_TEST_POSTGRES_URL to run against PostgreSQL")
@pytest.mark.parametrize("fmt", ["jsonl", "conll", "brat", "labelstudio"])
def test_postgresql_and_sqlite_give_the_same_dataset(tmp_path: Path, fmt: str) -> None:
    assert PG_URL
    fresh_postgres(PG_URL)
    outputs = {}
    for name, url in (("pg", PG_URL), ("lite", str(tmp_path / "lite.sqlite"))):
        project = Project.open(url)
        try:
            ids = add_documents(project)
            for i, doc_id in enumerate(ids):
                annotate(project, doc_id, "alice", relation=i % 3 == 0)
            out = tmp_path / name
            export_dataset(project, out, ExportOptions(format=fmt, split={"train": 0.5, "test": 0.5}, seed=3))
        finally:
            project.close()
        files = manifest(out)["files"]
        outputs[name] = (files, manifest(out)["document_ids"])
    assert outputs["pg"] == outputs["lite"]


def test_options_are_checked_before_anything_is_written(team: Project, tmp_path: Path) -> None:
    for options, message in [(ExportOptions(split={"train": 0.5}), "add up to 0.5"),
                             (ExportOptions(split={"all": 1.0}), "names the whole"),
                             (ExportOptions(format="xml"), "unknown format"),
                             (ExportOptions(layer="middle"), "--layer")]:
        with pytest.raises(ExportError, match=message):
            export_dataset(team, tmp_path / "x", options)
        assert not (tmp_path / "x").exists()


def test_format_descriptions_for_a_dialog() -> None:
    from annotator.services.export.datasets import describe_formats

    formats = describe_formats()
    assert list(formats) == ["jsonl", "conll", "brat", "spacy", "hf", "doccano", "labelstudio"]
    assert all(len(v) > 10 for v in formats.values())


def test_a_subset_export_names_the_links_it_cannot_hold(team: Project, db_path: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from annotator.cli.main import cli
    LINKS_OUTSIDE = "links with one end outside the export"  # noqa: N806 - the manifest's words

    with team.database.unit_of_work() as s:
        claims = [pk for (pk,) in s.execute(SpanRow.__table__.select().with_only_columns(SpanRow.pk)
                                            .where(SpanRow.uid == "judge-c").order_by(SpanRow.pk))]
        judge = team_store.annotator_id(s, "judge")
        for n, (a, b) in enumerate([(0, 1), (0, 2), (1, 2), (3, 4)]):  # doc-00 .. doc-04, one set each
            s.add(LinkRow(uid=f"l{n}", type="SAME_CLAIM", source_pk=claims[a], target_pk=claims[b],
                          annotator_id=judge, kind="gold", provenance={}))
    # doc-00 and doc-01: l0 inside, l1 and l2 leave the export, l3 is wholly outside
    result = export_dataset(team, tmp_path / "j", ExportOptions(format="jsonl", source="gold",
                                                                documents=["doc-00", "doc-01"]))
    assert result.manifest["sources"]["gold"]["dropped"]["not_held"] == {LINKS_OUTSIDE: 2}
    assert [link["id"] for link in json.loads((tmp_path / "j" / "all.project.json").read_text(
        encoding="utf-8"))["links"]] == ["l0"]
    whole = export_dataset(team, tmp_path / "w", ExportOptions(format="jsonl", source="gold"))
    assert LINKS_OUTSIDE not in whole.manifest["sources"]["gold"]["dropped"]["not_held"]
    assert export_jsonl(team, tmp_path / "one.jsonl", gold=True, doc_ids=["doc-00", "doc-01"]).links_outside == 2
    team.close()
    for out in ("cli", "cli.jsonl"):
        ran = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--out", str(tmp_path / out), "--source", "gold",
                                       "--docs", "doc-00", "--docs", "doc-01", "--db", str(db_path)], obj={})
        assert ran.exit_code == 0, ran.output
        assert "not exported: 2 links with one end outside the export" in ran.output


@pytest.mark.parametrize("odd", [False, True])
def test_label_studio_streamed_by_the_service_is_what_the_writer_alone_writes(team: Project, tmp_path: Path,
                                                                              odd: bool) -> None:
    """The service tells the Label Studio writer what is ahead (documents per split, the
    attributes the spans carry), so each task is written as it comes; the files are those
    the writer writes when it holds every document to the end. *odd*: a choice attribute
    with a number and an attribute named like the labels control, which change the
    controls of every task."""
    from sqlalchemy import update

    from annotator.core.dataset import DatasetDocument, ExportLog, RelationRecord
    from annotator.core.values import Document
    from annotator.formats import labelstudio
    from annotator.formats.base import ProjectData, WriterSettings

    with team.database.unit_of_work() as s:
        s.execute(update(SpanRow).where(SpanRow.uid == "judge-c").values(attrs={"factuality": "asserted"}))
        s.execute(update(SpanRow).where(SpanRow.uid == "judge-a").values(attrs={"type": "person", "entity": "e1"}))
        if odd:
            s.execute(update(SpanRow).where(SpanRow.uid == "judge-n").values(attrs={"factuality": 3, "label": "x"}))
    options = {"source": "gold", "split": {"train": 0.5, "test": 0.5}, "seed": 4}
    export_dataset(team, tmp_path / "ls", ExportOptions(format="labelstudio", **options))  # type: ignore[arg-type]
    export_dataset(team, tmp_path / "canon", ExportOptions(format="jsonl", **options))  # type: ignore[arg-type]
    alone = tmp_path / "alone"
    alone.mkdir()
    writer = labelstudio.Writer(WriterSettings(folder=alone, schema=team.schema, splits=("train", "test"),
                                               log=ExportLog()))
    records = sorted(((split, json.loads(line)) for split in ("train", "test")
                      for line in (tmp_path / "canon" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()),
                     key=lambda x: x[1]["id"])
    for split, r in records:
        doc = Document(r["id"], r["title"], r["text"], "", "rtl", r["meta"])
        spans = [Span(x["id"], x["start"], x["end"], x["label"], x["attrs"]) for x in r["spans"]]
        rels = [RelationRecord(x["id"], x["type"], x["head"], x["tail"]) for x in r.get("relations", [])]
        writer.add(DatasetDocument(doc, spans, rels), split)
    writer.close(ProjectData())
    for name in ("train.json", "test.json", "labelstudio_config.xml"):
        assert (tmp_path / "ls" / name).read_bytes() == (alone / name).read_bytes()
    tasks = json.loads((tmp_path / "ls" / "test.json").read_text(encoding="utf-8"))
    kinds = {(r["from_name"], r["type"]) for t in tasks for r in t["annotations"][0]["result"] if "from_name" in r}
    assert ("factuality", "textarea" if odd else "choices") in kinds


def test_every_file_of_the_manifest_has_its_own_sha256(team: Project, tmp_path: Path) -> None:
    """brat notes the SHA-256 of each file as it writes it (the manifest does not read twenty
    thousand files again); every hash is still the file's, in every folder of every source."""
    import hashlib

    out = tmp_path / "b"
    export_dataset(team, out, ExportOptions(format="brat", source="all", split={"train": 0.5, "test": 0.5}, seed=2))
    files = manifest(out)["files"]
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "manifest.json")
    assert sorted(files) == on_disk and any(name.endswith(".ann") for name in files)
    assert all(hashlib.sha256((out / name).read_bytes()).hexdigest() == h for name, h in files.items())
