"""Regional networks: the operator groups organisations that refer to each other (CLI)."""
from __future__ import annotations

from matching.domain import commands
from matching.domain.errors import Conflict
from matching.domain.network import Membership, Network
from matching.services.ports import Dependencies, UnitOfWork


def create_network(cmd: commands.CreateNetwork, uow: UnitOfWork, deps: Dependencies) -> str:
    """A new network, with the organisations named (each must exist)."""
    with uow:
        if uow.networks.find(cmd.slug) is not None:
            raise Conflict(f"network {cmd.slug} exists")
        network = Network.create(cmd.slug, cmd.name, now=deps.clock.now())
        uow.networks.add(network)
        for slug in dict.fromkeys(cmd.organization_slugs):
            uow.networks.join(Membership.join(network.id, uow.organizations.by_slug(slug).id, deps.clock.now()))
        uow.commit()
        return network.id


def join_network(cmd: commands.JoinNetwork, uow: UnitOfWork, deps: Dependencies) -> str:
    """Add an organisation to a network; adding it twice changes nothing."""
    with uow:
        network = uow.networks.find(cmd.network_slug)
        if network is None:
            raise Conflict(f"there is no network {cmd.network_slug}; create it first")
        org = uow.organizations.by_slug(cmd.organization_slug)
        if not uow.networks.is_member(network.id, org.id):
            uow.networks.join(Membership.join(network.id, org.id, deps.clock.now()))
        uow.commit()
        return network.id
