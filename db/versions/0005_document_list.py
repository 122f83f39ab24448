"""document list: a narrow row per document (title, source, folded search key)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

The document list and the chooser filter and sort these rows in the database, so a
100,000-document project opens without reading every document. On SQLite the search
key is also in an FTS5 trigram index (an external-content table over document_list,
kept by triggers), where the SQLite library has FTS5 with the trigram tokenizer; on
PostgreSQL in a pg_trgm GIN index, where the extension can be made.
Existing documents get their row here, a chunk at a time.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from annotator.core.folding import list_key, source_name

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

CHUNK = 2000

FTS = [
    ("CREATE VIRTUAL TABLE document_list_fts USING fts5(search_key, content='document_list', "
    "content_rowid='number', tokenize='trigram')"),
    ("CREATE TRIGGER document_list_fts_insert AFTER INSERT ON document_list BEGIN "
    "INSERT INTO document_list_fts(rowid, search_key) VALUES (new.number, new.search_key); END"),
    ("CREATE TRIGGER document_list_fts_delete AFTER DELETE ON document_list BEGIN "
    "INSERT INTO document_list_fts(document_list_fts, rowid, search_key) "
    "VALUES ('delete', old.number, old.search_key); END"),
    ("CREATE TRIGGER document_list_fts_update AFTER UPDATE OF search_key ON document_list BEGIN "
    "INSERT INTO document_list_fts(document_list_fts, rowid, search_key) "
    "VALUES ('delete', old.number, old.search_key); "
    "INSERT INTO document_list_fts(rowid, search_key) VALUES (new.number, new.search_key); END"),
]


def _has_trigram(bind: sa.Connection) -> bool:
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.trigram_probe USING fts5(x, tokenize='trigram')")
    except sa.exc.DBAPIError:
        return False
    bind.exec_driver_sql("DROP TABLE temp.trigram_probe")
    return True


def _pg_trgm_schema(bind: sa.Connection) -> str | None:
    """The schema of PostgreSQL's trigram extension, made available here if this role may
    (None: the list then filters by reading every key: correct, slower on a large project)."""
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
    op.create_table('document_list',
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=200).with_variant(sa.String(200, collation="C"), "postgresql"),
              nullable=False),
    sa.Column('title', sa.Text().with_variant(sa.Text(collation="C"), "postgresql"), nullable=False),
    sa.Column('source_path', sa.Text(), nullable=True),
    sa.Column('source_name', sa.Text().with_variant(sa.Text(collation="C"), "postgresql"), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('import_batch', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                            name=op.f('fk_document_list_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_document_list')),
    sa.UniqueConstraint('document_id', name=op.f('uq_document_list_document_id')),
    )
    with op.batch_alter_table('document_list', schema=None) as batch_op:
        batch_op.create_index('ix_document_list_id', ['document_id', 'import_batch'], unique=False)
        batch_op.create_index('ix_document_list_title', ['title', 'document_id', 'import_batch'], unique=False)
        batch_op.create_index('ix_document_list_source', ['source_name', 'document_id', 'import_batch'],
                              unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "sqlite" and _has_trigram(bind):
        for statement in FTS:
            bind.exec_driver_sql(statement)
    trgm = _pg_trgm_schema(bind) if bind.dialect.name == "postgresql" else None
    if trgm is not None:  # (the extension may live in another schema than the project's tables)
        bind.exec_driver_sql("CREATE INDEX ix_document_list_search_trgm ON document_list "
                             f'USING gin (search_key "{trgm}".gin_trgm_ops)')
    documents = sa.table('documents', sa.column('id', sa.String), sa.column('title', sa.Text),
                         sa.column('source_path', sa.Text), sa.column('import_batch', sa.Integer))
    rows = sa.table('document_list', sa.column('document_id', sa.String), sa.column('title', sa.Text),
                    sa.column('source_path', sa.Text), sa.column('source_name', sa.Text),
                    sa.column('search_key', sa.Text), sa.column('import_batch', sa.Integer))
    after = ""
    while True:
        chunk = bind.execute(
            sa.select(documents.c.id, documents.c.title, documents.c.source_path, documents.c.import_batch)
            .where(documents.c.id > after).order_by(documents.c.id).limit(CHUNK)).all()
        if not chunk:
            break
        bind.execute(sa.insert(rows), [
            {"document_id": d, "title": t or d, "source_path": p, "source_name": source_name(p),
             "search_key": list_key(d, t or d, source_name(p)), "import_batch": b}
            for d, t, p, b in chunk])
        after = chunk[-1][0]


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        bind.exec_driver_sql("DROP INDEX IF EXISTS ix_document_list_search_trgm")
    if bind.dialect.name == "sqlite":
        for name in ("document_list_fts_insert", "document_list_fts_delete", "document_list_fts_update"):
            bind.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
        bind.exec_driver_sql("DROP TABLE IF EXISTS document_list_fts")
    with op.batch_alter_table('document_list', schema=None) as batch_op:
        batch_op.drop_index('ix_document_list_source')
        batch_op.drop_index('ix_document_list_title')
        batch_op.drop_index('ix_document_list_id')
    op.drop_table('document_list')
