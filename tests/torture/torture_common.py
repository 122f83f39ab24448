"""What the torture scripts share: where the project lives (a fresh SQLite file, or a
PostgreSQL database emptied first), the environment of the processes they kill, and
the one summary line each prints.

``--db-url`` takes ``sqlite`` (the default: a new file in a temporary folder for each
project) or a PostgreSQL URL, whose ``public`` schema is DROPPED and recreated for each
project: give it a throwaway database.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BAD = ("traceback", "wrong", "lost", "duplicates")


def child_env() -> dict[str, str]:
    """The environment of a child process: this checkout's ``annotator`` first."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    return env


def is_postgres(db_url: str | None) -> bool:
    return bool(db_url) and not str(db_url).startswith("sqlite")


def fresh_url(db_url: str | None, folder: Path, name: str = "project.sqlite") -> str:
    """A URL of an empty project: a new SQLite file in *folder*, or *db_url* (PostgreSQL) emptied."""
    if not is_postgres(db_url):
        path = folder / name
        for p in folder.glob(name + "*"):
            p.unlink()
        return f"sqlite:///{path}"
    from tests.conftest import fresh_postgres

    return fresh_postgres(str(db_url))


def backend(db_url: str | None) -> str:
    return "postgresql" if is_postgres(db_url) else "sqlite"


@dataclass
class Counts:
    """The counts every script prints; ``extra`` holds what only one script counts."""

    name: str
    tried: int = 0
    refused: int = 0      # refused cleanly: an error message, nothing stored
    traceback: int = 0
    wrong: int = 0        # data stored that is not what was asked for
    lost: int = 0         # something acknowledged that is not there
    duplicates: int = 0
    extra: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def bad(self) -> int:
        return self.traceback + self.wrong + self.lost + self.duplicates

    def problem(self, kind: str, text: str) -> None:
        setattr(self, kind, getattr(self, kind) + 1)
        self.problems.append(f"{kind}: {text}")

    def line(self, db_url: str | None = None) -> str:
        extra = "".join(f" / {k} {v}" for k, v in self.extra.items())
        return (f"{self.name} [{backend(db_url)}]: tried {self.tried} / refused cleanly {self.refused} / "
                f"traceback {self.traceback} / wrong data stored {self.wrong} / lost {self.lost} / "
                f"duplicates {self.duplicates}{extra}")


def report(counts: Counts, db_url: str | None, verbose: bool = True) -> int:
    """Print the summary line (and the first problems); 1 unless the bad counts are 0."""
    print(counts.line(db_url), flush=True)
    if verbose:
        for p in counts.problems[:20]:
            print("  " + p.replace("\n", "\n    "))
    return 1 if counts.bad() else 0


def add_arguments(parser, runs: int) -> None:  # type: ignore[no-untyped-def]
    parser.add_argument("--runs", type=int, default=runs, help=f"how many (default {runs}, the full size)")
    parser.add_argument("--db-url", default=os.environ.get("TORTURE_DB_URL", "sqlite"),
                        help="sqlite (default) or a PostgreSQL URL whose public schema may be dropped")
    parser.add_argument("--seed", type=int, default=0)
