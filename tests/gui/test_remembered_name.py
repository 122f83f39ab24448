"""The name the window remembers is the one the command line reads without Qt
(``services/identity.remembered_name``, issue 16 item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from annotator.gui import ANNOTATOR_ENV
from annotator.gui.app import ensure_application
from annotator.gui.common.settings import APPLICATION, ORGANISATION, Settings
from annotator.services import identity


def test_the_cli_reads_the_name_the_window_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANNOTATOR_USER", raising=False)
    ensure_application()
    q = QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION)
    settings = Settings(q)
    settings.annotator = "ليلى"
    q.sync()
    # Qt reads XDG_CONFIG_HOME once per process (the GUI tests' own home): the same folder for both here
    monkeypatch.setenv("XDG_CONFIG_HOME", str(Path(q.fileName()).parents[1]))
    try:
        assert Path(q.fileName()) == identity.settings_file()
        assert identity.remembered_name() == "ليلى" and identity.acting_name(None) == "ليلى"
    finally:
        settings.annotator = ""
        q.sync()
    assert ANNOTATOR_ENV == identity.ANNOTATOR_ENV
    assert (ORGANISATION, APPLICATION) == (identity.SETTINGS_ORGANISATION, identity.SETTINGS_APPLICATION)
