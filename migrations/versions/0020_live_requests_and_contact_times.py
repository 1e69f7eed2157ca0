"""indexes for the lists at 10,000 people: the requests not erased (how many wait, from the index alone),
when a message reached someone (who heard from us in the last 28 days), and on PostgreSQL trigram
indexes on the search text, so a search is an index lookup rather than a scan of every name

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-25 23:40:00
"""
import sqlalchemy as sa
from alembic import op


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None

TRIGRAM_INDEXES = {"ix_requests_search_trgm": "requests", "ix_volunteers_search_trgm": "volunteers"}


def upgrade() -> None:
    op.create_index('ix_requests_live', 'requests', ['organization_id', 'status', 'created_at'], unique=False,
                    sqlite_where=sa.text('erased_at IS NULL'), postgresql_where=sa.text('erased_at IS NULL'))
    op.create_index('ix_messages_org_contact', 'messages', ['organization_id', sa.text('coalesce(sent_at, created_at)')],
                    unique=False)
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    try:  # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. Without it
        # search still works, by scanning.
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    except sa.exc.DBAPIError:
        return
    for name, table in TRIGRAM_INDEXES.items():
        bind.execute(sa.text(f"CREATE INDEX {name} ON {table} USING gin (search_text gin_trgm_ops)"))


def downgrade() -> None:
    for name in TRIGRAM_INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    op.drop_index('ix_messages_org_contact', table_name='messages')
    op.drop_index('ix_requests_live', table_name='requests')
