"""Logging in as a service use case: the password and the app's code are checked here, through the
ports, so the web only keeps the session."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.errors import Invalid
from matching.services import accounts

pytestmark = pytest.mark.unit
PASSWORD = "correct horse battery"


@pytest.fixture
def user(bus, org) -> str:
    return bus.handle(commands.CreateUser("noord", "coord@noord.example", PASSWORD))


def _code(bus, secret: str = "SECRETABC") -> str:
    return bus.deps.totp.code_at(secret, bus.deps.clock.now())


def test_the_right_password_gives_the_account_without_its_hash(bus, user):
    found = accounts.authenticate(bus, " Coord@Noord.example", PASSWORD)
    assert (found.id, found.email, found.next_step) == (user, "coord@noord.example", "done")
    assert not hasattr(found, "password_hash")


def test_a_wrong_password_and_an_unknown_address_are_refused_alike(bus, user):
    checked: list[str] = []
    hasher = bus.deps.passwords
    hasher.verify = lambda password_hash, password: checked.append(password_hash) or False
    assert accounts.authenticate(bus, "coord@noord.example", "wrong") is None
    assert accounts.authenticate(bus, "nobody@noord.example", PASSWORD) is None
    assert checked == ["hashed:" + PASSWORD, hasher.dummy_hash()]  # one hash verified either way


def test_an_account_with_two_factor_needs_the_code(bus, user):
    bus.handle(commands.EnableTwoFactor(user, "SECRETABC", _code(bus)))
    assert accounts.authenticate(bus, "coord@noord.example", PASSWORD).next_step == "code"
    with pytest.raises(accounts.LoginRefused) as missing:
        accounts.log_in(bus, "coord@noord.example", PASSWORD)
    assert missing.value.reason == "code_needed"
    with pytest.raises(accounts.LoginRefused) as wrong:
        accounts.log_in(bus, "coord@noord.example", PASSWORD, "000000")
    assert wrong.value.reason == "code"
    bus.deps.clock.advance(seconds=30)
    assert accounts.log_in(bus, "coord@noord.example", PASSWORD, _code(bus)).id == user


def test_an_admin_without_two_factor_sets_it_up_before_logging_in(bus, org):
    admin = bus.handle(commands.CreateUser("noord", "admin@noord.example", PASSWORD, "admin"))
    with pytest.raises(accounts.LoginRefused) as refused:
        accounts.log_in(bus, "admin@noord.example", PASSWORD)
    assert refused.value.reason == "setup"
    secret = accounts.new_two_factor_secret(bus)
    with pytest.raises(Invalid):
        accounts.second_step(bus, admin, "000000", secret)
    done = accounts.second_step(bus, admin, _code(bus, secret), secret)
    assert done.two_factor and done.next_step == "code"


def test_a_wrong_password_is_refused_without_saying_which_part(bus, user):
    with pytest.raises(accounts.LoginRefused) as refused:
        accounts.log_in(bus, "coord@noord.example", "not the password")
    assert (refused.value.reason, refused.value.message) == ("password", "Wrong email or password.")
