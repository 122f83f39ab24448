"""Export datasets: the one service the command line and the GUI's Export dialog call.

``export_dataset(project, out, options, progress)`` writes a folder: the files of one
format (per split, per annotation source), and ``manifest.json``. Everything is written
into a temporary folder beside *out* and renamed into place at the end, so a failed or
cancelled export leaves no half-written set (and an existing *out* is only replaced with
``force``). ``plan_export`` computes the same selection and split without writing, for a
dialog to show the counts first. ``export_jsonl`` writes the canonical JSONL to one file.

Reading is a handful of bulk queries streamed in document order (storage/export.py),
never one query per document.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from annotator.core.dataset import DatasetDocument, ExportLog, RelationRecord
from annotator.core.errors import AnnotatorError
from annotator.core.splits import Group, SplitResult, SplitSpecError, assign_splits, check_ratios, outlet_of
from annotator.core.values import SetStatus, Span
from annotator.formats import EXPORTERS, exporter, jsonl
from annotator.formats.base import UNSPLIT, KnownAhead, ProjectData, WriterSettings, safe_file_stem
from annotator.formats.jsonl_dataset import SIDECAR_SUFFIX, record
from annotator.services.export import atomic
from annotator.services.export.atomic import Notice
from annotator.services.export.manifest import build_manifest, write_manifest
from annotator.services.export.rules import ALL, GOLD, GROUP_BY
from annotator.services.lookup import require_annotator, require_documents
from annotator.services.project import Project
from annotator.storage import export as xr
from annotator.storage.database import UnitOfWork

Progress = Callable[[int, int], None]


class ExportError(AnnotatorError):
    pass


class ExportCancelled(ExportError):
    """Raise this from a progress callback to stop an export; nothing is written."""


#: What every export says, folder or file, when the project holds no document at all.
NOTHING_IN_PROJECT = "nothing to export: the project has no documents (import some with: annotator import PATH)"


def _nothing_to_export(project: Project, otherwise: str) -> ExportError:
    """The error for an export that would write nothing: the same words for a folder and a
    file when the project is empty (asked only when failing, never on the way to success)."""
    return ExportError(otherwise if project.documents() else NOTHING_IN_PROJECT)


@dataclass
class ExportOptions:
    """What to export and how; the defaults are those of ``annotator export``.

    ``source``: ``"gold"`` (adjudicated sets), an annotator's name, ``"all"`` (every
    annotator's sets and gold, each in its own folder), or None: gold when the project
    has gold sets, else the only annotator who has spans.
    """

    format: str = "jsonl"
    source: str | None = None
    documents: Sequence[str] | None = None
    status: str | None = None
    split: Mapping[str, float] | None = None
    seed: int = 0
    by: str = "document"
    scheme: str = "iob2"
    layer: str = "outermost"
    force: bool = False
    command: Sequence[str] | None = None


@dataclass
class SourcePlan:
    """One annotation source of an export: whose sets, and where its files go."""

    name: str
    folder: str
    filter: xr.SetFilter
    sets: dict[str, xr.SetRef]  # document id -> the set exported
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # document id -> spans per label


@dataclass
class ExportPlan:
    """The selection and split of an export, computed without writing anything."""

    sources: list[SourcePlan]
    documents: list[str]
    split_names: tuple[str, ...]
    split_of: dict[str, str]
    split: SplitResult | None
    label_counts: dict[str, Counter[str]]
    outlet_rules: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def documents_per_split(self) -> dict[str, int]:
        counts = Counter(self.split_of.values())
        return {s: counts.get(s, 0) for s in self.split_names}


@dataclass
class ExportResult:
    path: Path
    format: str
    documents: dict[str, int]
    spans: int
    dropped: int
    manifest: dict[str, Any]


def describe_formats() -> dict[str, str]:
    """Export format name -> the first line of its module's description (for a dialog)."""
    out = {}
    for name in EXPORTERS:
        doc = (exporter(name).__doc__ or name).strip()
        out[name] = doc.split("\n\n")[0].replace("\n", " ").replace("``", "")
    return out


# -- planning ----------------------------------------------------------------------

def _check_options(options: ExportOptions) -> None:
    if options.format not in EXPORTERS:
        raise ExportError(f"unknown format {options.format!r} (use {', '.join(EXPORTERS)})")
    if options.status is not None and options.status not in {s.value for s in SetStatus}:
        raise ExportError(f"unknown status {options.status!r} (use new, in_progress, done)")
    if options.by not in GROUP_BY:
        raise ExportError(f"--group-by must be document or source, not {options.by!r}")
    if options.scheme not in ("iob2", "bioes"):
        raise ExportError(f"--scheme must be iob2 or bioes, not {options.scheme!r}")
    if options.layer not in ("outermost", "innermost", "per-label"):
        raise ExportError(f"--layer must be outermost, innermost or per-label, not {options.layer!r}")
    if options.split is not None:
        try:
            check_ratios(options.split)
        except SplitSpecError as exc:
            raise ExportError(f"--split: {exc}") from None
        if UNSPLIT in options.split:
            raise ExportError(f"--split: {UNSPLIT!r} names the whole of an export without --split; choose another name")


def _sources(project: Project, options: ExportOptions, *, to_file: bool = False) -> list[tuple[str, str, xr.SetFilter]]:
    """Whose sets an export takes: (name, folder, filter) per source. The one rule for
    folders and for a single file (*to_file*: no ``all``; nobody with spans gives [], the
    documents without spans)."""
    docs = tuple(options.documents) if options.documents is not None else None
    if options.source is not None:
        require_annotator(project, options.source, also=[GOLD] if to_file else [GOLD, ALL])
    with project.database.unit_of_work() as s:
        has_gold = xr.gold_set_count(s) > 0
        people = xr.annotators_with_spans(s)
    gold = (GOLD, GOLD, xr.SetFilter(kind=xr.GOLD, documents=docs, status=options.status))

    def person(name: str) -> tuple[str, str, xr.SetFilter]:
        return name, "", xr.SetFilter(kind=xr.ANNOTATION, annotator=name, documents=docs, status=options.status)

    if options.source == ALL:
        out = [gold] if has_gold else []
        taken: set[str] = set()
        out += [(n, "annotators/" + safe_file_stem(n, taken), person(n)[2]) for n in people]
        if not out:
            raise _nothing_to_export(project, "nothing to export: no annotator has spans and there is no gold")
        return out
    if options.source == GOLD:
        if not has_gold:
            raise ExportError("this project has no gold sets yet (adjudicate first), or choose --source NAME")
        return [(GOLD, "", gold[2])]
    if options.source is not None:
        return [person(options.source)]
    if has_gold:
        return [(GOLD, "", gold[2])]
    if len(people) > 1:
        raise ExportError(f"several annotators have spans ({', '.join(people)}) and there is no gold: choose one "
                          "with --source NAME" + ("" if to_file else ", or --source all"))
    if not people:
        if to_file:
            return []
        raise _nothing_to_export(project, "nothing to export: no annotator has spans (choose --source NAME to "
                                          "export a set without spans)")
    return [person(people[0])]


def _newest_first(ref: xr.SetRef) -> tuple[str, int]:
    return (str(ref.updated_at or ""), ref.set_id)


def plan_export(project: Project, options: ExportOptions) -> ExportPlan:
    """Which documents and sets an export takes, and the split of each document."""
    _check_options(options)
    if options.documents is not None:
        require_documents(project, options.documents)
    sources = _sources(project, options)
    warnings: list[str] = []
    plans: list[SourcePlan] = []
    label_counts: dict[str, Counter[str]] = {}
    with project.database.unit_of_work() as s:
        for name, folder, flt in sources:
            chosen: dict[str, xr.SetRef] = {}
            several = 0
            for ref in xr.find_sets(s, flt):
                prev = chosen.get(ref.document_id)
                if prev is not None:
                    several += 1
                    if _newest_first(ref) < _newest_first(prev):
                        continue
                chosen[ref.document_id] = ref
            if several:
                warnings.append(f"{several} document(s) have several {name} sets: the most recently updated "
                                "one of each was exported")
            per_doc: dict[str, Counter[str]] = {}
            if options.split:  # stratification needs the labels before anything is read
                counts = xr.label_counts(s, flt)
                empty: Counter[str] = Counter()
                per_doc = {doc_id: counts.get(ref.set_id, empty) for doc_id, ref in chosen.items()}
                for doc_id, c in per_doc.items():
                    label_counts.setdefault(doc_id, Counter()).update(c)
            if not chosen and options.source == ALL:
                warnings.append(f"{name} has no set that matches the selection: no folder for it")
                continue
            plans.append(SourcePlan(name, folder, flt, chosen, per_doc))
        documents = sorted({d for p in plans for d in p.sets})
        if options.documents is not None:
            without = sorted(set(options.documents) - set(documents))
            if without:
                warnings.append(f"{len(without)} requested document(s) have no matching set and are not exported: "
                                f"{', '.join(without[:20])}{' ...' if len(without) > 20 else ''}")
        facts = xr.document_facts(s, documents) if options.split and options.by == "source" else {}
        per_file = xr.documents_per_source_path(s) if facts else Counter()
    if not documents:
        raise _nothing_to_export(project, "nothing to export: no document matches "
                                 + (f"--status {options.status}" if options.status else "the selection"))
    rules: Counter[str] = Counter()
    if options.by != "document" and not options.split:
        warnings.append("--group-by has no effect without --split")
    if options.split:
        names = tuple(options.split)
        if options.by == "source":
            groups: dict[str, list[str]] = {}
            for doc_id in documents:
                meta, path = facts[doc_id]
                key, rule = outlet_of(doc_id, meta, path, per_file.get(path or "", 0) > 1)
                rules[rule] += 1
                groups.setdefault(key, []).append(doc_id)
            group_list = [Group(k, tuple(v), sum((label_counts.get(d, Counter()) for d in v), Counter()))
                          for k, v in groups.items()]
        else:
            group_list = [Group("document:" + d, (d,), label_counts.get(d, Counter())) for d in documents]
        result = assign_splits(group_list, options.split, options.seed)
        usable = [n for n in names if options.split[n] > 0]
        if len(group_list) < len(usable):
            warnings.append(f"only {len(group_list)} group(s) for {len(usable)} splits: some splits are empty")
        for n in usable:
            if result.documents[n] == 0:
                warnings.append(f"split {n!r} is empty")
        split_of = result.split_of
    else:
        names, result = (UNSPLIT,), None
        split_of = dict.fromkeys(documents, UNSPLIT)
    return ExportPlan(plans, documents, names, split_of, result, label_counts, rules, warnings)


# -- writing -----------------------------------------------------------------------

def current_umask() -> int:
    """The process's umask. Reading it means setting it: the value set meanwhile is the
    strictest (077), so a file another thread makes in that instant is only more private."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def as_if_created(path: str | os.PathLike[str], *, folder: bool) -> None:
    """Give a temporary file or folder (``mkstemp``/``mkdtemp`` make them 0600/0700) the
    mode a plain ``open()``/``mkdir()`` would have: 0666/0777 less the umask."""
    os.chmod(path, (0o777 if folder else 0o666) & ~current_umask())


@contextmanager
def parents_made(target: Path) -> Iterator[None]:
    """Create the missing folders above *target* (``--out new/a.jsonl``), and remove the
    ones made here again if the block fails, so a failed export leaves nothing behind."""
    missing: list[Path] = []
    above = target.parent if str(target.parent) else Path(".")
    while not above.exists() and not above.is_symlink() and above != above.parent:
        missing.append(above)
        above = above.parent
    if not above.is_dir():
        raise ExportError(f"{above} is not a folder")
    created: list[Path] = []

    def undo() -> None:
        for folder in reversed(created):
            with suppress(OSError):
                folder.rmdir()

    for folder in reversed(missing):
        try:
            folder.mkdir()
        except OSError as exc:
            undo()
            raise ExportError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None
        created.append(folder)
    try:
        yield
    except BaseException:
        undo()
        raise


@contextmanager
def atomic_folder(target: Path, *, force: bool = False, notice: Notice | None = None) -> Iterator[Path]:
    """A temporary folder beside *target*, renamed to *target* when the block succeeds
    (replacing it only with *force*) and removed when it fails. Leftovers of interrupted
    exports of *target* are cleaned up first and reported to *notice*; a live export of
    the same target is refused (``services/export/atomic.py`` has the rules)."""
    with atomic.folder(target, force=force, notice=notice, error=ExportError) as tmp:
        yield tmp


def _stream(session: UnitOfWork, plan: ExportPlan, flt: xr.SetFilter) -> Iterator[tuple[Any, dict[int, list[Span]]]]:
    """Documents of the plan in id order, each with the spans of its exported sets."""
    wanted_sets = {ref.set_id for p in plan.sources for ref in p.sets.values()}
    return _merge(xr.iter_documents(session, set(plan.documents)), xr.iter_spans_by_document(session, flt, wanted_sets))


def _merge(documents: Iterator[Any], groups: Iterator[tuple[str, dict[int, list[Span]]]]
           ) -> Iterator[tuple[Any, dict[int, list[Span]]]]:
    """Walk documents and their span groups side by side (both in document id order, by
    the same database collation); a group that matches no document is an error, never
    a silent loss."""
    nxt = next(groups, None)
    done: set[str] = set()
    for doc in documents:
        by_set: dict[int, list[Span]] = {}
        if nxt is not None and nxt[0] == doc.id:
            by_set = nxt[1]
            nxt = next(groups, None)
        done.add(doc.id)
        if nxt is not None and nxt[0] in done:
            raise ExportError("the database returned spans out of document order; nothing was written")
        yield doc, by_set
    if nxt is not None:
        raise ExportError(f"spans of document {nxt[0]!r} were not matched to it; nothing was written")


def _union_filter(plan: ExportPlan, options: ExportOptions) -> xr.SetFilter:
    filters = [p.filter for p in plan.sources]
    if len(filters) == 1:
        return filters[0]
    return xr.SetFilter(documents=filters[0].documents, status=options.status)


#: What the manifest, the command line and the dialog call a link that a subset export
#: (``--docs``, ``--status``) cannot hold: one of its ends is a span of a set not exported.
LINKS_OUTSIDE = "links with one end outside the export"


def links_leaving(session: UnitOfWork, wanted: set[int], flt: xr.SetFilter, inside: int) -> int:
    """How many links of the source of *flt* join a span of the *wanted* sets to a span
    of a set of the same source that is not exported (*inside*: the links with both ends
    wanted). Counted as all links of the source's sets minus those inside and those
    wholly outside, so no link is lost without a word."""
    every = {ref.set_id for ref in xr.find_sets(session, replace(flt, documents=None, status=None))} | wanted
    if every == wanted:
        return 0
    return len(xr.links_between(session, every)) - inside - len(xr.links_between(session, every - wanted))


def _ahead(session: UnitOfWork, plan: ExportPlan, source: SourcePlan) -> KnownAhead:
    """What a writer of *source* will be given (read in the export's own transaction)."""
    documents = Counter(plan.split_of[d] for d in source.sets)
    wanted = {ref.set_id for ref in source.sets.values()}
    return KnownAhead({s: documents.get(s, 0) for s in plan.split_names},
                      xr.span_attribute_values(session, source.filter, wanted))


def export_dataset(project: Project, out: Path | str, options: ExportOptions,
                   progress: Progress | None = None, notice: Notice | None = None) -> ExportResult:
    """Write the export folder *out*; see the module docstring. *progress* is called as
    ``progress(documents done, documents in all)``; raise :class:`ExportCancelled` in it
    to stop (nothing is written). *notice* hears what was cleaned up after an interrupted
    export of *out* (default: the log)."""
    out = Path(out)
    plan = plan_export(project, options)
    fmt = exporter(options.format)
    total = len(plan.documents)
    logs: dict[str, ExportLog] = {p.name: ExportLog() for p in plan.sources}
    facts: dict[str, dict[str, Any]] = {}
    with parents_made(out), atomic_folder(out, force=options.force, notice=notice) as tmp:
        writers: dict[str, Any] = {}
        hashes: dict[str, str] = {}  # files the writers noted the SHA-256 of
        try:
            with project.database.unit_of_work() as s:
                flt = _union_filter(plan, options)
                relations = xr.relations_by_set(s, flt)
                for p in plan.sources:
                    folder = tmp / p.folder if p.folder else tmp
                    folder.mkdir(parents=True, exist_ok=True)
                    writers[p.name] = fmt.Writer(WriterSettings(
                        folder=folder, schema=project.schema, splits=plan.split_names, log=logs[p.name],
                        scheme=options.scheme, layer=options.layer,  # type: ignore[arg-type]
                        name=f"{out.name}" + ("" if len(plan.sources) == 1 else f" ({p.name})"),
                        ahead=_ahead(s, plan, p) if getattr(fmt, "NEEDS_AHEAD", False) else None, hashes=hashes))
                done = 0
                for doc, by_set in _stream(s, plan, flt):
                    split = plan.split_of[doc.id]
                    for p in plan.sources:
                        ref = p.sets.get(doc.id)
                        if ref is not None:
                            spans = by_set.get(ref.set_id, [])
                            logs[p.name].read.setdefault(split, Counter()).update([x.label for x in spans])
                            writers[p.name].add(DatasetDocument(doc, spans, relations.get(ref.set_id, [])), split)
                    done += 1  # noqa: SIM113 (counts documents across the nested loops, read by the crash hook)
                    atomic.crash_test_hook("document", done)
                    if progress is not None:
                        progress(done, total)
                entities = xr.entities(s)
                for p in plan.sources:
                    wanted = {ref.set_id for ref in p.sets.values()}
                    links = xr.links_between(s, wanted)
                    logs[p.name].lost(LINKS_OUTSIDE, links_leaving(s, wanted, p.filter, len(links)))
                    facts[p.name] = writers.pop(p.name).close(ProjectData(entities, links))
        except BaseException:
            for w in writers.values():
                abort = getattr(w, "abort", None)
                if abort is not None:
                    abort()
            raise
        manifest = build_manifest(project, options, plan, logs, facts, tmp, hashes)
        write_manifest(tmp / "manifest.json", manifest)
    written = sum(sum(c.values()) for log in logs.values() for c in log.written.values())
    dropped = sum(log.total_dropped for log in logs.values())
    return ExportResult(out, options.format, plan.documents_per_split(), written, dropped, manifest)


# -- the canonical JSONL to one file -------------------------------------------------

@contextmanager
def atomic_text_file(target: Path, *, force: bool = False, notice: Notice | None = None) -> Iterator[TextIO]:
    """Write to a temporary file in the target's folder; rename it into place on success
    (cleaning up after interrupted exports of *target* first, as :func:`atomic_folder`)."""
    with atomic.text_file(target, force=force, notice=notice, error=ExportError) as fh:
        yield fh


@dataclass
class ExportReport:
    path: Path
    documents: int
    spans: int
    annotator: str | None
    links_outside: int = 0  # links with one end in a set this file does not hold (LINKS_OUTSIDE)


def default_annotator(project: Project) -> str | None:
    """The one annotator who has annotations; None if nobody has; error if several."""
    with project.database.unit_of_work() as s:
        names = xr.annotators_with_spans(s)
    if len(names) > 1:
        raise ExportError(f"several annotators have spans ({', '.join(names)}): choose one with --source NAME")
    return names[0] if names else None


def export_jsonl(project: Project, out: Path, *, annotator: str | None = None, doc_ids: Sequence[str] | None = None,
                 force: bool = False, progress: Callable[[int], None] | None = None,
                 gold: bool = False, source: str | None = None, notice: Notice | None = None) -> ExportReport:
    """Write the canonical JSONL to one file: every document (or *doc_ids*) with the spans
    and relations of one source: *source* (``"gold"`` or a name), *annotator*, the gold with
    *gold*, or by default the rule of folder exports (gold when the project has gold, else
    the only annotator who has spans; nobody's spans: the documents alone).

    Missing folders above *out* are created; an export of nothing (an empty project) is an
    error, as for a folder, and writes nothing. *notice* hears what was cleaned up after an
    interrupted export of *out* (default: the log)."""
    out = Path(out)
    wanted_source = GOLD if gold else annotator if annotator is not None else source
    if doc_ids is not None:
        require_documents(project, doc_ids)
    options = ExportOptions(source=wanted_source, documents=list(doc_ids) if doc_ids is not None else None)
    sources = _sources(project, options, to_file=True)
    who: str | None = sources[0][0] if sources else None
    flt = sources[0][2] if sources else xr.SetFilter()
    n_docs = n_spans = 0
    with project.database.unit_of_work() as s:
        sets: dict[str, xr.SetRef] = {}
        if who is not None:
            for found in xr.find_sets(s, flt):
                prev = sets.get(found.document_id)
                if prev is None or _newest_first(found) > _newest_first(prev):
                    sets[found.document_id] = found
        wanted = {r.set_id for r in sets.values()}
        relations = xr.relations_by_set(s, flt) if who is not None else {}
        groups = xr.iter_spans_by_document(s, flt, wanted) if who is not None else iter(())
        docs = xr.iter_documents(s, list(doc_ids) if doc_ids is not None else None)
        with parents_made(out), atomic_text_file(out, force=force, notice=notice) as fh:
            atomic.recover(sidecar_path(out), notice=notice)
            for doc, by_set in _merge(docs, groups):
                ref = sets.get(doc.id)
                spans = by_set.get(ref.set_id, []) if ref is not None else []
                rels: list[RelationRecord] = relations.get(ref.set_id, []) if ref is not None else []
                jsonl.write_record(fh, record(DatasetDocument(doc, spans, rels)))
                n_docs += 1
                n_spans += len(spans)
                atomic.crash_test_hook("document", n_docs)
                if progress:
                    progress(n_docs)
            if n_docs == 0:
                raise ExportError(NOTHING_IN_PROJECT)
            entities = xr.entities(s)
            links = xr.links_between(s, wanted)
            outside = links_leaving(s, wanted, flt, len(links)) if who is not None else 0
            if entities or links:  # the project-level sidecar that importing FILE.jsonl reads
                with atomic_text_file(sidecar_path(out), force=True, notice=notice) as side:
                    side.write(json.dumps({"entities": entities, "links": links}, ensure_ascii=False, indent=1))
                    side.write("\n")
    return ExportReport(out, n_docs, n_spans, who, outside)


def sidecar_path(path: Path) -> Path:
    """``out/data.jsonl`` -> ``out/data.project.json`` (entities and links)."""
    name = path.name[: -len(".jsonl")] if path.name.endswith(".jsonl") else path.name
    return path.with_name(name + SIDECAR_SUFFIX)
