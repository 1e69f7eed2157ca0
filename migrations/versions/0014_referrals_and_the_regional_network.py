"""referrals by professionals (with the hash of the referrer's status link), regional networks of
organisations, and the record a sender keeps of a request handed to a partner

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-25 20:30:00
"""
from alembic import op
import sqlalchemy as sa
import matching.adapters.orm


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('networks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('slug', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_networks')),
    sa.UniqueConstraint('slug', name=op.f('uq_networks_slug'))
    )
    op.create_table('network_members',
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('joined_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_network_members_network_id_networks')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_network_members_organization_id_organizations')),
    sa.PrimaryKeyConstraint('network_id', 'organization_id', name=op.f('pk_network_members'))
    )
    op.create_index(op.f('ix_network_members_organization_id'), 'network_members', ['organization_id'], unique=False)
    op.create_table('referrals',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('referrer_name', sa.String(length=200), nullable=True),
    sa.Column('referrer_organization', sa.String(length=200), nullable=False),
    sa.Column('referrer_role', sa.String(length=20), nullable=False),
    sa.Column('referrer_email', sa.String(length=254), nullable=True),
    sa.Column('referrer_phone', sa.String(length=32), nullable=True),
    sa.Column('share_status', sa.Boolean(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=True),
    sa.Column('created_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_referrals_organization_id_organizations')),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_referrals_request_id_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_referrals_token_hash'))
    )
    op.create_index(op.f('ix_referrals_organization_id'), 'referrals', ['organization_id'], unique=False)
    op.create_index(op.f('ix_referrals_request_id'), 'referrals', ['request_id'], unique=False)
    op.create_table('transfers',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('from_organization_id', sa.String(length=36), nullable=False),
    sa.Column('to_organization_id', sa.String(length=36), nullable=False),
    sa.Column('transferred_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.Column('by_user', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['from_organization_id'], ['organizations.id'], name=op.f('fk_transfers_from_organization_id_organizations')),
    sa.ForeignKeyConstraint(['request_id'], ['requests.id'], name=op.f('fk_transfers_request_id_requests')),
    sa.ForeignKeyConstraint(['to_organization_id'], ['organizations.id'], name=op.f('fk_transfers_to_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_transfers'))
    )
    op.create_index(op.f('ix_transfers_request_id'), 'transfers', ['request_id'], unique=False)
    op.create_index(op.f('ix_transfers_from_organization_id'), 'transfers', ['from_organization_id'], unique=False)
    op.create_index(op.f('ix_transfers_to_organization_id'), 'transfers', ['to_organization_id'], unique=False)


def downgrade() -> None:
    for table in ('transfers', 'referrals', 'network_members', 'networks'):
        op.drop_table(table)
