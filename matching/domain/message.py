"""A message Koppel sends (or, without MAIL_URL, stores for the coordinator to pass on)."""
from __future__ import annotations

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow

MESSAGE_STATUSES = ("queued", "sent", "stored")


class Message(Aggregate):
    @classmethod
    def queue(cls, organization_id: str, to_address: str | None, subject: str, body: str,
              recipient_type: str, recipient_id: str, match_id: str | None = None, now=None) -> "Message":
        message = cls()
        message.id = new_id()
        message.organization_id = organization_id
        message.to_address, message.subject, message.body = to_address, subject, body
        message.recipient_type, message.recipient_id, message.match_id = recipient_type, recipient_id, match_id
        message.status, message.attempts = "queued", 0
        message.created_at = now or utcnow()
        message.sent_at = None
        message.record(ev.MessageQueued(organization_id, message.id))
        return message

    def mark_sent(self, now=None) -> None:
        self.status, self.sent_at = "sent", now or utcnow()

    def mark_stored(self) -> None:
        """No mail server configured: the coordinator sees it on the Berichten page."""
        self.status = "stored"
