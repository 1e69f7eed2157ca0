"""Referrals, networks and transfers through the real handlers on fakes."""
import pytest

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, NotFound
from matching.schemas import RequestIn
from tests.factories import request_body

pytestmark = pytest.mark.unit
REFERRER = {"name": "Petra", "organization": "Praktijk", "role": "huisarts", "email": "p@praktijk.example"}


def _person(**overrides) -> dict:
    return RequestIn().load(request_body(**overrides))


def test_a_referral_is_a_request_with_its_consent_given_through_the_referral(bus, org):
    out = bus.handle(commands.ReferPerson("noord", _person(), REFERRER, True))
    assert out["status"] == "waiting" and out["referrer_token"]
    with bus.uow() as uow:
        (consent,) = uow.consents.of("request", out["id"])
        (referral,) = uow.referrals.of_request(out["id"])
    assert consent.given_via == "referral" and referral.share_status and referral.token_hash != out["referrer_token"]
    assert {e["name"] for e in bus.db.state.outbox} >= {"request.submitted", "referral.received", "message.queued"}


def test_networks_and_partners(bus, org):
    bus.handle(commands.CreateOrganization("oost", "Oost"))
    bus.handle(commands.CreateNetwork("regio", "Regio", ("noord",)))
    bus.handle(commands.JoinNetwork("regio", "oost"))
    with pytest.raises(Conflict):
        bus.handle(commands.CreateNetwork("regio", "Regio"))
    with pytest.raises(Invalid):
        bus.handle(commands.CreateNetwork("Regio Twee", "Regio"))
    with pytest.raises(NotFound):
        bus.handle(commands.JoinNetwork("regio", "nergens"))
    with bus.uow() as uow:
        assert [o.slug for o in uow.networks.partners(org)] == ["oost"]


def test_a_transfer_moves_the_request_and_tells_the_person(bus, org):
    oost = bus.handle(commands.CreateOrganization("oost", "Oost"))
    bus.handle(commands.CreateNetwork("regio", "Regio", ("noord", "oost")))
    request = bus.handle(commands.SubmitRequest("noord", _person()))["id"]
    with pytest.raises(Invalid):
        bus.handle(commands.TransferRequest(org, request, "oost", False))
    bus.handle(commands.TransferRequest(org, request, "oost", True))
    with bus.uow() as uow:
        assert uow.requests.get(request, oost).status == "waiting"
        messages = [m for m in uow.messages.store.values() if m.organization_id == oost]
    assert any(m.recipient_type == "request" and "Oost neemt nu contact" in m.subject for m in messages)
    with pytest.raises(NotFound):  # it is not noord's any more
        bus.handle(commands.TransferRequest(org, request, "oost", True))
