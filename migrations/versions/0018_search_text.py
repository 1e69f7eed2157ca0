"""a folded search column on requests and volunteers (names, email, phone, postcode without accents or
capitals), filled for everyone already there, so the coordinator's lists search with plain LIKE; indexes for the
matches and messages lists' order (newest first)

Revision ID: 0018
Revises: 0013
Create Date: 2026-11-25 20:30:00
"""
from alembic import op
import sqlalchemy as sa

from matching.domain.search import search_text


revision = '0018'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("requests", "volunteers"):
        op.add_column(table, sa.Column('search_text', sa.String(length=600), nullable=True))
        op.create_index(f'ix_{table}_org_search', table, ['organization_id', 'search_text'], unique=False)
    op.create_index('ix_matches_org_proposed', 'matches', ['organization_id', 'proposed_at'], unique=False)
    op.create_index('ix_messages_org_created', 'messages', ['organization_id', 'created_at'], unique=False)
    op.create_index('ix_messages_recipient_id', 'messages', ['recipient_id'], unique=False)
    op.create_index('ix_requests_org_status_kind_created', 'requests', ['organization_id', 'status', 'kind', 'created_at'],
                    unique=False)
    op.create_index('ix_requests_blocked', 'requests', ['organization_id', 'status'], unique=False,
                    sqlite_where=sa.text("blocked_by IS NOT NULL"), postgresql_where=sa.text("blocked_by IS NOT NULL"))
    _fill("requests", has_last_name=False)
    _fill("volunteers", has_last_name=True)


def _fill(table: str, has_last_name: bool) -> None:
    """Everyone already stored gets their search text (in Python: the folding is the domain's own)."""
    connection = op.get_bind()
    last = ", last_name" if has_last_name else ""
    rows = connection.execute(sa.text(f"SELECT id, first_name{last}, email, phone, postcode FROM {table}")).mappings().all()
    update = sa.text(f"UPDATE {table} SET search_text = :text WHERE id = :id")
    values = [{"id": row["id"], "text": search_text(row["first_name"], row.get("last_name"), row["email"], row["phone"],
                                                     row["postcode"]) or None} for row in rows]
    if values:
        connection.execute(update, values)


def downgrade() -> None:
    op.drop_index('ix_requests_blocked', table_name='requests')
    op.drop_index('ix_requests_org_status_kind_created', table_name='requests')
    op.drop_index('ix_messages_recipient_id', table_name='messages')
    op.drop_index('ix_messages_org_created', table_name='messages')
    op.drop_index('ix_matches_org_proposed', table_name='matches')
    for table in ("requests", "volunteers"):
        op.drop_index(f'ix_{table}_org_search', table_name=table)
        op.drop_column(table, 'search_text')
