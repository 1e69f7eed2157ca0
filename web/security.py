"""Protection of the web app: CSRF on forms, rate limits per IP, strict security headers."""
from __future__ import annotations

import time

from flask import Flask, abort, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

csrf = CSRFProtect()
# No X-RateLimit-* headers on every answer: they cost two more Redis round trips per request (issue 19);
# a 429 says when to come back (Retry-After, below).
limiter = Limiter(key_func=get_remote_address, key_prefix="koppel-limits", headers_enabled=False)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


PRIVATE_PATHS = ("/mijn/", "/pulse/", "/api/", "/werkplek", "/login")


def public_limit() -> str:
    return current_app.extensions["koppel.settings"].public_rate_limit


def public_posts():
    """One budget per IP for every public POST, form or API alike."""
    return limiter.shared_limit(public_limit, scope="public-posts", methods=["POST"])


def _limits_storage(redis_url: str) -> str:
    """The `limits` package spells a Redis unix socket `redis+unix://`."""
    return "redis+unix://" + redis_url[len("unix://"):] if redis_url.startswith("unix://") else redis_url


def init_app(app: Flask, redis_url: str, production: bool, proxies: int) -> None:
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    app.config.setdefault("RATELIMIT_STORAGE_URI", _limits_storage(redis_url))
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)  # Redis down: serve rather than fail
    app.config.setdefault("WTF_CSRF_TIME_LIMIT", None)  # a slow form-filler must not lose their input
    csrf.init_app(app)
    limiter.init_app(app)

    @app.before_request
    def refuse_nul_characters():
        """A NUL in the address or a form can never be meant: refuse it before anything reads it."""
        values = [request.path, *request.args.values(), *request.form.values()]
        if any("\x00" in value for value in values):
            abort(400)

    @app.after_request
    def retry_after(response):
        """A refused request learns when its budget is back; only then is the window read from Redis."""
        if response.status_code == 429 and "Retry-After" not in response.headers:
            try:
                limit = limiter.current_limit
                if limit is not None:
                    response.headers["Retry-After"] = str(max(1, limit.reset_at - int(time.time())))
            except Exception:  # Redis went away meanwhile: the 429 stands without it
                pass
        return response

    @app.after_request
    def headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"  # private links must never leak onward
        response.headers["Permissions-Policy"] = "geolocation=(), camera=(), microphone=()"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        if production:
            response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        if request.path.startswith(PRIVATE_PATHS):
            response.headers["Cache-Control"] = "no-store"  # no copy of personal data in a shared cache
            response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response
