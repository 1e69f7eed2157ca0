"""Flask-Login wiring: a session holds the user id and its session version, so raising the
version (logout everywhere, password change) ends every session at once."""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, jsonify, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, login_user
from flask_smorest import abort

from matching.adapters.passwords import dummy_hash, verify_password
from matching.services import queries
from web.context import bus

login_manager = LoginManager()


@dataclass(frozen=True)
class SessionUser(UserMixin):
    """What a request knows of the logged-in coordinator: ids and role, never the password hash."""

    user_id: str
    organization_id: str
    role: str
    session_version: int

    @property
    def id(self) -> str:
        return self.user_id

    def get_id(self) -> str:
        return f"{self.user_id}:{self.session_version}"


def _session_user(user) -> SessionUser:
    return SessionUser(user.id, user.organization_id, user.role, user.session_version)


@login_manager.user_loader
def load_user(session_id: str) -> SessionUser | None:
    user_id, _, version = session_id.partition(":")
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
    valid = verify_password(user.password_hash if user else dummy_hash(), password)
    return user if (user and user.active and valid) else None


def log_in(email: str, password: str) -> SessionUser:
    """Check the password (same time whether the account exists or not) and start a fresh session."""
    user = check_password(email, password)
    if user is None:
        abort(401, message="Wrong email or password.")
    return start_session(user)


def start_session(user) -> SessionUser:
    """A fresh session for the user (the old one, and anything planted in it, is dropped)."""
    session.clear()
    session_user = _session_user(user)
    login_user(session_user)
    return session_user


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
