"""Gold being built: its spans in memory, the gold commands on an undo stack.

Every decision (accept a version, accept agreed, a hand edit) is a service
command from :mod:`annotator.services.adjudication` pushed through the one undo
adapter (:class:`~annotator.gui.common.undo.ServiceCommand`): each do, undo and redo is
one committed transaction. The command's :class:`GoldPatch` says exactly which
gold spans changed, so the gold pane and the table refresh without reading gold
back from the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any, cast

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.core.adjudication import (
    Decided,
    Decision,
    Disagreement,
    DocumentDiff,
    GoldIndex,
    GoldSpan,
    LinkItem,
    Progress,
    RelationItem,
    accepted_keys,
)
from annotator.core.values import Span
from annotator.gui.annotation.spanindex import SpanIndex
from annotator.gui.common.i18n import QT_TRANSLATE_NOOP, moment, plural, translate
from annotator.gui.common.steps import step_text
from annotator.gui.common.undo import StepRunner
from annotator.services.adjudication import AcceptVersion, GoldCommand, gold_links
from annotator.services.gold.patch import GoldPatch
from annotator.services.project import Project

BULK = 500  # more changed gold spans than this: rebuild the index and repaint the pane whole


#: the thresholds of "accept agreed" (stored in English: "unanimous", "majority"), as shown
THRESHOLD_NAMES = {"unanimous": QT_TRANSLATE_NOOP("GoldBook", "unanimous"),
                   "majority": QT_TRANSLATE_NOOP("GoldBook", "majority")}


def threshold_name(value: str) -> str:
    """A stored threshold ("majority") in the interface's language (an unknown one as stored)."""
    return translate("GoldBook", THRESHOLD_NAMES[value]) if value in THRESHOLD_NAMES else value


def _when(value: Any) -> str:
    """A stored ISO time in the locale's short format (as stored if it is not one)."""
    try:
        return moment(str(value))
    except ValueError:
        return str(value)


def describe_provenance(prov: Mapping[str, Any] | None) -> str:
    """Who proposed a gold item, who accepted or edited it, and when: one plain line."""
    if not prov:
        return translate("GoldBook", "No provenance recorded")
    who = ", ".join(prov.get("proposed_by") or []) or translate("GoldBook", "nobody (added by hand)")
    method = prov.get("method", "?")
    if method == "accepted":
        how = translate("GoldBook", "accepted ({name}'s version)").format(name=prov.get("source", "?"))
    elif method == "agreed":
        how = translate("GoldBook", "accepted as agreed ({threshold})").format(
            threshold=threshold_name(prov.get("threshold", "?")))
    elif method == "edited":
        how = translate("GoldBook", "edited by hand")
    else:
        how = method
    text = translate("GoldBook", "Proposed by {who} · {how} by {by} at {at}").format(
        who=who, how=how, by=prov.get("by", "?"), at=_when(prov.get("at", "?")))
    if prov.get("edited_by"):
        text += translate("GoldBook", " · attributes edited by {by} at {at}").format(
            by=prov["edited_by"], at=_when(prov.get("edited_at", "?")))
    if prov.get("history"):
        text += plural(len(prov["history"]), translate("GoldBook", " · {n} earlier decision| · {n} earlier decisions"))
    return text


def describe_decision(decision: Decision) -> str:
    """The Gold column of the disagreement list, in the interface's language: "undecided",
    "✓ accepted alice", "✓ kept nothing", "✓ edited by hand", "✓ agreed (majority): alice, bob"
    (the core's :meth:`Decision.describe` in English)."""
    who = ", ".join(decision.annotators)
    if decision.how is Decided.ACCEPTED:
        return translate("GoldBook", "✓ accepted {names}").format(names=who)
    if decision.how is Decided.AGREED:
        return translate("GoldBook", "✓ agreed ({threshold}): {names}").format(
            threshold=threshold_name(decision.threshold or "?"), names=who)
    if decision.how is Decided.NOTHING:
        return translate("GoldBook", "✓ kept nothing")
    if decision.how is Decided.EDITED:
        return translate("GoldBook", "✓ edited by hand")
    return translate("GoldBook", "undecided")


class GoldBook(QObject):
    """The gold spans of one document and the undo stack of the decisions on it."""

    #: list of (before, after) gold span pairs; either side may be None
    spansChanged = Signal(list)
    #: so many gold spans changed at once that the pane gets a new index (after accept agreed)
    spansReset = Signal()
    #: gold relations or links changed (the gold pane's badges and arcs, the gold lists)
    structureChanged = Signal()
    message = Signal(str)

    def __init__(self, project: Project, doc_id: str, adjudicator: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.document_id = doc_id
        self.adjudicator = adjudicator
        self.undo_stack = QUndoStack(self)
        self.spans = SpanIndex()
        self._provenance: Mapping[str, dict[str, Any]] = {}
        self._prov_changes: dict[str, dict[str, Any] | None] = {}
        self._relations: dict[str, RelationItem] = {}
        self._links: list[LinkItem] = []
        self._index: GoldIndex | None = None
        #: disagreement key -> the accepts of a version standing on it (the change log's, then this session's)
        self.accepted: dict[str, list[tuple[str, str]]] = {}
        #: what the last change touched (for the decided flags): gold span ranges (None: too many to
        #: list), and whether gold links changed
        self.changed_ranges: list[tuple[int, int]] | None = None
        self.links_changed = False
        self.last_error: Exception | None = None
        self.runner = StepRunner(project, self.undo_stack,
                                 lambda _changed, undone, c: self._applied(cast(GoldCommand, c), undone),  # gold only
                                 self._failed, parent=self)
        self.runner.message.connect(self.message)

    def attach(self, spans: SpanIndex, provenance: Mapping[str, dict[str, Any]],
               relations: list[RelationItem], links: list[LinkItem],
               accepted: Mapping[str, list[tuple[str, str]]] | None = None) -> None:
        self.accepted = {k: list(v) for k, v in (accepted or {}).items()}
        self.spans = spans
        self._provenance = provenance
        self._prov_changes.clear()
        self._relations = {r.id: r for r in relations}
        self._links = list(links)
        self._index = None

    def provenance(self, uid: str) -> dict[str, Any] | None:
        if uid in self._prov_changes:
            return self._prov_changes[uid]
        try:
            return self._provenance.get(uid)
        except (KeyError, ValueError):
            return None

    @property
    def relations(self) -> list[RelationItem]:
        return list(self._relations.values())

    @property
    def links(self) -> list[LinkItem]:
        return list(self._links)

    @property
    def index(self) -> GoldIndex:
        """The core's index of gold (what gold says about a disagreement), rebuilt after a change."""
        if self._index is None:
            self._index = GoldIndex(list(self.spans), list(self._relations.values()), self._links)
        return self._index

    def decision(self, d: Disagreement, diff: DocumentDiff) -> Decision:
        """Whether *d* is decided and how (the core's rule, the same as ``annotator adjudicate --list``)."""
        return self.index.decision(d, diff, self.accepted, self.provenance)

    def is_decided(self, d: Disagreement, diff: DocumentDiff) -> bool:
        return self.index.is_decided(d, diff, self.accepted, self.provenance)

    def progress(self, disagreements: Sequence[Disagreement], diff: DocumentDiff) -> tuple[Progress, list[bool]]:
        """Disagreements decided and left, and which are decided (a flag per disagreement)."""
        return self.index.progress(disagreements, diff, self.accepted, self.provenance)

    # -- commands ----------------------------------------------------------------------
    def run(self, command: GoldCommand) -> bool:
        """Store a gold command (one committed step), then push it; False if it was refused or waits."""
        self.last_error = None
        return self.runner.do(command, translate("GoldBook", "Saved: {what}").format(what=step_text(command)))

    def undo(self) -> bool:
        self.last_error = None
        return self.runner.undo()

    def redo(self) -> bool:
        self.last_error = None
        return self.runner.redo()

    def _failed(self, exc: Exception) -> None:
        self.last_error = exc  # the runner says it in the window

    def _applied(self, command: GoldCommand, undone: bool) -> None:
        patch = command.patch
        if patch is None:
            return
        _before, after = (patch.spans_after, patch.spans_before) if undone else (patch.spans_before, patch.spans_after)
        uids = patch.span_ids()
        self._index = None
        self.changed_ranges = None if len(uids) > BULK else self._ranges(patch)
        self.links_changed = bool(patch.links_before or patch.links_after)
        if isinstance(command, AcceptVersion):  # as the change log now says (see accepted_keys)
            entries = [(k, by, src, False) for k, items in self.accepted.items() for by, src in items]
            d = command.disagreement
            self.accepted = accepted_keys([*entries, (d.key, self.adjudicator, command.annotator, undone)])
            if self.changed_ranges is not None:
                self.changed_ranges.append((d.start, d.end))
        structure = self._relations_changed(patch, undone, after)
        if patch.links_before or patch.links_after:
            links_after = patch.links_before if undone else patch.links_after
            for uid in patch.links_before.keys() | patch.links_after.keys():
                link = links_after.get(uid)
                self._prov_changes[uid] = link.provenance if link is not None else None
            self._links = gold_links(self.project, self.document_id, self.adjudicator)
            structure = True
        if len(uids) > BULK:
            self._replace_all(uids, after)
        else:
            self._apply_each(uids, after)
        if structure:
            self.structureChanged.emit()
        said = translate("GoldBook", "Gold undid: {what}") if undone else translate("GoldBook", "Gold saved: {what}")
        self.message.emit(said.format(what=step_text(command)))

    def _ranges(self, patch: GoldPatch) -> list[tuple[int, int]]:
        """The ranges of the gold spans a patch touched (before and after; relations' ends too)."""
        ranges = {(g.span.start, g.span.end) for g in (*patch.spans_before.values(), *patch.spans_after.values())}
        for row in (*patch.relations_before.values(), *patch.relations_after.values()):
            for uid in (row.head_uid, row.tail_uid):
                g = patch.spans_after.get(uid) or patch.spans_before.get(uid)
                span = g.span if g is not None else self.spans.get(uid)
                if span is not None:
                    ranges.add((span.start, span.end))
        return sorted(ranges)

    def _replace_all(self, uids: Sequence[str], after: Mapping[str, GoldSpan]) -> None:
        """Many spans changed: one new index instead of thousands of sorted insertions."""
        spans = {s.id: s for s in self.spans}
        for uid in uids:
            new = after.get(uid)
            if new is None:
                spans.pop(uid, None)
                self._prov_changes[uid] = None
            else:
                spans[uid] = new.span
                self._prov_changes[uid] = new.provenance
        self.spans = SpanIndex(spans.values())
        self.spansReset.emit()

    def _apply_each(self, uids: Sequence[str], after: Mapping[str, GoldSpan]) -> None:
        pairs: list[tuple[Span | None, Span | None]] = []
        for uid in uids:
            old = self.spans.get(uid)
            new = after.get(uid)
            if new is None:
                self.spans.remove(uid)
                self._prov_changes[uid] = None
            else:
                self.spans.add(new.span)
                self._prov_changes[uid] = new.provenance
            if old != (new.span if new else None):
                pairs.append((old, new.span if new else None))
        self.spansChanged.emit(pairs)

    def _relations_changed(self, patch: GoldPatch, undone: bool, spans_after: Mapping[str, GoldSpan]) -> bool:
        """Keep the gold relations current; True if any changed."""
        rel_after = patch.relations_before if undone else patch.relations_after

        def span(uid: str) -> Span | None:
            g = spans_after.get(uid)
            return g.span if g is not None else self.spans.get(uid)

        for uid in set(patch.relations_before) | set(patch.relations_after):
            row = rel_after.get(uid)
            head, tail = (span(row.head_uid), span(row.tail_uid)) if row else (None, None)
            if row is None or head is None or tail is None:
                self._relations.pop(uid, None)
                self._prov_changes[uid] = None
            else:
                self._relations[uid] = RelationItem(uid, row.type, (head.start, head.end), (tail.start, tail.end),
                                                    dict(row.attrs), row.head_uid, row.tail_uid)
                self._prov_changes[uid] = row.provenance
        # a moved span moves the ranges of the relations on it
        moved = {uid for uid in patch.span_ids() if uid in spans_after}
        for uid, rel in list(self._relations.items()):
            if rel.head_span in moved or rel.tail_span in moved:
                head, tail = span(rel.head_span), span(rel.tail_span)
                if head is not None and tail is not None:
                    self._relations[uid] = replace(rel, head=(head.start, head.end), tail=(tail.start, tail.end))
        return bool(patch.relations_before or patch.relations_after or moved & {
            u for r in self._relations.values() for u in (r.head_span, r.tail_span)})
