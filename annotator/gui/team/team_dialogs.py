"""Team dialogs: how gold differs from my work, and assigning documents (managers).

Everything shown is plain text (names and document titles can hold anything).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.values import Role
from annotator.gui.adjudication.disagreement_model import DisagreementModel
from annotator.gui.common import plain
from annotator.gui.common.elide import ElidingDelegate
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, plural, translate
from annotator.gui.docks.list_models import CheckableDocumentListModel
from annotator.gui.team.team_ui import role_name
from annotator.services import team
from annotator.services.adjudication import GoldComparison
from annotator.services.project import Project
from annotator.storage.kinds import GOLD_OWNER

#: what a correction is about (``core.adjudication.Kind``'s values), as the summary names them
KIND_NAMES = {
    "label": QT_TRANSLATE_NOOP("GoldDiffDialog", "label"),
    "boundary": QT_TRANSLATE_NOOP("GoldDiffDialog", "boundary"),
    "missing": QT_TRANSLATE_NOOP("GoldDiffDialog", "missing"),
    "attribute": QT_TRANSLATE_NOOP("GoldDiffDialog", "attribute"),
    "relation": QT_TRANSLATE_NOOP("GoldDiffDialog", "relation"),
    "link": QT_TRANSLATE_NOOP("GoldDiffDialog", "link"),
}


def kind_name(kind: str) -> str:
    """A kind of correction ("label", "boundary", ...) in the interface's language."""
    return translate("GoldDiffDialog", KIND_NAMES[kind]) if kind in KIND_NAMES else kind


class GoldDiffDialog(QDialog):
    """Where the gold of one document differs from the annotator's work: one row per correction."""

    def __init__(self, comparison: GoldComparison, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("goldDiffDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closing frees it (nothing keeps a list of windows)
        self.setWindowTitle(translate("GoldDiffDialog", "How gold differs from my work"))
        self.comparison = comparison
        c = comparison
        counts = translate("GoldDiffDialog", ", ").join(
            translate("GoldDiffDialog", "{n} {kind}").format(n=integer(n), kind=kind_name(k))
            for k, n in sorted(c.counts.items())) or translate("GoldDiffDialog", "none")
        yours = plural(c.spans, translate("GoldDiffDialog", "your {n} span|your {n} spans"))
        self.summary = plain.plain_label(
            translate("GoldDiffDialog", "Document {doc}: {yours}, gold {gold}, {agreed} identical. "
                      "Corrections: {corrections} ({counts}).").format(
                doc=plain.isolate(c.document_id), yours=yours, gold=integer(c.gold_spans),
                agreed=integer(c.agreed_spans), corrections=integer(len(c.disagreements)), counts=counts), self)
        self.summary.setObjectName("goldDiffSummary")
        self.summary.setWordWrap(True)
        self.model = DisagreementModel(self)
        self.model.gold_column = False
        self.model.titles = {GOLD_OWNER: translate("GoldDiffDialog", "Gold")}
        self.model.set_diff(c.disagreements, [c.annotator, GOLD_OWNER], text, lambda _d: "")
        self.table = QTableView(self)
        self.table.setObjectName("goldDiffTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(900, 420)

    def rows(self) -> list[list[str]]:
        return [self.model.row_texts(i) for i in range(self.model.rowCount())]


class AssignDialog(QDialog):
    """Assign the checked documents to the checked annotators; add annotators with a role."""

    def __init__(self, project: Project, manager: str, chosen: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("assignDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closing frees it (nothing keeps a list of windows)
        self.setWindowTitle(translate("AssignDialog", "Assign documents"))
        self.project = project
        self.manager = manager
        # every document of the project, read a page at a time (a project may hold 100,000):
        # filtered by the database as the dock's list is, checked by id
        self.doc_model = CheckableDocumentListModel(project, None, chosen, self)
        self.doc_model.refresh()
        self.documents = QListView(self)
        self.documents.setObjectName("assignDocuments")
        self.documents.setModel(self.doc_model)
        self.documents.setUniformItemSizes(True)
        self.documents.setItemDelegate(ElidingDelegate(self.documents, fit_width=True))  # titles keep their first words
        self.doc_filter = QLineEdit(self)
        self.doc_filter.setObjectName("assignFilter")
        self.doc_filter.setPlaceholderText(translate("AssignDialog", "Filter by title or id"))
        self.doc_filter.setClearButtonEnabled(True)
        self.doc_filter.textChanged.connect(lambda text: self.doc_model.set_query(text=text))
        self.check_all = QPushButton(translate("AssignDialog", "Check all listed"), self)
        self.check_all.setObjectName("checkAllListed")
        self.check_all.clicked.connect(lambda: self.doc_model.check_listed(True))
        self.uncheck_all = QPushButton(translate("AssignDialog", "Uncheck all listed"), self)
        self.uncheck_all.setObjectName("uncheckAllListed")
        self.uncheck_all.clicked.connect(lambda: self.doc_model.check_listed(False))
        self.doc_count = plain.plain_label("", self)
        self.doc_count.setObjectName("assignDocumentCount")
        self.doc_model.countKnown.connect(lambda _n: self._show_document_count())
        self.doc_model.checkedChanged.connect(lambda _n: self._show_document_count())
        self.annotators = QListWidget(self)
        self.annotators.setObjectName("assignAnnotators")
        self.new_name = QLineEdit(self)
        self.new_name.setObjectName("newAnnotatorName")
        self.new_name.setPlaceholderText(translate("AssignDialog", "New annotator's name"))
        self.new_role = QComboBox(self)
        self.new_role.setObjectName("newAnnotatorRole")
        for role in Role:
            self.new_role.addItem(role_name(role.value), role.value)
        self.add_button = QPushButton(translate("AssignDialog", "Add annotator"), self)
        self.add_button.setObjectName("addAnnotator")
        self.add_button.clicked.connect(self.add_annotator)
        self.new_name.returnPressed.connect(self.add_annotator)
        self.assign_button = QPushButton(translate("AssignDialog", "Assign"), self)
        self.assign_button.setObjectName("assignButton")
        self.assign_button.clicked.connect(self.assign)
        self.result_label = plain.plain_label("", self)
        self.result_label.setObjectName("assignResult")
        self.result_label.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.close)
        grid = QGridLayout()
        grid.addWidget(plain.plain_label(translate("AssignDialog", "Documents"), self), 0, 0)
        grid.addWidget(plain.plain_label(translate("AssignDialog", "Annotators (role · assigned · done)"), self), 0, 1)
        documents = QVBoxLayout()
        documents.addWidget(self.doc_filter)
        documents.addWidget(self.documents, 1)
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_all)
        check_row.addWidget(self.uncheck_all)
        documents.addLayout(check_row)
        documents.addWidget(self.doc_count)
        grid.addLayout(documents, 1, 0)
        grid.addWidget(self.annotators, 1, 1)
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.new_role)
        add_row.addWidget(self.add_button)
        grid.addLayout(add_row, 2, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(self.assign_button)
        layout.addWidget(self.result_label)
        layout.addWidget(close)
        self.refresh_annotators()
        self._show_document_count()
        self.resize(760, 520)

    def _show_document_count(self) -> None:
        m = self.doc_model
        listed = (integer(m.rowCount()) if m.exact
                  else translate("AssignDialog", "more than {n}").format(n=integer(m.rowCount())))
        self.doc_count.setText(translate("AssignDialog", "{listed} listed · {checked} checked").format(
            listed=listed, checked=integer(len(m.checked_ids()))))

    def refresh_annotators(self, check: set[str] | None = None) -> None:
        checked = set(self.checked(self.annotators)) | (check or set())
        self.annotators.clear()
        for info in team.list_annotators(self.project):
            item = QListWidgetItem(translate("AssignDialog", "{name} · {role} · {assigned} · {done}").format(
                name=plain.isolate(info.name), role=role_name(info.role.value), assigned=integer(info.assigned),
                done=integer(info.done)))
            item.setData(Qt.ItemDataRole.UserRole, info.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if info.name in checked else Qt.CheckState.Unchecked)
            self.annotators.addItem(item)

    @staticmethod
    def checked(widget: QListWidget) -> list[str]:
        return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    def add_annotator(self) -> None:
        name = self.new_name.text()
        try:
            info = team.add_annotator(self.project, name, self.new_role.currentData(), by=self.manager)
        except AnnotatorError as exc:
            self.result_label.setText(translate("AssignDialog", "Not added: {error}").format(error=exc))
            return
        self.new_name.clear()
        self.refresh_annotators({info.name})
        self.result_label.setText(translate("AssignDialog", "Added {name} as {role}").format(
            name=info.name, role=role_name(info.role.value)))

    def assign(self) -> None:
        docs, names = self.doc_model.checked_ids(), self.checked(self.annotators)
        try:
            report = team.assign(self.project, docs, names, by=self.manager)
        except AnnotatorError as exc:
            self.result_label.setText(translate("AssignDialog", "Not assigned: {error}").format(error=exc))
            return
        self.refresh_annotators()
        self.result_label.setText(translate("AssignDialog", "Assigned: {created} new, {existing} already there").format(
            created=integer(len(report.created)), existing=integer(len(report.existing))))
