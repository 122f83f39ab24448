"""`annotator suggest` on the sample articles: apply, list, accept in bulk, the log, train
and evaluate; refusals name the problem."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from annotator.cli.main import cli
from annotator.resources import samples_dir
from annotator.services.project import Project


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={})


def test_apply_list_accept_log_train_evaluate(tmp_path: Path) -> None:
    db = str(tmp_path / "p.sqlite")
    assert run("import", str(samples_dir()), "--db", db).exit_code == 0
    applied = run("suggest", "apply", "--recommender", "dates", "--db", db)
    assert applied.exit_code == 0, applied.output
    assert applied.output.startswith("dates: ") and "suggestion(s) in 4 document(s) stored" in applied.output
    listed = run("suggest", "list", "--docs", "01-alrased", "--recommenders", "stored", "--format", "json",
                 "--as", "alice", "--db", db)
    rows = json.loads(listed.output)
    p = Project.open(db)
    text = p.document("01-alrased").text
    p.close()
    assert rows and all(r["document"] == "01-alrased" and r["label"] == "DATE" for r in rows)
    assert all(text[r["start"]:r["end"]] for r in rows)
    assert any(r["attrs"].get("value") == "2023/2025" for r in rows)  # «بين ٢٠٢٣ و٢٠٢٥»
    accepted = run("suggest", "accept", "--min-score", "1", "--docs", "01-alrased", "--as", "alice", "--db", db)
    assert accepted.exit_code == 0 and f"accepted {len(rows)} suggestion(s) as alice's spans" in accepted.output
    log = json.loads(run("suggest", "log", "--format", "json", "--db", db).output)
    assert log["decisions"] == [{"recommender": "dates", "label": "DATE", "accepted": len(rows), "edited": 0,
                                 "rejected": 0, "acceptance": 1.0}]
    p = Project.open(db)
    from annotator.core.values import SetStatus

    p.set_status("01-alrased", "alice", SetStatus.DONE)
    p.close()
    trained = run("suggest", "train", "--as", "alice", "--db", db)
    assert trained.exit_code == 0, trained.output
    assert trained.output.startswith("trained model version 1 for alice on 1 document(s)")
    evaluated = run("suggest", "evaluate", "--format", "json", "--db", db)
    result = json.loads(evaluated.output)
    assert result["documents"] == 1 and result["recommenders"]["dates"]["DATE"]["exact_f1"] == 1.0
    assert any("cannot make 5 folds" in n for n in result["notes"])


def test_refusals_say_what_is_wrong(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("ANNOTATOR_USER", raising=False)
    db = str(tmp_path / "p.sqlite")
    assert run("import", str(samples_dir()), "--db", db).exit_code == 0
    bad = run("suggest", "apply", "--recommender", "nowhere", "--db", db)
    assert bad.exit_code != 0 and "nowhere: not a recommender (dates, entities, project) nor a spaCy" in bad.output
    assert "--min-score must be from 0 to 1" in run("suggest", "accept", "--min-score", "2", "--as", "alice",
                                                     "--db", db).output
    assert "nothing to learn from yet" in run("suggest", "train", "--db", db).output
    assert "say who is acting" in run("suggest", "list", "--db", db).output
