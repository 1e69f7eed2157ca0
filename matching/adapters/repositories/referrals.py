"""Referrals, by the hash of the referrer's link or by the request they brought in."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.domain.errors import NotFound
from matching.domain.referral import Referral


class ReferralRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, referral: Referral) -> None:
        self.session.add(referral)

    def by_token(self, token_hash: str) -> Referral:
        found = self.session.scalars(select(Referral).where(Referral.token_hash == token_hash)).first()
        if found is None:
            raise NotFound("referral not found")
        return found

    def of_request(self, request_id: str) -> list[Referral]:
        return list(self.session.scalars(select(Referral).where(Referral.request_id == request_id)))
