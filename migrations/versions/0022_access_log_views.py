"""the access log of a list view as one row that holds everyone it showed, not one row per person
(issue 19: fifty inserts per page of fifty); on PostgreSQL the ids are a text[] with a GIN index, so
"the views that showed this person" is an index lookup. The per-person rows already written stay in
audit_log, untouched: the readers read both tables.

Revision ID: 0022
Revises: 0021
Create Date: 2026-11-26 02:40:00
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

import matching.adapters.orm


revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_views',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=True),
    sa.Column('action', sa.String(length=50), nullable=False),
    sa.Column('subject_types', sa.String(length=50), nullable=False),
    sa.Column('people', sa.Integer(), nullable=False),
    sa.Column('subject_ids', sa.JSON().with_variant(postgresql.ARRAY(sa.Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_views'))
    )
    op.create_index('ix_audit_views_org_at', 'audit_views', ['organization_id', 'at'], unique=False)
    if op.get_bind().dialect.name == "postgresql":  # SQLite has no such index: it scans the (few) view rows
        op.create_index('ix_audit_views_subjects', 'audit_views', ['subject_ids'], unique=False,
                        postgresql_using='gin')


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_audit_views_subjects")
    op.drop_index('ix_audit_views_org_at', table_name='audit_views')
    op.drop_table('audit_views')
