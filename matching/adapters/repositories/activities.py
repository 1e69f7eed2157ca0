"""Activities and the sign-ups people make from their private link."""
from __future__ import annotations

from sqlalchemy import delete, func, select, update

from matching.adapters import orm
from matching.adapters.repositories.base import SqlRepository, is_id
from matching.adapters.repositories.messages import ERASED
from matching.domain.activity import Activity, ActivitySignup, ActivityStatus

HOST = "activity"  # recipient_type of the message that tells a host someone signed up


class ActivityRepository(SqlRepository[Activity]):
    cls = Activity

    def of(self, organization_ids: list[str], open_only: bool = True) -> list[Activity]:
        """The organisations' activities (open ones only, unless asked), in a stable order."""
        query = select(Activity).where(Activity.organization_id.in_(organization_ids))
        if open_only:
            query = query.where(Activity.status == ActivityStatus.OPEN)
        return list(self.session.scalars(query.order_by(Activity.title, Activity.id)))

    def version(self, organization_ids: list[str]) -> tuple:
        """Changes whenever an activity of these organisations is added, changed or closed."""
        a = orm.activities.c
        mine = a.organization_id.in_(organization_ids)
        return tuple(self.session.execute(select(func.count(), func.max(a.updated_at)).where(mine)).one())

    def taken(self, organization_ids: list[str]) -> dict[str, int]:
        """Sign-ups per activity of these organisations (only those with any)."""
        s = orm.activity_signups.c
        rows = self.session.execute(select(s.activity_id, func.count()).where(s.organization_id.in_(organization_ids))
                                    .group_by(s.activity_id))
        return {activity_id: count for activity_id, count in rows}

    def add_signup(self, signup: ActivitySignup) -> None:
        self.session.add(signup)

    def remove_signup(self, signup: ActivitySignup) -> None:
        self.session.delete(signup)

    def signup(self, activity_id: str, request_id: str) -> ActivitySignup | None:
        if not is_id(activity_id):
            return None
        return self.session.scalars(select(ActivitySignup).where(
            ActivitySignup.activity_id == activity_id, ActivitySignup.request_id == request_id)).first()

    def signups_of_request(self, request_id: str) -> list[ActivitySignup]:
        return list(self.session.scalars(select(ActivitySignup).where(ActivitySignup.request_id == request_id)
                                         .order_by(ActivitySignup.created_at)))

    def signups_of_activity(self, activity_id: str) -> list[ActivitySignup]:
        return list(self.session.scalars(select(ActivitySignup).where(ActivitySignup.activity_id == activity_id)
                                         .order_by(ActivitySignup.created_at)))

    def forget_person(self, request_id: str) -> None:
        """A person erased: their sign-ups gone, and the messages that told hosts about them blanked."""
        s, m = orm.activity_signups.c, orm.messages.c
        ids = select(s.id).where(s.request_id == request_id)
        self.session.execute(update(orm.messages).where(m.recipient_type == HOST, m.match_id.in_(ids))
                             .values(to_address=None, subject=ERASED, body=ERASED, link_seal=None, sms_body=None))
        self.session.execute(delete(orm.activity_signups).where(s.request_id == request_id))
