"""a waiting person's last contact on their request row (the newest call note, or message that was sent
or meant for an email address), filled for everyone already there, with a partial index for the
dashboard's "contacted in the last four weeks" (issue 19: it read every recent message on each load)

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-26 03:10:00
"""
from alembic import op
import sqlalchemy as sa

from matching.adapters.orm import UtcDateTime


revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

LAST_CONTACT = """
UPDATE requests SET last_contact_at = (
    SELECT max(at) FROM (
        SELECT notes.created_at AS at FROM notes
        WHERE notes.person_type = 'request' AND notes.kind = 'call' AND notes.person_id = requests.id
        UNION ALL
        SELECT coalesce(messages.sent_at, messages.created_at) AS at FROM messages
        WHERE messages.recipient_type = 'request' AND messages.recipient_id = requests.id
          AND (messages.status = 'sent' OR messages.to_address IS NOT NULL)
    ) AS contacts
)
"""


def upgrade() -> None:
    op.add_column('requests', sa.Column('last_contact_at', UtcDateTime(timezone=True), nullable=True))
    op.execute(LAST_CONTACT)
    op.create_index('ix_requests_live_contact', 'requests', ['organization_id', 'status', 'last_contact_at'],
                    unique=False, sqlite_where=sa.text('erased_at IS NULL'), postgresql_where=sa.text('erased_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_requests_live_contact', table_name='requests', sqlite_where=sa.text('erased_at IS NULL'),
                  postgresql_where=sa.text('erased_at IS NULL'))
    op.drop_column('requests', 'last_contact_at')
