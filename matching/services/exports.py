"""Exports: everything Koppel holds about one person (their right of access, through the private
link), and everything of one organisation (`koppel export --org`, to move or archive)."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from typing import Any

from matching.domain.base import DUTCH_TIME
from matching.domain.organization import Role
from matching.services import private_links, pulses
from matching.services.ports import UnitOfWork
from matching.services.queries.person_records import request_record, volunteer_record


def N_(text: str) -> str:
    """Marks a Dutch text for the English catalogue (pybabel finds `N_`): the person's download
    keeps the Dutch, the private-link page translates it where it shows it."""
    return text


ACTIONS = {
    "request.view": N_("bekeek je aanvraag"),
    "request.list": N_("zag je voornaam en postcode op de wachtlijst"),
    "volunteer.list": N_("zag je gegevens in de lijst met vrijwilligers"),
    "volunteer.name": N_("zag je naam bij een voorstel of koppeling"),
    "request.name": N_("zag je voornaam bij een voorstel of koppeling"),
    "reminder.list": N_("zag je naam bij een herinnering om contact op te nemen"),
    "message.list": N_("zag een bericht aan jou"),
    "match.propose": N_("stelde een koppeling voor"),
    "match.confirm": N_("bevestigde een koppeling"),
    "match.decline": N_("wees een voorstel af"),
    "match.end": N_("beëindigde een koppeling"),
    "match.renew": N_("verlengde een koppeling"),
    "match.view": N_("bekeek je koppeling en de antwoorden op de vragen"),
    "volunteer.activate": N_("zette je op actief"),
    "volunteer.pause": N_("zette je op pauze"),
    "volunteer.stop": N_("zette je op gestopt"),
    "request.note": N_("schreef een notitie over je (of dat je gebeld bent)"),
    "volunteer.note": N_("schreef een notitie over je (of dat je gebeld bent)"),
    "call.list": N_("zag je voornaam en telefoonnummer op de lijst om te bellen"),
    "request.new_link": N_("maakte een nieuwe persoonlijke link voor je (de oude werkt niet meer)"),
    "volunteer.new_link": N_("maakte een nieuwe persoonlijke link voor je (de oude werkt niet meer)"),
    "request.letter": N_("printte een brief met een nieuwe persoonlijke link voor je (de oude werkt niet meer)"),
    "volunteer.letter": N_("printte een brief met een nieuwe persoonlijke link voor je (de oude werkt niet meer)"),
    "activity.view": N_("zag je voornaam en hoe je bereikbaar bent bij een activiteit waar je je voor aanmeldde"),
}


def _access_entry(row: dict) -> dict[str, Any]:
    return {"at": row["at"], "who": row["user_email"] or "Koppel (automatisch)",
            "role": row["user_role"] or "systeem", "on_behalf_of": row["organization"],
            "action": row["action"], "description": ACTIONS.get(row["action"], row["action"])}


def own_export(bus, token: str) -> dict[str, Any]:
    """The person's data, their consents, matches and messages, and who viewed their data."""
    with bus.uow() as uow:
        role, person = private_links.person_behind(uow, token)
        data = request_record(person, bus.deps.clock.now()) if role == "request" else volunteer_record(person)
        reads = uow.read_model
        return {
            "role": role,
            "organization": uow.organizations.get(person.organization_id).name,
            "data": data,
            "consents": [record.as_dict() for record in uow.consents.of(role, person.id)],
            "matches": reads.matches_of(role, person.id),
            "messages": reads.messages_to(role, person.id),
            "notes": reads.notes_about(role, person.id),
            "pulses": pulses.of_person(uow, role, person.id),
            "access_log": [_access_entry(row) for row in reads.access_log_about(role, person.id)],
            "activities": _signups(uow, person.id) if role == "request" else [],
        }


def _signups(uow: UnitOfWork, request_id: str) -> list[dict[str, Any]]:
    """The activities the person joined, with what the host was told (first name, one way to reach them)."""
    return [{"activity": uow.activities.get(s.activity_id, None).title, "first_name": s.first_name,
             "contact": s.contact, "created_at": s.created_at} for s in uow.activities.signups_of_request(request_id)]


LOCAL = DUTCH_TIME  # the days a person reads are Dutch days
VIEWS = frozenset({"request.view", "request.list", "volunteer.list", "volunteer.name", "message.list", "activity.view"})
DAYS_SHOWN = 14  # days with any view, newest first; the download has every row
LOOK_BACK = timedelta(days=92)


def access_summary(uow: UnitOfWork, role: str, person_id: str, now: datetime) -> dict[str, Any]:
    """Who looked at the person's data, counted per Dutch day and per kind of view, newest day first,
    and how often coordinators looked this week: a list of every row alarms rather than reassures."""
    today = now.astimezone(LOCAL).date()
    monday = datetime.combine(today - timedelta(days=today.weekday()), time(), LOCAL)
    rows = uow.read_model.access_log_about(role, person_id, since=min(monday, now - LOOK_BACK))
    by_day: dict[date, Counter] = defaultdict(Counter)
    week: dict[str, list] = defaultdict(lambda: [0, set()])
    for row in rows:
        who = row["user_role"] or "system"
        by_day[row["at"].astimezone(LOCAL).date()][(who, row["action"])] += 1
        if row["at"] >= monday and row["action"] in VIEWS and row["user_id"]:
            week[who][0] += 1
            week[who][1].add(row["user_id"])
    days = [{"date": day, "groups": _by_role(by_day[day])} for day in sorted(by_day, reverse=True)[:DAYS_SHOWN]]
    return {"total": uow.read_model.access_count(role, person_id), "today": today,
            "shown": sum(a["times"] for day in days for g in day["groups"] for a in g["actions"]),
            "week": [{"role": who, "times": times, "people": len(people)}
                     for who, (times, people) in sorted(week.items())],
            "days": days}


def _by_role(counts: Counter) -> list[dict[str, Any]]:
    """One day's counts as: per role (coordinators first), each kind of view or change, most frequent first."""
    roles: dict[str, list] = defaultdict(list)
    for (who, action), times in sorted(counts.items(), key=lambda item: (-item[1], item[0][1])):
        roles[who].append({"action": action, "description": ACTIONS.get(action, action), "times": times})
    return [{"role": who, "actions": roles[who]}
            for who in sorted(roles, key=lambda who: (who != Role.COORDINATOR, who))]


def organization_export(bus, slug: str) -> dict[str, Any]:
    """Every row of one organisation, table by table; secrets (password hashes, private-link
    hashes, two-factor keys) are left out."""
    with bus.uow() as uow:
        org = uow.organizations.by_slug(slug)
        return {"organization": {"id": org.id, "slug": org.slug, "name": org.name, "created_at": org.created_at},
                **uow.read_model.organization_rows(org.id)}
