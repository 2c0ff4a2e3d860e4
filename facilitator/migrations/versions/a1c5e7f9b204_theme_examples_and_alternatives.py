"""themes that learn: a contribution placed by hand is an example of its theme; a theme keeps
its alternative headings and whether its heading is only a suggestion

Revision ID: a1c5e7f9b204
Revises: f8a2c4e6b913
Create Date: 2026-12-05 23:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'a1c5e7f9b204'
down_revision = 'f8a2c4e6b913'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('example', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('alternatives', sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column('suggestion', sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade():
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.drop_column('suggestion')
        batch_op.drop_column('alternatives')
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_column('example')
