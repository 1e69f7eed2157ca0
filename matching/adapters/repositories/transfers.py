"""Handovers: the sender's record, and moving what belongs to the person along with the request."""
from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.network import Transfer


class TransferRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, transfer: Transfer) -> None:
        self.session.add(transfer)

    def move_records(self, request_id: str, to_organization_id: str) -> None:
        """The person's notes, consent records, messages to them and referral go where the request goes."""
        for table, who in ((orm.notes, ("person_type", "person_id")), (orm.consents, ("subject_type", "subject_id")),
                           (orm.messages, ("recipient_type", "recipient_id"))):
            kind, id_ = table.c[who[0]], table.c[who[1]]
            self.session.execute(update(table).where(kind == "request", id_ == request_id)
                                 .values(organization_id=to_organization_id))
        self.session.execute(update(orm.referrals).where(orm.referrals.c.request_id == request_id)
                             .values(organization_id=to_organization_id))
