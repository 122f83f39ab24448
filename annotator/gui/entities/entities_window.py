"""The Entities window: the project's entities, renamed and merged by hand.

Annotators create entities from actor spans as they go, so the same person soon
exists twice ("سامر الخطيب", "الوزير الخطيب"). This window lists every entity with
its type, aliases and number of mentions; the fields under the list rename the
current one (name, type, aliases), and *Merge into current* folds the other
selected entities into it: every mention of every annotator and in gold then refers
to the current entity, their names become its aliases, and they are deleted. Both are
service commands (UpdateEntity, MergeEntities) through the window's controller, so
they are stored at once and Ctrl+Z undoes them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.values import Entity
from annotator.gui.annotation.controller import Controller
from annotator.gui.common import plain
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, integer, plural, translate
from annotator.gui.common.tables import ID_ROLE, SORT_ROLE, RowTableModel, filter_proxy, list_view, set_widths
from annotator.services.entities import MergeEntities, UpdateEntity, entities, entity_mention_counts

_Index = QModelIndex | QPersistentModelIndex


class EntityListModel(RowTableModel):
    """Name, type, aliases, mentions."""

    HEADERS = (QT_TRANSLATE_NOOP("EntityListModel", "Name"), QT_TRANSLATE_NOOP("EntityListModel", "Type"),
               QT_TRANSLATE_NOOP("EntityListModel", "Aliases"), QT_TRANSLATE_NOOP("EntityListModel", "Mentions"))
    #: the last column's title for an annotator working blind
    MY_MENTIONS = QT_TRANSLATE_NOOP("EntityListModel", "My mentions")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Entity] = []
        self.counts: dict[str, int] = {}

    def set_entities(self, rows: Sequence[Entity], counts: dict[str, int]) -> None:
        self.beginResetModel()
        self.rows, self.counts = list(rows), counts
        self.endResetModel()

    def column_titles(self) -> Sequence[str]:
        return [translate("EntityListModel", title) for title in self.HEADERS]

    def row_of(self, entity_id: str) -> int:
        return next((i for i, e in enumerate(self.rows) if e.id == entity_id), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        e = self.rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == 3:
                n = self.counts.get(e.id, 0)
                return n if role == SORT_ROLE else integer(n)
            return (e.name, e.type, "، ".join(e.aliases))[col]
        if role == ID_ROLE:
            return e.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain.tooltip("\n".join((e.name, e.type, *e.aliases,
                                            translate("EntityListModel", "id {id}").format(id=e.id))))
        return None


class EntitiesWindow(QDialog):
    """Every entity of the project; rename the current one, merge others into it."""

    def __init__(self, controller: Controller, parent: QWidget | None = None, *, blind: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("entitiesWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # closing frees it (nothing keeps a list of windows)
        self.setWindowTitle(translate("EntitiesWindow", "Entities"))
        self.controller = controller
        self.project = controller.project
        #: an annotator working blind sees the number of their own mentions only (not others' work)
        self.blind = blind
        self.model = EntityListModel(self)
        if blind:
            self.model.HEADERS = (*EntityListModel.HEADERS[:3], EntityListModel.MY_MENTIONS)
        self.proxy = filter_proxy(self.model, -1, self)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("entityFilter")
        self.filter_edit.setPlaceholderText(translate("EntitiesWindow", "Filter entities by name, type or alias"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.view = list_view(self, "entityList")
        self.view.setModel(self.proxy)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        set_widths(self.view, (200, 90, 200))
        self.view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_current())
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("entityName")
        self.type_box = QComboBox(self)
        self.type_box.setObjectName("entityType")
        self.type_box.addItems(list(self.project.schema.entity_types()))
        self.aliases_edit = QLineEdit(self)
        self.aliases_edit.setObjectName("entityAliases")
        self.aliases_edit.setPlaceholderText(translate("EntitiesWindow", "Other names, separated by commas"))
        self.save_button = QPushButton(translate("EntitiesWindow", "Save"), self)
        self.save_button.setObjectName("saveEntity")
        self.save_button.clicked.connect(self.save_current)
        self.name_edit.returnPressed.connect(self.save_current)
        self.aliases_edit.returnPressed.connect(self.save_current)
        self.merge_button = QPushButton(translate("EntitiesWindow", "Merge selected into current…"), self)
        self.merge_button.setObjectName("mergeEntities")
        self.merge_button.setToolTip(plain.tooltip(translate("EntitiesWindow", "Every mention of the other selected "
                                                                               "entities (every annotator's and gold) "
                                                                               "then refers to the current one; their "
                                                                               "names become its aliases")))
        self.merge_button.clicked.connect(self.merge_selected)
        self.message = plain.plain_label("", self)
        self.message.setObjectName("entitiesMessage")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(translate("EntitiesWindow", "Name"), self.name_edit)
        form.addRow(translate("EntitiesWindow", "Type"), self.type_box)
        form.addRow(translate("EntitiesWindow", "Aliases"), self.aliases_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.resize(640, 520)
        controller.applied.connect(self._applied)  # a method: a lambda would keep the window alive with the controller
        self.reload()

    # -- reading -----------------------------------------------------------------------------
    def _applied(self, changed: object) -> None:
        if getattr(changed, "entity_ids", ()):
            self.reload()

    def reload(self) -> None:
        """Read the entities and their mention counts again, keeping the current one current."""
        current = self.current()
        counts = entity_mention_counts(self.project, self.controller.annotator if self.blind else None)
        self.model.set_entities(entities(self.project), counts)
        if current is not None:
            self.select([current.id])
        self._show_current()

    def current(self) -> Entity | None:
        index = self.view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        row = self.model.row_of(index.data(ID_ROLE))
        return self.model.rows[row] if row >= 0 else None

    def selected(self) -> list[Entity]:
        ids = {i.data(ID_ROLE) for i in self.view.selectionModel().selectedRows()}
        return [e for e in self.model.rows if e.id in ids]

    def select(self, entity_ids: Sequence[str]) -> None:
        """Select these entities (the first one current), as a click and Ctrl+clicks would."""
        sel = self.view.selectionModel()
        sel.clearSelection()
        for k, uid in enumerate(entity_ids):
            row = self.model.row_of(uid)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
            if k == 0:
                sel.setCurrentIndex(index, flags)
            else:
                sel.select(index, flags)

    def _show_current(self) -> None:
        e = self.current()
        for w in (self.name_edit, self.type_box, self.aliases_edit, self.save_button):
            w.setEnabled(e is not None)
        if e is None:
            self.name_edit.clear()
            self.aliases_edit.clear()
            return
        self.name_edit.setText(e.name)
        i = self.type_box.findText(e.type)
        if i < 0:
            self.type_box.addItem(e.type)
            i = self.type_box.findText(e.type)
        self.type_box.setCurrentIndex(i)
        self.aliases_edit.setText(", ".join(e.aliases))

    # -- changing ------------------------------------------------------------------------------
    def _run(self, command: Any, done: str) -> bool:
        ok = self.controller.run(command, done)
        error = self.controller.last_error
        self.message.setText("" if ok else translate("EntitiesWindow", "Refused: {reason}").format(reason=error)
                             if error is not None
                             else translate("EntitiesWindow", "Not saved yet: waiting for the database")
                             if self.controller.waiting else translate("EntitiesWindow", "Refused"))
        return ok

    def save_current(self) -> bool:
        """Store the name, type and aliases typed for the current entity (one undoable step)."""
        e = self.current()
        if e is None:
            return False
        aliases = tuple(a.strip() for a in self.aliases_edit.text().replace("،", ",").split(",") if a.strip())
        name, etype = self.name_edit.text().strip(), self.type_box.currentText()
        if (name, etype, aliases) == (e.name, e.type, e.aliases):
            return False
        return self._run(UpdateEntity(self.controller.annotator, e.id, name=name, type=etype, aliases=aliases),
                         translate("EntitiesWindow", "Saved: entity '{name}'").format(name=name))

    def merge_selected(self, confirm: bool = True) -> bool:
        """Merge the other selected entities into the current one, after saying what will move."""
        keep = self.current()
        others = [e for e in self.selected() if keep is not None and e.id != keep.id]
        if keep is None or not others:
            self.message.setText(translate("EntitiesWindow", "Select the entity to keep (it becomes current), then "
                                                             "Ctrl+click the ones that are the same"))
            return False
        moving = sum(self.model.counts.get(e.id, 0) for e in others)
        names = translate("EntitiesWindow", ", ").join(e.name for e in others)
        whose = plural(moving, translate("EntitiesWindow", "{n} of your mentions, and everyone else's,|"
                                                           "{n} of your mentions, and everyone else's,")) \
            if self.blind else plural(moving, translate("EntitiesWindow", "{n} mention in the project|"
                                                                          "{n} mentions in the project"))
        if confirm:
            answer = plain.ask(  # plain text: entity names are data (issue 11, item 7)
                self, translate("EntitiesWindow", "Merge entities"),
                translate("EntitiesWindow", "Merge {names} into {keep}? {whose} will refer to {keep}, and the merged "
                                            "names become its aliases. {undo} undoes it.").format(
                    names=names, keep=keep.name, whose=whose,
                    undo=QKeySequence(QKeySequence.StandardKey.Undo).toString(QKeySequence.SequenceFormat.NativeText)))
            if answer != plain.Button.Yes:
                return False
        return self._run(MergeEntities(self.controller.annotator, keep.id, tuple(e.id for e in others)),
                         plural(len(others), translate("EntitiesWindow", "Saved: {n} entity merged into '{name}'|"
                                                                         "Saved: {n} entities merged into '{name}'"),
                                name=keep.name))
