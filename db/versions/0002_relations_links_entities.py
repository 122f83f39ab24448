"""relations links entities assignments provenance

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('entities',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=100), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('type', sa.String(length=50), nullable=False),
    sa.Column('aliases', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_entities')),
    sa.UniqueConstraint('uid', name=op.f('uq_entities_uid'))
    )
    op.create_table('assignments',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.String(length=200), nullable=False),
    sa.Column('annotator_id', sa.Integer(), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('assigned_by', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['annotator_id'], ['annotators.id'], name=op.f('fk_assignments_annotator_id_annotators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_assignments_document_id_documents'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_assignments')),
    sa.UniqueConstraint('document_id', 'annotator_id', name=op.f('uq_assignments_document_id'))
    )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignments_annotator_id'), ['annotator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_assignments_document_id'), ['document_id'], unique=False)

    op.create_table('links',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=100), nullable=False),
    sa.Column('type', sa.String(length=100), nullable=False),
    sa.Column('source_pk', sa.Integer(), nullable=False),
    sa.Column('target_pk', sa.Integer(), nullable=False),
    sa.Column('annotator_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['annotator_id'], ['annotators.id'], name=op.f('fk_links_annotator_id_annotators')),
    sa.ForeignKeyConstraint(['source_pk'], ['spans.pk'], name=op.f('fk_links_source_pk_spans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['target_pk'], ['spans.pk'], name=op.f('fk_links_target_pk_spans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_links')),
    sa.UniqueConstraint('uid', name=op.f('uq_links_uid'))
    )
    with op.batch_alter_table('links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_links_annotator_id'), ['annotator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_links_source_pk'), ['source_pk'], unique=False)
        batch_op.create_index(batch_op.f('ix_links_target_pk'), ['target_pk'], unique=False)

    op.create_table('relations',
    sa.Column('pk', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=100), nullable=False),
    sa.Column('type', sa.String(length=100), nullable=False),
    sa.Column('head_pk', sa.Integer(), nullable=False),
    sa.Column('tail_pk', sa.Integer(), nullable=False),
    sa.Column('attrs', sa.JSON(), nullable=False),
    sa.Column('provenance', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['head_pk'], ['spans.pk'], name=op.f('fk_relations_head_pk_spans'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['annotation_sets.id'], name=op.f('fk_relations_set_id_annotation_sets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['tail_pk'], ['spans.pk'], name=op.f('fk_relations_tail_pk_spans'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('pk', name=op.f('pk_relations')),
    sa.UniqueConstraint('set_id', 'uid', name=op.f('uq_relations_set_id'))
    )
    with op.batch_alter_table('relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relations_head_pk'), ['head_pk'], unique=False)
        batch_op.create_index(batch_op.f('ix_relations_set_id'), ['set_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relations_tail_pk'), ['tail_pk'], unique=False)

    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provenance', sa.JSON(), nullable=False, server_default='{}'))



def downgrade() -> None:
    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.drop_column('provenance')

    with op.batch_alter_table('relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relations_tail_pk'))
        batch_op.drop_index(batch_op.f('ix_relations_set_id'))
        batch_op.drop_index(batch_op.f('ix_relations_head_pk'))

    op.drop_table('relations')
    with op.batch_alter_table('links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_links_target_pk'))
        batch_op.drop_index(batch_op.f('ix_links_source_pk'))
        batch_op.drop_index(batch_op.f('ix_links_annotator_id'))

    op.drop_table('links')
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assignments_document_id'))
        batch_op.drop_index(batch_op.f('ix_assignments_annotator_id'))

    op.drop_table('assignments')
    op.drop_table('entities')
