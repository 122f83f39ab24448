"""The claim table: every claim of the project with who, when, about whom, and its links.

A separate window (View > Claim table): one row per CLAIM span of the annotator,
with its SOURCE and TARGET actors (and their entities), its TIME (the DATE's
normalised value, or the proposal marked "proposed"), the document, factuality
and the claims linked to it in other documents. Sortable by any column and
filtered through a QSortFilterProxyModel (text, in one column or all; only
linked claims). Double click or Enter on a row shows the claim in a pane. It is
read from the project by the same service as ``annotator claims``, again when
something changed while it is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from annotator.core.values import ClaimRow, SpanRef
from annotator.gui.common import plain
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, plural, translate
from annotator.gui.common.tables import DOC_ROLE, ID_ROLE, SORT_ROLE, RowTableModel, list_view, set_widths
from annotator.services.claims import claim_table
from annotator.services.project import Project

_Index = QModelIndex | QPersistentModelIndex
LINKED_COLUMN = 7


def actor_text(r: SpanRef) -> str:
    body = " ".join(r.text.split())
    return body + (f" [{r.entity_name or r.entity_id}]" if r.entity_id else "")


def time_text(r: SpanRef) -> str:
    body = " ".join(r.text.split())
    if not r.value:
        return body
    mod = f" {r.mod}" if r.mod else ""
    proposed = " " + translate("ClaimTableModel", "(proposed)") if r.proposed else ""
    return f"{r.value}{mod}{proposed} · {plain.isolate(body)}"


class ClaimTableModel(RowTableModel):
    """Rows of the claim table as plain strings."""

    HEADERS = (QT_TRANSLATE_NOOP("ClaimTableModel", "Document"), QT_TRANSLATE_NOOP("ClaimTableModel", "Claim"),
               QT_TRANSLATE_NOOP("ClaimTableModel", "Source"), QT_TRANSLATE_NOOP("ClaimTableModel", "Time"),
               QT_TRANSLATE_NOOP("ClaimTableModel", "Target"), QT_TRANSLATE_NOOP("ClaimTableModel", "Factuality"),
               QT_TRANSLATE_NOOP("ClaimTableModel", "Check-worthy"),
               QT_TRANSLATE_NOOP("ClaimTableModel", "Linked claims"))

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ClaimRow] = []
        self.titles: dict[str, str] = {}
        self._cells: list[tuple[str, ...]] = []

    def column_titles(self) -> Sequence[str]:
        return [translate("ClaimTableModel", title) for title in self.HEADERS]

    def set_rows(self, rows: list[ClaimRow], titles: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows, self.titles = list(rows), titles
        self._cells = [self._format(r) for r in self.rows]
        self.endResetModel()

    def _format(self, r: ClaimRow) -> tuple[str, ...]:
        linked = " | ".join(
            f"{c.link_type}{' ←' if c.incoming else ''} "
            f"{plain.isolate(self.titles.get(c.document_id, c.document_id))}: "
            f"{plain.isolate(' '.join(c.text.split()))}" for c in r.linked)
        worthy = "" if r.check_worthy is None else (translate("ClaimTableModel", "yes") if r.check_worthy
                                                    else translate("ClaimTableModel", "no"))
        return (r.document_title or r.document_id, " ".join(r.text.split()),
                " | ".join(actor_text(s) for s in r.sources), " | ".join(time_text(t) for t in r.times),
                " | ".join(actor_text(t) for t in r.targets), r.factuality or "", worthy, linked)

    def cell(self, row: int, column: int) -> str:
        return self._cells[row][column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][col]
        if role == SORT_ROLE:
            if col == 0:  # by document, then reading order
                return f"{self._cells[index.row()][0]}\x00{r.start:010d}"
            return self._cells[index.row()][col]
        if role == Qt.ItemDataRole.ToolTipRole and self._cells[index.row()][col]:
            return plain.tooltip(self._cells[index.row()][col])
        if role == ID_ROLE:
            return r.span_id
        if role == DOC_ROLE:
            return r.document_id
        return None


class ClaimFilter(QSortFilterProxyModel):
    """Text in one column (or any) and, optionally, only claims with links."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.only_linked = False
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(SORT_ROLE)

    def set_only_linked(self, on: bool) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+ (invalidateFilter is deprecated there)
            self.beginFilterChange()
            self.only_linked = on
            self.endFilterChange()
        else:
            self.only_linked = on
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model = self.sourceModel()
        if self.only_linked and isinstance(model, ClaimTableModel) and not model.rows[row].linked:
            return False
        return super().filterAcceptsRow(row, parent)


class ClaimTableWindow(QWidget):
    """The claim table of one annotator; *jump* shows a claim (document id, span id) in a pane."""

    def __init__(self, project: Project, annotator: str, jump: Callable[[str, str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("claimTable")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closing frees it (nothing keeps a list of windows)
        self.setWindowTitle(translate("ClaimTableWindow", "Claim table"))
        self.project, self.annotator, self.jump = project, annotator, jump
        self.model = ClaimTableModel(self)
        self.proxy = ClaimFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("claimFilter")
        self.filter_edit.setPlaceholderText(translate("ClaimTableWindow", "Filter claims"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.column = QComboBox(self)
        self.column.setObjectName("claimFilterColumn")
        self.column.addItem(translate("ClaimTableWindow", "All columns"), -1)
        for i, name in enumerate(self.model.column_titles()):
            self.column.addItem(name, i)
        self.column.currentIndexChanged.connect(lambda _i: self._filter(self.filter_edit.text()))
        self.linked = QCheckBox(translate("ClaimTableWindow", "Only linked"), self)
        self.linked.setObjectName("claimOnlyLinked")
        self.linked.toggled.connect(self._only_linked)
        refresh = QPushButton(translate("ClaimTableWindow", "Refresh"), self)
        refresh.clicked.connect(self.refresh)
        self.count = plain.plain_label("", self)
        self.view = list_view(self, "claimList")
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(self.view.SelectionMode.SingleSelection)
        set_widths(self.view, (120, 260, 140, 150, 140, 80, 80))
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        row = QHBoxLayout()
        for w, stretch in ((self.filter_edit, 1), (self.column, 0), (self.linked, 0), (refresh, 0), (self.count, 0)):
            row.addWidget(w, stretch)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view)
        self.resize(1200, 520)
        self._stale = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.refresh)

    def refresh(self) -> None:
        """Read the table again from the project."""
        rows = claim_table(self.project, self.annotator)
        shown = sorted({r.document_id for r in rows} | {c.document_id for r in rows for c in r.linked})
        titles = {d.id: d.title or d.id for d in self.project.list_items(None, shown)}  # not every document's
        self.model.set_rows(rows, titles)
        self._stale = False
        self._count()

    def mark_stale(self) -> None:
        """Something changed: read again soon if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterKeyColumn(int(self.column.currentData()))
        self.proxy.setFilterFixedString(text)
        self._count()

    def _only_linked(self, on: bool) -> None:
        self.proxy.set_only_linked(on)
        self._count()

    def _count(self) -> None:
        self.count.setText(plural(self.model.rowCount(), translate("ClaimTableWindow", "{shown} of {n} claim|"
                                                                                       "{shown} of {n} claims"),
                                  shown=integer(self.proxy.rowCount())))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.jump(index.data(DOC_ROLE), index.data(ID_ROLE))

    def showEvent(self, e: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(e)

    def closeEvent(self, e: QCloseEvent) -> None:
        self._timer.stop()
        super().closeEvent(e)
