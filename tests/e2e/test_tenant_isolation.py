"""Every coordinator route, tried by another organisation's admin with a valid body: 404, nothing changed.

The routes come from `app.url_map`: a new route without a case below (or a place in LOGGED_OUT)
fails the test. Each attempt is built on fresh data of organisation noord, in the state the route
needs. Zuid's admin sends it first and must get 404; noord's data must be unchanged afterwards.
Then noord's own admin sends the very same request and it must succeed: so the body was valid,
and only ownership refused zuid. Routes without an id must answer zuid exactly as they did before
noord had any data.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Callable

import pytest
from sqlalchemy import or_, select

from matching.adapters import orm, totp
from matching.domain import commands as c
from matching.services.queries import dashboard_page
from tests.e2e.logins import log_in_admin, secret_on
from tests.e2e.test_public_forms import csrf
from tests.factories import activity_body, placement_body, request_body, volunteer_body
from matching.schemas import ActivityIn
from web.schemas import PlacementIn, RequestIn, VolunteerIn

pytestmark = pytest.mark.e2e

# Routes anyone may call without logging in; none of them takes an organisation's ids from a session.
LOGGED_OUT = {
    "static", "health.healthz", "api-docs.openapi_json", "public_api.get_vocabulary", "public_api.submit_request",
    "public_api.apply_as_volunteer", "public_api.own_request", "public_api.withdraw_own_request",
    "public_api.export_own_request", "public_api.change_own_request", "public_api.pause_own_request",
    "public_api.resume_own_request", "session_api.log_in", "session_api.log_out", "login.show", "login.code",
    "login.logout", "public.thanks", "public.maatje", "public.vrijwilliger", "public.werkervaringsplaats",
    "own.show", "own.capacity", "own.availability", "own.go_on", "own.export", "own.pause", "own.erase",
    "own.resume", "own.contact",
    "home.index", "home.organization", "short_link.open_short_link",
    "pulse_api.show", "pulse_api.answer", "pulse_page.show", "pulse_page.answer",  # the token is the key
    "referral_api.refer", "referral_api.referral_self", "referral.refer", "referral.referred",
    "referral.status_page",  # a professional's referral and the referrer's status link (the token is the key)
    # activities: the public list by slug (no personal data), the person's own through their token
    "activity_public_api.organization_activities", "activity_public_api.own_activities",
    "activity_public_api.join_activity", "activity_public_api.leave_activity",
    "activity_pages.map_page", "activity_pages.join", "activity_pages.leave",
    # a werkervaringsplaats's supervisor and participant: their private link's token is the key
    "evaluation_api.show", "evaluation_api.answer", "evaluation_page.supervisor", "evaluation_page.supervisor_form",
    "evaluation_page.supervisor_answer", "evaluation_page.participant_form", "evaluation_page.participant_answer",
    "evaluation_page.participant_certificate", "own_roles.volunteer_too", "own_roles.request_too",
}
# Routes that act on the caller's own account only: sent last, by a coordinator of zuid.
OWN_ACCOUNT = ("account.change_password", "account.enable_two_factor", "account.disable_two_factor",
               "account.log_out_everywhere")
NOORD_TRACES = ("Anna", "Bram", "@example.org")  # noord's people; zuid's are Zora and Zeger at zuid.example
PASSWORD = "another long password"


@dataclass
class Attempt:
    method: str
    url: str
    body: dict[str, Any] = field(default_factory=dict)
    control: bool = True  # noord's own admin then sends it too, and it must succeed


class Noord:
    """Fresh data of organisation noord, one set per attempt, each in the state its route needs."""

    def __init__(self, bus, org_id: str):
        self.bus, self.org, self.made = bus, org_id, 0
        self.ids: set[str] = set()

    def _keep(self, value: str) -> str:
        self.ids.add(value)
        return value

    def request(self, **fields) -> str:
        self.made += 1
        body = RequestIn().load(request_body(email=f"anna{self.made}@example.org", **fields))
        return self._keep(self.bus.handle(c.SubmitRequest("noord", body))["id"])

    def volunteer(self, active: bool = True) -> str:
        self.made += 1
        body = VolunteerIn().load(volunteer_body(email=f"bram{self.made}@example.org"))
        volunteer = self._keep(self.bus.handle(c.ApplyAsVolunteer("noord", body))["id"])
        if active:
            self.bus.handle(c.ActivateVolunteer(self.org, volunteer, True))
        return volunteer

    def placement(self) -> str:
        return self._keep(self.bus.handle(c.CreatePlacement(self.org, PlacementIn().load(placement_body())))["id"])

    def placement_match(self) -> str:
        """An active match of a werkervaringsplaats seeker with a placement."""
        match = self.bus.handle(c.ProposeMatch(self.org, self.request(**PLACEMENT_SEEKER), "placement",
                                               self.placement()))["id"]
        self.bus.handle(c.ConfirmMatch(self.org, match))
        return self._keep(match)

    def match(self, active: bool = False) -> str:
        match = self._keep(self.bus.handle(c.ProposeMatch(self.org, self.request(), "volunteer", self.volunteer()))["id"])
        if active:
            self.bus.handle(c.ConfirmMatch(self.org, match))
        return match

    def ended_match(self) -> str:
        """A match ended a moment ago: its ending can still be undone."""
        match = self.match(active=True)
        self.bus.handle(c.EndMatch(self.org, match, "goal_reached"))
        return match

    def reminder(self) -> str:
        match = self.match(active=True)
        self.bus.handle(c.RaiseDueReminders((date.today() + timedelta(weeks=7)).isoformat()))
        return self._keep(next(r["id"] for r in dashboard_page.reminders(self.bus, self.org, limit=None) if r["subject_id"] == match))

    def partner(self) -> str:
        """A partner of noord in a network (made once): the slug a transfer names."""
        if not getattr(self, "_partner", None):
            self.bus.handle(c.CreateOrganization("noordoost", "Maatjes Noordoost"))
            self.bus.handle(c.CreateNetwork("regio-noord", "Regio Noord", ("noord", "noordoost")))
            self._partner = "noordoost"
        return self._partner

    def activity(self) -> str:
        return self._keep(self.bus.handle(c.CreateActivity(self.org, ActivityIn().load(activity_body())))["id"])


    def duplicate(self) -> str:
        """Two sign-ups with one email address: a possible duplicate for the coordinator."""
        first = self.request()
        body = RequestIn().load(request_body(email=f"anna{self.made}@example.org"))
        self._keep(self.bus.handle(c.SubmitRequest("noord", body))["id"])
        with self.bus.uow() as uow:
            return self._keep(uow.duplicates.naming("request", first)[0].id)

    def upload(self) -> str:
        csv = b"voornaam,e-mail\nBram,bram.import@example.org\n"
        return self._keep(self.bus.handle(c.UploadImport(self.org, "volunteers", "v.csv", csv)))


PLACEMENT_SEEKER = {"kind": "werkervaringsplaats", "availability": ["tue_morning"]}  # fits placement_body()
DECLINE, END = {"reason": "past niet"}, {"reason": "goal_reached"}
DECLINE_FORM = {"reason": "anders", "reason_text": "past niet"}  # the confirm step: a choice, words with "anders"
PLACEMENT_FORM = {"title": "Balie", "work_areas": ["administratie"], "hours_per_week": "16",
                  "availability": ["mon_morning"], "capacity": "1", "host_name": "Bibliotheek", "host_address": "Plein 1",
                  "host_postcode": "3511", "supervisor_name": "Sanne", "supervisor_email": "sanne@bieb.example"}
ACTIVITY_FORM = {"title": "Inloop", "category": "inloop", "postcode": "3511", "address": "Lindestraat 4",
                 "availability": ["mon_morning"], "interests": ["koffie"], "walk_in": "ja", "host_name": "Mieke",
                 "host_phone": "030 123 45 67"}
ENTERED = request_body(first_name="Zeger", email="zeger.telefoon@zuid.example", channel="phone")
EDIT_FORM = {"first_name": "Anna", "email": "anna.nieuw@example.org", "postcode": "3511", "interests": ["wandelen"],
             "availability": ["tue_afternoon"]}
ENTER_FORM = {"channel": "in_person", "kind": "maatje", "first_name": "Zeger", "phone": "06 2222 3333", "postcode": "3511",
              "interests": ["koffie"], "availability": ["mon_morning"], "consent": "ja"}
UPLOAD = {"soort": "volunteers", "bestand": b"voornaam,e-mail\nZeger,zeger.import@zuid.example\n"}


class _NoId(list):
    """The attempts of a route that takes no id: the same list whatever noord holds."""

    def __call__(self, noord: "Noord | None" = None) -> list[Attempt]:
        return list(self)


def _list(url: str, statuses: tuple[str, ...]) -> _NoId:
    return _NoId([Attempt("GET", url)] + [Attempt("GET", f"{url}?status={s}") for s in statuses])


def _get(url: str) -> _NoId:
    return _NoId([Attempt("GET", url)])


MATCH_STATES = ("proposed", "active", "declined", "ended")
HEALTHS = ("too_early", "on_track", "needs_check_in")
CASES: dict[tuple[str, str], Callable[[Noord], list[Attempt]]] = {
    # the JSON API
    ("GET", "coordinator_api.list_requests"): _NoId(_list("/api/v1/requests", ("waiting", "proposed", "matched", "withdrawn"))
                                                    + [Attempt("GET", "/api/v1/requests?q=anna&kind=maatje&sort=name")]),
    ("GET", "coordinator_api.get_request"): lambda n: [Attempt("GET", f"/api/v1/requests/{n.request()}")],
    ("GET", "coordinator_api.candidates"): lambda n: [Attempt("GET", f"/api/v1/requests/{n.request()}/candidates")],
    ("GET", "coordinator_api.list_volunteers"): _list("/api/v1/volunteers", ("applied", "active", "paused", "stopped")),
    ("POST", "coordinator_api.activate_volunteer"): lambda n: [
        Attempt("POST", f"/api/v1/volunteers/{n.volunteer(active=False)}/activate", {"vog_checked": True})],
    ("POST", "coordinator_api.pause_volunteer"): lambda n: [Attempt("POST", f"/api/v1/volunteers/{n.volunteer()}/pause")],
    ("POST", "coordinator_api.stop_volunteer"): lambda n: [Attempt("POST", f"/api/v1/volunteers/{n.volunteer()}/stop")],
    ("GET", "coordinator_api.list_placements"): _get("/api/v1/placements"),
    ("POST", "coordinator_api.create_placement"): lambda n: [Attempt("POST", "/api/v1/placements", placement_body())],
    ("PATCH", "coordinator_api.change_placement"): lambda n: [
        Attempt("PATCH", f"/api/v1/placements/{n.placement()}", {"title": "Balie", "capacity": 3})],
    ("GET", "coordinator_api.list_matches"): _NoId(_list("/api/v1/matches", MATCH_STATES) + [
        Attempt("GET", f"/api/v1/matches?health={h}") for h in HEALTHS]),
    ("GET", "match_api.get_match"): lambda n: [Attempt("GET", f"/api/v1/matches/{n.match()}"),
                                               Attempt("GET", f"/api/v1/matches/{n.match(active=True)}")],
    ("POST", "coordinator_api.propose_match"): lambda n: [
        Attempt("POST", "/api/v1/matches", {"request_id": n.request(), "offer": {"type": "volunteer", "id": n.volunteer()}}),
        Attempt("POST", "/api/v1/matches", {"request_id": n.request(**PLACEMENT_SEEKER), "offer": {"type": "placement", "id": n.placement()}}),
        # zuid's own request with noord's offer: the offer is not zuid's either
        Attempt("POST", "/api/v1/matches", {"request_id": "ZUID_REQUEST", "offer": {"type": "volunteer", "id": n.volunteer()}},
                control=False),
        Attempt("POST", "/api/v1/matches", {"request_id": "ZUID_REQUEST", "offer": {"type": "placement", "id": n.placement()}},
                control=False)],
    ("GET", "match_api.certificate"): lambda n: [Attempt("GET", f"/api/v1/matches/{n.placement_match()}/certificate.pdf")],
    ("POST", "coordinator_api.confirm_match"): lambda n: [Attempt("POST", f"/api/v1/matches/{n.match()}/confirm")],
    ("POST", "coordinator_api.decline_match"): lambda n: [Attempt("POST", f"/api/v1/matches/{n.match()}/decline", DECLINE)],
    ("POST", "coordinator_api.end_match"): lambda n: [Attempt("POST", f"/api/v1/matches/{n.match(active=True)}/end", END)],
    ("POST", "coordinator_api.undo_match_step"): lambda n: [
        Attempt("POST", f"/api/v1/matches/{n.ended_match()}/undo")],
    ("GET", "coordinator_api.list_messages"): _NoId([Attempt("GET", "/api/v1/messages"),
                                                    Attempt("GET", "/api/v1/messages?q=anna&status=stored")]),
    ("GET", "coordinator_api.get_stats"): _get("/api/v1/stats"),
    # the workspace pages
    ("GET", "workspace.dashboard"): _NoId([Attempt("GET", "/werkplek/"), Attempt("GET", "/werkplek/?q=anna&min_days=30")]),
    ("GET", "figures.show"): _get("/werkplek/cijfers"),
    ("POST", "workspace.reminder_done"): lambda n: [Attempt("POST", f"/werkplek/herinneringen/{n.reminder()}")],
    ("GET", "workspace.request_page"): lambda n: [Attempt("GET", f"/werkplek/aanvragen/{n.request()}")],
    ("POST", "workspace.propose"): lambda n: [
        Attempt("POST", f"/werkplek/aanvragen/{n.request()}/voorstellen", {"offer_type": "volunteer", "offer_id": n.volunteer()}),
        Attempt("POST", "/werkplek/aanvragen/ZUID_REQUEST/voorstellen", {"offer_type": "volunteer", "offer_id": n.volunteer()},
                control=False)],
    ("POST", "workspace.batch"): lambda n: [Attempt("POST", "/werkplek/voorstellen")],
    ("GET", "workspace.matches"): _NoId(_list("/werkplek/koppelingen", MATCH_STATES) + [
        Attempt("GET", f"/werkplek/koppelingen?gezondheid={h}") for h in HEALTHS]),
    ("GET", "workspace.confirm_step"): lambda n: [
        Attempt("GET", f"/werkplek/koppelingen/{n.match()}/afwijzen"),
        Attempt("GET", f"/werkplek/koppelingen/{n.match(active=True)}/beeindigen?terug=status%3Dactive")],
    ("GET", "match_page.show"): lambda n: [Attempt("GET", f"/werkplek/koppelingen/{n.match(active=True)}")],
    ("POST", "match_page.called"): lambda n: [
        Attempt("POST", f"/werkplek/koppelingen/{n.match(active=True)}/gebeld/request", {"text": "Gaat goed"}),
        Attempt("POST", f"/werkplek/koppelingen/{n.match(active=True)}/gebeld/offer", {"text": ""})],
    ("POST", "workspace.decide"): lambda n: [
        Attempt("POST", f"/werkplek/koppelingen/{n.match()}/bevestigen"),
        Attempt("POST", f"/werkplek/koppelingen/{n.match()}/afwijzen", DECLINE_FORM),
        Attempt("POST", f"/werkplek/koppelingen/{n.ended_match()}/ongedaan-maken"),
        Attempt("POST", f"/werkplek/koppelingen/{n.match(active=True)}/beeindigen", END),
        Attempt("POST", f"/werkplek/koppelingen/{n.match(active=True)}/verlengen")],
    ("GET", "workspace.volunteers"): _list("/werkplek/vrijwilligers", ("applied", "active", "paused", "stopped")),
    ("POST", "workspace.volunteer_step"): lambda n: [
        Attempt("POST", f"/werkplek/vrijwilligers/{n.volunteer(active=False)}/activeren", {"vog_checked": "ja"}),
        Attempt("POST", f"/werkplek/vrijwilligers/{n.volunteer()}/pauzeren"),
        Attempt("POST", f"/werkplek/vrijwilligers/{n.volunteer()}/stoppen")],
    ("GET", "workspace.placements"): _get("/werkplek/plaatsen"),
    ("POST", "workspace.placements"): lambda n: [Attempt("POST", "/werkplek/plaatsen", PLACEMENT_FORM)],
    ("GET", "workspace.edit_placement"): lambda n: [Attempt("GET", f"/werkplek/plaatsen/{n.placement()}")],
    ("POST", "workspace.edit_placement"): lambda n: [Attempt("POST", f"/werkplek/plaatsen/{n.placement()}", PLACEMENT_FORM)],
    ("POST", "workspace.close_placement"): lambda n: [Attempt("POST", f"/werkplek/plaatsen/{n.placement()}/sluiten")],
    ("GET", "workspace.messages"): _get("/werkplek/berichten"),
    ("GET", "workspace.audit_log"): _get("/werkplek/logboek"),
    ("GET", "workspace.quarter_csv"): _get("/werkplek/cijfers.csv"),
    # importing spreadsheets
    ("GET", "imports.upload"): _get("/werkplek/importeren/"),
    ("POST", "imports.upload"): lambda n: [Attempt("POST", "/werkplek/importeren/", UPLOAD)],
    ("GET", "imports.show"): lambda n: [Attempt("GET", f"/werkplek/importeren/{n.upload()}")],
    ("POST", "imports.start"): lambda n: [
        Attempt("POST", f"/werkplek/importeren/{n.upload()}", {"kolom-0": "first_name", "kolom-1": "email",
                                                              "actie": "controleer"}),
        Attempt("POST", f"/werkplek/importeren/{n.upload()}", {"kolom-0": "first_name", "kolom-1": "email"})],
    ("GET", "imports.progress"): lambda n: [Attempt("GET", f"/werkplek/importeren/{n.upload()}/stand")],
    # reaching people without email: notes, the call list, a new private link, the printed letter
    ("GET", "contact_api.open_calls"): _get("/api/v1/calls"),
    ("POST", "contact_api.note_on_request"): lambda n: [
        Attempt("POST", f"/api/v1/requests/{n.request()}/notes", {"kind": "call", "text": "Gebeld"})],
    ("POST", "contact_api.note_on_volunteer"): lambda n: [
        Attempt("POST", f"/api/v1/volunteers/{n.volunteer()}/notes", {"kind": "intake", "text": "VOG besproken"})],
    ("POST", "contact_api.new_link_for_request"): lambda n: [Attempt("POST", f"/api/v1/requests/{n.request()}/new-link")],
    ("POST", "contact_api.new_link_for_volunteer"): lambda n: [
        Attempt("POST", f"/api/v1/volunteers/{n.volunteer()}/new-link")],
    ("GET", "calls.call_list"): _get("/werkplek/bellen"),
    ("POST", "calls.request_called"): lambda n: [Attempt("POST", f"/werkplek/bellen/aanvraag/{n.request()}/gebeld")],
    ("POST", "calls.volunteer_called"): lambda n: [
        Attempt("POST", f"/werkplek/bellen/vrijwilliger/{n.volunteer()}/gebeld", {"text": "Gebeld"})],
    ("POST", "calls.request_letter"): lambda n: [Attempt("POST", f"/werkplek/brief/aanvraag/{n.request()}")],
    ("POST", "calls.volunteer_letter"): lambda n: [Attempt("POST", f"/werkplek/brief/vrijwilliger/{n.volunteer()}")],
    # the regional network: elsewhere counts, transfers, the network page and its figures
    ("GET", "network_api.elsewhere_counts"): lambda n: [Attempt("GET", f"/api/v1/requests/{n.request()}/elsewhere")],
    ("POST", "network_api.transfer"): lambda n: [
        Attempt("POST", f"/api/v1/requests/{n.request()}/transfer", {"to": n.partner(), "person_consent": True})],
    ("GET", "network_page.show"): _get("/werkplek/netwerk"),
    ("GET", "network_page.figures_csv"): _get("/werkplek/netwerk/cijfers.csv"),
    ("GET", "network_page.transfer"): lambda n: [Attempt("GET", f"/werkplek/aanvragen/{n.request()}/overdragen")],
    ("POST", "network_page.transfer"): lambda n: [
        Attempt("POST", f"/werkplek/aanvragen/{n.request()}/overdragen", {"to": n.partner(), "person_consent": "ja"})],
    # activities
    ("GET", "activity_api.list_activities"): _get("/api/v1/activities"),
    ("POST", "activity_api.create_activity"): lambda n: [Attempt("POST", "/api/v1/activities", activity_body())],
    ("GET", "activity_api.get_activity"): lambda n: [Attempt("GET", f"/api/v1/activities/{n.activity()}")],
    ("PATCH", "activity_api.change_activity"): lambda n: [
        Attempt("PATCH", f"/api/v1/activities/{n.activity()}", {"title": "Wandelgroep", "capacity": 8})],
    ("DELETE", "activity_api.close_activity"): lambda n: [Attempt("DELETE", f"/api/v1/activities/{n.activity()}")],
    ("GET", "activities.list_page"): _get("/werkplek/activiteiten"),
    ("POST", "activities.list_page"): lambda n: [Attempt("POST", "/werkplek/activiteiten", ACTIVITY_FORM)],
    ("GET", "activities.show"): lambda n: [Attempt("GET", f"/werkplek/activiteiten/{n.activity()}")],
    ("POST", "activities.show"): lambda n: [Attempt("POST", f"/werkplek/activiteiten/{n.activity()}", ACTIVITY_FORM)],
    ("POST", "activities.close"): lambda n: [Attempt("POST", f"/werkplek/activiteiten/{n.activity()}/sluiten")],
    # the person record: corrections, notes, assignment, the timeline, entering a request, possible duplicates
    ("POST", "person_api.enter_request"): lambda n: [Attempt("POST", "/api/v1/requests", ENTERED)],
    ("PATCH", "person_api.change_request"): lambda n: [Attempt("PATCH", f"/api/v1/requests/{n.request()}", {"phone": "0611111111"})],
    ("PATCH", "person_api.change_volunteer"): lambda n: [
        Attempt("PATCH", f"/api/v1/volunteers/{n.volunteer()}", {"capacity": 2})],
    ("POST", "person_api.assign_request"): lambda n: [
        Attempt("POST", f"/api/v1/requests/{n.request()}/assign", {"coordinator_id": None})],
    ("POST", "person_api.assign_volunteer"): lambda n: [
        Attempt("POST", f"/api/v1/volunteers/{n.volunteer()}/assign", {"coordinator_id": None})],
    ("GET", "person_api.request_timeline"): lambda n: [Attempt("GET", f"/api/v1/requests/{n.request()}/timeline")],
    ("GET", "person_api.volunteer_timeline"): lambda n: [Attempt("GET", f"/api/v1/volunteers/{n.volunteer()}/timeline")],
    ("GET", "person_api.list_coordinators"): _get("/api/v1/coordinators"),
    ("GET", "person_api.list_duplicates"): _get("/api/v1/duplicates"),
    ("POST", "person_api.resolve_duplicate"): lambda n: [
        Attempt("POST", f"/api/v1/duplicates/{n.duplicate()}", {"resolution": "apart"})],
    ("GET", "person.volunteer_page"): lambda n: [Attempt("GET", f"/werkplek/vrijwilligers/{n.volunteer()}")],
    ("GET", "person.edit"): lambda n: [Attempt("GET", f"/werkplek/mensen/aanvragen/{n.request()}/gegevens"),
                                      Attempt("GET", f"/werkplek/mensen/vrijwilligers/{n.volunteer()}/gegevens")],
    ("POST", "person.edit"): lambda n: [Attempt("POST", f"/werkplek/mensen/aanvragen/{n.request()}/gegevens", EDIT_FORM)],
    ("POST", "person.note"): lambda n: [
        Attempt("POST", f"/werkplek/mensen/aanvragen/{n.request()}/notitie", {"kind": "intake", "text": "Gesprek"}),
        Attempt("POST", f"/werkplek/mensen/vrijwilligers/{n.volunteer()}/notitie", {"kind": "call", "text": ""})],
    ("POST", "person.assign"): lambda n: [
        Attempt("POST", f"/werkplek/mensen/aanvragen/{n.request()}/toewijzen", {"coordinator_id": ""})],
    ("GET", "person.my_people"): _NoId([Attempt("GET", "/werkplek/mijn-mensen"),
                                        Attempt("GET", "/werkplek/mijn-mensen?wie=none")]),
    ("GET", "person.duplicates"): _get("/werkplek/dubbel"),
    ("POST", "person.resolve"): lambda n: [Attempt("POST", f"/werkplek/dubbel/{n.duplicate()}", {"resolution": "apart"})],
    ("GET", "person.enter_request"): _get("/werkplek/aanmelden-voor"),
    ("POST", "person.enter_request"): lambda n: [Attempt("POST", "/werkplek/aanmelden-voor", ENTER_FORM)],
    # the caller's own organisation's contact details (admins only): zuid changes zuid's, never noord's
    ("GET", "org_settings.contact"): _get("/werkplek/organisatie"),
    ("POST", "org_settings.contact"): _NoId([Attempt("POST", "/werkplek/organisatie", {"phone": "010 000 00 00"})]),
    # the caller's own account: no organisation data in or out (OWN_ACCOUNT below)
    ("GET", "account.show"): _get("/werkplek/account/"),
    **{("POST", endpoint): None for endpoint in OWN_ACCOUNT},
}


def _routes(app) -> set[tuple[str, str]]:
    return {(method, rule.endpoint) for rule in app.url_map.iter_rules() if rule.endpoint not in LOGGED_OUT
            for method in rule.methods - {"HEAD", "OPTIONS"}}


def _send(client, attempt: Attempt, zuid_request: str):
    url = attempt.url.replace("ZUID_REQUEST", zuid_request)
    body = {k: v.replace("ZUID_REQUEST", zuid_request) if isinstance(v, str) else v for k, v in attempt.body.items()}
    if attempt.method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        return client.open(url, method=attempt.method, json=body)
    form = {k: (io.BytesIO(v), "lijst.csv") if isinstance(v, bytes) else v for k, v in body.items()}
    return client.open(url, method=attempt.method, data=form | {"csrf_token": client.csrf_token})


def _succeeded(client, response) -> bool:
    """2xx, or a redirect after a form without an error message flashed (a refused decision redirects too)."""
    with client.session_transaction() as session:
        flashes = session.pop("_flashes", [])
    return response.status_code in (200, 201, 204, 303) and not any(kind == "error" for kind, _ in flashes)


def _normalised(response) -> str:
    return re.sub(r'name="csrf_token" value="[^"]+"', "", response.get_data(as_text=True))


def _noord_rows(session_factory, org_id: str, ids: set[str]) -> dict:
    """Every row that belongs to noord or names one of its ids (the outbox's publishing time aside)."""
    rows = {}
    with session_factory() as session:
        for table in orm.metadata.sorted_tables:
            columns = [col for col in table.c if not (table is orm.outbox and col.name == "published_at")]
            mine = [col == org_id for col in table.c if col.name == "organization_id"]
            mine += [col.in_(ids) for col in table.c if col.name in ("subject_id", "request_id", "offer_id")]
            mine += [table.c.id == org_id] if table is orm.organizations else []  # its name and contact details
            if mine:
                query = select(*columns).where(or_(*mine))
                rows[table.name] = sorted(map(repr, session.execute(query)))
    return rows


def _client(app, bus, email: str, role: str):
    bus.handle(c.CreateUser(email.split("@")[1].split(".")[0], email, PASSWORD, role))
    client = app.test_client()
    if role == "admin":
        log_in_admin(client, email, PASSWORD)
    else:
        assert client.post("/api/v1/session", json={"email": email, "password": PASSWORD}).status_code == 200
    client.csrf_token = csrf(client, "/werkplek/")
    return client


def test_another_organisations_data_is_never_reachable(app, bus, org, session_factory):
    routes = _routes(app)
    assert not routes - CASES.keys(), f"coordinator routes without an isolation case: {sorted(routes - CASES.keys())}"
    assert not CASES.keys() - routes, f"cases for routes that no longer exist: {sorted(CASES.keys() - routes)}"
    bus.handle(c.CreateOrganization("zuid", "Zuid"))
    zuid = _client(app, bus, "admin@zuid.example", "admin")
    own = _client(app, bus, "admin@noord.example", "admin")
    zuid_request = bus.handle(c.SubmitRequest("zuid", RequestIn().load(request_body(
        first_name="Zora", email="zora@zuid.example"))))["id"]
    bus.handle(c.RaiseDueReminders((date.today() + timedelta(weeks=7)).isoformat()))  # zuid's own "bel even", as Noord.reminder() raises it
    before = {a.url: _normalised(zuid.get(a.url)) for (_, endpoint), make in CASES.items()
              if isinstance(make, _NoId) and endpoint != "workspace.audit_log" for a in make()}  # zuid's views are logged

    noord = Noord(bus, org["id"])
    attempts = [(key, a) for key, make in sorted(CASES.items()) if make for a in make(noord)]
    attempts.sort(key=lambda pair: pair[0][0] != "GET")  # zuid's own posts must not change its lists first
    rows_before = _noord_rows(session_factory, org["id"], noord.ids)
    for (method, endpoint), attempt in attempts:
        response = _send(zuid, attempt, zuid_request)
        body = response.get_data(as_text=True)
        assert not any(trace in body for trace in NOORD_TRACES) and not any(i in body for i in noord.ids), attempt
        if any(i in attempt.url or i in repr(attempt.body) for i in noord.ids):
            assert response.status_code == 404, (attempt, response.status_code)
        else:
            assert _succeeded(zuid, response), (attempt, response.status_code)
            if attempt.method == "GET" and attempt.url in before:
                assert _normalised(response) == before[attempt.url], attempt
    assert _noord_rows(session_factory, org["id"], noord.ids) == rows_before

    for (method, endpoint), attempt in sorted(attempts, key=lambda pair: pair[0][1] == "workspace.batch"):
        if attempt.control:  # the batch proposes every waiting request of noord, so it goes last
            response = _send(own, attempt, zuid_request)
            assert _succeeded(own, response), ("noord's own admin was refused", attempt, response.status_code)
    assert len(attempts) >= 50


def test_own_account_routes_touch_no_other_account(app, bus, org, session_factory):
    """Password, two-factor login and "log out everywhere" act on the caller only: noord's account stays as it was."""
    bus.handle(c.CreateOrganization("zuid", "Zuid"))
    zuid = _client(app, bus, "coord@zuid.example", "coordinator")
    rows_before = _noord_rows(session_factory, org["id"], set())
    steps = {
        "account.change_password": ("/werkplek/account/wachtwoord", {
            "current_password": PASSWORD, "new_password": "a brand new long password",
            "new_password_again": "a brand new long password"}),
        "account.enable_two_factor": ("/werkplek/account/tweestaps", {"code": totp.current_code}),
        "account.disable_two_factor": ("/werkplek/account/tweestaps/uit", {"password": "a brand new long password"}),
        "account.log_out_everywhere": ("/werkplek/account/overal-uitloggen", {}),
    }
    assert list(steps) == list(OWN_ACCOUNT)
    for endpoint, (url, form) in steps.items():
        page = zuid.get("/werkplek/account/").get_data(as_text=True)
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        form = {k: v(secret_on(page)) if callable(v) else v for k, v in form.items()}  # the code of the key shown
        response = zuid.post(url, data=form | {"csrf_token": token})
        assert _succeeded(zuid, response), (endpoint, response.status_code)
    assert _noord_rows(session_factory, org["id"], set()) == rows_before
