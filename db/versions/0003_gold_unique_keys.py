"""gold unique keys: no span, relation or link twice in gold

Spans and relations get a ``kind`` column (their set's kind, as links already
have), and partial unique indexes forbid the same gold span (set, start, end,
label), gold relation (set, type, head, tail) or gold link (type, source,
target) twice. Annotators' sets keep allowing repeats (other tools' files have
them). Duplicates already stored (two adjudicators accepting at the same
moment) are merged first: the oldest row is kept, relations and links are
re-pointed to it, attributes only a duplicate had are added to it; each merge is
logged (``migration.merge_gold_duplicates`` in the change log, and a warning).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

log = logging.getLogger("annotator.migrations")

GOLD_ONLY = sa.text("kind = 'gold'")
SPANS = sa.table("spans", sa.column("pk", sa.Integer), sa.column("attrs", sa.JSON), sa.column("provenance", sa.JSON))
CHANGES = sa.table("changes", sa.column("at", sa.DateTime(timezone=True)), sa.column("annotator_id", sa.Integer),
                   sa.column("document_id", sa.String), sa.column("set_id", sa.Integer),
                   sa.column("action", sa.String), sa.column("payload", sa.JSON))


def _json(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if isinstance(raw, dict):
        return raw
    value = json.loads(raw)
    return value if isinstance(value, dict) else {}


def _pks(pks: list[int]) -> str:
    return ", ".join(str(int(pk)) for pk in pks)


def merge_gold_duplicates(conn: sa.Connection) -> dict[str, int]:
    """Merge gold rows stored twice; returns how many rows were merged away, by table."""
    done = {"spans": 0, "relations": 0, "links": 0}
    report: dict[tuple[str, int | None], dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    groups = conn.execute(sa.text(
        "SELECT set_id, start_offset, end_offset, label FROM spans WHERE kind = 'gold' "
        "GROUP BY set_id, start_offset, end_offset, label HAVING COUNT(*) > 1")).all()
    for set_id, start, end, label in groups:
        rows = conn.execute(sa.text(
            "SELECT s.pk, s.uid, CAST(s.attrs AS TEXT), CAST(s.provenance AS TEXT), a.document_id "
            "FROM spans s JOIN annotation_sets a ON a.id = s.set_id "
            "WHERE s.kind = 'gold' AND s.set_id = :set AND s.start_offset = :start AND s.end_offset = :end "
            "AND s.label = :label ORDER BY s.pk"), {"set": set_id, "start": start, "end": end, "label": label}).all()
        keep, others = rows[0], rows[1:]
        gone = [r[0] for r in others]
        attrs, prov = _json(keep[2]), _json(keep[3])
        for r in others:
            for name, value in _json(r[2]).items():
                attrs.setdefault(name, value)
        prov["merged_duplicates"] = prov.get("merged_duplicates", []) + [r[1] for r in others]
        for table, column in (("relations", "head_pk"), ("relations", "tail_pk"),
                              ("links", "source_pk"), ("links", "target_pk")):
            conn.execute(sa.text(f"UPDATE {table} SET {column} = :keep WHERE {column} IN ({_pks(gone)})"),
                         {"keep": keep[0]})
        conn.execute(sa.update(SPANS).where(SPANS.c.pk == keep[0]).values(attrs=attrs, provenance=prov))
        conn.execute(sa.text(f"DELETE FROM spans WHERE pk IN ({_pks(gone)})"))
        report[(keep[4], set_id)]["spans"].append({"kept": keep[1], "start": start, "end": end, "label": label,
                                                   "merged": [r[1] for r in others]})
        done["spans"] += len(others)

    groups = conn.execute(sa.text(
        "SELECT set_id, type, head_pk, tail_pk FROM relations WHERE kind = 'gold' "
        "GROUP BY set_id, type, head_pk, tail_pk HAVING COUNT(*) > 1")).all()
    for set_id, rtype, head, tail in groups:
        rows = conn.execute(sa.text(
            "SELECT r.pk, r.uid, a.document_id FROM relations r JOIN annotation_sets a ON a.id = r.set_id "
            "WHERE r.kind = 'gold' AND r.set_id = :set AND r.type = :type AND r.head_pk = :head "
            "AND r.tail_pk = :tail ORDER BY r.pk"), {"set": set_id, "type": rtype, "head": head, "tail": tail}).all()
        conn.execute(sa.text(f"DELETE FROM relations WHERE pk IN ({_pks([r[0] for r in rows[1:]])})"))
        report[(rows[0][2], set_id)]["relations"].append({"kept": rows[0][1], "type": rtype,
                                                          "merged": [r[1] for r in rows[1:]]})
        done["relations"] += len(rows) - 1

    groups = conn.execute(sa.text(
        "SELECT type, source_pk, target_pk FROM links WHERE kind = 'gold' "
        "GROUP BY type, source_pk, target_pk HAVING COUNT(*) > 1")).all()
    for ltype, source, target in groups:
        rows = conn.execute(sa.text(
            "SELECT l.pk, l.uid, a.document_id, a.id FROM links l JOIN spans s ON s.pk = l.source_pk "
            "JOIN annotation_sets a ON a.id = s.set_id WHERE l.kind = 'gold' AND l.type = :type "
            "AND l.source_pk = :source AND l.target_pk = :target ORDER BY l.pk"),
            {"type": ltype, "source": source, "target": target}).all()
        conn.execute(sa.text(f"DELETE FROM links WHERE pk IN ({_pks([r[0] for r in rows[1:]])})"))
        report[(rows[0][2], rows[0][3])]["links"].append({"kept": rows[0][1], "type": ltype,
                                                          "merged": [r[1] for r in rows[1:]]})
        done["links"] += len(rows) - 1

    now = datetime.now(UTC)
    for (doc_id, set_id), items in sorted(report.items(), key=lambda kv: (str(kv[0][0]), kv[0][1] or 0)):
        conn.execute(sa.insert(CHANGES).values(at=now, annotator_id=None, document_id=doc_id, set_id=set_id,
                                               action="migration.merge_gold_duplicates", payload=dict(items)))
    if any(done.values()):
        log.warning("gold held items stored twice: merged %d span(s), %d relation(s) and %d link(s) into the copy "
                    "stored first (each merge is in the change log as migration.merge_gold_duplicates)",
                    done["spans"], done["relations"], done["links"])
    return done


def upgrade() -> None:
    for table in ("spans", "relations"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("kind", sa.String(length=20), nullable=False, server_default="annotation"))
        op.execute(f"UPDATE {table} SET kind = 'gold' "
                   "WHERE set_id IN (SELECT id FROM annotation_sets WHERE kind = 'gold')")
    merge_gold_duplicates(op.get_bind())
    op.create_index("uq_spans_gold_key", "spans", ["set_id", "start_offset", "end_offset", "label"], unique=True,
                    sqlite_where=GOLD_ONLY, postgresql_where=GOLD_ONLY)
    op.create_index("uq_relations_gold_key", "relations", ["set_id", "type", "head_pk", "tail_pk"], unique=True,
                    sqlite_where=GOLD_ONLY, postgresql_where=GOLD_ONLY)
    op.create_index("uq_links_gold_key", "links", ["type", "source_pk", "target_pk"], unique=True,
                    sqlite_where=GOLD_ONLY, postgresql_where=GOLD_ONLY)


def downgrade() -> None:
    op.drop_index("uq_links_gold_key", table_name="links")
    op.drop_index("uq_relations_gold_key", table_name="relations")
    op.drop_index("uq_spans_gold_key", table_name="spans")
    for table in ("relations", "spans"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("kind")
