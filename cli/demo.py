"""`koppel demo` and `koppel serve --demo`: an organisation with people, and with a year behind it.

`load_people` adds people as of today (`koppel demo`). `load_year` gives the demo organisation a
past: a bus on a moving clock (cli/demo_ports.py) lives the last 365 days through the real handlers
and events (cli/demo_year.py), so waiting times, running and ended matches, check-ins, reminders and
the call list are all real today.
"""
from __future__ import annotations

from datetime import timedelta

from cli.demo_activities import add_demo_activities
from cli.demo_people import DemoData
from cli.demo_ports import KeptMail, MovingClock, relay_at_once
from cli.demo_year import DemoYear
from matching import bootstrap
from matching.domain import commands
from matching.domain.base import utcnow

YEAR = timedelta(days=365)


def load_people(bus, org_slug: str, org_id: str, requests: int, volunteers: int, placements: int, seed: int) -> None:
    """Create people now through the normal commands; 80 % of volunteers are activated."""
    data = DemoData(seed)
    for _ in range(volunteers):
        created = bus.handle(commands.ApplyAsVolunteer(org_slug, data.volunteer()))
        if data.rng.random() < 0.8:
            bus.handle(commands.ActivateVolunteer(org_id, created["id"], vog_checked=True))
    for i in range(placements):
        bus.handle(commands.CreatePlacement(org_id, data.placement(i)))
    for _ in range(requests):
        bus.handle(commands.SubmitRequest(org_slug, data.request()))
    add_demo_activities(bus, org_slug, seed=seed)


def load_year(settings, org: dict, login: tuple[str, str], seed: int = 1) -> None:
    """Create the organisation and its coordinator a year ago, then live the year until now."""
    now = utcnow()
    clock, mail = MovingClock(now - YEAR), KeptMail()
    bus = bootstrap.bootstrap(settings, clock=clock, mail=mail)
    relay_at_once(bus)
    try:
        org_id = bus.handle(commands.CreateOrganization(org["slug"], org["name"], org["contact"]))
        coordinator = bus.handle(commands.CreateUser(org["slug"], *login))
        add_demo_activities(bus, org["slug"], seed=seed)  # open all year: inloop, groups, walks (issue 15)
        year = DemoYear(bus, clock, mail, org["slug"], org_id, seed, coordinator)
        year.plan(requests=48, volunteers=24, placements=4)
        year.live(now)
    finally:
        bus.close()
