"""Every coordinator route and API endpoint, tried by another organisation's coordinator: 404 or nothing."""
import re

import pytest

from matching.domain import commands as c
from tests.e2e.test_public_forms import csrf
from tests.factories import placement_body, request_body, volunteer_body
from web.schemas import PlacementIn, RequestIn, VolunteerIn

pytestmark = pytest.mark.e2e
STEPS = {"step": ["bevestigen", "afwijzen", "beeindigen", "activeren", "pauzeren", "stoppen"]}


@pytest.fixture
def two_orgs(bus, org, app):
    """Organisation noord with a request, volunteer, placement and match; a logged-in coordinator of zuid."""
    volunteer = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    request = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body())))
    placement = bus.handle(c.CreatePlacement(org["id"], PlacementIn().load(placement_body())))
    match = bus.handle(c.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))
    upload = bus.handle(c.UploadImport(org["id"], "volunteers", "v.csv", b"voornaam,e-mail\nBram,b@example.org\n"))
    bus.handle(c.CreateOrganization("zuid", "Zuid"))
    bus.handle(c.CreateUser("zuid", "coord@zuid.example", "another long password"))
    other = app.test_client()
    other.post("/api/v1/session", json={"email": "coord@zuid.example", "password": "another long password"})
    ids = {"request_id": request["id"], "volunteer_id": volunteer["id"], "placement_id": placement["id"],
           "match_id": match["id"], "import_id": upload}
    return other, ids


def _coordinator_rules(app):
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/werkplek") or (rule.rule.startswith("/api/v1/") and "organizations" not in rule.rule
                                                 and "/self" not in rule.rule and "openapi" not in rule.rule
                                                 and not rule.rule.endswith("/session")):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def test_another_organisations_data_is_never_reachable(app, two_orgs):
    other, ids = two_orgs
    token = csrf(other, "/werkplek/")
    tried = 0
    for rule, method in _coordinator_rules(app):
        arguments = [name for name in rule.arguments]
        for step in STEPS["step"] if "step" in arguments else [None]:
            values = {name: ids.get(name, step) for name in arguments}
            url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), rule.rule)
            kwargs = {"json": {}} if url.startswith("/api/") else {"data": {"csrf_token": token}}
            response = other.open(url, method=method, **({} if method == "GET" else kwargs))
            body = response.get_data(as_text=True)
            tried += 1
            if any(ids.values()) and arguments and set(arguments) & set(ids):
                assert response.status_code in (404, 422), (method, url, response.status_code)
            else:
                assert not any(value in body for value in ids.values()), (method, url)
                assert "Anna" not in body and "Bram" not in body, (method, url)
    assert tried >= 25
