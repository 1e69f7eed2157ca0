"""Logging for every Koppel process (web, worker, CLI): one format, and a formatter on every handler
that keeps secrets and personal data out of what is written.

Koppel's own code logs ids and counts only; this formatter is the net under libraries that do not
(Flask logs the path of a failing request, gunicorn the URI of a bad one, Flask-Limiter the key of
a breached limit). What it does to each line before it is written:
- a private link's token (`/mijn/<token>`, and any path segment that looks like a random token) is
  masked, and every query-string value is masked (a search `q=` may hold a name, `next=` a link);
- a client IP address is cut to its network, IPv4 to /24 and IPv6 to /48: enough to see that one
  network floods the forms or the login, not enough to point at one household. Addresses inside a
  URL (`redis://10.0.0.5:6379`, "Listening at http://…") name a server, not a person, and are kept;
- email addresses and 64-hex-digit digests (a SHA-256 of an address or a token) are masked.
"""
from __future__ import annotations

import ipaddress
import logging
import re

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MASK = "…"

# Path prefixes whose next segment is a secret (a private link, now or in later routes).
SECRET_PATHS = ("/mijn/", "/l/", "/pulse/", "/evaluatie/", "/api/v1/pulse/", "/api/v1/evaluations/")
_SECRET_SEGMENT = re.compile("(" + "|".join(re.escape(p) for p in SECRET_PATHS) + r")[^/\s?#\"'<>]+")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)
# a path segment of 22+ URL-safe characters that is not all lower-case letters and hyphens (a word)
_TOKEN_SEGMENT = re.compile(r"(?<=/)(?=[A-Za-z0-9_-]*[A-Z0-9_])[A-Za-z0-9_-]{22,}(?![A-Za-z0-9_-])")
_QUERY_VALUE = re.compile(r"([?&][^=&\s?#\"'<>]+=)[^&\s#\"'<>]+")
_EMAIL = re.compile(r"[\w.+%-]+@[\w-]+(?:\.[\w-]+)+")
_DIGEST = re.compile(r"(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])")
_IPV4 = re.compile(r"(?<![\w.])(?<!://)(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}(?![\w.]*\d)")
_IPV6 = re.compile(r"(?<![\w:.])(?<!://\[)(?<!://)(?=[0-9A-Fa-f:]*[0-9A-Fa-f])"
                   r"(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?!\w|:[0-9A-Fa-f:]|\.\d)")


def _ipv4_network(match: re.Match) -> str:
    if not all(0 <= int(part) <= 255 for part in match.group(0).split(".")):
        return match.group(0)
    return f"{match.group(1)}.0/24"


def _ipv6_network(match: re.Match) -> str:
    text = match.group(0)
    for candidate, rest in ((text, ""), (text[:-1], text[-1:])):  # "ip=::1: bad request" ends in a colon
        try:
            return str(ipaddress.IPv6Network(f"{ipaddress.IPv6Address(candidate)}/48", strict=False)) + rest
        except ValueError:  # a time of day, a ratio: not an address
            continue
    return text


def _token_segment(match: re.Match) -> str:
    return match.group(0) if _UUID.fullmatch(match.group(0)) else MASK


def scrub(text: str) -> str:
    """The text with tokens, query values, emails, digests and client addresses masked (see above)."""
    text = _SECRET_SEGMENT.sub(lambda m: m.group(1) + MASK, text)
    text = _TOKEN_SEGMENT.sub(_token_segment, text)
    text = _QUERY_VALUE.sub(lambda m: m.group(1) + MASK, text)
    text = _EMAIL.sub(MASK + "@" + MASK, text)
    text = _DIGEST.sub(MASK, text)
    text = _IPV4.sub(_ipv4_network, text)
    return _IPV6.sub(_ipv6_network, text)


class PrivacyFormatter(logging.Formatter):
    """Formats a record with the handler's own formatter, then scrubs the whole text (message,
    arguments and traceback alike). The record itself is left as it was logged."""

    def __init__(self, inner: logging.Formatter | None = None):
        super().__init__()
        self.inner = inner or logging.Formatter(FORMAT)

    def format(self, record: logging.LogRecord) -> str:
        return scrub(self.inner.format(record))


def protect(logger: logging.Logger) -> None:
    """Put every handler of `logger` behind the privacy formatter (once)."""
    for handler in logger.handlers:
        if not isinstance(handler.formatter, PrivacyFormatter):
            handler.setFormatter(PrivacyFormatter(handler.formatter))


def configure(verbose: bool = False) -> None:
    """Log to standard error in one format, every handler behind the privacy formatter."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=FORMAT)
    if not verbose:  # Alembic announces each of its plugins at INFO on every start: noise above the banner
        logging.getLogger("alembic").setLevel(logging.WARNING)
    protect(logging.getLogger())
