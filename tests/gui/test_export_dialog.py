"""The Export dialog calls the export service off the GUI thread, shows its progress,
its validation errors before anything is written, and the manifest's summary."""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from annotator.gui.export import export_dialog as ed
from annotator.gui.export.export_dialog import ExportDialog
from annotator.services.export import datasets, rules
from annotator.services.project import Project
from tests.gui.conftest import add_documents

# Short Arabic news texts written for these tests (id, title, text).
TEXTS = [
    ("d1", "السدّ", "صرّح مدير هيئة المياه خالد النعيمي يوم الاثنين بأن السدّ الجديد سيمتلئ قبل الصيف."),
    ("d2", "المدارس", "أفادت نقابة المعلمين أن العام الدراسي سيبدأ في الأول من أيلول في كل المدارس."),
    ("d3", "القطار", "قال المتحدث باسم السكك الحديدية إن القطار السريع سينطلق في شباط 2028 بين المدينتين."),
    ("d4", "المستشفى", "أكدت وزيرة الصحة ريم الحداد أمس أن المستشفى الجامعي سيستقبل المرضى الشهر المقبل."),
    ("d5", "الميناء", "أعلن اتحاد الصيادين صباح السبت أن الميناء القديم سيغلق أسبوعين للترميم."),
    ("d6", "الجسر", "ذكرت البلدية في بيان يوم الأحد أن الجسر المعلّق سيفتح أمام السيارات في نيسان."),
]
# (document, text of the span, label); the CLAIM of d1 holds the ACTOR "خالد النعيمي" (nested).
SPANS = [
    ("d1", "خالد النعيمي", "ACTOR"), ("d1", "يوم الاثنين", "DATE"),
    ("d1", "مدير هيئة المياه خالد النعيمي", "CLAIM"),
    ("d2", "نقابة المعلمين", "ACTOR"), ("d2", "الأول من أيلول", "DATE"),
    ("d3", "المتحدث باسم السكك الحديدية", "ACTOR"), ("d3", "شباط 2028", "DATE"),
    ("d4", "ريم الحداد", "ACTOR"), ("d4", "المستشفى الجامعي سيستقبل المرضى", "CLAIM"),
    ("d5", "اتحاد الصيادين", "ACTOR"), ("d5", "صباح السبت", "DATE"),
    ("d6", "البلدية", "ACTOR"), ("d6", "نيسان", "DATE"),
]


@pytest.fixture
def project(tmp_path: Path):  # type: ignore[no-untyped-def]
    db = tmp_path / "export.sqlite"
    add_documents(db, TEXTS)
    p = Project.open(db)
    texts = {d: t for d, _title, t in TEXTS}
    for doc_id, needle, label in SPANS:
        start = texts[doc_id].index(needle)
        p.add_span(doc_id, "alice", start, start + len(needle), label)
    yield p
    p.close()


@pytest.fixture
def dialog(qtbot, project: Project) -> ExportDialog:  # type: ignore[no-untyped-def]
    dlg = ExportDialog(project)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    if dlg.running:  # never leave a worker behind
        dlg.cancel()
        qtbot.waitUntil(lambda: not dlg.running, timeout=10000)


def choose(combo, data) -> None:  # type: ignore[no-untyped-def]
    i = combo.findData(data)
    assert i >= 0, data
    combo.setCurrentIndex(i)


def run(qtbot, dlg: ExportDialog) -> None:  # type: ignore[no-untyped-def]
    assert dlg.start(), dlg.error
    qtbot.waitUntil(lambda: not dlg.running, timeout=20000)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(".")]


def test_conll_with_a_split_matches_the_database(qtbot, dialog: ExportDialog, project: Project,
                                                  tmp_path: Path) -> None:
    out = tmp_path / "conll-out"
    choose(dialog.format, "conll")
    choose(dialog.source, "alice")
    dialog.split_box.setChecked(True)
    for name, value in (("train", 0.6), ("dev", 0.2), ("test", 0.2)):
        dialog.ratios[name].setValue(value)
    dialog.seed.setValue(7)
    dialog.out.setText(str(out))
    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    run(qtbot, dialog)
    assert dialog.error == "" and dialog.result is not None
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert set(m["documents"]) == {"train", "dev", "test"} and sum(m["documents"].values()) == len(TEXTS)
    for split in ("train", "dev", "test"):
        assert (out / f"{split}.conll").is_file()
        # written + dropped = what the database holds for the split's documents
        expected = Counter(s.label for d in m["document_ids"][split] for s in project.spans(d, "alice"))
        written = Counter(m["spans"][split])
        dropped = Counter(i["label"] for i in m["sources"]["alice"]["dropped"]["items"] if i["split"] == split)
        assert written + dropped == expected, split
    assert m["dropped"]["total"] == 1  # the ACTOR inside d1's CLAIM: outermost layer
    assert m["split"]["seed"] == 7 and m["split"]["ratios"] == {"train": 0.6, "dev": 0.2, "test": 0.2}
    assert m["command"][:6] == ["annotator", "export", "--format", "conll", "--out", str(out)]
    # the progress bar was fed by the service and reached its maximum
    assert dialog.progress.maximum() == len(TEXTS) and dialog.progress.value() == len(TEXTS)
    assert steps and steps[-1] == len(TEXTS)
    text = dialog.summary.toPlainText()
    assert f"Documents: {len(TEXTS)} (train {m['documents']['train']}" in text
    assert "Dropped: 1 span the format cannot hold" in text and "ACTOR 1" in text
    assert str(out / "manifest.json") in text
    assert not leftovers(tmp_path)


def test_bad_ratios_show_an_error_and_write_nothing(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:
    out = tmp_path / "never"
    choose(dialog.format, "conll")
    dialog.split_box.setChecked(True)
    dialog.ratios["dev"].setValue(0.3)  # 0.8 + 0.3 + 0.1
    assert "add up to 1.2, not 1" in dialog.sum_label.text()
    dialog.out.setText(str(out))
    before = sorted(tmp_path.iterdir())
    assert dialog.start() is False
    assert not dialog.running
    assert "Split: the ratios add up to 1.2, not 1" in dialog.message.text()
    assert not out.exists() and sorted(tmp_path.iterdir()) == before
    dialog.ratios["dev"].setValue(0.1)
    assert dialog.sum_label.text() == "The ratios add up to 1."


def test_existing_folder_refused_unless_replace_is_ticked(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:
    out = tmp_path / "existing"
    out.mkdir()
    (out / "old.txt").write_text("قديم", encoding="utf-8")
    choose(dialog.format, "brat")
    choose(dialog.source, "alice")
    dialog.out.setText(str(out))
    assert dialog.start() is False
    assert "already exists" in dialog.message.text() and (out / "old.txt").exists()
    dialog.force.setChecked(True)
    run(qtbot, dialog)
    assert dialog.error == ""
    assert not (out / "old.txt").exists() and (out / "manifest.json").is_file()
    assert (out / "annotation.conf").is_file()
    assert not leftovers(tmp_path)


def test_service_errors_are_shown_and_nothing_is_written(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:
    out = tmp_path / "gold-out"
    choose(dialog.source, "gold")  # nobody adjudicated: the service refuses before writing
    dialog.out.setText(str(out))
    run(qtbot, dialog)
    assert dialog.result is None
    assert "no gold sets yet" in dialog.error and dialog.error in dialog.message.text()
    assert not out.exists() and not leftovers(tmp_path)
    assert dialog.export_button.isEnabled() and dialog.form_widget.isEnabled()


def test_cancel_writes_nothing(qtbot, dialog: ExportDialog, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    real = datasets.export_dataset

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(10)  # the worker starts, and waits until the test has pressed Cancel
        return real(*args, **kwargs)

    monkeypatch.setattr(ed, "export_dataset", held)
    out = tmp_path / "cancelled"
    choose(dialog.format, "hf")
    choose(dialog.source, "alice")
    dialog.out.setText(str(out))
    assert dialog.start()
    assert dialog.running and dialog.cancel_button.isEnabled() and not dialog.export_button.isEnabled()
    dialog.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: not dialog.running, timeout=20000)
    assert dialog.error == "cancelled" and "nothing was written" in dialog.message.text()
    assert not out.exists() and not leftovers(tmp_path)


def test_jsonl_to_one_file(qtbot, dialog: ExportDialog, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    choose(dialog.format, "jsonl")
    dialog.out.setText(str(out))  # automatic source: the only annotator with spans
    run(qtbot, dialog)
    assert dialog.error == ""
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(TEXTS)
    expected = f"Wrote {len(TEXTS)} documents and {len(SPANS)} spans of alice to {out}"
    assert dialog.summary.toPlainText() == expected
    assert dialog.progress.value() == dialog.progress.maximum() == len(TEXTS)
    # a split needs a folder
    dialog.split_box.setChecked(True)
    dialog.out.setText(str(tmp_path / "other.jsonl"))
    assert dialog.start() is False and "write a folder" in dialog.message.text()


def test_scheme_and_layer_only_for_tagging_formats(dialog: ExportDialog) -> None:
    descriptions = datasets.describe_formats()
    assert [dialog.format.itemData(i) for i in range(dialog.format.count())] == list(rules.FORMATS)
    for fmt in rules.FORMATS:
        choose(dialog.format, fmt)
        assert dialog.tags_box.isEnabled() == (fmt in ("conll", "hf"))
        assert dialog.format_help.text() == descriptions[fmt]
    dialog.grab()  # paints


def test_selected_documents_only(qtbot, project: Project, tmp_path: Path) -> None:
    dlg = ExportDialog(project, document_choices=[("Open in the panes", ["d2", "d5"])])
    qtbot.addWidget(dlg)
    choose(dlg.format, "jsonl")
    choose(dlg.source, "alice")
    dlg.documents.setCurrentIndex(1)
    out = tmp_path / "two"
    dlg.out.setText(str(out))
    run(qtbot, dlg)
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(d for ids in m["document_ids"].values() for d in ids) == ["d2", "d5"]
    assert m["options"]["documents"] == ["d2", "d5"]


def test_opened_from_the_file_menu(open_window, project: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    win = open_window(project.database.display_url, ["d1", "d3"])
    action = win.actions_by_id["file.export"]
    assert action.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert action in win.menus["File"].actions()
    action.trigger()
    dlg = win.export_dialog
    assert isinstance(dlg, ExportDialog) and dlg.isVisible()
    texts = [dlg.documents.itemText(i) for i in range(dlg.documents.count())]
    assert any(t.startswith("Open in the panes (2): d1, d3") for t in texts)
    assert dlg.source.findData("alice") >= 0
    action.trigger()  # raises the same dialog
    assert win.export_dialog is dlg
    dlg.close()
    assert win.export_dialog is None


def test_the_manifest_command_makes_the_same_export(qtbot, dialog: ExportDialog, project: Project,
                                                    tmp_path: Path) -> None:
    """The dialog and ``annotator export`` build the same options: the command the dialog
    records in the manifest, run on the command line, writes the same files."""
    from click.testing import CliRunner

    from annotator.cli.main import cli

    out = tmp_path / "from-dialog"
    choose(dialog.format, "conll")
    choose(dialog.source, "alice")
    choose(dialog.scheme, "bioes")
    choose(dialog.layer, "innermost")
    dialog.split_box.setChecked(True)
    dialog.seed.setValue(3)
    dialog.out.setText(str(out))
    run(qtbot, dialog)
    m = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    again = tmp_path / "from-cli"
    args = [str(again) if a == str(out) else a for a in m["command"][2:]]
    result = CliRunner().invoke(cli, ["export", *args, "--db", project.database.display_url], obj={})
    assert result.exit_code == 0, result.output
    m2 = json.loads((again / "manifest.json").read_text(encoding="utf-8"))
    assert m2["files"] == m["files"] and m2["options"] == m["options"] and m2["split"] == m["split"]


def test_closing_while_running_cancels_first(qtbot, dialog: ExportDialog, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    real = datasets.export_dataset
    monkeypatch.setattr(ed, "export_dataset", lambda *a, **k: (gate.wait(10), real(*a, **k))[1])
    out = tmp_path / "closed"
    choose(dialog.source, "alice")
    dialog.out.setText(str(out))
    assert dialog.start()
    dialog.close_button.click()
    assert dialog.isVisible() and dialog.running  # the worker still runs: the dialog waits for it
    gate.set()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    assert not dialog.running and dialog.error == "cancelled"
    assert not out.exists() and not leftovers(tmp_path)


def test_what_a_killed_export_left_is_cleaned_up_and_said_in_the_summary(qtbot, dialog: ExportDialog,
                                                                        tmp_path: Path) -> None:
    """A temporary folder left by a killed export of the same target is removed, and the
    dialog says so (not only the log)."""
    out = tmp_path / "jsonl-out"
    stale = tmp_path / ".jsonl-out.a1b2c3d4.part"
    stale.mkdir()
    (stale / "train.jsonl").write_text("half written", encoding="utf-8")
    choose(dialog.format, "jsonl")
    choose(dialog.source, "alice")
    dialog.out.setText(str(out))
    run(qtbot, dialog)
    assert dialog.error == "" and (out / "manifest.json").is_file()
    assert not stale.exists() and not leftovers(tmp_path)
    text = dialog.summary.toPlainText()
    assert "leftover" in text and "interrupted export" in text, text


# -- the dialog and ``annotator export`` follow the same rules (services/export/rules.py) -------------

def _cli(*args: str):  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from annotator.cli.main import cli

    return CliRunner().invoke(cli, list(args), obj={})


def _combo_values(combo) -> list:  # type: ignore[no-untyped-def]
    return [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i) is not None]


def test_the_dialog_offers_the_choices_of_the_command_line(dialog: ExportDialog) -> None:
    from annotator.cli.export_cmd import command

    choices = {p.name: list(p.type.choices) for p in command.params if hasattr(p.type, "choices")}
    assert choices == {"fmt": _combo_values(dialog.format), "status": _combo_values(dialog.status),
                       "group_by": _combo_values(dialog.by), "scheme": _combo_values(dialog.scheme),
                       "layer": _combo_values(dialog.layer)}
    assert choices["scheme"] == ["iob2", "bioes"] and choices["layer"] == ["outermost", "innermost", "per-label"]


@pytest.mark.parametrize("fmt", ["jsonl", "conll"])
@pytest.mark.parametrize("name", ["set.jsonl", "SET.JSONL", "set.json", "set", "set.jsonl.d"])
def test_the_dialog_and_the_command_line_write_the_same_kind_of_output(dialog: ExportDialog, project: Project,
                                                                      tmp_path: Path, fmt: str, name: str) -> None:
    """One .jsonl file or a folder: the command line's output on disk and the dialog's request agree,
    and both refuse a split into a file alike."""
    out = tmp_path / "cli" / name
    out.parent.mkdir()
    db = str(project.database.url.database)
    result = _cli("--db", db, "export", "--format", fmt, "--source", "alice", "--out", str(out))
    assert result.exit_code == 0, result.output
    cli_file = out.is_file()
    assert cli_file or out.is_dir()
    choose(dialog.format, fmt)
    choose(dialog.source, "alice")
    dialog.out.setText(str(tmp_path / "dialog" / name))
    assert dialog.request().to_file == cli_file == rules.is_file_target(fmt, out)
    # a split needs a folder: both refuse it for a file, neither for a folder
    refused = _cli("--db", db, "export", "--format", fmt, "--out", str(tmp_path / "split" / name),
                   "--split", "train=0.8,dev=0.1,test=0.1")
    assert ("write a folder" in refused.output) == cli_file
    dialog.split_box.setChecked(True)
    try:
        dialog.request()
        dialog_refused = False
    except ed.RequestError as exc:
        assert "write a folder" in str(exc)
        dialog_refused = True
    assert dialog_refused == cli_file
