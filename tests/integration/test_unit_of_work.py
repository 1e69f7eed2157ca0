"""The SQLAlchemy unit of work keeps every event an aggregate records, however the session flushes."""
from __future__ import annotations

import gc

import pytest

from matching.adapters.unit_of_work import SqlAlchemyUnitOfWork
from matching.domain.organization import Organization
from matching.domain.people import Volunteer
from matching.schemas import VolunteerIn
from tests.factories import volunteer_body

pytestmark = pytest.mark.integration


def test_a_new_aggregate_keeps_its_event_through_an_automatic_flush(session_factory):
    """A query flushes what is pending; afterwards the session holds clean objects only weakly. A person
    created and then dropped by the caller (as an import does row by row) must still have its event
    written at commit (it was lost: imported people were never scored)."""
    uow = SqlAlchemyUnitOfWork(session_factory)
    with uow:
        org = Organization("noord", "Noord")
        uow.organizations.add(org)
        uow.commit()
    with uow:
        uow.volunteers.add(Volunteer.apply(org.id, VolunteerIn().load(volunteer_body()), "v1"))
        assert len(uow.volunteers.contact_keys(org.id)) == 1  # a query: the new volunteer is flushed
        gc.collect()
        uow.commit()
    assert [event["name"] for event in uow.new_events] == ["volunteer.applied"]


def test_a_rollback_drops_the_events_collected_at_a_flush(session_factory):
    uow = SqlAlchemyUnitOfWork(session_factory)
    with uow:
        org = Organization("noord", "Noord")
        uow.organizations.add(org)
        uow.commit()
    with uow:
        uow.volunteers.add(Volunteer.apply(org.id, VolunteerIn().load(volunteer_body()), "v1"))
        uow.volunteers.contact_keys(org.id)
        uow.rollback()
        uow.commit()
    assert uow.new_events == []


def test_get_many_reads_the_organisations_own_and_leaves_out_what_it_cannot_find(session_factory):
    """One query for the dashboard's reminders: another organisation's person, an unknown id and junk that is
    no id at all are simply not there (never an error, never another's data)."""
    uow = SqlAlchemyUnitOfWork(session_factory)
    with uow:
        mine, theirs = Organization("noord", "Noord"), Organization("zuid", "Zuid")
        uow.organizations.add(mine)
        uow.organizations.add(theirs)
        anna = Volunteer.apply(mine.id, VolunteerIn().load(volunteer_body(email="anna@example.org")), "v1")
        bram = Volunteer.apply(theirs.id, VolunteerIn().load(volunteer_body(email="bram@example.org")), "v1")
        uow.volunteers.add(anna)
        uow.volunteers.add(bram)
        uow.commit()
    with uow:
        found = uow.volunteers.get_many([anna.id, bram.id, anna.id, "00000000-0000-0000-0000-000000000000",
                                         "not-an-id\x00"], mine.id)
        assert list(found) == [anna.id] and found[anna.id].email == "anna@example.org"
        assert uow.volunteers.get_many([], mine.id) == {}
