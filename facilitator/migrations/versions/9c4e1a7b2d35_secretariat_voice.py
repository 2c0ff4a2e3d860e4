"""the secretariat's voice: notes per activity and theme, a summary per activity, next steps
per session, highlighted contributions, the session's hours

Revision ID: 9c4e1a7b2d35
Revises: 7a3d2e9f1b64
Create Date: 2026-11-30 00:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '9c4e1a7b2d35'
down_revision = '7a3d2e9f1b64'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('summary', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.add_column(sa.Column('note', sa.Text(), nullable=False, server_default=''))
    with op.batch_alter_table('workshop_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('next_steps', sa.Text(), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('starts_at', sa.Time(), nullable=True))
        batch_op.add_column(sa.Column('ends_at', sa.Time(), nullable=True))
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('highlighted', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade():
    with op.batch_alter_table('contributions', schema=None) as batch_op:
        batch_op.drop_column('highlighted')
    with op.batch_alter_table('workshop_sessions', schema=None) as batch_op:
        batch_op.drop_column('ends_at')
        batch_op.drop_column('starts_at')
        batch_op.drop_column('next_steps')
    with op.batch_alter_table('clusters', schema=None) as batch_op:
        batch_op.drop_column('note')
    with op.batch_alter_table('activities', schema=None) as batch_op:
        batch_op.drop_column('summary')
        batch_op.drop_column('note')
