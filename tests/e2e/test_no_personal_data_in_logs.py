"""A full scenario's logs hold no name, email, phone or postcode: first the records of the test process (at
DEBUG level), then what the real processes write to stdout and stderr."""
import hashlib
import logging
import re
import secrets

import pytest
import requests

from tests.conftest import eventually
from tests.e2e.real_processes import Koppel
from tests.e2e.test_public_forms import SEEKER, VOLUNTEER, post

pytestmark = pytest.mark.e2e
PERSONAL = ["Anna", "Bram", "de Vries", "anna@example.org", "bram@example.org", "0612345678", "06 12345678",
            "3511", "3512", "Vertelde over haar broer", "06 99887766", "Gerrit", "gerrit@example.org"]
# Ids are not personal data, and a random one holds "3512" now and then (a CI run found one): masked first.
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_a_whole_day_logs_nothing_personal(client, coordinator, org, worker, caplog):
    caplog.set_level(logging.DEBUG)
    post(client, "/noord/maatje", SEEKER | {"phone": "06 12345678"})
    post(client, "/noord/vrijwilliger", VOLUNTEER | {"phone": "0612345678"})
    post(client, "/noord/maatje", SEEKER | {"postcode": "0000"})  # a validation error, logged or not
    volunteer = coordinator.get("/api/v1/volunteers").get_json()["items"][0]["id"]
    coordinator.post(f"/api/v1/volunteers/{volunteer}/activate", json={"vog_checked": True})
    request = coordinator.get("/api/v1/requests").get_json()["items"][0]["id"]
    eventually(lambda: coordinator.get(f"/api/v1/requests/{request}/candidates").get_json()["items"])
    match = coordinator.post("/api/v1/matches", json={"request_id": request,
                                                      "offer": {"type": "volunteer", "id": volunteer}}).get_json()
    coordinator.post(f"/api/v1/matches/{match['id']}/confirm", json={})
    eventually(lambda: len(coordinator.get("/api/v1/messages").get_json()["items"]) == 4)
    # the person record: a note, a correction (and a wrong one), the timeline, assignment, a request by phone
    coordinator.post(f"/api/v1/requests/{request}/notes", json={"kind": "intake", "text": "Vertelde over haar broer"})
    coordinator.patch(f"/api/v1/requests/{request}", json={"phone": "06 99887766"})
    coordinator.patch(f"/api/v1/requests/{request}", json={"phone": "Gerrit", "email": "gerrit@"})
    coordinator.get(f"/api/v1/requests/{request}/timeline")
    coordinator.post(f"/api/v1/requests/{request}/assign", json={"coordinator_id": None})
    coordinator.post("/api/v1/requests", json={"kind": "maatje", "first_name": "Gerrit", "email": "gerrit@example.org",
                                               "postcode": "3511", "interests": ["koffie"], "consent": True,
                                               "availability": ["mon_morning"], "channel": "phone"})
    coordinator.post("/api/v1/session", json={"email": org["email"], "password": "wrong"})
    logged = UUID.sub("<id>", "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records))
    assert caplog.records, "the scenario logged something"
    assert [word for word in PERSONAL if word in logged] == []


# --- The real processes: `koppel serve` (gunicorn web + worker + embedded Redis), read from outside ---

SLUG = "logtest"
ACCESS_LINE = re.compile(r'^(\[[^\]]+\] "[^"]*") \d{3} (?:\d+|-) \d+ms$')


@pytest.fixture
def koppel(tmp_path):
    running = Koppel(tmp_path, SLUG, KOPPEL_PUBLIC_RATE_LIMIT="4/minute", KOPPEL_LOGIN_RATE_LIMIT="10/minute",
                     KOPPEL_LOGIN_LOCKOUT="2 per 15 minutes")
    yield running
    running.kill()


def _form(session, base: str, page: str, data: dict):
    """A form sent as a browser sends it (`session` None: a new browser, closed after)."""
    if session is None:
        with requests.Session() as fresh:
            return _form(fresh, base, page, data)
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(base + page).text).group(1)
    return session.post(base + page, data=data | {"csrf_token": token}, allow_redirects=False)


def _people(tag: str) -> dict:
    """Unique names, addresses and numbers, so finding one in the output can only mean it was logged."""
    def phone():
        return "06 " + "".join(secrets.choice("123456789") for _ in range(8))
    return {
        "seeker": {"first_name": "Quirijntje", "email": f"quirijntje.{tag}@example.org", "phone": phone(),
                   "postcode": "3511 AB"},
        "volunteer": {"first_name": "Wubbolt", "last_name": "Gerbrandy", "email": f"wubbolt.{tag}@example.net",
                      "phone": phone(), "postcode": "3512 CD"},
        "api": {"first_name": "Ymkje", "email": f"ymkje.{tag}@example.com", "phone": phone(), "postcode": "3513"},
        "coordinator": f"coordinator.{tag}@example.org",
        "locked": f"locked.{tag}@example.org",
    }


def _scenario(base: str, people: dict, password: str) -> list[str]:
    """A day in the life, over HTTP: two forms, the API, a private link, a lockout, a match. Returns the tokens."""
    seeker, volunteer, api = people["seeker"], people["volunteer"], people["api"]
    person = requests.Session()
    signed_up = _form(person, base, f"/{SLUG}/maatje", seeker | {
        "interests": ["wandelen", "koffie"], "availability": ["tue_afternoon"], "consent": "ja"})
    assert signed_up.status_code == 303, signed_up.text
    link = re.search(r'href="(/mijn/[^"]+)"', person.get(f"{base}/{SLUG}/bedankt").text).group(1)
    assert person.get(base + link).status_code == 200
    assert person.get(f"{base}{link}?klaar=beschikbaarheid").status_code == 200
    assert _form(None, base, f"/{SLUG}/vrijwilliger", volunteer | {
        "interests": ["wandelen"], "availability": ["tue_afternoon"], "kinds": ["maatje"], "consent": "ja"}
                 ).status_code == 303
    created = requests.post(f"{base}/api/v1/organizations/{SLUG}/requests", json=api | {
        "kind": "maatje", "interests": ["film"], "availability": ["sun_evening"], "consent": True})
    assert created.status_code == 201, created.text
    api_token = created.json()["manage_token"]
    assert requests.get(f"{base}/api/v1/requests/self", headers={"Authorization": f"Bearer {api_token}"}).ok
    over = [requests.post(f"{base}/api/v1/organizations/{SLUG}/requests", json={"kind": "maatje"}).status_code
            for _ in range(2)]
    assert over == [422, 429]  # the fifth public post breaks the per-IP limit: Flask-Limiter logs its key

    guesses = [_form(None, base, "/login", {"email": people["locked"], "password": "a guess"}
                     ).status_code for _ in range(3)]
    assert guesses == [401, 401, 429]  # the account lockout, keyed by an HMAC of the address
    office = requests.Session()
    assert _form(office, base, "/login", {"email": people["coordinator"], "password": password}).status_code == 303
    found = office.get(f"{base}/api/v1/requests", params={"q": seeker["first_name"]}).json()["items"]
    request_id = found[0]["id"]
    volunteer_id = office.get(f"{base}/api/v1/volunteers").json()["items"][0]["id"]
    assert office.post(f"{base}/api/v1/volunteers/{volunteer_id}/activate", json={"vog_checked": True}).ok
    eventually(lambda: office.get(f"{base}/api/v1/requests/{request_id}/candidates").json()["items"], timeout=60)
    match = office.post(f"{base}/api/v1/matches", json={"request_id": request_id,
                                                        "offer": {"type": "volunteer", "id": volunteer_id}})
    assert match.status_code == 201, match.text
    assert office.post(f"{base}/api/v1/matches/{match.json()['id']}/confirm", json={}).ok
    eventually(lambda: len(office.get(f"{base}/api/v1/messages").json()["items"]) >= 2, timeout=60)
    assert person.get(base + link).status_code == 200
    person.close()
    office.close()  # no open keep-alive connection holds up the stop
    return [link.split("/")[2], api_token]


def _secrets_in(output: str, people: dict, tokens: list[str], pids: set[int], port: int) -> list[str]:
    """Each name, address, phone number, postcode, token, address hash and client IP found in the output."""
    emails = [people[k]["email"] for k in ("seeker", "volunteer", "api")] + [people["coordinator"], people["locked"]]
    words = [people["seeker"]["first_name"], people["volunteer"]["first_name"], people["volunteer"]["last_name"],
             people["api"]["first_name"], *emails, *tokens]
    words += [hashlib.sha256(email.lower().encode()).hexdigest() for email in emails]
    for who in ("seeker", "volunteer", "api"):
        phone, postcode = people[who]["phone"], people[who]["postcode"]
        words += [phone, phone.replace(" ", ""), postcode, postcode.replace(" ", "")]
    found = [word for word in words if word.lower() in output.lower()]
    # four digits of a postcode: only where they are not a process id, a size or a duration
    lines = [ACCESS_LINE.sub(r"\1", line) for line in UUID.sub("<id>", output).splitlines()]
    numbers = re.sub(r"\d+", lambda m: "<pid>" if int(m.group(0)) in pids else m.group(0), "\n".join(lines))
    found += [pc for pc in ("3511", "3512", "3513") if re.search(rf"(?<!\d){pc}(?!\d)", numbers)]
    if "127.0.0.1" in output.replace(f"://127.0.0.1:{port}", ""):  # the listening address is the server's
        found.append("127.0.0.1")
    return found


@pytest.mark.slow
def test_the_real_processes_write_no_personal_data_or_secret(koppel):
    """stdout and stderr of `koppel serve` and its children (gunicorn master and workers, the worker,
    access log included) through a whole scenario: none of the people's data, tokens or hashes."""
    tag, password = secrets.token_hex(4), "a long coordinator password"
    people = _people(tag)
    koppel.create_organisation(people["coordinator"], password)
    koppel.start()
    try:
        tokens = _scenario(koppel.base, people, password)
    finally:
        output = koppel.stop()
    assert _secrets_in(output, people, tokens, koppel.pids, koppel.port) == []
    assert "GET /mijn/" in output and "exceeded at endpoint" in output, "the logs show the scenario (access, limits)"
