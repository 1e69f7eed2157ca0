"""The access log on the real database (SQLite and PostgreSQL): a list view is one row of audit_views
holding everyone it showed; a person's own log and count, the admin's page and the organisation export
read it beside audit_log's rows, including the per-person rows list views wrote before migration 0022."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import insert, select, text

from matching.adapters import orm
from matching.adapters.repositories.audit import showed
from matching.domain import commands as c
from matching.domain.base import new_id

pytestmark = pytest.mark.integration
T0 = datetime(2026, 11, 20, 12, tzinfo=timezone.utc)
HOUR = timedelta(hours=1)


@pytest.fixture
def coordinator_id(org, session_factory) -> str:
    with session_factory() as session:
        return session.scalar(select(orm.users.c.id).where(orm.users.c.email == org["email"]))


def _old_list_view(session_factory, org_id: str, user_id: str, action: str, people: list[str], at: datetime) -> None:
    """A list view as it was logged before migration 0022: one audit_log row per person shown."""
    with session_factory() as session:
        session.execute(insert(orm.audit_log), [{"at": at, "organization_id": org_id, "user_id": user_id,
                                                 "action": action, "subject_type": "request", "subject_id": person}
                                                for person in people])
        session.commit()


def test_a_list_view_is_one_row_with_everyone_it_showed_once_in_order(bus, org, coordinator_id, session_factory):
    a, b, v = new_id(), new_id(), new_id()
    with bus.uow() as uow:
        uow.audit.record_views(org["id"], coordinator_id, "match.list",
                               [("request", b), ("request", a), ("request", b), ("volunteer", v)], T0)
        uow.audit.record_views(org["id"], coordinator_id, "request.list", [], T0)  # nothing shown, nothing logged
        uow.commit()
    with session_factory() as session:
        (row,) = session.execute(select(orm.audit_views)).mappings().all()
        assert session.execute(select(orm.audit_log)).all() == []
    assert row["subject_ids"] == [f"request:{b}", f"request:{a}", f"volunteer:{v}"]
    assert (row["action"], row["people"], row["subject_types"], row["user_id"], row["at"], row["organization_id"]) == (
        "match.list", 3, "request,volunteer", coordinator_id, T0, org["id"])


def test_a_persons_log_reads_old_rows_single_rows_and_list_views(bus, org, coordinator_id, session_factory):
    a, b = new_id(), new_id()
    _old_list_view(session_factory, org["id"], coordinator_id, "request.list", [a, b], T0)
    with bus.uow() as uow:
        uow.audit.record(org["id"], coordinator_id, "request.view", "request", a, T0 + HOUR)
        uow.audit.record_views(org["id"], coordinator_id, "request.list", [("request", b), ("request", a)], T0 + 2 * HOUR)
        uow.audit.record(org["id"], None, "request.edit", "request", a, T0 + 2 * HOUR)  # same moment: first
        uow.audit.record_views(org["id"], coordinator_id, "request.list", [("request", b)], T0 + 3 * HOUR)
        uow.audit.record_views(org["id"], coordinator_id, "volunteer.list", [("volunteer", a)], T0 + 4 * HOUR)
        uow.audit.record_views(org["id"], coordinator_id, "request.list", [("request", a[:-1])], T0 + 5 * HOUR)
        uow.commit()
    with bus.uow() as uow:
        reads = uow.read_model
        log = reads.access_log_about("request", a)
        assert [(row["action"], row["at"]) for row in log] == [
            ("request.list", T0), ("request.view", T0 + HOUR), ("request.edit", T0 + 2 * HOUR),
            ("request.list", T0 + 2 * HOUR)]
        assert (log[-1]["user_email"], log[-1]["user_role"], log[-1]["organization"], log[-1]["user_id"]) == (
            org["email"], "coordinator", "Vriendendienst Noord", coordinator_id)
        assert log[2]["user_email"] is None and log[2]["user_role"] is None  # done by Koppel itself
        assert reads.access_count("request", a) == 4
        assert [row["action"] for row in reads.access_log_about("request", a, since=T0 + HOUR)] == [
            "request.view", "request.edit", "request.list"]
        assert [row["action"] for row in reads.access_log_about("request", a, newest=2)] == ["request.list", "request.edit"]
        assert [row["at"] for row in reads.access_log_about("request", b)] == [T0, T0 + 2 * HOUR, T0 + 3 * HOUR]
        assert reads.access_count("request", b) == 3
        assert [row["action"] for row in reads.access_log_about("volunteer", a)] == ["volunteer.list"]
        assert reads.access_count("request", new_id()) == 0 and reads.access_log_about("request", new_id()) == []


def test_the_admin_log_shows_each_list_view_as_one_line_with_its_count(bus, org, coordinator_id, session_factory):
    a, b, v = new_id(), new_id(), new_id()
    _old_list_view(session_factory, org["id"], coordinator_id, "request.list", [a, b, v], T0)
    zuid = bus.handle(c.CreateOrganization("zuid", "Zuid"))
    with bus.uow() as uow:
        uow.audit.record_views(org["id"], coordinator_id, "request.list", [("request", a), ("request", b)], T0 + HOUR)
        uow.audit.record(org["id"], coordinator_id, "request.view", "request", a, T0 + HOUR)
        uow.audit.record_views(org["id"], None, "match.list", [("request", a), ("volunteer", v)], T0 + 2 * HOUR)
        uow.audit.record_views(org["id"], coordinator_id, "certificate.download", [("request", b)], T0 + 3 * HOUR)
        uow.audit.record_views(zuid, None, "request.list", [("request", new_id())], T0 + 4 * HOUR)
        uow.commit()
    with bus.uow() as uow:
        lines = uow.read_model.audit_log(org["id"])
        assert uow.read_model.audit_log(org["id"], limit=2) == lines[:2]
    assert [(line["at"], line["action"], line["subject_type"], line["people"], line["user_email"]) for line in lines] == [
        (T0 + 3 * HOUR, "certificate.download", "request", 1, org["email"]),
        (T0 + 2 * HOUR, "match.list", "request,volunteer", 2, None),
        (T0 + HOUR, "request.list", "request", 2, org["email"]),
        (T0 + HOUR, "request.view", "request", 1, org["email"]),
        (T0, "request.list", "request", 3, org["email"])]
    assert [line["subject_id"] for line in lines[:4]] == [b, None, None, a]  # a line of one names its person


def test_the_organisation_export_holds_its_list_views_and_not_anothers(bus, org, coordinator_id):
    a = new_id()
    zuid = bus.handle(c.CreateOrganization("zuid", "Zuid"))
    with bus.uow() as uow:
        uow.audit.record_views(org["id"], coordinator_id, "request.list", [("request", a)], T0)
        uow.audit.record_views(zuid, None, "request.list", [("request", new_id())], T0)
        uow.commit()
    with bus.uow() as uow:
        (row,) = uow.read_model.organization_rows(org["id"])["audit_views"]
    assert (row["organization_id"], row["subject_ids"], row["people"]) == (org["id"], [f"request:{a}"], 1)


def test_on_postgresql_the_views_that_showed_someone_are_found_through_the_gin_index(settings, session_factory):
    if not settings.database_url.startswith("postgresql"):
        pytest.skip("the GIN index is PostgreSQL's (SQLite searches the JSON text)")
    with session_factory() as session:
        session.execute(text("SET LOCAL enable_seqscan = off"))  # an empty table: the index must be usable
        query = select(orm.audit_views.c.id).where(showed("postgresql", "request", new_id()))
        compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        plan = "\n".join(session.execute(text(f"EXPLAIN {compiled}")).scalars())
    assert "ix_audit_views_subjects" in plan, plan


def test_a_persons_recent_views_are_read_by_time_not_from_all_history(settings, session_factory):
    """The private link page asks for 92 days of views: on SQLite (no index on the ids a view held) the
    range on `at` keeps that read from growing with every list view ever logged."""
    if settings.database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL finds the views through the GIN index on the ids (the test above)")
    since = datetime(2026, 1, 1, tzinfo=timezone.utc)
    with session_factory() as session:
        query = select(orm.audit_views.c.id).where(showed("sqlite", "request", new_id()), orm.audit_views.c.at >= since)
        compiled = query.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
        plan = " ".join(str(row[-1]) for row in session.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
    assert "ix_audit_views_at" in plan, plan
