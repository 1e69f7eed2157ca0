"""Organisations and accounts: creating them, passwords and the second login step (through the ports)."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid
from tests.unit.services.conftest import stored

pytestmark = pytest.mark.unit
PASSWORD = "correct horse battery"


@pytest.fixture
def user(bus, org) -> str:
    return bus.handle(commands.CreateUser("noord", "Coord@Noord.example ", PASSWORD))


def _user(bus, user_id: str):
    with stored(bus) as uow:
        return uow.users.get(user_id)


@pytest.mark.parametrize(("slug", "error"), [("Noord", Invalid), ("werkplek", Invalid), ("noord", Conflict)])
def test_an_organisation_needs_a_free_lowercase_slug_that_is_no_page_of_koppel(bus, org, slug, error):
    with pytest.raises(error):
        bus.handle(commands.CreateOrganization(slug, "Nog een"))


def test_a_new_user_is_stored_with_a_hashed_password_and_a_normalised_email(bus, user):
    found = _user(bus, user)
    assert (found.email, found.password_hash, found.role) == ("coord@noord.example", "hashed:" + PASSWORD, "coordinator")


@pytest.mark.parametrize(("email", "password", "error"), [("coord@noord.example", PASSWORD, Conflict),
                                                          ("new@noord.example", "short", Invalid)])
def test_a_user_needs_a_new_email_and_a_long_password(bus, user, email, password, error):
    with pytest.raises(error):
        bus.handle(commands.CreateUser("noord", email, password))


def test_changing_the_password_needs_the_current_one_and_ends_other_sessions(bus, user):
    with pytest.raises(Invalid) as wrong:
        bus.handle(commands.ChangePassword(user, "not it", "a much longer new password"))
    assert wrong.value.field == "current_password"
    version = bus.handle(commands.ChangePassword(user, PASSWORD, "a much longer new password"))
    found = _user(bus, user)
    assert (found.password_hash, found.session_version, version) == ("hashed:a much longer new password", 2, 2)
    assert bus.db.state.audit[-1]["action"] == "account.password" and bus.db.state.audit[-1]["user_id"] == user


def test_the_email_address_is_no_password(bus, user):
    with pytest.raises(Invalid, match="email address"):
        bus.handle(commands.ChangePassword(user, PASSWORD, "coord@noord.example"))


def test_two_factor_is_kept_only_once_a_code_from_the_app_proves_it(bus, user):
    secret, totp, now = "SECRETABC", bus.deps.totp, bus.deps.clock.now()
    with pytest.raises(Invalid):
        bus.handle(commands.EnableTwoFactor(user, secret, "000000"))
    assert _user(bus, user).totp_secret is None
    bus.handle(commands.EnableTwoFactor(user, secret, totp.code_at(secret, now)))
    found = _user(bus, user)
    assert found.two_factor and found.session_version == 2


def test_each_login_code_is_accepted_once(bus, user):
    secret, totp = "SECRETABC", bus.deps.totp
    bus.handle(commands.EnableTwoFactor(user, secret, totp.code_at(secret, bus.deps.clock.now())))
    bus.deps.clock.advance(seconds=30)
    code = totp.code_at(secret, bus.deps.clock.now())
    bus.handle(commands.CheckLoginCode(user, code))
    with pytest.raises(Invalid, match="used already"):
        bus.handle(commands.CheckLoginCode(user, code))
    assert [row["action"] for row in bus.db.state.audit][-1] == "account.login"


def test_admins_cannot_switch_two_factor_off(bus, org):
    admin = bus.handle(commands.CreateUser("noord", "admin@noord.example", PASSWORD, "admin"))
    bus.handle(commands.EnableTwoFactor(admin, "SECRETABC", bus.deps.totp.code_at("SECRETABC", bus.deps.clock.now())))
    with pytest.raises(Invalid):
        bus.handle(commands.DisableTwoFactor(admin, PASSWORD))
    assert _user(bus, admin).two_factor


def test_the_operator_resets_a_lost_account(bus, user):
    bus.handle(commands.EnableTwoFactor(user, "SECRETABC", bus.deps.totp.code_at("SECRETABC", bus.deps.clock.now())))
    bus.handle(commands.ResetAccount("coord@noord.example", "another long password"))
    found = _user(bus, user)
    assert (found.two_factor, found.password_hash) == (False, "hashed:another long password")
    assert bus.db.state.audit[-1]["user_id"] is None  # done by the operator, not the account
