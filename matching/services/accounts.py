"""Coordinator accounts: creating them, passwords and the second login step. Each change is audited
by ids only; changing a password or the second step ends every session of that account."""
from __future__ import annotations

from matching.domain import commands as c
from matching.domain.errors import Conflict, Invalid
from matching.domain.organization import User
from matching.services.ports import Dependencies, UnitOfWork

MIN_PASSWORD = 12


def _checked_new_password(password: str, email: str, deps: Dependencies) -> str:
    if len(password) < MIN_PASSWORD:
        raise Invalid("new_password", f"use at least {MIN_PASSWORD} characters")
    if len(password) > 256:
        raise Invalid("new_password", "use at most 256 characters")
    if password.strip().lower() in {email.lower(), email.split("@")[0].lower()}:
        raise Invalid("new_password", "do not use your email address as password")
    return deps.passwords.hash(password)


def _user(uow: UnitOfWork, user_id: str) -> User:
    return uow.users.get(user_id, lock=True)


def _require_password(user: User, password: str, field: str, deps: Dependencies) -> None:
    """Changes to the login itself are confirmed with the current password."""
    if not deps.passwords.verify(user.password_hash, password):
        raise Invalid(field, "this is not your current password")


def _audit(uow: UnitOfWork, deps: Dependencies, user: User, action: str, by_operator: bool = False) -> None:
    """An account event in the audit log, ids only: done by the account itself, or by the operator."""
    uow.audit.record(user.organization_id, None if by_operator else user.id, f"account.{action}", "user", user.id,
                     deps.clock.now())


def create_user(cmd: c.CreateUser, uow: UnitOfWork, deps: Dependencies) -> str:
    with uow:
        org = uow.organizations.by_slug(cmd.organization_slug)
        if uow.users.by_email(cmd.email):
            raise Conflict("a user with this email exists")
        if len(cmd.password) < MIN_PASSWORD:
            raise Invalid("password", f"use at least {MIN_PASSWORD} characters")
        user = User(org.id, cmd.email, deps.passwords.hash(cmd.password), cmd.role)
        uow.users.add(user)
        uow.commit()
        return user.id


def change_password(cmd: c.ChangePassword, uow: UnitOfWork, deps: Dependencies) -> int:
    """Returns the new session version, so the browser that changed it can stay logged in."""
    with uow:
        user = _user(uow, cmd.user_id)
        _require_password(user, cmd.current_password, "current_password", deps)
        user.change_password(_checked_new_password(cmd.new_password, user.email, deps))
        _audit(uow, deps, user, "password")
        uow.commit()
        return user.session_version


def reset_account(cmd: c.ResetAccount, uow: UnitOfWork, deps: Dependencies) -> None:
    with uow:
        user = uow.users.by_email(cmd.email)
        if user is None:
            raise Invalid("email", "no account with this email")
        user.reset(_checked_new_password(cmd.password, user.email, deps))
        _audit(uow, deps, user, "reset", by_operator=True)
        uow.commit()


def end_sessions(cmd: c.EndSessions, uow: UnitOfWork, deps: Dependencies) -> None:
    with uow:
        user = _user(uow, cmd.user_id)
        user.end_sessions()
        _audit(uow, deps, user, "logout")
        uow.commit()


def _step(secret: str, code: str, deps: Dependencies) -> int:
    step = deps.totp.matching_step(secret, code, deps.clock.now().timestamp())
    if step is None:
        raise Invalid("code", "this code is not right; type the 6 digits your app shows now")
    return step


def enable_two_factor(cmd: c.EnableTwoFactor, uow: UnitOfWork, deps: Dependencies) -> int:
    """The secret is kept only once a code from it proves the app has it."""
    with uow:
        user = _user(uow, cmd.user_id)
        user.enable_two_factor(cmd.secret, _step(cmd.secret, cmd.code, deps))
        _audit(uow, deps, user, "two_factor_on")
        uow.commit()
        return user.session_version


def disable_two_factor(cmd: c.DisableTwoFactor, uow: UnitOfWork, deps: Dependencies) -> int:
    with uow:
        user = _user(uow, cmd.user_id)
        _require_password(user, cmd.password, "password", deps)
        user.disable_two_factor()
        _audit(uow, deps, user, "two_factor_off")
        uow.commit()
        return user.session_version


def check_login_code(cmd: c.CheckLoginCode, uow: UnitOfWork, deps: Dependencies) -> None:
    """The second login step; each code is accepted once (a replayed one is refused)."""
    with uow:
        user = _user(uow, cmd.user_id)
        if not user.two_factor:
            raise Invalid("code", "two-factor login is not set up")
        user.use_code_step(_step(user.totp_secret, cmd.code, deps))
        _audit(uow, deps, user, "login")
        uow.commit()


HANDLERS = {
    c.CreateUser: create_user,
    c.ChangePassword: change_password,
    c.ResetAccount: reset_account,
    c.EndSessions: end_sessions,
    c.EnableTwoFactor: enable_two_factor,
    c.DisableTwoFactor: disable_two_factor,
    c.CheckLoginCode: check_login_code,
}
