"""drop two indexes nothing reads since migration 0023: when a message reached someone (the dashboard
counted "who heard from us" from the messages; it reads the request's last contact now) and the requests
not erased by sign-up time (the waiting count comes from ix_requests_live_contact, which has the same
organisation and status in front). Each was written on every public sign-up.

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-26 05:00:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_messages_org_contact', table_name='messages')
    op.drop_index('ix_requests_live', table_name='requests', sqlite_where=sa.text('erased_at IS NULL'),
                  postgresql_where=sa.text('erased_at IS NULL'))


def downgrade() -> None:
    op.create_index('ix_requests_live', 'requests', ['organization_id', 'status', 'created_at'], unique=False,
                    sqlite_where=sa.text('erased_at IS NULL'), postgresql_where=sa.text('erased_at IS NULL'))
    op.create_index('ix_messages_org_contact', 'messages', ['organization_id', sa.text('coalesce(sent_at, created_at)')],
                    unique=False)
