"""the private link: a request can pause, a volunteer's pause says who set it, a request's own
distance is optional (NULL: the default of its kind applies)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-26 10:00:00
"""
from alembic import op
import sqlalchemy as sa

import matching.adapters.orm

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paused_at', matching.adapters.orm.UtcDateTime(timezone=True), nullable=True))
        batch_op.alter_column('max_distance_km', existing_type=sa.Float(), nullable=True)
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paused_by', sa.String(length=20), nullable=True))
    # Pauses from before this revision were all set by the coordinator's screen or the volunteer's
    # link, which could not be told apart: leave them to the coordinator.
    op.execute("UPDATE volunteers SET paused_by = 'coordinator' WHERE status = 'paused'")


def downgrade() -> None:
    op.execute("UPDATE requests SET max_distance_km = CASE kind WHEN 'werkervaringsplaats' THEN 25.0 ELSE 10.0 END "
               "WHERE max_distance_km IS NULL")
    with op.batch_alter_table('volunteers', schema=None) as batch_op:
        batch_op.drop_column('paused_by')
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.alter_column('max_distance_km', existing_type=sa.Float(), nullable=False)
        batch_op.drop_column('paused_at')
