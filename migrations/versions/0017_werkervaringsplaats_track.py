"""werkervaringsplaats as its own track: work areas, hours and goals on requests; host, work areas and
supervisor on placements; the supervisor's private link and the evaluations; fluid roles (a request
and a volunteer record of one person linked)

Revision ID: 0017
Revises: 0013
Create Date: 2026-11-25 20:30:00
"""
from alembic import op
import sqlalchemy as sa
import matching.adapters.orm


revision = '0017'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('requests') as batch:
        batch.add_column(sa.Column('work_areas', sa.JSON(none_as_null=True), nullable=True))
        batch.add_column(sa.Column('hours_per_week', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('goals', sa.Text(), nullable=True))
        batch.add_column(sa.Column('work_support', sa.Text(), nullable=True))
        batch.add_column(sa.Column('volunteer_id', sa.String(length=36), nullable=True))
    with op.batch_alter_table('volunteers') as batch:
        batch.add_column(sa.Column('request_id', sa.String(length=36), nullable=True))
    with op.batch_alter_table('placements') as batch:
        batch.add_column(sa.Column('work_areas', sa.JSON(none_as_null=True), nullable=True))
        batch.add_column(sa.Column('host_name', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('host_address', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('supervisor_name', sa.String(length=100), nullable=True))
        batch.add_column(sa.Column('supervisor_email', sa.String(length=254), nullable=True))
        batch.add_column(sa.Column('supervisor_phone', sa.String(length=32), nullable=True))
    op.create_table('supervisions',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('match_id', sa.String(length=36), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.Column('closing_words', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['match_id'], ['matches.id'], name=op.f('fk_supervisions_match_id_matches')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_supervisions_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervisions')),
    sa.UniqueConstraint('match_id', name=op.f('uq_supervisions_match_id')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_supervisions_token_hash'))
    )
    op.create_index(op.f('ix_supervisions_organization_id'), 'supervisions', ['organization_id'], unique=False)
    op.create_table('evaluations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('match_id', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('side', sa.String(length=12), nullable=False),
    sa.Column('moment', sa.String(length=12), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('answered_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.Column('goals_progress', sa.Integer(), nullable=False),
    sa.Column('went_well', sa.Text(), nullable=True),
    sa.Column('next_step', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['match_id'], ['matches.id'], name=op.f('fk_evaluations_match_id_matches')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_evaluations_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluations')),
    sa.UniqueConstraint('match_id', 'side', 'moment', name='uq_evaluations_once')
    )
    op.create_index(op.f('ix_evaluations_match_id'), 'evaluations', ['match_id'], unique=False)
    op.create_index(op.f('ix_evaluations_organization_id'), 'evaluations', ['organization_id'], unique=False)
    op.create_index(op.f('ix_evaluations_request_id'), 'evaluations', ['request_id'], unique=False)


def downgrade() -> None:
    op.drop_table('evaluations')
    op.drop_table('supervisions')
    with op.batch_alter_table('placements') as batch:
        for name in ('supervisor_phone', 'supervisor_email', 'supervisor_name', 'host_address', 'host_name',
                     'work_areas'):
            batch.drop_column(name)
    with op.batch_alter_table('volunteers') as batch:
        batch.drop_column('request_id')
    with op.batch_alter_table('requests') as batch:
        for name in ('volunteer_id', 'work_support', 'goals', 'hours_per_week', 'work_areas'):
            batch.drop_column(name)
