"""Handler tests on fakes: the real bus and handlers, no database, no broker, a clock that stands still."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.schemas import RequestIn, VolunteerIn
from matching.services import organization_cache
from tests.factories import request_body, volunteer_body
from tests.fakes import FakeUnitOfWork, fake_bus

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def _fresh_organizations():
    """The slug cache is per process; every test has its own organisation under the same slug."""
    organization_cache.forget_all()
    yield
    organization_cache.forget_all()


@pytest.fixture
def bus():
    return fake_bus()


@pytest.fixture
def org(bus) -> str:
    """The id of organisation "noord"."""
    return bus.handle(commands.CreateOrganization("noord", "Vriendendienst Noord"))


def submit(bus, without: tuple[str, ...] = (), **overrides) -> dict:
    """A request through the public command, fields as the form's schema loads them."""
    body = {k: v for k, v in request_body(**overrides).items() if k not in without}
    return bus.handle(commands.SubmitRequest("noord", RequestIn().load(body)))


def active_volunteer(bus, org: str, **overrides) -> str:
    created = bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(**overrides))))
    bus.handle(commands.ActivateVolunteer(org, created["id"], vog_checked=True))
    return created["id"]


def stored(bus) -> FakeUnitOfWork:
    """A unit of work to look at what was committed (read it inside `with`)."""
    return FakeUnitOfWork(bus.db)


def outbox(bus) -> list[str]:
    return [row["name"] for row in bus.db.state.outbox]
