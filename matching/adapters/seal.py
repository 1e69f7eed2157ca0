"""Sealing a private link's token for the short while it must wait (a mail in the queue, the step
from a form to its thank-you page): AES-GCM under a key derived from SECRET_KEY, bound to what it
belongs to. A copy of the database or of Redis alone then opens nobody's data."""
from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from matching.domain import short_link

NONCE_BYTES = 12


def _key(secret_key: str, purpose: str) -> bytes:
    """One key per purpose, so a seal made for one use never opens in another."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"koppel seal: {purpose}".encode()).derive(secret_key.encode())


def seal(secret_key: str, purpose: str, bound_to: str, plain: str) -> str:
    """Encrypt `plain`; it opens only with the same key, purpose and `bound_to` (e.g. a message id)."""
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(_key(secret_key, purpose)).encrypt(nonce, plain.encode(), bound_to.encode())
    return base64.urlsafe_b64encode(nonce + sealed).decode()


def unseal(secret_key: str, purpose: str, bound_to: str, sealed: str) -> str | None:
    """The plain text, or None when it cannot be opened (another key, another owner, tampered)."""
    try:
        raw = base64.urlsafe_b64decode(sealed.encode())
        plain = AESGCM(_key(secret_key, purpose)).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], bound_to.encode())
    except (InvalidTag, ValueError):
        return None
    return plain.decode()


class LinkSeal:
    """The service layer's `LinkSealer` port, keyed from SECRET_KEY (and, for a printed short code, the code
    too: the seal then opens only with both, so the database alone holds neither)."""

    def __init__(self, secret_key: str):
        self.secret_key = secret_key

    def _key(self, code: str | None) -> str:
        return self.secret_key if code is None else f"{self.secret_key}\n{code}"

    def seal(self, purpose: str, bound_to: str, plain: str, code: str | None = None) -> str:
        return seal(self._key(code), purpose, bound_to, plain)

    def unseal(self, purpose: str, bound_to: str, sealed: str, code: str | None = None) -> str | None:
        return unseal(self._key(code), purpose, bound_to, sealed)

    def code_hash(self, code: str) -> str:
        """What is stored of a short code: an HMAC under SECRET_KEY."""
        return short_link.code_hash(self.secret_key, code)
