"""Regional networks and their member organisations."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.network import Membership, Network
from matching.domain.organization import Organization


class NetworkRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, network: Network) -> None:
        self.session.add(network)

    def find(self, slug: str) -> Network | None:
        return self.session.scalars(select(Network).where(Network.slug == slug)).first()

    def join(self, member: Membership) -> None:
        self.session.add(member)

    def is_member(self, network_id: str, organization_id: str) -> bool:
        return self.session.get(Membership, (network_id, organization_id)) is not None

    def of(self, organization_id: str) -> list[Network]:
        """The networks the organisation belongs to, by name."""
        nm = orm.network_members.c
        return list(self.session.scalars(select(Network).join(orm.network_members, nm.network_id == Network.id)
                                         .where(nm.organization_id == organization_id).order_by(Network.name)))

    def members(self, network_ids: list[str]) -> list[Organization]:
        """Every organisation in these networks, by name (each once)."""
        nm = orm.network_members.c
        ids = select(nm.organization_id).where(nm.network_id.in_(network_ids))
        return list(self.session.scalars(select(Organization).where(Organization.id.in_(ids))
                                         .order_by(Organization.name, Organization.id)))

    def partners(self, organization_id: str) -> list[Organization]:
        """The other organisations that share a network with this one."""
        networks = [n.id for n in self.of(organization_id)]
        return [org for org in self.members(networks) if org.id != organization_id] if networks else []
