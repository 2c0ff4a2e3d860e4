"""what an activity has published by group, kept for its whole life (facilitator.privacy)

Revision ID: c7f3a9d2e815
Revises: 2e5c1ba7917b
Create Date: 2026-12-02 10:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c7f3a9d2e815'
down_revision = '2e5c1ba7917b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('privacy', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_column('privacy')
