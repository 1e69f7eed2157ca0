"""notes about a person (a call clears the call list), short codes for printed private links, and the
short SMS version of a message to someone without email

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27 10:00:00
"""
from alembic import op
import sqlalchemy as sa
import matching.adapters.orm


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notes',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('person_type', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notes_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('ix_notes_person', ['person_type', 'person_id', 'created_at'], unique=False)

    op.create_table('short_links',
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('person_type', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('link_seal', sa.String(length=200), nullable=False),
    sa.Column('created_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], ),
    sa.PrimaryKeyConstraint('code_hash')
    )
    with op.batch_alter_table('short_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_short_links_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('ix_short_links_person', ['person_type', 'person_id'], unique=False)

    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sms_body', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_column('sms_body')
    op.drop_table('short_links')
    op.drop_table('notes')
