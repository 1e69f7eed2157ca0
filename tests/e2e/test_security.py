"""SECURITY.md, line by line: each control of the coordinators' login and sessions, tried as an attacker
would. (CSRF on forms, per-IP limits, tenant isolation, logs and fuzzing have their own files.)"""
from __future__ import annotations

import logging
import re
import time

import pytest
from sqlalchemy import select

from matching.adapters import totp
from matching.adapters.orm import audit_log, users
from matching.domain import commands as c
from tests.e2e.logins import log_in_admin, secret_on
from tests.e2e.test_public_forms import post
from tests.factories import request_body

pytestmark = pytest.mark.e2e


def _app(settings, bus, **changes):
    from web import create_app

    app = create_app(settings.with_(**changes), bus=bus)
    app.config["TESTING"] = True
    return app


def _log_in(client, org, password=None):
    response = post(client, "/login", {"email": org["email"], "password": password or org["password"]})
    assert response.status_code == 303, response.status_code
    return client


def _logged_in(client) -> bool:
    return client.get("/werkplek/").status_code == 200


def _enable_two_factor(client) -> str:
    secret = secret_on(client.get("/werkplek/account/").get_data(as_text=True))
    response = post(client, "/werkplek/account/tweestaps", {"code": totp.current_code(secret)}, "/werkplek/account/")
    assert response.status_code == 303
    return secret


def _code_from_another_step(secret: str) -> str:
    """A code the app shows 30 seconds on: valid, but not the one used just now."""
    return totp.current_code(secret, time.time() + 30)


def test_passwords_are_hashed_with_argon2id_at_19_mib_and_two_passes(app, org, session_factory, caplog):
    caplog.set_level(logging.DEBUG)
    _log_in(app.test_client(), org)
    post(app.test_client(), "/login", {"email": org["email"], "password": org["password"] + " typo"})
    app.test_client().post("/api/v1/session", json={"email": org["email"], "password": org["password"]})
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert org["password"] not in logged  # never logged in clear, right or wrong
    with session_factory() as session:
        stored = session.scalar(select(users.c.password_hash).where(users.c.email == org["email"]))
    variant, version, params = stored.split("$")[1:4]
    settings = dict(part.split("=") for part in params.split(","))
    assert variant == "argon2id" and int(settings["m"]) >= 19 * 1024 and int(settings["t"]) >= 2
    assert org["password"] not in stored


def test_a_new_password_needs_twelve_characters_and_is_not_the_email(client, org):
    _log_in(client, org)
    for new, message in (("elf tekens!", "minstens 12 tekens"), (org["email"], "niet je e-mailadres")):
        page = post(client, "/werkplek/account/wachtwoord",
                    {"current_password": org["password"], "new_password": new, "new_password_again": new},
                    "/werkplek/account/")
        assert page.status_code == 422 and message in page.get_data(as_text=True)
    wrong = post(client, "/werkplek/account/wachtwoord", {"current_password": "nope", "new_password": "a" * 12,
                                                          "new_password_again": "a" * 12}, "/werkplek/account/")
    assert wrong.status_code == 422 and "niet je huidige wachtwoord" in wrong.get_data(as_text=True)


def test_login_says_the_same_for_an_unknown_account_and_a_wrong_password(client, org, monkeypatch):
    """Same answer, and the same work: one argon2id verification with the same parameters either way
    (an unknown address is checked against a dummy hash), so the time spent tells nothing."""
    from matching.adapters import passwords

    verified = []

    class CountingHasher:
        def __init__(self, real):
            self.real = real

        def verify(self, hash_, password):
            verified.append(hash_.split("$")[1:4])  # variant, version, memory/passes/lanes
            return self.real.verify(hash_, password)

        def __getattr__(self, name):
            return getattr(self.real, name)

    monkeypatch.setattr(passwords, "_hasher", CountingHasher(passwords._hasher))
    pages, api = [], []
    for email in ("nobody@noord.example", org["email"]):
        pages.append(post(client, "/login", {"email": email, "password": "whatever it is"}))
        api.append(client.post("/api/v1/session", json={"email": email, "password": "whatever it is"}))
    assert pages[0].status_code == pages[1].status_code == 401
    assert all("horen niet bij elkaar" in page.get_data(as_text=True) for page in pages)
    assert api[0].get_json() == api[1].get_json() and api[0].status_code == api[1].status_code == 401
    assert len(verified) == 4 and len({tuple(parameters) for parameters in verified}) == 1, verified


def test_logging_in_starts_a_new_session(client, org):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    before = client.get_cookie("koppel").value
    _log_in(client, org)
    with client.session_transaction() as session:
        assert "planted" not in session
    assert client.get_cookie("koppel").value != before


def test_logout_ends_every_session_of_the_account_also_a_copied_cookie(app, org):
    phone, laptop = app.test_client(), app.test_client()
    _log_in(phone, org), _log_in(laptop, org)
    stolen = app.test_client()
    stolen.set_cookie("koppel", laptop.get_cookie("koppel").value)
    assert _logged_in(stolen)
    post(laptop, "/logout", {}, "/werkplek/")
    assert not _logged_in(laptop) and not _logged_in(stolen) and not _logged_in(phone)
    api = app.test_client()
    api.post("/api/v1/session", json={"email": org["email"], "password": org["password"]})
    copy = app.test_client()
    copy.set_cookie("koppel", api.get_cookie("koppel").value)
    assert api.delete("/api/v1/session", json={}).status_code == 204
    assert copy.get("/api/v1/requests").status_code == 401


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app, org):
    here, elsewhere = _log_in(app.test_client(), org), _log_in(app.test_client(), org)
    changed = post(here, "/werkplek/account/wachtwoord", {"current_password": org["password"],
                                                         "new_password": "a brand new passphrase",
                                                         "new_password_again": "a brand new passphrase"},
                   "/werkplek/account/")
    assert changed.status_code == 303 and _logged_in(here) and not _logged_in(elsewhere)
    assert post(app.test_client(), "/login", {"email": org["email"], "password": org["password"]}).status_code == 401
    _log_in(app.test_client(), org, "a brand new passphrase")


def test_log_out_everywhere_from_the_account_page(app, org):
    here, elsewhere = _log_in(app.test_client(), org), _log_in(app.test_client(), org)
    post(here, "/werkplek/account/overal-uitloggen", {}, "/werkplek/account/")
    assert not _logged_in(here) and not _logged_in(elsewhere)


def test_a_session_ends_after_twelve_hours_however_busy(client, org, monkeypatch):
    import web.auth

    started = time.time()
    _log_in(client, org)
    for hours in (1, 6, 11.99):  # busy all day: every request along the way is logged in
        monkeypatch.setattr(web.auth, "time", type("Clock", (), {"time": staticmethod(lambda h=hours: started + h * 3600)}))
        assert _logged_in(client)
    monkeypatch.setattr(web.auth, "time", type("Clock", (), {"time": staticmethod(lambda: started + 12 * 3600 + 1)}))
    assert not _logged_in(client)


def test_production_cookies_are_host_prefixed_secure_httponly_and_samesite(settings, bus, org):
    client = _app(settings, bus, env="production").test_client()
    response = client.get("/login", base_url="https://koppel.example")
    header = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("__Host-koppel="))
    parts = {p.strip().split("=")[0].lower() for p in header.split(";")}
    assert {"secure", "httponly", "samesite", "path"} <= parts and "domain" not in parts
    assert "SameSite=Lax" in header and "Path=/" in header


def test_production_sends_hsts_and_a_strict_content_security_policy(settings, bus, org):
    response = _app(settings, bus, env="production").test_client().get("/noord/maatje",
                                                                      base_url="https://koppel.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_api_takes_only_json_so_a_cross_site_form_cannot_post_to_it(coordinator, org, session_factory):
    """A complete, valid body sent as text/plain (what a cross-site form can send) is refused for its type
    alone; the same body as JSON is taken."""
    body = ('{"kind": "maatje", "first_name": "X", "email": "x@example.org", "postcode": "3511", "consent": true,'
            ' "interests": ["wandelen"], "availability": ["mon_evening"]}')
    response = coordinator.post("/api/v1/organizations/noord/requests", data=body, content_type="text/plain")
    assert response.status_code == 415
    assert coordinator.get("/api/v1/requests").get_json()["items"] == []
    taken = coordinator.post("/api/v1/organizations/noord/requests", data=body, content_type="application/json")
    assert taken.status_code == 201


def test_an_account_is_locked_for_a_while_after_five_failed_logins(settings, bus, org, tmp_path):
    from config import from_env

    assert from_env({"KOPPEL_INSTANCE": str(tmp_path)}).login_lockout == "5 per 15 minutes"  # the default
    client = _app(settings, bus, login_lockout="5 per 15 minutes").test_client()
    for _ in range(5):
        assert post(client, "/login", {"email": org["email"], "password": "guess"}).status_code == 401
    locked = post(client, "/login", {"email": org["email"], "password": org["password"]})
    assert locked.status_code == 429 and "Te veel pogingen" in locked.get_data(as_text=True)
    api = client.post("/api/v1/session", json={"email": org["email"], "password": org["password"]})
    assert api.status_code == 429
    bus.handle(c.CreateUser("noord", "other@noord.example", "another long password"))
    assert post(client, "/login", {"email": "other@noord.example", "password": "another long password"}
                ).status_code == 303  # the lock is per account, not for the whole office


def _wrong_code(secret: str) -> str:
    """Six digits that no step near now accepts."""
    near = {totp.current_code(secret, time.time() + 30 * step) for step in range(-2, 3)}
    return next(code for code in (f"{n:06d}" for n in range(1000)) if code not in near)


def test_wrong_two_factor_codes_lock_the_account_too(settings, bus, org):
    app = _app(settings, bus, login_lockout="5 per 15 minutes")
    secret = _enable_two_factor(_log_in(app.test_client(), org))
    client = app.test_client()
    assert "/login/code" in post(client, "/login", {"email": org["email"], "password": org["password"]}).location
    for _ in range(5):
        assert post(client, "/login/code", {"code": _wrong_code(secret)}, "/login").status_code == 401
    locked = post(client, "/login/code", {"code": _code_from_another_step(secret)}, "/login")
    assert locked.status_code == 429 and "Te veel pogingen" in locked.get_data(as_text=True)
    assert not _logged_in(client)
    credentials = {"email": org["email"], "password": org["password"]}
    assert post(app.test_client(), "/login", credentials).status_code == 429  # a fresh browser too
    api = app.test_client().post("/api/v1/session", json=credentials | {"code": _code_from_another_step(secret)})
    assert api.status_code == 429


def test_a_lockout_does_not_tell_whether_an_account_exists(settings, bus, org):
    client = _app(settings, bus, login_lockout="2 per 15 minutes").test_client()
    answers = []
    for email in ("nobody@noord.example", org["email"]):
        answers.append([post(client, "/login", {"email": email, "password": "guess"}).status_code
                        for _ in range(3)])
    assert answers[0] == answers[1] == [401, 401, 429]


def test_right_logins_do_not_count_towards_the_lockout(settings, bus, org):
    app = _app(settings, bus, login_lockout="2 per 15 minutes")
    for _ in range(4):
        assert _logged_in(_log_in(app.test_client(), org))
    wrong = [post(app.test_client(), "/login", {"email": org["email"], "password": "guess"}).status_code
             for _ in range(3)]
    assert wrong == [401, 401, 429]  # the whole budget was still there, and it is enforced


def test_a_coordinator_can_turn_on_two_factor_login_and_then_needs_the_code(app, org):
    browser = _log_in(app.test_client(), org)
    secret = _enable_two_factor(browser)
    assert _logged_in(browser)
    other = app.test_client()
    first = post(other, "/login", {"email": org["email"], "password": org["password"]})
    assert "/login/code" in first.headers["Location"] and not _logged_in(other)
    wrong = post(other, "/login/code", {"code": "000000"})
    assert wrong.status_code == 401 and "klopt niet" in wrong.get_data(as_text=True) and not _logged_in(other)
    assert post(other, "/login/code", {"code": _code_from_another_step(secret)}).status_code == 303
    assert _logged_in(other)


def test_a_code_is_good_only_once(app, org):
    secret = _enable_two_factor(_log_in(app.test_client(), org))
    code = _code_from_another_step(secret)
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        post(client, "/login", {"email": org["email"], "password": org["password"]})
    assert post(first, "/login/code", {"code": code}).status_code == 303
    assert post(second, "/login/code", {"code": code}).status_code == 401 and not _logged_in(second)


def test_the_code_step_expires_and_needs_the_password_first(app, org):
    secret = _enable_two_factor(_log_in(app.test_client(), org))
    client = app.test_client()
    assert client.get("/login/code").status_code == 401  # no password given: no code step
    post(client, "/login", {"email": org["email"], "password": org["password"]})
    with client.session_transaction() as session:
        session["pending"] = dict(session["pending"], at=session["pending"]["at"] - 301)
    expired = post(client, "/login/code", {"code": _code_from_another_step(secret)}, "/login")
    assert expired.status_code == 401 and not _logged_in(client)


def test_the_api_asks_the_code_of_two_factor_accounts(app, org):
    secret = _enable_two_factor(_log_in(app.test_client(), org))
    api = app.test_client()
    credentials = {"email": org["email"], "password": org["password"]}
    missing = api.post("/api/v1/session", json=credentials)
    assert missing.status_code == 401 and "code" in missing.get_json()["errors"]
    assert api.post("/api/v1/session", json=credentials | {"code": "123"}).status_code == 401
    assert api.post("/api/v1/session", json=credentials | {"code": _code_from_another_step(secret)}).status_code == 200


def test_admins_must_set_up_two_factor_login_and_cannot_turn_it_off(app, bus, org):
    bus.handle(c.CreateUser("noord", "admin@noord.example", "admin password long", "admin"))
    api = app.test_client().post("/api/v1/session", json={"email": "admin@noord.example",
                                                          "password": "admin password long"})
    assert api.status_code == 403 and "code" in api.get_json()["errors"]
    half = app.test_client()
    post(half, "/login", {"email": "admin@noord.example", "password": "admin password long"})
    assert not _logged_in(half)  # the password alone never opens the workspace of an admin
    admin = app.test_client()
    secret = log_in_admin(admin, "admin@noord.example", "admin password long")
    post(admin, "/werkplek/account/tweestaps/uit", {"password": "admin password long"}, "/werkplek/account/")
    assert "Voor beheerders blijft" in admin.get("/werkplek/account/").get_data(as_text=True)
    again = app.test_client()
    post(again, "/login", {"email": "admin@noord.example", "password": "admin password long"})
    assert "secret" not in again.get("/login/code").get_data(as_text=True).split("<form")[0].lower()
    assert post(again, "/login/code", {"code": _code_from_another_step(secret)}).status_code == 303


def test_turning_two_factor_off_needs_the_password(app, org):
    browser = _log_in(app.test_client(), org)
    _enable_two_factor(browser)
    wrong = post(browser, "/werkplek/account/tweestaps/uit", {"password": "nope"}, "/werkplek/account/")
    assert wrong.status_code == 422
    post(browser, "/werkplek/account/tweestaps/uit", {"password": org["password"]}, "/werkplek/account/")
    assert _logged_in(_log_in(app.test_client(), org))  # straight in again with the password, no code step


def test_private_links_are_stored_hashed_and_never_leak_onward(client, org, session_factory):
    from matching.adapters.orm import requests

    token = client.post("/api/v1/organizations/noord/requests", json=request_body()).get_json()["manage_token"]
    with session_factory() as session:
        stored = session.execute(select(requests)).mappings().one()
    assert token not in {str(value) for value in stored.values()}
    page = client.get(f"/mijn/{token}")
    assert page.headers["Referrer-Policy"] == "no-referrer" and page.headers["Cache-Control"] == "no-store"
    assert re.search(r"noindex", page.get_data(as_text=True)) or page.headers.get("X-Robots-Tag")


def test_the_operator_resets_a_lost_password_or_phone(app, org, session_factory):
    from click.testing import CliRunner

    from cli.main import cli

    browser = _log_in(app.test_client(), org)
    _enable_two_factor(browser)
    result = CliRunner().invoke(cli, ["user", "reset", org["email"]], input="a fresh long password\n")
    assert result.exit_code == 0 and "reset" in result.output
    assert not _logged_in(browser)
    assert _logged_in(_log_in(app.test_client(), org, "a fresh long password"))  # no code asked: the lost phone is out
    with session_factory() as session:
        (entry,) = session.execute(select(audit_log).where(audit_log.c.action == "account.reset")).mappings()
    assert entry["user_id"] is None and entry["subject_type"] == "user"  # by the operator, about this account
    unknown = CliRunner().invoke(cli, ["user", "reset", "nobody@noord.example"], input="a fresh long password\n")
    assert unknown.exit_code == 1 and "email" in unknown.output


@pytest.mark.parametrize("body", [[], ["a"], "text", 42, {"email": ["x"]}, {"email": None}])
def test_a_malformed_login_body_is_a_clear_422_never_a_500(client, org, body):
    response = client.post("/api/v1/session", json=body)
    assert response.status_code == 422 and "errors" in response.get_json()


def test_a_new_password_typed_differently_twice_or_too_long_is_refused(app, org):
    client = _log_in(app.test_client(), org)
    cases = ({"new_password": "a long enough passphrase", "new_password_again": "a long enough passfrase"},
             {"new_password": "x" * 257, "new_password_again": "x" * 257})
    for fields, message in zip(cases, ("niet gelijk", "hoogstens 256 tekens")):
        page = post(client, "/werkplek/account/wachtwoord", {"current_password": org["password"], **fields},
                    "/werkplek/account/")
        assert page.status_code == 422 and message in page.get_data(as_text=True)
    _log_in(app.test_client(), org)  # the old password still works


@pytest.mark.parametrize("password", ["twaalf tekst", ("Ünïcödé 🙂 \t أ 中 " * 20)[:255] + "\u200b"])
def test_a_password_of_12_to_256_characters_of_any_kind_is_taken(app, org, password):
    assert len(password) in (12, 256)
    client = _log_in(app.test_client(), org)
    changed = post(client, "/werkplek/account/wachtwoord", {"current_password": org["password"],
                                                           "new_password": password, "new_password_again": password},
                   "/werkplek/account/")
    assert changed.status_code == 303
    assert _logged_in(_log_in(app.test_client(), org, password))
