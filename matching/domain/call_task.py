"""What the coordinator must tell someone Koppel cannot reach itself: a "te bellen" task.

There is no separate task to keep in step. Every message to a person is stored as a Message; one
that could not go out (no email address, and no SMS sent) is a call task, raised when the message
was made. It is open until a `call` note on that person is written after it. So whatever Koppel
says to people later (an ending, a pulse) reaches the call list without anyone remembering to add it.
The read side (matching/adapters/read_models/calls.py) asks the same in SQL; `is_open` is the rule in plain Python.
"""
from __future__ import annotations

from datetime import datetime
from typing import Iterable

from matching.domain.message import MessageStatus

PEOPLE = ("request", "volunteer")  # recipients who can be called (not a placement or a supervisor)
UNDELIVERED = (MessageStatus.QUEUED, MessageStatus.STORED)  # "sent" went out by mail or SMS: nothing left to tell


def needs_call(recipient_type: str, to_address: str | None, status: str, recipient_has_email: bool,
               recipient_erased: bool) -> bool:
    """A message is a call task when it went to a person without an email address and was not sent."""
    return (recipient_type in PEOPLE and to_address is None and not recipient_has_email
            and not recipient_erased and status in UNDELIVERED)


def is_open(raised_at: datetime, call_notes_at: Iterable[datetime]) -> bool:
    """Open until a call note on the person is written after the task was raised."""
    return not any(at > raised_at for at in call_notes_at)


FOOTER_START = "\n\nVragen? Neem contact op met "  # matching/domain/organization.py's contact_footer


def to_say(body: str) -> str:
    """What the coordinator tells: the message without its closing lines on how to reach the
    organisation (the caller is the organisation)."""
    return body.split(FOOTER_START, 1)[0]
