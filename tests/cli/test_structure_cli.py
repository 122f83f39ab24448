"""``annotator entities``, ``annotator claims`` and ``annotator dates`` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.core.text import text_sha256
from annotator.core.values import Document
from annotator.services.attributes import SetAttributes
from annotator.services.entities import CreateEntity
from annotator.services.links import AddLink
from annotator.services.project import Project
from annotator.services.relations import AddRelation
from annotator.services.spans import AddSpan
from annotator.storage import documents as document_store

ONE = "قالت وزيرة المالية لبنى حداد الخميس إن العجز سينخفض إلى النصف خلال عامين."
TWO = "شككت نقابة المعلمين في أن ينخفض العجز قبل نهاية العقد."


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), obj={}, catch_exceptions=False)


@pytest.fixture
def filled(db_path: Path) -> Path:
    p = Project.open(db_path)
    with p.database.unit_of_work() as s:
        document_store.add_document(
            s, Document("one", "one", ONE, text_sha256(ONE), "rtl", {"published": "2026-10-01"})
        )
        document_store.add_document(s, Document("two", "two", TWO, text_sha256(TWO), "rtl"))

    def tag(doc: str, text: str, needle: str, label: str) -> str:
        i = text.index(needle)
        cmd = AddSpan(doc, "alice", i, i + len(needle), label)
        cmd.do(p)
        return cmd.span_id

    c1 = tag("one", ONE, "العجز سينخفض إلى النصف خلال عامين", "CLAIM")
    a1 = tag("one", ONE, "وزيرة المالية لبنى حداد", "ACTOR")
    d1 = tag("one", ONE, "الخميس", "DATE")
    c2 = tag("two", TWO, "ينخفض العجز قبل نهاية العقد", "CLAIM")
    a2 = tag("two", TWO, "نقابة المعلمين", "ACTOR")
    AddRelation("one", "alice", "SOURCE", c1, a1).do(p)
    AddRelation("one", "alice", "TIME", c1, d1).do(p)
    AddRelation("two", "alice", "SOURCE", c2, a2).do(p)
    SetAttributes("one", "alice", c1, {"factuality": "predicted", "check_worthy": True}).do(p)
    CreateEntity("alice", "لبنى حداد", "person", ("حداد",), document_id="one", span_id=a1, entity_id="e-haddad").do(p)
    AddLink("alice", "CONTRADICTS", "two", c2, "one", c1).do(p)
    p.close()
    return db_path


def test_dates_normalise_prints_the_value_and_why() -> None:
    result = run("dates", "normalise", "الأسبوع المقبل", "--anchor", "2026-09-27")
    assert result.exit_code == 0
    assert "value:       2026-W40" in result.output and "relative:    yes, anchored to 2026-09-27" in result.output
    result = run("dates", "normalize", "٢٧ أيلول/سبتمبر ٢٠٢٤", "--json")
    assert json.loads(result.output)["value"] == "2024-09-27"


def test_dates_normalise_explains_what_it_cannot_do() -> None:
    result = run("dates", "normalise", "أمس")
    assert result.exit_code == 1 and "give the publication date with --anchor" in result.output
    assert run("dates", "normalise", "الوزير").exit_code == 1
    bad = run("dates", "normalise", "أمس", "--anchor", "27/9/2026")
    assert bad.exit_code == 2 and "is not a date like 2026-09-27" in bad.output


def test_dates_normalise_takes_the_anchor_from_a_document(filled: Path) -> None:
    result = run("dates", "normalise", "أمس", "--docs", "one", "--db", str(filled))
    assert result.exit_code == 0 and "value:       2026-09-30" in result.output


def test_entities_add_list_show_and_alias(filled: Path) -> None:
    result = run("entities", "add", "نقابة المعلمين", "--type", "organisation", "--alias", "النقابة",
                 "--id", "e-union", "--db", str(filled))
    assert result.exit_code == 0 and "added entity e-union" in result.output
    bad = run("entities", "add", "x", "--type", "army", "--db", str(filled))
    assert bad.exit_code == 2 and "entity type 'army' is not allowed" in bad.output

    listed = run("entities", "list", "--db", str(filled))
    assert "e-haddad\tperson\t1 mention(s)\tلبنى حداد  (also: حداد)" in listed.output
    assert "e-union\torganisation\t0 mention(s)\tنقابة المعلمين  (also: النقابة)" in listed.output
    assert "e-union" not in run("entities", "list", "--prefix", "لبن", "--db", str(filled)).output
    as_json = json.loads(run("entities", "list", "--json", "--db", str(filled)).output)
    assert {e["id"]: e["mentions"] for e in as_json} == {"e-haddad": 1, "e-union": 0}

    shown = run("entities", "show", "e-haddad", "--db", str(filled))
    assert "name:     لبنى حداد" in shown.output and "وزيرة المالية لبنى حداد" in shown.output
    assert run("entities", "show", "e-none", "--db", str(filled)).exit_code == 2

    assert run("entities", "alias", "e-union", "نقابة المدرسين", "--db", str(filled)).exit_code == 0
    shown = json.loads(run("entities", "show", "e-union", "--json", "--db", str(filled)).output)
    assert shown["aliases"] == ["النقابة", "نقابة المدرسين"] and shown["mentions"] == []


def test_entities_rename_and_merge(filled: Path) -> None:
    db = str(filled)
    assert run("entities", "add", "لبنى الحداد", "--type", "person", "--id", "e-twin", "--db", db).exit_code == 0
    project = Project.open(filled)
    try:
        text = project.document("two").text
        i = text.index("نقابة المعلمين")
        AddSpan("two", "bob", i, i + len("نقابة المعلمين"), "ACTOR", {"entity": "e-twin"}).do(project)
    finally:
        project.close()
    renamed = run("entities", "rename", "e-haddad", "الوزيرة لبنى حداد", "--keep-alias", "--db", db)
    assert renamed.exit_code == 0 and "renamed لبنى حداد -> الوزيرة لبنى حداد" in renamed.output
    merged = run("entities", "merge", "e-haddad", "e-twin", "--db", db)
    assert merged.exit_code == 0, merged.output
    assert "1 mention(s) moved" in merged.output and "لبنى الحداد" in merged.output
    shown = json.loads(run("entities", "show", "e-haddad", "--json", "--db", db).output)
    assert shown["name"] == "الوزيرة لبنى حداد" and shown["aliases"] == ["حداد", "لبنى حداد", "لبنى الحداد"]
    assert len(shown["mentions"]) == 2
    assert run("entities", "show", "e-twin", "--db", db).exit_code == 2
    refused = run("entities", "merge", "e-haddad", "e-haddad", "--db", db)
    assert refused.exit_code == 2 and "into itself" in refused.output


def test_claims_table_json_and_csv(filled: Path) -> None:
    table = run("claims", "--db", str(filled))
    assert table.exit_code == 0 and "2 claim(s)" in table.output
    assert "predicted" in table.output

    rows = json.loads(run("claims", "--format", "json", "--db", str(filled)).output)
    one = next(r for r in rows if r["document_id"] == "one")
    assert one["sources"][0]["entity_name"] == "لبنى حداد"
    assert (one["times"][0]["value"], one["times"][0]["proposed"]) == ("2026-10-01", True)  # الخميس, published Thu
    assert one["linked"][0]["link_type"] == "CONTRADICTS" and one["linked"][0]["incoming"] is True

    out = run("claims", "--format", "csv", "--db", str(filled)).output
    records = list(csv.DictReader(io.StringIO(out)))
    assert [r["document"] for r in records] == ["one", "two"]
    assert records[0]["source"] == "وزيرة المالية لبنى حداد [لبنى حداد]"
    assert records[0]["time"] == "الخميس = 2026-10-01 (proposed)"
    assert records[1]["linked"].startswith("CONTRADICTS one: ")

    assert len(json.loads(run("claims", "--format", "json", "--check-worthy", "--db", str(filled)).output)) == 1
    assert len(json.loads(run("claims", "--format", "json", "--docs", "two", "--db", str(filled)).output)) == 1
    assert run("annotators", "add", "bob", "--db", str(filled)).exit_code == 0
    assert run("claims", "--annotator", "bob", "--db", str(filled)).output.strip() == "no claims of bob"


@pytest.mark.slow
def test_structure_commands_run_without_a_display(filled: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for args in (["claims", "--db", str(filled)], ["entities", "list", "--db", str(filled)],
                 ["dates", "normalise", "العام المقبل", "--anchor", "2026-01-01"]):
        out = subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True, env=env,
                             check=True)
        assert out.stdout
