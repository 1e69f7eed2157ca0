"""the person record: who looks after a person (assigned_to), possible duplicates for a coordinator to
merge or keep apart, and an index for a person's messages on their timeline

Revision ID: 0015
Revises: 0013
Create Date: 2026-11-25 20:30:00
"""
from alembic import op
import sqlalchemy as sa
import matching.adapters.orm


revision = '0015'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('possible_duplicates',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('person_type', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('other_id', sa.String(length=36), nullable=False),
    sa.Column('likeness', sa.String(length=20), nullable=False),
    sa.Column('created_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.Column('resolved_at', matching.adapters.orm.UtcDateTime(), nullable=True),
    sa.Column('resolution', sa.String(length=10), nullable=True),
    sa.Column('resolved_by', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'],
                            name=op.f('fk_possible_duplicates_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_possible_duplicates'))
    )
    with op.batch_alter_table('possible_duplicates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_possible_duplicates_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('ix_possible_duplicates_open', ['organization_id', 'resolved_at'], unique=False)
        batch_op.create_index('ix_possible_duplicates_other', ['other_id'], unique=False)
    for table in ('requests', 'volunteers'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('assigned_to', sa.String(length=36), nullable=True))
            batch_op.create_index(f'ix_{table}_org_assigned', ['organization_id', 'assigned_to'], unique=False)
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index('ix_messages_recipient', ['recipient_type', 'recipient_id', 'created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_recipient')
    for table in ('requests', 'volunteers'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_org_assigned')
            batch_op.drop_column('assigned_to')
    op.drop_table('possible_duplicates')
