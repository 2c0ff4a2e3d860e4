"""an initiative's stage (planned, ongoing, done, waiting), a process's status overview
("Overordnet samarbejde" and the meeting the status report is for; seed 003)

Revision ID: e3b7f5a19c42
Revises: d4a8c1e6f203
Create Date: 2026-12-05 13:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e3b7f5a19c42'
down_revision = 'd4a8c1e6f203'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('tracked_initiatives', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('stage', sa.String(length=10), nullable=False, server_default='planned')
        )
    # An initiative that already has a status is under way; the secretariat corrects the rest.
    op.execute("UPDATE tracked_initiatives SET stage = 'ongoing' WHERE status <> ''")
    op.create_table('status_overviews',
    sa.Column('process_id', sa.Integer(), nullable=False),
    sa.Column('overall', sa.Text(), nullable=False),
    sa.Column('meeting_on', sa.Date(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['process_id'], ['processes.id'], name=op.f('fk_status_overviews_process_id_processes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('process_id', name=op.f('pk_status_overviews'))
    )


def downgrade():
    op.drop_table('status_overviews')
    with op.batch_alter_table('tracked_initiatives', schema=None) as batch_op:
        batch_op.drop_column('stage')
