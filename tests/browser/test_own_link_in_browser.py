"""A requester on a phone pauses, comes back and corrects their phone number on the private link;
axe finds no WCAG 2.1 AA issue in any state of the page."""
import re

import pytest

from tests.browser.conftest import axe_violations
from tests.factories import request_body

pytestmark = [pytest.mark.browser, pytest.mark.e2e]


def test_a_requester_pauses_resumes_and_changes_their_phone_on_a_phone(live_server, phone, coordinator):
    created = coordinator.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    coordinator.get("/api/v1/requests")  # a coordinator looked once: the access log has a line
    phone.goto(f"{live_server}/mijn/{created['manage_token']}")
    assert axe_violations(phone) == []

    phone.get_by_role("button", name="Las een pauze in").click()
    phone.wait_for_url(re.compile(r"klaar=pauze"))
    assert phone.get_by_role("status").inner_text() == "Je pauze is ingelast."
    assert phone.get_by_role("heading", name="Je hebt pauze").is_visible()
    assert axe_violations(phone) == []

    phone.get_by_role("button", name="Stop mijn pauze").click()
    phone.wait_for_url(re.compile(r"klaar=verder"))
    assert "Welkom terug!" in phone.get_by_role("status").inner_text()
    assert phone.get_by_role("heading", name="Even pauze?").is_visible()

    phone.get_by_label("Telefoonnummer").fill("12")
    phone.get_by_role("button", name="Sla mijn gegevens op").click()
    summary = phone.locator("#fouten")
    summary.wait_for()
    assert "Dit telefoonnummer klopt niet." in summary.inner_text()
    assert phone.get_by_label("Telefoonnummer").get_attribute("aria-invalid") == "true"
    assert axe_violations(phone) == []

    phone.get_by_label("Telefoonnummer").fill("06 12345678")
    phone.get_by_role("button", name="Sla mijn gegevens op").click()
    phone.wait_for_url(re.compile(r"klaar=bereikbaar"))
    assert phone.get_by_label("Telefoonnummer").input_value() == "06 12345678"
    assert coordinator.get(f"/api/v1/requests/{created['id']}").get_json()["phone"] == "06 12345678"
    assert axe_violations(phone) == []
