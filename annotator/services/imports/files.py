"""The files of an import: which ones a path names, and what they hold, checked before
anything is written (documents, spans, relations; the project files beside JSONL)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from annotator.core import validation
from annotator.core.errors import InputError, Problem
from annotator.core.values import Entity, IncomingDocument, Link
from annotator.formats import readers
from annotator.services import sidecar
from annotator.services.project import Project
from annotator.storage import entities as entity_store
from annotator.storage.limits import LIMITS


def expand_paths(paths: Sequence[Path], format: str | None = None) -> tuple[list[Path], list[Problem]]:
    """Files to read: given files, and files of a known suffix found in folders
    (recursively); with *format* only that import format's suffixes are known."""
    known = readers(format)
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in known
                                and not sidecar.is_sidecar(p)))
        elif path.is_file():
            if sidecar.is_sidecar(path):
                problems.append(Problem(str(path), "this is the project file (entities and links) of a JSONL export: "
                                                   "import the .jsonl file beside it, which reads it too"))
            elif path.suffix.lower() in known:
                files.append(path)
            else:
                problems.append(Problem(str(path), f"unsupported file type {path.suffix or '(none)'}: "
                                                   f"use {', '.join(sorted(known))}"))
        else:
            problems.append(Problem(str(path), "no such file or folder"))
    return files, problems


#: how an import reports how far it is: (phase, done, total); phases "reading" (files read
#: and checked) and "writing" (documents written)
Progress = Callable[[str, int, int], None]


def read_files(files: Sequence[Path], project: Project, entities: Iterable[str] = (),
               format: str | None = None,
               progress: Progress | None = None) -> tuple[dict[str, list[IncomingDocument]], list[Problem]]:
    """Read *files* (as import *format*, else by suffix) and put every document through
    :func:`check_documents`; a file with a problem is left out of what is returned and
    its problems listed."""
    known = readers(format)
    good: dict[str, list[IncomingDocument]] = {}
    problems: list[Problem] = []
    for i, f in enumerate(files, 1):
        try:
            good[str(f)] = known[f.suffix.lower()](f, project.schema)
        except InputError as exc:
            problems.extend(exc.problems)
        if progress is not None:
            progress("reading", i, len(files))
    bad = check_documents(good, project, entities)
    for source in {p.source for p in bad}:
        good.pop(source, None)
    problems.extend(bad)
    return good, problems


def check_sidecars(sidecars: Mapping[Path, tuple[Sequence[Entity], Sequence[Link]]],
                   project: Project) -> list[Problem]:
    """Entities and links of project files: ids within the database's limits, names that
    are Unicode text, and the window's link check (type; two documents)."""
    problems: list[Problem] = []
    for path, (entities, links) in sidecars.items():
        for i, e in enumerate(entities):
            problem = validation.id_problem("the entity id", e.id, LIMITS.entity_id) or next(
                (f"the name or an alias {p}" for p in map(validation.string_problem, (e.name, *e.aliases)) if p), None)
            if problem:
                problems.append(Problem(str(path), f"entities[{i}] ({e.id!r}): {problem}"))
        for i, link in enumerate(links):
            problem = (validation.id_problem("the link id", link.id, LIMITS.link_id)
                       or validation.id_problem("the source document id", link.source_doc, LIMITS.document_id)
                       or validation.id_problem("the target document id", link.target_doc, LIMITS.document_id)
                       or validation.id_problem("the source span id", link.source_span, LIMITS.span_id)
                       or validation.id_problem("the target span id", link.target_span, LIMITS.span_id)
                       or validation.link_problem(project.schema, link, None, None))
            if problem:
                problems.append(Problem(str(path), f"links[{i}] ({link.id!r}): {problem}"))
    return problems


def check_documents(by_file: Mapping[str, Sequence[IncomingDocument]], project: Project,
                    entities: Iterable[str] = (), several: Mapping[str, bool] | None = None,
                    spans_checked: bool = False) -> list[Problem]:
    """The window's checks on every document, span, attribute and relation read
    (:func:`annotator.core.validation.document_problems`), with the database's limits on
    ids. An entity id is known if it is in the project or among *entities* (those a
    project file of this import brings; a set passed here also learns the project's ones
    it looked up). Problems name the file, the line when the format has lines, the
    document (when its file holds several: *several* says so for a file given in parts,
    else the documents given count) and the item. *spans_checked*: the reader checked
    the spans' labels, ranges and edges already (:func:`annotator.formats.jsonl.stream`)."""
    referenced = validation.entity_ids((d for docs in by_file.values() for d in docs), project.schema)
    known = entities if isinstance(entities, set) else set(entities)
    if referenced - known:
        with project.database.unit_of_work() as s:
            known |= {e for e in referenced - known if entity_store.find_entity(s, e) is not None}
    problems: list[Problem] = []
    for source, docs in by_file.items():
        many = several[source] if several is not None and source in several else len(docs) > 1
        for doc in docs:
            for p in validation.document_problems(project.schema, doc, LIMITS, known.__contains__, spans_checked):
                line = doc.lines.get(p.key) if p.key else None
                line = line if line is not None else doc.lines.get("")
                name = f"document {doc.id!r}" if p.key or many else ""
                message = ", ".join(x for x in (name, p.item) if x)
                problems.append(Problem(source, f"{message}: {p.message}" if message else p.message, line=line))
    return problems
