"""A Koppel with a real SMTP server whose events the test runs itself, in order, and a logged-in
coordinator: what the pulse tests share. Time is moved by ticking `--now`, never by waiting."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email import message_from_string, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from matching.adapters import orm
from matching.bootstrap import bootstrap
from matching.domain import commands
from tests.e2e.test_no_live_tokens import Collect
from tests.factories import request_body, volunteer_body
from tests.servers import Inbox, free_port
from web.schemas import RequestIn, VolunteerIn

PULSE_LINK = re.compile(r"/pulse/([A-Za-z0-9_-]{20,})")
LOW = {"contact": 3, "meeting": 2, "at_ease": 3, "go_on": 3}
GOOD = {"contact": 4, "meeting": 4, "at_ease": 4, "go_on": 4}


class World:
    def __init__(self, settings, session_factory, org):
        from web import create_app

        self.inbox, port = Inbox(), free_port()
        self.server = Controller(self.inbox, hostname="127.0.0.1", port=port)
        self.server.start()
        self.mail_url = f"smtp://127.0.0.1:{port}"
        self.settings = settings.with_(mail_url=self.mail_url)
        self.org, self.session_factory = org, session_factory
        self.events, self.seen = Collect(), set()
        self.bus = bootstrap(self.settings, publish=self.events, session_factory=session_factory)
        self.app = create_app(self.settings, bus=self.bus)
        self.app.config["TESTING"] = True
        self.person = self.app.test_client()
        self.coordinator = self.app.test_client()
        login = self.coordinator.post("/api/v1/session", json={"email": org["email"], "password": org["password"]})
        assert login.status_code == 200

    def run_workers(self) -> None:
        """Every event written so far and not yet handled here, oldest first, until none is left (also
        those a CLI command wrote; handlers claim each event, so one seen twice changes nothing)."""
        while True:
            self.events.clear()
            with self.session_factory() as session:
                ids = [i for i in session.scalars(select(orm.outbox.c.id).order_by(orm.outbox.c.created_at))
                       if i not in self.seen]
            if not ids:
                return
            for event_id in ids:
                self.seen.add(event_id)
                self.bus.handle_event(event_id)

    def match(self, request_fields: dict | None = None, volunteer_fields: dict | None = None) -> dict:
        """Anna and Bram, confirmed: {"id", "request_id", "volunteer_id", "confirmed_at"}."""
        fields = {k: v for k, v in request_body(**(request_fields or {})).items() if v is not None}
        request = self.bus.handle(commands.SubmitRequest("noord", RequestIn().load(fields)))
        volunteer = self.bus.handle(commands.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(**(volunteer_fields or {})))))
        self.bus.handle(commands.ActivateVolunteer(self.org["id"], volunteer["id"], True))
        match = self.bus.handle(commands.ProposeMatch(self.org["id"], request["id"], "volunteer", volunteer["id"]))["id"]
        self.bus.handle(commands.ConfirmMatch(self.org["id"], match))
        self.run_workers()
        self.inbox.messages.clear()  # sign-up and introduction mails
        detail = self.coordinator.get(f"/api/v1/matches/{match}").get_json()
        return {"id": match, "request_id": request["id"], "volunteer_id": volunteer["id"],
                "manage_token": request["manage_token"],
                "confirmed_at": datetime.fromisoformat(detail["confirmed_at"])}

    def tick(self, at: datetime | None = None) -> None:
        """Every time-driven job as if it were `at` (default: now), then the workers' part (the mails)."""
        from matching.services.ticks import jobs_at

        for _name, command in jobs_at(at or datetime.now(timezone.utc)):
            self.bus.handle(command)
        self.run_workers()

    def age(self, match: dict, days: int) -> None:
        """Let `days` pass for one match (see `age` below)."""
        age(self.session_factory, match, days)

    def links(self) -> dict[str, str]:
        """{recipient: pulse token} of the mails received since the last call."""
        return links_in(self.inbox)

    def detail(self, match_id: str) -> dict:
        answer = self.coordinator.get(f"/api/v1/matches/{match_id}")
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()

    def close(self) -> None:
        self.bus.close()
        self.server.stop()


def age(session_factory, match: dict, days: int) -> None:
    """Let `days` pass for one match: every moment of it (its start, rounds, answers, reminders,
    notes and messages about both sides) moves that far into the past, so whatever happens next
    happens now, on the real clock, as in the web app and the workers."""
    back = timedelta(days=days)
    people = (match["request_id"], match["volunteer_id"])
    plan = [(orm.matches, orm.matches.c.id == match["id"], ("proposed_at", "confirmed_at", "updated_at",
                                                            "health_at", "ends_on")),
            (orm.pulses, orm.pulses.c.match_id == match["id"], ("created_at", "answered_at", "due_on")),
            (orm.supervisions, orm.supervisions.c.match_id == match["id"], ("start_on", "created_at")),
            (orm.evaluations, orm.evaluations.c.match_id == match["id"], ("due_on", "answered_at")),
            (orm.reminders, orm.reminders.c.subject_id == match["id"], ("created_at", "done_at", "due_on")),
            (orm.notes, orm.notes.c.person_id.in_(people), ("created_at",)),
            (orm.messages, orm.messages.c.recipient_id.in_(people), ("created_at", "sent_at"))]
    with session_factory() as session:
        for table, where, columns in plan:
            for row in session.execute(select(table.c.id, *(table.c[n] for n in columns)).where(where)).all():
                moved = {n: value - back for n, value in zip(columns, row[1:]) if value is not None}
                if moved:
                    session.execute(table.update().where(table.c.id == row[0]).values(**moved))
        session.commit()
    match["confirmed_at"] -= back


def links_in(inbox) -> dict[str, str]:
    """{recipient: pulse token} of the mails in `inbox` (which is emptied)."""
    found = {}
    for recipients, content in list(inbox.messages):
        body = message_from_string(content, policy=policy.default).get_body(("plain",)).get_content()
        match = PULSE_LINK.search(body)
        if match:
            found[recipients[0]] = match.group(1)
    inbox.messages.clear()
    return found


def days_after(match: dict, days: int, hours: int = 1) -> datetime:
    return match["confirmed_at"] + timedelta(days=days, hours=hours)


@pytest.fixture
def world(settings, session_factory, org):
    made = World(settings, session_factory, org)
    yield made
    made.close()


__all__ = ["GOOD", "LOW", "World", "age", "days_after", "links_in", "timezone", "world"]
