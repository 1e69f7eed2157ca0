"""How a request or a volunteer reads on a page and in an export, and the access-log line for who was shown."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from matching.domain.people import Request, Volunteer
from matching.services.ports import UnitOfWork
from matching.services.profiles import search_distance_km

REQUEST_FIELDS = ("id", "kind", "status", "first_name", "email", "phone", "postcode", "interests", "availability",
                  "languages", "gender", "birth_year", "about", "created_at", "scored_at", "paused_at",
                  "work_areas", "hours_per_week", "goals", "work_support", "volunteer_id")
VOLUNTEER_FIELDS = ("id", "status", "first_name", "last_name", "email", "phone", "postcode", "interests",
                    "availability", "languages", "gender", "birth_year", "kinds", "capacity", "max_distance_km",
                    "motivation", "vog_checked_at", "created_at", "paused_by", "request_id")


ERASED = "gewist"  # how an erased person reads wherever a name stood (their name is gone, not "None")


def display_name(first_name: str | None, last_name: str | None = None, initial: bool = False) -> str:
    """A person's name as a page shows it: "Bram de Vries", or "Bram d." with `initial`; an erased
    person (no first name left) reads "gewist"."""
    if not first_name:
        return ERASED
    if not last_name:
        return first_name
    return f"{first_name} {last_name[0]}." if initial else f"{first_name} {last_name}"


def request_record(request: Request, now: datetime) -> dict[str, Any]:
    """A request as its page, the API and the person's own export show it."""
    out = {name: getattr(request, name) for name in REQUEST_FIELDS}
    out["preferences"] = {"volunteer_gender": request.volunteer_gender,
                          "max_distance_km": search_distance_km(request),
                          "max_distance_is_default": request.max_distance_km is None}
    out["waiting_days"] = (now - request.created_at).days
    return out


def volunteer_record(volunteer: Volunteer) -> dict[str, Any]:
    """A volunteer as their private link and their own export show them."""
    out = {name: getattr(volunteer, name) for name in VOLUNTEER_FIELDS}
    out["preferences"] = {"participant_gender": volunteer.participant_gender}
    return out


def viewed(uow: UnitOfWork, now: datetime, org: str, user_id: str | None, action: str,
           subjects: list[tuple[str, str]]) -> None:
    """Log which people a coordinator was shown, in the same transaction as the read."""
    uow.audit.record_views(org, user_id, action, subjects, now)
    uow.commit()
