"""Messages Koppel sends or stores, and blanking those about a person on erasure."""
from __future__ import annotations

from sqlalchemy import select, update

from matching.adapters import orm
from matching.adapters.repositories.base import SqlRepository
from matching.adapters.repositories.matches import of_person
from matching.domain.message import Message

ERASED = "[verwijderd]"


class MessageRepository(SqlRepository[Message]):
    cls = Message

    def blank_about(self, person_type: str, person_id: str) -> None:
        """Messages to the person, and the introductions of their matches, blanked."""
        msg = orm.messages.c
        self.session.execute(update(orm.messages).where(
            ((msg.recipient_type == person_type) & (msg.recipient_id == person_id))
            | msg.match_id.in_(select(orm.matches.c.id).where(of_person(person_type, person_id)))
        ).values(to_address=None, subject=ERASED, body=ERASED, link_seal=None, sms_body=None))
