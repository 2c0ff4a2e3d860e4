"""security and audit: session versions and lockout for users, session passcode and close
time, the audit trail

Revision ID: 7a3d2e9f1b64
Revises: 5e0b7c1d9a42
Create Date: 2026-11-29 23:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '7a3d2e9f1b64'
down_revision = '5e0b7c1d9a42'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False,
                                      server_default='0'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(), nullable=True))
    with op.batch_alter_table('workshop_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('passcode', sa.String(length=20), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('closed_at', sa.DateTime(), nullable=True))
    op.create_table(
        'audit_events',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('event', sa.String(length=40), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('actor', sa.String(length=254), nullable=False),
        sa.Column('address', sa.String(length=64), nullable=False),
        sa.Column('detail', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                                name=op.f('fk_audit_events_user_id_users'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events')),
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_created_at'), ['created_at'])
        batch_op.create_index(batch_op.f('ix_audit_events_event'), ['event'])


def downgrade():
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_event'))
        batch_op.drop_index(batch_op.f('ix_audit_events_created_at'))
    op.drop_table('audit_events')
    with op.batch_alter_table('workshop_sessions', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
        batch_op.drop_column('passcode')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')
        batch_op.drop_column('session_version')
