"""The welcome message keeps its private link masked; only the mail that goes out carries it, opened
from a seal that works for that message alone and is wiped once the message is sent or stored."""
import pytest

from matching.adapters import seal
from matching.adapters.seal import LinkSeal
from matching.domain.organization import Organization
from matching.domain.people import Request
from matching.services import queued_links, sign_up_messages
from matching.services.ports import Dependencies

pytestmark = pytest.mark.unit
FIELDS = {"kind": "maatje", "first_name": "Anna", "email": "anna@example.org", "postcode": "3511",
          "interests": ["film"], "availability": ["mon_morning"]}


def _settings(mail_url="smtp://127.0.0.1:2525", secret_key="k" * 64) -> Dependencies:
    """What the sign-up messages read: the public address, whether mail goes out, the key that seals links."""
    return Dependencies(clock=None, passwords=None, totp=None, links=LinkSeal(secret_key),
                        mail=object() if mail_url else None, public_url="https://koppel.example")


def _welcome(settings):
    request = Request.submit("org", dict(FIELDS), "v1")
    return request.manage_token, sign_up_messages.request_received(Organization("noord", "Noord"), request, settings)


def test_the_stored_body_is_masked_and_only_the_mail_carries_the_live_link():
    token, message = _welcome(_settings())
    assert token not in message.body and "https://koppel.example/mijn/••••••••" in message.body
    assert message.link_seal and token not in message.link_seal
    assert f"https://koppel.example/mijn/{token}\n" in queued_links.mail_body(message, _settings())
    message.mark_sent()
    assert message.link_seal is None and token not in queued_links.mail_body(message, _settings())


def test_without_a_mail_server_nothing_is_sealed():
    token, message = _welcome(_settings(mail_url=None))
    assert message.link_seal is None and token not in queued_links.mail_body(message, _settings(mail_url=None))


def test_a_seal_opens_only_with_its_key_purpose_and_message():
    sealed = seal.seal("key", "purpose", "message-1", "the-token")
    assert seal.unseal("key", "purpose", "message-1", sealed) == "the-token"
    assert seal.unseal("other key", "purpose", "message-1", sealed) is None
    assert seal.unseal("key", "other purpose", "message-1", sealed) is None
    assert seal.unseal("key", "purpose", "message-2", sealed) is None
    assert seal.unseal("key", "purpose", "message-1", "not a seal") is None


def test_a_changed_secret_key_sends_the_mail_with_the_link_masked_instead_of_failing():
    token, message = _welcome(_settings())
    body = queued_links.mail_body(message, _settings(secret_key="another key"))
    assert token not in body and "/mijn/••••••••" in body
