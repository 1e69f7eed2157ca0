"""Scoring waiting requests against the organisation's offers and storing the suggestions."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Iterable

from matching.domain.people import Request
from matching.scoring import OfferIndex
from matching.scoring.rules import distance_km
from matching.services import blocking_rules
from matching.services.ports import UnitOfWork
from matching.services.profiles import offer_profile, request_profile


_CACHE: dict[str, tuple[tuple, "OrganizationOffers"]] = {}  # per worker process: org -> (version, offers)
_CACHE_SIZE = 64
_CHECKED: dict[str, float] = {}  # per worker process: org -> when its version was last checked (monotonic s)


@dataclass
class OrganizationOffers:
    """The organisation's available offers as one index, with their (type, id) keys by position."""

    index: OfferIndex
    keys: list[tuple[str, str]]

    @classmethod
    def load(cls, uow: UnitOfWork, organization_id: str) -> "OrganizationOffers":
        """The index, rebuilt only when an offer or a match of the organisation changed since the last build.

        Each event used to rebuild it (tens of ms for a few hundred volunteers); a worker scoring a
        stream of new requests now reuses it, checked by one cheap aggregate query.
        """
        version = uow.offers.version(organization_id)
        cached = _CACHE.get(organization_id)
        if cached is not None and cached[0] == version:
            return cached[1]
        loads = uow.matches.reserved_loads(organization_id)
        offers = uow.offers.available(organization_id)
        profiles = [offer_profile(t, o, o.capacity - loads[(t, o.id)]) for t, o in offers]
        built = cls(OfferIndex(profiles), [(t, o.id) for t, o in offers])
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[organization_id] = (version, built)
        return built

    @classmethod
    def load_recent(cls, uow: UnitOfWork, organization_id: str, max_age: float) -> "OrganizationOffers":
        """The cached index without asking the database again when its version was checked less than
        `max_age` seconds ago: for counts that may lag a partner's changes a little (the version check
        of 10 partners cost more than counting their 50,000 offers)."""
        cached, checked = _CACHE.get(organization_id), _CHECKED.get(organization_id)
        if cached is not None and checked is not None and time.monotonic() - checked < max_age:
            return cached[1]
        built = cls.load(uow, organization_id)
        _CHECKED[organization_id] = time.monotonic()
        return built

    def suggestions(self, request: Request, excluded: set[tuple[str, str, str]], k: int) -> list[dict]:
        """The top-k rows to store for one request, excluded pairs left out."""
        position = {key: i for i, key in enumerate(self.keys)}
        banned = [position[(offer_type, offer_id)] for request_id, offer_type, offer_id in excluded
                  if request_id == request.id and (offer_type, offer_id) in position]
        return [
            {"offer_type": self.keys[candidate.index][0], "offer_id": self.keys[candidate.index][1],
             "score": round(candidate.score, 6), "distance_km": round(candidate.distance_km, 2),
             "breakdown": candidate.breakdown}
            for candidate in self.index.rank(request_profile(request), k=k, exclude=banned)
        ]


def rescore(uow: UnitOfWork, organization_id: str, request_ids: Iterable[str] | None, k: int,
            now: datetime) -> int:
    """Recompute and store the suggestions of some (None: all) waiting requests; return how many.

    The requests are locked first, so two workers rescoring the same request take turns and the
    second one scores against what the first one committed.
    """
    waiting = uow.requests.waiting(organization_id, request_ids, lock=True)
    if not waiting:
        return 0
    offers = OrganizationOffers.load(uow, organization_id)
    excluded = uow.matches.excluded_pairs(r.id for r in waiting)
    for request in waiting:
        rows = offers.suggestions(request, excluded, k)
        uow.suggestions.replace(request.id, rows, now)
        request.scored_at = now
        # Nobody fits: keep which rule blocks it, so the dashboard can sum it without rescoring.
        request.blocked_by = None if rows else dict(blocking_rules.counts(uow, organization_id, request))
    return len(waiting)


BATCH = 50  # requests scored in one transaction when many arrive at once
RECENT = timedelta(minutes=10)


def score_new(uow: UnitOfWork, organization_id: str, request_id: str, k: int, now: datetime) -> int:
    """A new request: score it together with the other new ones not yet scored (up to BATCH), in
    one transaction. Under a stream of sign-ups most events then find their request done already,
    and the index, the excluded pairs and the commit are shared by the batch."""
    ids = uow.requests.unscored(organization_id, request_id, now - RECENT, BATCH - 1)
    return rescore(uow, organization_id, ids, k, now) if ids else 0


def requests_within_reach(uow: UnitOfWork, organization_id: str, offer_profile_) -> list[str]:
    """Waiting requests that a newly available offer could serve (by distance alone, a cheap filter)."""
    out = []
    for request in uow.requests.waiting(organization_id):
        ask = request_profile(request)
        if distance_km(ask, offer_profile_) <= min(ask.max_distance_km, offer_profile_.max_distance_km):
            out.append(request.id)
    return out
