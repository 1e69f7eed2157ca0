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
