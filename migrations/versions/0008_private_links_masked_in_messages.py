"""private links masked in stored messages; a queued mail holds its link sealed until it is sent

Every stored body that holds a live `/mijn/<token>` link gets the token replaced by the mask, so no
coordinator, API call or export reads a person's link from a message again. Messages still queued
when this runs go out with the link masked (their token was never kept anywhere else).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26 10:00:00
"""
import re

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

LIVE_LINK = re.compile(r"/mijn/[A-Za-z0-9_\-]+")
MASKED = "/mijn/••••••••"
messages = sa.table("messages", sa.column("id", sa.String), sa.column("body", sa.Text))


def upgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link_seal', sa.String(length=200), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(messages.c.id, messages.c.body).where(messages.c.body.like("%/mijn/%"))).all()
    for message_id, body in rows:
        masked = LIVE_LINK.sub(MASKED, body)
        if masked != body:
            conn.execute(messages.update().where(messages.c.id == message_id).values(body=masked))


def downgrade() -> None:
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_column('link_seal')
