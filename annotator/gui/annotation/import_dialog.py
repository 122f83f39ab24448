"""Importing files from the window (File ▸ Import files…, Import folder…): ``annotator import``
with a progress bar.

The chosen files or folder go to the same service as the command line
(:func:`~annotator.services.imports.documents.import_paths`), run in a QThreadPool worker
with its own :class:`Project` on the window's database URL (its own connections: the
window's edits keep their own, and the import's short write transactions let them in).
Only plain values cross threads: paths in; ``(phase, done, total)``, the report or the
problem lines out, through queued signals of a relay that lives in the GUI thread. The
dialog says how far it is in the words of the terminal's line
(:func:`~annotator.services.imports.progress.progress_line`: bytes read, rate, time left).
Cancel raises :class:`ImportCancelled` from the progress callback: the service then
discards what it staged, so the project is as it was. Problems are listed as plain text,
the lines ``annotator import`` prints; on success the window lists the new documents and
its status bar says how many.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, InputError
from annotator.formats import IMPORTERS
from annotator.gui.common import plain
from annotator.gui.common.background import BackgroundWorkDialog
from annotator.gui.common.i18n import decimal, integer, plural, translate
from annotator.services.imports.documents import ImportReport, import_paths
from annotator.services.imports.progress import UNITS
from annotator.services.imports.report import refused_lines, result_lines
from annotator.services.project import Project

#: the progress bar counts in thousandths (bytes may pass what an int of Qt holds)
STEPS = 1000


class ImportCancelled(Exception):
    """Raised from the progress callback when Cancel was pressed: the import is discarded."""


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits, so the slots run queued in the GUI thread."""

    progress = Signal(str, int, int)  # phase, done, total
    finished = Signal(object)  # ImportReport
    failed = Signal(object)  # list[str]: the lines the command line prints
    cancelled = Signal()


@dataclass
class _Ticker:
    """The progress callback given to the service (runs in the worker thread): stops the
    import when cancelled, and passes on at most ~20 updates a second (and every end)."""

    relay: _Relay
    cancel: threading.Event
    every: float = 0.05
    last: float = field(default=-1.0)

    def __call__(self, phase: str, done: int, total: int) -> None:
        if self.cancel.is_set():
            raise ImportCancelled
        now = time.monotonic()
        if done >= total or now - self.last >= self.every:
            self.last = now
            self.relay.progress.emit(phase, done, total)


class ImportTask(QRunnable):
    """``import_paths`` on its own Project (the window's database URL), in a pool thread."""

    def __init__(self, relay: _Relay, url: Any, paths: Sequence[Path], cancel: threading.Event) -> None:
        super().__init__()
        self.relay, self.url, self.paths, self.cancel = relay, url, list(paths), cancel

    def run(self) -> None:
        try:
            project = Project.open(self.url, create=False)
        except Exception as exc:  # noqa: BLE001 (a worker thread) shown in the dialog, never swallowed
            self.relay.failed.emit([translate("ImportDialog", "cannot open the project: {error}").format(error=exc)])
            return
        try:
            report = import_paths(project, self.paths, progress=_Ticker(self.relay, self.cancel))
        except ImportCancelled:
            self.relay.cancelled.emit()
        except InputError as exc:
            self.relay.failed.emit(refused_lines(exc.problems))
        except AnnotatorError as exc:
            self.relay.failed.emit([translate("ImportDialog", "Nothing was imported: {error}").format(error=exc)])
        except Exception as exc:  # noqa: BLE001 (a worker thread) shown in the dialog as plain text
            error = f"{type(exc).__name__}: {exc}"
            self.relay.failed.emit([translate("ImportDialog", "Nothing was imported: {error}").format(error=error)])
        else:
            self.relay.finished.emit(report)
        finally:
            project.close()


class ImportDialog(BackgroundWorkDialog):
    """How far an import is (phase, bar, rate, time left), Cancel, then what happened."""

    importFinished = Signal(object)  # the ImportReport, or None when nothing was imported

    def __init__(self, project: Project, paths: Sequence[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(translate("ImportDialog", "Import"))
        self.setMinimumWidth(520)
        self.project, self.paths = project, list(paths)
        self.running = False
        self.report: ImportReport | None = None
        self.lines: list[str] = []
        self._cancel = threading.Event()
        self._started = 0.0
        self._close_when_done = False
        self._relay = _Relay()  # no parent: the worker may outlive the dialog
        self._relay.progress.connect(self._progress)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        self._relay.cancelled.connect(self._cancelled)

        self.what = self.paths[0].name if len(self.paths) == 1 else \
            plural(len(self.paths), translate("ImportDialog", "{n} file|{n} files"))
        self.heading = plain.plain_label(translate("ImportDialog", "Importing {what}").format(what=self.what), self)
        self.heading.setObjectName("importHeading")
        self.status = plain.plain_label(translate("ImportDialog", "Starting…"), self)
        self.status.setObjectName("importStatus")
        self.bar = QProgressBar(self)
        self.bar.setObjectName("importProgress")
        self.bar.setRange(0, STEPS)
        self.bar.setValue(0)
        self.problems = QPlainTextEdit(self)  # plain text: file names and document text are never markup
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.problems.setMinimumHeight(140)
        self.problems.hide()
        self.cancel_button = QPushButton(translate("ImportDialog", "Cancel import"), self)
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.setToolTip(plain.tooltip(translate("ImportDialog",
                                                              "Stops the import; the project stays as it was")))
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton(translate("ImportDialog", "Close"), self)
        self.close_button.setObjectName("importClose")
        self.close_button.setEnabled(False)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        for w in (self.heading, self.status, self.bar, self.problems):
            layout.addWidget(w)
        layout.addLayout(buttons)

    def start(self) -> None:
        """Run the import in a worker thread; the dialog follows it."""
        self.running = True
        self._started = time.monotonic()
        QThreadPool.globalInstance().start(ImportTask(self._relay, self.project.database.url, self.paths,
                                                      self._cancel))

    def cancel(self) -> None:
        if self.running and not self._cancel.is_set():
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(translate("ImportDialog", "Cancelling…"))

    def _progress(self, phase: str, done: int, total: int) -> None:
        if not self.running or self._cancel.is_set():
            return
        self.bar.setValue(STEPS if total <= 0 else min(STEPS, done * STEPS // total))
        text = progress_text(phase, done, total, time.monotonic() - self._started)
        if total and done >= total:  # the last chunk and the publishing: too late to cancel
            self.cancel_button.setEnabled(False)
            text += translate("ImportDialog", " · writing the last documents")
        self.status.setText(text)

    def _stopped(self, heading: str) -> None:
        """*heading*: a translated "... {what}" (what was imported)."""
        self.running = False
        self.heading.setText(heading.format(what=self.what))
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)

    def _finished(self, report: ImportReport) -> None:
        self._stopped(translate("ImportDialog", "Imported {what}"))
        self.report = report
        self.bar.setValue(STEPS)
        self.lines = result_lines(report, None, self.project.database.display_url)
        self.status.setText(imported_text(report))
        if len(self.lines) > 1:  # files already in the project: say which
            self.problems.setPlainText("\n".join(self.lines))
            self.problems.show()
        self.importFinished.emit(report)
        self._close_if_asked()

    def _failed(self, lines: list[str]) -> None:
        self._stopped(translate("ImportDialog", "Not imported: {what}"))
        self.lines = list(lines)
        self.bar.setValue(0)
        self.status.setText(lines[0] if lines else translate("ImportDialog", "Nothing was imported"))
        self.problems.setPlainText("\n".join(lines))
        self.problems.show()
        self.importFinished.emit(None)
        self._close_if_asked()

    def _cancelled(self) -> None:
        self._stopped(translate("ImportDialog", "Cancelled: {what}"))
        self.bar.setValue(0)
        self.lines = [translate("ImportDialog", "Import cancelled: nothing was imported.")]
        self.status.setText(self.lines[0])
        self.importFinished.emit(None)
        self._close_if_asked()


def _remaining(seconds: float) -> str:
    """"12 s", "3 min 05 s", "1 h 02 min" (as the terminal's line says it), in the interface's language."""
    s = int(seconds + 0.5)
    if s < 60:
        return translate("ImportDialog", "{seconds} s").format(seconds=integer(s))
    if s < 3600:
        return translate("ImportDialog", "{minutes} min {seconds} s").format(
            minutes=integer(s // 60), seconds=_two_digits(s % 60))
    return translate("ImportDialog", "{hours} h {minutes} min").format(
        hours=integer(s // 3600), minutes=_two_digits(s % 3600 // 60))


def _two_digits(n: int) -> str:
    return integer(0) + integer(n) if n < 10 else integer(n)


def _bytes(total: int) -> tuple[float, str]:
    if total >= 1_000_000:
        return 1e6, translate("ImportDialog", "MB")
    if total >= 1_000:
        return 1e3, translate("ImportDialog", "kB")
    return 1.0, translate("ImportDialog", "bytes")


def progress_text(phase: str, done: int, total: int, elapsed: float) -> str:
    """How far the import is, the terminal's line (``progress_line``: "importing 52.4/108.0 MB ·
    11.2 MB/s · 5 s left") in the interface's language and digits."""
    unit = UNITS.get(phase, "")
    phases = {"reading": translate("ImportDialog", "reading"), "writing": translate("ImportDialog", "writing"),
              "importing": translate("ImportDialog", "importing")}
    units = {"files": translate("ImportDialog", "files"), "documents": translate("ImportDialog", "documents")}
    if unit == "bytes":
        scale, name = _bytes(total)
        how_far = f"{integer(done)}/{integer(total)}" if scale == 1.0 else \
            f"{decimal(done / scale, 1)}/{decimal(total / scale, 1)}"
    else:
        name = units.get(unit, unit)
        how_far = f"{integer(done)}/{integer(total)}"
    parts = [translate("ImportDialog", "{phase} {amount} {unit}").format(
        phase=phases.get(phase, phase), amount=how_far, unit=name).strip()]
    if elapsed > 0 and done:
        per_second = done / elapsed
        if unit == "bytes" and scale != 1.0:
            parts.append(translate("ImportDialog", "{amount} {unit}/s").format(amount=decimal(per_second / scale, 1),
                                                                               unit=name))
        elif unit == "bytes":
            parts.append(translate("ImportDialog", "{amount} {unit}/s").format(amount=integer(round(per_second)),
                                                                               unit=name))
        else:
            parts.append(translate("ImportDialog", "{amount}/s").format(amount=integer(round(per_second))))
        if done < total:
            parts.append(translate("ImportDialog", "{time} left").format(
                time=_remaining((total - done) / (done / elapsed))))
    return " · ".join(parts)


def imported_text(report: ImportReport) -> str:
    """What an import added, in one line (the service's lines, in the box, name each file skipped
    and the project)."""
    documents = plural(len(report.imported), translate("ImportDialog", "{n} document|{n} documents"))
    spans = plural(report.spans, translate("ImportDialog", "{n} span|{n} spans"))
    extras = [plural(n, forms) for n, forms in (
        (report.relations, translate("ImportDialog", "{n} relation|{n} relations")),
        (report.entities, translate("ImportDialog", "{n} entity|{n} entities")),
        (report.links, translate("ImportDialog", "{n} link|{n} links"))) if n]
    return translate("ImportDialog", "Imported {documents} with {spans}{extras}").format(
        documents=documents, spans=spans, extras="".join(translate("ImportDialog", ", ") + e for e in extras))


def _file_filter() -> str:
    suffixes = sorted({s for _, found in IMPORTERS.values() for s in found})
    return translate("ImportDialog", "Articles and annotations ({patterns});;All files (*)").format(
        patterns=" ".join("*" + s for s in suffixes))


def choose_paths(parent: QWidget, folder: bool) -> list[Path]:
    """Ask for files (or one folder) to import; empty when the user cancels."""
    if folder:
        chosen = QFileDialog.getExistingDirectory(parent, translate("ImportDialog", "Import folder"))
        return [Path(chosen)] if chosen else []
    files, _ = QFileDialog.getOpenFileNames(parent, translate("ImportDialog", "Import files"), "", _file_filter())
    return [Path(f) for f in files]


def import_into_window(window: Any, folder: bool,
                       done: Callable[[ImportReport], None] | None = None,
                       paths: list[Path] | None = None) -> ImportDialog | None:
    """File ▸ Import files… / Import folder…: choose (or take *paths*: files and folders
    dropped on the window), then import with the dialog; on success *done* gets the report
    (the window lists the new documents)."""
    paths = paths if paths is not None else choose_paths(window, folder)
    if not paths:
        return None
    dialog = ImportDialog(window.project, paths, window)
    window.import_dialog = dialog

    def finished(report: ImportReport | None) -> None:
        if report is not None and done is not None:
            done(report)

    def closed(_result: int) -> None:
        if getattr(window, "import_dialog", None) is dialog:
            window.import_dialog = None
        dialog.deleteLater()

    dialog.importFinished.connect(finished)
    dialog.finished.connect(closed)
    dialog.setWindowModality(Qt.WindowModality.NonModal)  # the panes stay usable meanwhile
    dialog.show()
    dialog.start()
    return dialog
