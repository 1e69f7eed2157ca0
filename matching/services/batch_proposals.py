""""Stel koppelingen voor": one optimal proposal set for the whole waiting list (matching.assign)."""
from __future__ import annotations

from matching.domain.match import Match
from matching.scoring import assign
from matching.services.ports import Dependencies, UnitOfWork
from matching.services.profiles import request_profile
from matching.services.suggest import OrganizationOffers


def run_batch_proposals(cmd, uow: UnitOfWork, deps: Dependencies) -> int:
    """Propose the best total set of pairs; existing matches are never touched. Returns proposals made."""
    with uow:
        waiting = uow.requests.waiting(cmd.organization_id)
        offers = OrganizationOffers.load(uow, cmd.organization_id)
        position = {key: i for i, key in enumerate(offers.keys)}
        row = {request.id: i for i, request in enumerate(waiting)}
        excluded = {(row[request_id], position[(offer_type, offer_id)])
                    for request_id, offer_type, offer_id in uow.matches.excluded_pairs(row)
                    if (offer_type, offer_id) in position}
        proposals = assign([request_profile(request) for request in waiting], offers.index, excluded)
        now = deps.clock.now()
        for ask, offer_position, score in proposals:
            offer_type, offer_id = offers.keys[offer_position]
            offer = uow.offers.get(offer_type, offer_id, cmd.organization_id)
            match = Match.propose(waiting[ask], offer_type, offer, uow.matches.active_load(offer_type, offer_id),
                                  cmd.by_user, score=round(score, 6), now=now)
            uow.matches.add(match)
        uow.commit()
        return len(proposals)
