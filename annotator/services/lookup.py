"""Refuse unknown annotator names and document ids, naming the close matches.

Every command that takes names or ids checks them here before it reads anything,
so a typo is an error ("no annotator 'bbo' (did you mean: bob?)") and never an
empty result that looks like a true answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from difflib import get_close_matches

from annotator.core.errors import NotFound
from annotator.services.project import Project
from annotator.storage import documents as document_store
from annotator.storage.kinds import GOLD_OWNER

#: Up to this many known names are listed when none is close to the one given.
LIST_AT_MOST = 12
ADD_ANNOTATOR = "annotator annotators add {} --role annotator"


class UnknownName(NotFound):
    """An annotator name or a document id that the project does not hold."""


def _one(kind: str, wanted: str, known: Sequence[str], plural: str, add: str | None) -> str:
    if kind == "annotator" and wanted == GOLD_OWNER:
        return f"{GOLD_OWNER!r} is reserved for the adjudicated gold: it is not a person"
    close = get_close_matches(wanted, known, n=3, cutoff=0.6)
    if close:
        return f"no {kind} {wanted!r} (did you mean: {', '.join(close)}?)"
    how = f"; add one with: {add.format(wanted)}" if add else ""
    if not known:
        return f"no {kind} {wanted!r} (the project has no {plural} yet{how})"
    if len(known) <= LIST_AT_MOST:
        return f"no {kind} {wanted!r} ({plural}: {', '.join(known)}{how})"
    return f"no {kind} {wanted!r} (none of the project's {len(known)} {plural} is close{how})"


def _refuse(kind: str, missing: Sequence[str], known: Sequence[str], plural: str, add: str | None) -> UnknownName:
    return UnknownName("; ".join(_one(kind, m, known, plural, add) for m in missing))


def require_annotators(project: Project, names: Iterable[str], *, also: Iterable[str] = (),
                       person: bool = False) -> list[str]:
    """*names* without duplicates, in the order given; UnknownName naming every one that
    is not an annotator of the project (with the close matches).

    *also* lists other words the caller accepts (``gold``, ``all``); they are accepted
    whether or not the project has them yet (the caller says what is missing), and
    suggested for typos. The name ``gold`` is a person's name only when *also* has it.
    *person*: the name is someone acting or being given work, so a name that is not
    close to any says how to add it.
    """
    wanted = list(dict.fromkeys(names))
    extra = list(dict.fromkeys(also))
    people = [n for n in project.annotators() if n != GOLD_OWNER]
    accepted = set(people) | set(extra)
    missing = [n for n in wanted if n not in accepted]
    if missing:
        raise _refuse("annotator", missing, [*people, *extra], "annotators",
                      ADD_ANNOTATOR if person else None)
    return wanted


def require_annotator(project: Project, name: str, *, also: Iterable[str] = (), person: bool = False) -> str:
    """:func:`require_annotators` for one name."""
    return require_annotators(project, [name], also=also, person=person)[0]


def require_documents(project: Project, doc_ids: Iterable[str]) -> list[str]:
    """*doc_ids* without duplicates, in the order given; UnknownName naming every id that
    is not a document of the project (with the close matches)."""
    wanted = list(dict.fromkeys(doc_ids))
    if not wanted:
        return wanted
    with project.database.unit_of_work() as s:
        found = document_store.existing_document_ids(s, wanted)
    missing = [d for d in wanted if d not in found]
    if missing:
        known = [d.id for d in project.documents()]
        raise _refuse("document", missing, known, "documents", None)
    return wanted


def require_document(project: Project, doc_id: str) -> str:
    """:func:`require_documents` for one id."""
    return require_documents(project, [doc_id])[0]
