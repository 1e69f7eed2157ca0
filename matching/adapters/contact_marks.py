"""A waiting person's last contact, kept on their request row as calls and messages are stored: the
dashboard's "contacted in the last four weeks" and the "bel even" reminders read one column instead of
every message and call note of the last weeks (issue 19: after a campaign's sign-ups the dashboard read
thousands of message rows on every load)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, or_, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from matching.adapters import orm
from matching.domain.message import Message
from matching.domain.note import Note
from matching.domain.people import Request


class ContactMarks:
    """Contacts seen in what a flush writes (the domain says what counts: `Message.contact`, `Note.contact`).
    A request in the session hears of it at once (a sign-up and its confirmation: no extra statement);
    the others are updated in one statement after the last flush of the transaction."""

    def __init__(self) -> None:
        self.pending: dict[str, datetime] = {}

    def collect(self, session: Session) -> None:
        contacts = [contact for obj in (*session.new, *session.dirty)
                    if isinstance(obj, (Message, Note)) and (contact := obj.contact())]
        if not contacts:
            return
        new_requests = {obj.id: obj for obj in session.new if isinstance(obj, Request)}
        for request_id, at in contacts:
            request = new_requests.get(request_id) or session.identity_map.get(identity_key(Request, request_id))
            if request is not None:
                request.heard_from_us(at)
            elif request_id not in self.pending or at > self.pending[request_id]:
                self.pending[request_id] = at

    def write(self, session: Session) -> None:
        """The requests not in the session, each moved forward only (an older contact changes nothing)."""
        if not self.pending:
            return
        r = orm.requests.c
        session.execute(
            update(orm.requests).where(r.id == bindparam("request_id"),
                                       or_(r.last_contact_at.is_(None), r.last_contact_at < bindparam("at")))
            .values(last_contact_at=bindparam("at")),
            [{"request_id": request_id, "at": at} for request_id, at in sorted(self.pending.items())])
        self.pending = {}

    def forget(self) -> None:
        self.pending = {}
