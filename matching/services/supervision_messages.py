"""The message that gives a werkbegeleider their private link once a placement match is confirmed: who
starts, when, and when the evaluations are. Stored with the link masked, like every private link."""
from __future__ import annotations

from matching.domain.evaluation import Moment, Supervision, due_on
from matching.domain.message import SUPERVISOR_PATH, Message, masked_link
from matching.domain.organization import Organization, contact_footer
from matching.domain.people import Request
from matching.domain.placement import Placement
from matching.services.ports import Dependencies
from matching.services.queued_links import seal_into


def dutch_date(day) -> str:
    """25 november 2026."""
    months = ("januari februari maart april mei juni juli augustus september oktober november december").split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def welcome(org: Organization, supervision: Supervision, placement: Placement, request: Request,
            deps: Dependencies) -> Message:
    """To the supervisor: the person's first name, the start and the evaluation dates, and their link."""
    moments = "\n".join(f"- {label}: rond {dutch_date(due_on(moment, supervision.start_on, None))}"
                        for moment, label in ((Moment.SIX_WEEKS, "na zes weken"), (Moment.THREE_MONTHS, "na drie maanden")))
    body = (f"Beste {placement.supervisor_name},\n\n{request.first_name} begint op {dutch_date(supervision.start_on)} "
            f"bij {placement.title}. Jij bent de werkbegeleider.\n\n"
            f"Via deze persoonlijke link zie je wat {request.first_name} wil leren, en vul je de evaluaties in:\n"
            f"{masked_link(deps.public_url, SUPERVISOR_PATH)}\n\n"
            f"De evaluaties:\n{moments}\n- aan het einde, met een paar woorden voor het bewijs van werkervaring\n\n"
            "Het zijn steeds drie korte vragen. Deel deze link met niemand.\n\n"
            f"Hartelijke groet,\nde coördinator van {org.name}{contact_footer(org.name, org.contact)}")
    message = Message.queue(org.id, placement.supervisor_email, f"Werkbegeleiding van {request.first_name}", body,
                            "supervisor", supervision.id, supervision.match_id, now=supervision.created_at)
    return seal_into(message, supervision.token, deps)
