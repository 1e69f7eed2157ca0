"""The way in: the front page, an organisation's own page, and a human to call on every public page,
private link and message (CONTRACT sections 3 and 14)."""
import re

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from cli.main import cli
from matching.adapters import orm
from matching.domain import commands as c
from tests.e2e.logins import log_in_admin
from tests.e2e.test_public_forms import SEEKER, post

pytestmark = pytest.mark.e2e

CONTACT = {"phone": "030 555 12 34", "email": "info@noord.example", "address": "Buurtpunt Noord, Kerkstraat 1",
           "opening_hours": "ma t/m do, 9.00-16.00 uur"}


@pytest.fixture
def with_contact(bus, org):
    admin = bus.handle(c.CreateUser("noord", "admin@noord.example", "correct horse battery", "admin"))
    bus.handle(c.ChangeOrganizationContact(org["id"], admin, CONTACT))
    return org


def test_the_front_page_lists_every_organisations_forms_and_the_login(client, bus, org):
    bus.handle(c.CreateOrganization("zuid", "Maatjes Zuid"))
    page = client.get("/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for slug in ("noord", "zuid"):
        for form in ("maatje", "werkervaringsplaats", "vrijwilliger"):
            assert f'href="/{slug}/{form}"' in html
    assert 'href="/login"' in html and "Vriendendienst Noord" in html and "Maatjes Zuid" in html


def test_with_one_organisation_the_front_page_goes_straight_to_its_forms(client, org):
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/noord")
    html = client.get("/noord").get_data(as_text=True)
    assert all(f'href="/noord/{form}"' in html for form in ("maatje", "werkervaringsplaats", "vrijwilliger"))


def test_an_unknown_organisation_page_is_not_found(client, org):
    assert client.get("/nergens").status_code == 404


def test_every_public_page_and_the_private_link_show_the_organisations_phone(client, with_contact):
    for url in ("/noord", "/noord/maatje", "/noord/werkervaringsplaats", "/noord/vrijwilliger"):
        html = client.get(url).get_data(as_text=True)
        assert 'href="tel:0305551234"' in html and "info@noord.example" in html, url
    post(client, "/noord/maatje", dict(SEEKER, email="", phone="0612345678"))
    thanks = client.get("/noord/bedankt").get_data(as_text=True)
    assert "030 555 12 34" in thanks and "Kerkstraat 1" in thanks
    link = re.search(r'href="(/mijn/[^"]+)"', thanks).group(1)
    own = client.get(link).get_data(as_text=True)
    assert "030 555 12 34" in own and "ma t/m do, 9.00-16.00 uur" in own


def test_every_message_ends_with_how_to_reach_the_organisation(client, with_contact, session_factory):
    post(client, "/noord/maatje", SEEKER)
    with session_factory() as session:
        bodies = session.scalars(select(orm.messages.c.body)).all()
    assert bodies and all("Telefoon: 030 555 12 34" in body and "E-mail: info@noord.example" in body
                          for body in bodies)


def test_an_admin_sets_the_contact_details_and_the_public_forms_show_them(client, bus, org):
    bus.handle(c.CreateUser("noord", "admin@noord.example", "correct horse battery", "admin"))
    log_in_admin(client, "admin@noord.example", "correct horse battery")
    bad = post(client, "/werkplek/organisatie", dict(CONTACT, email="geen adres"))
    assert bad.status_code == 422 and "Dit e-mailadres klopt niet" in bad.get_data(as_text=True)
    assert "030 555 12 34" in bad.get_data(as_text=True)  # what was typed stays
    saved = post(client, "/werkplek/organisatie", CONTACT)
    assert saved.status_code == 303
    assert 'href="tel:0305551234"' in client.get("/noord/maatje").get_data(as_text=True)


def test_a_coordinator_who_is_not_admin_gets_not_found_for_the_organisation_page(coordinator, org):
    assert coordinator.get("/werkplek/organisatie").status_code == 404
    response = coordinator.post("/werkplek/organisatie", data=CONTACT)
    assert response.status_code in (400, 404)  # CSRF or admin check: nothing changes either way
    assert "030 555" not in coordinator.get("/noord/maatje").get_data(as_text=True)


def test_a_coordinator_cannot_change_the_contact_details_through_the_bus_either(bus, org):
    from matching.domain.errors import NotFound

    coordinator_id = bus.handle(c.CreateUser("noord", "c2@noord.example", "correct horse battery"))
    with pytest.raises(NotFound):
        bus.handle(c.ChangeOrganizationContact(org["id"], coordinator_id, CONTACT))


def test_koppel_org_create_takes_the_contact_details(settings, session_factory, client):
    result = CliRunner().invoke(cli, ["org", "create", "oost", "--name", "Vriendendienst Oost", "--phone",
                                      "020 111 22 33", "--email", "hallo@oost.example", "--hours", "di en do"])
    assert result.exit_code == 0, result.output
    html = client.get("/oost/vrijwilliger").get_data(as_text=True)
    assert "020 111 22 33" in html and "hallo@oost.example" in html and "di en do" in html
    refused = CliRunner().invoke(cli, ["org", "create", "west", "--name", "West", "--email", "nope"])
    assert refused.exit_code == 1 and "email" in refused.output
