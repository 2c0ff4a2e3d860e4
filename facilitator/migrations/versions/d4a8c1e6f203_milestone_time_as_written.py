"""a plan row's time as the secretariat wrote it ("September/oktober", seed 000)

Revision ID: d4a8c1e6f203
Revises: c7f3a9d2e815
Create Date: 2026-12-05 12:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd4a8c1e6f203'
down_revision = 'c7f3a9d2e815'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('time_text', sa.String(length=60), nullable=False, server_default='')
        )


def downgrade():
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_column('time_text')
