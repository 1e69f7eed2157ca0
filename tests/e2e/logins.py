"""Logging in as a browser does, second step included: admins scan a QR code (here: read the key)."""
from __future__ import annotations

import re

from matching.adapters import totp
from tests.e2e.test_public_forms import post


def secret_on(page: str) -> str:
    return re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)


def log_in_admin(client, email: str, password: str) -> str:
    """A first login of an admin: password, set up the app, type its code. Returns the app's key."""
    response = post(client, "/login", {"email": email, "password": password})
    assert response.status_code == 303 and "/login/code" in response.headers["Location"], response.status_code
    secret = secret_on(client.get("/login/code").get_data(as_text=True))
    done = post(client, "/login/code", {"code": totp.current_code(secret)})
    assert done.status_code == 303 and done.headers["Location"].endswith("/werkplek/")
    return secret
