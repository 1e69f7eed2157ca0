"""Twenty coordinators' clicks race for one volunteer's last free place: exactly one wins."""
import threading

import pytest

from matching.domain import commands as c
from matching.domain.errors import Conflict
from tests.factories import request_body, volunteer_body
from web.schemas import RequestIn, VolunteerIn

pytestmark = pytest.mark.integration


def test_twenty_concurrent_confirmations_leave_exactly_one_active_match(bus, org):
    volunteer = bus.handle(c.ApplyAsVolunteer("noord", VolunteerIn().load(volunteer_body(capacity=1))))
    bus.handle(c.ActivateVolunteer(org["id"], volunteer["id"], True))
    match_ids = []
    for i in range(20):
        request = bus.handle(c.SubmitRequest("noord", RequestIn().load(request_body(email=f"p{i}@example.org"))))
        match_ids.append(bus.handle(c.ProposeMatch(org["id"], request["id"], "volunteer", volunteer["id"]))["id"])
    start, outcomes = threading.Barrier(20), []

    def confirm(match_id):
        start.wait()
        try:
            outcomes.append(bus.handle(c.ConfirmMatch(org["id"], match_id)))
        except Conflict:
            outcomes.append("409")

    threads = [threading.Thread(target=confirm, args=(m,)) for m in match_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["409"] * 19 + ["active"]
    from matching.services.queries import match_list

    assert len(match_list.rows(bus, org["id"], "active")) == 1
