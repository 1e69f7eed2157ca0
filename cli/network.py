"""`koppel network create|add`: organisations of one region that refer to each other (CONTRACT section 11)."""
from __future__ import annotations

import click

from matching.domain import commands


@click.group()
def network() -> None:
    """Regional networks of organisations."""


@network.command("create")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--orgs", default="", help="Comma-separated organisation slugs, e.g. noord,zuid.")
def network_create(slug: str, name: str, orgs: str) -> None:
    """Create a network, with the organisations named."""
    from cli.main import _run

    members = tuple(s.strip() for s in orgs.split(",") if s.strip())
    _run(lambda bus: bus.handle(commands.CreateNetwork(slug, name, members)), f"network {slug} created")


@network.command("add")
@click.argument("slug")
@click.argument("org")
def network_add(slug: str, org: str) -> None:
    """Add an organisation to a network."""
    from cli.main import _run

    _run(lambda bus: bus.handle(commands.JoinNetwork(slug, org)), f"{org} is now in network {slug}")
