"""Search words folded the same way on both sides: what a coordinator types and what is stored.

"Sanne de vries" must find "Sanne de Vriës", "ÉLIF" must find "Elif": both sides are folded to
lower case without accents, so the database compares plain text with LIKE on SQLite and PostgreSQL
alike (no collation, no extension). The stored side is kept in a `search_text` column that the
adapter fills on every write (matching/adapters/orm.py), so a list never folds 10,000 rows per call.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i",
                          "ĳ": "ij", "ŀ": "l", "ħ": "h"})
_SPACE = re.compile(r"\s+")
_PHONE_LIKE = re.compile(r"^[\d\s()+\-./]+$")
_POSTCODE = re.compile(r"^(\d{4}) ?[a-z]{2}$")  # only the four digits are kept
MAX_QUERY = 100  # characters: a name, an address or a phone number fits; more is not a search


def fold(text: str | None) -> str:
    """Lower case, accents, marks and control characters removed, runs of white space made one space, trimmed."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", _SPACE.sub(" ", text).casefold().translate(_LETTERS))
    plain = "".join(ch for ch in decomposed  # accents, and control characters (a NUL, say) that no name holds
                    if not unicodedata.combining(ch) and unicodedata.category(ch)[0] != "C").translate(_LETTERS)
    return _SPACE.sub(" ", plain.casefold()).strip()


def digits(text: str | None) -> str:
    return "".join(ch for ch in text or "" if ch.isdigit())


def search_text(first_name: str | None, last_name: str | None, email: str | None, phone: str | None,
                postcode: str | None) -> str:
    """What a person is found by, folded: names, email, phone (digits only), postcode. Empty once erased."""
    parts = [fold(first_name), fold(last_name), fold(email), digits(phone), fold(postcode).replace(" ", "")]
    return " ".join(part for part in parts if part)


def terms(query: str | None) -> list[str]:
    """The words to look for, each to be found somewhere in the stored text (all of them). A query that
    is only a phone number ("06-1234 5678") is one term of its digits; a full postcode ("3511 AB") is
    its four digits, the part Koppel keeps."""
    folded = fold(query)
    if not folded:
        return []
    if _PHONE_LIKE.match(folded) and len(digits(folded)) >= 6:
        return [digits(folded)]
    postcode = _POSTCODE.match(folded)
    if postcode:
        return [postcode.group(1)]
    return list(dict.fromkeys(folded.split(" ")))


def matches(stored: str, query: str | None) -> bool:
    """The plain reference of the database's search: every term is a part of the stored text."""
    return all(term in stored for term in terms(query))


SORTS = ("waiting", "name", "postcode")
PER_PAGE = 50


@dataclass(frozen=True)
class ListQuery:
    """One page of a coordinator's list, as asked for by the page or the API (CONTRACT section 9).

    `assigned` ("me", "none" or a coordinator's id) is passed through for the person record's
    assignment; `user_id` is who asks (for "me"). Empty values mean "no filter"."""

    q: str | None = None
    kind: str | None = None
    status: str | None = None
    min_days: int | None = None  # waiting (or signed up) at least this many days
    sort: str = "waiting"
    assigned: str | None = None
    health: str | None = None
    page: int = 1
    per_page: int = PER_PAGE
    user_id: str | None = None

    @property
    def terms(self) -> list[str]:
        return terms(self.q)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page
