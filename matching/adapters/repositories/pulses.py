"""Pulses: a match's check-in questions per side and round, and their answers."""
from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.errors import NotFound
from matching.domain.pulse import Pulse

p = orm.pulses.c


class PulseRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, pulse: Pulse) -> None:
        self.session.add(pulse)

    def by_token(self, token_hash: str, lock: bool = False) -> Pulse:
        """The pulse behind a private link; NotFound when none."""
        query = select(Pulse).where(Pulse.token_hash == token_hash)
        found = self.session.scalars(query.with_for_update() if lock else query).first()
        if found is None:
            raise NotFound("no such link")
        return found

    def exists(self, match_id: str, side: str, round_: int) -> bool:
        return (self.session.scalar(select(func.count()).select_from(orm.pulses).where(
            p.match_id == match_id, p.side == side, p.round == round_)) or 0) > 0

    def rounds_raised(self, match_ids: list[str]) -> dict[str, set[tuple[str, int]]]:
        """{match_id: {(side, round), ...}} of the given matches, in one read per thousand ids."""
        out: dict[str, set[tuple[str, int]]] = {}
        for start in range(0, len(match_ids), 1000):
            rows = self.session.execute(select(p.match_id, p.side, p.round).where(
                p.match_id.in_(match_ids[start:start + 1000])))
            for match_id, side, round_ in rows:
                out.setdefault(match_id, set()).add((side, round_))
        return out

    def of_match(self, match_id: str) -> list[Pulse]:
        return list(self.session.scalars(select(Pulse).where(Pulse.match_id == match_id)
                                         .order_by(Pulse.round, Pulse.side)))

    def of_person(self, person_type: str, person_id: str) -> list[Pulse]:
        """A person's own questions and answers, oldest first (their export)."""
        return list(self.session.scalars(select(Pulse).where(
            Pulse.person_type == person_type, Pulse.person_id == person_id).order_by(Pulse.created_at, Pulse.id)))

    def forget_about(self, person_type: str, person_id: str) -> None:
        """A person's answers are theirs: erased with them."""
        self.session.execute(delete(orm.pulses).where(p.person_type == person_type, p.person_id == person_id))
