"""The agreement window: the figures of ``compute_agreement`` per label, with bars.

A scope chooser shows either all annotators together (Krippendorff's alpha per
label) or one pair (exact and overlap span F1, Cohen's kappa and the counts
behind them). The first figure column is painted as a bar, so the label that needs
better guidelines stands out. The figures are computed in a worker thread (the
report is pure Python; only it crosses back, through a queued signal), and the
report can be exported as JSON or CSV (the same files as ``annotator agreement``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMainWindow,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.agreement import ALL, AgreementReport
from annotator.gui.common import plain
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, decimal, integer, plural, translate
from annotator.gui.common.tables import RowTableModel
from annotator.services.agreement import compute_agreement
from annotator.services.agreement_report import render_csv, render_json
from annotator.services.project import Project

VALUE_ROLE = Qt.ItemDataRole.UserRole
_Index = QModelIndex | QPersistentModelIndex


def figure(value: float | None) -> str:
    """A score as shown: three decimals in the locale's digits ("–": none)."""
    return "–" if value is None else decimal(value, 3)


def bar_colour(value: float) -> QColor:
    """Red for poor agreement, amber for fair, green for good."""
    return QColor("#c0392b") if value < 0.5 else QColor("#e0a100") if value < 0.8 else QColor("#2e8b57")


class AgreementModel(RowTableModel):
    """Rows of figures (label first); column 1 is the one drawn as a bar."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.headers: tuple[str, ...] = ()
        self.rows: list[list[Any]] = []

    def set_rows(self, headers: Sequence[str], rows: list[list[Any]]) -> None:
        self.beginResetModel()
        self.headers, self.rows = tuple(headers), rows
        self.endResetModel()

    def column_titles(self) -> Sequence[str]:
        return self.headers

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(value, float) or (value is None and index.column() > 0):
                return figure(value)
            if isinstance(value, int) and not isinstance(value, bool):
                return integer(value)
            if value == ALL and index.column() == 0:
                return translate("AgreementModel", "ALL")  # every label together
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BarDelegate(QStyledItemDelegate):
    """Paints a figure in [0, 1] as a coloured bar with the number on it."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        value = index.data(VALUE_ROLE)
        if not isinstance(value, float):
            super().paint(painter, option, index)
            return
        painter.save()
        r = option.rect.adjusted(2, 3, -2, -3)
        painter.fillRect(r, QColor("#eeeeee"))
        width = int(r.width() * min(max(value, 0.0), 1.0))
        # the bar grows from where the reading starts: the right edge in a right-to-left interface
        rtl = option.direction == Qt.LayoutDirection.RightToLeft
        painter.fillRect(QRect(r.right() - width + 1 if rtl else r.left(), r.top(), width, r.height()),
                         bar_colour(value))
        painter.setPen(QColor("#000000"))
        align = QStyle.visualAlignment(option.direction, Qt.AlignmentFlag.AlignLeft)
        painter.drawText(r.adjusted(4, 0, -4, 0), int(Qt.AlignmentFlag.AlignVCenter | align), figure(value))
        painter.restore()


def all_rows(report: AgreementReport) -> tuple[list[str], list[list[Any]]]:
    return ([translate("AgreementModel", "Label"), translate("AgreementModel", "Alpha (all annotators)")],
            [[lab, report.alpha.get(lab)] for lab in [*report.labels, ALL]])


def pair_rows(report: AgreementReport, index: int) -> tuple[list[str], list[list[Any]]]:
    p = report.pairs[index]
    only = translate("AgreementModel", "Only {name}")
    headers = [translate("AgreementModel", "Label"), translate("AgreementModel", "Exact F1"),
               translate("AgreementModel", "Overlap F1"), translate("AgreementModel", "Kappa"),
               translate("AgreementModel", "Both"), translate("AgreementModel", "Label differs"),
               translate("AgreementModel", "Boundary differs"), only.format(name=p.a), only.format(name=p.b)]
    rows = []
    for lab in [*report.labels, ALL]:
        c = p.spans[lab]
        rows.append([lab, c.exact_f1, c.overlap_f1, p.kappa.get(lab), c.both, c.label_differs, c.boundary_differs,
                     c.only_a, c.only_b])
    return headers, rows


#: the scope that shows the suggestions' scores against gold instead of agreement
SUGGESTIONS = -2

#: what the suggestions were scored against (the service says it in English), as shown
REFERENCE_NAMES = {
    "gold": QT_TRANSLATE_NOOP("AgreementWindow", "gold"),
    "gold and done sets": QT_TRANSLATE_NOOP("AgreementWindow", "gold and done sets"),
    "done sets": QT_TRANSLATE_NOOP("AgreementWindow", "done sets"),
}


def suggestion_rows(evaluation: Any) -> tuple[list[str], list[list[Any]]]:
    """One row per recommender and label: exact F1 (the bar), P, R, overlap F1, P, R, counts."""
    headers = [translate("AgreementModel", "Recommender · label"), translate("AgreementModel", "Exact F1"),
               translate("AgreementModel", "Exact P"), translate("AgreementModel", "Exact R"),
               translate("AgreementModel", "Overlap F1"), translate("AgreementModel", "Overlap P"),
               translate("AgreementModel", "Overlap R"), translate("AgreementModel", "Gold"),
               translate("AgreementModel", "Suggested")]
    every = translate("AgreementModel", "ALL")  # every label together
    rows = [[f"{r} · {every if lab == ALL else lab}", sc.exact_f1, sc.exact_precision, sc.exact_recall, sc.overlap_f1,
             sc.overlap_precision, sc.overlap_recall, sc.gold, sc.predicted]
            for r, by in evaluation.scores.items() for lab, sc in by.items()]
    return headers, rows


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(str)


class _Evaluate(QRunnable):
    def __init__(self, relay: _Relay, project: Project) -> None:
        super().__init__()
        self.relay, self.project = relay, project

    def run(self) -> None:
        from annotator.services.suggestions import evaluate

        try:
            result = evaluate(self.project)
        except Exception as exc:  # noqa: BLE001 (a worker thread) shown in the window as plain text
            self.relay.failed.emit(str(exc))
            return
        self.relay.finished.emit(result)


class _Compute(QRunnable):
    def __init__(self, relay: _Relay, project: Project, doc_ids: Sequence[str] | None,
                 annotators: Sequence[str] | None) -> None:
        super().__init__()
        self.relay, self.args = relay, (project, doc_ids, annotators)

    def run(self) -> None:
        try:
            report = compute_agreement(*self.args)
        except Exception as exc:  # noqa: BLE001 (a worker thread) shown in the window as plain text
            self.relay.failed.emit(str(exc))
            return
        self.relay.finished.emit(report)


class AgreementWindow(QMainWindow):
    """Agreement per label and overall, for all annotators or one pair, with bars and export."""

    computed = Signal()

    def __init__(self, project: Project, parent: QWidget | None = None, *, doc_ids: Sequence[str] | None = None,
                 annotators: Sequence[str] | None = None, threaded: bool = True) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.setObjectName("agreementWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closing frees it (nothing keeps a list of windows)
        self.setWindowTitle(translate("AgreementWindow", "Agreement"))
        self.project = project
        self.report: AgreementReport | None = None
        self.scope = QComboBox(self)
        self.scope.setObjectName("agreementScope")
        self.scope.setAccessibleName(translate("AgreementWindow", "Annotators"))
        self.scope.currentIndexChanged.connect(self._show_scope)
        self.summary = plain.plain_label(translate("AgreementWindow", "Computing agreement…"), self)
        self.summary.setObjectName("agreementSummary")
        self.summary.setWordWrap(True)
        self.model = AgreementModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("agreementTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setItemDelegateForColumn(1, BarDelegate(self.table))
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.json_button = QPushButton(translate("AgreementWindow", "Export JSON…"), self)
        self.csv_button = QPushButton(translate("AgreementWindow", "Export CSV…"), self)
        self.json_button.clicked.connect(self._export_json)
        self.csv_button.clicked.connect(self._export_csv)
        bar = QHBoxLayout()
        bar.addWidget(plain.plain_label(translate("AgreementWindow", "Show:"), self))
        bar.addWidget(self.scope, 1)
        bar.addWidget(self.json_button)
        bar.addWidget(self.csv_button)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.notes = plain.plain_label("", self)
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.setCentralWidget(body)
        self.resize(900, 520)
        for button in (self.json_button, self.csv_button):
            button.setEnabled(False)
        self.evaluation: Any = None
        self._threaded = threaded
        self._eval_relay = _Relay()
        self._eval_relay.finished.connect(self.show_evaluation)
        self._eval_relay.failed.connect(self._evaluation_failed)
        self._relay = _Relay()
        self._relay.finished.connect(self.show_report)
        self._relay.failed.connect(self._failed)  # methods, not lambdas: a lambda would keep the window alive
        task = _Compute(self._relay, project, doc_ids, annotators)
        if threaded:
            QThreadPool.globalInstance().start(task)
        else:
            task.run()

    def _failed(self, text: str) -> None:
        self.summary.setText(translate("AgreementWindow", "No agreement figures: {error}").format(error=text))
        if self.scope.findData(SUGGESTIONS) < 0:  # still there to choose, without choosing it now
            self.scope.blockSignals(True)
            self.scope.addItem(translate("AgreementWindow", "Suggestions against gold (precision, recall, F1)"),
                               SUGGESTIONS)
            self.scope.setCurrentIndex(-1)
            self.scope.blockSignals(False)

    def _evaluation_failed(self, text: str) -> None:
        self.summary.setText(translate("AgreementWindow", "No scores of suggestions: {error}").format(error=text))
        self.evaluation = False

    def show_evaluation(self, evaluation: Any) -> None:
        self.evaluation = evaluation
        if self.scope.currentData() == SUGGESTIONS:
            self._show_scope()
        self.computed.emit()

    def _show_suggestions(self) -> None:
        if self.evaluation is None:
            self.summary.setText(translate("AgreementWindow", "Scoring suggestions against gold "
                                                              "(cross-validating the project model)…"))
            self.model.set_rows([], [])
            self.evaluation = "running"
            task = _Evaluate(self._eval_relay, self.project)
            if self._threaded:
                QThreadPool.globalInstance().start(task)
            else:
                task.run()
            return
        if not hasattr(self.evaluation, "scores"):
            return  # running, or failed (the summary says why)
        ev = self.evaluation
        reference = translate("AgreementWindow", REFERENCE_NAMES[ev.reference]) \
            if ev.reference in REFERENCE_NAMES else ev.reference
        forms = translate("AgreementWindow", "Suggestions against {reference} of {n} document, each recommender on "
                                             "documents it did not learn from (the project model by {folds}-fold "
                                             "cross-validation).|Suggestions against {reference} of {n} documents, "
                                             "each recommender on documents it did not learn from (the project model "
                                             "by {folds}-fold cross-validation).")
        self.summary.setText(plural(ev.documents, forms, reference=reference, folds=integer(5)))
        curve = translate("AgreementWindow", ", ").join(
            plural(n, translate("AgreementWindow", "{n} doc {score}|{n} docs {score}"), score=figure(by[ALL].exact_f1))
            for n, by in ev.curve)
        learning = translate("AgreementWindow", "Learning curve of the project model (exact F1): {curve}. ")
        self.notes.setText((learning.format(curve=curve) if curve else "") + " ".join(ev.notes))
        headers, rows = suggestion_rows(ev)
        self.model.set_rows(headers, rows)
        self.table.setColumnWidth(0, 160)
        self.table.setColumnWidth(1, 220)

    @staticmethod
    def shown_notes(notes: str) -> str:
        """The report's definitions in the interface's language: core's text (``NOTES``, the same
        words as the CLI's and the exported report's, tested equal) is translated here."""
        from annotator.core.agreement import NOTES

        if notes != NOTES:
            return notes  # another report's notes: shown as they come
        return translate(
            "AgreementWindow",
            "Tokens are the word tokens of annotator.core.tokens (spaces and punctuation are not units). "
            "A span covers every token it overlaps. For ALL, a token takes the label of the innermost (shortest) "
            "span covering it, else O (equal lengths: the label listed first in the schema); kappa (per pair) and "
            "alpha (nominal, all annotators) are computed over these token labels. For one label, a token is "
            "inside a span of that label or not, whatever else is nested in or around it. Span F1 exact needs "
            "the same start, end and label; overlap F1 needs an overlapping span of the same label. A document "
            "counts for a pair when both annotated it, for alpha when at least two did.")

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        alpha = report.alpha.get(ALL)
        self.summary.setText(translate("AgreementWindow", "{documents}, {tokens}; annotators: {names}. Alpha over "
                                                          "all labels: {alpha}").format(
            documents=plural(report.documents, translate("AgreementWindow", "{n} document|{n} documents")),
            tokens=plural(report.tokens, translate("AgreementWindow", "{n} word token|{n} word tokens")),
            names=", ".join(report.annotators), alpha=figure(alpha)))
        self.notes.setText(translate("AgreementWindow", "How: {notes}").format(notes=self.shown_notes(report.notes)))
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(translate("AgreementWindow", "All annotators together (Krippendorff's alpha)"), -1)
        for i, p in enumerate(report.pairs):
            self.scope.addItem(plural(p.documents, translate("AgreementWindow", "{a} and {b} (F1, kappa; {n} document)|"
                                                                 "{a} and {b} (F1, kappa; {n} documents)"),
                                      a=p.a, b=p.b), i)
        self.scope.addItem(translate("AgreementWindow", "Suggestions against gold (precision, recall, F1)"),
                           SUGGESTIONS)
        self.scope.blockSignals(False)
        self.scope.setCurrentIndex(0)
        self._show_scope()
        for button in (self.json_button, self.csv_button):
            button.setEnabled(True)
        self.computed.emit()

    def _show_scope(self, _index: int = 0) -> None:
        if self.report is None and self.scope.currentData() != SUGGESTIONS:
            return
        which = self.scope.currentData()
        if which == SUGGESTIONS:
            self._show_suggestions()
            return
        assert self.report is not None
        notes = self.shown_notes(self.report.notes)
        self.notes.setText(translate("AgreementWindow", "How: {notes}").format(notes=notes))
        headers, rows = all_rows(self.report) if which in (None, -1) else pair_rows(self.report, which)
        self.model.set_rows(headers, rows)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(1, 220)

    def export(self, path: str | os.PathLike[str], fmt: str) -> Path:
        """Write the report as *fmt* ("json" or "csv") to *path* (via a temporary file, then renamed)."""
        from annotator.services.export.datasets import as_if_created

        if self.report is None:
            raise RuntimeError("the agreement figures are not computed yet")
        text = render_json(self.report) if fmt == "json" else render_csv(self.report)
        target = Path(path)
        fd, tmp = tempfile.mkstemp(prefix=".agreement-", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
                as_if_created(tmp, folder=False)  # the umask's mode, not mkstemp's 0600
                f.write(text)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self.statusBar().showMessage(translate("AgreementWindow", "Saved {path}").format(path=target), 8000)
        return target

    def _export_json(self) -> None:
        self.export_dialog("json")

    def _export_csv(self) -> None:
        self.export_dialog("csv")

    def export_dialog(self, fmt: str) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("AgreementWindow", "Export agreement as {format}").format(
                                              format=fmt.upper()), f"agreement.{fmt}",
                                              f"{fmt.upper()} (*.{fmt})")
        if path:
            try:
                self.export(path, fmt)
            except OSError as exc:
                self.statusBar().showMessage(translate("AgreementWindow", "Not saved: {error}").format(error=exc), 8000)
