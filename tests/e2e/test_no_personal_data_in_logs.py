"""A full scenario's logs, at DEBUG level, hold no name, email, phone or postcode."""
import logging

import pytest

from tests.conftest import eventually
from tests.e2e.test_public_forms import SEEKER, VOLUNTEER, post

pytestmark = pytest.mark.e2e
PERSONAL = ["Anna", "Bram", "de Vries", "anna@example.org", "bram@example.org", "0612345678", "06 12345678",
            "3511", "3512"]


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
    coordinator.post(f"/api/v1/matches/{match['id']}/confirm")
    eventually(lambda: len(coordinator.get("/api/v1/messages").get_json()["items"]) == 4)
    coordinator.post("/api/v1/session", json={"email": org["email"], "password": "wrong"})
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert caplog.records, "the scenario logged something"
    assert [word for word in PERSONAL if word in logged] == []


# --- The real processes: `koppel serve` (gunicorn web + worker + embedded Redis), read from outside ---

import hashlib  # noqa: E402
import os  # noqa: E402
import re  # noqa: E402
import secrets  # noqa: E402
import signal  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SLUG = "logtest"
ACCESS_LINE = re.compile(r'^(\[[^\]]+\] "[^"]*") \d{3} (?:\d+|-) \d+ms$')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _descendants(root: int) -> set[int]:
    """The process ids under `root` (read from /proc while they run): numbers in the logs that are no postcode."""
    parents = {}
    for entry in Path("/proc").iterdir():
        try:
            parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (ValueError, OSError, IndexError):
            continue
    found, grown = {root}, True
    while grown:
        more = {pid for pid, parent in parents.items() if parent in found} - found
        found, grown = found | more, bool(more)
    return found


class Koppel:
    """`koppel serve` on a free port with its own instance folder (SQLite, embedded Redis, secret key)."""

    def __init__(self, folder: Path):
        self.folder, self.port = folder, _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        keep = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "MAIL_URL")}
        self.env = keep | {"KOPPEL_ENV": "development", "KOPPEL_INSTANCE": str(folder), "PYTHONPATH": str(ROOT),
                           "KOPPEL_PUBLIC_RATE_LIMIT": "4/minute", "KOPPEL_LOGIN_RATE_LIMIT": "10/minute",
                           "KOPPEL_LOGIN_LOCKOUT": "2 per 15 minutes", "KOPPEL_PUBLIC_URL": self.base}
        self.pids: set[int] = set()

    def create_organisation(self, coordinator_email: str, password: str) -> None:
        """Migrated database, organisation and coordinator, in this process (faster than three CLI runs)."""
        from config import from_env
        from matching.adapters.migrate import upgrade
        from matching.bootstrap import bootstrap
        from matching.domain import commands as c
        from matching.services import organizations

        settings = from_env(self.env)
        upgrade(settings.database_url)
        bus = bootstrap(settings)
        bus.handle(c.CreateOrganization(SLUG, "Vriendendienst Logtest"))
        bus.handle(c.CreateUser(SLUG, coordinator_email, password))
        bus.close()
        organizations.forget_all()

    def start(self) -> None:
        self.out = open(self.folder / "stdout.log", "wb")
        self.err = open(self.folder / "stderr.log", "wb")
        self.process = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(self.port)],
                                        cwd=ROOT, env=self.env, stdout=self.out, stderr=self.err,
                                        start_new_session=True)
        import requests

        def up():
            assert self.process.poll() is None, self.output()
            try:
                return requests.get(f"{self.base}/healthz", timeout=5).status_code == 200
            except requests.RequestException:  # not listening yet, or still loading the app
                return False
        eventually(up, timeout=90, interval=0.2)
        self.pids = _descendants(self.process.pid)

    def stop(self) -> str:
        """Ctrl-C, as an operator stops it; then everything the processes wrote."""
        if self.process.poll() is None:
            self.pids |= _descendants(self.process.pid)
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.out.close()
        self.err.close()
        return self.output()

    def output(self) -> str:
        return "".join((self.folder / name).read_text(errors="replace") for name in ("stdout.log", "stderr.log"))


@pytest.fixture
def koppel(tmp_path):
    running = Koppel(tmp_path)
    yield running
    if getattr(running, "process", None) is not None and running.process.poll() is None:
        os.killpg(running.process.pid, signal.SIGKILL)
        running.process.wait()
    for log in (getattr(running, "out", None), getattr(running, "err", None)):
        if log is not None and not log.closed:
            log.close()


def _form(session, base: str, page: str, data: dict, target: str | None = None):
    token = re.search(r'name="csrf_token" value="([^"]+)"', session.get(base + page).text).group(1)
    return session.post(base + (target or page), data=data | {"csrf_token": token}, allow_redirects=False)


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
    import requests

    seeker, volunteer, api = people["seeker"], people["volunteer"], people["api"]
    person = requests.Session()
    signed_up = _form(person, base, f"/{SLUG}/maatje", seeker | {
        "interests": ["wandelen", "koffie"], "availability": ["tue_afternoon"], "consent": "ja"})
    assert signed_up.status_code == 303, signed_up.text
    link = re.search(r'href="(/mijn/[^"]+)"', person.get(f"{base}/{SLUG}/bedankt").text).group(1)
    assert person.get(base + link).status_code == 200
    assert person.get(f"{base}{link}?klaar=beschikbaarheid").status_code == 200
    assert _form(requests.Session(), base, f"/{SLUG}/vrijwilliger", volunteer | {
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

    guesses = [_form(requests.Session(), base, "/login", {"email": people["locked"], "password": "a guess"}
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
    assert office.post(f"{base}/api/v1/matches/{match.json()['id']}/confirm").ok
    eventually(lambda: len(office.get(f"{base}/api/v1/messages").json()["items"]) >= 2, timeout=60)
    assert person.get(base + link).status_code == 200
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
    lines = [ACCESS_LINE.sub(r"\1", line) for line in output.splitlines()]
    numbers = re.sub(r"\d+", lambda m: "<pid>" if int(m.group(0)) in pids else m.group(0), "\n".join(lines))
    found += [pc for pc in ("3511", "3512", "3513") if re.search(rf"(?<!\d){pc}(?!\d)", numbers)]
    if "127.0.0.1" in output.replace(f"://127.0.0.1:{port}", ""):  # the listening address is the server's
        found.append("127.0.0.1")
    return found


def test_the_real_processes_write_no_personal_data_or_secret(koppel):
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
