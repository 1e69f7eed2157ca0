"""A werkervaringsplaats's supervision: the supervisor's private link, and the evaluations at 6 weeks,
3 months and the end, answered by the supervisor and the participant alike.

Municipalities tie their funding to these evaluation moments; asking both sides the same three
things (progress on the person's own goals 1-4, what went well, the next step) keeps them short and
comparable. The supervisor's link is a token whose hash alone is stored, like every private link;
the participant answers through their own private link.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from enum import StrEnum

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, new_token, utcnow
from matching.domain.errors import Conflict, Invalid
from matching.domain.shapes import Unsaved

MAX_TEXT = 1000
PROGRESS = (1, 2, 3, 4)
PROGRESS_WORDS = ("Nog niet", "Een beetje", "Goed op weg", "Gehaald")
PROGRESS_WORDS_EN = ("Not yet", "A little", "Well on the way", "Reached")
LATE_AFTER_DAYS = 14  # a moment not answered by the supervisor this long after it is due: remind the coordinator
OPENS_EARLY_DAYS = 7  # a moment can be answered this many days before it is due (the talk may come earlier)


class Moment(StrEnum):
    SIX_WEEKS = "six_weeks"
    THREE_MONTHS = "three_months"
    END = "end"


class EvaluationSide(StrEnum):
    SUPERVISOR = "supervisor"
    PARTICIPANT = "participant"


MOMENT_DAYS = {Moment.SIX_WEEKS: 42, Moment.THREE_MONTHS: 91}
MOMENT_NL = {Moment.SIX_WEEKS: "Na zes weken", Moment.THREE_MONTHS: "Na drie maanden", Moment.END: "Aan het einde"}
MOMENT_EN = {Moment.SIX_WEEKS: "After six weeks", Moment.THREE_MONTHS: "After three months", Moment.END: "At the end"}


def due_on(moment: Moment, start_on: date, ended_on: date | None) -> date | None:
    """The day a moment is due: 6 weeks or 3 months after the start; the end when the placement ended
    (None while it runs)."""
    if moment == Moment.END:
        return ended_on
    return start_on + timedelta(days=MOMENT_DAYS[moment])


def is_open(moment: Moment, start_on: date, ended_on: date | None, today: date) -> bool:
    """Whether a moment can be answered today: from a week before it is due; the end once it ended.
    A placement that ended early skips the moments it never reached."""
    due = due_on(moment, start_on, ended_on)
    if due is None:
        return False
    if moment != Moment.END and ended_on is not None and due > ended_on:
        return False
    return today >= due - timedelta(days=0 if moment == Moment.END else OPENS_EARLY_DAYS)


def late(moment: Moment, start_on: date, ended_on: date | None, today: date) -> date | None:
    """The due date of a moment that is now late (not answered LATE_AFTER_DAYS after it), else None;
    the caller knows whether it was answered."""
    due = due_on(moment, start_on, ended_on)
    if due is None or (moment != Moment.END and ended_on is not None and due > ended_on):
        return None
    return due if (today - due).days >= LATE_AFTER_DAYS else None


class Supervision(Aggregate):
    """The supervisor's side of one confirmed placement match: the private link and the closing words."""

    id: str
    organization_id: str
    match_id: str
    start_on: date
    token_hash: str
    created_at: datetime
    closing_words: str | None  # for the certificate: written with the end evaluation
    token: Unsaved[str | None] = None  # only on the instance that made it, until its message is sealed

    @classmethod
    def start(cls, organization_id: str, match_id: str, start_on: date, now: datetime | None = None) -> "Supervision":
        supervision = cls()
        supervision.id, supervision.organization_id, supervision.match_id = new_id(), organization_id, match_id
        supervision.start_on = start_on
        supervision.token, supervision.token_hash = new_token()
        supervision.created_at, supervision.closing_words = now or utcnow(), None
        supervision.record(ev.SupervisionStarted(organization_id, supervision.id, match_id))
        return supervision

    def close_with(self, words: str | None) -> None:
        """The supervisor's closing words for the certificate."""
        words = (words or "").strip()
        if len(words) > MAX_TEXT:
            raise Invalid("closing_words", f"at most {MAX_TEXT} characters")
        self.closing_words = words or self.closing_words


class Evaluation(Aggregate):
    """One side's answers at one moment; answered once."""

    id: str
    organization_id: str
    match_id: str
    request_id: str  # whose placement this is: their export and their erasure
    side: EvaluationSide
    moment: Moment
    due_on: date
    answered_at: datetime
    goals_progress: int
    went_well: str | None
    next_step: str | None

    @classmethod
    def answer(cls, organization_id: str, match_id: str, request_id: str, side: str, moment: str, due: date,
               goals_progress: object, went_well: str | None, next_step: str | None,
               now: datetime | None = None) -> "Evaluation":
        """Check and keep one side's answers at one moment (the caller checks the moment is open and new)."""
        if isinstance(goals_progress, bool) or goals_progress not in PROGRESS:
            raise Invalid("goals_progress", "a whole number from 1 to 4")
        evaluation = cls()
        evaluation.id, evaluation.organization_id = new_id(), organization_id
        evaluation.match_id, evaluation.request_id = match_id, request_id
        evaluation.side, evaluation.moment, evaluation.due_on = EvaluationSide(side), Moment(moment), due
        evaluation.goals_progress = int(goals_progress)
        evaluation.went_well, evaluation.next_step = _text("went_well", went_well), _text("next_step", next_step)
        evaluation.answered_at = now or utcnow()
        evaluation.record(ev.EvaluationAnswered(organization_id, evaluation.id, match_id, str(evaluation.side),
                                                str(evaluation.moment)))
        return evaluation


def _text(field: str, value: str | None) -> str | None:
    value = (value or "").strip()
    if len(value) > MAX_TEXT:
        raise Invalid(field, f"at most {MAX_TEXT} characters")
    return value or None


def open_moment(start_on: date, ended_on: date | None, today: date, answered: set[str]) -> Moment | None:
    """The moment this side should answer now: the latest open one not yet answered, else None."""
    for moment in reversed(list(Moment)):
        if is_open(moment, start_on, ended_on, today):
            return None if moment in answered else moment
    return None


def check_open(moment: str, start_on: date, ended_on: date | None, today: date, answered: set[str]) -> Moment:
    """The moment asked for, when it can be answered now by this side; Conflict otherwise."""
    try:
        chosen = Moment(moment)
    except ValueError:
        raise Invalid("moment", "one of six_weeks, three_months, end") from None
    if chosen in answered:
        raise Conflict("this evaluation was already answered")
    if not is_open(chosen, start_on, ended_on, today):
        raise Conflict("this evaluation is not open yet")
    return chosen
