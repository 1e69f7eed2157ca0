"""The demo organisation's past year, lived day by day through the bus on a moving clock.

People sign up, volunteers are welcomed, the coordinator proposes and confirms matches twice a week,
handles reminders and calls, check-ins are raised and answered, matches end for designed reasons and
people withdraw: every row is written by the same handlers and events as in real use, dated on the
day it happened. What is left today is what the dashboard, the lists and the charts show."""
from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cli import demo_fates as fates, demo_follow_up as follow_up
from cli.demo_people import DemoData
from cli.demo_ports import KeptMail, MovingClock
from matching.domain import commands
from matching.domain.errors import DomainError
from matching.services.queries import request_detail

ROUND_DAY = 1  # the coordinator's day of the week for proposals, confirmations, reminders and calls


@dataclass
class Asker:
    """A request as the demo remembers it: its private link, and when the coordinator will propose."""
    id: str
    token: str
    email: str | None
    arrived: int
    wait: int


@dataclass
class Running:
    request: Asker
    volunteer_email: str | None
    confirmed: int
    fate: fates.Fate


@dataclass
class Calendar:
    """What is due on which day: each a list of callables run at that day's clock."""
    days: dict[int, list] = field(default_factory=lambda: defaultdict(list))

    def on(self, day: int, action) -> None:
        if day < fates.DAYS:
            self.days[day].append(action)


class DemoYear:
    def __init__(self, bus, clock: MovingClock, mail: KeptMail, org_slug: str, org_id: str, seed: int,
                 coordinator: str | None = None):
        self.bus, self.clock, self.mail, self.slug, self.org = bus, clock, mail, org_slug, org_id
        self.user = coordinator  # whose name the coordinator's steps go under
        self.rng = random.Random(seed)
        self.people = DemoData(seed)
        self.start = clock.now()
        self.calendar = Calendar()
        self.waiting: dict[str, Asker] = {}
        self.proposed: dict[str, tuple[Asker, int, str | None]] = {}  # match id -> (asker, day, volunteer email)
        self.running: dict[str, Running] = {}
        self.worried: set[str] = set()  # addresses whose check-in answers are low
        self.volunteer_emails: dict[str, str] = {}
        # The coordinator's habits (whom she takes on herself) and the one person who signs up twice draw
        # from streams of their own, so the rest of the year stays what the seed made it.
        self.habits = random.Random(seed + 101)
        self.twice = DemoData(seed + 102)

    def plan(self, requests: int, volunteers: int, placements: int) -> None:
        """Put the year's arrivals in the calendar."""
        for i in range(placements):
            self.calendar.on(0, lambda i=i: self.bus.handle(commands.CreatePlacement(self.org, self.people.placement(i), self.user)))
        for day in fates.arrival_days(self.rng, volunteers, backlog=volunteers * 2 // 3):
            self.calendar.on(day, self._volunteer_applies)
        for day in fates.arrival_days(self.rng, requests, backlog=requests // 10):
            self.calendar.on(day, self._request_arrives)
        twin = self.twice.volunteer()  # a volunteer who forgot she had signed up, and used another address
        self.calendar.on(fates.DAYS - 12, lambda: self.bus.handle(commands.ApplyAsVolunteer(self.slug, twin)))
        other = twin["email"].replace("@", ".thuis@")
        self.calendar.on(fates.DAYS - 9, lambda: self.bus.handle(commands.ApplyAsVolunteer(self.slug, {**twin, "email": other})))

    def live(self, now: datetime) -> None:
        """Every day from a year ago until today, then the periodic jobs once more as of `now`."""
        for day in range(fates.DAYS):
            self._at(day, hour=9)
            for action in self.calendar.days.pop(day, []):
                action()
                self.clock.tick()
            if day % 7 == ROUND_DAY:
                self._at(day, hour=14)
                self._coordinator_round(day)
        self.clock.at(now)
        self.bus.handle(commands.RaiseDueReminders(now.date().isoformat()))
        self.bus.handle(commands.RaiseDuePulses(now.isoformat()))
        self.bus.handle(commands.ApplyRetention(now.isoformat()))
        self.bus.handle(commands.ReassessHealth(now.isoformat()))

    def _at(self, day: int, hour: int) -> None:
        self.clock.at(self.start + timedelta(days=day, hours=hour - self.start.hour, minutes=-self.start.minute))

    def _day(self) -> int:
        return (self.clock.now() - self.start).days

    # arrivals
    def _volunteer_applies(self) -> None:
        fields = self.people.volunteer()
        created = self.bus.handle(commands.ApplyAsVolunteer(self.slug, fields))
        self.volunteer_emails[created["id"]] = fields["email"]
        if self.rng.random() < 0.85:
            self.calendar.on(self._day() + self.rng.randint(5, 20), lambda: self._welcome(created["id"]))

    def _welcome(self, volunteer_id: str) -> None:
        self.bus.handle(commands.ActivateVolunteer(self.org, volunteer_id, vog_checked=True, by_user=self.user))
        if self.habits.random() < 0.25:
            self._take_on("volunteer", volunteer_id)

    def _take_on(self, person_type: str, person_id: str) -> None:
        """The coordinator makes this person one of hers ("Mijn mensen"): she did the intake herself."""
        if self.user:
            self.bus.handle(commands.AssignPerson(self.org, person_type, person_id, self.user, self.user))

    def _request_arrives(self) -> None:
        fields = self.people.request()
        created = self.bus.handle(commands.SubmitRequest(self.slug, fields))
        asker = Asker(created["id"], created["manage_token"], fields.get("email"), self._day(),
                      fates.wait_days(self.rng))
        self.waiting[asker.id] = asker
        if self.habits.random() < 0.35:
            self._take_on("request", asker.id)
        if self.rng.random() < 0.08:
            self.calendar.on(self._day() + self.rng.randint(20, 120), lambda: self._withdraw(asker))

    def _withdraw(self, asker: Asker) -> None:
        if self.waiting.pop(asker.id, None):
            self.bus.handle(commands.WithdrawRequest(asker.token))

    # the coordinator's round
    def _coordinator_round(self, day: int) -> None:
        self._decide_proposals(day)
        self._propose(day)
        if day % 14 == ROUND_DAY:  # every other week: check-ins, reminders and the call list
            self.bus.handle(commands.RaiseDueReminders(self.clock.now().date().isoformat()))
            self.bus.handle(commands.RaiseDuePulses())
            follow_up.schedule_answers(self, day)
            follow_up.handle_reminders(self)
            follow_up.make_calls(self)

    def _propose(self, day: int) -> None:
        for asker in sorted(self.waiting.values(), key=lambda a: a.arrived):
            if day - asker.arrived < asker.wait:
                continue
            for item in request_detail.candidates(self.bus, self.org, asker.id, 3)["items"]:
                try:
                    match = self.bus.handle(commands.ProposeMatch(self.org, asker.id, item["offer"]["type"],
                                                                  item["offer"]["id"], self.user))
                except DomainError:
                    continue
                self.waiting.pop(asker.id)
                self.proposed[match["id"]] = (asker, day, self.volunteer_emails.get(item["offer"]["id"], self.user))
                self.clock.tick()
                break

    def _decide_proposals(self, day: int) -> None:
        for match_id, (asker, proposed_on, volunteer_email) in list(self.proposed.items()):
            del self.proposed[match_id]
            try:
                if self.rng.random() < 0.1:
                    raise DomainError("the coordinator thinks again")
                self.bus.handle(commands.ConfirmMatch(self.org, match_id, self.user))
            except DomainError:
                self.bus.handle(commands.DeclineMatch(self.org, match_id, "Past niet: te ver reizen voor allebei.",
                                                        self.user))
                asker.wait, asker.arrived = self.rng.randint(7, 30), day  # the clock of the next try
                self.waiting[asker.id] = asker
                continue
            self._confirmed(match_id, asker, volunteer_email, day)
            self.clock.tick()

    def _confirmed(self, match_id: str, asker: Asker, volunteer_email: str | None, day: int) -> None:
        fate = fates.match_fate(self.rng)
        running = self.running[match_id] = Running(asker, volunteer_email, day, fate)
        if fate.struggling:
            self.worried.update(a for a in (asker.email, volunteer_email) if a)
        if self.rng.random() < 0.6:
            self.calendar.on(day + self.rng.randint(8, 15), lambda: self._first_meeting(asker))
        if fate.ends_after is not None:
            self.calendar.on(day + fate.ends_after, lambda: self._end(match_id, running))

    def _first_meeting(self, asker: Asker) -> None:
        try:
            self.bus.handle(commands.AnswerFirstMeeting(asker.token, True))
        except DomainError:
            pass  # the match ended before the question opened

    def _end(self, match_id: str, running: Running) -> None:
        fate = running.fate
        self.bus.handle(commands.EndMatch(self.org, match_id, fate.reason, self.user, initiated_by=fate.initiated_by,
                                          note=fates.NOTES[fate.reason], goodbye_meeting=fate.goodbye))
        del self.running[match_id]
        if fate.waits_again:
            running.request.wait, running.request.arrived = self.rng.randint(14, 60), self._day()
            self.waiting[running.request.id] = running.request
