"""an index on notes by organisation, kind and time: the dashboard counts the waiting people called in
the last 28 days on every load

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-25 22:05:00
"""
from alembic import op


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_notes_org_kind_created', 'notes', ['organization_id', 'kind', 'created_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_notes_org_kind_created', table_name='notes')
