"""import batches: documents and annotation sets written in chunks stay invisible until published

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('import_batches',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('host', sa.String(length=200), nullable=False),
    sa.Column('pid', sa.Integer(), nullable=False),
    sa.Column('documents', sa.Integer(), nullable=False),
    sa.Column('created_annotator_id', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_batches')),
    )
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_batches_state'), ['state'], unique=False)
    # Nullable columns without a foreign key: SQLite adds them in place (no table copy).
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_batch', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_documents_import_batch'), ['import_batch'], unique=False)
    with op.batch_alter_table('annotation_sets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('import_batch', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_annotation_sets_import_batch'), ['import_batch'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('annotation_sets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_annotation_sets_import_batch'))
        batch_op.drop_column('import_batch')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_import_batch'))
        batch_op.drop_column('import_batch')
    with op.batch_alter_table('import_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_batches_state'))
    op.drop_table('import_batches')
