"""A message Koppel sends (or, without MAIL_URL, stores for the coordinator to pass on).

A private link never sits in a stored body: the body holds it masked, as everyone who reads messages
(coordinators, the API, exports) sees it. Only the mail that goes out carries the live link, filled
in at the moment of sending from `link_seal`, which is wiped as soon as the message is sent or stored."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow


class MessageStatus(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    STORED = "stored"  # no mail server: kept for the coordinator to pass on

LINK_PATH = "/mijn/"
PULSE_PATH = "/pulse/"  # a check-in's questions (matching/domain/pulse.py)
SUPERVISOR_PATH = "/begeleider/"  # a werkervaringsplaats's supervisor (matching/domain/evaluation.py)
LINK_PATHS = (LINK_PATH, PULSE_PATH, SUPERVISOR_PATH)
LINK_MASK = "••••••••"  # stands in a stored body for a private link's token


def masked_link(public_url: str, path: str = LINK_PATH) -> str:
    """How a private link reads in a stored message: the address without its secret part."""
    return f"{public_url}{path}{LINK_MASK}"


def with_link(text: str, token: str | None) -> str:
    """`text` with its masked private link filled in with the token (when known)."""
    if not token:
        return text
    for path in LINK_PATHS:
        if path + LINK_MASK in text:
            return text.replace(path + LINK_MASK, path + token, 1)
    return text


class Message(Aggregate):
    """`link_seal` holds the private link's token, sealed, only while the message waits to be sent.
    `sms_body`: a short version for a person without email, sent by SMS when one is configured
    (without it an SMS carries the whole body); its private link is masked as in `body`."""

    id: str
    organization_id: str
    match_id: str | None
    recipient_type: str  # "request" or "volunteer"
    recipient_id: str
    to_address: str | None
    subject: str
    body: str  # any private link in it masked
    status: MessageStatus
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    link_seal: str | None
    sms_body: str | None

    @classmethod
    def queue(cls, organization_id: str, to_address: str | None, subject: str, body: str,
              recipient_type: str, recipient_id: str, match_id: str | None = None, now=None,
              sms_body: str | None = None) -> "Message":
        message = cls()
        message.id = new_id()
        message.organization_id = organization_id
        message.to_address, message.subject, message.body = to_address, subject, body
        message.recipient_type, message.recipient_id, message.match_id = recipient_type, recipient_id, match_id
        message.status, message.attempts = MessageStatus.QUEUED, 0
        message.created_at = now or utcnow()
        message.sent_at = None
        message.link_seal = None
        message.sms_body = sms_body
        message.record(ev.MessageQueued(organization_id, message.id))
        return message

    def body_with_link(self, token: str | None) -> str:
        """The body as it goes out: the masked private link filled in with its token (when known)."""
        return with_link(self.body, token)

    def mark_sent(self, now=None) -> None:
        self.status, self.sent_at, self.link_seal = MessageStatus.SENT, now or utcnow(), None

    def contact(self) -> tuple[str, datetime] | None:
        """(request id, when) if this message is contact with a waiting person (CONTRACT section 10): sent,
        or meant for an email address; a message waiting on the call list is no contact yet."""
        if self.recipient_type != "request" or (self.status != MessageStatus.SENT and not self.to_address):
            return None
        return self.recipient_id, self.sent_at or self.created_at

    def mark_stored(self) -> None:
        """No mail server configured: the coordinator sees it (link masked) on the Berichten page."""
        self.status, self.link_seal = MessageStatus.STORED, None
