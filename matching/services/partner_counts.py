"""`PartnerCounts` on the partners' own offer indexes: the count of offers that pass every hard rule,
the same index (and per-process cache) that scores each organisation's own requests. A partner's
index is checked against the database at most every FRESH_SECONDS: a count may lag a partner's
changes by that long, which is fine for "would it fit there?" (the partner scores anew on a transfer)."""
from __future__ import annotations

from matching.scoring import Profile
from matching.services.ports import UnitOfWork
from matching.services.suggest import OrganizationOffers

FRESH_SECONDS = 60.0


class IndexPartnerCounts:
    """Answers within the process that holds the partners' offers; what it receives is only a profile."""

    def __init__(self, uow: UnitOfWork):
        self.uow = uow

    def count(self, profile: Profile, organization_ids: list[str]) -> dict[str, int]:
        return {org: OrganizationOffers.load_recent(self.uow, org, FRESH_SECONDS).index.count(profile)
                for org in organization_ids}
