"""a folded search column on requests and volunteers (names, email, phone, postcode without accents or
capitals), filled for everyone already there, so the coordinator's lists search with plain LIKE

Revision ID: 0018
Revises: 0013
Create Date: 2026-11-25 20:30:00
"""
from alembic import op
import sqlalchemy as sa

from matching.domain.search import search_text


revision = '0018'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("requests", "volunteers"):
        op.add_column(table, sa.Column('search_text', sa.String(length=600), nullable=True))
        op.create_index(f'ix_{table}_org_search', table, ['organization_id', 'search_text'], unique=False)
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
    for table in ("requests", "volunteers"):
        op.drop_index(f'ix_{table}_org_search', table_name=table)
        op.drop_column(table, 'search_text')
