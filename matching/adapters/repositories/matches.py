"""Matches, and what they say about offers: places taken, pairs never to suggest again."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

from sqlalchemy import func, select, update

from matching.adapters import orm
from matching.adapters.repositories.base import SqlRepository
from matching.domain.match import Match, MatchStatus, OfferType

m = orm.matches.c


def of_person(person_type: str, person_id: str):
    """The condition for "this person's matches", on either side."""
    return (m.request_id == person_id) if person_type == "request" else (
        (m.offer_type == person_type) & (m.offer_id == person_id))


class MatchRepository(SqlRepository[Match]):
    cls = Match

    def active_load(self, offer_type: str, offer_id: str) -> int:
        """Active matches of one offer: the places taken."""
        return self.session.scalar(select(func.count()).select_from(orm.matches).where(
            m.offer_type == offer_type, m.offer_id == offer_id, m.status == MatchStatus.ACTIVE)) or 0

    def reserved_loads(self, organization_id: str) -> Counter:
        """Places taken or held by a proposal, per (offer_type, offer_id): suggestions skip full offers."""
        rows = self.session.execute(select(m.offer_type, m.offer_id, func.count()).where(
            m.organization_id == organization_id, m.status.in_((MatchStatus.ACTIVE, MatchStatus.PROPOSED)),
        ).group_by(m.offer_type, m.offer_id))
        return Counter({(t, i): n for t, i, n in rows})

    def excluded_pairs(self, request_ids: Iterable[str]) -> set[tuple[str, str, str]]:
        """(request_id, offer_type, offer_id) pairs that must never be suggested again."""
        ids = list(request_ids)
        if not ids:
            return set()
        rows = self.session.scalars(select(Match).where(Match.request_id.in_(ids),
                                                        Match.status.in_((MatchStatus.DECLINED, MatchStatus.ENDED))))
        return {(match.request_id, match.offer_type, match.offer_id) for match in rows if match.excludes_pair}

    def running_for(self, person_type: str, person_id: str) -> Match | None:
        """The person's current active match, if any (for the first-meeting question)."""
        query = select(Match).where(Match.status == MatchStatus.ACTIVE)
        query = query.where(Match.request_id == person_id) if person_type == "request" else query.where(
            Match.offer_type == OfferType.VOLUNTEER, Match.offer_id == person_id)
        return self.session.scalars(query.order_by(Match.confirmed_at.desc())).first()

    def for_person(self, person_type: str, person_id: str, statuses: tuple[str, ...]) -> list[Match]:
        """The person's matches in these statuses, the most recently changed first (their own page)."""
        query = select(Match).where(Match.status.in_(statuses))
        query = query.where(Match.request_id == person_id) if person_type == "request" else query.where(
            Match.offer_type == OfferType.VOLUNTEER, Match.offer_id == person_id)
        return list(self.session.scalars(query.order_by(Match.updated_at.desc(), Match.id)))

    def active(self) -> list[Match]:
        """Every active match of every organisation (the reminder run)."""
        return list(self.session.scalars(select(Match).where(Match.status == MatchStatus.ACTIVE).order_by(Match.id)))

    def clear_reasons(self, person_type: str, person_id: str) -> None:
        """The coordinator's free-text reasons on the person's matches, cleared (erasure)."""
        self.session.execute(update(orm.matches).where(of_person(person_type, person_id)).values(decline_reason=None))
