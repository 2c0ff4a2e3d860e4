"""the activity timer: its end time, the seconds left while paused, close at 0 (issue 25)

Revision ID: d9e1f3a5c727
Revises: c5e8a1d3f7b2
Create Date: 2026-12-08 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd9e1f3a5c727'
down_revision = 'c5e8a1d3f7b2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timer_ends_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('timer_paused_left', sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                'timer_closes_at_zero', sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )
        batch_op.create_index(
            batch_op.f('ix_activities_timer_ends_at'), ['timer_ends_at'], unique=False
        )


def downgrade():
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activities_timer_ends_at'))
        batch_op.drop_column('timer_closes_at_zero')
        batch_op.drop_column('timer_paused_left')
        batch_op.drop_column('timer_ends_at')
