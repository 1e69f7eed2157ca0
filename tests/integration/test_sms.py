"""SMS for people without email, through Twilio's REST API, tested against a small fake of that API on
a free port: off unless SMS_URL is set; when on, a message to a phone-only person goes by SMS with the
live private link (sealed until sent, never stored readable), and one that cannot go (a landline, a
refused number) stays on the call list. A provider that is down is tried again; nothing is sent twice."""
import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from sqlalchemy import select

from config import ConfigError, from_env
from matching.adapters import orm, sms
from tests.e2e.phone_world import World
from tests.e2e.test_no_live_tokens import _database

pytestmark = pytest.mark.integration
SID, SECRET, SENDER = "AC0123456789", "s3cret", "+3197010000000"


class FakeTwilio:
    """Twilio's Messages endpoint as far as Koppel uses it; `answer` sets what it replies."""

    def __init__(self):
        self.received: list[dict] = []
        self.answer = (201, {"sid": "SM1", "status": "queued"})
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                form = parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode())
                fake.received.append({"path": self.path, "auth": self.headers["Authorization"],
                                      **{key: values[0] for key, values in form.items()}})
                status, body = fake.answer
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"twilio://{SID}:{SECRET}@%2B3197010000000?api=http://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def fake():
    made = FakeTwilio()
    yield made
    made.close()


@pytest.fixture
def texting(settings, session_factory, org, fake):
    made = World(settings.with_(sms_url=fake.url), session_factory, org)
    yield made
    made.close()


def test_a_phone_only_sign_up_is_texted_his_live_link_and_nothing_readable_is_kept(texting, fake, settings):
    request_id, token = texting.sign_up_by_phone()
    (sent,) = fake.received
    assert sent["path"] == f"/2010-04-01/Accounts/{SID}/Messages.json"
    assert sent["auth"] == "Basic " + base64.b64encode(f"{SID}:{SECRET}".encode()).decode()
    assert (sent["To"], sent["From"]) == ("+31612345678", SENDER)
    assert f"/mijn/{token}" in sent["Body"] and "Vriendendienst Noord" in sent["Body"] and len(sent["Body"]) < 320
    assert texting.person.get(f"/mijn/{token}").status_code == 200
    with texting.bus.uow() as uow:
        message = uow.session.execute(select(orm.messages)).one()._mapping
    assert (message["status"], message["to_address"], message["link_seal"]) == ("sent", None, None)
    assert "/mijn/••••••••" in message["sms_body"] and token not in _database(settings)
    assert texting.calls()["total"] == 0  # he was told: nothing to call about
    assert "(geen e-mailadres: per sms)" in texting.coordinator.get("/werkplek/berichten").get_data(as_text=True)
    texting.bus.handle_event(_events(texting, "message.queued")[0])  # delivered twice by the broker: sent once
    assert len(fake.received) == 1


def test_the_introduction_goes_by_sms_too(texting, fake):
    request_id, _token = texting.sign_up_by_phone()
    texting.confirmed_match(request_id, texting.active_volunteer())
    texts = [r for r in fake.received if r["To"] == "+31612345678"]
    assert len(texts) == 2 and "Bram" in texts[1]["Body"] and "0612345678" in texts[1]["Body"]
    assert texting.calls()["total"] == 0


def test_a_landline_is_not_texted_but_called(texting, fake):
    request_id, _token = texting.sign_up_by_phone(phone="030 123 45 67")
    assert fake.received == []
    assert [t["person"]["id"] for t in texting.calls()["items"]] == [request_id]


def test_a_refused_number_stays_on_the_call_list_and_the_log_names_no_number(texting, fake, caplog):
    fake.answer = (400, {"code": 21211, "message": "The 'To' number +31612345678 is not a valid phone number."})
    request_id, _token = texting.sign_up_by_phone()
    assert len(fake.received) == 1
    assert [t["person"]["id"] for t in texting.calls()["items"]] == [request_id]
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert refused and "21211" in refused[0] and "612345678" not in " ".join(refused)


def test_a_provider_that_is_down_is_tried_again_and_sends_once(texting, fake, session_factory):
    fake.answer = (503, {"code": 20500, "message": "Internal Server Error"})
    from tests.e2e.test_public_forms import post
    from tests.e2e.phone_world import PHONE_ONLY

    post(texting.person, "/noord/maatje", PHONE_ONLY)
    (event,) = [e for e in texting.events if e in _events(texting, "message.queued")]
    texting.events.remove(event)
    texting.run_workers()
    with pytest.raises(sms.SmsUnavailable):
        texting.bus.handle_event(event)  # the worker retries later
    assert texting.calls()["total"] == 1  # meanwhile the coordinator sees it
    fake.answer = (201, {"sid": "SM2"})
    texting.bus.handle_event(event)
    texting.bus.handle_event(event)
    assert len(fake.received) == 2 and texting.calls()["total"] == 0


def _events(world, name: str) -> list[str]:
    with world.bus.uow() as uow:
        return list(uow.session.scalars(select(orm.outbox.c.id).where(orm.outbox.c.name == name)))


def test_sms_url_is_read_and_checked_in_settings(tmp_path):
    base = {"KOPPEL_INSTANCE": str(tmp_path), "SECRET_KEY": "x"}
    assert from_env(base).sms_url is None
    assert from_env(base | {"SMS_URL": "twilio://AC1:tok@%2B3197010000000"}).sms_url.startswith("twilio://")
    for wrong in ("smtp://a:b@c", "twilio://nobody", "twilio://AC1@+31"):
        with pytest.raises(ConfigError, match="SMS_URL"):
            from_env(base | {"SMS_URL": wrong})


def test_the_adapter_reads_its_url():
    sender = sms.from_url("twilio://AC1:t%2Fk@%2B3197010000000")
    assert (sender.account_sid, sender.auth_token, sender.sender, sender.api) == (
        "AC1", "t/k", "+3197010000000", "https://api.twilio.com")
    assert sms.from_url("twilio://AC1:tok@Koppel?api=http://127.0.0.1:9/").api == "http://127.0.0.1:9"
    with pytest.raises(ValueError):
        sms.from_url("twilio://AC1@Koppel")
