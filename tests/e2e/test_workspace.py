"""The coordinator's workspace pages: a day's work, scoped to the own organisation."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from matching.adapters.orm import audit_log, audit_views
from matching.domain import commands as c
from tests.conftest import eventually
from tests.e2e.logins import log_in_admin
from tests.e2e.test_public_forms import post
from tests.factories import request_body, volunteer_body

pytestmark = pytest.mark.e2e


@pytest.fixture
def logged_in(client, org):
    response = post(client, "/login", {"email": org["email"], "password": org["password"]})
    assert response.status_code == 303 and response.headers["Location"].endswith("/werkplek/")
    return client


def _people(client, coordinator=None):
    created = client.post("/api/v1/organizations/noord/volunteers", json=volunteer_body()).get_json()
    request = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()
    return created["id"], request["id"]


def test_pages_need_a_login_and_a_wrong_password_says_so(client, org):
    response = client.get("/werkplek/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    failed = post(client, "/login", {"email": org["email"], "password": "nope"})
    assert failed.status_code == 401 and "horen niet bij elkaar" in failed.get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example", "javascript:alert(1)"])
def test_login_never_redirects_off_site(client, org, target):
    response = post(client, f"/login?next={target}", {"email": org["email"], "password": org["password"]},
                    form_page="/login")
    assert response.headers["Location"].endswith("/werkplek/")


def test_a_coordinators_day(logged_in, worker, session_factory):
    volunteer_id, request_id = _people(logged_in)
    page = logged_in.get("/werkplek/vrijwilligers").get_data(as_text=True)
    assert "Bram de Vries" in page and "aangemeld" in page
    activated = post(logged_in, f"/werkplek/vrijwilligers/{volunteer_id}/activeren", {"vog_checked": "ja"},
                     form_page="/werkplek/vrijwilligers")
    assert activated.status_code == 303
    dashboard = logged_in.get("/werkplek/").get_data(as_text=True)
    assert "Anna" in dashboard and "1</strong> wachtende<" in dashboard

    def candidates_shown():
        page = logged_in.get(f"/werkplek/aanvragen/{request_id}").get_data(as_text=True)
        return page if "Stel Bram d. voor" in page else None
    page = eventually(candidates_shown)
    assert "gedeelde interesse" in page and "beiden dinsdagmiddag" in page
    proposed = post(logged_in, f"/werkplek/aanvragen/{request_id}/voorstellen",
                    {"offer_type": "volunteer", "offer_id": volunteer_id}, form_page=f"/werkplek/aanvragen/{request_id}")
    assert proposed.status_code == 303
    matches = logged_in.get("/werkplek/koppelingen").get_data(as_text=True)
    match_id = re.search(r"/werkplek/koppelingen/([0-9a-f-]+)/bevestigen", matches).group(1)
    post(logged_in, f"/werkplek/koppelingen/{match_id}/bevestigen", {}, form_page="/werkplek/koppelingen")
    assert "Bevestigd." in logged_in.get("/werkplek/koppelingen").get_data(as_text=True)
    eventually(lambda: logged_in.get("/werkplek/berichten").get_data(as_text=True).count("Kennismaken met") == 2)
    ended = post(logged_in, f"/werkplek/koppelingen/{match_id}/beeindigen", {"reason": "moved"},
                 form_page="/werkplek/koppelingen")
    assert ended.status_code == 303
    assert "Verhuisd" in logged_in.get("/werkplek/koppelingen?status=ended").get_data(as_text=True)
    csv = logged_in.get("/werkplek/cijfers.csv")
    lines = csv.get_data(as_text=True).splitlines()
    assert csv.mimetype == "text/csv" and lines[0].startswith("kwartaal;aanmeldingen_maatje")
    figures = dict(zip(lines[0].split(";"), lines[1].split(";")))
    assert figures["aanmeldingen_maatje"] == "1" and figures["koppelingen_gestart"] == "1"
    assert figures["beeindigd_verhuisd"] == "1" and "Anna" not in csv.get_data(as_text=True)


def test_a_conflict_is_a_message_not_an_error(logged_in):
    volunteer_id, request_id = _people(logged_in)  # not activated: cannot be proposed
    response = post(logged_in, f"/werkplek/aanvragen/{request_id}/voorstellen",
                    {"offer_type": "volunteer", "offer_id": volunteer_id}, form_page=f"/werkplek/aanvragen/{request_id}")
    assert response.status_code == 303
    assert "Dat lukte niet" in logged_in.get("/werkplek/koppelingen").get_data(as_text=True)


def test_why_nobody_fits_counts_the_blocking_rules(logged_in, bus, org, worker):
    far = logged_in.post("/api/v1/organizations/noord/volunteers", json=volunteer_body(postcode="9711")).get_json()
    bus.handle(c.ActivateVolunteer(org["id"], far["id"], True))
    other = logged_in.post("/api/v1/organizations/noord/volunteers",
                           json=volunteer_body(email="x@example.org", availability=["sun_evening"])).get_json()
    bus.handle(c.ActivateVolunteer(org["id"], other["id"], True))
    request_id = logged_in.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()["id"]
    page = eventually(lambda: (lambda p: p if "Nog niemand past" in p else None)(
        logged_in.get(f"/werkplek/aanvragen/{request_id}").get_data(as_text=True)))
    assert "1 is te ver weg" in page and "1 is op andere momenten vrij" in page
    assert "1 wachtende zonder kandidaat" in logged_in.get("/werkplek/").get_data(as_text=True)


def test_another_organisations_request_is_404_in_the_workspace(logged_in, bus):
    bus.handle(c.CreateOrganization("zuid", "Zuid"))
    from tests.factories import request_body as body
    from web.schemas import RequestIn

    other = bus.handle(c.SubmitRequest("zuid", RequestIn().load(body())))
    assert logged_in.get(f"/werkplek/aanvragen/{other['id']}").status_code == 404


PLACEMENT_FORM = {"title": "Keukenhulp", "work_areas": ["horeca"], "description": "Groente snijden, afwassen",
                  "hours_per_week": "16", "availability": ["tue_morning"], "capacity": "2", "host_name": "Buurtcafé De Zon",
                  "host_address": "Zonstraat 1", "host_postcode": "3512", "supervisor_name": "Sanne Bakker",
                  "supervisor_email": "sanne@dezon.example", "supervisor_phone": "030 765 43 21"}


def test_placements_are_added_and_closed_from_the_workspace(logged_in, bus, org, worker):
    bad = post(logged_in, "/werkplek/plaatsen", {"title": "", "host_postcode": "0000", "supervisor_email": "sanne@"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 422 and all(f'id="{name}-error"' in page for name in (
        "title", "work_areas", "hours_per_week", "host_name", "host_postcode", "supervisor_name", "supervisor_email"))
    seeker = logged_in.post("/api/v1/organizations/noord/requests",
                            json=request_body(kind="werkervaringsplaats", interests=["keuken"],
                                              availability=["tue_morning"])).get_json()
    added = post(logged_in, "/werkplek/plaatsen", PLACEMENT_FORM)
    assert added.status_code == 303
    page = logged_in.get("/werkplek/plaatsen").get_data(as_text=True)
    assert "Keukenhulp" in page and "Buurtcafé De Zon" in page and "begeleider Sanne Bakker" in page

    def candidates():
        data = logged_in.get(f"/api/v1/requests/{seeker['id']}/candidates").get_json()
        return data["items"] if data["items"] else None
    placement_id = eventually(candidates)[0]["offer"]["id"]
    post(logged_in, f"/werkplek/plaatsen/{placement_id}/sluiten", {}, "/werkplek/plaatsen")
    assert "gesloten" in logged_in.get("/werkplek/plaatsen").get_data(as_text=True)
    eventually(lambda: logged_in.get(f"/api/v1/requests/{seeker['id']}/candidates").get_json()["items"] == [])


def test_the_audit_log_is_for_admins_only(logged_in, bus, client, app, session_factory):
    volunteer_id, request_id = _people(logged_in)
    logged_in.get(f"/werkplek/aanvragen/{request_id}")
    logged_in.get("/werkplek/vrijwilligers")
    post(logged_in, f"/werkplek/vrijwilligers/{volunteer_id}/activeren", {"vog_checked": "ja"}, "/werkplek/vrijwilligers")
    assert logged_in.get("/werkplek/logboek").status_code == 404  # a coordinator, not an admin
    bus.handle(c.CreateUser("noord", "admin@noord.example", "admin password long", "admin"))
    admin = app.test_client()
    log_in_admin(admin, "admin@noord.example", "admin password long")
    page = admin.get("/werkplek/logboek").get_data(as_text=True)
    assert "coord@noord.example" in page and "request.view" in page and "volunteer.list" in page  # who viewed
    assert "volunteer.activate" in page and f"/werkplek/aanvragen/{request_id}" in page  # who changed what, whose
    with session_factory() as session:
        changed = session.execute(select(audit_log.c.subject_type, audit_log.c.subject_id).where(
            audit_log.c.action == "volunteer.activate")).all()
    assert changed == [("volunteer", volunteer_id)]
    assert not {"Anna", "Bram", "Vries", "example.org", "0612345678", "3511"} & set(re.findall(r"[\w.@]+", page))


def test_a_placement_is_edited_on_its_page_and_through_the_api(logged_in):
    from tests.factories import placement_body

    created = logged_in.post("/api/v1/placements", json=placement_body(title="Keuken", capacity=1)).get_json()
    url = f"/werkplek/plaatsen/{created['id']}"
    page = logged_in.get(url).get_data(as_text=True)
    assert 'value="Keuken"' in page and 'value="Sanne Bakker"' in page and 'value="Lindelaan 4"' in page
    assert post(logged_in, url, PLACEMENT_FORM | {"title": ""}).status_code == 422
    assert post(logged_in, url, PLACEMENT_FORM | {"capacity": "3"}).status_code == 303
    patched = logged_in.patch(f"/api/v1/placements/{created['id']}", json={"hours_per_week": 20})
    assert patched.status_code == 200
    (placement,) = logged_in.get("/api/v1/placements").get_json()["items"]
    assert (placement["title"], placement["capacity"], placement["hours_per_week"]) == ("Keukenhulp", 3, 20)
    assert placement["host"] == {"name": "Buurtcafé De Zon", "address": "Zonstraat 1", "postcode": "3512"}
    assert placement["supervisor"]["email"] == "sanne@dezon.example" and placement["work_areas"] == ["horeca"]
    assert logged_in.patch(f"/api/v1/placements/{created['id']}", json={"capacity": 0}).status_code == 422
    bad = logged_in.post("/api/v1/placements", json=placement_body(work_areas=[], supervisor={"name": "S", "email": "x"}))
    assert bad.status_code == 422 and {"work_areas", "supervisor.email"} <= set(bad.get_json()["errors"])


def test_logging_in_is_rate_limited_with_a_clear_message(settings, bus, org, tmp_path):
    from config import from_env
    from web import create_app

    assert from_env({"KOPPEL_INSTANCE": str(tmp_path)}).login_rate_limit == "10/minute"  # the default
    app = create_app(settings.with_(login_rate_limit="2/minute"), bus=bus)
    client = app.test_client()
    for email in ("nobody@noord.example", "someone@noord.example"):  # two addresses, one IP
        assert post(client, "/login", {"email": email, "password": "wrong"}).status_code == 401
    limited = post(client, "/login", {"email": org["email"], "password": org["password"]})
    assert limited.status_code == 429 and "Te veel pogingen" in limited.get_data(as_text=True)
    api = client.post("/api/v1/session", json={"email": org["email"], "password": org["password"]})
    assert api.status_code == 429
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.7"  # another IP still gets in
    assert post(elsewhere, "/login", {"email": org["email"], "password": org["password"]}).status_code == 303


def test_the_audit_log_shows_a_list_view_as_one_line_with_its_count(logged_in, bus, app, org, session_factory):
    for i in range(3):
        logged_in.post("/api/v1/organizations/noord/requests", json={
            "kind": "maatje", "first_name": f"P{i}", "email": f"p{i}@example.org", "postcode": "3511",
            "interests": ["wandelen"], "availability": ["tue_afternoon"], "consent": True})
    logged_in.get("/werkplek/")
    with session_factory() as session:  # one row for the page, holding all three (issue 19), none per person
        (view,) = session.execute(select(audit_views)).mappings().all()
        assert session.execute(select(audit_log).where(audit_log.c.action == "request.list")).all() == []
    assert (view["action"], view["people"], len(set(view["subject_ids"]))) == ("request.list", 3, 3)
    old = [{"at": view["at"] - timedelta(days=30), "organization_id": org["id"], "user_id": view["user_id"],
            "action": "volunteer.list", "subject_type": "volunteer", "subject_id": f"v{i}"} for i in range(4)]
    with session_factory() as session:  # a list view logged before migration 0022: a row per person
        session.execute(insert(audit_log), old)
        session.commit()
    with bus.uow() as uow:
        uow.audit.record_views(org["id"], None, "match.list", [("request", "r1"), ("volunteer", "v1")], view["at"])
        uow.commit()
    bus.handle(c.CreateUser("noord", "admin@noord.example", "admin password long", "admin"))
    admin = app.test_client()
    log_in_admin(admin, "admin@noord.example", "admin password long")
    page = admin.get("/werkplek/logboek").get_data(as_text=True)
    assert page.count("request.list") == 1 and "3 personen (request)" in page
    assert page.count("volunteer.list") == 1 and "4 personen (volunteer)" in page
    assert "2 personen (request, volunteer)" in page
    assert page.index("match.list") < page.index("request.list") < page.index("volunteer.list")  # newest first
