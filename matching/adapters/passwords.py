"""Password hashing with argon2id (OWASP: at least 19 MiB memory and 2 iterations)."""
from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def dummy_hash() -> str:
    """Verifying against this when the account does not exist keeps login time the same either way."""
    return hash_password("koppel-timing-equaliser")


class Argon2Passwords:
    """The service layer's `PasswordHasher` port."""

    def hash(self, password: str) -> str:
        return hash_password(password)

    def verify(self, password_hash: str, password: str) -> bool:
        return verify_password(password_hash, password)

    def dummy_hash(self) -> str:
        return dummy_hash()
