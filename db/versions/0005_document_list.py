"""document list: a narrow row per document (title, source name, folded search key)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03

The document list and the chooser filter and sort these rows in the database, so a
100,000-document project opens without reading every document. Existing documents
get their row here, a chunk at a time.
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


def upgrade() -> None:
    op.create_table('document_list',
    sa.Column('document_id', sa.String(length=200), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('source_path', sa.Text(), nullable=True),
    sa.Column('source_name', sa.Text(), nullable=False),
    sa.Column('search_key', sa.Text(), nullable=False),
    sa.Column('import_batch', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                            name=op.f('fk_document_list_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id', name=op.f('pk_document_list')),
    sqlite_with_rowid=False,
    )
    with op.batch_alter_table('document_list', schema=None) as batch_op:
        batch_op.create_index('ix_document_list_title', ['title', 'document_id', 'import_batch'], unique=False)
        batch_op.create_index('ix_document_list_source', ['source_name', 'document_id', 'import_batch'],
                              unique=False)
    bind = op.get_bind()
    documents = sa.table('documents', sa.column('id', sa.String), sa.column('title', sa.Text),
                         sa.column('source_path', sa.Text), sa.column('import_batch', sa.Integer))
    rows = sa.table('document_list', sa.column('document_id', sa.String), sa.column('title', sa.Text),
                    sa.column('source_path', sa.Text), sa.column('source_name', sa.Text), sa.column('search_key', sa.Text),
                    sa.column('import_batch', sa.Integer))
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
    with op.batch_alter_table('document_list', schema=None) as batch_op:
        batch_op.drop_index('ix_document_list_source')
        batch_op.drop_index('ix_document_list_title')
    op.drop_table('document_list')
