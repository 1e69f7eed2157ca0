"""A private link in a queued message: stored masked (as coordinators, the API and exports see it), the
live token sealed into the message until it goes out, then filled in at that moment and the seal wiped.
So nobody reads a person's link in Berichten, the API or an export, nor in a copy of the database."""
from __future__ import annotations

import logging

from matching.domain.message import Message, with_link
from matching.services.ports import Dependencies

log = logging.getLogger(__name__)
SEAL_PURPOSE = "private link in a queued message"


def seal_into(message: Message, token: str | None, deps: Dependencies) -> Message:
    """Seal the token into the message only when a mail (or, without an address, an SMS) will go out;
    stored messages never hold it."""
    if token and (deps.mail if message.to_address else deps.sms) is not None:
        message.link_seal = deps.links.seal(SEAL_PURPOSE, message.id, token)
    return message


def _token(message: Message, deps: Dependencies) -> str | None:
    if not message.link_seal:
        return None
    token = deps.links.unseal(SEAL_PURPOSE, message.id, message.link_seal)
    if token is None:  # SECRET_KEY changed while the message waited: send it with the link masked
        log.warning("message %s: its private link could not be opened; sent masked", message.id)
    return token


def mail_body(message: Message, deps: Dependencies) -> str:
    """The body as it goes out by mail: the live private link, opened from its seal at this moment."""
    return message.body_with_link(_token(message, deps))


def sms_body(message: Message, deps: Dependencies) -> str:
    """The text as it goes out by SMS: the short version when there is one, with the live link."""
    return with_link(message.sms_body or message.body, _token(message, deps))
