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
