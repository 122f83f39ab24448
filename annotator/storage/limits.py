"""How long ids and names may be: read from the storage models' column lengths (the one
source of truth), so SQLite refuses what PostgreSQL would refuse, with the same words."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from annotator.core.validation import Limits
from annotator.storage.tables import AnnotatorRow, DocumentRow, EntityRow, LinkRow, RelationRow, SpanRow


def _length(column: ColumnElement[Any]) -> int:
    length = getattr(column.type, "length", None)
    assert isinstance(length, int), f"{column} has no length"
    return length


LIMITS = Limits(
    document_id=_length(DocumentRow.__table__.c.id),
    span_id=_length(SpanRow.__table__.c.uid),
    relation_id=_length(RelationRow.__table__.c.uid),
    link_id=_length(LinkRow.__table__.c.uid),
    entity_id=_length(EntityRow.__table__.c.uid),
    annotator=_length(AnnotatorRow.__table__.c.name),
)
