"""A new private link for someone, issued by the coordinator (the API, or a printed letter).

Only the hash of a private link is stored, so nobody can look one up again: a person who lost it,
or who has no email to receive it, gets a new one, and the old one stops working. A letter also gets
a short code (/l/K7QH-9M2X-TR4P) that leads to the new link; it dies when the link is replaced."""
from __future__ import annotations

from matching.domain import commands, short_link
from matching.domain.errors import Invalid
from matching.domain.short_link import ShortLink
from matching.services.calls import person
from matching.services.messagebus import MessageBus
from matching.services.ports import Dependencies, UnitOfWork

VIAS = ("api", "letter")
SEAL_PURPOSE = "private link behind a printed short code"


def issue_new_link(cmd: commands.IssueNewLink, uow: UnitOfWork, deps: Dependencies) -> dict[str, str]:
    """Replace the person's private link: {"manage_token"} (and {"short_code"} for a letter). The code's
    seal opens only with SECRET_KEY and the code together: the database alone holds neither."""
    if cmd.via not in VIAS:
        raise Invalid("via", f"one of {', '.join(VIAS)}")
    with uow:
        someone = person(uow, cmd.organization_id, cmd.person_type, cmd.person_id, lock=True)
        token = someone.replace_link(cmd.via)
        uow.short_links.drop_for(cmd.person_type, someone.id)
        issued = {"manage_token": token}
        if cmd.via == "letter":
            code = short_link.new_code()
            hashed = deps.links.code_hash(code)
            sealed = deps.links.seal(SEAL_PURPOSE, hashed, token, code=code)
            uow.short_links.add(ShortLink.make(hashed, cmd.organization_id, cmd.person_type, someone.id, sealed,
                                               now=deps.clock.now()))
            issued["short_code"] = code
        action = "letter" if cmd.via == "letter" else "new_link"
        uow.audit.record(cmd.organization_id, cmd.by_user, f"{cmd.person_type}.{action}", cmd.person_type,
                         someone.id, deps.clock.now())
        uow.commit()
        return issued


def opened(bus: MessageBus, typed: str) -> str | None:
    """The private link's token behind a short code someone typed or scanned; None when there is none."""
    code = short_link.normalized(typed)
    if code is None:
        return None
    hashed = bus.deps.links.code_hash(code)
    with bus.uow() as uow:
        found = uow.short_links.find(hashed)
        sealed = found.link_seal if found is not None else None
    return bus.deps.links.unseal(SEAL_PURPOSE, hashed, sealed, code=code) if sealed else None
