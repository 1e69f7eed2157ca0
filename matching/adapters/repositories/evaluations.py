"""Supervisions (the supervisor's private link of a placement match) and their evaluations."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.errors import NotFound
from matching.domain.evaluation import Evaluation, Supervision


class EvaluationRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, item: Supervision | Evaluation) -> None:
        self.session.add(item)

    def supervision_by_token(self, token_hash: str, lock: bool = False) -> Supervision:
        """The supervision behind a supervisor's private link; NotFound when none."""
        query = select(Supervision).where(Supervision.token_hash == token_hash)
        found = self.session.scalars(query.with_for_update() if lock else query).first()
        if found is None:
            raise NotFound("no such link")
        return found

    def supervision_of(self, match_id: str) -> Supervision | None:
        return self.session.scalars(select(Supervision).where(Supervision.match_id == match_id)).first()

    def supervisions(self) -> list[Supervision]:
        """Every supervision (the periodic run looks for late evaluations)."""
        return list(self.session.scalars(select(Supervision)))

    def of_match(self, match_id: str) -> list[Evaluation]:
        return list(self.session.scalars(select(Evaluation).where(Evaluation.match_id == match_id)
                                         .order_by(Evaluation.due_on, Evaluation.side)))

    def of_request(self, request_id: str) -> list[Evaluation]:
        """Every evaluation about one person's placements (their export)."""
        return list(self.session.scalars(select(Evaluation).where(Evaluation.request_id == request_id)
                                         .order_by(Evaluation.answered_at, Evaluation.id)))

    def forget_about(self, request_id: str) -> None:
        """Evaluations are about the person: erased with them, both sides' answers and the closing words."""
        self.session.execute(delete(orm.evaluations).where(orm.evaluations.c.request_id == request_id))
        match_ids = select(orm.matches.c.id).where(orm.matches.c.request_id == request_id)
        self.session.execute(orm.supervisions.update().where(orm.supervisions.c.match_id.in_(match_ids))
                             .values(closing_words=None))
