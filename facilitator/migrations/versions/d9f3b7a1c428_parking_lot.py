"""the parking lot: questions and »husk« items, their votes, the projector's "Vis spørgsmål"

Revision ID: d9f3b7a1c428
Revises: d9e1f3a5c727
Create Date: 2026-12-08 10:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d9f3b7a1c428"
down_revision = "d9e1f3a5c727"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("workshop_sessions") as batch:
        batch.add_column(
            sa.Column("parking_shown", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "parking_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("held", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("held_word", sa.String(length=60), server_default="", nullable=False),
        sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("in_next_steps", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["parking_items.id"],
            name=op.f("fk_parking_items_merged_into_id_parking_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_parking_items_participant_id_participants"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["workshop_sessions.id"],
            name=op.f("fk_parking_items_session_id_workshop_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parking_items")),
        sa.UniqueConstraint(
            "participant_id", "client_id", name=op.f("uq_parking_items_participant_id_client_id")
        ),
    )
    op.create_index(op.f("ix_parking_items_session_id"), "parking_items", ["session_id"])
    op.create_index(op.f("ix_parking_items_participant_id"), "parking_items", ["participant_id"])
    op.create_table(
        "parking_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["parking_items.id"],
            name=op.f("fk_parking_votes_item_id_parking_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_parking_votes_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_parking_votes")),
        sa.UniqueConstraint(
            "item_id", "participant_id", name=op.f("uq_parking_votes_item_id_participant_id")
        ),
    )
    op.create_index(op.f("ix_parking_votes_item_id"), "parking_votes", ["item_id"])
    op.create_index(op.f("ix_parking_votes_participant_id"), "parking_votes", ["participant_id"])


def downgrade():
    op.drop_table("parking_votes")
    op.drop_table("parking_items")
    with op.batch_alter_table("workshop_sessions") as batch:
        batch.drop_column("parking_shown")
