"""SMS for people without email, off unless SMS_URL is set: the port, and when a message goes by SMS.

With SMS on, a message to someone without an email address goes to their mobile number (the short
`sms_body` when the message has one, with the live private link filled in from its seal) instead of
waiting on the call list. A landline, a refused number or no SMS set up: the message is stored and
the coordinator calls (matching/domain/call_task.py)."""
from __future__ import annotations

import logging
import re
from typing import Protocol

from matching.domain.errors import NotFound
from matching.domain.message import Message
from matching.services import notices
from matching.services.calls import person

log = logging.getLogger(__name__)
MAX_LENGTH = 1600  # what an SMS provider joins into one message at most


class SmsSender(Protocol):
    def send(self, to: str, text: str) -> None:
        """Send one SMS; raise SmsRefused (never retried) or anything else (retried by the worker)."""


def sender(settings) -> SmsSender | None:
    """The configured SMS sender (SMS_URL), or None when SMS is off."""
    if not settings.sms_url:
        return None
    from matching.adapters import sms

    return sms.from_url(settings.sms_url)


def mobile_number(phone: str | None) -> str | None:
    """A Dutch mobile number in international form (+316…), or None: only a mobile phone gets texts."""
    digits = re.sub(r"[\s().-]", "", phone or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+31" + digits[1:]
    return digits if re.fullmatch(r"\+316\d{8}", digits) else None


def text_of(message: Message, settings) -> str:
    """The SMS as it goes out: the short version (or the whole body) with the live link, at most 1600 characters."""
    text = notices.sms_body(message, settings)
    return text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH - 1] + "…"


def deliver(message: Message, uow, settings, via: SmsSender | None = None) -> None:
    """A message without an email address: by SMS when possible, else stored for the call list."""
    from matching.adapters.sms import SmsRefused

    via = via if via is not None else sender(settings)
    number = _number_of(message, uow) if via is not None else None
    if via is None or number is None:
        message.mark_stored()
        return
    message.attempts += 1
    try:
        via.send(number, text_of(message, settings))
    except SmsRefused as refusal:
        log.warning("message %s: SMS refused (%s); kept for the call list", message.id, refusal)
        message.mark_stored()
        return
    message.mark_sent()


def _number_of(message: Message, uow) -> str | None:
    try:
        someone = person(uow, message.organization_id, message.recipient_type, message.recipient_id)
    except NotFound:
        return None
    return None if someone.erased_at is not None else mobile_number(someone.phone)
