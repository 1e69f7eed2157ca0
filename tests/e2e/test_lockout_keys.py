"""The login lockout counts an account under a keyed hash (HMAC with a key from SECRET_KEY), never
under its address or a plain hash of it that anyone holding a list of addresses could compute."""
from __future__ import annotations

import hashlib
import os

import pytest
import redis

from tests.e2e.test_public_forms import post
from web.lockout import account_key

pytestmark = pytest.mark.e2e


def test_the_lockout_key_is_an_hmac_of_the_lower_cased_address_keyed_by_the_secret():
    email = "Coord@Noord.example"
    assert account_key("secret one", email) == account_key("secret one", "  coord@noord.example ")
    assert account_key("secret one", email) != account_key("secret two", email)
    assert account_key("secret one", email) != hashlib.sha256(email.lower().encode()).hexdigest()


def test_the_store_holds_neither_the_address_nor_its_plain_hash(settings, bus, org):
    from web import create_app

    app = create_app(settings.with_(login_lockout="5 per 15 minutes"), bus=bus)
    client = app.test_client()
    for _ in range(2):
        assert post(client, "/login", {"email": org["email"], "password": "a guess"}).status_code == 401
    store = redis.Redis.from_url(os.environ["REDIS_URL"])
    keys = [key.decode() for key in store.scan_iter("*")]
    store.close()
    assert any(account_key(settings.secret_key, org["email"]) in key for key in keys)
    plain = hashlib.sha256(org["email"].lower().encode()).hexdigest()
    assert [key for key in keys if plain in key or org["email"].split("@")[0] in key.lower()] == []
