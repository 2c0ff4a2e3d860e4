"""pre-moderation and the organisation's word filter: held contributions, the word list

Revision ID: c5e8a1d3f7b2
Revises: b2d4f6a8c013
Create Date: 2026-12-06 03:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c5e8a1d3f7b2'
down_revision = 'b2d4f6a8c013'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contributions') as batch:
        batch.add_column(sa.Column('held', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(
            sa.Column('held_word', sa.String(length=60), server_default='', nullable=False)
        )
    op.create_table(
        'word_lists',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('words', sa.Text(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade():
    op.drop_table('word_lists')
    with op.batch_alter_table('contributions') as batch:
        batch.drop_column('held_word')
        batch.drop_column('held')
