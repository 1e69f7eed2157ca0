"""The API's JSON reader: refuses, before marshmallow sees it, what would crash a plain json.loads
further on (deep nesting: RecursionError; a 5,000-digit number: Python's int-string limit; NaN and
Infinity: not JSON, and they overflow int()). Every refusal is a BodyError with a clear message."""
from __future__ import annotations

import json
import math
import re
from typing import Any

from flask.json.provider import DefaultJSONProvider

MAX_DEPTH = 32  # the deepest real body (a referral: object > person > preferences) is 3
MAX_NUMBER_CHARS = 100  # no field takes more than a few digits
MAX_BODY_BYTES = 1024 * 1024  # the largest real body is a few kB; keeps the checks below cheap

_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class BodyError(ValueError):
    """A body the API refuses with 400; the message says why (in English, like the API's errors)."""


def _check_depth(text: str) -> None:
    """Count nesting on the brackets outside strings, so json.loads never recurses deeper than this."""
    depth = 0
    for bracket in _NOT_BRACKETS.sub("", _STRINGS.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        if depth > MAX_DEPTH:
            raise BodyError(f"The JSON body is nested deeper than {MAX_DEPTH} levels.")


def _short(token: str) -> str:
    if len(token) > MAX_NUMBER_CHARS:
        raise BodyError(f"A number in the JSON body is longer than {MAX_NUMBER_CHARS} characters.")
    return token


def _parse_float(token: str) -> float:
    value = float(_short(token))
    if not math.isfinite(value):
        raise BodyError("A number in the JSON body is too large.")
    return value


def _refuse_constant(token: str) -> float:
    raise BodyError(f"{token} is not a JSON value.")


def loads(data: bytes | str) -> Any:
    """Parse a JSON body within the limits above; raises BodyError for anything else."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BodyError("The body is not valid UTF-8.") from None
    _check_depth(data)
    try:
        return json.loads(data, parse_int=lambda token: int(_short(token)), parse_float=_parse_float,
                          parse_constant=_refuse_constant)
    except BodyError:
        raise
    except ValueError as error:  # JSONDecodeError, and any number conversion json itself refuses
        raise BodyError(f"The body is not valid JSON ({error}).") from None


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON with the API's limits on reading, so request.get_json() never crashes either."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return loads(s)
