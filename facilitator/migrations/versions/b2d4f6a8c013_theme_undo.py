"""undo of the facilitator's last change to an activity's themes

Revision ID: b2d4f6a8c013
Revises: a1c5e7f9b204
Create Date: 2026-12-06 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b2d4f6a8c013'
down_revision = 'a1c5e7f9b204'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'theme_undo',
        sa.Column('activity_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('before', sa.JSON(), nullable=False),
        sa.Column('after', sa.JSON(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('activity_id'),
    )


def downgrade():
    op.drop_table('theme_undo')
