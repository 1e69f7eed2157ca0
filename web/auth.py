"""The Flask-Login session. A session holds the user id and its session version, so raising the
version (logout, password change, "log out everywhere") ends every session at once; sessions also
end after SESSION_HOURS. Accounts with two-factor login (required for admins) pass a pending step
that holds only the user id, never a logged-in state. Passwords and codes are checked by the service
layer (matching.services.accounts), not here."""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, current_app, jsonify, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from matching.domain import commands
from matching.services import accounts
from matching.services.accounts import Account
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


def _session_user(account: Account) -> SessionUser:
    return SessionUser(account.id, account.organization_id, account.role, account.session_version, account.email,
                       account.two_factor)


@login_manager.user_loader
def load_user(session_id: str) -> SessionUser | None:
    user_id, _, version = session_id.partition(":")
    if time.time() - session.get("login_at", 0) > SESSION_HOURS * 3600:
        return None
    found = accounts.account(bus(), user_id)
    if found is None or str(found.session_version) != version:
        return None
    return _session_user(found)


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        return jsonify({"errors": {"_schema": ["Log in first."]}}), 401
    return redirect(url_for("login.show", next=request.full_path if request.args else request.path))


def begin_second_step(account: Account) -> None:
    """A right password for an account that needs the app's code (or, an admin, to set it up): the
    browser gets a pending step holding only the account id, never a logged-in state."""
    session.clear()
    state = {"user": account.id, "version": account.session_version, "at": time.time(),
             "account": lockout.account_key(current_app.config["SECRET_KEY"], account.email)}
    if account.next_step == "setup":
        state["secret"] = accounts.new_two_factor_secret(bus())
    session["pending"] = state


def pending() -> dict | None:
    """The half-finished login of this browser, if it is recent and its account unchanged."""
    state = session.get("pending")
    if not state or time.time() - state["at"] > PENDING_SECONDS:
        return None
    found = accounts.account(bus(), state["user"])
    if found is None or found.session_version != state["version"]:
        return None
    return dict(state, email=found.email, role=found.role)


def start_session(account: Account) -> SessionUser:
    """A fresh session for the account (the old one, and anything planted in it, is dropped)."""
    session.clear()
    session_user = _session_user(account)
    login_user(session_user)
    session.permanent = True
    session["login_at"] = time.time()
    return session_user


def end_every_session() -> None:
    """Logout: this cookie and every other copy of any session of this account stop working."""
    if current_user.is_authenticated:
        bus().handle(commands.EndSessions(current_user.id))
    logout_user()
    session.clear()


def init_app(app: Flask) -> None:
    """Sessions and login; the login limits count in the same store as the other rate limits."""
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=SESSION_HOURS)
    lockout.init_app(app, app.config["RATELIMIT_STORAGE_URI"])
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
