"""The parts of the annotation window see it through narrow interfaces.

``RelationsLinksEntitiesUi`` and ``TeamUi`` (with its ``TimeTracker``) get the window twice:
as a Qt main window (where docks and messages go, the parent of their dialogs) and as a
host typed by a Protocol listing exactly what they ask of it. This reads their source
(ast): everything they use of the window is a QMainWindow method, everything they use of
the host is declared in its Protocol, and nothing private of either is touched.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow

from annotator.gui.annotation.relations_links_entities import RelationsLinksEntitiesUi, RelationsLinksHost
from annotator.gui.annotation.window import MainWindow
from annotator.gui.team.team_ui import TeamHost, TeamUi, TimeTracker


def used_of(cls: type, name: str) -> set[str]:
    """The attributes the class reads of ``self.<name>`` or of its ``<name>`` parameter."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    used = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        if (isinstance(owner, ast.Name) and owner.id == name) or (
                isinstance(owner, ast.Attribute) and owner.attr == name
                and isinstance(owner.value, ast.Name) and owner.value.id == "self"):
            used.add(node.attr)
    return used


def declared(protocol: Any) -> set[str]:
    return set(protocol.__annotations__) | {
        k for k, v in vars(protocol).items() if callable(v) and not k.startswith("_")
    }


@pytest.mark.parametrize(("part", "host"), [(RelationsLinksEntitiesUi, RelationsLinksHost), (TeamUi, TeamHost),
                                            (TimeTracker, TeamHost)])
def test_a_window_part_uses_only_its_protocol_and_qt(part: type, host: Any) -> None:
    of_host = used_of(part, "host")
    assert of_host, "the part reads the window through its host"
    assert of_host <= declared(host), f"{part.__name__} uses {of_host - declared(host)} not in {host.__name__}"
    of_window = used_of(part, "window")
    assert all(hasattr(QMainWindow, a) for a in of_window), \
        f"{part.__name__} uses {sorted(a for a in of_window if not hasattr(QMainWindow, a))} of the window"
    assert not any(a.startswith("_") for a in of_host | of_window)


@pytest.mark.parametrize("host", [RelationsLinksHost, TeamHost])
def test_the_main_window_provides_every_host_member(host: Any) -> None:
    """What a Protocol lists, MainWindow has (methods on the class, attributes set in __init__)."""
    init = inspect.getsource(MainWindow.__init__)
    for name in declared(host):
        assert hasattr(MainWindow, name) or f"self.{name} =" in init, name
