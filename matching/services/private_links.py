"""Whoever a private link (/mijn/<token>) belongs to: a request or a volunteer. Only the token's hash
is stored, so the link is looked up by its hash."""
from __future__ import annotations

from matching.domain.base import token_hash
from matching.domain.errors import NotFound
from matching.domain.people import Request, Volunteer
from matching.services.ports import UnitOfWork


def person_behind(uow: UnitOfWork, token: str) -> tuple[str, Request | Volunteer]:
    """("request", request) or ("volunteer", volunteer); NotFound when the link is unknown."""
    hashed = token_hash(token)
    for person_type, repository in (("request", uow.requests), ("volunteer", uow.volunteers)):
        found = repository.find_by_token(hashed)
        if found is not None:
            return person_type, found
    raise NotFound("no such link")
