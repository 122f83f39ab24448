"""The Guidelines dock (Shift+F1): what each label means, and the project's own guidelines.

For each label of the schema: its name and key, its description, its examples, its attributes; then the
part of the project's guidelines document whose heading names that label (``## CLAIM``);
then the relation and link types; then the rest of the guidelines. When a span is
selected the dock scrolls to its label. Nothing from the file is ever HTML: the document
is read into blocks of plain text (:mod:`annotator.core.guidelines`) and built here with
``QTextCursor`` and text formats, so a ``<b>`` in the guidelines shows as those characters.
Each block is laid out in its own direction (an Arabic paragraph from the right).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDockWidget, QFileDialog, QHBoxLayout, QPushButton, QTextEdit, QVBoxLayout, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.guidelines import Block, read_markdown, section_of
from annotator.core.schema import LabelSchema
from annotator.core.text import detect_direction
from annotator.formats.decoding import read_utf8
from annotator.gui.common import plain
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, translate
from annotator.services.guidelines import SetGuidelines, guidelines
from annotator.services.project import Project

_HEADING_SIZES = {1: 1.5, 2: 1.3, 3: 1.15}
#: the attribute kinds of the schema as the dock names them
_KINDS = {"choice": QT_TRANSLATE_NOOP("GuidelinesView", "choice"),
          "boolean": QT_TRANSLATE_NOOP("GuidelinesView", "boolean"),
          "entity": QT_TRANSLATE_NOOP("GuidelinesView", "entity"),
          "text": QT_TRANSLATE_NOOP("GuidelinesView", "text"),
          "pattern": QT_TRANSLATE_NOOP("GuidelinesView", "pattern")}


def _sections(blocks: list[Block], schema: LabelSchema) -> tuple[dict[str, list[Block]], list[Block]]:
    """The guidelines' section of each label (its heading and what follows, up to the next
    heading of the same or a higher level), and the blocks no label's section holds."""
    taken: set[int] = set()
    by_label: dict[str, list[Block]] = {}
    for lab in schema.labels:
        at = section_of(blocks, lab.name)
        if at is None or at in taken:
            continue
        end = at + 1
        while end < len(blocks) and not (blocks[end].kind == "heading" and blocks[end].level <= blocks[at].level):
            end += 1
        by_label[lab.name] = blocks[at:end]
        taken.update(range(at, end))
    return by_label, [b for i, b in enumerate(blocks) if i not in taken]


def _described(line: str, description: str) -> str:
    """A schema line and its description (the schema's text, isolated: its own direction)."""
    if not description:
        return line
    return translate("GuidelinesView", "{line}: {description}").format(line=line,
                                                                       description=plain.isolate(description))


class GuidelinesView(QTextEdit):
    """The text of the dock (read only), with where each label's part starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidelinesText")
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.anchors: dict[str, int] = {}

    def _block(self, cursor: QTextCursor, text: str, *, size: float = 1.0, bold: bool = False, italic: bool = False,
               indent: int = 0, emphasis: tuple[tuple[int, int], ...] = (), mono: bool = False,
               interface: bool = False) -> None:
        """One paragraph: the guidelines' and the schema's text in its own direction, the dock's own
        lines (*interface*: headings, "key c", the attribute lines) in the interface's direction."""
        fmt = QTextBlockFormat()
        rtl = self.isRightToLeft() if interface else detect_direction(text) == "rtl"
        fmt.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        fmt.setIndent(indent)
        fmt.setTopMargin(8 if size > 1 else 2)
        if cursor.position() == 0 and cursor.block().length() == 1:
            cursor.setBlockFormat(fmt)
        else:
            cursor.insertBlock(fmt)
        base = QTextCharFormat()
        base_font = QFont(self.font())
        base_font.setPointSizeF(self.font().pointSizeF() * size)
        base_font.setBold(bold)
        base_font.setItalic(italic)
        if mono:
            base_font.setFamilies(["monospace"])
        base.setFont(base_font)
        at = 0
        for start, end in emphasis:
            cursor.insertText(text[at:start], base)
            strong = QTextCharFormat(base)
            strong.setFontWeight(QFont.Weight.Bold)
            cursor.insertText(text[start:end], strong)
            at = end
        cursor.insertText(text[at:], base)

    def _markdown(self, cursor: QTextCursor, blocks: list[Block]) -> None:
        for b in blocks:
            if b.kind == "heading":
                self._block(cursor, b.text, size=_HEADING_SIZES.get(b.level, 1.05), bold=True, emphasis=b.emphasis)
            elif b.kind == "item":
                bullet = f"{b.number}. " if b.number is not None else "• "
                self._block(cursor, bullet + b.text, indent=b.level + 1,
                            emphasis=tuple((s + len(bullet), e + len(bullet)) for s, e in b.emphasis))
            elif b.kind == "quote":
                self._block(cursor, b.text, italic=True, indent=1, emphasis=b.emphasis)
            elif b.kind == "code":
                for line in b.text.split("\n"):
                    self._block(cursor, line, mono=True, indent=1)
            elif b.kind == "rule":
                self._block(cursor, "—" * 12)
            else:
                self._block(cursor, b.text, emphasis=b.emphasis)

    def _examples(self, cursor: QTextCursor, examples: tuple[str, ...], indent: int = 1) -> None:
        """The schema's examples, each on its own line in its own direction, between «»."""
        for example in examples:
            self._block(cursor, f"«{example}»", italic=True, indent=indent)

    def show_guidelines(self, schema: LabelSchema, markdown: str) -> None:
        """Build the view: each label with its part of the guidelines, then relations, links, the rest."""
        document = QTextDocument(self)
        document.setDefaultFont(self.font())
        cursor = QTextCursor(document)
        blocks = read_markdown(markdown)
        by_label, rest = _sections(blocks, schema)
        self.anchors = {}
        for lab in schema.labels:
            self.anchors[lab.name] = cursor.position() + (1 if cursor.position() else 0)
            self._block(cursor, translate("GuidelinesView", "{label} — key {key}").format(
                label=lab.name, key=lab.key), size=1.3, bold=True, interface=True)
            if lab.description:
                self._block(cursor, lab.description)
            self._examples(cursor, lab.examples)
            for adef in schema.attributes_of(lab.name):
                kind = translate("GuidelinesView", _KINDS.get(adef.kind, adef.kind))
                values = f" ({', '.join(adef.values)})" if adef.values else ""
                text = translate("GuidelinesView", "• {name}, {kind}{values}").format(
                    name=plain.isolate(adef.name), kind=kind, values=plain.isolate(values))
                self._block(cursor, _described(text, adef.description), indent=1, interface=True)
            if lab.name in by_label:
                self._markdown(cursor, by_label[lab.name][1:])  # its heading is the label's, above
        if schema.relations:
            self._block(cursor, translate("GuidelinesView", "Relations (in one document)"), size=1.3, bold=True,
                        interface=True)
            for rel in schema.relations:
                ends = translate("GuidelinesView", "{head} → {tail}").format(
                    head=plain.isolate("/".join(rel.head)), tail=plain.isolate("/".join(rel.tail)))
                line = translate("GuidelinesView", "• {name} (key {key}), {ends}").format(
                    name=plain.isolate(rel.name), key=rel.key, ends=ends)
                self._block(cursor, _described(line, rel.description), indent=1, interface=True)
                self._examples(cursor, rel.examples, indent=2)
        if schema.links:
            self._block(cursor, translate("GuidelinesView", "Links (across documents)"), size=1.3, bold=True,
                        interface=True)
            for link in schema.links:
                line = translate("GuidelinesView", "• {name}, {labels}").format(
                    name=plain.isolate(link.name), labels=plain.isolate("/".join(link.labels)))
                self._block(cursor, _described(line, link.description), indent=1, interface=True)
                self._examples(cursor, link.examples, indent=2)
        self.anchors[""] = cursor.position() + 1
        self._block(cursor, translate("GuidelinesView", "The project's guidelines"), size=1.3, bold=True,
                    interface=True)
        if rest:
            self._markdown(cursor, rest)
        elif not by_label:
            self._block(cursor, translate("GuidelinesView", "None yet. A manager adds them with annotator "
                                                            "guidelines set FILE (Markdown), or Load from file "
                                                            "below."), italic=True, interface=True)
        self.setDocument(document)

    def scroll_to(self, label: str) -> None:
        """Show the part of *label* at the top."""
        at = self.anchors.get(label)
        if at is None:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())  # from the end, so that the label's heading comes to the top
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(at, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


class GuidelinesDock(QDockWidget):
    """The Guidelines dock; ``show_label`` follows the selected span."""

    def __init__(self, project: Project, annotator: str, parent: QWidget | None = None) -> None:
        super().__init__(translate("GuidelinesDock", "Guidelines"), parent)
        self.setObjectName("guidelinesDock")
        self.project = project
        self.annotator = annotator
        body = QWidget(self)
        self.view = GuidelinesView(body)
        self.load_button = QPushButton(translate("GuidelinesDock", "Load from file…"), body)
        self.load_button.setObjectName("guidelinesLoad")
        self.load_button.setToolTip(plain.tooltip(translate("GuidelinesDock", "Replace the project's guidelines "
                                                                          "with a Markdown file (managers; the "
                                                                          "change log keeps the old ones)")))
        self.load_button.clicked.connect(self._ask_file)
        self.message = plain.plain_label("", body)
        self.message.setObjectName("guidelinesMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.load_button)
        layout = QVBoxLayout(body)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.setWidget(body)
        self.label: str | None = None
        self.reload()

    def reload(self) -> None:
        self.view.show_guidelines(self.project.schema, guidelines(self.project))
        if self.label:
            self.view.scroll_to(self.label)

    def show_label(self, label: str | None) -> None:
        """Scroll to *label*'s part (the selected span's label); None leaves the view as it is."""
        if label and label != self.label:
            self.label = label
            self.view.scroll_to(label)

    def _ask_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, translate("GuidelinesDock", "Guidelines (Markdown)"), "",
            translate("GuidelinesDock", "Markdown (*.md *.markdown *.txt);;All files (*)"))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Keep the file as the project's guidelines (the rule and any error said in the dock)."""
        try:
            SetGuidelines(read_utf8(path), self.annotator).do(self.project)
        except AnnotatorError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(translate("GuidelinesDock", "Guidelines loaded from {file}").format(file=path.name))
        self.reload()
        return True
