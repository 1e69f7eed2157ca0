"""Sending an SMS through Twilio's REST API (SMS_URL = twilio://ACCOUNT_SID:AUTH_TOKEN@FROM).

FROM is the sending number in international form (`%2B31970…` or `+31970…`) or an alphanumeric
sender name. `?api=http://127.0.0.1:PORT` points at another host with the same API (the tests' fake).
One POST per message to /2010-04-01/Accounts/{sid}/Messages.json, form-encoded To, From and Body,
with HTTP basic authentication; Twilio answers 201 with the message's sid.
Nothing here logs a number or a text: a refusal names Twilio's error code only."""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qs, quote, unquote, urlencode
from urllib.request import Request, urlopen

SCHEME = "twilio://"
API = "https://api.twilio.com"
TIMEOUT = 10


class SmsRefused(Exception):
    """The provider will not send this one (a wrong number, a landline): trying again will not help."""


class SmsUnavailable(Exception):
    """The provider cannot be reached or failed on its side: the worker tries again later."""


@dataclass(frozen=True)
class TwilioSms:
    account_sid: str
    auth_token: str
    sender: str
    api: str = API

    def send(self, to: str, text: str) -> None:
        """Send one SMS; SmsRefused for a permanent refusal, SmsUnavailable for anything worth retrying."""
        url = f"{self.api}/2010-04-01/Accounts/{quote(self.account_sid, safe='')}/Messages.json"
        credentials = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        request = Request(url, data=urlencode({"To": to, "From": self.sender, "Body": text}).encode(), method="POST",
                          headers={"Authorization": f"Basic {credentials}",
                                   "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
        try:
            with urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (the operator's configured URL)
                response.read()
        except HTTPError as error:
            code = _error_code(error)
            if 400 <= error.code < 500 and error.code not in (401, 403, 408, 429):
                raise SmsRefused(f"HTTP {error.code}, error {code}") from None
            raise SmsUnavailable(f"HTTP {error.code}, error {code}") from None
        except (URLError, TimeoutError, OSError) as error:
            raise SmsUnavailable(type(error).__name__) from None

    def deliver(self, to: str, text: str) -> str | None:
        """The service layer's `SmsSender` port: None when sent, the reason (an error code, never the
        number) when the provider refuses it for good; SmsUnavailable when worth trying again."""
        try:
            self.send(to, text)
        except SmsRefused as refusal:
            return str(refusal)
        return None


def _error_code(error: HTTPError) -> str:
    """Twilio's numeric error code from the answer (e.g. 21211: not a valid number), or "?"."""
    try:
        return str(json.loads(error.read() or b"{}").get("code", "?"))
    except (ValueError, AttributeError):
        return "?"


def from_url(url: str) -> TwilioSms:
    """The sender an SMS_URL describes; ValueError naming what is missing."""
    if not url.startswith(SCHEME):
        raise ValueError(f"SMS_URL must start with {SCHEME}")
    rest, _, query = url[len(SCHEME):].partition("?")
    credentials, at, sender = rest.rpartition("@")
    sid, _, token = credentials.partition(":")
    if not (at and sid and token and sender):
        raise ValueError("SMS_URL must look like twilio://ACCOUNT_SID:AUTH_TOKEN@FROM")
    api = parse_qs(query).get("api", [API])[0].rstrip("/")
    return TwilioSms(unquote(sid), unquote(token), unquote(sender), api)
