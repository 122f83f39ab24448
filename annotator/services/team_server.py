"""A PostgreSQL team server: members with their own login roles, guarded by the server.

``provision`` (a manager, with an owner connection) turns a PostgreSQL project into a team
server (:mod:`annotator.storage.rls`): every member gets a login role and a generated
password, returned once to be handed over and never stored by the program; ``add``,
``remove`` and ``rotate_password`` manage members afterwards through the same code. Each
member then connects with their own role, and the server itself decides what that
connection may read and write; :func:`connected_user` says who a connection is.
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.errors import AnnotatorError
from annotator.core.values import Role
from annotator.services.project import Project
from annotator.storage import rls
from annotator.storage import team as team_store
from annotator.storage.database import begin_write
from annotator.storage.kinds import GOLD_OWNER


@dataclass(frozen=True)
class Credential:
    """A member's login: *password* is new (to hand over now, once) or None (unchanged)."""

    annotator: str
    login: str
    role: Role
    password: str | None


@dataclass(frozen=True)
class ProvisionReport:
    groups: list[str]
    members: list[Credential]


def provision(project: Project, *, documents: str | None = None, gold: str | None = None) -> ProvisionReport:
    """Groups, GRANTs and policies for the project, and a login for every member that has none
    (running it again changes nothing and prints no password). The gold's owner row is made
    here, so no member's connection ever needs to add an annotator row. *documents* and *gold*
    (``rls.DOCUMENT_CHOICES``, ``rls.GOLD_CHOICES``) not given keep what the project has."""
    with project.database.unit_of_work() as s:
        begin_write(s)
        names = rls.provision(s, documents=documents, gold=gold)
        team_store.gold_owner_id(s)
        have = {m.annotator for m in rls.logins(s)}
        made: list[Credential] = []
        for member in team_store.annotators(s):
            if member.name == GOLD_OWNER or member.name in have:
                continue
            login, password = rls.create_login(s, member.id, member.name, member.role)
            made.append(Credential(member.name, login, member.role, password))
    return ProvisionReport(names.groups, made)


def add(project: Project, name: str, role: Role) -> Credential:
    """A new member (or an existing annotator without a login) with a login role of *role*."""
    if name == GOLD_OWNER:
        raise AnnotatorError(f"{GOLD_OWNER!r} is reserved: it owns the gold and never logs in")
    rls.login_name(name)  # refused before anything is written
    with project.database.unit_of_work() as s:
        begin_write(s)
        ref = team_store.find_annotator(s, name)
        if ref is None:
            ref = team_store.add_annotator(s, name, role)
        elif ref.role is not role:
            team_store.set_role(s, ref.id, role)
        if any(m.annotator == name for m in rls.logins(s)):
            raise AnnotatorError(f"{name} is already a member of this team server (a new password: "
                                 f"annotator team password {name})")
        login, password = rls.create_login(s, ref.id, name, role)
    return Credential(name, login, role, password)


def remove(project: Project, name: str) -> tuple[str, bool]:
    """Take *name*'s login away (their work and their annotators row stay); returns (login, whether
    the role was dropped: False when another project on the server still has it)."""
    with project.database.unit_of_work() as s:
        begin_write(s)
        return rls.drop_login(s, name)


def rotate_password(project: Project, name: str) -> Credential:
    """A new generated password for *name* (the old one stops working at once)."""
    with project.database.unit_of_work() as s:
        login, password = rls.set_password(s, name)
        role = team_store.require_annotator(s, name).role
    return Credential(name, login, role, password)


def members(project: Project) -> list[Credential]:
    """Every member with a login (no passwords: the program never has them after handing them over)."""
    with project.database.unit_of_work() as s:
        return [Credential(m.annotator, m.login, m.role, None) for m in rls.logins(s)]


def connected_user(project: Project) -> str | None:
    """The annotator this project's connection logs in as, else None (an owner, a SQLite file):
    on a team server the program acts as that user, whatever name it is given."""
    if project.database.is_sqlite:
        return None
    with project.database.unit_of_work() as s:
        return rls.connected_member(s)
