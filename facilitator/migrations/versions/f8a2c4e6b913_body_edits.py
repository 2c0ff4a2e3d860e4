"""the secretary's edits to a session document's body (the output page)

Revision ID: f8a2c4e6b913
Revises: e3b7f5a19c42
Create Date: 2026-12-05 14:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'f8a2c4e6b913'
down_revision = 'e3b7f5a19c42'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'body_edits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('activity_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('cluster_id', sa.Integer(), nullable=True),
        sa.Column('contribution_id', sa.Integer(), nullable=True),
        sa.Column('other_id', sa.Integer(), nullable=True),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['cluster_id'], ['clusters.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['contribution_id'], ['contributions.id'], ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['other_id'], ['contributions.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('body_edits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_edits_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(
            batch_op.f('ix_body_edits_contribution_id'), ['contribution_id'], unique=False
        )
        batch_op.create_index(batch_op.f('ix_body_edits_other_id'), ['other_id'], unique=False)


def downgrade():
    with op.batch_alter_table('body_edits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_edits_other_id'))
        batch_op.drop_index(batch_op.f('ix_body_edits_contribution_id'))
        batch_op.drop_index(batch_op.f('ix_body_edits_activity_id'))
    op.drop_table('body_edits')
