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
#: How the status filter reads: "Any status", then each status as the document list shows it.
STATUS_CHOICES = (("Any status", None), *((s.replace("_", " ").capitalize(), s) for s in STATUSES))


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
    return ", ".join(f"{k} {n}" for k, n in c.items()) or "none"


def summary_text(result: ExportResult) -> str:
    """What the manifest says, in a few plain lines: documents per split, spans per
    label, what was dropped and why, what the format cannot hold, warnings."""
    m: dict[str, Any] = result.manifest
    docs = result.documents
    lines = [f"Exported {result.format} to {result.path}",
             f"Documents: {sum(docs.values())}" + (f" ({_counts(docs)})" if len(docs) > 1 else "")]
    lines.append(f"Spans written: {result.spans}")
    for split, labels in m["spans"].items():
        name = f"{split}: " if len(m["spans"]) > 1 else ""
        lines.append(f"  {name}{_counts(labels)}")
    several = len(m["sources"]) > 1
    if result.dropped:
        lines.append(f"Dropped: {result.dropped} span(s) the format cannot hold")
    else:
        lines.append("Dropped: none")
    for source, s in m["sources"].items():
        who = f" ({source})" if several else ""
        for reason, labels in s["dropped"]["by_reason_and_label"].items():
            lines.append(f"  {reason}{who}: {_counts(labels)}")
        for what, n in s["dropped"]["not_held"].items():
            lines.append(f"Not exported{who}: {n} {what}")
        for note in s["notes"]:
            lines.append(f"Note{who}: {note}")
    for w in m["warnings"]:
        lines.append(f"Warning: {w}")
    if m.get("agreement_note"):
        lines.append(f"Agreement: {m['agreement_note']}")
    lines.append(f"Manifest: {Path(result.path) / 'manifest.json'}")
    return "\n".join(lines)


def file_summary_text(report: ExportReport) -> str:
    whose = f" of {report.annotator}" if report.annotator else ""
    text = f"Wrote {report.documents} document(s) and {report.spans} span(s){whose} to {report.path}"
    if report.links_outside:
        text += f"\nNot exported: {report.links_outside} links with one end outside the export"
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
        self.setWindowTitle("Export dataset")
        self.project = project
        # shadows QDialog.result() (the dialog code), which nothing here calls
        self.result: ExportResult | ExportReport | None = None  # type: ignore[assignment]
        self.error = ""
        self.running = False
        self._cancel = threading.Event()
        self._close_when_done = False
        self._relay = self._build_relay()
        self.notices: list[str] = []
        self.descriptions = describe_formats()

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
        form.addRow("Format:", self.format)
        form.addRow("", self.format_help)

    def _build_source(self, form: QFormLayout, annotators: Sequence[str]) -> None:
        """Whose annotations: automatic, gold, one annotator, or all."""
        self.source = QComboBox(self)
        self.source.setObjectName("exportSource")
        self.source.addItem("Automatic: gold if adjudicated, else the only annotator with spans", None)
        self.source.addItem("Gold (adjudicated)", GOLD)
        for name in annotators:
            self.source.addItem(f"Annotator: {name}", name)
        self.source.addItem("All: gold and every annotator, each in its own folder", ALL)
        form.addRow("Source:", self.source)

    def _build_documents(self, form: QFormLayout, document_choices: Sequence[tuple[str, Sequence[str]]]) -> None:
        """Which documents (all, or one of the window's choices) and the status filter on their sets."""
        self.documents = QComboBox(self)
        self.documents.setObjectName("exportDocuments")
        self.documents.addItem("All documents", None)
        for text, ids in document_choices:
            if ids:
                self.documents.addItem(f"{text} ({len(ids)}): {', '.join(ids[:3])}{' …' if len(ids) > 3 else ''}",
                                       list(ids))
        self.status = QComboBox(self)
        self.status.setObjectName("exportStatus")
        for text, value in STATUS_CHOICES:
            self.status.addItem(text, value)
        docs_row = QHBoxLayout()
        docs_row.addWidget(self.documents, 1)
        docs_row.addWidget(plain.plain_label("whose set is", self))
        docs_row.addWidget(self.status)
        form.addRow("Documents:", docs_row)

    def _build_split(self, form: QFormLayout) -> None:
        """The split box: a ratio per split, the line saying whether they add up, seed and grouping."""
        self.split_box = QGroupBox("Split into train / dev / test (unticked: no split)", self)
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
            spin.setAccessibleName(f"{name} ratio")
            spin.valueChanged.connect(self._check_sum)
            self.ratios[name] = spin
            ratios.addWidget(plain.plain_label(name, self.split_box))
            ratios.addWidget(spin)
        ratios.addStretch(1)
        split_form.addRow("Ratios:", ratios)
        self.sum_label = plain.plain_label("", self.split_box)
        self.sum_label.setObjectName("exportRatioSum")
        split_form.addRow("", self.sum_label)
        self.seed = QSpinBox(self.split_box)
        self.seed.setObjectName("exportSeed")
        self.seed.setRange(0, 2**31 - 1)
        self.by = QComboBox(self.split_box)
        self.by.setObjectName("exportBy")
        for group, text in zip(GROUP_BY, ("document (a document stays in one split)",
                                          "source (an outlet stays in one split)"), strict=True):
            self.by.addItem(text, group)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed)
        seed_row.addWidget(plain.plain_label("Group by:", self.split_box))
        seed_row.addWidget(self.by, 1)
        split_form.addRow("Seed:", seed_row)
        form.addRow(self.split_box)

    def _build_tags(self, form: QFormLayout) -> None:
        """The tagging scheme and which nested spans a tag sequence holds (tagging formats only)."""
        self.tags_box = QGroupBox("Tags (conll and hf only)", self)
        self.tags_box.setObjectName("exportTags")
        tags = QHBoxLayout(self.tags_box)
        self.scheme = QComboBox(self.tags_box)
        self.scheme.setObjectName("exportScheme")
        for s in SCHEMES:
            self.scheme.addItem(s.upper(), s)
        self.layer = QComboBox(self.tags_box)
        self.layer.setObjectName("exportLayer")
        for lay in LAYERS:
            self.layer.addItem(lay, lay)
        self.layer.setToolTip(plain.tooltip("Which spans a tag sequence holds when spans nest; per-label writes "
                                            "one file per label. What a file cannot hold is counted, never "
                                            "dropped silently."))
        tags.addWidget(plain.plain_label("Scheme:", self.tags_box))
        tags.addWidget(self.scheme)
        tags.addWidget(plain.plain_label("Nested spans:", self.tags_box))
        tags.addWidget(self.layer, 1)
        form.addRow(self.tags_box)

    def _build_output(self, form: QFormLayout) -> None:
        """Where to write (typed or chosen) and whether an existing output may be replaced."""
        self.out = QLineEdit(self)
        self.out.setObjectName("exportOut")
        self.out.setPlaceholderText("A new folder (jsonl without a split: also a file.jsonl)")
        self.browse = QPushButton("Choose…", self)
        self.browse.setObjectName("exportBrowse")
        self.browse.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out, 1)
        out_row.addWidget(self.browse)
        form.addRow("Output:", out_row)
        self.force = QCheckBox("Replace the output if it exists", self)
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
        self.progress.setFormat("%v / %m documents")
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("exportSummary")
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText("The summary of the manifest appears here when the export is done.")
        self.summary.setMinimumHeight(120)

    def _build_buttons(self) -> QHBoxLayout:
        """Export, Cancel export and Close, right-aligned."""
        self.export_button = QPushButton("Export", self)
        self.export_button.setObjectName("exportStart")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton("Cancel export", self)
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.setToolTip(plain.tooltip("Stops between two documents; nothing is written"))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton("Close", self)
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
            self.sum_label.setText("The ratios add up to 1." if self.split_box.isChecked() else "")

    def split_ratios(self) -> dict[str, float] | None:
        """The ratios of the spin boxes, checked by the service's own rule (None: no split)."""
        if not self.split_box.isChecked():
            return None
        try:
            return check_ratios({name: spin.value() for name, spin in self.ratios.items()})
        except SplitSpecError as exc:
            raise RequestError(f"Split: {exc}") from None

    def choose_output(self) -> None:
        fmt = self.format.currentData()
        start = self.out.text().strip() or str(self._default_folder() / f"export-{fmt}")
        options = QFileDialog.Option.DontConfirmOverwrite
        if fmt == "jsonl" and not self.split_box.isChecked():
            path, _ = QFileDialog.getSaveFileName(self, "Export to a new folder, or to a .jsonl file", start,
                                                  "Folder (*);;JSONL file (*.jsonl)", options=options)
        else:
            path, _ = QFileDialog.getSaveFileName(self, "Export to a new folder", start, "Folder (*)",
                                                  options=options)
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
            raise RequestError("Choose the output: a new folder (or a .jsonl file for jsonl without a split).")
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
            raise RequestError("A split, a status filter and the source All write a folder: give a folder name "
                               "as the output (not a .jsonl file).")
        if (out.exists() or out.is_symlink()) and not options.force:
            raise RequestError(f"{out} already exists: choose another name, or tick "
                               "“Replace the output if it exists”.")
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
        self.message.setText("Selecting the documents…")
        QThreadPool.globalInstance().start(ExportTask(self._relay, self.project, req, self._cancel))
        return True

    def cancel(self) -> None:
        if self.running:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.message.setText("Cancelling after the current document…")

    def _progress(self, done: int, total: int) -> None:
        if not self.running:
            return
        if self.progress.maximum() != total:
            self.progress.setRange(0, total)
        self.progress.setValue(done)
        if not self._cancel.is_set():
            self.message.setText(f"Exporting: {done} of {total} document(s)…")

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
        self.message.setText(f"Done: written to {result.path}")
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
        self.message.setText("Export cancelled: nothing was written.")
        self.exportFinished.emit(False)
        self._close_if_asked()

    def _show_error(self, text: str) -> None:
        self.error = text
        self.message.setText(f"Not exported: {text}")


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
    choices = [("Open in the panes", open_docs), ("Selected in the document list", [d for d in selected if d])]
    dialog = ExportDialog(window.project, window, document_choices=choices)
    window.export_dialog = dialog

    def closed(_result: int) -> None:
        window.export_dialog = None
        dialog.deleteLater()  # closing waits for a running export (reject cancels it first)

    dialog.finished.connect(closed)
    dialog.show()
    return dialog
