"""A match from proposal to its end: a coordinator decides each step (logged), the two sides answer after
the first meeting through their private links."""
from __future__ import annotations

from typing import Any

from matching.domain import commands
from matching.domain.errors import Conflict
from matching.domain.match import Match
from matching.services import private_links
from matching.services.handlers.audited import audited
from matching.services.ports import Dependencies, UnitOfWork


def propose_match(cmd: commands.ProposeMatch, uow: UnitOfWork, deps: Dependencies) -> dict[str, Any]:
    """A coordinator proposes a pairing; 409 when the request is not waiting or the offer is full."""
    with uow:
        request = uow.requests.get(cmd.request_id, cmd.organization_id, lock=True)
        offer = uow.offers.get(cmd.offer_type, cmd.offer_id, cmd.organization_id, lock=True)
        if (request.id, cmd.offer_type, offer.id) in uow.matches.excluded_pairs([request.id]):
            raise Conflict("this pair was declined before")
        match = Match.propose(request, cmd.offer_type, offer, uow.matches.active_load(cmd.offer_type, offer.id),
                              cmd.by_user, now=deps.clock.now())
        uow.matches.add(match)
        audited(uow, deps, cmd, "match.propose", "request", request.id)
        return {"id": match.id, "status": match.status}


def confirm_match(cmd: commands.ConfirmMatch, uow: UnitOfWork, deps: Dependencies) -> str:
    """Confirm a proposal: the offer's place is taken now, so its capacity is checked under a lock."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        request = uow.requests.get(match.request_id, cmd.organization_id, lock=True)
        offer = uow.offers.get(match.offer_type, match.offer_id, cmd.organization_id, lock=True)
        match.confirm(request, offer, uow.matches.active_load(match.offer_type, offer.id), now=deps.clock.now())
        audited(uow, deps, cmd, "match.confirm", "request", request.id)
        return match.status


def decline_match(cmd: commands.DeclineMatch, uow: UnitOfWork, deps: Dependencies) -> str:
    """Decline a proposal: the request waits again and the pair is never suggested again."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        request = uow.requests.get(match.request_id, cmd.organization_id, lock=True)
        match.decline(request, cmd.reason, now=deps.clock.now())
        audited(uow, deps, cmd, "match.decline", "request", request.id)
        return match.status


def end_match(cmd: commands.EndMatch, uow: UnitOfWork, deps: Dependencies) -> str:
    """End a running match with a reason, who started the ending, a note and whether there was a goodbye
    meeting; the offer's place is free again (and the workers ask both sides how it went)."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        request = uow.requests.get(match.request_id, cmd.organization_id, lock=True)
        match.end(request, cmd.reason, now=deps.clock.now(), initiated_by=cmd.initiated_by, note=cmd.note,
                  goodbye_meeting=cmd.goodbye_meeting)
        audited(uow, deps, cmd, "match.end", "request", request.id)
        return match.status


def answer_first_meeting(cmd: commands.AnswerFirstMeeting, uow: UnitOfWork, deps: Dependencies) -> str:
    """A side answers through their private link whether they want to go on after meeting."""
    with uow:
        person_type, person = private_links.person_behind(uow, cmd.manage_token)
        match = uow.matches.running_for(person_type, person.id)
        if match is None:
            raise Conflict("there is no running match to answer about")
        request = uow.requests.get(match.request_id, match.organization_id, lock=True)
        match.answer(request, "request" if person_type == "request" else "offer", cmd.go_on, now=deps.clock.now())
        uow.commit()
        return match.status


def renew_match(cmd: commands.RenewMatch, uow: UnitOfWork, deps: Dependencies) -> str:
    """Another term of a year, after the coordinator checked in with both sides."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        match.renew(now=deps.clock.now())
        audited(uow, deps, cmd, "match.renew", "request", match.request_id)
        return match.status


def undo_match_step(cmd: commands.UndoMatchStep, uow: UnitOfWork, deps: Dependencies) -> str:
    """Take back an ending or a decline of the last day; 409 later, or when something happened since."""
    with uow:
        match = uow.matches.get(cmd.match_id, cmd.organization_id, lock=True)
        request = uow.requests.get(match.request_id, cmd.organization_id, lock=True)
        offer = uow.offers.get(match.offer_type, match.offer_id, cmd.organization_id, lock=True)
        match.undo(request, offer, uow.matches.active_load(match.offer_type, offer.id), now=deps.clock.now())
        audited(uow, deps, cmd, "match.undo", "request", request.id)
        return match.status
