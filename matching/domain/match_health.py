"""How a running match is doing, from what Koppel knows: too early to say, on track, or needs a check-in.

The rules are plain on purpose, so a coordinator can follow each reason and check it:
- a low answer (2 or less) in a side's latest check-in, or its scores falling by a point on average;
- a side that left its latest check-in unanswered for two weeks, with no note about them since;
- no contact noted (a note about either side, or an answered check-in) for eight weeks;
- a check-in reminder past its date with no contact since, or a term ending that nobody renewed.
Any reason makes it `needs_check_in`; without one it is `too_early` until the first check-in could have
been answered (four weeks), then `on_track`. Pure: the service layer gathers the facts.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Mapping

from matching.domain.pulse import CHECK_IN, FIRST_ROUNDS, LOW, low_answers, mean

SILENT_AFTER = timedelta(days=14)  # a check-in unanswered this long is silence
NO_CONTACT = timedelta(weeks=8)
TOO_EARLY = timedelta(days=FIRST_ROUNDS[0]) + SILENT_AFTER
FALL = 1.0  # a drop of the average answer by this much is a worry even when no answer is low
SIDE_WORDS = {"request": "de deelnemer", "offer": "de vrijwilliger"}
QUESTION_TEXT = {q.key: q for q in CHECK_IN}


class Health(StrEnum):
    TOO_EARLY = "too_early"
    ON_TRACK = "on_track"
    NEEDS_CHECK_IN = "needs_check_in"


@dataclass(frozen=True)
class PulseFact:
    side: str
    round: int
    raised_at: datetime
    answered_at: datetime | None = None
    answers: Mapping[str, int] | None = None


@dataclass(frozen=True)
class Facts:
    confirmed_at: datetime
    sides: tuple[str, ...] = ("request", "offer")  # a placement's side has no person to ask
    track: str = "maatje"
    pulses: tuple[PulseFact, ...] = ()  # check-ins only, any order
    notes: Mapping[str, tuple[datetime, ...]] = field(default_factory=dict)  # per side: notes about that person
    open_reminders: tuple[tuple[str, date], ...] = ()  # (kind, due_on) not yet handled
    ends_on: date | None = None


@dataclass(frozen=True)
class Assessment:
    health: Health
    reasons: tuple[str, ...]  # why it needs a check-in, in Dutch; empty otherwise
    summary: str  # one Dutch sentence that explains the health


def assess(facts: Facts, now: datetime) -> Assessment:
    """The health of an active match at `now`, with its reasons."""
    reasons = [*_low_or_falling(facts), *_silent(facts, now), *_no_contact(facts, now), *_reminders(facts, now)]
    if reasons:
        return Assessment(Health.NEEDS_CHECK_IN, tuple(reasons), "Neem contact op: " + reasons[0])
    answered = [p for p in facts.pulses if p.answered_at is not None]
    if not answered and now - facts.confirmed_at < TOO_EARLY:
        return Assessment(Health.TOO_EARLY, (), f"De koppeling loopt {(now - facts.confirmed_at).days} dagen. "
                          f"De eerste vragen gaan {FIRST_ROUNDS[0]} dagen na de start naar beide kanten.")
    if not answered:
        return Assessment(Health.ON_TRACK, (), "Geen zorgen gemeld; er is contact genoteerd.")
    last = max(answered, key=lambda p: p.answered_at)
    return Assessment(Health.ON_TRACK, (), f"Geen zorgen: de laatste antwoorden ({_day(last.answered_at)}) "
                      "zijn goed en er is contact.")


def _day(moment: datetime | date) -> str:
    return moment.strftime("%d-%m-%Y")


def _answered(facts: Facts, side: str) -> list[PulseFact]:
    return sorted((p for p in facts.pulses if p.side == side and p.answered_at is not None), key=lambda p: p.round)


def _low_or_falling(facts: Facts) -> list[str]:
    out = []
    for side in facts.sides:
        answered = _answered(facts, side)
        if not answered:
            continue
        last = answered[-1]
        low = low_answers(last.answers)
        if low:
            said = "; ".join(f"‘{QUESTION_TEXT[key].text('nl', facts.track)}’ {_word(key, last.answers[key])}"
                             for key in low)
            out.append(f"{SIDE_WORDS[side].capitalize()} gaf op {_day(last.answered_at)} een lage score: {said}.")
        elif len(answered) > 1:
            before, now_mean = mean(answered[-2].answers), mean(last.answers)
            if before is not None and now_mean is not None and before - now_mean >= FALL:
                out.append(f"De antwoorden van {SIDE_WORDS[side]} gingen omlaag: gemiddeld "
                           f"{_number(before)} en nu {_number(now_mean)} (op {_day(last.answered_at)}).")
    return out


def _word(key: str, value: int) -> str:
    return f"({value}: {QUESTION_TEXT[key].words('nl')[value - 1]})"


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def _silent(facts: Facts, now: datetime) -> list[str]:
    """Per side, its latest check-in: unanswered for SILENT_AFTER and no note about that person since."""
    silent: dict[str, datetime] = {}
    for side in facts.sides:
        raised = [p for p in facts.pulses if p.side == side]
        if not raised:
            continue
        latest = max(raised, key=lambda p: p.round)
        noted = any(at >= latest.raised_at for at in facts.notes.get(side, ()))
        if latest.answered_at is None and now - latest.raised_at >= SILENT_AFTER and not noted:
            silent[side] = latest.raised_at
    if len(silent) == 2 and len(facts.sides) == 2:
        first = min(silent.values())
        return [f"De deelnemer en de vrijwilliger hebben de vragen van {_day(first)} niet ingevuld."]
    return [f"{SIDE_WORDS[side].capitalize()} heeft de vragen van {_day(at)} niet ingevuld."
            for side, at in silent.items()]


def last_contact(facts: Facts) -> datetime | None:
    """The newest note about either side, or answered check-in."""
    moments = [at for side in facts.sides for at in facts.notes.get(side, ())]
    moments += [p.answered_at for p in facts.pulses if p.answered_at is not None]
    return max(moments, default=None)


def _no_contact(facts: Facts, now: datetime) -> list[str]:
    if now - facts.confirmed_at < NO_CONTACT:
        return []
    last = last_contact(facts)
    if last is not None and now - last < NO_CONTACT:
        return []
    since = f"het laatste op {_day(last)}" if last else "nog nooit sinds de start"
    return [f"Geen contact genoteerd in 8 weken ({since})."]


def _reminders(facts: Facts, now: datetime) -> list[str]:
    out = []
    contact = last_contact(facts)
    for kind, due_on in sorted(facts.open_reminders, key=lambda item: item[1]):
        if kind == "check_in" and due_on <= now.date() and (contact is None or contact.date() < due_on):
            out.append(f"De check-in van {_day(due_on)} staat nog open.")
        if kind == "renewal" and facts.ends_on is not None and facts.ends_on <= due_on:
            out.append(f"De koppeling loopt af op {_day(facts.ends_on)}: verlengen of afronden?")
    return out


__all__ = ["Assessment", "Facts", "Health", "LOW", "PulseFact", "assess", "last_contact"]
