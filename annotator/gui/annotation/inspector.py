"""The span inspector: the selected span's label, text, attributes, date proposal, entity.

One form per label of the schema, built once: a ``choice`` attribute is an
editable combo box (type or pick; Enter stores it), a ``boolean`` a check box
(Space), a ``pattern`` or ``text`` attribute a line edit (Enter stores, empty
removes), an ``entity`` a line edit that completes from the project's entities
(Enter attaches the span to the entity named). Every edit is a service command
(SetAttributes, AttachEntity) through the controller: stored at once, undoable,
and checked by the service; a refused value leaves the database as it was and
its reason is shown here in plain text. A DATE span shows the normaliser's
proposal, anchored to the document's publication date; Enter in the pane (or the
button) accepts it. F2 brings the keyboard here, Esc takes it back to the text.

Below the form, every span's note (issue 14, item 10): an "Unsure" check box and a
plain-text comment (``CommentEdit``: Ctrl+Enter stores it, Esc puts the stored one back
and returns to the text). Ctrl+U flags or unflags the selected span, Ctrl+Alt+C
(or Shift+F2) brings the keyboard to its comment. A note is one ``SetSpanNote`` (gold:
``SetGoldSpanNote``) command, like an attribute.

Where an edit goes is an :class:`AttributeEditing`: the annotator's own spans
through the controller (:class:`ControllerEditing`), or gold in the adjudication
view (``SetGoldAttributes`` through the gold undo stack).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDockWidget,
    QFormLayout,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.dates import DateValue, anchor_from_meta, normalise_date
from annotator.core.schema import AttributeDef, LabelSchema
from annotator.core.values import MAX_COMMENT, Entity, Span
from annotator.gui.annotation.controller import Controller, OpenDocument
from annotator.gui.common import plain
from annotator.gui.common.i18n import integer, translate
from annotator.services.attributes import SetAttributes
from annotator.services.entities import AttachEntity, complete_entities, entities
from annotator.services.notes import SetSpanNote
from annotator.services.project import Project


class AttributeEditing(Protocol):
    """Where the inspector's edits go: each call stores one undoable step, or refuses it."""

    project: Project

    def set_attributes(self, doc_id: str, span: Span, changes: dict[str, Any], description: str,
                       done: str) -> bool: ...

    def attach_entity(self, doc_id: str, span: Span, entity: Entity | None, done: str) -> bool: ...

    def set_note(self, doc_id: str, span: Span, comment: str | None, unsure: bool | None, done: str) -> bool: ...

    def say(self, text: str) -> None: ...

    @property
    def last_error(self) -> Exception | None: ...


class ControllerEditing:
    """The annotation window's editing: the annotator's spans, through the controller's undo stack."""

    def __init__(self, controller: Controller) -> None:
        self.controller = controller
        self.project = controller.project

    def set_attributes(self, doc_id: str, span: Span, changes: dict[str, Any], description: str, done: str) -> bool:
        return self.controller.run(SetAttributes(doc_id, self.controller.annotator, span.id, changes,
                                                 description=description), done)

    def attach_entity(self, doc_id: str, span: Span, entity: Entity | None, done: str) -> bool:
        return self.controller.run(AttachEntity(doc_id, self.controller.annotator, span.id,
                                                entity.id if entity else None), done)

    def set_note(self, doc_id: str, span: Span, comment: str | None, unsure: bool | None, done: str) -> bool:
        return self.controller.run(SetSpanNote(doc_id, self.controller.annotator, span.id, comment, unsure), done)

    def say(self, text: str) -> None:
        self.controller.message.emit(text)

    @property
    def last_error(self) -> Exception | None:
        return self.controller.last_error


class InspectorDock(QDockWidget):
    """Shows and edits the selected span; ``leave`` asks to give the focus back to the text."""

    leave = Signal()

    def __init__(self, editing: Controller | AttributeEditing, parent: QWidget | None = None) -> None:
        super().__init__(translate("InspectorDock", "Span inspector"), parent)
        self.setObjectName("inspectorDock")
        self.editing: AttributeEditing = ControllerEditing(editing) if isinstance(editing, Controller) else editing
        self.project = self.editing.project
        self.schema: LabelSchema = self.project.schema
        date = self.schema.role_label("date")
        #: the label whose spans show the date normaliser's proposal: the schema's date role,
        #: when it has a ``value`` attribute to store the proposal in
        self.date_label = date if date and any(a.name == "value" for a in self.schema.attributes_of(date)) else None
        self.doc: OpenDocument | None = None
        self.span: Span | None = None
        self.proposal: DateValue | None = None
        self.describe: Callable[[str, Span], list[str]] | None = None
        self._entities: dict[str, Entity] | None = None
        body = QWidget(self)
        self.title = plain.plain_label(translate("InspectorDock", "No span selected"), body)
        self.title.setObjectName("inspectorLabel")
        self.title.setWordWrap(True)
        self.text = plain.plain_label("", body)
        self.text.setObjectName("inspectorText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.links = plain.plain_label("", body)
        self.links.setObjectName("inspectorStructure")
        self.links.setWordWrap(True)
        self.stack = QStackedWidget(body)
        self.stack.addWidget(QWidget(self.stack))  # no span
        self.editors: dict[tuple[str, str], QWidget] = {}
        self.pages: dict[str, int] = {}
        for lab in self.schema.labels:
            self.pages[lab.name] = self.stack.addWidget(self._page(lab.name))
        self.unsure = QCheckBox(translate("InspectorDock", "Unsure (Ctrl+U)"), body)
        self.unsure.setObjectName("spanUnsure")
        self.unsure.clicked.connect(lambda checked: self._store_note(None, bool(checked)))
        self.comment = CommentEdit(body)
        self.comment.save.connect(lambda: self._store_note(self.comment.toPlainText(), None))
        self.comment.cancel.connect(self._cancel_comment)
        self.message = plain.plain_label("", body)
        self.message.setObjectName("inspectorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 4, 6, 4)
        for w in (self.title, self.text, self.links, self.stack, self.unsure, self.comment, self.message):
            layout.addWidget(w)
        layout.addStretch(1)
        # In a scroll area: a long span's text scrolls instead of growing the dock, and a change of
        # the labels' heights stops here instead of making the whole main window lay out again
        # (and repaint the dock's title bar) on every tag.
        scroll = QScrollArea(self)
        scroll.setObjectName("inspectorScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # labels wrap to its width
        scroll.setWidget(body)
        self.setWidget(scroll)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), body)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.leave)
        self.show_span(None, None)

    # -- building ------------------------------------------------------------------------
    def _page(self, label: str) -> QWidget:
        page = QWidget(self.stack)
        form = QFormLayout(page)
        form.setContentsMargins(0, 4, 0, 4)
        for adef in self.schema.attributes_of(label):
            editor = self._editor(adef, page)
            editor.setObjectName(f"attr_{label}_{adef.name}")
            editor.setAccessibleName(f"{label} {adef.name}")
            if adef.description:
                editor.setToolTip(plain.tooltip(adef.description))
            self.editors[(label, adef.name)] = editor
            form.addRow(adef.name.replace("_", " ").capitalize(), editor)
        if label == self.date_label:
            self.proposal_label = plain.plain_label("", page)
            self.proposal_label.setObjectName("dateProposal")
            self.proposal_label.setWordWrap(True)
            self.accept_button = QPushButton(translate("InspectorDock", "Accept proposal"), page)
            self.accept_button.setObjectName("acceptProposal")
            self.accept_button.setAutoDefault(True)
            self.accept_button.clicked.connect(self.accept_proposal)
            form.addRow(translate("InspectorDock", "Proposed"), self.proposal_label)
            form.addRow("", self.accept_button)
        if label == self.schema.role_label("actor"):
            self.entity_buttons = QWidget(page)
            QVBoxLayout(self.entity_buttons).setContentsMargins(0, 0, 0, 0)
            form.addRow("", self.entity_buttons)
        return page

    def _editor(self, adef: AttributeDef, parent: QWidget) -> QWidget:
        if adef.kind == "choice":
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(["", *adef.values])
            completer = combo.completer()
            assert completer is not None  # an editable combo box has one
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            combo.activated.connect(lambda _i, a=adef, c=combo: self._store(a, c.currentText()))
            line_edit = combo.lineEdit()
            assert line_edit is not None  # an editable combo box has one
            line_edit.returnPressed.connect(lambda a=adef, c=combo: self._store(a, c.currentText()))
            return combo
        if adef.kind == "boolean":
            box = QCheckBox(parent)
            box.clicked.connect(lambda checked, a=adef: self._set(a, bool(checked)))
            return box
        edit = QLineEdit(parent)
        edit.setClearButtonEnabled(True)
        if adef.kind == "entity":
            edit.setPlaceholderText(translate("InspectorDock", "Type an entity's name…"))
            completer = QCompleter(QStringListModel(edit), edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
            edit.textEdited.connect(lambda text, c=completer: self._complete(c, text))
            completer.activated.connect(lambda text, a=adef: self._attach(a, text))
            edit.returnPressed.connect(lambda a=adef, e=edit: self._attach(a, e.text()))
        else:
            edit.returnPressed.connect(lambda a=adef, e=edit: self._store(a, e.text()))
        return edit

    def add_entity_actions(self, actions: list[QAction]) -> None:
        """Buttons for the entity actions (create from span, tag other mentions) on the ACTOR form."""
        if not hasattr(self, "entity_buttons"):
            return
        short = {"entity.create": translate("InspectorDock", "Create entity from span"),
                 "entity.tag_here": translate("InspectorDock", "Tag mentions here…"),
                 "entity.tag_open": translate("InspectorDock", "Tag in open documents…")}
        layout = self.entity_buttons.layout()
        assert layout is not None  # set when the buttons' row was made
        for action in actions:
            button = QPushButton(short.get(action.objectName(), action.text().replace("&", "")), self.entity_buttons)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(plain.tooltip(translate("InspectorDock", "{action} ({keys})").format(
                action=action.text().replace("&", ""), keys=keys)))
            button.clicked.connect(action.trigger)
            button.setObjectName(f"button_{action.objectName()}")
            layout.addWidget(button)

    # -- showing ---------------------------------------------------------------------------
    def show_span(self, doc: OpenDocument | None, span: Span | None, keep_message: bool = False) -> None:
        """Show *span* of *doc* (or nothing)."""
        self.doc, self.span = (doc, span) if doc is not None and span is not None else (None, None)
        if not keep_message:
            self.message.setText("")
        self.proposal = None
        if self.span is None or self.doc is None:
            self.title.setText(translate("InspectorDock", "No span selected: click a span or press Tab in a pane"))
            self.text.setText("")
            self.links.setText("")
            self.stack.setEnabled(False)  # keeps its page: switching pages costs a relayout (1-3 ms) per selection
            self.unsure.setChecked(False)
            self.unsure.setEnabled(False)
            self.comment.show_comment("")
            self.comment.setEnabled(False)
            return
        self.stack.setEnabled(True)
        self.unsure.setEnabled(True)
        self.comment.setEnabled(True)
        self.unsure.setChecked(self.span.unsure)
        self.comment.show_comment(self.span.comment)
        span, text = self.span, self.doc.text
        body = span.text_in(text)
        self.title.setText(translate("InspectorDock", "{label}  ·  {start}–{end}").format(
            label=span.label, start=integer(span.start), end=integer(span.end)))
        self.text.setText(body if len(body) <= 500 else body[:500] + "…")
        extra = self.describe(self.doc.document.id, span) if self.describe is not None else []
        self.links.setText("\n".join(extra))
        self.stack.setCurrentIndex(self.pages.get(span.label, 0))
        for adef in self.schema.attributes_of(span.label):
            self._show_value(adef, span.attrs.get(adef.name))
        if span.label == self.date_label:
            self._show_proposal(body)

    def _show_value(self, adef: AttributeDef, value: Any) -> None:
        editor = self.editors[(adef.label, adef.name)]
        if isinstance(editor, QComboBox):
            editor.setCurrentText("" if value is None else str(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(value is True)
        elif isinstance(editor, QLineEdit):
            if adef.kind == "entity":
                ent = self.entity_by_id(value) if isinstance(value, str) else None
                editor.setText(ent.name if ent is not None else (value or ""))
            else:
                editor.setText("" if value is None else str(value))

    def _show_proposal(self, body: str) -> None:
        assert self.doc is not None
        anchor = anchor_from_meta(self.doc.document.meta)
        try:
            self.proposal = normalise_date(body, anchor)
        except Exception:  # noqa: BLE001 - a proposal is a help, never a reason to fail
            self.proposal = None
        where = (translate("InspectorDock", "published {date}").format(date=anchor.isoformat()) if anchor
                 else translate("InspectorDock", "no publication date in the document"))
        if self.proposal is None:
            self.proposal_label.setText(translate("InspectorDock", "none ({where}); type the value").format(
                where=where))
            self.accept_button.setEnabled(False)
            return
        p = self.proposal
        mod = translate("InspectorDock", ", mod {mod}").format(mod=p.mod) if p.mod else ""
        rel = translate("InspectorDock", " — relative to {where}").format(where=where) if p.relative else ""
        self.proposal_label.setText(f"{p.value}{mod}{rel}\n{p.explanation}")
        self.accept_button.setEnabled(True)
        self.accept_button.setText(translate("InspectorDock", "Accept proposal"))
        self.accept_button.setToolTip(plain.tooltip(translate("InspectorDock", "Or press Enter in the text")))

    def refresh(self) -> None:
        """Show the current span again as it is stored now (after a change)."""
        if self.doc is not None and self.span is not None:
            self.show_span(self.doc, self.doc.spans.get(self.span.id), keep_message=True)

    def focus_first(self) -> None:
        """Give the keyboard to the first attribute field of the shown span."""
        if self.span is None:
            return
        self.show()
        self.raise_()
        for adef in self.schema.attributes_of(self.span.label):
            self.editors[(adef.label, adef.name)].setFocus(Qt.FocusReason.ShortcutFocusReason)
            return

    # -- the note ------------------------------------------------------------------------------
    def toggle_unsure(self) -> bool:
        """Flag the shown span as unsure, or clear its flag (Ctrl+U)."""
        if self.span is None:
            self.editing.say(translate("InspectorDock", "Select a span first (click it or press Tab)"))
            return False
        return self._store_note(None, not self.span.unsure)

    def edit_comment(self) -> None:
        """Give the keyboard to the shown span's comment (Ctrl+Alt+C): Ctrl+Enter stores it, Esc cancels."""
        if self.span is None:
            self.editing.say(translate("InspectorDock", "Select a span first (click it or press Tab)"))
            return
        self.show()
        self.raise_()
        self.comment.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.comment.moveCursor(QTextCursor.MoveOperation.End)  # to add to it; Ctrl+A selects it all

    def _store_note(self, comment: str | None, unsure: bool | None) -> bool:
        if self.doc is None or self.span is None:
            return False
        if comment is not None and comment.replace("\r\n", "\n") == self.span.comment:
            self.leave.emit()
            return True
        if unsure is not None and unsure == self.span.unsure:
            return True
        if unsure is not None:
            done = (translate("InspectorDock", "Saved: flagged as unsure") if unsure
                    else translate("InspectorDock", "Saved: the unsure flag cleared"))
        else:
            done = (translate("InspectorDock", "Saved: comment") if comment
                    else translate("InspectorDock", "Saved: comment removed"))
        ok = self._done(self.editing.set_note(self.doc.document.id, self.span, comment, unsure, done))
        if not ok:
            self.unsure.setChecked(self.span.unsure)
        elif comment is not None:
            self.leave.emit()
        return ok

    def _cancel_comment(self) -> None:
        self.comment.show_comment(self.span.comment if self.span is not None else "")
        self.leave.emit()

    # -- entities ----------------------------------------------------------------------------
    def entity_by_id(self, entity_id: str) -> Entity | None:
        if self._entities is None:
            self._entities = {e.id: e for e in entities(self.project)}
        return self._entities.get(entity_id)

    def forget_entities(self) -> None:
        self._entities = None

    def _complete(self, completer: QCompleter, text: str) -> None:
        found = complete_entities(self.project, text)
        model = completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList([e.name for e in found])

    # -- storing -----------------------------------------------------------------------------
    def _store(self, adef: AttributeDef, typed: str) -> None:
        typed = typed.strip()
        self._set(adef, adef.parse(typed) if typed else None)

    def _set(self, adef: AttributeDef, value: Any) -> None:
        if self.doc is None or self.span is None:
            return
        if self.span.attrs.get(adef.name) == value:
            return
        done = (translate("InspectorDock", "Saved: {name} removed").format(name=adef.name) if value is None
                else translate("InspectorDock", "Saved: {name} = {value}").format(name=adef.name, value=value))
        self._done(self.editing.set_attributes(self.doc.document.id, self.span, {adef.name: value},
                                               translate("InspectorDock", "Set {name}").format(name=adef.name), done))

    def _attach(self, adef: AttributeDef, name: str) -> None:
        if self.doc is None or self.span is None:
            return
        name = name.strip()
        entity: Entity | None = None
        if name:
            matches = [e for e in complete_entities(self.project, name, limit=50)
                       if name in e.names or name.casefold() == e.name.casefold()]
            if not matches:
                self.message.setText(translate("InspectorDock", "Refused: there is no entity named {name}. Pick a name "
                                               "from the list, or create one from the span (Ctrl+Shift+E).")
                                     .format(name=repr(name)))
                return
            entity = matches[0]
        if self.span.attrs.get(adef.name) == (entity.id if entity else None):
            return
        self._done(self.editing.attach_entity(self.doc.document.id, self.span, entity,
                                              translate("InspectorDock", "Saved: attached to {name}").format(
                                                  name=entity.name) if entity
                                              else translate("InspectorDock", "Saved: detached from its entity")))

    def accept_proposal(self) -> bool:
        """Store the proposed value (and mod) of the shown DATE span."""
        if self.doc is None or self.span is None or self.span.label != self.date_label:
            self.editing.say(translate("InspectorDock", "Select a {label} span: Enter then accepts its proposed value")
                             .format(label=self.date_label or translate("InspectorDock", "date")))
            return False
        if self.proposal is None:
            self.editing.say(translate("InspectorDock", "No proposal for this date: type its value in the inspector"))
            return False
        p = self.proposal
        with_mod = any(a.name == "mod" for a in self.schema.attributes_of(self.span.label))
        if self.span.attrs.get("value") == p.value and (not with_mod or self.span.attrs.get("mod") == p.mod):
            self.editing.say(translate("InspectorDock", "The value is already {value}").format(value=p.value))
            return False
        proposal = SetAttributes.from_proposal(self.doc.document.id, "", self.span.id, p, with_mod=with_mod)
        return self._done(self.editing.set_attributes(self.doc.document.id, self.span, proposal.changes,
                                                      proposal.description,
                                                      translate("InspectorDock", "Saved: date value {value}").format(
                                                          value=p.value)))

    def _done(self, ok: bool) -> bool:
        """Clear the message after a stored edit, or say why it was refused."""
        if ok:
            self.message.setText("")
        else:
            error = self.editing.last_error
            waiting = getattr(getattr(self.editing, "controller", None), "waiting", False)
            self.message.setText(translate("InspectorDock", "Refused: {error}").format(error=error) if error is not None
                                 else translate("InspectorDock", "Not saved yet: waiting for the database") if waiting
                                 else translate("InspectorDock", "Refused"))
        return ok


class CommentEdit(QPlainTextEdit):
    """A span's comment: plain text (never markup), newlines allowed; Ctrl+Enter stores it
    (``save``), Esc puts back the stored one (``cancel``). Both keys are taken here before any
    window shortcut (Ctrl+Enter is also "Mark done and go to next" in the text)."""

    save = Signal()
    cancel = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spanComment")
        self.setAccessibleName(translate("CommentEdit", "Comment"))
        self.setPlaceholderText(translate("CommentEdit", "Comment (Ctrl+Alt+C; Ctrl+Enter saves, Esc cancels)"))
        self.setTabChangesFocus(True)
        self.setMaximumHeight(90)

    def show_comment(self, comment: str) -> None:
        if self.toPlainText() != comment:
            self.setPlainText(comment)

    @staticmethod
    def _ours(e: QKeyEvent) -> bool:
        ctrl = bool(e.modifiers() & Qt.KeyboardModifier.ControlModifier)
        return (ctrl and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)) or e.key() == Qt.Key.Key_Escape

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ShortcutOverride and isinstance(e, QKeyEvent) and self._ours(e):
            e.accept()  # the key comes here as a key press, not to a window action
            return True
        return super().event(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if self._ours(e):
            (self.cancel if e.key() == Qt.Key.Key_Escape else self.save).emit()
            return
        if len(self.toPlainText()) >= MAX_COMMENT and e.text() and e.text().isprintable():
            return  # the bound the service checks, kept while typing
        super().keyPressEvent(e)
