"""A coordinator decides a possible duplicate: merge the newer record into the older one, or keep the
two apart (then the pair is never flagged again). Koppel never does either by itself."""
from __future__ import annotations

from matching.domain import commands
from matching.domain.duplicate import PossibleDuplicate, Resolution
from matching.domain.errors import Conflict
from matching.domain.people import Request, Volunteer
from matching.services import erasure
from matching.services.calls import person
from matching.services.handlers.audited import audited
from matching.services.ports import Dependencies, UnitOfWork

FILLED = ("last_name", "email", "phone", "birth_year", "gender", "about", "motivation")  # blanks the older one may take


def resolve_duplicate(cmd: commands.ResolveDuplicate, uow: UnitOfWork, deps: Dependencies) -> str:
    """Decide once; a merge moves the newer record's notes to the older, fills the older's blanks and
    erases the newer (refused while the newer one has matches of its own). Returns the resolution."""
    with uow:
        flag: PossibleDuplicate = uow.duplicates.get(cmd.duplicate_id, cmd.organization_id, lock=True)
        now = deps.clock.now()
        flag.resolve(cmd.resolution, cmd.by_user, now)
        if flag.resolution == Resolution.MERGE:
            _merge(uow, flag, now)
        audited(uow, deps, cmd, f"{flag.person_type}.duplicate", flag.person_type, flag.person_id)
        return str(flag.resolution)


def _merge(uow: UnitOfWork, flag: PossibleDuplicate, now) -> None:
    older = person(uow, flag.organization_id, flag.person_type, flag.person_id, lock=True)
    newer = person(uow, flag.organization_id, flag.person_type, flag.other_id, lock=True)
    if older.erased_at is not None or newer.erased_at is not None:
        raise Conflict("one of the two was erased; keep them apart instead")
    if uow.matches.for_person(flag.person_type, newer.id, ("proposed", "active", "ended", "declined")):
        raise Conflict("the newer record has matches of its own; end or decline them first")
    blanks = {name: getattr(newer, name) for name in FILLED
              if hasattr(older, name) and getattr(older, name) in (None, "") and getattr(newer, name) not in (None, "")}
    if blanks:
        older.correct(blanks, now=now)
    uow.notes.move(flag.person_type, newer.id, older.id)
    if isinstance(newer, Request):
        newer.withdraw(now=now, match_running=False)
    elif isinstance(newer, Volunteer):
        newer.leave(0, now=now)
    erasure.forget(uow, flag.person_type, newer.id, keep_flag=flag.id)
