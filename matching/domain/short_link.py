"""A short code for a private link, for a letter on paper: `/l/K7QH-9M2X-TR4P` is typed more easily
than a 32-character token. Only an HMAC of the code is stored, and the token it leads to sits sealed
under a key made from SECRET_KEY and the code itself, so neither a copy of the database nor the
secret key alone opens it. A code dies with its link: a new link (or a new letter) and erasure delete it."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from matching.domain.base import Aggregate, utcnow

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base 32: no I, L, O or U to misread
LENGTH = 12  # 60 bits: with the per-address rate limit on /l/, far beyond guessing
GROUP = 4
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalized(typed: str) -> str | None:
    """The code as stored, from what someone typed (any case, dashes or spaces, O for 0, I or L for 1)."""
    code = "".join(typed.split()).replace("-", "").upper().translate(LOOKALIKES)
    if len(code) != LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def shown(code: str) -> str:
    """In groups of four, as printed: K7QH-9M2X-TR4P."""
    return "-".join(code[i:i + GROUP] for i in range(0, len(code), GROUP))


def code_hash(secret_key: str, code: str) -> str:
    return hmac.new(f"koppel short link: {secret_key}".encode(), code.encode(), hashlib.sha256).hexdigest()


class ShortLink(Aggregate):
    code_hash: str
    organization_id: str
    person_type: str  # "request" or "volunteer"
    person_id: str
    link_seal: str  # the private link's token, sealed (matching/adapters/seal.py)
    created_at: datetime

    @classmethod
    def make(cls, code_hash: str, organization_id: str, person_type: str, person_id: str, link_seal: str,
             now: datetime | None = None) -> "ShortLink":
        link = cls()
        link.code_hash, link.organization_id = code_hash, organization_id
        link.person_type, link.person_id, link.link_seal = person_type, person_id, link_seal
        link.created_at = now or utcnow()
        return link
