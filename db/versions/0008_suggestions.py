"""suggestions: what recommenders propose, what annotators decided, trained models

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

Three new tables (nothing existing changes): ``suggestions`` (spans a recommender
proposes, stored by ``annotator suggest apply`` for review; never annotations),
``suggestion_decisions`` (accepted, edited, rejected, by the suggestion's key: the
acceptance log, and what keeps a rejected suggestion hidden) and ``suggestion_models``
(the project's trained span models, versioned, with the data each saw).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'suggestions',
        sa.Column('pk', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.String(length=200), nullable=False),
        sa.Column('recommender', sa.String(length=200), nullable=False),
        sa.Column('version', sa.String(length=100), nullable=False),
        sa.Column('audience_id', sa.Integer(), nullable=True),
        sa.Column('start_offset', sa.Integer(), nullable=False),
        sa.Column('end_offset', sa.Integer(), nullable=False),
        sa.Column('label', sa.String(length=100), nullable=False),
        sa.Column('attrs', sa.JSON(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['audience_id'], ['annotators.id'], name=op.f('fk_suggestions_audience_id_annotators'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_suggestions_document_id_documents'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('pk', name=op.f('pk_suggestions')),
    )
    op.create_index('ix_suggestions_doc_recommender', 'suggestions', ['document_id', 'recommender'])
    op.create_table(
        'suggestion_decisions',
        sa.Column('pk', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.String(length=200), nullable=False),
        sa.Column('annotator_id', sa.Integer(), nullable=False),
        sa.Column('recommender', sa.String(length=200), nullable=False),
        sa.Column('suggestion_key', sa.Text(), nullable=False),
        sa.Column('label', sa.String(length=100), nullable=False),
        sa.Column('decision', sa.String(length=20), nullable=False),
        sa.Column('span_uid', sa.String(length=100), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['annotator_id'], ['annotators.id'],
                                name=op.f('fk_suggestion_decisions_annotator_id_annotators'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                                name=op.f('fk_suggestion_decisions_document_id_documents'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('pk', name=op.f('pk_suggestion_decisions')),
    )
    op.create_index('ix_suggestion_decisions_doc_annotator', 'suggestion_decisions', ['document_id', 'annotator_id'])
    op.create_table(
        'suggestion_models',
        sa.Column('pk', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('audience_id', sa.Integer(), nullable=True),
        sa.Column('info', sa.JSON(), nullable=False),
        sa.Column('blob', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['audience_id'], ['annotators.id'],
                                name=op.f('fk_suggestion_models_audience_id_annotators'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('pk', name=op.f('pk_suggestion_models')),
    )


def downgrade() -> None:
    op.drop_table('suggestion_models')
    op.drop_index('ix_suggestion_decisions_doc_annotator', table_name='suggestion_decisions')
    op.drop_table('suggestion_decisions')
    op.drop_index('ix_suggestions_doc_recommender', table_name='suggestions')
    op.drop_table('suggestions')
