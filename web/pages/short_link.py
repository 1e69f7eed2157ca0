"""The short address on a printed letter (/l/K7QH-9M2X-TR4P): it leads to the person's private link.
Rate-limited per address like the public forms, so nobody can try codes by the thousand."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, url_for

from matching.services import links
from web.context import bus
from web.security import limiter, public_limit

blp = Blueprint("short_link", __name__)


@blp.get("/l/<code>")
@limiter.limit(public_limit, scope="short-links")
def open_short_link(code: str):
    token = links.opened(bus(), code[:40])
    if token is None:
        abort(404)
    return redirect(url_for("own.show", token=token), code=303)
