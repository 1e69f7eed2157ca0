"""What every state-changing API call must look like before any view, login check or rate limit runs.

Cross-site request forgery: a browser sends a form or a text/plain `fetch` to another site without
asking (a "simple" request) and attaches the session cookie; SameSite=Lax was the only thing in the
way. A request with `Content-Type: application/json` or an `Authorization` header is never simple:
the browser first asks (CORS preflight), and Koppel never says yes (it sends no CORS headers). So
the API takes only JSON, also for calls without a body, and refuses an Origin, Referer or
Sec-Fetch-Site that names another site. The one exception: a call without a body that carries `Authorization: Bearer` (the
private-link API, e.g. `DELETE /api/v1/requests/self`) — a browser never adds that header by itself.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, jsonify, request

from web.api import body

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> str | None:
    """scheme://host[:port] with the default port left out; None for "null" or anything unparsable."""
    try:
        parts = urlsplit(url.strip())
        scheme, host, port = parts.scheme.lower(), parts.hostname, parts.port
    except ValueError:
        return None
    if scheme not in DEFAULT_PORTS or not host:
        return None
    return f"{scheme}://{host}" + (f":{port}" if port and port != DEFAULT_PORTS[scheme] else "")


def _own_origins() -> set[str | None]:
    """This site as the request reached it (behind KOPPEL_PROXIES) and as KOPPEL_PUBLIC_URL names it."""
    return {_origin(request.host_url), _origin(current_app.extensions["koppel.settings"].public_url)}


def _from_this_site() -> bool:
    """True unless the browser says the call comes from another site; non-browser clients send none."""
    claimed = request.headers.get("Origin") or request.headers.get("Referer")
    if claimed is not None:
        return _origin(claimed) in _own_origins() - {None}
    return request.headers.get("Sec-Fetch-Site", "same-origin") in ("same-origin", "none")


def _has_body() -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "").lower()


def _bearer() -> bool:
    return request.headers.get("Authorization", "").startswith("Bearer ")


Refusal = tuple[int, str] | None


def _cross_site() -> Refusal:
    if _from_this_site():
        return None
    return 403, "Cross-site request refused: the Origin or Referer is not this site."


def _not_json() -> Refusal:
    if request.mimetype == "application/json" or (_bearer() and not _has_body()):
        return None
    return 415, "The API takes only JSON: send Content-Type: application/json (also without a body)."


def _unreadable() -> Refusal:
    """A body too large, too deep, with too long a number or not JSON at all; read once, with limits."""
    if not _has_body():
        return None
    if (request.content_length or 0) > body.MAX_BODY_BYTES:
        return 413, f"The body is larger than {body.MAX_BODY_BYTES // 1024} kB."
    request.max_content_length = body.MAX_BODY_BYTES  # also for a chunked body without a length
    try:
        body.loads(request.get_data(cache=True))
    except body.BodyError as error:
        return 400, str(error)
    return None


def guard_api_call() -> tuple[Response, int] | None:
    """Refuse a cross-site, non-JSON or unreadable state-changing API call (403, 415, 413 or 400)."""
    if request.method not in STATE_CHANGING or not request.path.startswith("/api/"):
        return None
    refusal = _cross_site() or _not_json() or _unreadable()
    if refusal is None:
        return None
    status, message = refusal
    return jsonify({"errors": {"_schema": [message]}}), status


def init_app(app: Flask) -> None:
    """Register the guard first, so nothing (not even the login lockout's key) reads a refused body."""
    app.json = body.StrictJSONProvider(app)
    app.before_request_funcs.setdefault(None, []).insert(0, guard_api_call)
