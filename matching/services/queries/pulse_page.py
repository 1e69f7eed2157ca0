"""The check-in page and API behind a pulse's private link: the questions, and the person's own answers."""
from __future__ import annotations

from typing import Any

from matching.domain.base import token_hash
from matching.domain.pulse import EXIT_ROUND
from matching.services.messagebus import MessageBus
from matching.services.pulses import as_dict
from matching.services.queries.own_link import _partner


def questionnaire(bus: MessageBus, token: str, lang: str = "nl") -> dict[str, Any]:
    """The questions with their words, whether answered (and what), whether it can still be answered,
    which match it is about (a volunteer may have two) and whom to call."""
    with bus.uow() as uow:
        pulse = uow.pulses.by_token(token_hash(token))
        match = uow.matches.get(pulse.match_id, pulse.organization_id)
        org = uow.organizations.get(pulse.organization_id)
        out = as_dict(pulse, lang)
        out["open"] = pulse.answered_at is None and (match.status == "active" or pulse.round == EXIT_ROUND)
        out["partner"] = _partner(uow, match, str(pulse.side)) or None
        out["organization"] = {"name": org.name, "contact": org.contact}
        return out
