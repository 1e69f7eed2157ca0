"""The demo's own Clock and Mail, and an in-process relay: how the demo lives a year in a second.

The year goes through the real bus, handlers and events; only time, mail and the broker differ. The
clock is moved forward day by day, mail is kept instead of sent (the check-in links in it are what the
demo's people answer), and each committed event is handled at once, at the clock's moment, instead of
by a worker later (which would date every introduction and message today)."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

PULSE_LINK = re.compile(r"/pulse/([A-Za-z0-9_\-]+)")


class MovingClock:
    """The Clock port on a moment the demo sets: each step of the year happens at its own date."""

    def __init__(self, start: datetime):
        self.moment = start

    def now(self) -> datetime:
        return self.moment

    def at(self, moment: datetime) -> None:
        self.moment = moment

    def tick(self, minutes: float = 3) -> None:
        """A little later the same day: the next action is not at the same instant as the last."""
        self.moment += timedelta(minutes=minutes)


class KeptMail:
    """The Mail port that keeps what it would send; the demo reads the check-in links from it."""

    def __init__(self):
        self.sent: list[tuple[str | None, str, str]] = []
        self._read = 0

    def send(self, to_address: str | None, subject: str, body: str) -> None:
        self.sent.append((to_address, subject, body))

    def new_pulse_links(self) -> list[tuple[str | None, str]]:
        """(address, token) of the check-in links in the mail sent since the last call."""
        fresh, self._read = self.sent[self._read:], len(self.sent)
        return [(to, found) for to, _, body in fresh for found in PULSE_LINK.findall(body)]


def relay_at_once(bus) -> None:
    """Let `bus` handle each event right after its commit, as the workers would (handlers claim each
    event once, so the first worker's sweep finds nothing left to do); events are marked published."""
    def publish(events):
        ids = []
        for event in events:
            bus.handle_event(event["id"], {key: event[key] for key in ("organization_id", "name", "payload")})
            ids.append(event["id"])
        return ids
    bus.publish = publish
