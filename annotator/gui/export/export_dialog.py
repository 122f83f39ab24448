"""The Export dialog (File ▸ Export dataset…, Ctrl+Shift+S): ``annotator export`` in a window.

It builds the same :class:`~annotator.services.export.datasets.ExportOptions` as the command
line and calls the same service (``export_dataset``, or ``export_jsonl`` for one
``.jsonl`` file), so the two can never disagree. The checks that need no database (an
output chosen, split ratios that add up to 1, an existing output only with Replace) run
in the dialog before anything starts; everything else is the service's own validation,
which runs before the service writes anything. The export runs in a QThreadPool worker:
only plain Python values cross threads (the request in, progress counts and the result
or error message out, through queued signals); the worker reads through the window's
Project, whose engine is thread-safe and whose service opens a session per unit of work.
Cancel raises :class:`ExportCancelled` from the progress callback, which the service
turns into nothing written. At the end the manifest's summary is shown as plain text.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.splits import SplitSpecError, check_ratios
from annotator.gui.common import plain
from annotator.gui.common.background import BackgroundWorkDialog
from annotator.gui.common.i18n import integer, locale, plural, translate
from annotator.services.export.datasets import (
    ExportCancelled,
    ExportOptions,
    ExportReport,
    ExportResult,
    describe_formats,
    export_dataset,
    export_jsonl,
)
from annotator.services.export.rules import (
    ALL,
    FORMATS,
    GOLD,
    GROUP_BY,
    LAYERS,
    SCHEMES,
    STATUSES,
    TAGGING_FORMATS,
    command_for,
    is_file_target,
    needs_a_folder,
)
from annotator.services.project import Project

#: The split the dialog proposes (the command line has no default split).
SPLITS = (("train", 0.8), ("dev", 0.1), ("test", 0.1))


def split_name(name: str) -> str:
    """A split's name as the dialog shows it (the name written to the files stays *name*)."""
    return {"train": translate("ExportDialog", "train"), "dev": translate("ExportDialog", "dev"),
            "test": translate("ExportDialog", "test")}.get(name, name)


def status_choices() -> list[tuple[str, str | None]]:
    """How the status filter reads: "Any status", then each status as the document list shows it."""
    shown = {"new": translate("ExportDialog", "New"), "in_progress": translate("ExportDialog", "In progress"),
             "done": translate("ExportDialog", "Done")}
    return [(translate("ExportDialog", "Any status"), None),
            *((shown.get(s, s.replace("_", " ").capitalize()), s) for s in STATUSES)]


def format_descriptions() -> dict[str, str]:
    """Each format's description in the interface's language (the English is the service's own
    ``describe_formats``, which a test keeps equal)."""
    return {
        "jsonl": translate("ExportDialog", "The canonical JSONL as a dataset: <split>.jsonl per split, and the "
                                           "project file."),
        "conll": translate("ExportDialog", "CoNLL token-per-line files with IOB2 (default) or BIOES tags."),
        "brat": translate("ExportDialog", "brat stand-off: <doc>.txt and <doc>.ann per document, annotation.conf."),
        "spacy": translate("ExportDialog", "spaCy: one <split>.spacy DocBin per split ({command}).").format(
            command="pip install 'annotator[spacy]'"),
        "hf": translate("ExportDialog", "Hugging Face token classification: <split>.jsonl, labels.txt, "
                                        "dataset_info.json and a README.md dataset card."),
        "doccano": translate("ExportDialog", "doccano sequence-labelling JSONL, read and written."),
        "labelstudio": translate("ExportDialog", 'Label Studio JSON (the "JSON" export: a list of tasks), read and '
                                                 "written."),
    }


def layer_name(layer: str) -> str:
    """Which nested spans a tag sequence holds, as the dialog shows it."""
    return {"outermost": translate("ExportDialog", "outermost"), "innermost": translate("ExportDialog", "innermost"),
            "per-label": translate("ExportDialog", "per-label")}.get(layer, layer)


class RequestError(ValueError):
    """A choice in the dialog that cannot be exported; the message is shown as is."""


@dataclass(frozen=True)
class ExportRequest:
    """What the worker runs: plain values only (no Qt objects cross the thread)."""

    out: Path
    options: ExportOptions
    to_file: bool = False  # export_jsonl to one .jsonl file instead of a folder
    documents_total: int | None = None  # for the file export's progress (it reports documents done only)


# -- the summary shown at the end -----------------------------------------------------

def _counts(c: Mapping[str, int]) -> str:
    """"train 5, dev 1" (split names and labels are data: as they are; the numbers the locale's)."""
    return translate("ExportDialog", ", ").join(f"{k} {integer(n)}" for k, n in c.items()) \
        or translate("ExportDialog", "none")


def summary_text(result: ExportResult) -> str:
    """What the manifest says, in a few plain lines: documents per split, spans per
    label, what was dropped and why, what the format cannot hold, warnings."""
    m: dict[str, Any] = result.manifest
    docs = result.documents
    total = integer(sum(docs.values()))
    lines = [translate("ExportDialog", "Exported {format} to {path}").format(format=result.format, path=result.path),
             translate("ExportDialog", "Documents: {count}").format(count=total)
             + (f" ({_counts(docs)})" if len(docs) > 1 else "")]
    lines.append(translate("ExportDialog", "Spans written: {count}").format(count=integer(result.spans)))
    for split, labels in m["spans"].items():
        name = f"{split}: " if len(m["spans"]) > 1 else ""
        lines.append(f"  {name}{_counts(labels)}")
    several = len(m["sources"]) > 1
    if result.dropped:
        lines.append(plural(result.dropped, translate("ExportDialog", "Dropped: {n} span the format cannot hold|"
                                                                      "Dropped: {n} spans the format cannot hold")))
    else:
        lines.append(translate("ExportDialog", "Dropped: none"))
    for source, s in m["sources"].items():
        who = f" ({source})" if several else ""
        # the reasons, what a format cannot hold, notes and warnings are the service's words (English)
        for reason, labels in s["dropped"]["by_reason_and_label"].items():
            lines.append(f"  {reason}{who}: {_counts(labels)}")
        for what, n in s["dropped"]["not_held"].items():
            lines.append(translate("ExportDialog", "Not exported{who}: {count} {what}").format(
                who=who, count=integer(n), what=what))
        for note in s["notes"]:
            lines.append(translate("ExportDialog", "Note{who}: {note}").format(who=who, note=note))
    for w in m["warnings"]:
        lines.append(translate("ExportDialog", "Warning: {warning}").format(warning=w))
    if m.get("agreement_note"):
        lines.append(translate("ExportDialog", "Agreement: {note}").format(note=m["agreement_note"]))
    lines.append(translate("ExportDialog", "Manifest: {path}").format(path=Path(result.path) / "manifest.json"))
    return "\n".join(lines)


def file_summary_text(report: ExportReport) -> str:
    """What the export to one .jsonl file wrote."""
    documents = plural(report.documents, translate("ExportDialog", "{n} document|{n} documents"))
    spans = plural(report.spans, translate("ExportDialog", "{n} span|{n} spans"))
    if report.annotator:
        text = translate("ExportDialog", "Wrote {documents} and {spans} of {annotator} to {path}").format(
            documents=documents, spans=spans, annotator=report.annotator, path=report.path)
    else:
        text = translate("ExportDialog", "Wrote {documents} and {spans} to {path}").format(
            documents=documents, spans=spans, path=report.path)
    if report.links_outside:
        text += "\n" + plural(report.links_outside, translate(
            "ExportDialog", "Not exported: {n} link with one end outside the export|"
                            "Not exported: {n} links with one end outside the export"))
    return text


# -- the worker -----------------------------------------------------------------------

class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, so the slots run queued in the GUI thread."""

    progress = Signal(int, int)
    finished = Signal(object)  # ExportResult | ExportReport
    failed = Signal(str)
    cancelled = Signal()
    notice = Signal(str)  # what was cleaned up or restored after an interrupted export


@dataclass
class _Ticker:
    """The progress callback given to the service (runs in the worker thread)."""

    relay: _Relay
    cancel: threading.Event
    total: int = 0
    last: int = field(default=-1)

    def __call__(self, done: int, total: int | None = None) -> None:
        if self.cancel.is_set():
            raise ExportCancelled("export cancelled: nothing was written")
        total = self.total if total is None else total
        step = max(1, total // 200)  # at most ~200 updates, and always the last one
        if done >= total or done - self.last >= step:
            self.last = done
            self.relay.progress.emit(done, max(total, done))


class ExportTask(QRunnable):
    def __init__(self, relay: _Relay, project: Project, request: ExportRequest, cancel: threading.Event) -> None:
        super().__init__()
        self.relay, self.project, self.request, self.cancel = relay, project, request, cancel

    def run(self) -> None:
        r, o = self.request, self.request.options
        ticker = _Ticker(self.relay, self.cancel)
        try:
            if r.to_file:
                ticker.total = r.documents_total if r.documents_total is not None else len(self.project.documents())
                result: Any = export_jsonl(self.project, r.out, annotator=None if o.source == GOLD else o.source,
                                           doc_ids=o.documents, force=o.force, progress=ticker, gold=o.source == GOLD,
                                           notice=self.relay.notice.emit)
            else:
                result = export_dataset(self.project, r.out, o, ticker, notice=self.relay.notice.emit)
        except ExportCancelled:
            self.relay.cancelled.emit()
        except AnnotatorError as exc:
            self.relay.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 (a worker thread) shown in the dialog as plain text, never swallowed
            self.relay.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.relay.finished.emit(result)


# -- the dialog -----------------------------------------------------------------------

class ExportDialog(BackgroundWorkDialog):
    """Every option of ``annotator export``, a progress bar, Cancel, and the summary."""

    exportFinished = Signal(bool)  # True when something was written

    def __init__(self, project: Project, parent: QWidget | None = None, *,
                 document_choices: Sequence[tuple[str, Sequence[str]]] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(translate("ExportDialog", "Export dataset"))
        self.project = project
        # shadows QDialog.result() (the dialog code), which nothing here calls
        self.result: ExportResult | ExportReport | None = None  # type: ignore[assignment]
        self.error = ""
        self.running = False
        self._cancel = threading.Event()
        self._close_when_done = False
        self._relay = self._build_relay()
        self.notices: list[str] = []
        self.descriptions = {**describe_formats(), **format_descriptions()}

        self.form_widget = QWidget(self)
        form = QFormLayout(self.form_widget)
        form.setContentsMargins(0, 0, 0, 0)
        self._build_format(form)
        self._build_source(form, project.annotators())
        self._build_documents(form, document_choices)
        self._build_split(form)
        self._build_tags(form)
        self._build_output(form)
        self._build_feedback()
        buttons = self._build_buttons()

        layout = QVBoxLayout(self)
        layout.addWidget(self.form_widget)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary, 1)
        layout.addLayout(buttons)

        self.format.currentIndexChanged.connect(self._format_changed)
        self.split_box.toggled.connect(self._check_sum)
        self._format_changed()
        self._check_sum()
        self.resize(640, 720)

    # -- building the dialog, one section each ------------------------------------------
    def _build_relay(self) -> _Relay:
        """What the worker reports through (no parent: the worker may outlive the dialog)."""
        relay = _Relay()
        relay.progress.connect(self._progress)
        relay.finished.connect(self._finished)
        relay.failed.connect(self._failed)
        relay.cancelled.connect(self._cancelled)
        relay.notice.connect(self._notice)
        return relay

    def _build_format(self, form: QFormLayout) -> None:
        """The format chooser (each format's description as its tool tip) and the help line under it."""
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        for name in FORMATS:
            self.format.addItem(name, name)
            self.format.setItemData(self.format.count() - 1, plain.tooltip(self.descriptions.get(name, name)),
                                    Qt.ItemDataRole.ToolTipRole)
        self.format_help = plain.plain_label("", self)
        self.format_help.setObjectName("exportFormatHelp")
        self.format_help.setWordWrap(True)
        form.addRow(translate("ExportDialog", "Format:"), self.format)
        form.addRow("", self.format_help)

    def _build_source(self, form: QFormLayout, annotators: Sequence[str]) -> None:
        """Whose annotations: automatic, gold, one annotator, or all."""
        self.source = QComboBox(self)
        self.source.setObjectName("exportSource")
        self.source.addItem(translate("ExportDialog", "Automatic: gold if adjudicated, else the only annotator "
                                                      "with spans"), None)
        self.source.addItem(translate("ExportDialog", "Gold (adjudicated)"), GOLD)
        for name in annotators:
            if name == GOLD:  # the gold's reserved owner: the Gold entry above, not a person
                continue
            self.source.addItem(translate("ExportDialog", "Annotator: {name}").format(name=name), name)
        self.source.addItem(translate("ExportDialog", "All: gold and every annotator, each in its own folder"), ALL)
        form.addRow(translate("ExportDialog", "Source:"), self.source)

    def _build_documents(self, form: QFormLayout, document_choices: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Which documents (all, or one of the window's choices) and the status filter on their sets."""
        self.documents = QComboBox(self)
        self.documents.setObjectName("exportDocuments")
        self.documents.addItem(translate("ExportDialog", "All documents"), None)
        for text, ids in document_choices:
            if ids:
                shown = ", ".join(ids[:3]) + (" …" if len(ids) > 3 else "")  # document ids: data
                self.documents.addItem(translate("ExportDialog", "{choice} ({count}): {documents}").format(
                    choice=text, count=integer(len(ids)), documents=shown), list(ids))
        self.status = QComboBox(self)
        self.status.setObjectName("exportStatus")
        for text, value in status_choices():
            self.status.addItem(text, value)
        docs_row = QHBoxLayout()
        docs_row.addWidget(self.documents, 1)
        docs_row.addWidget(plain.plain_label(translate("ExportDialog", "whose set is"), self))
        docs_row.addWidget(self.status)
        form.addRow(translate("ExportDialog", "Documents:"), docs_row)

    def _build_split(self, form: QFormLayout) -> None:
        """The split box: a ratio per split, the line saying whether they add up, seed and grouping."""
        self.split_box = QGroupBox(translate("ExportDialog", "Split into train / dev / test (unticked: no split)"),
                                   self)
        self.split_box.setObjectName("exportSplit")
        self.split_box.setCheckable(True)
        self.split_box.setChecked(False)
        split_form = QFormLayout(self.split_box)
        ratios = QHBoxLayout()
        self.ratios: dict[str, QDoubleSpinBox] = {}
        for name, value in SPLITS:
            spin = QDoubleSpinBox(self.split_box)
            spin.setObjectName(f"exportRatio_{name}")
            spin.setRange(0.0, 1.0)
            spin.setDecimals(2)
            spin.setSingleStep(0.05)
            spin.setValue(value)
            spin.setAccessibleName(translate("ExportDialog", "{split} ratio").format(split=split_name(name)))
            spin.valueChanged.connect(self._check_sum)
            self.ratios[name] = spin
            ratios.addWidget(plain.plain_label(split_name(name), self.split_box))
            ratios.addWidget(spin)
        ratios.addStretch(1)
        split_form.addRow(translate("ExportDialog", "Ratios:"), ratios)
        self.sum_label = plain.plain_label("", self.split_box)
        self.sum_label.setObjectName("exportRatioSum")
        split_form.addRow("", self.sum_label)
        self.seed = QSpinBox(self.split_box)
        self.seed.setObjectName("exportSeed")
        self.seed.setRange(0, 2**31 - 1)
        self.by = QComboBox(self.split_box)
        self.by.setObjectName("exportBy")
        shown_by = {"document": translate("ExportDialog", "document (a document stays in one split)"),
                    "source": translate("ExportDialog", "source (an outlet stays in one split)")}
        for group in GROUP_BY:
            self.by.addItem(shown_by.get(group, group), group)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed)
        seed_row.addWidget(plain.plain_label(translate("ExportDialog", "Group by:"), self.split_box))
        seed_row.addWidget(self.by, 1)
        split_form.addRow(translate("ExportDialog", "Seed:"), seed_row)
        form.addRow(self.split_box)

    def _build_tags(self, form: QFormLayout) -> None:
        """The tagging scheme and which nested spans a tag sequence holds (tagging formats only)."""
        self.tags_box = QGroupBox(translate("ExportDialog", "Tags (conll and hf only)"), self)
        self.tags_box.setObjectName("exportTags")
        tags = QHBoxLayout(self.tags_box)
        self.scheme = QComboBox(self.tags_box)
        self.scheme.setObjectName("exportScheme")
        for s in SCHEMES:
            self.scheme.addItem(s.upper(), s)
        self.layer = QComboBox(self.tags_box)
        self.layer.setObjectName("exportLayer")
        for lay in LAYERS:
            self.layer.addItem(layer_name(lay), lay)
        self.layer.setToolTip(plain.tooltip(translate(
            "ExportDialog", "Which spans a tag sequence holds when spans nest; per-label writes one file per label. "
                            "What a file cannot hold is counted, never dropped silently.")))
        tags.addWidget(plain.plain_label(translate("ExportDialog", "Scheme:"), self.tags_box))
        tags.addWidget(self.scheme)
        tags.addWidget(plain.plain_label(translate("ExportDialog", "Nested spans:"), self.tags_box))
        tags.addWidget(self.layer, 1)
        form.addRow(self.tags_box)

    def _build_output(self, form: QFormLayout) -> None:
        """Where to write (typed or chosen) and whether an existing output may be replaced."""
        self.out = QLineEdit(self)
        self.out.setObjectName("exportOut")
        self.out.setPlaceholderText(
            translate("ExportDialog", "A new folder (jsonl without a split: also a file.jsonl)"))
        self.browse = QPushButton(translate("ExportDialog", "Choose…"), self)
        self.browse.setObjectName("exportBrowse")
        self.browse.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse)
        form.addRow(translate("ExportDialog", "Output:"), out_row)
        self.force = QCheckBox(translate("ExportDialog", "Replace the output if it exists"), self)
        self.force.setObjectName("exportForce")
        form.addRow("", self.force)

    def _build_feedback(self) -> None:
        """What the dialog says while and after it runs: a message, the progress bar, the summary."""
        self.message = plain.plain_label("", self)
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(translate("ExportDialog", "%v / %m documents"))
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("exportSummary")
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText(
            translate("ExportDialog", "The summary of the manifest appears here when the export is done."))
        self.summary.setMinimumHeight(120)
        if self.isRightToLeft():  # its lines read from the right, as the interface does (a plain text
            option = self.summary.document().defaultTextOption()  # edit aligns every line left otherwise)
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            option.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.summary.document().setDefaultTextOption(option)

    def _build_buttons(self) -> QHBoxLayout:
        """Export, Cancel export and Close, right-aligned."""
        self.export_button = QPushButton(translate("ExportDialog", "Export"), self)
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(translate("ExportDialog", "Cancel export"), self)
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.setToolTip(plain.tooltip(
            translate("ExportDialog", "Stops between two documents; nothing is written")))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(translate("ExportDialog", "Close"), self)
        self.close_button.setObjectName("exportClose")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for b in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(b)
        return buttons

    # -- reacting to choices --------------------------------------------------------
    def _format_changed(self, _index: int = 0) -> None:
        fmt = self.format.currentData()
        self.format_help.setText(self.descriptions.get(fmt, ""))
        self.tags_box.setEnabled(fmt in TAGGING_FORMATS)

    def _check_sum(self, *_args: object) -> None:
        try:
            self.split_ratios()
        except RequestError as exc:
            self.sum_label.setText(str(exc))
        else:
            self.sum_label.setText(translate("ExportDialog", "The ratios add up to 1.")
                                   if self.split_box.isChecked() else "")

    def split_ratios(self) -> dict[str, float] | None:
        """The ratios of the spin boxes, checked by the service's own rule (None: no split)."""
        if not self.split_box.isChecked():
            return None
        ratios = {name: spin.value() for name, spin in self.ratios.items()}
        total = sum(ratios.values())
        if abs(total - 1.0) > 1e-6:  # the one rule the spin boxes can break, said in the interface's language
            raise RequestError(translate("ExportDialog", "Split: the ratios add up to {total}, not 1").format(
                total=locale().toString(total, "g", 6)))
        try:
            return check_ratios(ratios)
        except SplitSpecError as exc:
            raise RequestError(translate("ExportDialog", "Split: {error}").format(error=exc)) from None

    def choose_output(self) -> None:
        fmt = self.format.currentData()
        start = self.out.text().strip() or str(self._default_folder() / f"export-{fmt}")
        options = QFileDialog.Option.DontConfirmOverwrite
        if fmt == "jsonl" and not self.split_box.isChecked():
            path, _ = QFileDialog.getSaveFileName(
                self, translate("ExportDialog", "Export to a new folder, or to a .jsonl file"), start,
                translate("ExportDialog", "Folder (*);;JSONL file (*.jsonl)"), options=options)
        else:
            path, _ = QFileDialog.getSaveFileName(self, translate("ExportDialog", "Export to a new folder"), start,
                                                  translate("ExportDialog", "Folder (*)"), options=options)
        if path:
            self.out.setText(path)

    def _default_folder(self) -> Path:
        db = self.project.database
        return Path(str(db.url.database)).parent if db.is_sqlite and db.url.database else Path.home()

    # -- the request ------------------------------------------------------------------
    def request(self) -> ExportRequest:
        """The export the dialog describes; RequestError (plain text) for what cannot be
        exported, found without touching the database or the disk."""
        text = self.out.text().strip()
        if not text:
            raise RequestError(
                translate("ExportDialog", "Choose the output: a new folder (or a .jsonl file for jsonl without a "
                                          "split)."))
        out = Path(text).expanduser()
        fmt = self.format.currentData()
        split = self.split_ratios()
        docs = self.documents.currentData()
        options = ExportOptions(format=fmt, source=self.source.currentData(), documents=list(docs) if docs else None,
                                status=self.status.currentData(), split=split, seed=self.seed.value(),
                                by=self.by.currentData(), scheme=self.scheme.currentData(),
                                layer=self.layer.currentData(), force=self.force.isChecked())
        to_file = is_file_target(fmt, out)
        if to_file and needs_a_folder(split, options.status, options.source):
            raise RequestError(translate("ExportDialog", "A split, a status filter and the source All write a folder: "
                                                         "give a folder name as the output (not a .jsonl file)."))
        if (out.exists() or out.is_symlink()) and not options.force:
            raise RequestError(translate("ExportDialog", "{path} already exists: choose another name, or tick "
                                                         "“Replace the output if it exists”.").format(path=out))
        options.command = command_for(out, options)
        return ExportRequest(out, options, to_file, len(docs) if docs else None)

    # -- running ----------------------------------------------------------------------
    def start(self) -> bool:
        """Check the choices and start the export in a worker; False (and the message
        shown) when the choices cannot be exported."""
        if self.running:
            return False
        self.result, self.error = None, ""
        self.notices = []
        self.summary.clear()
        try:
            req = self.request()
        except RequestError as exc:
            self._show_error(str(exc))
            return False
        self.running = True
        self._cancel.clear()
        self.form_widget.setEnabled(False)
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the service reports the first document
        self.message.setText(translate("ExportDialog", "Selecting the documents…"))
        QThreadPool.globalInstance().start(ExportTask(self._relay, self.project, req, self._cancel))
        return True

    def cancel(self) -> None:
        if self.running:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.message.setText(translate("ExportDialog", "Cancelling after the current document…"))

    def _progress(self, done: int, total: int) -> None:
        if not self.running:
            return
        if self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(done)
        if not self._cancel.is_set():
            self.message.setText(plural(total, translate("ExportDialog", "Exporting: {done} of {n} document…|"
                                                                  "Exporting: {done} of {n} documents…"),
                                         done=integer(done)))

    def _stopped(self) -> None:
        self.running = False
        self.form_widget.setEnabled(True)
        self.export_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)

    def _finished(self, result: ExportResult | ExportReport) -> None:
        self._stopped()
        self.result = result
        text = summary_text(result) if isinstance(result, ExportResult) else file_summary_text(result)
        self.summary.setPlainText("\n".join([*self.notices, text]))
        self.message.setText(translate("ExportDialog", "Done: written to {path}").format(path=result.path))
        self.exportFinished.emit(True)
        self._close_if_asked()

    def _notice(self, text: str) -> None:
        self.notices.append(text)
        self.summary.appendPlainText(text)

    def _failed(self, text: str) -> None:
        self._stopped()
        self.progress.setValue(0)
        self._show_error(text)
        self.exportFinished.emit(False)
        self._close_if_asked()

    def _cancelled(self) -> None:
        self._stopped()
        self.progress.setValue(0)
        self.error = "cancelled"
        self.message.setText(translate("ExportDialog", "Export cancelled: nothing was written."))
        self.exportFinished.emit(False)
        self._close_if_asked()

    def _show_error(self, text: str) -> None:
        self.error = text
        self.message.setText(translate("ExportDialog", "Not exported: {error}").format(error=text))


def show_export_dialog(window: Any) -> ExportDialog:
    """Open (or raise) the window's Export dialog, offering the documents open in its
    panes and the one selected in the document list as selections."""
    from annotator.gui.common.tables import ID_ROLE

    dialog: ExportDialog | None = getattr(window, "export_dialog", None)
    if dialog is not None:
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
    open_docs = list(dict.fromkeys(d for d in window.area.document_ids() if d))
    view = window.documents_dock.view
    selected = [i.data(ID_ROLE) for i in view.selectionModel().selectedRows()] if view.selectionModel() else []
    choices = [(translate("ExportDialog", "Open in the panes"), open_docs),
               (translate("ExportDialog", "Selected in the document list"), [d for d in selected if d])]
    dialog = ExportDialog(window.project, window, document_choices=choices)
    window.export_dialog = dialog

    def closed(_result: int) -> None:
        window.export_dialog = None
        dialog.deleteLater()  # closing waits for a running export (reject cancels it first)

    dialog.finished.connect(closed)
    dialog.show()
    return dialog
