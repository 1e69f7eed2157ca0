"""A regional network (zelfregienetwerk): organisations that refer people to each other, and the
record a sender keeps of a handover. Between partners only counts travel, and a person only with
their consent (see matching/services/transfers.py)."""
from __future__ import annotations

from datetime import datetime

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, utcnow
from matching.domain.errors import Invalid


class Network(Aggregate):
    id: str
    slug: str
    name: str
    created_at: datetime

    @classmethod
    def create(cls, slug: str, name: str, now: datetime | None = None) -> "Network":
        if not slug or not slug.replace("-", "").isalnum() or slug != slug.lower() or not slug.isascii():
            raise Invalid("slug", "use lowercase letters, digits and hyphens")
        if not name.strip() or len(name) > 200:
            raise Invalid("name", "give a name of at most 200 characters")
        network = cls()
        network.id, network.slug, network.name = new_id(), slug, name.strip()
        network.created_at = now or utcnow()
        return network


class Membership(Aggregate):
    """One organisation in one network."""

    network_id: str
    organization_id: str
    joined_at: datetime

    @classmethod
    def join(cls, network_id: str, organization_id: str, now: datetime | None = None) -> "Membership":
        member = cls()
        member.network_id, member.organization_id = network_id, organization_id
        member.joined_at = now or utcnow()
        member.record(ev.NetworkJoined(organization_id, network_id))
        return member


class Transfer(Aggregate):
    """What the sender keeps of a handover: "overgedragen aan X op <datum>", and nothing about the person."""

    id: str
    request_id: str
    from_organization_id: str
    to_organization_id: str
    transferred_at: datetime
    by_user: str | None

    @classmethod
    def record_of(cls, request_id: str, sender: str, partner: str, by_user: str | None,
                  now: datetime | None = None) -> "Transfer":
        transfer = cls()
        transfer.id, transfer.request_id = new_id(), request_id
        transfer.from_organization_id, transfer.to_organization_id = sender, partner
        transfer.transferred_at, transfer.by_user = now or utcnow(), by_user
        return transfer
