"""File ▸ Schema…: the project's schema, loading another one from a file, exporting it.

The dialog shows the labels (key and colour), their attributes, the relations and the
links with their descriptions and examples, as plain text. "Load from file…" reads a
schema file, says what would change (or, when data uses a name the file removes, the
refusal with the counts: renaming or dropping that data is done with
``annotator schema set FILE --rename OLD=NEW / --drop NAME``) and applies it on
confirmation, as one logged change (``annotator schema undo`` reverses it). The window's
label bar, keys, colours, inspector and panels are built from the schema, so after a
change the window reopens itself on the same documents (:meth:`MainWindow.reopen`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.schema import ROLES, LabelSchema, load_schema
from annotator.gui.annotation.labelbar import swatch
from annotator.gui.common import plain
from annotator.gui.common.i18n import integer, locale, plural, translate
from annotator.services import schema as schema_service

if TYPE_CHECKING:
    from annotator.services.project import Project



def schema_filter() -> str:
    """What the schema file dialogs list."""
    return translate("SchemaDialog", "Schema files (*.toml);;All files (*)")


def _number(n: int) -> str:
    """*n* in the locale's digits, ungrouped (as ``annotator schema show`` writes it: 2000)."""
    loc = locale()
    loc.setNumberOptions(QLocale.NumberOption.OmitGroupSeparator)
    return loc.toString(int(n))


def _about(description: str, examples: tuple[str, ...], indent: str) -> list[str]:
    """The description's lines (each in its own direction when the interface is mirrored) and the examples."""
    own = plain.isolate if QApplication.isRightToLeft() else str
    out = [f"{indent}{own(line)}" for line in description.splitlines() if line.strip()]
    out += [indent + translate("SchemaDialog", "e.g. {example}").format(example=example) for example in examples]
    return out


def describe_shown(schema: LabelSchema) -> list[str]:
    """The schema as lines of plain text in the interface's language: in English, the lines of
    ``annotator schema show`` (core's ``describe``, which a test keeps equal). Names, keys,
    colours, kinds, roles, descriptions and examples are the schema's own (data)."""
    out = [translate("SchemaDialog", "Schema {name} (version {version})").format(
        name=schema.name, version=_number(schema.version)), "", translate("SchemaDialog", "Labels")]
    roles = {schema.role_label(role): role for role in ROLES}
    for lab in schema.labels:
        role = roles.get(lab.name)
        line = translate("SchemaDialog", "  {name}  key {key}  colour {colour}").format(
            name=lab.name, key=lab.key, colour=lab.color)
        out.append(line + (translate("SchemaDialog", "  role {role}").format(role=role) if role else ""))
        out += _about(lab.description, lab.examples, "    ")
        for adef in schema.attributes_of(lab.name):
            what = {"choice": translate("SchemaDialog", "one of: {values}").format(values=", ".join(adef.values)),
                    "boolean": translate("SchemaDialog", "true or false"),
                    "entity": translate("SchemaDialog", "an entity of the project"),
                    "pattern": translate("SchemaDialog", "a value matching a pattern"),
                    "text": translate("SchemaDialog", "free text, at most {count} characters").format(
                        count=_number(adef.max_length))}[adef.kind]
            out.append(translate("SchemaDialog", "    attribute {name} ({kind}): {what}").format(
                name=adef.name, kind=adef.kind, what=what))
            out += _about(adef.description, (), "      ")
    out += ["", translate("SchemaDialog", "Relations (inside a document)")]
    if not schema.relations:
        out.append(translate("SchemaDialog", "  none"))
    either = translate("SchemaDialog", " or ")
    for rel in schema.relations:
        out.append(translate("SchemaDialog", "  {name}  key {key}  {heads} -> {tails}  colour {colour}").format(
            name=rel.name, key=rel.key, heads=either.join(rel.head), tails=either.join(rel.tail), colour=rel.color))
        out += _about(rel.description, rel.examples, "    ")
    out += ["", translate("SchemaDialog", "Links (between documents)")]
    if not schema.links:
        out.append(translate("SchemaDialog", "  none"))
    for link in schema.links:
        joins = either.join(link.labels)
        line = translate("SchemaDialog", "  {name}  {labels} {arrow} {labels}  colour {colour}").format(
            name=link.name, labels=joins, arrow="->" if link.directed else "<->", colour=link.color)
        out.append(line + (translate("SchemaDialog", "  key {key}").format(key=link.key) if link.key else ""))
        out += _about(link.description, link.examples, "    ")
    return out


class SchemaDialog(QDialog):
    """The project's schema; ``changed`` is emitted once a new schema is stored."""

    changed = Signal()

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schemaDialog")
        self.project = project
        self.annotator = annotator
        self.setWindowTitle(translate("SchemaDialog", "Schema"))
        self.heading = plain.plain_label("", self)
        self.heading.setObjectName("schemaHeading")
        self.labels = QListWidget(self)
        self.labels.setObjectName("schemaLabels")
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("schemaText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        if self.isRightToLeft():  # the lines read from the right, as the interface does
            option = self.text.document().defaultTextOption()
            option.setTextDirection(Qt.LayoutDirection.RightToLeft)
            option.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.text.document().setDefaultTextOption(option)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.load_button = QPushButton(translate("SchemaDialog", "&Load from file…"), self)
        self.load_button.setObjectName("loadSchema")
        self.export_button = QPushButton(translate("SchemaDialog", "&Export…"), self)
        self.export_button.setObjectName("exportSchema")
        buttons.addButton(self.load_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.load_button.clicked.connect(self.choose_file)
        self.export_button.clicked.connect(self.choose_export)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.labels, 1)
        layout.addWidget(self.text, 3)
        layout.addWidget(buttons)
        self.resize(720, 640)
        self.show_schema(project.schema)
        self.text.setFocus()

    def show_schema(self, schema: LabelSchema) -> None:
        self.heading.setText(translate("SchemaDialog", "{name}, version {version}: {labels}, {relations}, {links}")
                             .format(
            name=schema.name, version=integer(schema.version),
            labels=plural(len(schema.labels), translate("SchemaDialog", "{n} label|{n} labels")),
            relations=plural(len(schema.relations), translate("SchemaDialog", "{n} relation|{n} relations")),
            links=plural(len(schema.links), translate("SchemaDialog", "{n} link type|{n} link types"))))
        self.labels.clear()
        for lab in schema.labels:
            item = QListWidgetItem(swatch(lab.color), f"{lab.key}   {lab.name}   {lab.color}")
            item.setToolTip(plain.tooltip(lab.description))
            self.labels.addItem(item)
        self.text.setPlainText("\n".join(describe_shown(schema)))

    # -- loading -------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("SchemaDialog", "Load a schema"), "", schema_filter())
        if path:
            self.load_from(Path(path))

    def load_from(self, path: Path) -> bool:
        """Read *path*, show what would change, apply it if the annotator confirms; True if applied."""
        try:
            new = load_schema(path)
            plan = schema_service.plan_schema(self.project, new)
        except AnnotatorError as exc:
            plain.warn(self, translate("SchemaDialog", "Schema not loaded"), str(exc))
            return False
        if plan.unchanged:
            plain.inform(self, translate("SchemaDialog", "Schema"),
                         translate("SchemaDialog", "The project's schema is already {file}: nothing to change.")
                         .format(file=path.name))
            return False
        if plan.refusals:
            plain.warn(self, translate("SchemaDialog", "Schema not changed"),
                       translate("SchemaDialog", "The file removes names that the data uses:\n\n{refusals}\n\n"
                                                 "Nothing was changed. To rename or delete that data with the change, "
                                                 "use the command line:\n{command}").format(
                           refusals="\n".join(plan.refusals),
                           command=f"annotator schema set {path} --rename OLD=NEW --drop NAME"))
            return False
        answer = plain.ask(self, translate("SchemaDialog", "Change the schema?"),
                           translate("SchemaDialog", "{file}: {name}, version {version}\n\n{changes}\n\n"
                                                     "The change is stored at once and logged ({command} reverses "
                                                     "it); the window then reopens with the new labels, keys and "
                                                     "colours.").format(
                               file=path.name, name=new.name, version=integer(new.version),
                               changes="\n".join(plan.lines()), command="annotator schema undo"),
                           default=QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            schema_service.set_schema(self.project, new, acting=self.annotator, origin=str(path))
        except AnnotatorError as exc:
            plain.warn(self, translate("SchemaDialog", "Schema not changed"), str(exc))
            return False
        self.show_schema(new)
        self.changed.emit()
        return True

    # -- exporting -----------------------------------------------------------------------
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, translate("SchemaDialog", "Export the schema"),
                                              f"{self.project.schema.name}.toml",
                                              schema_filter())
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        """Write the project's schema (the TOML it stores) to *path*, through a temporary file."""
        try:
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                    out.write(self.project.schema.source)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            plain.warn(self, translate("SchemaDialog", "Schema not exported"), f"{path}: {exc}")
            return False
        self.heading.setText(translate("SchemaDialog", "Exported to {path}").format(path=path))
        return True


#: windows opened in place of another (the window reopens after a schema change), kept until closed
_REOPENED: set[QWidget] = set()


def keep_window(window: QWidget) -> None:
    """Keep a top-level window alive (nothing else refers to it) until it is closed and deleted."""
    _REOPENED.add(window)
    window.destroyed.connect(lambda *_: _REOPENED.discard(window))


def show_schema_dialog(parent: QWidget, project: Project, annotator: str) -> SchemaDialog:
    dialog = SchemaDialog(project, annotator, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
