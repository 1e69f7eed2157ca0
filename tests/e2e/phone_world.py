"""A Koppel whose events the test runs itself, in order (no worker threads), with a logged-in
coordinator: what the phone-only tests share."""
from __future__ import annotations

import re

import pytest

from matching.bootstrap import bootstrap
from tests.e2e.test_no_live_tokens import Collect, drain
from tests.e2e.test_public_forms import SEEKER, post

PHONE_ONLY = SEEKER | {"first_name": "Jan", "email": "", "phone": "06 1234 5678"}
CONTACT = {"phone": "030 123 45 67", "email": "info@noord.example", "address": "Hoofdstraat 1, 3511 AB Utrecht",
           "opening_hours": "ma-vr 9-17 uur"}
LINK = re.compile(r'href="/mijn/([^"/]+)"')


class World:
    def __init__(self, settings, session_factory, org):
        from web import create_app

        self.settings, self.org = settings, org
        self.events = Collect()
        self.bus = bootstrap(settings, publish=self.events, session_factory=session_factory)
        self.app = create_app(settings, bus=self.bus)
        self.app.config["TESTING"] = True
        self.person = self.app.test_client()
        self.coordinator = self.app.test_client()
        login = self.coordinator.post("/api/v1/session", json={"email": org["email"], "password": org["password"]})
        assert login.status_code == 200

    def give_contact(self) -> None:
        """Noord's phone, email, address and hours, set by its admin (shown on every page and message)."""
        from matching.domain import commands as c

        admin = self.bus.handle(c.CreateUser("noord", "boss@noord.example", "an admin's long password", "admin"))
        self.bus.handle(c.ChangeOrganizationContact(self.org["id"], admin, CONTACT))

    def run_workers(self) -> None:
        drain(self.bus, self.events)

    def sign_up_by_phone(self, **changes) -> tuple[str, str]:
        """Jan asks for a maatje with only a phone number: (request id, the token his thank-you page showed)."""
        assert post(self.person, "/noord/maatje", PHONE_ONLY | changes).status_code == 303
        token = LINK.search(self.person.get("/noord/bedankt").get_data(as_text=True)).group(1)
        self.run_workers()
        requests = self.coordinator.get("/api/v1/requests").get_json()["items"]
        return next(r["id"] for r in requests if r["first_name"] == (changes.get("first_name") or "Jan")), token

    def active_volunteer(self, **changes) -> str:
        from tests.factories import volunteer_body

        made = self.coordinator.post("/api/v1/organizations/noord/volunteers", json=volunteer_body(**changes))
        volunteer = made.get_json()["id"]
        assert self.coordinator.post(f"/api/v1/volunteers/{volunteer}/activate",
                                     json={"vog_checked": True}).status_code == 200
        self.run_workers()
        return volunteer

    def confirmed_match(self, request_id: str, volunteer_id: str) -> str:
        made = self.coordinator.post("/api/v1/matches", json={"request_id": request_id,
                                                               "offer": {"type": "volunteer", "id": volunteer_id}})
        assert made.status_code == 201, made.get_json()
        match = made.get_json()["id"]
        assert self.coordinator.post(f"/api/v1/matches/{match}/confirm", json={}).status_code == 200
        self.run_workers()
        return match

    def calls(self, **query) -> dict:
        answer = self.coordinator.get("/api/v1/calls", query_string=query)
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()

    def close(self) -> None:
        self.bus.close()


@pytest.fixture
def world(settings, session_factory, org):
    made = World(settings, session_factory, org)
    yield made
    made.close()
