"""A new private link for someone, issued by the coordinator (the API, or a printed letter).

Only the hash of a private link is stored, so nobody can look one up again: a person who lost it,
or who has no email to receive it, gets a new one, and the old one stops working. A letter also gets
a short code (/l/K7QH-9M2X-TR4P) that leads to the new link; it dies when the link is replaced."""
from __future__ import annotations

from matching.adapters import seal
from matching.domain import commands as c, short_link
from matching.domain.base import utcnow
from matching.domain.errors import Invalid
from matching.domain.short_link import ShortLink
from matching.services.calls import person

VIAS = ("api", "letter")
SEAL_PURPOSE = "private link behind a printed short code"


def _key(settings, code: str) -> str:
    """The seal opens only with SECRET_KEY and the code together: the database alone holds neither."""
    return f"{settings.secret_key}\n{code}"


def issue_new_link(cmd: c.IssueNewLink, uow, settings) -> dict[str, str]:
    """Replace the person's private link: {"manage_token"} (and {"short_code"} for a letter)."""
    if cmd.via not in VIAS:
        raise Invalid("via", f"one of {', '.join(VIAS)}")
    with uow:
        someone = person(uow, cmd.organization_id, cmd.person_type, cmd.person_id, lock=True)
        token = someone.replace_link(cmd.via)
        uow.repo.drop_short_links(cmd.person_type, someone.id)
        issued = {"manage_token": token}
        if cmd.via == "letter":
            code = short_link.new_code()
            hashed = short_link.code_hash(settings.secret_key, code)
            sealed = seal.seal(_key(settings, code), SEAL_PURPOSE, hashed, token)
            uow.repo.add(ShortLink.make(hashed, cmd.organization_id, cmd.person_type, someone.id, sealed))
            issued["short_code"] = code
        action = "letter" if cmd.via == "letter" else "new_link"
        uow.repo.audit(cmd.organization_id, cmd.by_user, f"{cmd.person_type}.{action}", cmd.person_type,
                       someone.id, utcnow())
        uow.commit()
        return issued


def opened(bus, typed: str) -> str | None:
    """The private link's token behind a short code someone typed or scanned; None when there is none."""
    settings = bus.settings
    code = short_link.normalized(typed)
    if code is None:
        return None
    hashed = short_link.code_hash(settings.secret_key, code)
    with bus.uow() as uow:
        found = uow.repo.short_link(hashed)
        sealed = found.link_seal if found is not None else None
    return seal.unseal(_key(settings, code), SEAL_PURPOSE, hashed, sealed) if sealed else None


HANDLERS = {c.IssueNewLink: issue_new_link}
