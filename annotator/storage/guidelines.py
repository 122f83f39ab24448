"""The project's guidelines document, kept as a project setting (Markdown text)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from annotator.storage.tables import ProjectSetting

KEY = "guidelines"


def guidelines(session: Session) -> str:
    """The guidelines document ("" when the project has none)."""
    row = session.get(ProjectSetting, KEY)
    return row.value if row is not None else ""


def set_guidelines(session: Session, text: str) -> str:
    """Keep *text* as the guidelines (empty: none); returns what was there before."""
    row = session.get(ProjectSetting, KEY)
    before = row.value if row is not None else ""
    if not text:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(ProjectSetting(key=KEY, value=text))
    else:
        row.value = text
    return before
