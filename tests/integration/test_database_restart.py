"""The database goes away and comes back: a clear 503 meanwhile, no 500 afterwards, nothing half-written."""
import re

import pytest

from tests import pg_cluster
from tests.e2e.test_public_forms import SEEKER
from tests.factories import request_body

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not pg_cluster.available(), reason="needs PostgreSQL's server binaries")]


@pytest.fixture
def restartable(settings, broker):
    from matching.adapters.migrate import upgrade
    from matching.bootstrap import bootstrap
    from matching.domain import commands as c
    from web import create_app
    from matching.adapters.broker import EventPublisher

    server = pg_cluster.TempPostgres().init()
    server.start()
    try:
        own = settings.with_(database_url=server.url)
        upgrade(own.database_url)
        bus = bootstrap(own, publish=EventPublisher(broker))
        bus.handle(c.CreateOrganization("noord", "Noord"))
        yield server, bus, create_app(own, bus=bus).test_client()
        bus.close()
    finally:
        server.remove()


def test_requests_during_a_database_restart_get_503_and_none_a_500_after(restartable):
    from matching.services.queries import waiting_list

    server, bus, client = restartable
    assert client.post("/api/v1/organizations/noord/requests", json=request_body()).status_code == 201
    server.stop()
    during = [client.post("/api/v1/organizations/noord/requests", json=request_body(email=f"d{i}@example.org"))
              for i in range(5)]
    assert [r.status_code for r in during] == [503] * 5
    assert all("_schema" in r.get_json()["errors"] for r in during)
    form = client.get("/noord/maatje")  # the organisation is known: the form still shows...
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.get_data(as_text=True)).group(1)
    page = client.post("/noord/maatje", data=dict(SEEKER, csrf_token=token))
    assert page.status_code == 503 and "Even niet bereikbaar" in page.get_data(as_text=True)  # ...sending says wait
    assert client.get("/healthz").get_json()["database"] == "unavailable"
    server.start()
    after = [client.post("/api/v1/organizations/noord/requests", json=request_body(email=f"a{i}@example.org"))
             for i in range(5)]
    assert [r.status_code for r in after] == [201] * 5  # the pool's pre-ping replaced the dead connections
    with bus.uow() as uow:
        org_id = uow.organizations.by_slug("noord").id
    stored = waiting_list.rows(bus, org_id, None, None)
    assert len(stored) == 6  # the one before and the five after; nothing of the outage half-stored
