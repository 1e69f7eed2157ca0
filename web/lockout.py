"""Login attempts: at most `login_rate_limit` per IP, and an account locked for a while after
`login_lockout` failed attempts. Both are counted in the rate-limit store (Redis), and the login
fails closed: when the store cannot be reached, nobody logs in (503) rather than anybody guessing
without limit. (The public forms fail open instead, see web/security.py: a sign-up is never lost.)

An account is named in the store by a keyed hash (HMAC-SHA256, with a key derived from SECRET_KEY)
of the lower-cased address typed: no address, and no plain hash of one that anyone could compute
from a list of addresses, sits in Redis or in a log. Unknown addresses are counted alike, so a
lockout never tells whether an account exists."""
from __future__ import annotations

import functools
import hashlib
import hmac
import logging

from flask import Flask, current_app, jsonify, render_template, request, session
from flask_limiter.util import get_remote_address
from limits import parse_many
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import HTTPException, TooManyRequests

log = logging.getLogger(__name__)

UNAVAILABLE_PAGE = "Inloggen lukt nu even niet door een storing. Probeer het over een paar minuten opnieuw."
UNAVAILABLE_API = "Logging in is temporarily unavailable, please try again in a few minutes."
EXTENSION = "koppel.login_limits"


class LoginLimitsUnavailable(Exception):
    """The rate-limit store did not answer: a login cannot be counted, so it is refused."""


def account_key(secret_key: str, email: str) -> str:
    """How the lockout names an account: HMAC-SHA256 of the lower-cased address, keyed by a key
    derived from SECRET_KEY for this one use (a leaked Redis dump cannot be matched to addresses)."""
    key = hmac.new(secret_key.encode(), b"koppel login lockout v1", hashlib.sha256).digest()
    return hmac.new(key, str(email).strip().lower().encode(), hashlib.sha256).hexdigest()


class LoginLimits:
    """The two counters in the store; every call raises LoginLimitsUnavailable when it is down."""

    def __init__(self, storage_uri: str, per_ip: str, per_account: str):
        storage = storage_from_string(storage_uri, wrap_exceptions=True, socket_connect_timeout=2, socket_timeout=2)
        self.limiter = FixedWindowRateLimiter(storage)
        self.per_ip, self.per_account = parse_many(per_ip), parse_many(per_account)

    def _run(self, action):
        try:
            return action()
        except StorageError as error:
            raise LoginLimitsUnavailable(type(error.storage_error).__name__) from error

    def attempt(self, ip: str, account: str) -> bool:
        """Count this attempt for the IP; False when the IP or the account is over its limit."""
        def check() -> bool:
            ip_ok = all([self.limiter.hit(limit, "koppel-login-ip", ip) for limit in self.per_ip])
            return ip_ok and all(self.limiter.test(limit, "koppel-login-account", account)
                                 for limit in self.per_account)
        return self._run(check)

    def failed(self, account: str) -> None:
        """A wrong password or code: one step closer to the account's lockout."""
        self._run(lambda: [self.limiter.hit(limit, "koppel-login-account", account) for limit in self.per_account])


def _account() -> str:
    """The account a login attempt is for: the email typed, or the one whose code step is pending."""
    pending = session.get("pending")
    if pending and request.endpoint == "login.code":
        return pending["account"]
    body = request.get_json(silent=True)
    email = request.form.get("email") or (body.get("email") if isinstance(body, dict) else None) or ""
    return account_key(current_app.config["SECRET_KEY"], email)


def login_attempts():
    """Wraps a login view: POSTs are counted per IP and, when they fail (401/422), per account."""
    def decorate(view):
        @functools.wraps(view)
        def counted(*args, **kwargs):
            if request.method != "POST":
                return view(*args, **kwargs)
            limits, account = current_app.extensions[EXTENSION], _account()
            if not limits.attempt(get_remote_address(), account):
                log.info("login refused: too many attempts")
                raise TooManyRequests()
            try:
                response = current_app.make_response(view(*args, **kwargs))
            except HTTPException as error:
                if error.code in (401, 422):
                    limits.failed(account)
                raise
            if response.status_code in (401, 422):
                limits.failed(account)
            return response
        return counted
    return decorate


def init_app(app: Flask, storage_uri: str) -> None:
    """The counters in the given store, and the 503 that says logging in is down for now."""
    settings = app.extensions["koppel.settings"]
    app.extensions[EXTENSION] = LoginLimits(storage_uri, settings.login_rate_limit, settings.login_lockout)

    @app.errorhandler(LoginLimitsUnavailable)
    def unavailable(error):
        log.warning("login refused: the rate-limit store is unreachable (%s)", error)
        if request.path.startswith("/api/"):
            return jsonify({"errors": {"_schema": [UNAVAILABLE_API]}}), 503
        return render_template("workspace/login.html", errors={"email": UNAVAILABLE_PAGE},
                               email=request.form.get("email", "")), 503
