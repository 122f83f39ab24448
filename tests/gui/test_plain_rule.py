"""Text is never markup, by construction: the GUI source may build message boxes, input
dialogs, labels and tool tips only through :mod:`annotator.gui.common.plain`.

Qt's static message-box and input-dialog functions and a bare ``QLabel`` show their text
with ``Qt.AutoText`` (a name like ``<img src=x>`` becomes an image); a tool tip is rich
text whenever it looks like HTML. This test reads every module under annotator/gui (ast)
and refuses those calls outside plain.py, so a new dialog cannot bring the bug back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import annotator.gui

GUI = Path(annotator.gui.__file__).parent
ALLOWED_FILE = GUI / "common" / "plain.py"

STATIC_BOXES = {"question", "warning", "information", "critical", "about", "aboutQt"}
STATIC_INPUTS = {"getText", "getItem", "getInt", "getDouble", "getMultiLineText"}
# Widgets that show their text as rich text when it looks like HTML; built in plain.py only.
FORBIDDEN_CLASSES = {"QLabel", "QMessageBox", "QInputDialog", "QErrorMessage", "QProgressDialog", "QTextBrowser"}
RICH_CALLS = {"setHtml", "insertHtml", "appendHtml"}
# Tool tips (and What's This) are rich text when they look like HTML: only escaped ones.
TIP_SETTERS = {"setToolTip", "setWhatsThis"}
ESCAPING = {"tooltip", "span_tooltip"}  # plain.tooltip, editor.span_tooltip (escapes every piece)


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _escaped(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and node.value == "":
        return True
    if isinstance(node, ast.IfExp):
        return _escaped(node.body) and _escaped(node.orelse)
    return isinstance(node, ast.Call) and _name(node.func) in ESCAPING


def _is_tooltip_role(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr in ("ToolTipRole", "WhatsThisRole")


def problems_in(source: str, where: str) -> list[str]:
    """Every place in *source* that could show text as markup."""
    out = []
    for node in ast.walk(ast.parse(source)):
        line = f"{where}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.ClassDef):
            plain_format = any(isinstance(n, ast.Call) and _name(n.func) == "setTextFormat" and n.args
                               and _name(n.args[0]) == "PlainText" for n in ast.walk(node))
            for base in node.bases:
                if _name(base) in FORBIDDEN_CLASSES and not plain_format:
                    out.append(f"{line}: class {node.name} derives from {_name(base)} (use plain.py)")
        if not isinstance(node, ast.Call):
            continue
        func, name = node.func, _name(node.func)
        owner = _name(func.value) if isinstance(func, ast.Attribute) else ""
        if owner == "QMessageBox" and name in STATIC_BOXES:
            out.append(f"{line}: QMessageBox.{name} shows rich text (use plain.ask / plain.inform)")
        elif owner == "QInputDialog" and name in STATIC_INPUTS:
            out.append(f"{line}: QInputDialog.{name} shows its label as rich text (use plain.ask_text)")
        elif isinstance(func, ast.Name) and name in FORBIDDEN_CLASSES:
            out.append(f"{line}: {name}(...) outside plain.py (use plain.plain_label / plain.message_box)")
        elif name in RICH_CALLS:
            out.append(f"{line}: {name} interprets markup")
        elif name == "setTextFormat" and node.args and _name(node.args[0]) in ("RichText", "AutoText", "MarkdownText"):
            out.append(f"{line}: setTextFormat({_name(node.args[0])})")
        elif name in TIP_SETTERS and node.args and not _escaped(node.args[-1]):  # item.setToolTip(column, tip)
            out.append(f"{line}: {name} without plain.tooltip")
        elif owner == "QToolTip" and name == "showText" and len(node.args) > 1 and not _escaped(node.args[1]):
            out.append(f"{line}: QToolTip.showText without plain.tooltip")
        elif (name in ("setItemData", "setData") and any(_is_tooltip_role(a) for a in node.args)
              and not any(_escaped(a) for a in node.args)):
            out.append(f"{line}: {name}(..., ToolTipRole) without plain.tooltip")
    return out


def test_the_gui_builds_text_widgets_only_through_plain() -> None:
    found = []
    files = sorted(GUI.rglob("*.py"))
    assert len(files) > 30  # the whole package is read
    for path in files:
        if path == ALLOWED_FILE:
            continue
        found += problems_in(path.read_text(encoding="utf-8"), str(path.relative_to(GUI.parent.parent)))
    assert not found, "\n".join(found)


def test_the_rule_catches_each_kind_of_call() -> None:
    """The checker itself: each forbidden form is reported, the helpers are not."""
    bad = '''
from PySide6.QtWidgets import QMessageBox, QLabel, QInputDialog, QToolTip
QMessageBox.question(None, "t", name)
QMessageBox.warning(None, "t", name)
box = QMessageBox(QMessageBox.Icon.Information, "t", name)
QInputDialog.getText(None, "t", name)
label = QLabel(name)
widget.setToolTip(name)
widget.setToolTip(f"{name}")
widget.setWhatsThis(name)
QToolTip.showText(pos, name)
combo.setItemData(0, name, Qt.ItemDataRole.ToolTipRole)
label.setTextFormat(Qt.TextFormat.RichText)
edit.setHtml(name)
class Heading(QLabel):
    pass
item.setToolTip(0, name)
'''
    assert len(problems_in(bad, "bad.py")) == 14
    good = '''
from annotator.gui.common import plain
plain.ask(None, "t", name)
label = plain.plain_label(name)
widget.setToolTip(plain.tooltip(name))
widget.setToolTip("")
QToolTip.showText(pos, span_tooltip(spans, text))
combo.setItemData(0, plain.tooltip(name), Qt.ItemDataRole.ToolTipRole)
box = plain.message_box(None, plain.Icon.Warning, "t", name)
if box.exec() != QMessageBox.StandardButton.Yes:
    pass
item.setToolTip(1, plain.tooltip(name) if name else "")
class Plain(QLabel):
    def __init__(self):
        self.setTextFormat(Qt.TextFormat.PlainText)
'''
    assert problems_in(good, "good.py") == []
