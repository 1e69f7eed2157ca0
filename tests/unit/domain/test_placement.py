"""Placements: a coordinator edits what the placement offers, never its id, organisation or status."""
import pytest

from matching.domain.errors import Invalid
from matching.domain.placement import Placement, PlacementStatus

pytestmark = pytest.mark.unit

FIELDS = {"title": "Keukenhulp", "postcode": "3513", "interests": ["koken"], "availability": ["tue_morning"],
          "languages": ["nl"], "capacity": 2}


def test_a_placement_change_refuses_what_the_placement_keeps_itself():
    placement = Placement.create("org", dict(FIELDS))
    for name in ("status", "organization_id", "id", "created_at"):
        with pytest.raises(Invalid) as refused:
            placement.change({"capacity": 3, name: "x"})
        assert refused.value.field == name
    assert placement.capacity == 2 and placement.status is PlacementStatus.ACTIVE and placement.organization_id == "org"


def test_a_placement_change_takes_any_given_field():
    placement = Placement.create("org", dict(FIELDS))
    placement.change({"title": "Receptie", "hours_per_week": 8})
    assert (placement.title, placement.hours_per_week, placement.description) == ("Receptie", 8, None)
    placement.close()
    assert placement.status == "closed" and not placement.is_available
