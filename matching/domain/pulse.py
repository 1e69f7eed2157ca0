"""The pulse: a few plain questions to each side of a running match, and one when it ends.

A match is where the value is, and where it is most often lost quietly; asking both sides a little,
often at first and then every three months, shows the coordinator which matches need a call. Each
question is answered on a 1-4 scale with words (4 is good), plus an optional comment; a round is
answered once. Its private link is a token whose hash alone is stored, as for /mijn/ links.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any, Mapping

from matching.domain import events as ev
from matching.domain.base import Aggregate, new_id, new_token, utcnow
from matching.domain.errors import Conflict, Invalid
from matching.domain.shapes import Unsaved

FIRST_ROUNDS = (14, 42, 91)  # days after confirmation: 2 weeks, 6 weeks, 3 months
EVERY = 91  # then every 3 months
EXIT_ROUND = 0  # the one question round when a match ends
LOW = 2  # an answer at or below this is a worry ("Matig", "Soms", "Ik twijfel")
MAX_COMMENT = 1000
SCALE = (1, 2, 3, 4)


class PulseSide(StrEnum):
    REQUEST = "request"  # the person who asked for a maatje or a werkervaringsplaats
    OFFER = "offer"  # the volunteer (a placement has no person to ask: its supervisor gets evaluations)


@dataclass(frozen=True)
class Question:
    key: str
    nl: str
    en: str
    words_nl: tuple[str, str, str, str]
    words_en: tuple[str, str, str, str]
    placement_nl: str | None = None  # the wording for someone at a werkervaringsplaats
    placement_en: str | None = None

    def text(self, lang: str, track: str) -> str:
        placement = track == "werkervaringsplaats"
        if lang == "en":
            return (self.placement_en if placement and self.placement_en else self.en)
        return self.placement_nl if placement and self.placement_nl else self.nl

    def words(self, lang: str) -> tuple[str, ...]:
        return self.words_en if lang == "en" else self.words_nl


CHECK_IN = (
    Question("contact", "Hoe gaat het contact met je maatje?", "How is the contact with your buddy going?",
             ("Niet goed", "Matig", "Goed", "Heel goed"), ("Not good", "So-so", "Good", "Very good"),
             "Hoe gaat het op je werkervaringsplaats?", "How is it going at your work-experience place?"),
    Question("meeting", "Lukt het om af te spreken?", "Do you manage to meet?",
             ("Nee", "Soms", "Meestal", "Ja, altijd"), ("No", "Sometimes", "Mostly", "Yes, always"),
             "Lukt het om op de afgesproken tijden te gaan?", "Do you manage to go at the agreed times?"),
    Question("at_ease", "Voel je je op je gemak bij je maatje?", "Do you feel at ease with your buddy?",
             ("Nee", "Een beetje", "Meestal wel", "Ja, helemaal"), ("No", "A little", "Mostly", "Yes, completely"),
             "Voel je je op je gemak op je werkplek?", "Do you feel at ease at your workplace?"),
    Question("go_on", "Wil je doorgaan?", "Do you want to go on?",
             ("Nee", "Ik twijfel", "Ja, denk ik", "Ja, zeker"), ("No", "I am not sure", "Yes, I think so",
                                                                 "Yes, definitely")),
)
EXIT = (
    Question("looking_back", "Hoe kijk je terug op de koppeling?", "How do you look back on the match?",
             ("Niet goed", "Matig", "Goed", "Heel goed"), ("Not good", "So-so", "Good", "Very good"),
             "Hoe kijk je terug op je werkervaringsplaats?", "How do you look back on your work-experience place?"),
    Question("farewell", "Hoe ging het afscheid?", "How did saying goodbye go?",
             ("Niet goed", "Matig", "Goed", "Heel goed"), ("Not good", "So-so", "Good", "Very good")),
    Question("again", "Zou je het nog een keer doen?", "Would you do it again?",
             ("Nee", "Misschien niet", "Misschien wel", "Ja"), ("No", "Maybe not", "Maybe", "Yes")),
)


def questions_of(round_: int) -> tuple[Question, ...]:
    return EXIT if round_ == EXIT_ROUND else CHECK_IN


def round_day(round_: int) -> int:
    """Days after confirmation that round `round_` (1, 2, ...) opens."""
    if round_ < 1:
        raise ValueError("rounds start at 1")
    return FIRST_ROUNDS[round_ - 1] if round_ <= len(FIRST_ROUNDS) else FIRST_ROUNDS[-1] + EVERY * (round_ - 3)


def due_round(confirmed_on: date, today: date) -> int | None:
    """The latest round open on `today`, or None before the first. A worker that was down for a
    while raises only this one: nobody gets three questionnaires at once."""
    days = (today - confirmed_on).days
    if days < FIRST_ROUNDS[0]:
        return None
    for number, day in enumerate(FIRST_ROUNDS, 1):
        if days < day:
            return number - 1
    return len(FIRST_ROUNDS) + (days - FIRST_ROUNDS[-1]) // EVERY


def opens_on(confirmed_on: date, round_: int) -> date:
    return confirmed_on + timedelta(days=round_day(round_))


class Pulse(Aggregate):
    """One round of questions to one side of a match; `token` lives only until the message is sealed."""

    id: str
    organization_id: str
    match_id: str
    side: PulseSide
    person_type: str  # "request" or "volunteer": whose answers these are (their export, their erasure)
    person_id: str
    round: int  # 1, 2, ... for check-ins; EXIT_ROUND when the match ended
    track: str  # "maatje" or "werkervaringsplaats": the questions' wording
    due_on: date
    token_hash: str
    created_at: datetime
    answered_at: datetime | None
    answers: dict[str, int] | None
    comment: str | None
    token: Unsaved[str | None] = None  # only on the instance that raised it, until its message is sealed

    @classmethod
    def raise_(cls, organization_id: str, match_id: str, side: str, person_type: str, person_id: str,
               round_: int, track: str, due_on: date, now: datetime | None = None) -> "Pulse":
        pulse = cls()
        pulse.id, pulse.organization_id, pulse.match_id = new_id(), organization_id, match_id
        pulse.side, pulse.person_type, pulse.person_id = PulseSide(side), person_type, person_id
        pulse.round, pulse.track, pulse.due_on = round_, track, due_on
        pulse.token, pulse.token_hash = new_token()
        pulse.created_at = now or utcnow()
        pulse.answered_at = pulse.answers = pulse.comment = None
        pulse.record(ev.PulseRaised(organization_id, pulse.id, match_id, str(pulse.side), round_))
        return pulse

    @property
    def is_exit(self) -> bool:
        return self.round == EXIT_ROUND

    @property
    def questions(self) -> tuple[Question, ...]:
        return questions_of(self.round)

    def answer(self, answers: Mapping[str, Any], comment: str | None, match_open: bool,
               now: datetime | None = None) -> None:
        """Store the answers once; a second time is a Conflict, as is a check-in of a match that ended."""
        if self.answered_at is not None:
            raise Conflict("these questions were already answered")
        if not match_open and not self.is_exit:
            raise Conflict("the match has ended")
        self.answers = checked_answers(answers, self.questions)
        comment = (comment or "").strip()
        if len(comment) > MAX_COMMENT:
            raise Invalid("comment", f"at most {MAX_COMMENT} characters")
        self.comment = comment or None
        self.answered_at = now or utcnow()
        self.record(ev.PulseAnswered(self.organization_id, self.id, self.match_id, str(self.side), self.round))


def checked_answers(answers: Mapping[str, Any], questions: tuple[Question, ...]) -> dict[str, int]:
    """Each known question answered 1-4 (integers, not booleans); at least one answered."""
    if not isinstance(answers, Mapping):
        raise Invalid("answers", "an object of question key to 1-4")
    keys = {q.key for q in questions}
    for key, value in answers.items():
        if key not in keys:
            raise Invalid(f"answers.{key}", f"not a question here; one of {', '.join(sorted(keys))}")
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise Invalid(f"answers.{key}", "a whole number from 1 to 4")
    if not answers:
        raise Invalid("answers", "answer at least one question")
    return {q.key: int(answers[q.key]) for q in questions if q.key in answers}


def low_answers(answers: Mapping[str, int] | None) -> list[str]:
    """The keys answered at or below LOW, in question order."""
    return [q.key for q in CHECK_IN if (answers or {}).get(q.key, LOW + 1) <= LOW]


def mean(answers: Mapping[str, int] | None) -> float | None:
    values = list((answers or {}).values())
    return sum(values) / len(values) if values else None
