"""Attributes of a span (a claim's factuality, a date's value, an actor's type or entity),
checked against the schema: one undoable command, in the style of
:mod:`annotator.services.spans`. Accepting a date proposal is one too
(:meth:`SetAttributes.from_proposal`; the proposals are in :mod:`annotator.services.dates`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from annotator.core.dates import DateValue
from annotator.services.changes import RelationsLinksChanged, check_attrs, merged, open_set, read_span, write_attrs
from annotator.services.project import Project


@dataclass
class SetAttributes:
    """Set or remove (value ``None``) attributes of one span, checked against the schema.

    Only the attributes named in *changes* are checked and changed; others stay.
    """

    document_id: str
    annotator: str
    span_id: str
    changes: dict[str, Any]
    description: str = "Edit attributes"
    _before: dict[str, Any] | None = None

    @property
    def text(self) -> str:
        return self.description

    @classmethod
    def from_proposal(cls, document_id: str, annotator: str, span_id: str, proposal: DateValue, *,
                      with_mod: bool = True) -> SetAttributes:
        """Accept a date proposal (``propose_date``): sets ``value`` and ``mod`` (removing an old
        mod); only ``value`` when the label has no ``mod`` attribute (*with_mod* false)."""
        changes: dict[str, Any] = {"value": proposal.value}
        if with_mod:
            changes["mod"] = proposal.mod
        return cls(document_id, annotator, span_id, changes, description=f"Set date value {proposal.value}")

    def _changed(self) -> RelationsLinksChanged:
        return RelationsLinksChanged(self.document_id, self.annotator, (self.span_id,))

    def do(self, project: Project) -> RelationsLinksChanged:
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            span = read_span(s, set_key.id, self.span_id)
            check_attrs(project, s, span.label, self.changes)
            before, _ = write_attrs(s, set_key, self.document_id, self.span_id, merged(span.attrs, self.changes),
                                     "span.attrs")
            self._before = before.attrs
        return self._changed()

    def undo(self, project: Project) -> RelationsLinksChanged:
        assert self._before is not None, "undo before do"
        with project.database.unit_of_work() as s:
            set_key = open_set(s, self.document_id, self.annotator)
            write_attrs(s, set_key, self.document_id, self.span_id, self._before, "undo.span.attrs")
        return self._changed()
