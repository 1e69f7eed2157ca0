"""consent records (purpose, text version, time, withdrawal), filled for people already stored

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24 21:40:00
"""
from uuid import uuid4

from alembic import op
import sqlalchemy as sa
import matching.adapters.orm


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('consents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('organization_id', sa.String(length=36), nullable=False),
    sa.Column('subject_type', sa.String(length=20), nullable=False),
    sa.Column('subject_id', sa.String(length=36), nullable=False),
    sa.Column('purpose', sa.String(length=30), nullable=False),
    sa.Column('text_version', sa.String(length=20), nullable=False),
    sa.Column('given_via', sa.String(length=20), nullable=False),
    sa.Column('given_at', matching.adapters.orm.UtcDateTime(), nullable=False),
    sa.Column('withdrawn_at', matching.adapters.orm.UtcDateTime(), nullable=True),
    sa.Column('withdrawn_via', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index('ix_consents_subject', ['subject_type', 'subject_id'], unique=False)

    # people stored before this migration: their consent as the person rows recorded it
    connection = op.get_bind()
    rows = []
    for table, subject in (("requests", "request"), ("volunteers", "volunteer")):
        people = connection.execute(sa.text(
            f"SELECT id, organization_id, consent_version, consent_at, created_at, erased_at FROM {table}"))
        for person in people:
            rows.append({"id": str(uuid4()), "organization_id": person.organization_id, "subject_type": subject,
                         "subject_id": person.id, "purpose": "matching",
                         "text_version": person.consent_version or "import",
                         "given_via": "import" if person.consent_version == "import" else "form",
                         "given_at": person.consent_at or person.created_at, "withdrawn_at": person.erased_at,
                         "withdrawn_via": "link" if person.erased_at else None})
    if rows:  # raw values back as they came out, so both SQLite and PostgreSQL keep their own format
        connection.execute(sa.text(
            "INSERT INTO consents (id, organization_id, subject_type, subject_id, purpose, text_version, given_via,"
            " given_at, withdrawn_at, withdrawn_via) VALUES (:id, :organization_id, :subject_type, :subject_id,"
            " :purpose, :text_version, :given_via, :given_at, :withdrawn_at, :withdrawn_via)"), rows)


def downgrade() -> None:
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index('ix_consents_subject')
        batch_op.drop_index(batch_op.f('ix_consents_organization_id'))

    op.drop_table('consents')
