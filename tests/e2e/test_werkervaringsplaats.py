"""The werkervaringsplaats track end to end over HTTP: a request with work areas, hours and goals; a
placement with host and supervisor; after confirmation the supervisor's private link (stored masked);
the evaluations through it and through the participant's own link, each answered once; a late one
reminds the coordinator; the certificate as a PDF whose text holds the name, the place and the work;
and fluid roles from the private link. Time moves by aging the match, never by waiting."""
from __future__ import annotations

import io
import re
from email import message_from_string, policy

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from matching.adapters import orm
from matching.domain import commands
from tests.e2e.pulse_world import world  # noqa: F401
from tests.factories import placement_body, request_body

pytestmark = pytest.mark.e2e
SUPERVISOR_LINK = re.compile(r"/begeleider/([A-Za-z0-9_-]{20,})")
WORK_REQUEST = request_body(kind="werkervaringsplaats", first_name="Mira", email="mira@example.org",
                            availability=["tue_morning"], work_areas=["horeca", "administratie"], hours_per_week=12,
                            goals="Leren werken met de kassa", work_support="Vaste taken en een rustige plek",
                            phone="0611122233")


def _placement_match(world) -> dict:
    coordinator = world.coordinator
    created = coordinator.post("/api/v1/organizations/noord/requests", json=WORK_REQUEST).get_json()
    placement = coordinator.post("/api/v1/placements", json=placement_body()).get_json()
    match = coordinator.post("/api/v1/matches", json={"request_id": created["id"],
                                                      "offer": {"type": "placement", "id": placement["id"]}}).get_json()
    assert coordinator.post(f"/api/v1/matches/{match['id']}/confirm", json={}).status_code == 200
    world.run_workers()
    from datetime import datetime
    detail = coordinator.get(f"/api/v1/matches/{match['id']}").get_json()
    return {"id": match["id"], "request_id": created["id"], "volunteer_id": placement["id"],
            "manage_token": created["manage_token"], "confirmed_at": datetime.fromisoformat(detail["confirmed_at"])}


def _supervisor_token(world) -> str:
    for recipients, content in world.inbox.messages:
        body = message_from_string(content, policy=policy.default).get_body(("plain",)).get_content()
        found = SUPERVISOR_LINK.search(body)
        if found and recipients == ["sanne@delinde.example"]:
            return found.group(1)
    raise AssertionError("no supervisor link was mailed")


def test_the_supervisor_and_the_participant_evaluate_and_the_certificate_says_what_was_done(world):
    match = _placement_match(world)
    token = _supervisor_token(world)
    with world.session_factory() as session:
        stored = session.scalars(select(orm.messages.c.body).where(orm.messages.c.recipient_type == "supervisor")).all()
        hashes = session.scalars(select(orm.supervisions.c.token_hash)).all()
    assert len(stored) == 1 and "/begeleider/••••••••" in stored[0] and token not in stored[0]
    assert hashes and token not in hashes  # only a hash of the link is kept

    shown = world.person.get(f"/api/v1/evaluations/{token}").get_json()
    assert shown["side"] == "supervisor" and shown["open_moment"] is None
    assert shown["person"] == {"first_name": "Mira", "goals": "Leren werken met de kassa",
                               "work_support": "Vaste taken en een rustige plek"}
    early = world.person.post(f"/api/v1/evaluations/{token}", json={"moment": "six_weeks", "goals_progress": 3})
    assert early.status_code == 409

    world.age(match, 43)
    answer = {"moment": "six_weeks", "goals_progress": 3, "went_well": "Altijd op tijd", "next_step": "De kassa"}
    assert world.person.post(f"/api/v1/evaluations/{token}", json=answer).status_code == 201
    assert world.person.post(f"/api/v1/evaluations/{token}", json=answer).status_code == 409
    bad = world.person.post(f"/api/v1/evaluations/{token}", json={"moment": "later", "goals_progress": 5})
    assert bad.status_code == 422 and {"moment", "goals_progress"} <= set(bad.get_json()["errors"])
    own = world.person.get(f"/api/v1/evaluations/{match['manage_token']}").get_json()
    assert own["side"] == "participant" and own["open_moment"] == "six_weeks"
    assert world.person.post(f"/api/v1/evaluations/{match['manage_token']}",
                             json={"moment": "six_weeks", "goals_progress": 2}).status_code == 201
    assert world.person.get("/api/v1/evaluations/not-a-link").status_code == 404

    evaluations = world.coordinator.get(f"/api/v1/matches/{match['id']}").get_json()["evaluations"]
    assert {(e["side"], e["moment"], e["goals_progress"]) for e in evaluations} == {
        ("supervisor", "six_weeks", 3), ("participant", "six_weeks", 2)}

    assert world.coordinator.post(f"/api/v1/matches/{match['id']}/end", json={"reason": "goal_reached"}).status_code == 200
    closing = {"moment": "end", "goals_progress": 4, "closing_words": "Mira werkte zorgvuldig en was er altijd."}
    assert world.person.post(f"/api/v1/evaluations/{token}", json=closing).status_code == 201
    pdf = world.coordinator.get(f"/api/v1/matches/{match['id']}/certificate.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    for words in ("Mira", "Keukenhulp", "Buurthuis De Linde", "Horeca en keuken", "12", "zorgvuldig"):
        assert words in text, words
    own_pdf = world.person.get(f"/mijn/{match['manage_token']}/bewijs.pdf")
    assert own_pdf.status_code == 200 and own_pdf.data[:4] == b"%PDF"


def test_the_supervisor_sees_the_goals_and_nothing_else_of_the_person(world):
    """What the supervisor's page and API show: first name, goals, what helps, start, hours and work;
    never the person's email address, phone number, postcode or the coordinator's notes."""
    match = _placement_match(world)
    token = _supervisor_token(world)
    world.coordinator.post(f"/api/v1/requests/{match['request_id']}/notes", json={"kind": "note", "text": "Geheim"})
    page = world.person.get(f"/begeleider/{token}").get_data(as_text=True)
    api = world.person.get(f"/api/v1/evaluations/{token}").get_data(as_text=True)
    assert "Leren werken met de kassa" in page and "Vaste taken en een rustige plek" in page
    for secret in ("mira@example.org", "0611122233", "3511", "Geheim"):
        assert secret not in page and secret not in api, secret
    assert world.person.get(f"/begeleider/{match['manage_token']}").status_code == 404  # not the participant's link


def test_a_late_evaluation_reminds_the_coordinator_until_the_supervisor_answers(world):
    match = _placement_match(world)
    token = _supervisor_token(world)
    world.age(match, 42 + 14)
    world.tick()
    page = world.coordinator.get("/werkplek/").get_data(as_text=True)
    assert "Evaluatie werkervaringsplaats is te laat" in page
    world.person.post(f"/api/v1/evaluations/{token}", json={"moment": "six_weeks", "goals_progress": 3})
    assert "Evaluatie werkervaringsplaats is te laat" not in world.coordinator.get("/werkplek/").get_data(as_text=True)


def test_a_certificate_is_for_an_active_or_ended_placement_match_only(world):
    match = world.match()  # a maatje match
    assert world.coordinator.get(f"/api/v1/matches/{match['id']}/certificate.pdf").status_code == 404
    request = world.coordinator.post("/api/v1/organizations/noord/requests", json=WORK_REQUEST).get_json()
    placement = world.coordinator.post("/api/v1/placements", json=placement_body()).get_json()
    proposed = world.coordinator.post("/api/v1/matches", json={"request_id": request["id"], "offer": {
        "type": "placement", "id": placement["id"]}}).get_json()
    assert world.coordinator.get(f"/api/v1/matches/{proposed['id']}/certificate.pdf").status_code == 409
    assert world.person.get(f"/api/v1/matches/{proposed['id']}/certificate.pdf").status_code == 401


def test_a_participant_also_signs_up_as_a_volunteer_from_the_private_link(world):
    """Fluid roles: nothing asked twice; the coordinator sees both records linked."""
    created = world.person.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    page = world.person.get(f"/mijn/{created['manage_token']}").get_data(as_text=True)
    assert "Zelf ook vrijwilliger worden?" in page
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    missing = world.person.post(f"/mijn/{created['manage_token']}/ook-vrijwilliger", data={"csrf_token": csrf})
    assert missing.status_code == 422 and 'id="last_name-error"' in missing.get_data(as_text=True)
    done = world.person.post(f"/mijn/{created['manage_token']}/ook-vrijwilliger",
                             data={"csrf_token": csrf, "last_name": "Jansen", "kinds": "maatje", "consent": "ja"})
    assert done.status_code == 303
    request = world.coordinator.get(f"/api/v1/requests/{created['id']}").get_json()
    volunteers = world.coordinator.get("/api/v1/volunteers").get_json()["items"]
    (volunteer,) = [v for v in volunteers if v["request_id"] == created["id"]]
    assert request["volunteer_id"] == volunteer["id"]
    assert (volunteer["first_name"], volunteer["last_name"], volunteer["email"], volunteer["status"]) == (
        "Anna", "Jansen", "anna@example.org", "applied")
    assert "Ook vrijwilliger" in world.coordinator.get(f"/werkplek/aanvragen/{created['id']}").get_data(as_text=True)
    assert "Zelf ook vrijwilliger worden?" not in world.person.get(f"/mijn/{created['manage_token']}").get_data(as_text=True)


def test_a_volunteer_also_asks_for_a_werkervaringsplaats_from_the_private_link(world):
    from tests.factories import volunteer_body
    from web.schemas import VolunteerIn

    volunteer = world.bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body())))
    link = f"/mijn/{volunteer['manage_token']}"
    page = world.person.get(link).get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    no_work = world.person.post(f"{link}/ook-aanvragen", data={"csrf_token": csrf, "kind": "werkervaringsplaats",
                                                              "consent": "ja", "hours_per_week": "8"})
    assert no_work.status_code == 422 and 'id="work_areas-error"' in no_work.get_data(as_text=True)
    done = world.person.post(f"{link}/ook-aanvragen", data={"csrf_token": csrf, "kind": "werkervaringsplaats",
                                                           "work_areas": "groen", "hours_per_week": "8", "consent": "ja"})
    assert done.status_code == 303
    (request,) = world.coordinator.get("/api/v1/requests").get_json()["items"]
    detail = world.coordinator.get(f"/api/v1/requests/{request['id']}").get_json()
    assert (detail["kind"], detail["work_areas"], detail["hours_per_week"], detail["first_name"]) == (
        "werkervaringsplaats", ["groen"], 8, "Bram")
    assert detail["volunteer_id"] == volunteer["id"]


def test_the_vocabulary_names_the_work_areas_in_dutch_and_english(world):
    dutch = {item["key"]: item["label"] for item in world.person.get("/api/v1/vocabulary").get_json()["work_areas"]}
    assert {"horeca", "groen", "techniek", "administratie", "zorg", "schoonmaak", "creatief", "ict", "winkel",
            "logistiek", "ervaringsdeskundigheid"} <= set(dutch) and dutch["schoonmaak"] == "Schoonmaak"
    english = world.person.get("/api/v1/vocabulary", headers={"Accept-Language": "en"}).get_json()["work_areas"]
    assert {item["key"]: item["label"] for item in english}["schoonmaak"] == "Cleaning"


def test_a_werkervaringsplaats_request_names_work_not_interests_and_every_bad_field(world):
    bad = world.person.post("/api/v1/organizations/noord/requests", json=request_body(
        kind="werkervaringsplaats", interests=[], work_areas=[], hours_per_week=41, goals="x" * 1001))
    assert bad.status_code == 422
    assert {"work_areas", "hours_per_week", "goals"} <= set(bad.get_json()["errors"])
    assert "interests" not in bad.get_json()["errors"]
    fine = world.person.post("/api/v1/organizations/noord/requests", json=request_body(
        kind="werkervaringsplaats", interests=[], work_areas=["zorg"], hours_per_week=4))
    assert fine.status_code == 201
