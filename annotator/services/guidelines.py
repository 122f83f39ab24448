"""The project's guidelines document: read it, replace it (one logged, undoable step).

Who may change it: when the project has a manager, managers only (the guidelines are the
study's rules); in a project without one (a single annotator's), anyone. The change log
entry keeps the text before and after, so the previous guidelines are never lost.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.errors import AnnotatorError
from annotator.core.guidelines import MAX_GUIDELINES
from annotator.core.text import normalise_text
from annotator.core.values import Role
from annotator.services.project import Project
from annotator.services.team import NotAllowed
from annotator.storage import changelog
from annotator.storage import guidelines as guideline_store
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork
from annotator.storage.kinds import GOLD_OWNER


class GuidelinesRefused(AnnotatorError):
    """Guidelines text the project cannot keep (too long)."""


def guidelines(project: Project) -> str:
    """The project's guidelines (Markdown; "" when it has none)."""
    with project.database.unit_of_work() as s:
        return guideline_store.guidelines(s)


def _check_may_change(s: UnitOfWork, who: str | None) -> int | None:
    """The change log's id of *who*, after the rule (managers only, once there is one)."""
    people = [a for a in team_store.annotators(s) if a.name != GOLD_OWNER]
    managers = {a.name for a in people if a.role is Role.MANAGER}
    if managers and who not in managers:
        raise NotAllowed(f"only a manager ({', '.join(sorted(managers))}) may change the project's guidelines"
                         + (f", not {who}" if who else ": say who you are with --as"))
    return team_store.annotator_id(s, who) if who else None


@dataclass
class SetGuidelines:
    """Replace the guidelines with *text* (Markdown; "" removes them)."""

    text: str
    annotator: str | None
    _before: str | None = None

    @property
    def label(self) -> str:
        return "Set the guidelines"

    def _write(self, project: Project, text: str, action: str) -> None:
        with project.database.unit_of_work() as s:
            who = _check_may_change(s, self.annotator)
            before = guideline_store.set_guidelines(s, text)
            if self._before is None:
                self._before = before
            changelog.log_change(s, action=action, annotator=who, payload={"before": before, "after": text})

    def do(self, project: Project) -> None:
        text = normalise_text(self.text)
        if len(text) > MAX_GUIDELINES:
            raise GuidelinesRefused(f"guidelines of {len(text):,} characters: at most {MAX_GUIDELINES:,} are kept")
        self.text = text
        self._write(project, text, "guidelines.set")

    def undo(self, project: Project) -> None:
        assert self._before is not None, "undo before do"
        self._write(project, self._before, "undo.guidelines.set")
