"""Who is acting, and what their role lets them do, for every command (CLI and window alike).

A SQLite file is one trust domain: whoever can open the file can read it. Within it the
program applies each user's role. The acting user is ``--as NAME``, else
``$ANNOTATOR_USER``, else the name the window remembers (its settings file, read here
without Qt), else nobody.

The rules (each refusal is a :class:`~annotator.services.team.NotAllowed`, one line
naming the rule, exit status 2 in the CLI, nothing written):

- an annotator annotates blind: another annotator's spans, and figures made from them
  (agreement, counts), are hidden from them; gold only where :func:`team.can_see` allows;
- once a project has a manager, only a manager adds people or changes roles; before that
  (a project being set up) anyone may, and the first person named with ``--as`` on a project
  with nobody in it (``annotators add``, ``import``) becomes its manager (:func:`first_manager`);
- an annotator may change only their own spans (entity merges and renames that would touch
  another annotator's or gold's spans are refused).

With no acting user the file is read as it is today (one person working alone): the rules
need a name to apply to.
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass
from pathlib import Path

from annotator.core.values import Role
from annotator.services.lookup import require_annotator
from annotator.services.project import Project
from annotator.services.team import RESERVED_NAMES, NotAllowed
from annotator.storage import changelog
from annotator.storage import team as team_store
from annotator.storage.database import begin_write

ANNOTATOR_ENV = "ANNOTATOR_USER"
SETTINGS_ORGANISATION = "annotator"  # gui/common/settings.py: ORGANISATION and APPLICATION
SETTINGS_APPLICATION = "annotator"
GOLD = "gold"


def settings_file() -> Path:
    """Where Qt keeps the window's settings on Linux and other XDG systems (QSettings' INI file)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / SETTINGS_ORGANISATION / f"{SETTINGS_APPLICATION}.conf"


def remembered_name() -> str | None:
    """The annotator name the window remembers ("annotator/name"), or None (also when unreadable)."""
    path = settings_file()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error, UnicodeDecodeError):
        return None
    name = parser.get("annotator", "name", fallback="").strip()
    return name or None


def acting_name(given: str | None) -> str | None:
    """``--as`` NAME, else $ANNOTATOR_USER, else the remembered name, else None."""
    for name in (given, os.environ.get(ANNOTATOR_ENV), remembered_name()):
        if name and name.strip():
            return name.strip()
    return None


@dataclass(frozen=True)
class Actor:
    """The acting user of one command: their name and role (None: nobody named, or a project
    without people, where the rules have no one to apply to)."""

    name: str | None
    role: Role | None

    @property
    def is_blind(self) -> bool:
        return self.role is Role.ANNOTATOR

    def may_see_others(self, what: str) -> None:
        """Refuse *what* (figures or listings made from others' work) to a blind annotator."""
        if self.is_blind:
            raise NotAllowed(f"{self.name} annotates blind: {what} use other annotators' work, hidden from them")

    def may_see(self, owner: str) -> None:
        """Refuse *owner*'s spans (another annotator's, or all) to a blind annotator."""
        if self.is_blind and owner != self.name:
            whose = "every annotator's spans" if owner == "all" else (
                "gold spans (shown per document once their own work on it is done, in the window)"
                if owner == GOLD else f"another annotator's spans ({owner}'s)")
            raise NotAllowed(f"{self.name} annotates blind: {whose} are hidden from them")

    def may_change(self, owners: set[str]) -> None:
        """Refuse an annotator a change that would touch spans of anyone else (gold included)."""
        if self.role is Role.ANNOTATOR:
            others = sorted(o for o in owners if o != self.name)
            if others:
                whose = ", ".join(f"{o}'s" for o in others)
                raise NotAllowed(f"{self.name} is an annotator: they change only their own spans, and this would "
                                 f"change {whose} (an adjudicator or manager may)")


def _who_acts(project: Project, given: str | None) -> str | None:
    """:func:`acting_name`, except on a team server, where the connection's login decides who
    acts: a name given that is not the login is refused."""
    name = acting_name(given)
    if not project.database.is_sqlite:
        from annotator.services.team_server import connected_user

        member = connected_user(project)
        if member is not None:
            if given is not None and given.strip() != member:
                raise NotAllowed(f"this connection logs in as {member}: it acts as {member}, not as {given.strip()} "
                                 "(connect with their own login to act as them)")
            name = member
    return name


def actor(project: Project, given: str | None) -> Actor:
    """The acting user of a command on *project*: a known person with a role, or an error naming them.

    Nobody named, or a project without people: an :class:`Actor` without a role (no rule applies).
    """
    name = _who_acts(project, given)
    with project.database.unit_of_work() as s:
        people = [a for a in team_store.annotators(s) if a.name not in RESERVED_NAMES]
        if name is None or not people:
            return Actor(name, None)
        if name in RESERVED_NAMES:
            raise NotAllowed(f"{name!r} is reserved (it owns the gold annotations): it cannot act")
        found = next((a for a in people if a.name == name), None)
    if found is None:
        require_annotator(project, name, person=True)  # the unknown name, with the close matches
    assert found is not None
    return Actor(name, found.role)


def acting_member(project: Project, given: str | None) -> str | None:
    """The name a command acts as: the acting user when the project has people (a member, else
    refused with the close matches); in a project without people, *given* if it names a member
    (``--as``), else None (one person working alone, as before)."""
    me = actor(project, given)
    if me.role is not None:
        return me.name
    return None if given is None else require_annotator(project, given, person=True)


def manages(project: Project, given: str | None, what: str) -> Actor:
    """The acting user, who must be a manager once the project has one (*what*: the change refused)."""
    name = _who_acts(project, given)
    with project.database.unit_of_work() as s:
        people = [a for a in team_store.annotators(s) if a.name not in RESERVED_NAMES]
    if not any(a.role is Role.MANAGER for a in people):
        who = next((a for a in people if a.name == name), None)
        return Actor(name, who.role if who else None)
    if name is None:
        raise NotAllowed(f"only a manager may {what}: say who is acting with --as NAME (or ANNOTATOR_USER)")
    who = next((a for a in people if a.name == name), None)
    if who is None:
        require_annotator(project, name, person=True)  # the unknown name, with the close matches
    assert who is not None
    if who.role is not Role.MANAGER:
        raise NotAllowed(f"{name} is {_article(who.role)} {who.role.value}: only a manager may {what}")
    return Actor(name, who.role)


def _article(role: Role) -> str:
    return "an" if role.value[0] in "aeiou" else "a"


def first_manager(project: Project, given: str | None) -> bool:
    """The first user of a new project becomes its manager: when nobody is in the project yet and
    an acting user is named with ``--as`` (*given*; $ANNOTATOR_USER or the remembered name alone
    never make anyone a member), they are added as its manager (logged). True if they were added."""
    name = given.strip() if given else None
    if not name or name in RESERVED_NAMES:
        return False
    with project.database.unit_of_work() as s:
        begin_write(s)
        if any(a.name not in RESERVED_NAMES for a in team_store.annotators(s)):
            return False
        ref = team_store.add_annotator(s, name, Role.MANAGER)
        changelog.log_change(s, action="annotator.add", annotator=ref.id,
                             payload={"name": name, "role": Role.MANAGER.value, "by": name, "first": True})
    return True


def gold_documents_for(project: Project, name: str, doc_ids: list[str]) -> list[str]:
    """The documents whose gold a blind annotator *name* may export: those they have marked
    done (of *doc_ids*, or all of them); refused, naming them, for any other asked for."""
    from annotator.core.values import DocumentQuery, SetStatus

    done = project.document_ids(DocumentQuery(annotator=name, status=SetStatus.DONE))
    if doc_ids:
        others = [d for d in doc_ids if d not in set(done)]
        if others:
            raise NotAllowed(f"{name} annotates blind: the gold of {', '.join(others)} is shown once their own work "
                             "on it is marked done")
        return doc_ids
    if not done:
        raise NotAllowed(f"{name} annotates blind: gold is shown per document once their own work on it is marked "
                         "done, and they have marked none done")
    return done
