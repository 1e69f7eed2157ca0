"""The short codes printed in letters, each leading to a person's private link."""
from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from matching.adapters import orm
from matching.domain.short_link import ShortLink


class ShortLinkRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, link: ShortLink) -> None:
        self.session.add(link)

    def find(self, code_hash: str) -> ShortLink | None:
        return self.session.get(ShortLink, code_hash)

    def drop_for(self, person_type: str, person_id: str) -> None:
        """A person's printed short codes stop working (their link was replaced, or they were erased)."""
        s = orm.short_links.c
        self.session.execute(delete(orm.short_links).where(s.person_type == person_type, s.person_id == person_id))
