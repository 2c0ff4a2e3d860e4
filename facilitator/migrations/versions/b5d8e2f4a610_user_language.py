"""a facilitator's language

Revision ID: b5d8e2f4a610
Revises: 9c4e1a7b2d35
Create Date: 2026-11-30 01:30:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'b5d8e2f4a610'
down_revision = '9c4e1a7b2d35'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=False,
                                      server_default='da'))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('language')
