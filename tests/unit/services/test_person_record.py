"""The person record on fakes: corrections checked as at sign-up (rescored only when matching reads the
field), assignment to a colleague, requests entered on someone's behalf, and identity: two people are
never merged; what only looks alike is flagged for the coordinator to merge or keep apart."""
from __future__ import annotations

import pytest

from matching.domain import commands
from matching.domain.errors import Conflict, Invalid, InvalidFields
from matching.schemas import RequestIn
from matching.services.importing import service
from matching.services.queries import assignment, waiting_list
from tests.factories import request_body
from tests.unit.services.conftest import outbox, stored, submit

pytestmark = pytest.mark.unit


def _coordinator(bus, email: str = "coord@noord.example", org: str = "noord") -> str:
    return bus.handle(commands.CreateUser(org, email, "a long enough password", "coordinator"))


def _correct(bus, org, person_id, person_type="request", **changes):
    return bus.handle(commands.CorrectPerson(org, person_type, person_id, changes, "user-1"))


def test_a_phone_correction_is_not_rescored_and_a_postcode_is(bus, org):
    anna = submit(bus, phone="06 1234 5678")["id"]
    before = len(outbox(bus))
    assert _correct(bus, org, anna, phone="06 8765 4321") == {"id": anna, "status": "waiting", "changed": ["phone"],
                                                               "rescored": False}
    assert outbox(bus)[before:] == ["person.corrected"]
    assert _correct(bus, org, anna, postcode="1012 AB")["rescored"] is True
    assert outbox(bus)[-1] == "request.changed"
    with stored(bus) as uow:
        request = uow.requests.get(anna, org)
        assert (request.phone, request.postcode) == ("06 8765 4321", "1012")
        assert [row["action"] for row in uow.state.audit][-2:] == ["request.edit", "request.edit"]


def test_a_correction_names_every_wrong_field_and_keeps_the_person_reachable(bus, org):
    anna = submit(bus)["id"]
    with pytest.raises(InvalidFields) as wrong:
        _correct(bus, org, anna, phone="x", interests=[], birth_year=1800)
    assert set(wrong.value.errors) == {"phone", "interests", "birth_year"}
    with pytest.raises(InvalidFields) as unreachable:
        _correct(bus, org, anna, email=None)
    assert "email" in unreachable.value.errors
    with pytest.raises(InvalidFields) as unknown:
        _correct(bus, org, anna, status="matched")
    assert "status" in unknown.value.errors


def test_a_withdrawn_person_cannot_be_corrected(bus, org):
    made = submit(bus)
    bus.handle(commands.WithdrawRequest(made["manage_token"]))
    with pytest.raises(Conflict):
        _correct(bus, org, made["id"], phone="0612345678")


def test_a_person_is_assigned_to_a_colleague_and_back_to_nobody(bus, org):
    me, colleague = _coordinator(bus), _coordinator(bus, "collega@noord.example")
    anna = submit(bus)["id"]
    assert bus.handle(commands.AssignPerson(org, "request", anna, colleague, me)) == {"id": anna, "assigned_to": colleague}
    assert outbox(bus)[-1] == "person.assigned"
    assert [row["id"] for row in waiting_list.rows(bus, org, None, colleague, assigned="me")] == [anna]
    assert waiting_list.rows(bus, org, None, me, assigned="me") == []
    assert waiting_list.rows(bus, org, None, me, assigned="none") == []
    bus.handle(commands.AssignPerson(org, "request", anna, None, me))
    assert [row["id"] for row in waiting_list.rows(bus, org, None, me, assigned="none")] == [anna]
    with pytest.raises(Invalid) as wrong:
        assignment.resolve_assigned("iemand", me)
    assert wrong.value.field == "assigned"


def test_a_coordinator_of_another_organisation_is_not_a_colleague(bus, org):
    bus.handle(commands.CreateOrganization("zuid", "Zuid"))
    stranger = _coordinator(bus, "coord@zuid.example", "zuid")
    anna = submit(bus)["id"]
    with pytest.raises(Invalid) as refused:
        bus.handle(commands.AssignPerson(org, "request", anna, stranger, None))
    assert refused.value.field == "coordinator_id"


def test_a_request_entered_on_the_phone_keeps_the_channel_and_its_coordinator(bus, org):
    me = _coordinator(bus)
    fields = RequestIn().load(request_body(first_name="Jan", email=None, phone="06 1111 2222")
                              | {"email": "jan@example.org"})
    made = bus.handle(commands.EnterRequest(org, fields, "phone", me))
    with stored(bus) as uow:
        [consent] = uow.consents.of("request", made["id"])
        assert consent.given_via == "phone" and uow.requests.get(made["id"], org).assigned_to == me
    with pytest.raises(Invalid) as wrong:
        bus.handle(commands.EnterRequest(org, fields, "form", me))
    assert wrong.value.field == "channel"


def _flags(bus) -> list[tuple[str, str, str]]:
    with stored(bus) as uow:
        return [(d.likeness, d.person_id, d.other_id) for d in uow.state.of("duplicates")]


def test_a_sign_up_that_looks_like_someone_is_flagged_never_merged(bus, org):
    sanne = submit(bus, first_name="Sanne", email="sanne@example.org", phone="06 1234 5678")["id"]
    fleur = submit(bus, first_name="Fleur", email="fleur@example.org", phone="+31 6 12345678")["id"]
    again = submit(bus, first_name="Sanne", email="Sanne@Example.org")["id"]
    apart = submit(bus, first_name="Kees", email="kees@example.org", postcode="9711")["id"]
    assert len({sanne, fleur, again, apart}) == 4  # four records: nobody's data was overwritten
    assert _flags(bus) == [("phone", sanne, fleur), ("email", sanne, again)]
    assert outbox(bus).count("duplicate.flagged") == 2


def test_a_common_first_name_in_a_busy_area_flags_a_few_look_alikes_not_everyone(bus, org):
    from matching.services.identity import MAX_ALIKE

    earlier = [submit(bus, first_name="Mohammed", email=f"m{i}@example.org", postcode="3511")["id"] for i in range(6)]
    newest = submit(bus, first_name="Mohammed", email="m.nieuw@example.org", postcode="3511")["id"]
    flagged = [other for _, person, other in _flags(bus) if other == newest]
    assert len(flagged) == MAX_ALIKE == 3 and len(earlier) > MAX_ALIKE


def test_a_pair_kept_apart_is_not_flagged_again_and_a_merge_takes_the_notes(bus, org):
    sanne = submit(bus, first_name="Sanne", email="sanne@example.org")["id"]
    fleur = submit(bus, first_name="Fleur", email="fleur@example.org", phone="0612345678")["id"]
    again = submit(bus, first_name="Sanne", email="sanne@example.org", phone="0612345678")["id"]
    with stored(bus) as uow:
        flags = {d.person_id: d.id for d in uow.state.of("duplicates")}
    assert bus.handle(commands.ResolveDuplicate(org, flags[fleur], "apart", "user-1")) == "apart"
    with stored(bus) as uow:  # the same pair again: the decision stands
        from matching.services.identity import flag_sign_up
        assert flag_sign_up(uow, "request", uow.requests.get(again, org)) == []
    bus.handle(commands.WriteNote(org, "request", again, "intake", "Belde zelf", "user-1"))
    assert bus.handle(commands.ResolveDuplicate(org, flags[sanne], "merge", "user-1")) == "merge"
    with stored(bus) as uow:
        kept, gone = uow.requests.get(sanne, org), uow.requests.get(again, org)
        assert kept.phone == "0612345678" and gone.erased_at is not None and gone.status == "withdrawn"
        assert [(n.person_id, n.text) for n in uow.state.of("notes")] == [(sanne, "Belde zelf")]
        assert [d.resolution for d in uow.state.of("duplicates")] == ["merge"]  # the other flag went with the erasure
    with pytest.raises(Conflict):
        bus.handle(commands.ResolveDuplicate(org, flags[sanne], "apart", "user-1"))
    with pytest.raises(Invalid):
        bus.handle(commands.ResolveDuplicate(org, flags[sanne], "both", None))


SHEET = ("Voornaam;Achternaam;E-mail;Telefoon;Postcode;Interesses;Beschikbaarheid\n"
         "Sanne;de Vries;sanne@example.org;06 1234 5678;3512;wandelen;di middag\n"
         "Fleur;Bakker;fleur@example.org;0612345678;3512;film;di middag\n").encode()


def test_the_shared_phone_import_keeps_two_people_and_flags_them(bus, org):
    """The bug of issue 13: two volunteers sharing a phone number; the second row overwrote the first's
    name, email and address. Now the second is a new person, flagged; each keeps her own data."""
    _mapping, outcomes = service.import_file(bus, org, "volunteers", "vrijwilligers.csv", SHEET)
    assert [o.outcome for o in outcomes] == ["imported", "imported"]
    assert "mogelijk dubbel" in outcomes[1].reason and "Sanne" not in outcomes[1].reason  # the stored report names nobody
    with stored(bus) as uow:
        people = {v.first_name: (v.last_name, v.email) for v in uow.state.of("volunteers")}
    assert people == {"Sanne": ("de Vries", "sanne@example.org"), "Fleur": ("Bakker", "fleur@example.org")}
    assert [f[0] for f in _flags(bus)] == ["phone"]


def test_the_preview_names_whom_a_row_updates_and_shows_a_changed_name(bus, org):
    service.import_file(bus, org, "volunteers", "vrijwilligers.csv", SHEET)
    second = ("Voornaam;Achternaam;E-mail;Telefoon;Postcode;Interesses;Beschikbaarheid\n"
              "Sanne;de Wit;sanne@example.org;06 1234 5678;3512;wandelen;di middag\n"
              "Fleur;Bakker;fleur@example.org;0612345678;3512;film;di middag\n").encode()
    _mapping, preview = service.import_file(bus, org, "volunteers", "vrijwilligers.csv", second, dry_run=True)
    assert preview[0].outcome == "updated"
    assert preview[0].reason == "wordt bijgewerkt: Sanne de Vries (achternaam de Vries → de Wit)"
    assert (preview[1].outcome, preview[1].reason) == ("unchanged", "al aanwezig, niets veranderd: Fleur Bakker")
    with stored(bus) as uow:
        assert {v.last_name for v in uow.state.of("volunteers")} == {"de Vries", "Bakker"}  # a preview stores nothing
