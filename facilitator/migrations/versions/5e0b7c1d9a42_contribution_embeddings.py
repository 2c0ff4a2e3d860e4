"""contribution embeddings: each statement's vector, stored once and reused by every grouping

Revision ID: 5e0b7c1d9a42
Revises: 2cdd8a69f3c8
Create Date: 2026-11-23 06:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '5e0b7c1d9a42'
down_revision = '2cdd8a69f3c8'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('embedding', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('embedding_model', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_column('embedding_model')
        batch_op.drop_column('embedding')
