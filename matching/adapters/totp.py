"""Time-based one-time codes (RFC 6238, via pyotp) for the coordinators' second login step."""
from __future__ import annotations

import time

import pyotp
import segno

ISSUER = "Koppel"
WINDOW = 1  # one 30-second step either side: a phone clock a little off still works


def new_secret() -> str:
    return pyotp.random_base32()


def matching_step(secret: str, code: str, now: float | None = None) -> int | None:
    """The time step the code belongs to, or None; the caller refuses steps used before."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    for offset in range(-WINDOW, WINDOW + 1):
        at = now + offset * totp.interval
        if pyotp.utils.strings_equal(totp.at(at), code):
            return int(at // totp.interval)
    return None


def current_code(secret: str, now: float | None = None) -> str:
    """For tests and the CLI: the code an authenticator app shows now."""
    return pyotp.TOTP(secret).at(time.time() if now is None else now)


def provisioning_uri(secret: str, account: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def qr_svg_data_uri(uri: str) -> str:
    """A QR code to scan with the authenticator app, as an inline SVG image (no external service)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, dark="#1b1b1b", light="#ffffff")


def setup(secret: str, account: str) -> dict[str, str]:
    """What a page shows to add Koppel to the app: the key to type, and the QR code to scan."""
    return {"secret": secret, "qr": qr_svg_data_uri(provisioning_uri(secret, account))}


class PyotpTotp:
    """The service layer's `Totp` port."""

    def new_secret(self) -> str:
        return new_secret()

    def matching_step(self, secret: str, code: str, now: float | None = None) -> int | None:
        return matching_step(secret, code, now)

    def setup(self, secret: str, account: str) -> dict[str, str]:
        return setup(secret, account)
