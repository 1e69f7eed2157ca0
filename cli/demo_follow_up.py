"""The demo coordinator's follow-up in the demo's year: check-in answers from the kept mail, reminders
handled with a call, and the call list worked through (cli/demo_year.py calls these every other week)."""
from __future__ import annotations

from cli import demo_fates as fates
from matching.domain import commands
from matching.services import calls
from matching.services.queries import dashboard_page, pulse_page


def schedule_answers(year, day: int) -> None:
    """Most people answer their check-in questions within a week of the mail."""
    for address, token in year.mail.new_pulse_links():
        if year.rng.random() < 0.8:
            year.calendar.on(day + year.rng.randint(1, 6), lambda a=address, t=token: answer(year, a, t))


def answer(year, address: str | None, token: str) -> None:
    page = pulse_page.questionnaire(year.bus, token)
    if not page["open"]:
        return
    keys = [question["key"] for question in page["questions"]]
    worried = address in year.worried and page["kind"] == "check_in"
    year.bus.handle(commands.AnswerPulse(token, fates.answers(year.rng, keys, worried)))


def handle_reminders(year) -> None:
    """Check-ins due more than a few days ago: a call to the participant, noted, and the reminder done."""
    for reminder in dashboard_page.reminders(year.bus, year.org, year.user):
        if (year.clock.now().date() - reminder["due_on"]).days < 4:
            continue
        running = year.running.get(reminder["subject_id"])
        if running is not None and year.rng.random() < 0.85:
            year.bus.handle(commands.WriteNote(year.org, "request", running.request.id, "call",
                                               "Gebeld: het gaat goed, ze spreken elke week af.", year.user))
        year.bus.handle(commands.CompleteReminder(year.org, reminder["id"], year.user))


def make_calls(year) -> None:
    """Whoever has no email and waits on the call list for more than five days gets a call."""
    called = set()
    for task in calls.open_calls(year.bus, year.org, year.user, per_page=200)["items"]:
        person = (task["person"]["type"], task["person"]["id"])
        if person in called or (year.clock.now() - task["raised_at"]).days < 5:
            continue
        called.add(person)
        year.bus.handle(commands.WriteNote(year.org, *person, "call", "Gebeld en alles doorgegeven.", year.user))
