"""span notes: a comment and an "unsure" flag on every span

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Two columns on ``spans``: ``comment`` (free text, empty when none) and ``unsure``
(false when not flagged). Not attributes: a note is not the label's data and works
for every schema, and the span diff and agreement never see it. Existing spans get
an empty comment and no flag from the server defaults; on SQLite a NOT NULL column
with a constant default is added in place by ALTER TABLE (never a copy of the spans
table: dropping the old copy would cascade to the relations and links on its spans).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # recreate='never': a copy of the table would DROP the old one, and with foreign keys on,
    # SQLite would drop every relation and link on its spans by cascade
    with op.batch_alter_table('spans', schema=None, recreate='never') as batch_op:
        batch_op.add_column(sa.Column('comment', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('unsure', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('spans', schema=None) as batch_op:
        batch_op.drop_column('unsure')
        batch_op.drop_column('comment')
