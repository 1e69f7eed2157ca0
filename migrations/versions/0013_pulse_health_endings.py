"""the pulse (check-in questions per match, side and round, answered once), a match's stored health,
and designed endings (who initiated it, a note, whether there was a goodbye meeting)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28 10:00:00
"""
from alembic import op
import sqlalchemy as sa
import matching.adapters.orm


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pulses',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('match_id', sa.String(length=36), nullable=False),
    sa.Column('side', sa.String(length=10), nullable=False),
    sa.Column('person_type', sa.String(length=20), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('track', sa.String(length=30), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.Column('answered_at', matching.adapters.orm.UtcDateTime(), nullable=True),
    sa.Column('answers', sa.JSON(none_as_null=True), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['match_id'], ['matches.id'], name=op.f('fk_pulses_match_id_matches')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_pulses_organization_id_organizations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pulses')),
    sa.UniqueConstraint('match_id', 'side', 'round', name='uq_pulses_once'),
    sa.UniqueConstraint('token_hash', name=op.f('uq_pulses_token_hash'))
    )
    with op.batch_alter_table('pulses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pulses_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pulses_match_id'), ['match_id'], unique=False)
        batch_op.create_index('ix_pulses_person', ['person_type', 'person_id'], unique=False)

    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('initiated_by', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('end_note', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('goodbye_meeting', sa.Boolean(), nullable=True))
        batch_op.add_column(sa.Column('health', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('health_reasons', sa.JSON(none_as_null=True), nullable=True))
        batch_op.add_column(sa.Column('health_at', matching.adapters.orm.UtcDateTime(), nullable=True))
        batch_op.create_index('ix_matches_org_health', ['organization_id', 'health'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('matches', schema=None) as batch_op:
        batch_op.drop_index('ix_matches_org_health')
        for column in ('health_at', 'health_reasons', 'health', 'goodbye_meeting', 'end_note', 'initiated_by'):
            batch_op.drop_column(column)
    op.drop_table('pulses')
