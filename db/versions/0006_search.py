"""search: each document's text folded, the corpus search's index

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

``document_search`` holds one row per document: its ``document_list`` number and its
text folded with every fold of ``core.search`` (``index_text(text)``). Search asks
the index for the documents whose folded text holds the folded query, then checks each
in Python with the query's own options (folding is many-to-one, so the all-folds copy
answers for any options).

On SQLite the folded text is in an FTS5 trigram index, where the SQLite library has FTS5
with the trigram tokenizer: an external-content table over document_search, written by
the program with each row and emptied by triggers. ``detail='none'``: the index names
the documents holding each trigram, without positions (a quarter of the size of a full
index, and faster); the search tests the folded text of the documents holding every
trigram of the query. ``case_sensitive 1``: the text is case-folded already, and the
tokenizer's own folding cost a quarter of the indexing time. On PostgreSQL the folded
text is in a pg_trgm GIN index, where the extension can be made.

Keyed by the list's number, not the document id: an integer is the FTS5 rowid itself
(matches come back as list numbers, in list order), costs a few bytes a row instead of
the id again, and the row goes with its list row (ON DELETE CASCADE), so it is hidden
and removed exactly as the list row is. Existing documents get their row here, a chunk
at a time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from annotator.core.search import index_text

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

CHUNK = 500

# No insert trigger: the program writes a row's index entry with it (storage.search.add_search_rows);
# FTS5 flushes its pending entries at the end of every statement a trigger runs, which made an
# import four times slower. Deletes (a discarded import, a cascade) and updates go by triggers.
FTS = [
    ("CREATE VIRTUAL TABLE document_search_fts USING fts5(folded, content='document_search', "
     "content_rowid='number', tokenize='trigram case_sensitive 1', detail='none')"),
    ("CREATE TRIGGER document_search_fts_delete AFTER DELETE ON document_search BEGIN "
     "INSERT INTO document_search_fts(document_search_fts, rowid, folded) "
     "VALUES ('delete', old.number, old.folded); END"),
    ("CREATE TRIGGER document_search_fts_update AFTER UPDATE OF folded ON document_search BEGIN "
     "INSERT INTO document_search_fts(document_search_fts, rowid, folded) "
     "VALUES ('delete', old.number, old.folded); "
     "INSERT INTO document_search_fts(rowid, folded) VALUES (new.number, new.folded); END"),
]


def _has_trigram(bind: sa.Connection) -> bool:
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(x, tokenize='trigram')")
    except sa.exc.DBAPIError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.trigram_probe")
    return True


def _has_table(bind: sa.Connection, name: str) -> bool:
    return bind.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = ?", (name,)).scalar() == 1


def _pg_trgm_schema(bind: sa.Connection) -> str | None:
    """The schema of PostgreSQL's trigram extension, made available here if this role may
    (None: search then reads every document's folded text: correct, slower)."""
    savepoint = bind.begin_nested()
    try:
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError:
        savepoint.rollback()
        return None
    savepoint.commit()
    schema = bind.exec_driver_sql("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n "
                                  "ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'").scalar()
    return None if schema is None else str(schema)


def upgrade() -> None:
    op.create_table('document_search',
    sa.Column('number', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('folded', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['number'], ['document_list.number'],
                            name=op.f('fk_document_search_number_document_list'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_document_search')),
    )
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and _has_trigram(bind):
        for statement in FTS:
            bind.exec_driver_sql(statement)
    trgm = _pg_trgm_schema(bind) if bind.dialect.name == "postgresql" else None
    if trgm is not None:  # (the extension may live in another schema than the project's tables)
        bind.exec_driver_sql("CREATE INDEX ix_document_search_folded_trgm ON document_search "
                             f'USING gin (folded "{trgm}".gin_trgm_ops)')
    documents = sa.table('documents', sa.column('id', sa.String), sa.column('text', sa.Text))
    listed = sa.table('document_list', sa.column('number', sa.Integer), sa.column('document_id', sa.String))
    rows = sa.table('document_search', sa.column('number', sa.Integer), sa.column('folded', sa.Text))
    after = -1
    while True:
        chunk = bind.execute(
            sa.select(listed.c.number, documents.c.text).join(documents, documents.c.id == listed.c.document_id)
            .where(listed.c.number > after).order_by(listed.c.number).limit(CHUNK)).all()
        if not chunk:
            break
        bind.execute(sa.insert(rows), [{"number": n, "folded": index_text(t)} for n, t in chunk])
        after = chunk[-1][0]
    if bind.dialect.name == "sqlite" and _has_table(bind, "document_search_fts"):
        bind.exec_driver_sql("INSERT INTO document_search_fts(document_search_fts) VALUES ('rebuild')")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_document_search_folded_trgm")
    if bind.dialect.name == "sqlite":
        for name in ("document_search_fts_delete", "document_search_fts_update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS document_search_fts")
    op.drop_table('document_search')
