"""SMS for people without email, off unless SMS_URL is set: when a message goes by SMS (the sender is
the `SmsSender` port in `Dependencies`).

With SMS on, a message to someone without an email address goes to their mobile number (the short
`sms_body` when the message has one, with the live private link filled in from its seal) instead of
waiting on the call list. A landline, a refused number or no SMS set up: the message is stored and
the coordinator calls (matching/domain/call_task.py)."""
from __future__ import annotations

import logging
import re

from matching.domain.errors import NotFound
from matching.domain.message import Message
from matching.services import queued_links
from matching.services.calls import person
from matching.services.ports import Dependencies, UnitOfWork

log = logging.getLogger(__name__)
MAX_LENGTH = 1600  # what an SMS provider joins into one message at most


def mobile_number(phone: str | None) -> str | None:
    """A Dutch mobile number in international form (+316…), or None: only a mobile phone gets texts."""
    digits = re.sub(r"[\s().-]", "", phone or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+31" + digits[1:]
    return digits if re.fullmatch(r"\+316\d{8}", digits) else None


def text_of(message: Message, deps: Dependencies) -> str:
    """The SMS as it goes out: the short version (or the whole body) with the live link, at most 1600 characters."""
    text = queued_links.sms_body(message, deps)
    return text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH - 1] + "…"


def deliver(message: Message, uow: UnitOfWork, deps: Dependencies) -> None:
    """A message without an email address: by SMS when possible, else stored for the call list."""
    number = _number_of(message, uow) if deps.sms is not None else None
    if deps.sms is None or number is None:
        message.mark_stored()
        return
    message.attempts += 1
    refusal = deps.sms.deliver(number, text_of(message, deps))
    if refusal is not None:
        log.warning("message %s: SMS refused (%s); kept for the call list", message.id, refusal)
        message.mark_stored()
        return
    message.mark_sent(now=deps.clock.now())


def _number_of(message: Message, uow: UnitOfWork) -> str | None:
    try:
        someone = person(uow, message.organization_id, message.recipient_type, message.recipient_id)
    except NotFound:
        return None
    return None if someone.erased_at is not None else mobile_number(someone.phone)
