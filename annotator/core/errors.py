"""Errors that name the file and the place, for users to act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem with one input: where it is and what is wrong."""

    source: str
    message: str
    line: int | None = None
    byte: int | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f", line {self.line}"
        if self.byte is not None:
            where += f", byte {self.byte}"
        return f"{where}: {self.message}"


class AnnotatorError(Exception):
    """Base of the program's own errors; the message is meant for the user."""


class InputError(AnnotatorError):
    """Input that cannot be taken as it is; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class SchemaError(AnnotatorError):
    """A label schema that cannot be read."""


class DatabaseVersionError(AnnotatorError):
    """The database was written by a newer program, or cannot be upgraded."""


class NotFound(AnnotatorError):
    """A document, span or annotator that does not exist."""
