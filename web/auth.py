"""Flask-Login wiring and the login steps. A session holds the user id and its session version, so
raising the version (logout, password change, "log out everywhere") ends every session at once;
sessions also end after SESSION_HOURS. Accounts with two-factor login (required for admins) pass a
pending step that holds only the user id, never a logged-in state."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, jsonify, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_smorest import abort

from matching.bootstrap import passwords, totp
from matching.domain import commands as c
from matching.domain.errors import Invalid
from matching.services import queries
from web import lockout
from web.context import bus

SESSION_HOURS = 12  # then log in again, however active the session was (ASVS 3.3.2)
PENDING_SECONDS = 300  # time to type the code after the password

login_manager = LoginManager()


@dataclass(frozen=True)
class SessionUser(UserMixin):
    """What a request knows of the logged-in coordinator: ids and role, never the password hash."""

    user_id: str
    organization_id: str
    role: str
    session_version: int
    email: str = ""
    two_factor: bool = False

    @property
    def id(self) -> str:
        return self.user_id

    def get_id(self) -> str:
        return f"{self.user_id}:{self.session_version}"


def _session_user(user) -> SessionUser:
    return SessionUser(user.id, user.organization_id, user.role, user.session_version, user.email, user.two_factor)


@login_manager.user_loader
def load_user(session_id: str) -> SessionUser | None:
    user_id, _, version = session_id.partition(":")
    if time.time() - session.get("login_at", 0) > SESSION_HOURS * 3600:
        return None
    user = queries.user(bus(), user_id)
    if user is None or str(user.session_version) != version:
        return None
    return _session_user(user)


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        return jsonify({"errors": {"_schema": ["Log in first."]}}), 401
    return redirect(url_for("login.show", next=request.full_path if request.args else request.path))


def check_password(email: str, password: str):
    """The user when the password is right; the same time spent whether the account exists or not."""
    user = queries.user_by_email(bus(), email)
    valid = passwords.verify_password(user.password_hash if user else passwords.dummy_hash(), password)
    return user if (user and user.active and valid) else None


def next_step(user) -> str:
    """After a right password: "done" (logged in), "code" (type the app's code) or "setup" (an admin
    without two-factor login sets it up first). Only "done" logs in."""
    if not user.two_factor and user.role != "admin":
        start_session(user)
        return "done"
    session.clear()
    state = {"user": user.id, "version": user.session_version, "at": time.time(),
             "account": lockout.account_key(current_app.config["SECRET_KEY"], user.email)}
    if not user.two_factor:
        state["secret"] = totp.new_secret()
    session["pending"] = state
    return "code" if user.two_factor else "setup"


def pending() -> dict | None:
    """The half-finished login of this browser, if it is recent and its account unchanged."""
    state = session.get("pending")
    if not state or time.time() - state["at"] > PENDING_SECONDS:
        return None
    user = queries.user(bus(), state["user"])
    if user is None or user.session_version != state["version"]:
        return None
    return dict(state, email=user.email, role=user.role)


def finish_with_code(state: dict, code: str) -> SessionUser:
    """The second step; raises Invalid("code") for a wrong or replayed code."""
    if "secret" in state:
        bus().handle(c.EnableTwoFactor(state["user"], state["secret"], code))
    else:
        bus().handle(c.CheckLoginCode(state["user"], code))
    return start_session(queries.user(bus(), state["user"]))


def log_in_api(email: str, password: str, code: str | None) -> SessionUser:
    """The API's login: password, and the app's code for accounts with two-factor login."""
    user = check_password(email, password)
    if user is None:
        abort(401, message="Wrong email or password.")
    if user.role == "admin" and not user.two_factor:
        abort(403, errors={"code": ["Admins log in with two factors: set it up by logging in at /login first."]})
    if user.two_factor:
        if not code:
            abort(401, errors={"code": ["This account needs the 6-digit code from the authenticator app."]})
        try:
            bus().handle(c.CheckLoginCode(user.id, code))
        except Invalid as wrong:
            abort(401, errors={"code": [wrong.message]})
    return start_session(user)


def start_session(user) -> SessionUser:
    """A fresh session for the user (the old one, and anything planted in it, is dropped)."""
    session.clear()
    session_user = _session_user(user)
    login_user(session_user)
    session.permanent = True
    session["login_at"] = time.time()
    return session_user


def end_every_session() -> None:
    """Logout: this cookie and every other copy of any session of this account stop working."""
    if current_user.is_authenticated:
        bus().handle(c.EndSessions(current_user.id))
    logout_user()
    session.clear()


def init_app(app: Flask) -> None:
    """Sessions and login; the login limits count in the same store as the other rate limits."""
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=SESSION_HOURS)
    lockout.init_app(app, app.config["RATELIMIT_STORAGE_URI"])
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
