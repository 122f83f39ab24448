"""Annotators, roles, assignments, queues, progress, and blind work.

Roles: ``annotator`` (annotates what is assigned, sees only their own work),
``adjudicator`` (also builds gold; sees everyone's work), ``manager`` (assigns and
reads agreement; sees everyone's work). The name ``gold`` is reserved: it owns
every gold annotation set (see :mod:`annotator.services.adjudication`).

Blindness is enforced here, not only in widgets: :func:`visible_annotations` and
:class:`BlindView` never return another annotator's set to an annotator. An
annotator sees the gold of a document only once their own work on it is done (to
learn from the corrections without being led by them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from annotator.core import validation
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.values import Role, SetStatus, Span
from annotator.services.project import Project
from annotator.storage import annotation_sets as set_store
from annotator.storage import changelog
from annotator.storage import documents as document_store
from annotator.storage import kinds as set_kinds
from annotator.storage import team as team_store
from annotator.storage.database import UnitOfWork, begin_write
from annotator.storage.kinds import GOLD_OWNER
from annotator.storage.limits import LIMITS
from annotator.storage.team import AnnotatorRef

RESERVED_NAMES = frozenset({GOLD_OWNER})


class NotAllowed(AnnotatorError):
    """The viewer's role does not allow this (blind work, adjudication rights)."""


@dataclass(frozen=True)
class AnnotatorInfo:
    name: str
    role: Role
    created_at: datetime | None
    assigned: int = 0
    done: int = 0
    time_spent_seconds: int = 0


@dataclass(frozen=True)
class AssignReport:
    created: list[tuple[str, str]]  # (document id, annotator) newly assigned
    existing: list[tuple[str, str]]  # already assigned before


@dataclass(frozen=True)
class Progress:
    """One annotator's progress on one document (a cell of the manager's table)."""

    document_id: str
    annotator: str
    assigned: bool
    status: SetStatus
    time_spent_seconds: int
    spans: int


def parse_role(value: str | Role) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise AnnotatorError(f"unknown role {value!r}: use one of {', '.join(r.value for r in Role)}") from None


def _check_name(name: str) -> str:
    clean = name.strip()
    if not clean:
        raise AnnotatorError("an annotator needs a name")
    if clean != name:
        raise AnnotatorError(f"annotator name {name!r} starts or ends with spaces")
    if clean in RESERVED_NAMES:
        raise AnnotatorError(f"{clean!r} is reserved (it owns the gold annotations): choose another name")
    if "," in clean:
        raise AnnotatorError(f"annotator name {clean!r} contains a comma (commas separate names in --to)")
    problem = validation.id_problem("the annotator name", clean, LIMITS.annotator)  # what every database stores
    if problem:
        raise AnnotatorError(problem)
    return clean


# -- annotators and roles --------------------------------------------------------------

def add_annotator(project: Project, name: str, role: str | Role = Role.ANNOTATOR, *,
                  by: str | None = None) -> AnnotatorInfo:
    """Add an annotator with a role; an error if the name is taken or reserved. *by*: who added
    them (logged; :mod:`annotator.services.identity` checks they may)."""
    name = _check_name(name)
    the_role = parse_role(role)
    with project.database.unit_of_work() as s:
        begin_write(s)  # two managers adding the same name at once: the second is told it exists
        if team_store.find_annotator(s, name) is not None:
            raise AnnotatorError(f"there is already an annotator named {name!r} "
                                 f"(change a role with: annotator annotators role {name} ROLE)")
        ref = team_store.add_annotator(s, name, the_role)
        changelog.log_change(
            s, action="annotator.add", annotator=ref.id, payload={"name": name, "role": the_role.value, "by": by}
        )
        return AnnotatorInfo(name, the_role, ref.created_at)


def set_role(project: Project, name: str, role: str | Role, *, by: str | None = None) -> Role:
    """Change an annotator's role; returns the previous role. The log entry names the target
    (``name``) and who made the change (``by``: the acting user, checked by
    :func:`annotator.services.identity.manages`)."""
    the_role = parse_role(role)
    if name in RESERVED_NAMES:
        raise AnnotatorError(f"{name!r} is reserved and has no role to change")
    with project.database.unit_of_work() as s:
        who = team_store.require_annotator(s, name)
        before = who.role
        team_store.set_role(s, who.id, the_role)
        changelog.log_change(s, action="annotator.role", annotator=who.id,
                        payload={"name": name, "before": before.value, "after": the_role.value, "by": by})
    return before


def check_may_change(s: UnitOfWork, who: str | None, owners: Iterable[str]) -> None:
    """An annotator changes only their own spans: a change by *who* (an annotator) that would touch
    spans of any other *owners* (another annotator's, or gold's) is refused. Adjudicators and
    managers, and a change by nobody named, pass."""
    if who is None:
        return
    ref = team_store.find_annotator(s, who)
    if ref is None or ref.role is not Role.ANNOTATOR:
        return
    others = sorted({o for o in owners if o != who})
    if others:
        whose = ", ".join(f"{o}'s" for o in others)
        raise NotAllowed(f"{who} is an annotator: they change only their own spans, and this would change "
                         f"{whose} (an adjudicator or manager may)")


def role_of(project: Project, name: str) -> Role:
    if name in RESERVED_NAMES:
        raise NotFound(f"{name!r} is reserved: it is not a person")
    with project.database.unit_of_work() as s:
        return team_store.require_annotator(s, name).role


def list_annotators(project: Project) -> list[AnnotatorInfo]:
    """Every annotator (not the reserved gold owner) with assignment and progress counts."""
    with project.database.unit_of_work() as s:
        people = [a for a in team_store.annotators(s) if a.name not in RESERVED_NAMES]
        assigned: dict[str, int] = {}
        for _doc, name, _at, _by in team_store.assignments(s):
            assigned[name] = assigned.get(name, 0) + 1
        done: dict[str, int] = {}
        spent: dict[str, int] = {}
        for info in team_store.set_infos(s):
            spent[info.annotator] = spent.get(info.annotator, 0) + (info.time_spent_seconds or 0)
            if info.status == SetStatus.DONE.value:
                done[info.annotator] = done.get(info.annotator, 0) + 1
        return [AnnotatorInfo(a.name, a.role, a.created_at, assigned.get(a.name, 0), done.get(a.name, 0),
                              spent.get(a.name, 0)) for a in people]


# -- assignments and queues ---------------------------------------------------------------

def assign(project: Project, doc_ids: Sequence[str], annotators: Sequence[str], *,
           by: str | None = None) -> AssignReport:
    """Assign every document to every annotator (in one transaction; nothing if one is unknown)."""
    if not doc_ids or not annotators:
        raise AnnotatorError("name at least one document and one annotator")
    doc_ids = list(dict.fromkeys(doc_ids))
    with project.database.unit_of_work() as s:
        missing = sorted(set(doc_ids) - document_store.existing_document_ids(s, doc_ids))
        if missing:
            raise NotFound(f"no such document(s): {', '.join(missing)}")
        people: list[AnnotatorRef] = []
        for name in dict.fromkeys(annotators):
            if name in RESERVED_NAMES:
                raise AnnotatorError(f"{name!r} is reserved: documents are assigned to people")
            people.append(team_store.require_annotator(s, name))
        new = team_store.assign(s, doc_ids, [r.id for r in people], by)
        names = {r.id: r.name for r in people}
        created = [(d, names[a]) for d, a in new]
        created_set = set(created)
        existing = [(d, r.name) for d in doc_ids for r in people if (d, r.name) not in created_set]
        by_ref = team_store.find_annotator(s, by) if by else None
        by_id = by_ref.id if by_ref else None
        for d, a in new:
            changelog.log_change(s, action="assign", annotator=by_id, document_id=d,
                            payload={"annotator": names[a], "by": by})
    return AssignReport(created, existing)


def unassign(project: Project, doc_ids: Sequence[str], annotators: Sequence[str]) -> int:
    """Remove assignments (their annotations stay); returns how many were removed."""
    with project.database.unit_of_work() as s:
        people = [team_store.require_annotator(s, n) for n in dict.fromkeys(annotators)]
        n = team_store.unassign(s, list(doc_ids), [r.id for r in people])
        for d in doc_ids:
            changelog.log_change(s, action="unassign", annotator=None, document_id=d,
                            payload={"annotators": [r.name for r in people]})
    return n


def assignments(project: Project, doc_ids: Sequence[str] | None = None) -> dict[str, list[str]]:
    """Document id -> the annotators it is assigned to."""
    out: dict[str, list[str]] = {}
    with project.database.unit_of_work() as s:
        for doc, name, _at, _by in team_store.assignments(s, doc_ids):
            out.setdefault(doc, []).append(name)
    return out


def queue(project: Project, annotator: str) -> list[str]:
    """The annotator's assigned documents that are not done, oldest assignment first."""
    with project.database.unit_of_work() as s:
        who = team_store.require_annotator(s, annotator)
        docs = team_store.assigned_documents(s, who.id)
        status = {i.document_id: i.status for i in team_store.set_infos(s, docs, [annotator])}
    return [d for d in docs if status.get(d, SetStatus.NEW.value) != SetStatus.DONE.value]


def next_in_queue(project: Project, annotator: str, after: str | None = None) -> str | None:
    """The next document of the annotator's queue after *after* (wrapping), else None."""
    docs = queue(project, annotator)
    if not docs:
        return None
    if after in docs:
        i = docs.index(after)
        rest = docs[i + 1:] + docs[:i]
        return rest[0] if rest else None
    return docs[0]


def progress(project: Project, doc_ids: Sequence[str] | None = None,
             annotators: Sequence[str] | None = None) -> list[Progress]:
    """Status, time spent and span count per (document, annotator), for every
    assignment and every annotation set (assigned or not), in document then name order."""
    with project.database.unit_of_work() as s:
        infos = {(i.document_id, i.annotator): i for i in team_store.set_infos(s, doc_ids, annotators)}
        assigned = {(d, n) for d, n, _at, _by in team_store.assignments(s, doc_ids)
                    if annotators is None or n in annotators}
    out = []
    for d, n in sorted(set(infos) | assigned):
        if n in RESERVED_NAMES:
            continue
        info = infos.get((d, n))
        out.append(Progress(d, n, (d, n) in assigned, SetStatus(info.status) if info else SetStatus.NEW,
                            info.time_spent_seconds if info else 0, info.spans if info else 0))
    return out


def add_time_spent(project: Project, doc_id: str, annotator: str, seconds: float) -> int:
    """Add *seconds* to the annotator's time on the document (the GUI calls this while
    the document is open and the window active). Returns the new total in seconds.

    Not written to the change log: it is a measurement, not an edit.
    """
    if seconds < 0:
        raise AnnotatorError("time spent cannot go backwards")
    whole = round(seconds)
    with project.database.unit_of_work() as s:
        team_store.require_annotator(s, annotator)
        set_ref = set_store.get_or_create_set(s, doc_id, annotator)
        return team_store.add_time(s, set_ref.id, whole)


# -- blind work ----------------------------------------------------------------------------

@dataclass(frozen=True)
class VisibleSet:
    """An annotation set a viewer may see: the owner (``gold`` for gold), kind, status, spans."""

    owner: str
    kind: str
    status: SetStatus
    spans: list[Span]


def _viewer_role(s: UnitOfWork, viewer: str) -> Role:
    if viewer in RESERVED_NAMES:
        raise NotAllowed(f"{viewer!r} is reserved: it cannot view anything")
    return team_store.require_annotator(s, viewer).role


def can_see(project: Project, viewer: str, owner: str, doc_id: str, kind: str = set_kinds.ANNOTATION) -> bool:
    """The blind-work rule: may *viewer* see *owner*'s set of kind *kind* on *doc_id*?"""
    with project.database.unit_of_work() as s:
        return _can_see(s, viewer, owner, doc_id, kind)


def _can_see(s: UnitOfWork, viewer: str, owner: str, doc_id: str, kind: str) -> bool:
    role = _viewer_role(s, viewer)
    if role in (Role.ADJUDICATOR, Role.MANAGER):
        return True
    if kind == set_kinds.GOLD:
        own = set_store.find_set(s, doc_id, viewer)
        return own is not None and own.status == SetStatus.DONE
    return owner == viewer


def visible_annotations(project: Project, doc_id: str, viewer: str) -> list[VisibleSet]:
    """The annotation sets of *doc_id* that *viewer* may see, with their spans.

    An annotator gets their own set (empty if they have not started) and, once
    they marked the document done, its gold. Adjudicators and managers get every
    annotator's set and the gold.
    """
    with project.database.unit_of_work() as s:
        role = _viewer_role(s, viewer)
        document_store.get_document(s, doc_id)
        infos = team_store.set_infos(s, [doc_id], kinds=(set_kinds.ANNOTATION, set_kinds.GOLD))
        allowed = [i for i in infos if _can_see(s, viewer, i.annotator, doc_id, i.kind)]
        owners = [i.annotator for i in allowed]
        spans = (
            team_store.spans_by_set(s, doc_id, owners, kinds=(set_kinds.ANNOTATION, set_kinds.GOLD)) if owners else {}
        )
    out = [VisibleSet(i.annotator, i.kind, SetStatus(i.status), list(spans.get((i.annotator, i.kind), [])))
           for i in allowed]
    if role is Role.ANNOTATOR and not any(v.owner == viewer and v.kind == set_kinds.ANNOTATION for v in out):
        out.insert(0, VisibleSet(viewer, set_kinds.ANNOTATION, SetStatus.NEW, []))
    return out


class BlindView:
    """A session as one person: every read goes through the blind-work rule.

    The annotation window of an annotator reads through this, so no query it makes
    can return another annotator's set.
    """

    def __init__(self, project: Project, viewer: str) -> None:
        with project.database.unit_of_work() as s:
            self.role = _viewer_role(s, viewer)
        self.project = project
        self.viewer = viewer

    @property
    def is_blind(self) -> bool:
        """True for annotators: the window should say that others' work is hidden."""
        return self.role is Role.ANNOTATOR

    def documents(self) -> list[str]:
        """An annotator's assigned documents (queue order, done ones included); all for others."""
        if self.is_blind:
            with self.project.database.unit_of_work() as s:
                return team_store.assigned_documents(s, team_store.require_annotator(s, self.viewer).id)
        return [d.id for d in self.project.documents()]

    def queue(self) -> list[str]:
        return queue(self.project, self.viewer)

    def sets(self, doc_id: str) -> list[VisibleSet]:
        return visible_annotations(self.project, doc_id, self.viewer)

    def spans(self, doc_id: str, owner: str, kind: str = set_kinds.ANNOTATION) -> list[Span]:
        """*owner*'s spans of the document, if the viewer may see them; else NotAllowed."""
        with self.project.database.unit_of_work() as s:
            if not _can_see(s, self.viewer, owner, doc_id, kind):
                raise NotAllowed(f"{self.viewer} cannot see {owner}'s annotations of {doc_id} while annotating blind")
            found = team_store.spans_by_set(s, doc_id, [owner], kinds=(kind,))
        return list(found.get((owner, kind), []))

    def annotators_of(self, doc_id: str) -> list[str]:
        """Whose sets of the document the viewer may know about (only themselves, if blind)."""
        return [v.owner for v in self.sets(doc_id) if v.kind == set_kinds.ANNOTATION]
