"""flip-over notes: a table's flip-over photo per activity

Revision ID: a3c5e7f9b142
Revises: e7a4c2b9d513
Create Date: 2026-12-16 10:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a3c5e7f9b142"
down_revision = "e7a4c2b9d513"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "flipover_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("table_number", sa.Integer(), nullable=False),
        sa.Column("jpeg", sa.LargeBinary(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_flipover_photos_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flipover_photos")),
    )
    op.create_index(op.f("ix_flipover_photos_activity_id"), "flipover_photos", ["activity_id"])


def downgrade():
    op.drop_index(op.f("ix_flipover_photos_activity_id"), table_name="flipover_photos")
    op.drop_table("flipover_photos")
