"""a sign-up's look-alikes by indexed equality: folded email, folded first name (with the postcode) and
the phone's last nine digits on requests and volunteers, filled for everyone already there; possible
duplicates indexed by their first record too (issue 19: the look-alike query read every person of the
organisation on every public submission)

Revision ID: 0021
Revises: 0020
Create Date: 2026-11-26 00:05:00
"""
from alembic import op
import sqlalchemy as sa

from matching.domain.duplicate import lookup_keys


revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None
KEYS = (('email_key', 254), ('name_key', 100), ('phone_tail', 9))


def upgrade() -> None:
    for table in ("requests", "volunteers"):
        for name, length in KEYS:
            op.add_column(table, sa.Column(name, sa.String(length=length), nullable=True))
        op.create_index(f'ix_{table}_org_email_key', table, ['organization_id', 'email_key'], unique=False)
        op.create_index(f'ix_{table}_org_name_key', table, ['organization_id', 'name_key', 'postcode'], unique=False)
        op.create_index(f'ix_{table}_org_phone_tail', table, ['organization_id', 'phone_tail'], unique=False)
        _fill(table)
    op.create_index('ix_possible_duplicates_person', 'possible_duplicates', ['person_id'], unique=False)


def _fill(table: str) -> None:
    """Everyone already stored gets their keys (in Python: the folding is the domain's own)."""
    connection = op.get_bind()
    rows = connection.execute(sa.text(f"SELECT id, first_name, email, phone FROM {table}")).mappings().all()
    values = []
    for row in rows:
        email, name, tail = lookup_keys(row["first_name"], row["email"], row["phone"])
        values.append({"id": row["id"], "email_key": email, "name_key": name, "phone_tail": tail})
    if values:
        connection.execute(sa.text(f"UPDATE {table} SET email_key = :email_key, name_key = :name_key, "
                                   f"phone_tail = :phone_tail WHERE id = :id"), values)


def downgrade() -> None:
    op.drop_index('ix_possible_duplicates_person', table_name='possible_duplicates')
    for table in ("requests", "volunteers"):
        op.drop_index(f'ix_{table}_org_phone_tail', table_name=table)
        op.drop_index(f'ix_{table}_org_name_key', table_name=table)
        op.drop_index(f'ix_{table}_org_email_key', table_name=table)
        for name, _ in KEYS:
            op.drop_column(table, name)
