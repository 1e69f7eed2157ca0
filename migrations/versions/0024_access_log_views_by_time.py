"""the list views by time alone: a person's recent views (the private link page reads 92 days) range over
the index instead of every list view ever logged; on SQLite, which has no index on the ids a view held,
the page's cost is then bounded by those 92 days, not by the years of history

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-26 04:35:00
"""
from alembic import op


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_audit_views_at', 'audit_views', ['at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_audit_views_at', table_name='audit_views')
