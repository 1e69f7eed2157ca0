"""Consent records, by the person they are about."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.domain.consent import Consent


class ConsentRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, consent: Consent) -> None:
        self.session.add(consent)

    def of(self, subject_type: str, subject_id: str) -> list[Consent]:
        return list(self.session.scalars(select(Consent).where(
            Consent.subject_type == subject_type, Consent.subject_id == subject_id).order_by(Consent.given_at)))
