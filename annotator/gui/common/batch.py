"""Several service commands run as one undoable step (no Qt).

"Tag all other mentions in the open documents" adds spans to several documents;
the annotator confirms once and undoes once. :class:`Batch` runs its commands in
order and, if one fails, undoes the ones already done before passing the error
on, so a failed batch leaves the project as it was. ``do`` and ``undo`` return a
tuple of the commands' ``Changed`` reports, which the controller applies one by one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.services.project import Changed, Project
from annotator.services.spans import Command
from annotator.storage.database import waiting_at_most


@dataclass
class Batch:
    commands: Sequence[Command]
    description: str

    @property
    def text(self) -> str:
        return self.description

    def do(self, project: Project) -> tuple[Changed, ...]:
        done: list[Command] = []
        out: list[Changed] = []
        try:
            for command in self.commands:
                out.append(command.do(project))
                done.append(command)
        except BaseException:
            # Taking back what was done must not give up after the window's short wait for a
            # locked database (undo.StepRunner): it waits as long as the command line does.
            with waiting_at_most(None):
                for command in reversed(done):
                    command.undo(project)
            raise
        return tuple(out)

    def undo(self, project: Project) -> tuple[Changed, ...]:
        return tuple(command.undo(project) for command in reversed(self.commands))
