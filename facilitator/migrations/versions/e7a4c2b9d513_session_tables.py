"""table groups: a session's tables and each table's scribe

Revision ID: e7a4c2b9d513
Revises: d9f3b7a1c428
Create Date: 2026-12-15 10:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e7a4c2b9d513"
down_revision = "d9f3b7a1c428"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "session_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("scribe_salt", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["workshop_sessions.id"],
            name=op.f("fk_session_tables_session_id_workshop_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_tables")),
        sa.UniqueConstraint(
            "session_id", "number", name=op.f("uq_session_tables_session_id_number")
        ),
    )
    op.create_index(op.f("ix_session_tables_session_id"), "session_tables", ["session_id"])
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("scribe_table_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f("fk_participants_scribe_table_id_session_tables"),
            "session_tables",
            ["scribe_table_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("participants") as batch:
        batch.drop_constraint(
            op.f("fk_participants_scribe_table_id_session_tables"), type_="foreignkey"
        )
        batch.drop_column("scribe_table_id")
    op.drop_index(op.f("ix_session_tables_session_id"), table_name="session_tables")
    op.drop_table("session_tables")
