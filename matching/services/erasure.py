"""What erasing a person removes outside their own row (their row is blanked by the aggregate)."""
from __future__ import annotations

from matching.services.ports import UnitOfWork


def forget(uow: UnitOfWork, person_type: str, person_id: str, keep_flag: str | None = None) -> None:
    """Everything outside the person's own row that could still say something about them: messages
    to them and introductions of their matches blanked, the coordinator's free-text reasons on their
    matches cleared, their notes, check-in answers and printed short codes gone, possible-duplicate flags naming them
    gone, a request's suggestions, evaluations and activity sign-ups gone (with the messages that told a host about them
    blanked), and the details of the professional who referred them.
    (Suggestions naming an erased volunteer go when the workers rescore the requests holding them.)"""
    uow.messages.blank_about(person_type, person_id)
    uow.matches.clear_reasons(person_type, person_id)
    uow.notes.forget_about(person_type, person_id)
    uow.pulses.forget_about(person_type, person_id)
    uow.short_links.drop_for(person_type, person_id)
    for flag in uow.duplicates.naming(person_type, person_id):
        if flag.id != keep_flag:  # the merge that erases this record keeps its own decision
            uow.duplicates.forget(flag)
    if person_type == "request":
        uow.suggestions.drop(person_id)
        for referral in uow.referrals.of_request(person_id):
            referral.forget_referrer()
        uow.activities.forget_person(person_id)
        uow.evaluations.forget_about(person_id)  # both sides' evaluations of their placements, the closing words
