"""``annotator search`` on the sample articles: the concordance as a table and as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.resources import samples_dir

FSI, PDI = "\u2068", "\u2069"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={})


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("samples") / "p.sqlite")
    assert run("import", str(samples_dir()), "--db", db).exit_code == 0
    return db


def test_the_table_groups_hits_by_document_with_one_context_line_each(samples: str) -> None:
    result = run("search", "قال", "--mode", "word", "--db", samples)  # «وقالَ», «قالَ» are written with a fatha
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    heads = [line for line in lines if not line.startswith(" ")]
    assert heads[-1].startswith("2 hit(s) in 2 document(s)")
    text = (samples_dir() / "04-maabir.txt").read_text(encoding="utf-8")
    where = text.index("قالَ")
    assert f"04-maabir  {FSI}" in result.output and "(1 hit)" in result.output
    line = next(line for line in lines if line.strip().startswith(str(where)))
    assert line.endswith(PDI) and f"«{text[where:where + 4]}»" in line and FSI in line


def test_clitics_find_the_word_after_its_proclitics(samples: str) -> None:
    plain = run("search", "قال", "--mode", "word", "--format", "json", "--db", samples)
    clitics = run("search", "قال", "--clitics", "--format", "json", "--db", samples)
    assert json.loads(clitics.output)["hit_count"] > json.loads(plain.output)["hit_count"]


def test_json_has_the_query_options_and_each_hit_in_code_points(samples: str) -> None:
    result = run("search", "مؤتمر", "--format", "json", "--db", samples)
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["query"] == "مؤتمر" and out["options"]["mode"] == "text" and out["options"]["marks"] is True
    [doc] = out["documents"]
    text = (samples_dir() / f"{doc['id']}.txt").read_text(encoding="utf-8")
    [hit] = doc["hits"]
    assert text[hit["start"]:hit["end"]] == hit["text"] == "مؤتمر" and doc["count"] == 1
    assert text[:hit["start"]].endswith(hit["left"]) and text[hit["end"]:].startswith(hit["right"])
    assert hit["left"].endswith(" ") and hit["right"].startswith(" ")  # the spaces around the word kept
    assert out["complete"] is True and out["filters"] == {}


def test_no_match_exits_1_and_errors_exit_2(samples: str) -> None:
    none = run("search", "كلمة-غير-موجودة", "--db", samples)
    assert none.exit_code == 1 and none.output.strip() == "no match"
    bad = run("search", "(", "--mode", "regex", "--db", samples)
    assert bad.exit_code == 2 and "error: not a regular expression" in bad.output
    label = run("search", "قال", "--label", "CLAM", "--annotator", "x", "--db", samples)
    assert label.exit_code == 2
    assert "error: no label 'CLAM' in the project's schema (did you mean: CLAIM?)" in label.output
    who = run("search", "قال", "--label", "CLAIM", "--annotator", "x", "--db", samples)
    assert who.exit_code == 2 and "no annotator 'x'" in who.output


def test_filters_and_folds_from_the_command_line(samples: str, tmp_path: Path) -> None:
    assert run("meta", "02-baridalsahil", "outlet=بريد الساحل", "published=2026-09-11", "--db", samples).exit_code == 0
    result = run("search", "المعبر", "--outlet", "بريد الساحل", "--format", "json", "--db", samples)
    assert [d["id"] for d in json.loads(result.output)["documents"]] == ["02-baridalsahil"]
    result = run("search", "المعبر", "--published-from", "2026-09-12", "--db", samples)
    assert result.exit_code == 1
    # Arabic-Indic digits in the text match Western ones in the query, unless told otherwise
    assert run("search", "10 كيلومترات", "--db", samples).exit_code == 0
    assert run("search", "10 كيلومترات", "--no-digits", "--db", samples).exit_code == 1
    limited = run("search", "المعبر", "--limit", "1", "--format", "json", "--db", samples)
    assert len(json.loads(limited.output)["documents"]) == 1 and json.loads(limited.output)["complete"] is False
